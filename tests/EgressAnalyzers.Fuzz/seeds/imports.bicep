// Fuzz seed: compile-time imports. The fuzz input is also modules/firewall.bicep, so these imports read the input
// itself: exports, a function, a namespace, and the cycle through its own variables.
import { coreFqdns, hcp as apiServer } from 'modules/firewall.bicep'
import * as self from './modules/firewall.bicep'

@export()
var coreFqdns = [ 'mcr.microsoft.com', 'management.azure.com' ]

@export()
func hcp(region string) string => '*.hcp.${region}.azmk8s.io'

@export()
var loop = self.loop

resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'policy'
  location: 'westeurope'
}

resource group 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
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
        rules: [
          {
            ruleType: 'ApplicationRule'
            name: 'fqdns'
            sourceAddresses: [ '*' ]
            protocols: [ { protocolType: 'Https', port: 443 } ]
            targetFqdns: concat(coreFqdns, [ apiServer('westeurope'), self.hcp('northeurope') ], self.coreFqdns, loop)
          }
        ]
      }
    ]
  }
}
