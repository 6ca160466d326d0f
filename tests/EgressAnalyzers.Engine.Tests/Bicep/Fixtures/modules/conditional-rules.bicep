// The rule collection group of conditional-groups.bicep's 'pol-module', deployed by a module under a condition.
param policyName string
param rule object

resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' existing = {
  name: policyName
}

resource group 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
  parent: policy
  name: 'aks'
  properties: {
    priority: 200
    ruleCollections: [ { ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'aks', priority: 100, action: { type: 'Allow' }, rules: [ rule ] } ]
  }
}
