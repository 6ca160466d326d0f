// Differential fixture: rule collection groups deployed under conditions. 'pol-deny' has a Deny group that exists only
// if an unset parameter is true, before the Allow for MCR; 'pol-allow' allows MCR in a group under an unset parameter;
// 'pol-module' gets its MCR rule from a module deployed under one; 'pol-known' from a group whose condition is true.
// MCR is therefore unknown (EGR1006) for the first three policies and allowed for the last; the rest is missing alike.
param denyInternet bool
param enableAks bool
param enableModuleRules bool
param alwaysOn bool = true

var mcrRule = {
  ruleType: 'ApplicationRule'
  name: 'mcr'
  protocols: [ { protocolType: 'Https', port: 443 } ]
  sourceAddresses: [ '10.240.0.0/16' ]
  targetFqdns: [ 'mcr.microsoft.com' ]
}

resource denyPolicy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'pol-deny'
  location: 'westeurope'
}

resource denyPolicyAllow 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
  parent: denyPolicy
  name: 'aks'
  properties: {
    priority: 200
    ruleCollections: [ { ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'aks', priority: 100, action: { type: 'Allow' }, rules: [ mcrRule ] } ]
  }
}

resource denyPolicyDeny 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = if (denyInternet) {
  parent: denyPolicy
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

resource allowPolicy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'pol-allow'
  location: 'westeurope'
}

resource allowPolicyAllow 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = if (enableAks) {
  parent: allowPolicy
  name: 'aks'
  properties: {
    priority: 200
    ruleCollections: [ { ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'aks', priority: 100, action: { type: 'Allow' }, rules: [ mcrRule ] } ]
  }
}

resource modulePolicy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'pol-module'
  location: 'westeurope'
}

module moduleRules 'modules/conditional-rules.bicep' = if (enableModuleRules) {
  name: 'module-rules'
  params: {
    policyName: modulePolicy.name
    rule: mcrRule
  }
}

resource knownPolicy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'pol-known'
  location: 'westeurope'
}

resource knownPolicyAllow 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = if (alwaysOn) {
  parent: knownPolicy
  name: 'aks'
  properties: {
    priority: 200
    ruleCollections: [ { ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'aks', priority: 100, action: { type: 'Allow' }, rules: [ mcrRule ] } ]
  }
}
