using EgressAnalyzers.Tests.Verifiers;

namespace EgressAnalyzers.Tests.Bicep;

/// <summary>Small Bicep files for analyzer tests; each test writes the part under test itself, with its markup.</summary>
internal static class BicepFixtures
{
    /// <summary>A Bicep file with one AKS cluster in <c>param location</c> (default westeurope).</summary>
    public const string Cluster = """
        param location string = 'westeurope'

        resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
          name: 'aks'
          location: location
          properties: {
            dnsPrefix: 'aks'
            agentPoolProfiles: [
              { name: 'system', vmSize: 'Standard_D4ds_v5', osType: 'Linux' }
            ]
            networkProfile: { outboundType: 'userDefinedRouting' }
          }
        }
        """;

    /// <summary>Every core FQDN of the current profile except those listed, as Bicep string items (one a line).</summary>
    public static string CoreFqdnsExcept(params string[] excluded) =>
        string.Join("\n", ArmFixtures.CoreFqdns.Where(f => !excluded.Contains(f)).Select(f => "'" + f + "'"));

    /// <summary>
    /// The <c>properties</c> of a rule collection group (a line of a resource body): one Allow filter collection with one
    /// HTTPS application rule whose target FQDNs are <c>TARGETS</c> (replace it with Bicep items, one a line).
    /// </summary>
    public const string PolicyGroupProperties = """
          properties: {
            priority: 200
            ruleCollections: [
              {
                ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
                name: 'aks-app'
                priority: 100
                action: { type: 'Allow' }
                rules: [
                  {
                    ruleType: 'ApplicationRule'
                    name: 'core'
                    sourceAddresses: [ '*' ]
                    protocols: [ { protocolType: 'Https', port: 443 } ]
                    targetFqdns: [
        TARGETS
                    ]
                  }
                ]
              }
            ]
          }
        """;

    /// <summary>
    /// A policy per region (west and north Europe) made by a loop, and a loop of <see cref="PolicyGroupProperties"/> groups
    /// whose parent is <paramref name="parent"/> (<c>policies[i]</c> for the iteration's own), their target FQDNs
    /// <paramref name="targets"/> (Bicep items, one a line; <c>region</c> is in scope). Both loops take
    /// <paramref name="filter"/> when given (<c>if (region == 'northeurope') </c>).
    /// </summary>
    public static string PolicyLoopWithGroups(string parent, string targets, string filter = "") => $$"""
        param regions array = [
          'westeurope'
          'northeurope'
        ]

        resource policies 'Microsoft.Network/firewallPolicies@2024-05-01' = [for region in regions: {{filter}}{
          name: 'policy-${region}'
          location: region
          properties: {}
        }]

        resource groups 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = [for (region, i) in regions: {{filter}}{
          parent: {{parent}}
          name: 'aks'
        {{PolicyGroupProperties.Replace("TARGETS", targets, StringComparison.Ordinal)}}
        }]
        """;

    /// <summary>A classic firewall whose one application collection is named <paramref name="collectionName"/> (markup allowed).</summary>
    public static string ClassicHub(string collectionName, string fqdns, string before = "", string decorators = "") => $$"""
        param location string = 'westeurope'
        {{before}}
        {{decorators}}resource fw 'Microsoft.Network/azureFirewalls@2024-05-01' = {
          name: 'fw-hub'
          location: location
          properties: {
            applicationRuleCollections: [
              {
                name: {{collectionName}}
                properties: {
                  priority: 200
                  action: { type: 'Allow' }
                  rules: [
                    {
                      name: 'aks'
                      sourceAddresses: [ '*' ]
                      protocols: [ { protocolType: 'Https', port: 443 } ]
                      targetFqdns: [
                        {{fqdns}}
                      ]
                    }
                  ]
                }
              }
            ]
            networkRuleCollections: []
          }
        }
        """;
}
