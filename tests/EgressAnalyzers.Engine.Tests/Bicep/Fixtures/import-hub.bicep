// Differential fixture: FQDN lists and functions imported from another file — by name, under an alias and through a
// namespace (the compiled ARM has the functions as user-defined functions). acs-mirror.azureedge.net is missing from
// the shared list, and another region's API server is allowed (findings both readers must agree on).
import { coreFqdns, regionalFqdns as regional, apiServer as hcp } from 'shared/egress.bicep'
import * as egress from 'shared/egress.bicep'

param location string = 'westeurope'

resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'fwp-imports'
  location: location
  properties: {}
}

resource group 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
  parent: policy
  name: 'aks'
  properties: {
    priority: 200
    ruleCollections: [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'aks-fqdns'
        priority: 100
        action: { type: 'Allow' }
        rules: [
          {
            ruleType: 'ApplicationRule'
            name: 'fqdns'
            protocols: [ { protocolType: 'Https', port: 443 } ]
            sourceAddresses: [ '*' ]
            targetFqdns: concat([ hcp(location) ], coreFqdns, egress.binaryFqdns, [ egress.apiServer('northeurope') ], regional)
          }
        ]
      }
    ]
  }
}

resource firewall 'Microsoft.Network/azureFirewalls@2024-05-01' = {
  name: 'fw-imports'
  location: location
  properties: {
    firewallPolicy: { id: policy.id }
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-imports'
  location: location
  properties: {
    dnsPrefix: 'aks'
    agentPoolProfiles: [ { name: 'system', mode: 'System', count: 3, vmSize: 'Standard_D4ds_v5', osType: 'Linux' } ]
    networkProfile: { networkPlugin: 'azure', outboundType: 'userDefinedRouting' }
  }
}
