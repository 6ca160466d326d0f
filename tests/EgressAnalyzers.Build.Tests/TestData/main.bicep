param location string = 'westeurope'

module hub 'hub.bicep' = {
  name: 'hub'
  params: {
    location: location
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks'
  location: location
  properties: {
    dnsPrefix: 'aks'
  }
}
