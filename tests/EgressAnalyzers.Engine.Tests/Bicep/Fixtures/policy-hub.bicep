// Differential fixture: a firewall policy with a base policy, nested and parent: rule collection groups, a Deny before
// the Allow, rules passed to a local module, and a conditional group.
param location string = 'northeurope'
param deployLegacy bool = false
param blocked array = [ '*.azmk8s.io' ]

resource basePolicy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'fwp-base'
  location: location
  properties: {}

  resource baseRules 'ruleCollectionGroups' = {
    name: 'base'
    properties: {
      priority: 100
      ruleCollections: [
        {
          ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
          name: 'deny-aks-wide'
          priority: 100
          action: { type: 'Deny' }
          rules: [
            {
              ruleType: 'ApplicationRule'
              name: 'deny'
              protocols: [ { protocolType: 'Https', port: 443 } ]
              sourceAddresses: [ '*' ]
              targetFqdns: blocked
            }
          ]
        }
      ]
    }
  }
}

resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'fwp-child'
  location: location
  properties: {
    basePolicy: { id: basePolicy.id }
  }
}

module aksRules 'modules/rule-group.bicep' = {
  name: 'aks-rules'
  params: {
    policyName: policy.name
    groupName: 'aks'
    fqdns: [
      '*.hcp.${location}.azmk8s.io'
      'mcr.microsoft.com'
      '*.data.mcr.microsoft.com'
      'management.azure.com'
      'login.microsoftonline.com'
    ]
  }
}

resource legacy 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = if (deployLegacy) {
  parent: policy
  name: 'legacy'
  properties: {
    priority: 500
    ruleCollections: []
  }
}

resource firewall 'Microsoft.Network/azureFirewalls@2024-05-01' = {
  name: 'fw-policy'
  location: location
  properties: {
    firewallPolicy: { id: policy.id }
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-ne'
  location: location
  properties: {
    apiServerAccessProfile: { enablePrivateCluster: false }
    agentPoolProfiles: [ { name: 'system', vmSize: 'Standard_D4ds_v5', osType: 'Windows' } ]
    networkProfile: { outboundType: 'userDefinedRouting' }
  }
}
