using EgressAnalyzers.Tests.Infrastructure;
using EgressAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace EgressAnalyzers.Tests.CSharp;

/// <summary>Pulumi classic Azure programs (<c>Pulumi.Azure</c>) through the analyzer: same findings as the equivalent ARM template.</summary>
public class PulumiAzureClassicReaderTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using Pulumi;
        using Pulumi.Azure.Network;
        using Pulumi.Azure.Network.Inputs;
        using Pulumi.Azure.ContainerService;
        using Pulumi.Azure.ContainerService.Inputs;

        """;

    /// <summary>A policy 'hub-policy' and a group "aks" of typed lists allowing every core FQDN but acs-mirror.azureedge.net.</summary>
    internal static string PolicyGroup(string firewallPolicyId = "policy.Id", string createParameters = "") => Usings + $$"""
        public static class PolicyStack
        {
            public static void Create({{createParameters}})
            {
                var policy = new FirewallPolicy("hub-policy", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                _ = new FirewallPolicyRuleCollectionGroup("aks", new FirewallPolicyRuleCollectionGroupArgs
                {
                    FirewallPolicyId = {{firewallPolicyId}},
                    Priority = 200,
                    ApplicationRuleCollections =
                    {
                        new FirewallPolicyRuleCollectionGroupApplicationRuleCollectionArgs
                        {
                            Name = "aks-app",
                            Priority = 100,
                            Action = "Allow",
                            Rules =
                            {
                                new FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRuleArgs
                                {
                                    Name = "core",
                                    SourceAddresses = { "*" },
                                    Protocols = { new FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRuleProtocolArgs { Type = "Https", Port = 443 } },
                                    DestinationFqdns = { {{PulumiFixtures.CoreFqdnLiteralsExcept("acs-mirror.azureedge.net")}} },
                                },
                            },
                        },
                    },
                });
            }
        }
        """;

    internal static string Cluster(string location = "\"West Europe\"", string extra = "") => Usings + $$"""
        public static class ClusterStack
        {
            public static KubernetesCluster Create() => new KubernetesCluster("aks", new KubernetesClusterArgs
            {
                ResourceGroupName = "rg",
                Location = {{location}},
                DnsPrefix = "aks",
                DefaultNodePool = new KubernetesClusterDefaultNodePoolArgs { Name = "system", VmSize = "Standard_D4ds_v5" },
                NetworkProfile = new KubernetesClusterNetworkProfileArgs { NetworkPlugin = "azure", OutboundType = "userDefinedRouting" },{{extra}}
            });
        }
        """;

    internal static string Hub(string fqdns, string action = "\"Allow\"", string firewallName = "firewall.Name") => Usings + $$"""
        public static class HubStack
        {
            public static void Create()
            {
                var firewall = new Firewall("fw-hub", new FirewallArgs { ResourceGroupName = "rg", SkuName = "AZFW_VNet", SkuTier = "Standard" });
                _ = new FirewallApplicationRuleCollection("aks-core", new FirewallApplicationRuleCollectionArgs
                {
                    AzureFirewallName = {{firewallName}},
                    ResourceGroupName = "rg",
                    Priority = 200,
                    Action = {{action}},
                    Rules =
                    {
                        new FirewallApplicationRuleCollectionRuleArgs
                        {
                            Name = "aks",
                            SourceAddresses = { "*" },
                            Protocols = { new FirewallApplicationRuleCollectionRuleProtocolArgs { Type = "Https", Port = 443 } },
                            TargetFqdns = { {{fqdns}} },
                        },
                    },
                });
            }
        }
        """;

    private static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(params string[] sources) =>
        (await CSharpAnalysisRunner.RunAsync(sources)).Where(d => d.Id != "EGR1003").ToList();

    [Fact]
    public async Task CollectionResourceAttachedToItsFirewall_MissingFqdn_IsReportedAtTheCollectionArgs()
    {
        var diagnostics = await AnalyzeAsync(Cluster(), Hub(PulumiFixtures.CoreFqdnLiteralsExcept("management.azure.com")));

        var finding = Assert.Single(diagnostics);
        Assert.Equal("EGR1001", finding.Id);
        Assert.Contains("Azure Firewall 'fw-hub'", finding.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'management.azure.com'", finding.GetMessage(), StringComparison.Ordinal);
        Assert.StartsWith("new FirewallApplicationRuleCollectionArgs", finding.Location.SourceTree!.ToString()[finding.Location.SourceSpan.Start..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryCoreFqdnAllowed_ReportsNothing()
    {
        Assert.Empty(await AnalyzeAsync(Cluster(), Hub(PulumiFixtures.CoreFqdnLiteralsExcept())));
    }

    [Fact]
    public async Task CollectionForAFirewallNamedByLiteral_ButFirewallNotInCode_IsStillChecked()
    {
        var diagnostics = await AnalyzeAsync(Cluster(), Hub(PulumiFixtures.CoreFqdnLiteralsExcept("packages.microsoft.com"), firewallName: "\"fw-external\""));

        // The firewall written in code has no rules at all: it is checked too.
        var finding = Assert.Single(diagnostics, d => d.GetMessage().Contains("'fw-external'", StringComparison.Ordinal));
        Assert.Contains("'packages.microsoft.com'", finding.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActionFromAnOutput_IsUnknown_NotMissing()
    {
        var diagnostics = await AnalyzeAsync(Cluster(), Hub(PulumiFixtures.CoreFqdnLiteralsExcept(), action: "Output.Create(\"Allow\")"));

        Assert.DoesNotContain(diagnostics, d => d.Id == "EGR1001");
        Assert.Contains(diagnostics, d => d.Id == "EGR1006");
    }

    [Fact]
    public async Task PolicyGroupWithTypedLists_UsesDestinationFqdns_ForApplicationRules()
    {
        var policy = PolicyGroup();

        var diagnostics = await AnalyzeAsync(Cluster(), policy);

        var finding = Assert.Single(diagnostics);
        Assert.Contains("Firewall policy 'hub-policy'", finding.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'acs-mirror.azureedge.net'", finding.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterLocationFromTheClassicProviderSetting_IsKnown()
    {
        var cluster = Usings + """
            public static class ClusterStack
            {
                public static KubernetesCluster Create() => new KubernetesCluster("aks", new KubernetesClusterArgs
                {
                    ResourceGroupName = "rg",
                    DefaultNodePool = new KubernetesClusterDefaultNodePoolArgs { Name = "system", VmSize = "Standard_D4ds_v5" },
                    NetworkProfile = new KubernetesClusterNetworkProfileArgs { NetworkPlugin = "azure", OutboundType = "userDefinedRouting" },
                });
            }
            """;

        var diagnostics = (await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Cluster.cs", cluster), ("/src/Hub.cs", Hub(PulumiFixtures.CoreFqdnLiteralsExcept())) }, ("/Pulumi.prod.yaml", "config:\n  azure:location: westeurope\n"))).ToList();

        Assert.DoesNotContain(diagnostics, d => d.Id is "EGR1001" or "EGR1006");
    }

    [Fact]
    public async Task GpuDefaultNodePool_RequiresTheGpuEndpoints()
    {
        var diagnostics = await AnalyzeAsync(Cluster().Replace("Standard_D4ds_v5", "Standard_NC6s_v3"), Hub(PulumiFixtures.CoreFqdnLiteralsExcept()));

        Assert.Contains(diagnostics, d => d.Id == "EGR1001" && d.GetMessage().Contains("nvidia", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CollectionNamingAFirewallComputedAtRunTime_MayBeTheHubs_SoWhatItAllowsIsUnknown()
    {
        var hub = Hub(PulumiFixtures.CoreFqdnLiteralsExcept("acs-mirror.azureedge.net"), firewallName: "System.Environment.GetEnvironmentVariable(\"FIREWALL\")!");

        var diagnostics = await AnalyzeAsync(Cluster(), hub);

        Assert.True(diagnostics.Count == 2, string.Join("\n", diagnostics));
        var missing = Assert.Single(diagnostics, d => d.Id == "EGR1001");
        Assert.Contains("Azure Firewall 'fw-hub' does not allow 'acs-mirror.azureedge.net'", missing.GetMessage(), StringComparison.Ordinal);
        var unknown = Assert.Single(diagnostics, d => d.Id == "EGR1006");
        Assert.Contains("the firewall of rule collection 'aks-core', whose rules may allow this traffic,", unknown.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectionThatDoesNotCompileYet_LeavesTheFirewallsCoverageUnknown_NeverMissing()
    {
        // An argument too many after the Args object: no constructor binds.
        var hub = Hub(PulumiFixtures.CoreFqdnLiteralsExcept());
        var end = hub.LastIndexOf("});", StringComparison.Ordinal);
        hub = hub.Substring(0, end) + "}, null, 42);" + hub.Substring(end + 3);

        var diagnostics = (await CSharpAnalysisRunner.RunAsync(OutputKind.DynamicallyLinkedLibrary, allowCompileErrors: true, new[] { ("/src/Cluster.cs", Cluster()), ("/src/Hub.cs", hub) }))
            .Where(d => d.Id.StartsWith("EGR", StringComparison.Ordinal) && d.Id != "EGR1003")
            .ToList();

        Assert.True(diagnostics.Count == 1 && diagnostics[0].Id == "EGR1006", string.Join("\n", diagnostics));
        var unknown = diagnostics[0];
        Assert.Contains("Azure Firewall 'fw-hub'", unknown.GetMessage(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A policy that allows every core FQDN but the CNI mirror by name, and TCP 443 to the IP group <c>ipg</c> (its Args
    /// members given as C# text) by a network rule.
    /// </summary>
    private static string PolicyGroupWithWebRuleToIpGroup(string ipGroupArgs) =>
        PolicyGroup().Replace(
            "var policy = new FirewallPolicy(",
            "var ipg = new IPGroup(\"ipg-web\", new IPGroupArgs { ResourceGroupName = \"rg\", " + ipGroupArgs + " });\n        var policy = new FirewallPolicy(",
            StringComparison.Ordinal).Replace(
            "ApplicationRuleCollections =",
            """
                NetworkRuleCollections =
                {
                    new FirewallPolicyRuleCollectionGroupNetworkRuleCollectionArgs
                    {
                        Name = "web-net",
                        Priority = 50,
                        Action = "Allow",
                        Rules = { new FirewallPolicyRuleCollectionGroupNetworkRuleCollectionRuleArgs { Name = "web", SourceAddresses = { "*" }, DestinationIpGroups = { ipg.Id }, DestinationPorts = { "443" }, Protocols = { "TCP" } } },
                    },
                },
                ApplicationRuleCollections =
            """,
            StringComparison.Ordinal);

    [Fact]
    public async Task A_network_rule_to_an_IPGroup_whose_CIDRs_hold_every_address_allows_the_CNI_mirror()
    {
        var diagnostics = await AnalyzeAsync(Cluster(), PolicyGroupWithWebRuleToIpGroup("Cidrs = { \"0.0.0.0/0\" }"));

        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains("acs-mirror.azureedge.net", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_IPGroup_without_Cidrs_is_unknown_not_empty_because_IPGroupCIDR_resources_may_fill_it()
    {
        var diagnostics = await AnalyzeAsync(Cluster(), PolicyGroupWithWebRuleToIpGroup("Location = \"westeurope\""));

        var mirror = Assert.Single(diagnostics, d => d.GetMessage().Contains("acs-mirror.azureedge.net", StringComparison.Ordinal));
        Assert.Equal("EGR1006", mirror.Id);
        Assert.Contains("the CIDRs of IP group 'ipg-web' (IPGroupCIDR resources may add them)", mirror.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(diagnostics, d => d.Id == "EGR2002");
    }
}
