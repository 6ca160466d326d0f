// Differential fixture: a classic firewall whose rules use most of the language (loops, conditions, ternaries,
// environment(), concat, union, safe access, coalescing, a user function) and a cluster with an unknown region.
targetScope = 'resourceGroup'

param location string = resourceGroup().location
param clusterLocation string = 'westeurope'
param enableNtp bool = true
param extraFqdns array = []
param settings object = {
  sources: [ '10.240.0.0/16' ]
}

var loginHost = split(environment().authentication.loginEndpoint, '/')[2]
var armHost = split(environment().resourceManager, '/')[2]
var sources = settings.?sources ?? [ '*' ]
var coreFqdns = concat([
  '*.hcp.${clusterLocation}.azmk8s.io'
  'mcr.microsoft.com'
  '*.data.mcr.microsoft.com'
  loginHost
  armHost
], extraFqdns)

func ruleName(fqdn string) string => 'allow-${replace(replace(fqdn, '*.', 'any-'), '.', '-')}'

resource fw 'Microsoft.Network/azureFirewalls@2024-05-01' = {
  name: 'fw-classic'
  location: location
  properties: {
    applicationRuleCollections: [
      {
        name: 'aks-core'
        properties: {
          priority: 200
          action: { type: 'Allow' }
          rules: [for (fqdn, i) in coreFqdns: {
            name: '${ruleName(fqdn)}-${i}'
            sourceAddresses: sources
            protocols: [ { protocolType: 'Https', port: 443 } ]
            targetFqdns: [ fqdn ]
          }]
        }
      }
    ]
    networkRuleCollections: [
      {
        name: 'aks-network'
        properties: {
          priority: 300
          action: { type: 'Allow' }
          rules: union([
            {
              name: 'api-udp'
              protocols: [ 'UDP' ]
              sourceAddresses: sources
              destinationAddresses: [ 'AzureCloud.${clusterLocation}' ]
              destinationPorts: [ '1194' ]
            }
          ], enableNtp ? [
            {
              name: 'ntp'
              protocols: [ 'UDP' ]
              sourceAddresses: sources
              destinationAddresses: [ '*' ]
              destinationPorts: [ '123' ]
            }
          ] : [])
        }
      }
    ]
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks'
  location: clusterLocation
  properties: {
    agentPoolProfiles: [
      { name: 'system', vmSize: 'Standard_D4ds_v5', osType: 'Linux' }
      { name: 'gpu', vmSize: 'Standard_NC6s_v3', osType: 'Linux' }
    ]
    addonProfiles: {
      omsagent: { enabled: true }
    }
    networkProfile: { outboundType: 'userDefinedRouting' }
  }
}
