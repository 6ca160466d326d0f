using EgressAnalyzers.Tests.Verifiers;
using static EgressAnalyzers.Tests.Bicep.BicepFixtures;

namespace EgressAnalyzers.Tests.Bicep;

/// <summary>Bicep AdditionalFiles through the Roslyn analyzer: same IDs and messages as ARM, located on the Bicep tokens.</summary>
public class BicepAnalyzerTests
{
    private static EgressAnalyzerTest Test()
    {
        var test = new EgressAnalyzerTest();
        test.DisabledDiagnostics.Add("EGR1003");
        return test;
    }

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Missing(int markup, string endpoint, string purpose) =>
        EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1001_RequiredApplicationEgressNotAllowed, markup)
            .WithArguments("Azure Firewall 'fw-hub'", $"'{endpoint}'", "Https:443", purpose);

    [Fact]
    public async Task BicepHubMissingFqdns_IsReportedAtTheCollectionNameToken()
    {
        await Test()
            .WithTemplate("cluster.bicep", Cluster)
            .WithTemplate("hub.bicep", ClassicHub("{|#0:'aks-core'|}", CoreFqdnsExcept("login.microsoftonline.com", "*.hcp.westeurope.azmk8s.io")))
            .Expect(
                Missing(0, "*.hcp.westeurope.azmk8s.io", "node-to-API-server traffic (konnectivity)"),
                Missing(0, "login.microsoftonline.com", "Microsoft Entra ID authentication"))
            .RunAsync();
    }

    /// <summary>Policies made by a loop, and a loop of groups whose parent is <paramref name="parent"/>, each allowing every core FQDN.</summary>
    private static string PolicyLoopWithGroups(string parent, string before = "") =>
        before + BicepFixtures.PolicyLoopWithGroups(parent, CoreFqdnsExcept());

    [Fact]
    public async Task GroupWithAnIndexedLoopParent_BelongsToThatIterationsPolicy()
    {
        // parent: policies[i] used to leave the group without its policy: both policies lacked every core FQDN (EGR1001).
        var diagnostics = await Infrastructure.CSharpAnalysisRunner.RunAsync(
            new[] { ("/src/Empty.cs", "public static class Empty { }") },
            ("/infra/cluster.bicep", Cluster),
            ("/infra/hubs.bicep", PolicyLoopWithGroups("policies[i]")));

        Assert.True(diagnostics.All(d => d.Id == "EGR1003"), string.Join("\n", diagnostics));
    }

    [Theory]
    [InlineData("an index that is a parameter without a value", "policies[which]", "param which int\n")]
    [InlineData("an index out of the loop's range", "policies[i + 5]", "")]
    [InlineData("a parent that is not a resource of the file", "existingPolicies[i]", "")]
    public async Task GroupWhoseParentCannotBeResolved_LeavesThePoliciesUnknown_NotMissing(string form, string parent, string before)
    {
        var diagnostics = (await Infrastructure.CSharpAnalysisRunner.RunAsync(
            new[] { ("/src/Empty.cs", "public static class Empty { }") },
            ("/infra/cluster.bicep", Cluster),
            ("/infra/hubs.bicep", PolicyLoopWithGroups(parent, before)))).Where(d => d.Id != "EGR1003").ToList();

        Assert.True(diagnostics.All(d => d.Id is "EGR1006" or "EGR0002"), form + ":\n" + string.Join("\n", diagnostics));
        Assert.Contains(diagnostics, d => d.Id == "EGR1006");
    }

    public static TheoryData<string, string> LoopItemReferences => new()
    {
        {
            "a group named after its policy's item",
            """
            resource policies 'Microsoft.Network/firewallPolicies@2024-05-01' = [for region in regions: {
              name: 'policy-${region}'
              location: region
              properties: {}
            }]

            resource groups 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = [for (region, i) in regions: {
              name: '${policies[i].name}/aks'
            GROUP
            }]
            """
        },
        {
            "a firewall per item using its item's policy",
            """
            resource policies 'Microsoft.Network/firewallPolicies@2024-05-01' = [for region in regions: {
              name: 'policy-${region}'
              location: region
              properties: {}
            }]

            resource groups 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = [for (region, i) in regions: {
              parent: policies[i]
              name: 'aks'
            GROUP
            }]

            resource firewalls 'Microsoft.Network/azureFirewalls@2024-05-01' = [for (region, i) in regions: {
              name: 'fw-${region}'
              location: region
              properties: { firewallPolicy: { id: policies[i].id } }
            }]
            """
        },
        {
            "child policies made by a loop, each used by a firewall",
            """
            resource base 'Microsoft.Network/firewallPolicies@2024-05-01' = {
              name: 'base'
              location: 'westeurope'
              properties: {}
            }

            resource baseGroup 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
              parent: base
              name: 'aks'
            GROUP
            }

            resource children 'Microsoft.Network/firewallPolicies@2024-05-01' = [for region in regions: {
              name: 'child-${region}'
              location: region
              properties: { basePolicy: { id: base.id } }
            }]

            resource firewalls 'Microsoft.Network/azureFirewalls@2024-05-01' = [for (region, i) in regions: {
              name: 'fw-${region}'
              location: region
              properties: { firewallPolicy: { id: children[i].id } }
            }]
            """
        },
    };

    [Theory]
    [MemberData(nameof(LoopItemReferences))]
    public async Task LoopItemsReferencedByIndex_AreThatItemsResource(string form, string resources)
    {
        var bicep = "param regions array = [\n  'westeurope'\n  'northeurope'\n]\n\n"
            + resources.Replace("GROUP", PolicyGroupProperties.Replace("TARGETS", CoreFqdnsExcept("acs-mirror.azureedge.net"), StringComparison.Ordinal), StringComparison.Ordinal);

        var diagnostics = (await Infrastructure.CSharpAnalysisRunner.RunAsync(
            new[] { ("/src/Empty.cs", "public static class Empty { }") },
            ("/infra/cluster.bicep", Cluster),
            ("/infra/hubs.bicep", bicep))).Where(d => d.Id != "EGR1003").ToList();

        // policies[i].name / .id were unknown: the groups belonged to no known policy and the firewalls' policies were
        // "not among the analyzed files" (EGR1006). Linked, each policy lacks only the mirror.
        Assert.True(diagnostics.Count > 0 && diagnostics.All(d => d.Id == "EGR1001" && d.GetMessage().Contains("'acs-mirror.azureedge.net'", StringComparison.Ordinal)), form + ":\n" + string.Join("\n", diagnostics));
    }

    [Theory]
    [InlineData("a group whose parent is its own item", "parent: groups[i]\n  name: 'aks'")]
    [InlineData("a group named after its own item", "name: '${groups[0].name}/aks'")]
    public async Task LoopThatNamesItsOwnItems_IsReadWithoutFailing_AndItsGroupsAreUnknownNotMissing(string form, string identity)
    {
        var bicep = "param regions array = [\n  'westeurope'\n]\n\nresource policy 'Microsoft.Network/firewallPolicies@2024-05-01' = {\n  name: 'hub-policy'\n  location: 'westeurope'\n  properties: {}\n}\n\n"
            + "resource groups 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = [for (region, i) in regions: {\n  " + identity + "\n"
            + PolicyGroupProperties.Replace("TARGETS", CoreFqdnsExcept(), StringComparison.Ordinal) + "\n}]\n";

        var diagnostics = (await Infrastructure.CSharpAnalysisRunner.RunAsync(
            new[] { ("/src/Empty.cs", "public static class Empty { }") },
            ("/infra/cluster.bicep", Cluster),
            ("/infra/hubs.bicep", bicep))).Where(d => d.Id != "EGR1003").ToList();

        Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "EGR1001");
        Assert.True(diagnostics.Any(d => d.Id == "EGR1006"), form + ":\n" + string.Join("\n", diagnostics));
    }

    [Fact]
    public async Task InterpolatedRegionalFqdn_CoversTheClustersRegion()
    {
        await Test()
            .WithTemplate("cluster.bicep", Cluster)
            .WithTemplate("hub.bicep", ClassicHub("'aks-core'", CoreFqdnsExcept("*.hcp.westeurope.azmk8s.io") + "\n'*.hcp.${location}.azmk8s.io'"))
            .RunAsync();
    }

    [Fact]
    public async Task ArmClusterAndBicepHub_AreOneScope()
    {
        await Test()
            .WithTemplate("cluster.json", ArmFixtures.Cluster())
            .WithTemplate("hub.bicep", ClassicHub("{|#0:'aks-core'|}", CoreFqdnsExcept("login.microsoftonline.com")))
            .Expect(Missing(0, "login.microsoftonline.com", "Microsoft Entra ID authentication"))
            .RunAsync();
    }

    [Fact]
    public async Task DisableNextLineAboveTheFirewall_SuppressesThatRuleOnTheWholeResource()
    {
        await Test()
            .WithTemplate("cluster.bicep", Cluster)
            .WithTemplate("hub.bicep", ClassicHub("'aks-core'", CoreFqdnsExcept("login.microsoftonline.com"), decorators: "#disable-next-line EGR1001 // Entra ID goes through the proxy\n"))
            .RunAsync();
    }

    [Fact]
    public async Task DisableNextLineForAnotherRule_SuppressesNothing()
    {
        await Test()
            .WithTemplate("cluster.bicep", Cluster)
            .WithTemplate("hub.bicep", ClassicHub("{|#0:'aks-core'|}", CoreFqdnsExcept("login.microsoftonline.com"), decorators: "#disable-next-line EGR1004 no-unused-params\n"))
            .Expect(Missing(0, "login.microsoftonline.com", "Microsoft Entra ID authentication"))
            .RunAsync();
    }

    [Fact]
    public async Task DisableNextLineAboveTheFindingsLine_SuppressesIt()
    {
        await Test()
            .WithTemplate("cluster.bicep", Cluster)
            .WithTemplate("hub.bicep", ClassicHub("'aks-core'", CoreFqdnsExcept("login.microsoftonline.com")).Replace(
                "        name: 'aks-core'", "        #disable-next-line EGR1001\n        name: 'aks-core'"))
            .RunAsync();
    }

    [Fact]
    public async Task RulesPassedToALocalModule_AreCheckedWithTheCallersValues_AtTheCallersTokens()
    {
        const string Module = """
            param name string
            param collections array

            resource fw 'Microsoft.Network/azureFirewalls@2024-05-01' = {
              name: name
              location: 'westeurope'
              properties: {
                applicationRuleCollections: collections
              }
            }
            """;
        var main = $$"""
            module hub 'modules/firewall.bicep' = {
              name: 'hub'
              params: {
                name: 'fw-hub'
                collections: [
                  {
                    name: {|#0:'aks-core'|}
                    properties: {
                      priority: 200
                      action: { type: 'Allow' }
                      rules: [
                        {
                          name: 'aks'
                          sourceAddresses: [ '*' ]
                          protocols: [ { protocolType: 'Https', port: 443 } ]
                          targetFqdns: [
                            {{CoreFqdnsExcept("mcr.microsoft.com")}}
                          ]
                        }
                      ]
                    }
                  }
                ]
              }
            }
            """;
        await Test()
            .WithTemplate("cluster.bicep", Cluster)
            .WithTemplate("main.bicep", main)
            .WithTemplate("modules/firewall.bicep", Module)
            .Expect(Missing(0, "mcr.microsoft.com", "Microsoft Container Registry: system images (CoreDNS, ...) for create, scale and upgrade"))
            .RunAsync();
    }

    [Fact]
    public async Task RegistryModuleForAFirewall_IsReportedAsUnknownAtItsPath()
    {
        const string Main = """
            module fw {|#0:'br/public:avm/res/network/azure-firewall:0.5.1'|} = {
              name: 'fw'
              params: { name: 'fw-hub' }
            }

            module storage 'br/public:avm/res/storage/storage-account:0.9.0' = {
              name: 'st'
              params: { name: 'st' }
            }
            """;
        await new EgressAnalyzerTest()
            .WithTemplate("main.bicep", Main)
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1006_CoverageCannotBeProven, 0)
                .WithArguments("Module 'fw'", "the AKS egress requirements", "the rules inside 'br/public:avm/res/network/azure-firewall:0.5.1' (a registry module, not among the analyzed files)"))
            .RunAsync();
    }

    [Fact]
    public async Task SyntaxError_IsReportedAtTheOffendingToken_AndTheRestIsRead()
    {
        var hub = ClassicHub("{|#1:'aks-core'|}", CoreFqdnsExcept("login.microsoftonline.com"), before: "var broken = {|#0:)|}");
        await Test()
            .WithTemplate("cluster.bicep", Cluster)
            .WithTemplate("hub.bicep", hub)
            .Expect(
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR0002_TemplateCouldNotBeRead, 0)
                    .WithArguments("hub.bicep", "expected a value but found ')'"),
                Missing(1, "login.microsoftonline.com", "Microsoft Entra ID authentication"))
            .RunAsync();
    }

    [Fact]
    public async Task BicepParamFile_SuppliesTheClusterRegion()
    {
        const string Params = """
            using './cluster.bicep'

            param location = 'northeurope'
            """;
        await Test()
            .WithTemplate("cluster.bicep", Cluster)
            .WithTemplate("cluster.bicepparam", Params)
            .WithTemplate("hub.bicep", ClassicHub("{|#0:'aks-core'|}", CoreFqdnsExcept("*.hcp.westeurope.azmk8s.io") + "\n{|#1:'*.hcp.westeurope.azmk8s.io'|}"))
            .Expect(
                Missing(0, "*.hcp.northeurope.azmk8s.io", "node-to-API-server traffic (konnectivity)"),
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1005_LocationSpecificEndpointForOtherRegion, 1)
                    .WithArguments("*.hcp.westeurope.azmk8s.io", "westeurope", "aks", "northeurope"))
            .RunAsync();
    }
}
