// Differential fixture: module parameters built by for expressions, which the compiler writes as property copy loops
// named "value" in the deployment's parameters. The group gets MCR and the CNI mirror from such a parameter.
var endpoints = [
  'mcr.microsoft.com'
  'acs-mirror.azureedge.net'
]

resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'pol-for'
  location: 'westeurope'
}

module rules 'modules/rule-group.bicep' = {
  name: 'for-rules'
  params: {
    policyName: policy.name
    groupName: 'aks'
    fqdns: [for endpoint in endpoints: endpoint]
  }
}
