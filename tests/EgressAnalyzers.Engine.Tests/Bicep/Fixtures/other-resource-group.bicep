// Differential fixture: a module deployed to another resource group declares a policy of the same name as this file's,
// with a Deny for everything. The two are different policies: this file's 'fwp' allows MCR (no EGR1004), the lab's
// denies it. Inside the module, the group and the firewall find the lab's policy by name and by resourceId().
resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'fwp'
  location: 'westeurope'
}

resource allow 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
  parent: policy
  name: 'aks'
  properties: {
    priority: 200
    ruleCollections: [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'aks'
        priority: 100
        action: { type: 'Allow' }
        rules: [ { ruleType: 'ApplicationRule', name: 'mcr', protocols: [ { protocolType: 'Https', port: 443 } ], sourceAddresses: [ '*' ], targetFqdns: [ 'mcr.microsoft.com' ] } ]
      }
    ]
  }
}

module lab 'modules/lab-policy.bicep' = {
  name: 'lab'
  scope: resourceGroup('rg-lab')
}
