namespace EgressAnalyzers.Tests.Bicep;

/// <summary>
/// The Bicep form of the topology fixtures (see Verifiers/TopologyFixtures.cs): a hub with classic firewall fw-hub in
/// AzureFirewallSubnet 10.0.1.0/26 (private IP 10.0.1.4), spoke route table rt-spoke on snet-nodes, and cluster aks
/// in snet-nodes. Parts under test are passed in as Bicep text, with their markup.
/// </summary>
internal static class BicepTopologyFixtures
{
    /// <summary>The next hop read from the firewall symbol, as the aks-baseline and regulated Bicep write it.</summary>
    public const string NextHopFromFirewall = "fw.properties.ipConfigurations[0].properties.privateIPAddress";

    /// <summary>A route (one Bicep object). Values are Bicep text.</summary>
    public static string Route(string name = "'to-firewall'", string prefix = "'0.0.0.0/0'", string nextHopType = "'VirtualAppliance'", string nextHopIp = NextHopFromFirewall) =>
        $"{{ name: {name}, properties: {{ addressPrefix: {prefix}, nextHopType: {nextHopType}, nextHopIpAddress: {nextHopIp} }} }}";

    /// <summary>The hub: VNet vnet-hub and firewall fw-hub (symbol <c>fw</c>).</summary>
    public static string Hub(string firewallName = "'fw-hub'", string natRuleCollections = "") => $$"""
        resource hub 'Microsoft.Network/virtualNetworks@2023-09-01' = {
          name: 'vnet-hub'
          location: location
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [ { name: 'AzureFirewallSubnet', properties: { addressPrefix: '10.0.1.0/26' } } ]
          }
        }

        resource fw 'Microsoft.Network/azureFirewalls@2023-09-01' = {
          name: {{firewallName}}
          location: location
          properties: {
            ipConfigurations: [
              {
                name: 'ipconfig'
                properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'AzureFirewallSubnet') } }
              }
            ]
            applicationRuleCollections: []
            networkRuleCollections: []
            natRuleCollections: [
              {{natRuleCollections}}
            ]
          }
        }
        """;

    /// <summary>A firewall fw-hub that this file only refers to (declared elsewhere, not analyzed).</summary>
    public const string ExistingFirewall = """
        resource fw 'Microsoft.Network/azureFirewalls@2023-09-01' existing = {
          name: 'fw-hub'
        }
        """;

    /// <summary>One file: <paramref name="hub"/>, route table rt-spoke with <paramref name="routes"/>, VNet vnet-spoke with snet-nodes using it, and cluster aks.</summary>
    public static string Network(string routes, string hub, string outboundType = "'userDefinedRouting'", string poolExtra = "") => $$"""
        param location string = 'westeurope'

        {{hub}}

        resource rt 'Microsoft.Network/routeTables@2023-09-01' = {
          name: 'rt-spoke'
          location: location
          properties: {
            routes: [
              {{routes}}
            ]
          }
        }

        resource spoke 'Microsoft.Network/virtualNetworks@2023-09-01' = {
          name: 'vnet-spoke'
          location: location
          properties: {
            addressSpace: { addressPrefixes: [ '10.240.0.0/16' ] }
            subnets: [
              {
                name: 'snet-nodes'
                properties: {
                  addressPrefix: '10.240.0.0/22'
                  routeTable: { id: rt.id }
                }
              }
            ]
          }
        }

        resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
          name: 'aks'
          location: location
          properties: {
            dnsPrefix: 'aks'
            agentPoolProfiles: [
              {
                name: 'system'
                vmSize: 'Standard_D4ds_v5'
                vnetSubnetID: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-spoke', 'snet-nodes'){{poolExtra}}
              }
            ]
            networkProfile: { networkPlugin: 'azure', outboundType: {{outboundType}} }
          }
        }
        """;

    /// <summary>A classic DNAT collection publishing TCP 443 of the firewall's public IP to an internal load balancer.</summary>
    public const string DnatCollection = """
        {
          name: 'ingress'
          properties: {
            priority: 100
            action: { type: 'Dnat' }
            rules: [
              {
                name: 'https-to-ilb'
                protocols: [ 'TCP' ]
                sourceAddresses: [ '*' ]
                destinationAddresses: [ '20.1.2.3' ]
                destinationPorts: [ '443' ]
                translatedAddress: '10.240.4.4'
                translatedPort: '443'
              }
            ]
          }
        }
        """;
}
