// Differential fixture: a policy per region made by a loop, their groups by a loop with parent: policies[i], a group
// named after its policy's item, firewalls using their item's policy (policies[i].id), target FQDNs built with an
// array spread, and a rule built with an object spread whose later targetFqdns replaces the base's. Every hub lacks
// the CNI mirror; the north European one allows another region's API server.
param regions array = [
  'westeurope'
  'northeurope'
]

var images = [
  'mcr.microsoft.com'
  '*.data.mcr.microsoft.com'
  'mcr-0001.mcr-msedge.net'
]

var baseRule = {
  ruleType: 'ApplicationRule'
  name: 'base'
  sourceAddresses: [ '10.240.0.0/16' ]
  protocols: [ { protocolType: 'Https', port: 443 } ]
  targetFqdns: [ 'acs-mirror.azureedge.net' ]
}

resource policies 'Microsoft.Network/firewallPolicies@2024-05-01' = [for region in regions: {
  name: 'policy-${region}'
  location: region
  properties: {}
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
            ruleType: 'ApplicationRule'
            name: 'core'
            sourceAddresses: [ '10.240.0.0/16' ]
            protocols: [ { protocolType: 'Https', port: 443 } ]
            targetFqdns: [
              '*.hcp.${region}.azmk8s.io'
              ...images
              'management.azure.com'
              'login.microsoftonline.com'
              'packages.microsoft.com'
              'packages.aks.azure.com'
            ]
          }
        ]
      }
    ]
  }
}]

resource ubuntu 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = [for (region, i) in regions: {
  name: '${policies[i].name}/ubuntu'
  dependsOn: [ groups ]
  properties: {
    priority: 300
    ruleCollections: [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'ubuntu'
        priority: 100
        action: { type: 'Allow' }
        rules: [
          {
            ...baseRule
            name: 'snapshot'
            targetFqdns: [ 'snapshot.ubuntu.com' ]
          }
        ]
      }
    ]
  }
}]

resource firewalls 'Microsoft.Network/azureFirewalls@2024-05-01' = [for (region, i) in regions: {
  name: 'fw-${region}'
  location: region
  dependsOn: [ ubuntu ]
  properties: {
    firewallPolicy: { id: policies[i].id }
  }
}]
