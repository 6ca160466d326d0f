namespace EgressAnalyzers.Tests.Verifiers;

/// <summary>Pulumi Azure Native programs for the C# reader tests; each test writes the part under test itself, with markup.</summary>
internal static class PulumiFixtures
{
    public const string Usings = """
        using System.Collections.Generic;
        using Pulumi;
        using Pulumi.AzureNative.Network;
        using Pulumi.AzureNative.Network.Inputs;
        using Pulumi.AzureNative.ContainerService;
        using Pulumi.AzureNative.ContainerService.Inputs;

        """;

    /// <summary>A UDR cluster in <paramref name="location"/> (a C# expression).</summary>
    public static string Cluster(string location = "\"westeurope\"", string extra = "") => Usings + $$"""
        public static class ClusterStack
        {
            public static ManagedCluster Create() => new ManagedCluster("aks", new ManagedClusterArgs
            {
                ResourceGroupName = "rg",
                Location = {{location}},
                DnsPrefix = "aks",
                AgentPoolProfiles = { new ManagedClusterAgentPoolProfileArgs { Name = "system", VmSize = "Standard_D4ds_v5", OsType = "Linux" } },
                NetworkProfile = new ContainerServiceNetworkProfileArgs { OutboundType = "userDefinedRouting" },{{extra}}
            });
        }
        """;

    /// <summary>C# string literals of the core FQDNs (westeurope) except those listed.</summary>
    public static string CoreFqdnLiteralsExcept(params string[] excluded) =>
        string.Join(", ", ArmFixtures.CoreFqdns.Where(f => !excluded.Contains(f)).Select(f => "\"" + f + "\""));

    /// <summary>A classic Azure Native firewall whose application collections are C# text.</summary>
    public static string ClassicFirewall(string applicationRuleCollections, string extraUsings = "", string members = "") => Usings + extraUsings + $$"""
        public static class HubStack
        {{{members}}
            public static AzureFirewall Create() => new AzureFirewall("fw-hub", new AzureFirewallArgs
            {
                ResourceGroupName = "rg-hub",
                AzureFirewallName = "fw-hub",
                ApplicationRuleCollections =
                {
                    {{applicationRuleCollections}}
                },
            });
        }
        """;

    public static string AppCollection(string name, string rules, int priority = 200, string action = "\"Allow\"") => $$"""
        new AzureFirewallApplicationRuleCollectionArgs
                    {
                        Name = {{name}},
                        Priority = {{priority}},
                        Action = new AzureFirewallRCActionArgs { Type = {{action}} },
                        Rules =
                        {
                            {{rules}}
                        },
                    }
        """;

    public static string HttpsRule(string targetFqdns, string name = "\"aks\"") => $$"""
        new AzureFirewallApplicationRuleArgs
                            {
                                Name = {{name}},
                                SourceAddresses = { "*" },
                                Protocols = { new AzureFirewallApplicationRuleProtocolArgs { ProtocolType = "Https", Port = 443 } },
                                TargetFqdns = {{targetFqdns}},
                            }
        """;

    /// <summary>A policy filter collection named "aks-app" with one HTTPS application rule to <paramref name="targetFqdnLiterals"/>.</summary>
    public static string PolicyFilterCollection(string targetFqdnLiterals) => $$"""
        new FirewallPolicyFilterRuleCollectionArgs
                            {
                                Name = "aks-app",
                                Priority = 100,
                                RuleCollectionType = "FirewallPolicyFilterRuleCollection",
                                Action = new FirewallPolicyFilterRuleCollectionActionArgs { Type = FirewallPolicyFilterRuleCollectionActionType.Allow },
                                Rules = new[]
                                {
                                    new ApplicationRuleArgs
                                    {
                                        Name = "core",
                                        RuleType = "ApplicationRule",
                                        SourceAddresses = { "*" },
                                        Protocols = { new FirewallPolicyRuleApplicationProtocolArgs { ProtocolType = "Https", Port = 443 } },
                                        TargetFqdns = { {{targetFqdnLiterals}} },
                                    },
                                },
                            }
        """;
}
