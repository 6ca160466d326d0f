// A generic rule collection group module, as platform repositories write them.
param policyName string
param groupName string
param fqdns array
param priority int = 300

resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' existing = {
  name: policyName
}

resource group 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
  parent: policy
  name: groupName
  properties: {
    priority: priority
    ruleCollections: [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: '${groupName}-fqdns'
        priority: 100
        action: { type: 'Allow' }
        rules: [
          {
            ruleType: 'ApplicationRule'
            name: 'fqdns'
            protocols: [ { protocolType: 'Https', port: 443 } ]
            sourceAddresses: [ '*' ]
            targetFqdns: fqdns
          }
        ]
      }
    ]
  }
}
