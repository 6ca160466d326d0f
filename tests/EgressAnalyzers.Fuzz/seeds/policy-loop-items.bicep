// Loop items referenced by index: groups whose parent is their iteration's policy, a group named after a policy item,
// firewalls using their item's policy, child policies of a base made by a loop, and array and object spreads.
param regions array = [
  'westeurope'
  'northeurope'
]

var images = [ 'mcr.microsoft.com', '*.data.mcr.microsoft.com' ]
var baseRule = { ruleType: 'ApplicationRule', name: 'base', sourceAddresses: [ '*' ], protocols: [ { protocolType: 'Https', port: 443 } ] }

resource base 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'base'
  location: 'westeurope'
  properties: {}
}

resource policies 'Microsoft.Network/firewallPolicies@2024-05-01' = [for region in regions: {
  name: 'policy-${region}'
  location: region
  properties: { basePolicy: { id: base.id } }
}]

resource groups 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = [for (region, i) in regions: {
  parent: policies[i]
  name: 'aks'
  properties: {
    priority: 200
    ruleCollections: [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'aks-app'
        priority: 100
        action: { type: 'Allow' }
        rules: [
          {
            ...baseRule
            name: 'core'
            targetFqdns: [
              '*.hcp.${region}.azmk8s.io'
              ...images
              'management.azure.com'
              'login.microsoftonline.com'
              'packages.microsoft.com'
              'acs-mirror.azureedge.net'
            ]
          }
        ]
      }
    ]
  }
}]

resource extra 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = [for (region, i) in regions: {
  name: '${policies[i].name}/extra'
  properties: {
    priority: 300
    ruleCollections: []
  }
}]

resource firewalls 'Microsoft.Network/azureFirewalls@2024-05-01' = [for (region, i) in regions: {
  name: 'fw-${region}'
  location: region
  properties: { firewallPolicy: { id: policies[i].id } }
}]
