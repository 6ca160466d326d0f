param location string

resource fw 'Microsoft.Network/azureFirewalls@2024-05-01' = {
  name: 'fw-hub'
  location: location
  properties: {
    applicationRuleCollections: [
      {
        name: 'aks-core'
        properties: {
          priority: 200
          action: { type: 'Allow' }
          rules: [
            {
              name: 'registry'
              sourceAddresses: [ '10.240.0.0/16' ]
              protocols: [ { protocolType: 'Https', port: 443 } ]
              targetFqdns: [ 'mcr.microsoft.com' ]
            }
          ]
        }
      }
    ]
  }
}
