using System.Collections.Immutable;
using System.Text.RegularExpressions;
using EgressAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static EgressAnalyzers.Tests.Verifiers.PulumiFixtures;

namespace EgressAnalyzers.Tests.CSharp;

/// <summary>
/// Code fixes on Pulumi Azure Native code: the fixed program compiles against the stubs (which reject what the real SDK
/// rejects), re-analysis finds nothing missing, and every rule written before is still there, in the same order.
/// </summary>
public class CSharpEgressCodeFixTests
{
    private static readonly string[] Fixable = { "EGR1001", "EGR1002" };

    private static async Task<ImmutableArray<Diagnostic>> MissingAsync(Project project) =>
        (await CSharpCodeFixRunner.AnalyzeAsync(project)).Where(d => Fixable.Contains(d.Id)).ToImmutableArray();

    private static IReadOnlyList<string> RuleNames(string text) =>
        Regex.Matches(text, "Name = (\"[^\"]*\")").Select(m => m.Groups[1].Value).ToList();

    /// <summary>Applies the action titled <paramref name="title"/> for the first missing-egress diagnostic, and checks the result.</summary>
    private static async Task<string> FixAndVerifyAsync(string hubPath, (string Path, string Text)[] sources, string title, (string Path, string Text)[]? additional = null, string? globalConfig = null)
    {
        using var runner = new CSharpCodeFixRunner(sources, additional, globalConfig);
        var before = await runner.TextAsync(hubPath);
        var diagnostics = await MissingAsync(runner.Project);
        Assert.NotEmpty(diagnostics);
        var actions = await runner.ActionsForAsync(diagnostics[0]);
        var action = Assert.Single(actions, a => a.Title == title);

        await runner.ApplyAsync(action);

        var after = await runner.TextAsync(hubPath);
        var remaining = await MissingAsync(runner.Project);
        Assert.True(remaining.Length == 0, string.Join("\n", remaining) + "\n" + after);
        AssertKeepsRules(before, after);
        return after;
    }

    private static void AssertKeepsRules(string before, string after)
    {
        var old = RuleNames(before);
        var now = RuleNames(after);
        var kept = now.Where(old.Contains).ToList();
        Assert.Equal(old, kept.Take(old.Count));
    }

    [Fact]
    public async Task ClassicCollectionMissingFqdns_AppendsOneRule_ThatCompilesAndCoversThem()
    {
        var hub = ClassicFirewall(AppCollection("\"aks-core\"", HttpsRule("{ " + CoreFqdnLiteralsExcept("login.microsoftonline.com", "mcr.microsoft.com") + " }")));

        var after = await FixAndVerifyAsync("/src/Hub.cs", new[] { ("/src/Cluster.cs", Cluster()), ("/src/Hub.cs", hub) }, "Add the missing AKS egress rules to 'aks-core'");

        Assert.Contains("\"login.microsoftonline.com\"", after, StringComparison.Ordinal);
        Assert.Contains("\"mcr.microsoft.com\"", after, StringComparison.Ordinal);
        Assert.True(Regex.Matches(after, "new AzureFirewallApplicationRuleArgs").Count == 2, after);
    }

    [Fact]
    public async Task CollectionWrittenAsCollectionExpressions_GetsTheRuleAppendedToTheExpression()
    {
        // C# 12: Rules = [ … ] and TargetFqdns = [ … ]. The new rule goes into the brackets, in the file's own style.
        var collection = AppCollection("\"aks-core\"", HttpsRule("[ " + CoreFqdnLiteralsExcept("login.microsoftonline.com") + " ]"))
            .Replace("Rules =\n                {", "Rules =\n                [", StringComparison.Ordinal)
            .Replace("}\n                },\n            }", "}\n                ],\n            }", StringComparison.Ordinal);
        var hub = ClassicFirewall(collection);
        Assert.Contains("Rules =\n                [", hub, StringComparison.Ordinal);

        var after = await FixAndVerifyAsync("/src/Hub.cs", new[] { ("/src/Cluster.cs", Cluster()), ("/src/Hub.cs", hub) }, "Add the missing AKS egress rules to 'aks-core'");

        Assert.Matches(new Regex("\"login\\.microsoftonline\\.com\"[^\\]]*\\}\\s*,\\s*\\]", RegexOptions.Singleline), after);
        Assert.True(Regex.Matches(after, "new AzureFirewallApplicationRuleArgs").Count == 2, after);
    }

