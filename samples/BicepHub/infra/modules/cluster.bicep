// The AKS cluster whose egress goes through the hub firewall (user-defined routing).
param location string

resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-bicep'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-bicep'
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
        vmSize: 'Standard_D4ds_v5'
        osType: 'Linux'
      }
    ]
    networkProfile: {
      networkPlugin: 'azure'
      outboundType: 'userDefinedRouting'
    }
  }
}
