using EgressAnalyzers.Tests.Infrastructure;
using EgressAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace EgressAnalyzers.Tests.CSharp;

/// <summary>Azure SDK for .NET (<c>Azure.ResourceManager.Network</c>) code through the analyzer, with a cluster in an ARM template.</summary>
public class AzureResourceManagerReaderTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using Azure;
        using Azure.Core;
        using Azure.ResourceManager.Network;
        using Azure.ResourceManager.Network.Models;
        using Azure.ResourceManager.Resources;

        """;

    private static async Task<IReadOnlyList<Diagnostic>> AnalyzeWithClusterAsync(string code) =>
        (await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Hub.cs", code) }, ("/infra/cluster.json", ArmFixtures.Cluster()))).Where(d => d.Id != "EGR1003").ToList();

    internal static string InitializerFirewall(string fqdns) => Usings + $$"""
        public static class Hub
        {
            public static Task Deploy(ResourceGroupResource rg) => rg.GetAzureFirewalls().CreateOrUpdateAsync(WaitUntil.Completed, "fw-hub", new AzureFirewallData
            {
                Location = AzureLocation.WestEurope,
                ApplicationRuleCollections =
                {
                    new AzureFirewallApplicationRuleCollectionData
                    {
                        Name = "aks-core",
                        Priority = 200,
                        ActionType = AzureFirewallRCActionType.Allow,
                        Rules =
                        {
                            new AzureFirewallApplicationRule
                            {
                                Name = "aks",
                                SourceAddresses = { "*" },
                                Protocols = { new AzureFirewallApplicationRuleProtocol { ProtocolType = AzureFirewallApplicationRuleProtocolType.Https, Port = 443 } },
                                TargetFqdns = { {{fqdns}} },
                            },
                        },
                    },
                },
            });
        }
        """;

    [Fact]
    public async Task NestedInitializers_MissingFqdn_IsReportedAtTheCollectionData_WithTheNameFromTheCreateCall()
    {
        var diagnostics = await AnalyzeWithClusterAsync(InitializerFirewall(PulumiFixtures.CoreFqdnLiteralsExcept("login.microsoftonline.com")));

        var finding = Assert.Single(diagnostics);
        Assert.Equal("EGR1001", finding.Id);
        Assert.Contains("Azure Firewall 'fw-hub'", finding.GetMessage(), StringComparison.Ordinal);
        Assert.StartsWith("new AzureFirewallApplicationRuleCollectionData", finding.Location.SourceTree!.ToString()[finding.Location.SourceSpan.Start..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyInitializerOnAGetOnlyList_IsAnEmptyList_SoTheMissingFqdnIsStillReported()
    {
        // Found by SameAnswerAsArmTests: "FqdnTags = { }" on the SDK's IList<string> was read as unknown, which turned a
        // missing endpoint into "cannot be proven" (EGR1006), unlike the same rule in ARM or Pulumi.
        var code = InitializerFirewall(PulumiFixtures.CoreFqdnLiteralsExcept("mcr.microsoft.com"))
            .Replace("TargetFqdns = {", "FqdnTags = { },\n                                TargetFqdns = {", StringComparison.Ordinal);

        var diagnostics = await AnalyzeWithClusterAsync(code);

        var finding = Assert.Single(diagnostics);
        Assert.Equal("EGR1001", finding.Id);
        Assert.Contains("'mcr.microsoft.com'", finding.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NestedInitializers_EveryCoreFqdn_ReportsNothing()
    {
        Assert.Empty(await AnalyzeWithClusterAsync(InitializerFirewall(PulumiFixtures.CoreFqdnLiteralsExcept())));
    }

    [Fact]
    public async Task LaterAddCalls_OnTheSameObjects_AreRead()
    {
        var code = Usings + $$"""
            public static class Hub
            {
                public static async Task Deploy(ResourceGroupResource rg)
                {
                    var data = new AzureFirewallData { Location = AzureLocation.WestEurope };
                    var rule = new AzureFirewallApplicationRule { Name = "aks" };
                    rule.SourceAddresses.Add("*");
                    rule.Protocols.Add(new AzureFirewallApplicationRuleProtocol { ProtocolType = AzureFirewallApplicationRuleProtocolType.Https, Port = 443 });
                    rule.TargetFqdns.Add("*.hcp.westeurope.azmk8s.io");
                    var collection = new AzureFirewallApplicationRuleCollectionData { Name = "aks-core", Priority = 200, ActionType = AzureFirewallRCActionType.Allow };
                    collection.Rules.Add(rule);
                    data.ApplicationRuleCollections.Add(collection);
                    await rg.GetAzureFirewalls().CreateOrUpdateAsync(WaitUntil.Completed, "fw-hub", data);
                }
            }
            """;

        var diagnostics = await AnalyzeWithClusterAsync(code);

        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains("*.hcp.westeurope.azmk8s.io", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Id == "EGR1001" && d.GetMessage().Contains("'mcr.microsoft.com'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FqdnsAddedInALoopOverRuntimeData_AreUnknown_NotMissing()
    {
        var code = Usings + """
            public static class Hub
            {
                public static async Task Deploy(ResourceGroupResource rg, string[] fqdns)
                {
                    var rule = new AzureFirewallApplicationRule { Name = "aks" };
                    rule.SourceAddresses.Add("*");
                    rule.Protocols.Add(new AzureFirewallApplicationRuleProtocol { ProtocolType = AzureFirewallApplicationRuleProtocolType.Https, Port = 443 });
                    foreach (var fqdn in fqdns)
                    {
                        rule.TargetFqdns.Add(fqdn);
                    }

                    var data = new AzureFirewallData();
                    data.ApplicationRuleCollections.Add(new AzureFirewallApplicationRuleCollectionData { Name = "aks", Priority = 200, ActionType = AzureFirewallRCActionType.Allow, Rules = { rule } });
                    await rg.GetAzureFirewalls().CreateOrUpdateAsync(WaitUntil.Completed, "fw-hub", data);
                }
            }
            """;

        var diagnostics = await AnalyzeWithClusterAsync(code);

        Assert.DoesNotContain(diagnostics, d => d.Id == "EGR1001");
        Assert.Contains(diagnostics, d => d.Id == "EGR1006");
    }

    [Fact]
    public async Task FqdnsAddedInALoopOverAKnownArray_AreReadOneByOne()
    {
        var code = Usings + $$"""
            public static class Hub
            {
                private static readonly string[] Core = { {{PulumiFixtures.CoreFqdnLiteralsExcept("packages.aks.azure.com")}} };

                public static async Task Deploy(ResourceGroupResource rg)
                {
                    var rule = new AzureFirewallApplicationRule { Name = "aks" };
                    rule.SourceAddresses.Add("*");
                    rule.Protocols.Add(new AzureFirewallApplicationRuleProtocol { ProtocolType = AzureFirewallApplicationRuleProtocolType.Https, Port = 443 });
                    foreach (var fqdn in Core)
                    {
                        rule.TargetFqdns.Add(fqdn);
                    }

                    var data = new AzureFirewallData();
                    data.ApplicationRuleCollections.Add(new AzureFirewallApplicationRuleCollectionData { Name = "aks", Priority = 200, ActionType = AzureFirewallRCActionType.Allow, Rules = { rule } });
                    await rg.GetAzureFirewalls().CreateOrUpdateAsync(WaitUntil.Completed, "fw-hub", data);
                }
            }
            """;

        var diagnostics = await AnalyzeWithClusterAsync(code);

        // Applied once with the item unknown, every core FQDN was unknown (EGR1006); one by one, only the one left out is missing.
        var missing = Assert.Single(diagnostics);
        Assert.Equal("EGR1001", missing.Id);
        Assert.Contains("'packages.aks.azure.com'", missing.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RuleCollectionGroupData_IsCheckedAsItsPolicy()
    {
        var code = Usings + $$"""
            public static class Hub
            {
                public static Task Deploy(FirewallPolicyResource policy) => policy.GetFirewallPolicyRuleCollectionGroups().CreateOrUpdateAsync(WaitUntil.Completed, "aks-rcg", new FirewallPolicyRuleCollectionGroupData
                {
                    Priority = 200,
                    RuleCollections =
                    {
                        new FirewallPolicyFilterRuleCollectionInfo
                        {
                            Name = "aks-app",
                            Priority = 100,
                            ActionType = FirewallPolicyFilterRuleCollectionActionType.Allow,
                            Rules =
                            {
                                new ApplicationRule
                                {
                                    Name = "core",
                                    SourceAddresses = { "*" },
                                    Protocols = { new FirewallPolicyRuleApplicationProtocol { ProtocolType = FirewallPolicyRuleApplicationProtocolType.Https, Port = 443 } },
                                    TargetFqdns = { {{PulumiFixtures.CoreFqdnLiteralsExcept("packages.aks.azure.com")}} },
                                },
                            },
                        },
                    },
                });
            }
            """;

        var diagnostics = await AnalyzeWithClusterAsync(code);

        var finding = Assert.Single(diagnostics);
        Assert.Contains("Firewall policy 'policy'", finding.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'packages.aks.azure.com'", finding.GetMessage(), StringComparison.Ordinal);
    }
}