    [Fact]
    public async Task OnlyADenyCollection_AddsAnAksEgressCollection_BeforeTheDeny()
    {
        var hub = ClassicFirewall(AppCollection("\"deny-all\"", HttpsRule("{ \"*\" }", "\"deny\""), priority: 300, action: "\"Deny\""));

        var after = await FixAndVerifyAsync("/src/Hub.cs", new[] { ("/src/Cluster.cs", Cluster()), ("/src/Hub.cs", hub) }, "Add an 'aks-egress' rule collection");

        Assert.Contains("Name = \"aks-egress\"", after, StringComparison.Ordinal);
        var priority = int.Parse(Regex.Match(after, "Name = \"aks-egress\",\\s*Priority = (\\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(priority, 100, 299);
    }

    [Fact]
    public async Task CollectionsBuiltByOneHelperWithParameters_AreNotEditedInPlace_AnAksEgressCollectionIsAddedInstead()
    {
        // One helper text, two collections: an Allow and a Deny processed first. A rule appended inside the helper would
        // land in the Deny collection too, and block what it was written to allow.
        const string Helper = """
                private static AzureFirewallApplicationRuleCollectionArgs Collection(string name, int priority, string action, params string[] fqdns) => new AzureFirewallApplicationRuleCollectionArgs
                {
                    Name = name,
                    Priority = priority,
                    Action = new AzureFirewallRCActionArgs { Type = action },
                    Rules = { new AzureFirewallApplicationRuleArgs { Name = "r", SourceAddresses = { "*" }, Protocols = { new AzureFirewallApplicationRuleProtocolArgs { ProtocolType = "Https", Port = 443 } }, TargetFqdns = fqdns } },
                };
            """;
        var hub = ClassicFirewall("Collection(\"blocked\", 100, \"Deny\", \"www.example.com\"), Collection(\"aks-core\", 200, \"Allow\", \"mcr.microsoft.com\")", members: "\n" + Helper + "\n");
        using var runner = new CSharpCodeFixRunner(new[] { ("/src/Cluster.cs", Cluster()), ("/src/Hub.cs", hub) });
        var diagnostics = await MissingAsync(runner.Project);

        // The helper's values are read per call: only what 'aks-core' lacks is missing, and it is reported at the helper.
        Assert.True(diagnostics.Length > 3, string.Join("\n", diagnostics));
        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains("'mcr.microsoft.com'", StringComparison.Ordinal));
        var titles = (await runner.ActionsForAsync(diagnostics[0])).Select(a => a.Title).ToList();
        Assert.Equal(new[] { "Add an 'aks-egress' rule collection" }, titles);

        await runner.FixAllAsync("/src/Hub.cs", (await runner.ActionsForAsync(diagnostics[0]))[0].EquivalenceKey!, diagnostics);

        var after = await runner.TextAsync("/src/Hub.cs");
        Assert.Contains(Helper.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(), after.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        var remaining = (await CSharpCodeFixRunner.AnalyzeAsync(runner.Project)).Where(d => d.Id is "EGR1001" or "EGR1002" or "EGR1004").ToList();
        Assert.True(remaining.Count == 0, string.Join("\n", remaining) + "\n" + after);
    }

    [Fact]
    public async Task ComponentCreatedOnce_GetsTheRuleInItsConstructor_WithItsRegionStillFromTheArgs()
    {
        var hub = PulumiAzureNativeReaderTests.HubComponent("_ = new Hub(\"hub\", new HubArgs { Location = \"westeurope\" });");

        var after = await FixAndVerifyAsync("/src/Hub.cs", new[] { ("/src/Cluster.cs", Cluster()), ("/src/Hub.cs", hub) }, "Add the missing AKS egress rules to 'aks-app'");

        Assert.Contains("\"acs-mirror.azureedge.net\"", after, StringComparison.Ordinal);
        Assert.Contains("$\"*.hcp.{args.Location}.azmk8s.io\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComponentCreatedTwice_IsNotEditedInPlace()
    {
        // The constructor's collection stands for the weu hub's and the neu hub's: a rule written into it for one hub is
        // written for both.
        var hub = PulumiAzureNativeReaderTests.HubComponent("_ = new Hub(\"weu\", new HubArgs { Location = \"westeurope\" });\n        _ = new Hub(\"neu\", new HubArgs { Location = \"westeurope\" });");
        using var runner = new CSharpCodeFixRunner(new[] { ("/src/Cluster.cs", Cluster()), ("/src/Hub.cs", hub) });
        var diagnostics = await MissingAsync(runner.Project);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Contains("'acs-mirror.azureedge.net'", d.GetMessage(), StringComparison.Ordinal));
        foreach (var diagnostic in diagnostics)
        {
            Assert.DoesNotContain(await runner.ActionsForAsync(diagnostic), a => a.Title.StartsWith("Add the missing AKS egress rules", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task GroupCreatedInAForEach_IsNotEdited_ItsTextIsEveryHubsGroup()
    {
        var hub = Usings + $$"""
            public static class HubStack
            {
                public static void Create()
                {
                    foreach (var name in new[] { "weu", "weu2" })
                    {
                        var policy = new FirewallPolicy($"policy-{name}", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                        _ = new FirewallPolicyRuleCollectionGroup($"aks-{name}", new FirewallPolicyRuleCollectionGroupArgs
                        {
                            ResourceGroupName = "rg",
                            RuleCollectionGroupName = "aks",
                            FirewallPolicyName = policy.Name,
                            Priority = 200,
                            RuleCollections = { {{PolicyFilterCollection(CoreFqdnLiteralsExcept("acs-mirror.azureedge.net"))}} },
                        });
                    }
                }
            }
            """;
        using var runner = new CSharpCodeFixRunner(new[] { ("/src/Cluster.cs", Cluster()), ("/src/Hub.cs", hub) });
        var before = await runner.TextAsync("/src/Hub.cs");
        var diagnostics = await MissingAsync(runner.Project);

        Assert.Equal(2, diagnostics.Length);
        Assert.Single(diagnostics, d => d.GetMessage().Contains("'policy-weu'", StringComparison.Ordinal));
        Assert.Single(diagnostics, d => d.GetMessage().Contains("'policy-weu2'", StringComparison.Ordinal));
        // Neither a rule in its collection nor a new collection in its group: the group's text is every hub's, and what it
        // would take for one hub it takes for all (a rule, and with it any Deny built from the same text).
        foreach (var diagnostic in diagnostics)
        {
            Assert.Empty(await runner.ActionsForAsync(diagnostic));
        }

        Assert.Equal(before, await runner.TextAsync("/src/Hub.cs"));
    }

    [Fact]
    public async Task ExistingAllowCollection_AlsoOffersANewCollection()
    {
        var hub = ClassicFirewall(AppCollection("\"aks-core\"", HttpsRule("{ " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " }")));

        var after = await FixAndVerifyAsync("/src/Hub.cs", new[] { ("/src/Cluster.cs", Cluster()), ("/src/Hub.cs", hub) }, "Add an 'aks-egress' rule collection");

        Assert.Contains("Name = \"aks-egress\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileUsingEnumStatics_GetsEnumStatics()
    {
        var hub = ClassicFirewall(AppCollection("\"aks-core\"", HttpsRule("{ " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " }"), action: "AzureFirewallRCActionType.Allow"));

        var after = await FixAndVerifyAsync("/src/Hub.cs", new[] { ("/src/Cluster.cs", Cluster()), ("/src/Hub.cs", hub) }, "Add the missing AKS egress rules to 'aks-core'");

        Assert.Contains("ProtocolType = AzureFirewallApplicationRuleProtocolType.Https", after, StringComparison.Ordinal);
        Assert.DoesNotContain("global::", after, StringComparison.Ordinal);
    }

    private const string AliasedPolicy = """
        using Pulumi;
        using Network = Pulumi.AzureNative.Network;

        public static class PolicyStack
        {
            private const string Region = "westeurope";

            public static void Create()
            {
                var policy = new Network.FirewallPolicy("hub-policy", new() { ResourceGroupName = "rg" });
                _ = new Network.FirewallPolicyRuleCollectionGroup("aks-rcg", new()
                {
                    ResourceGroupName = "rg",
                    FirewallPolicyName = policy.Name,
                    Priority = 200,
                    RuleCollections =
                    {
                        new Network.Inputs.FirewallPolicyFilterRuleCollectionArgs
                        {
                            Name = "aks-app",
                            Priority = 100,
                            RuleCollectionType = "FirewallPolicyFilterRuleCollection",
                            Action = new Network.Inputs.FirewallPolicyFilterRuleCollectionActionArgs { Type = "Allow" },
                            Rules = new[]
                            {
                                new Network.Inputs.ApplicationRuleArgs
                                {
                                    Name = "core",
                                    RuleType = "ApplicationRule",
                                    SourceAddresses = { "10.1.0.0/16" },
                                    Protocols = { new Network.Inputs.FirewallPolicyRuleApplicationProtocolArgs { ProtocolType = "Https", Port = 443 } },
                                    TargetFqdns = { "mcr.microsoft.com", "*.data.mcr.microsoft.com" },
                                },
                            },
                        },
                    },
                });

                _ = new Pulumi.AzureNative.ContainerService.ManagedCluster("aks", new()
                {
                    ResourceGroupName = "rg",
                    Location = Region,
                    NetworkProfile = new Pulumi.AzureNative.ContainerService.Inputs.ContainerServiceNetworkProfileArgs { OutboundType = "userDefinedRouting" },
                });
            }
        }
        """;

    [Fact]
    public async Task PolicyArrayOfRules_GetsArrayElements_InTheFilesAliasStyle_WithTheLocationExpression()
    {
        var after = await FixAndVerifyAsync("/src/Policy.cs", new[] { ("/src/Policy.cs", AliasedPolicy) }, "Add the missing AKS egress rules to 'aks-app'");

        Assert.Contains("new Network.Inputs.ApplicationRuleArgs", after[(after.IndexOf("Name = \"core\"", StringComparison.Ordinal) + 10)..], StringComparison.Ordinal);
        Assert.Contains("$\"*.hcp.{Region}.azmk8s.io\"", after, StringComparison.Ordinal);
        Assert.Contains("SourceAddresses = { \"10.1.0.0/16\" }", after[(after.IndexOf("Name = \"core\"", StringComparison.Ordinal) + 10)..], StringComparison.Ordinal);
        Assert.DoesNotContain("global::", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyGroup_NewCollection_GoesIntoTheUnionListInitializer()
    {
        var after = await FixAndVerifyAsync("/src/Policy.cs", new[] { ("/src/Policy.cs", AliasedPolicy) }, "Add an 'aks-egress' rule collection");

        Assert.Contains("Name = \"aks-egress\"", after, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(after, "new Network.Inputs.FirewallPolicyFilterRuleCollectionArgs").Count);
    }

    [Fact]
    public async Task FixAll_WritesOneRulePerCollection_WithEveryMissingEndpoint()
    {
        var hub = ClassicFirewall(AppCollection("\"aks-core\"", HttpsRule("{ \"mcr.microsoft.com\" }")));
        using var runner = new CSharpCodeFixRunner(new[] { ("/src/Cluster.cs", Cluster()), ("/src/Hub.cs", hub) });
        var before = await runner.TextAsync("/src/Hub.cs");
        var diagnostics = await MissingAsync(runner.Project);
        Assert.True(diagnostics.Length > 3);
        var key = (await runner.ActionsForAsync(diagnostics[0])).First().EquivalenceKey!;

        await runner.FixAllAsync("/src/Hub.cs", key, diagnostics);

        var after = await runner.TextAsync("/src/Hub.cs");
        Assert.Empty(await MissingAsync(runner.Project));
        AssertKeepsRules(before, after);
        Assert.Equal(2, Regex.Matches(after, "new AzureFirewallApplicationRuleArgs").Count);
    }

    [Fact]
    public async Task PulumiClassicCollectionResource_GetsARuleOfItsOwnRuleType()
    {
        var cluster = PulumiAzureClassicReaderTests.Cluster();
        var hub = PulumiAzureClassicReaderTests.Hub(CoreFqdnLiteralsExcept("management.azure.com", "packages.aks.azure.com"));

        var after = await FixAndVerifyAsync("/src/Hub.cs", new[] { ("/src/Cluster.cs", cluster), ("/src/Hub.cs", hub) }, "Add the missing AKS egress rules to 'aks-core'");

        Assert.Equal(2, Regex.Matches(after, "new FirewallApplicationRuleCollectionRuleArgs").Count);
        Assert.Contains("new FirewallApplicationRuleCollectionRuleProtocolArgs { Type = \"Https\", Port = 443 }", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PulumiClassicPolicyGroup_NewCollection_GoesIntoItsTypedList()
    {
        var cluster = PulumiAzureClassicReaderTests.Cluster();
        var policy = """
            using Pulumi;
            using Pulumi.Azure.Network;
            using Pulumi.Azure.Network.Inputs;

            public static class PolicyStack
            {
                public static void Create()
                {
                    var policy = new FirewallPolicy("hub-policy", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                    _ = new FirewallPolicyRuleCollectionGroup("aks", new FirewallPolicyRuleCollectionGroupArgs
                    {
                        FirewallPolicyId = policy.Id,
                        Priority = 200,
                        ApplicationRuleCollections = { },
                    });
                }
            }
            """;

        var after = await FixAndVerifyAsync("/src/Policy.cs", new[] { ("/src/Cluster.cs", cluster), ("/src/Policy.cs", policy) }, "Add an 'aks-egress' rule collection");

        Assert.Contains("new FirewallPolicyRuleCollectionGroupApplicationRuleCollectionArgs", after, StringComparison.Ordinal);
        Assert.Contains("DestinationFqdns = {", after, StringComparison.Ordinal);
    }

    private const string AzureSdkHub = """
        using System.Threading.Tasks;
        using Azure;
        using Azure.Core;
        using Azure.ResourceManager.Network;
        using Azure.ResourceManager.Network.Models;
        using Azure.ResourceManager.Resources;

        public static class Hub
        {
            public static async Task Deploy(ResourceGroupResource rg)
            {
                var data = new AzureFirewallData
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
                                    Name = "images",
                                    SourceAddresses = { "10.20.0.0/16" },
                                    Protocols = { new AzureFirewallApplicationRuleProtocol { ProtocolType = AzureFirewallApplicationRuleProtocolType.Https, Port = 443 } },
                                    TargetFqdns = { "mcr.microsoft.com", "*.data.mcr.microsoft.com" },
                                },
                            },
                        },
                        new AzureFirewallApplicationRuleCollectionData { Name = "deny-all", Priority = 300, ActionType = AzureFirewallRCActionType.Deny },
                    },
                };
                await rg.GetAzureFirewalls().CreateOrUpdateAsync(WaitUntil.Completed, "fw-hub", data);
            }
        }
        """;

    [Theory]
    [InlineData("Add the missing AKS egress rules to 'aks-core'")]
    [InlineData("Add an 'aks-egress' rule collection")]
    public async Task AzureSdkFirewallData_GetsInitializerElements_ThatCompileAgainstGetOnlyLists(string title)
    {
        var after = await FixAndVerifyAsync("/src/Hub.cs", new[] { ("/src/Hub.cs", AzureSdkHub) }, title, new[] { ("/infra/cluster.json", Verifiers.ArmFixtures.Cluster()) });

        Assert.Contains("ProtocolType = AzureFirewallApplicationRuleProtocolType.Https", after[after.IndexOf("\"images\"", StringComparison.Ordinal)..][200..], StringComparison.Ordinal);
        Assert.Contains("\"login.microsoftonline.com\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AzureSdkRuleCollectionGroupData_GetsAnApplicationRule()
    {
        var code = """
            using System.Threading.Tasks;
            using Azure;
            using Azure.ResourceManager.Network;
            using Azure.ResourceManager.Network.Models;

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
                        },
                    },
                });
            }
            """;

        var after = await FixAndVerifyAsync("/src/Hub.cs", new[] { ("/src/Hub.cs", code) }, "Add the missing AKS egress rules to 'aks-app'", new[] { ("/infra/cluster.json", Verifiers.ArmFixtures.Cluster()) });

        Assert.Contains("Rules =", after, StringComparison.Ordinal);
        Assert.Contains("new ApplicationRule", after, StringComparison.Ordinal);
        Assert.Contains("FirewallPolicyRuleApplicationProtocolType.Https", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingNetworkEgress_IsAppendedToTheNetworkCollection_WithUnionListInitializers()
    {
        var hub = Usings + $$"""
            public static class HubStack
            {
                public static AzureFirewall Create() => new AzureFirewall("fw-hub", new AzureFirewallArgs
                {
                    ResourceGroupName = "rg-hub",
                    ApplicationRuleCollections = { {{AppCollection("\"aks-core\"", HttpsRule("{ " + CoreFqdnLiteralsExcept() + " }"), priority: 300)}} },
                    NetworkRuleCollections =
                    {
                        new AzureFirewallNetworkRuleCollectionArgs
                        {
                            Name = "aks-net",
                            Priority = 200,
                            Action = new AzureFirewallRCActionArgs { Type = "Allow" },
                            Rules =
                            {
                                new AzureFirewallNetworkRuleArgs { Name = "ntp", SourceAddresses = { "*" }, Protocols = { "UDP" }, DestinationAddresses = { "*" }, DestinationPorts = { "123" } },
                            },
                        },
                    },
                });
            }
            """;

        var after = await FixAndVerifyAsync("/src/Hub.cs", new[] { ("/src/Cluster.cs", Cluster()), ("/src/Hub.cs", hub) }, "Add the missing AKS egress rules to 'aks-net'", globalConfig: "build_property.EgressAksTunnel = legacy\n");

        Assert.Contains("DestinationPorts = { \"9000\" }", after.Replace("\"1194\", ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("new[] { \"TCP\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemplateFirewall_InScopeOnlyThroughTheClusterInCode_GetsTheTemplateFix()
    {
        // Nothing in the template mentions AKS: only the cluster written in C# puts this firewall in scope.
        var template = Verifiers.ArmFixtures.ClassicFirewall(Verifiers.ArmFixtures.AppCollection("\"web\"", 200, "Allow", Verifiers.ArmFixtures.HttpsRule("\"www.contoso.com\"")));
        using var runner = new CSharpCodeFixRunner(new[] { ("/src/Cluster.cs", Cluster()) }, new[] { ("/infra/hub.json", template) });
        var diagnostics = await MissingAsync(runner.Project);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'login.microsoftonline.com'", StringComparison.Ordinal));
        var diagnostic = diagnostics.First(d => d.GetMessage().Contains("'login.microsoftonline.com'", StringComparison.Ordinal));
        var document = runner.Project.AdditionalDocuments.Single(d => d.FilePath == "/infra/hub.json");
        var actions = new List<Microsoft.CodeAnalysis.CodeActions.CodeAction>();

        await new EgressAnalyzers.CodeFixes.Templates.TemplateEgressCodeFixProvider().RegisterCodeFixesAsync(
            new Microsoft.CodeAnalysis.CodeFixes.CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        await runner.ApplyAsync(Assert.Single(actions));

        Assert.DoesNotContain(await MissingAsync(runner.Project), d => d.GetMessage().Contains("'login.microsoftonline.com'", StringComparison.Ordinal));
    }
}
