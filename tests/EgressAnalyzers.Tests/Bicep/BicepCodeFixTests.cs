using EgressAnalyzers.Engine.Bicep;
using EgressAnalyzers.Tests.Fixes;

namespace EgressAnalyzers.Tests.Bicep;

/// <summary>The template code fix on a .bicep AdditionalFile, through Roslyn: FixAll writes Bicep and re-analysis is clean.</summary>
public class BicepCodeFixTests
{
    private const string HubPath = "/repo/infra/hub.bicep";
    private const string ClusterPath = "/repo/infra/cluster.bicep";

    [Fact]
    public async Task FixAll_InABicepHub_WritesBicepRules_AndLeavesNoMissingEgress()
    {
        var hub = BicepFixtures.ClassicHub("'aks-core'", BicepFixtures.CoreFqdnsExcept("login.microsoftonline.com", "*.hcp.westeurope.azmk8s.io"));
        using var harness = new AdditionalFileFixHarness(new[] { (HubPath, hub), (ClusterPath, BicepFixtures.Cluster) });
        var before = (await AdditionalFileFixHarness.AnalyzeAsync(harness.Project)).Where(AdditionalFileFixHarness.IsMissing).ToList();
        Assert.Equal(2, before.Count);

        await harness.ApplyFixAllAsync();

        var after = (await AdditionalFileFixHarness.AnalyzeAsync(harness.Project)).Where(AdditionalFileFixHarness.IsMissing).ToList();
        Assert.Empty(after);
        var fixedHub = harness.TextOf(HubPath);
        Assert.Empty(BicepParser.Parse(fixedHub).Errors);
        Assert.Contains("'login.microsoftonline.com'", fixedHub, StringComparison.Ordinal);
        // The cluster (and its location parameter) is in another file: the hub's own `location` may differ, so the
        // region is written as a literal rather than interpolated.
        Assert.Contains("'*.hcp.westeurope.azmk8s.io'", fixedHub, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixAll_WithASpreadInTheTargets_KeepsTheSpread_AndLeavesNoMissingEgress()
    {
        var hub = BicepFixtures.ClassicHub(
            "'aks-core'",
            "...images\n" + BicepFixtures.CoreFqdnsExcept("mcr.microsoft.com", "*.data.mcr.microsoft.com", "login.microsoftonline.com"),
            before: "var images = [ 'mcr.microsoft.com', '*.data.mcr.microsoft.com' ]");
        using var harness = new AdditionalFileFixHarness(new[] { (HubPath, hub), (ClusterPath, BicepFixtures.Cluster) });
        var before = (await AdditionalFileFixHarness.AnalyzeAsync(harness.Project)).Where(AdditionalFileFixHarness.IsMissing).ToList();

        // The spread's items are read: only the Entra ID endpoint is missing (an unread spread made every endpoint unknown).
        var missing = Assert.Single(before);
        Assert.Contains("'login.microsoftonline.com'", missing.GetMessage(), StringComparison.Ordinal);

        await harness.ApplyFixAllAsync();

        Assert.Empty((await AdditionalFileFixHarness.AnalyzeAsync(harness.Project)).Where(AdditionalFileFixHarness.IsMissing));
        var fixedHub = harness.TextOf(HubPath);
        Assert.Empty(BicepParser.Parse(fixedHub).Errors);
        Assert.Contains("...images", fixedHub, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModuleUsedForAnAllowAndADenyGroup_IsNotEditedInPlace_AndTheFixStillLeavesNothingMissing()
    {
        // One module text, two groups: an Allow and a Deny processed first. A rule appended inside the module would land
        // in the Deny group too, and block what it was written to allow.
        const string Module = """
            param policyName string
            param groupName string
            param priority int
            param action string
            param fqdns array

            resource group 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
              name: '${policyName}/${groupName}'
              properties: {
                priority: priority
                ruleCollections: [
                  {
                    ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
                    name: groupName
                    priority: 100
                    action: { type: action }
                    rules: [
                      {
                        ruleType: 'ApplicationRule'
                        name: 'r'
                        sourceAddresses: [ '*' ]
                        protocols: [ { protocolType: 'Https', port: 443 } ]
                        targetFqdns: fqdns
                      }
                    ]
                  }
                ]
              }
            }
            """;
        var main = $$"""
            resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
              name: 'hub-policy'
              location: 'westeurope'
              properties: {}
            }

            module blocked 'rcg.bicep' = {
              name: 'blocked'
              params: { policyName: policy.name, groupName: 'blocked', priority: 100, action: 'Deny', fqdns: [ 'www.example.com' ] }
            }

            module aks 'rcg.bicep' = {
              name: 'aks'
              params: { policyName: policy.name, groupName: 'aks', priority: 200, action: 'Allow', fqdns: [ {{BicepFixtures.CoreFqdnsExcept("login.microsoftonline.com").Replace("\n", ", ", StringComparison.Ordinal)}} ] }
            }
            """;
        using var harness = new AdditionalFileFixHarness(new[] { ("/repo/infra/main.bicep", main), ("/repo/infra/rcg.bicep", Module), (ClusterPath, BicepFixtures.Cluster) });
        var before = (await AdditionalFileFixHarness.AnalyzeAsync(harness.Project)).Where(AdditionalFileFixHarness.IsMissing).ToList();
        Assert.True(before.Count == 1 && before[0].GetMessage().Contains("'login.microsoftonline.com'", StringComparison.Ordinal), string.Join("\n", before));

        await harness.ApplyFixAllAsync();

        Assert.Equal(Module, harness.TextOf("/repo/infra/rcg.bicep"));
        var after = (await AdditionalFileFixHarness.AnalyzeAsync(harness.Project)).Where(d => AdditionalFileFixHarness.IsMissing(d) || d.Id == "EGR1004").ToList();
        Assert.True(after.Count == 0, string.Join("\n", after) + "\n" + harness.TextOf("/repo/infra/main.bicep"));
    }
}
