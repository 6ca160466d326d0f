// Fuzz seed: a firewall policy whose rules come from loops, conditions, interpolation and a module.
targetScope = 'resourceGroup'

@description('AKS region')
param location string = 'westeurope'
param enableNtp bool = true
param spokes array = [ '10.240.0.0/16', '10.241.0.0/16' ]

var coreFqdns = [
  'mcr.microsoft.com'
  '*.data.mcr.microsoft.com'
  'management.azure.com'
  'login.microsoftonline.com'
  '*.hcp.${location}.azmk8s.io'
]

resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'hub-policy'
  location: location
  properties: { dnsSettings: { enableProxy: true } }
}

resource rules 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
  parent: policy
  name: 'aks'
  properties: {
    priority: 200
    ruleCollections: [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'aks-app'
        priority: 100
        action: { type: 'Allow' }
        rules: [for (fqdn, i) in coreFqdns: {
          ruleType: 'ApplicationRule'
          name: 'core-${i}'
          sourceAddresses: spokes
          protocols: [ { protocolType: 'Https', port: 443 } ]
          targetFqdns: [ fqdn ]
        }]
      }
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'aks-net'
        priority: 110
        action: { type: 'Allow' }
        rules: concat([
          {
            ruleType: 'NetworkRule'
            name: 'tunnel'
            ipProtocols: [ 'UDP', 'TCP' ]
            sourceAddresses: spokes
            destinationAddresses: [ 'AzureCloud.${location}' ]
            destinationPorts: [ '1194', '9000', '443' ]
          }
        ], enableNtp ? [
          {
            ruleType: 'NetworkRule'
            name: 'ntp'
            ipProtocols: [ 'UDP' ]
            sourceAddresses: spokes
            destinationFqdns: [ 'ntp.ubuntu.com' ]
            destinationPorts: [ '123' ]
          }
        ] : [])
      }
    ]
  }
}

module cluster 'modules/cluster.bicep' = if (length(spokes) > 0) {
  name: 'cluster'
  params: { location: location }
}

#disable-next-line EGR1003
output policyId string = policy.id
