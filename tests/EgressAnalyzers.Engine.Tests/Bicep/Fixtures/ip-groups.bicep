// Differential fixture: rules that name IP groups, by symbolic reference (group.id), by resourceId() and through a loop
// of groups (groups[i].id). The wide hub's web rule reaches every address through its group; the narrow hub's group
// holds two public ranges, so its web endpoints are missing; the loop hub's sources come from per-region groups; the
// elsewhere hub names the group of the same name in another resource group, whose addresses are unknown.
param regions array = [
  'westeurope'
  'northeurope'
]

resource cluster 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'aks'
    agentPoolProfiles: [ { name: 'system', mode: 'System', count: 3, vmSize: 'Standard_D4ds_v5', osType: 'Linux' } ]
    networkProfile: { networkPlugin: 'azure', outboundType: 'userDefinedRouting' }
  }
}

resource everyAddress 'Microsoft.Network/ipGroups@2024-05-01' = {
  name: 'ipg-every-address'
  location: 'westeurope'
  properties: { ipAddresses: [ '0.0.0.0/1', '128.0.0.0/1' ] }
}

resource proxies 'Microsoft.Network/ipGroups@2024-05-01' = {
  name: 'ipg-proxies'
  location: 'westeurope'
  properties: { ipAddresses: [ '203.0.113.0/24', '198.51.100.7' ] }
}

resource spokes 'Microsoft.Network/ipGroups@2024-05-01' = [for region in regions: {
  name: 'ipg-spokes-${region}'
  location: region
  properties: { ipAddresses: [ region == 'westeurope' ? '10.240.0.0/16' : '10.250.0.0/16' ] }
}]

var tunnelAndNtp = [
  { ruleType: 'NetworkRule', name: 'tunnel', ipProtocols: [ 'UDP', 'TCP' ], sourceAddresses: [ '*' ], destinationAddresses: [ 'AzureCloud.westeurope' ], destinationPorts: [ '1194', '9000', '443' ] }
  { ruleType: 'NetworkRule', name: 'ntp', ipProtocols: [ 'UDP' ], sourceAddresses: [ '*' ], destinationFqdns: [ 'ntp.ubuntu.com' ], destinationPorts: [ '123' ] }
]

resource wide 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'pol-wide'
  location: 'westeurope'
  properties: { dnsSettings: { enableProxy: true } }
}

resource wideRules 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
  parent: wide
  name: 'egress'
  properties: {
    priority: 200
    ruleCollections: [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'net'
        priority: 100
        action: { type: 'Allow' }
        rules: concat([
          { ruleType: 'NetworkRule', name: 'web', ipProtocols: [ 'TCP' ], sourceAddresses: [ '*' ], destinationIpGroups: [ everyAddress.id ], destinationPorts: [ '80', '443' ] }
        ], tunnelAndNtp)
      }
    ]
  }
}

resource narrow 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'pol-narrow'
  location: 'westeurope'
  properties: { dnsSettings: { enableProxy: true } }
}

resource narrowRules 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
  parent: narrow
  name: 'egress'
  properties: {
    priority: 200
    ruleCollections: [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'net'
        priority: 100
        action: { type: 'Allow' }
        rules: concat([
          { ruleType: 'NetworkRule', name: 'web', ipProtocols: [ 'TCP' ], sourceAddresses: [ '*' ], destinationIpGroups: [ resourceId('Microsoft.Network/ipGroups', proxies.name) ], destinationPorts: [ '80', '443' ] }
        ], tunnelAndNtp)
      }
    ]
  }
}

resource fromSpokes 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'pol-spokes'
  location: 'westeurope'
  properties: { dnsSettings: { enableProxy: true } }
}

resource fromSpokesRules 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
  parent: fromSpokes
  name: 'egress'
  properties: {
    priority: 200
    ruleCollections: [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'net'
        priority: 100
        action: { type: 'Allow' }
        rules: concat([
          { ruleType: 'NetworkRule', name: 'web', ipProtocols: [ 'TCP' ], sourceIpGroups: [ spokes[0].id, spokes[1].id ], destinationAddresses: [ '*' ], destinationPorts: [ '80', '443' ] }
        ], tunnelAndNtp)
      }
    ]
  }
}

// The group of the same name in another resource group: not the one declared above, so its addresses are unknown.
resource securityGroup 'Microsoft.Network/ipGroups@2024-05-01' existing = {
  name: 'ipg-every-address'
  scope: resourceGroup('rg-security')
}

resource elsewhere 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'pol-elsewhere'
  location: 'westeurope'
  properties: { dnsSettings: { enableProxy: true } }
}

resource elsewhereRules 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
  parent: elsewhere
  name: 'egress'
  properties: {
    priority: 200
    ruleCollections: [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'net'
        priority: 100
        action: { type: 'Allow' }
        rules: concat([
          { ruleType: 'NetworkRule', name: 'web', ipProtocols: [ 'TCP' ], sourceAddresses: [ '*' ], destinationIpGroups: [ securityGroup.id ], destinationPorts: [ '80', '443' ] }
        ], tunnelAndNtp)
      }
    ]
  }
}
