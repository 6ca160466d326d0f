// other-resource-group.bicep's module: a policy named like the caller's, in another resource group, denying all web traffic.
resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'fwp'
  location: 'westeurope'
}

resource deny 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
  parent: policy
  name: 'deny'
  properties: {
    priority: 100
    ruleCollections: [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'deny-web'
        priority: 100
        action: { type: 'Deny' }
        rules: [ { ruleType: 'ApplicationRule', name: 'all', protocols: [ { protocolType: 'Https', port: 443 } ], sourceAddresses: [ '*' ], targetFqdns: [ '*' ] } ]
      }
    ]
  }
}

resource firewall 'Microsoft.Network/azureFirewalls@2024-05-01' = {
  name: 'fw-lab'
  location: 'westeurope'
  properties: { firewallPolicy: { id: resourceId('Microsoft.Network/firewallPolicies', 'fwp') } }
}
