// The platform team's hub: a firewall policy for AKS egress, the firewall that enforces it, and the cluster behind it.
// The FQDN list was copied from an old wiki page: two endpoints AKS needs today are missing (see the build output).
param location string = 'westeurope'

@description('Address space of the AKS node subnets (the rules\' source).')
param nodeAddressSpace string = '10.240.0.0/16'

var aksFqdns = [
  '*.hcp.${location}.azmk8s.io'
  'mcr.microsoft.com'
  '*.data.mcr.microsoft.com'
  'mcr-0001.mcr-msedge.net'
  'management.azure.com'
  'packages.microsoft.com'
  'acs-mirror.azureedge.net'
]

resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'fwp-hub'
  location: location
  properties: {
    threatIntelMode: 'Alert'
  }

  resource aksEgress 'ruleCollectionGroups' = {
    name: 'aks-egress'
    properties: {
      priority: 200
      ruleCollections: [
        {
          ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
          name: 'aks-fqdns'
          priority: 100
          action: { type: 'Allow' }
          rules: [for fqdn in aksFqdns: {
            ruleType: 'ApplicationRule'
            name: replace(replace(fqdn, '*.', 'any-'), '.', '-')
            protocols: [ { protocolType: 'Https', port: 443 } ]
            sourceAddresses: [ nodeAddressSpace ]
            targetFqdns: [ fqdn ]
          }]
        }
        {
          ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
          name: 'aks-network'
          priority: 200
          action: { type: 'Allow' }
          rules: [
            {
              ruleType: 'NetworkRule'
              name: 'ntp'
              ipProtocols: [ 'UDP' ]
              sourceAddresses: [ nodeAddressSpace ]
              destinationFqdns: [ 'ntp.ubuntu.com' ]
              destinationPorts: [ '123' ]
            }
          ]
        }
      ]
    }
  }
}

module firewall 'modules/firewall.bicep' = {
  name: 'hub-firewall'
  params: {
    location: location
    policyId: policy.id
  }
}

module cluster 'modules/cluster.bicep' = {
  name: 'aks-cluster'
  params: {
    location: location
  }
}
