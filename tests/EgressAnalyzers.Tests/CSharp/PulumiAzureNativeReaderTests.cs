using EgressAnalyzers.Tests.Infrastructure;
using EgressAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static EgressAnalyzers.Tests.Verifiers.PulumiFixtures;

namespace EgressAnalyzers.Tests.CSharp;

/// <summary>Pulumi Azure Native programs through the analyzer: same findings as the equivalent ARM template.</summary>
public class PulumiAzureNativeReaderTests
{
    private static EgressAnalyzerTest Test()
    {
        var test = new EgressAnalyzerTest();
        test.DisabledDiagnostics.Add("EGR1003");
        return test;
    }

    private static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(params string[] sources) =>
        (await CSharpAnalysisRunner.RunAsync(sources)).Where(d => d.Id != "EGR1003").ToList();

    [Fact]
    public async Task ClassicFirewallMissingFqdns_IsReportedAtTheCollectionArgs_WithTheArmMessage()
    {
        var firewall = ClassicFirewall("{|#0:" + AppCollection("\"aks-core\"", HttpsRule("{ " + CoreFqdnLiteralsExcept("login.microsoftonline.com") + " }")) + "|}");

        await Test()
            .WithSource("/src/Cluster.cs", Cluster())
            .WithSource("/src/Hub.cs", firewall)
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1001_RequiredApplicationEgressNotAllowed, 0)
                .WithArguments("Azure Firewall 'fw-hub'", "'login.microsoftonline.com'", "Https:443", "Microsoft Entra ID authentication"))
            .RunAsync();
    }

    [Fact]
    public async Task ClassicFirewallAllowingEveryCoreFqdn_ReportsNothing()
    {
        var diagnostics = await AnalyzeAsync(Cluster(), ClassicFirewall(AppCollection("\"aks-core\"", HttpsRule("{ " + CoreFqdnLiteralsExcept() + " }"))));

        Assert.Empty(diagnostics);
    }

    public static TheoryData<string, string, string> KnownValueForms => new()
    {
        // (description, class members, TargetFqdns expression) — each form must resolve to the full core list.
        { "array", "", "new[] { " + CoreFqdnLiteralsExcept() + " }" },
        { "List<string>", "", "new List<string> { " + CoreFqdnLiteralsExcept() + " }" },
        { "InputList<string>", "", "new InputList<string> { " + CoreFqdnLiteralsExcept() + " }" },
        { "static readonly array", "\n    private static readonly string[] Core = { " + CoreFqdnLiteralsExcept() + " };\n", "Core" },
        { "parenthesized static readonly array, null-forgiving", "\n    private static readonly string[] Core = (new[] { " + CoreFqdnLiteralsExcept() + " })!;\n", "Core" },
        { "helper returning a parenthesized string", "\n    private static string Hcp() => (\"*.hcp.westeurope.azmk8s.io\");\n", "{ Hcp(), " + CoreFqdnLiteralsExcept("*.hcp.westeurope.azmk8s.io") + " }" },
        { "parenthesized switch in a helper", "\n    private static string Region(string env) => (env switch { \"prod\" => \"westeurope\", _ => \"northeurope\" });\n", "{ $\"*.hcp.{Region(\"prod\")}.azmk8s.io\", " + CoreFqdnLiteralsExcept("*.hcp.westeurope.azmk8s.io") + " }" },
        { "const parts and +", "\n    private const string Region = \"westeurope\";\n    private const string Mcr = \"mcr.microsoft.com\";\n", "{ \"*.hcp.\" + Region + \".azmk8s.io\", Mcr, " + CoreFqdnLiteralsExcept("*.hcp.westeurope.azmk8s.io", "mcr.microsoft.com") + " }" },
        { "interpolation of a static readonly", "\n    private static readonly string Region = \"westeurope\";\n", "{ $\"*.hcp.{Region}.azmk8s.io\", " + CoreFqdnLiteralsExcept("*.hcp.westeurope.azmk8s.io") + " }" },
        { "helper method", "\n    private static string[] CoreFqdns() => new[] { " + CoreFqdnLiteralsExcept() + " };\n", "CoreFqdns()" },
        { "helper method with a params array", "\n    private static string[] Targets(params string[] fqdns) => fqdns;\n", "Targets(" + CoreFqdnLiteralsExcept() + ")" },
        { "helper methods with parameters, nested", "\n    private static string Hcp(string region) => Fqdn(\"hcp\", region);\n    private static string Fqdn(string service, string region, string zone = \"azmk8s.io\") => $\"*.{service}.{region}.{zone}\";\n", "{ Hcp(\"westeurope\"), " + CoreFqdnLiteralsExcept("*.hcp.westeurope.azmk8s.io") + " }" },
        { "an enum value interpolated (written by its name)", "\n    private enum Region { northeurope, westeurope }\n", "{ $\"*.hcp.{Region.westeurope}.azmk8s.io\", " + CoreFqdnLiteralsExcept("*.hcp.westeurope.azmk8s.io") + " }" },
        { "an enum value added to a string", "\n    private enum Region { northeurope = 3, westeurope = 7 }\n", "{ \"*.hcp.\" + Region.westeurope + \".azmk8s.io\", " + CoreFqdnLiteralsExcept("*.hcp.westeurope.azmk8s.io") + " }" },
        { "a collection expression", "", "[ " + CoreFqdnLiteralsExcept() + " ]" },
        { "a static readonly array from a collection expression", "\n    private static readonly string[] Core = [ " + CoreFqdnLiteralsExcept() + " ];\n", "Core" },
        { "a collection expression spreading known lists", "\n    private static readonly string[] Mcr = [\"mcr.microsoft.com\", \"*.data.mcr.microsoft.com\"];\n    private static readonly List<string> Rest = new() { " + CoreFqdnLiteralsExcept("mcr.microsoft.com", "*.data.mcr.microsoft.com", "*.hcp.westeurope.azmk8s.io") + " };\n", "[ ..Mcr, $\"*.hcp.{\"westeurope\"}.azmk8s.io\", ..Rest ]" },
        { "an interpolation with an alignment", "\n    private const string Mcr = \"mcr\";\n    private const int Mirror = 1;\n", "{ $\"{Mcr,3}.microsoft.com\", $\"mcr-{Mirror,4:D4}.mcr-msedge.net\", " + CoreFqdnLiteralsExcept("mcr.microsoft.com", "mcr-0001.mcr-msedge.net") + " }" },
        { "a virtual helper called on a new object of its own type", "\n    private class Names { public virtual string Registry() => \"mcr.microsoft.com\"; }\n", "{ new Names().Registry(), " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " }" },
        { "a static readonly array made from another by LINQ (a new array, not another name for it)", "\n    private static readonly string[] Mcr = { \"mcr.microsoft.com\" };\n    private static readonly string[] All = Mcr.Concat(Mcr).Concat(new[] { " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " }).ToArray();\n", "All" },
        { "an integer with a numeric format", "\n    private const int Mirror = 1;\n", "{ $\"mcr-{Mirror:D4}.mcr-msedge.net\", " + CoreFqdnLiteralsExcept("mcr-0001.mcr-msedge.net") + " }" },
        { "a local function with an expression body and a default parameter", "\n    private static string[] Fqdns()\n    {\n        string Registry(string name, string zone = \"microsoft.com\") => $\"{name}.{zone}\";\n        return new[] { Registry(\"mcr\"), " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " };\n    }\n", "Fqdns()" },
        { "a local function with a single return, using a local of its method", "\n    private static string[] Fqdns()\n    {\n        var suffix = \"microsoft.com\";\n        string Registry(string name)\n        {\n            var fqdn = name + \".\" + suffix;\n            return fqdn;\n        }\n\n        return new[] { Registry(\"mcr\"), " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " };\n    }\n", "Fqdns()" },
        { "a static local function as a LINQ selector", "\n    private static string[] Fqdns()\n    {\n        static string Registry(string name) => name + \".microsoft.com\";\n        return new[] { \"mcr\" }.Select(Registry).Concat(new[] { " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " }).ToArray();\n    }\n", "Fqdns()" },
        { "ImmutableArray.Create of known items", "", "System.Collections.Immutable.ImmutableArray.Create(" + CoreFqdnLiteralsExcept() + ")" },
        { "ImmutableList.Create of known items", "", "System.Collections.Immutable.ImmutableList.Create(" + CoreFqdnLiteralsExcept() + ").ToArray()" },
        { "ImmutableArray.CreateRange and ToImmutableArray of a known array", "\n    private static readonly string[] Core = { " + CoreFqdnLiteralsExcept() + " };\n", "System.Collections.Immutable.ImmutableArray.ToImmutableArray(System.Collections.Immutable.ImmutableArray.CreateRange(Core))" },
        { "ToLowerInvariant and Trim", "", "{ \" MCR.Microsoft.COM \".Trim().ToLowerInvariant(), " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " }" },
        { "ToLower without a culture on text without a capital I", "", "{ \"MCR.microsoft.COM\".ToLower(), " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " }" },
        { "ToLower in the invariant culture", "", "{ \"MCR.MICROSOFT.COM\".ToLower(System.Globalization.CultureInfo.InvariantCulture), " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " }" },
        { "string.Concat of known parts", "\n    private const string Domain = \"microsoft.com\";\n", "{ string.Concat(\"mcr.\", Domain), string.Concat(\"*.data.\", \"mcr.\", \"microsoft\", \".\", \"com\"), " + CoreFqdnLiteralsExcept("mcr.microsoft.com", "*.data.mcr.microsoft.com") + " }" },
        { "string.Join of a params list and of a known array", "\n    private static readonly string[] Parts = { \"*\", \"data\", \"mcr\", \"microsoft\", \"com\" };\n", "{ string.Join(\".\", \"mcr\", \"microsoft\", \"com\"), string.Join('.', Parts), " + CoreFqdnLiteralsExcept("mcr.microsoft.com", "*.data.mcr.microsoft.com") + " }" },
        { "string.Format with the invariant culture, a numeric format and an alignment", "\n    private const int Mirror = 1;\n", "{ string.Format(System.Globalization.CultureInfo.InvariantCulture, \"mcr-{0:D4}.mcr-msedge.net\", Mirror), string.Format(\"{0,3}.{1}\", \"mcr\", \"microsoft.com\"), " + CoreFqdnLiteralsExcept("mcr-0001.mcr-msedge.net", "mcr.microsoft.com") + " }" },
        { "int.ToString with a format and the invariant culture", "\n    private const int Mirror = 1;\n", "{ \"mcr-\" + Mirror.ToString(\"D4\", System.Globalization.CultureInfo.InvariantCulture) + \".mcr-msedge.net\", " + CoreFqdnLiteralsExcept("mcr-0001.mcr-msedge.net") + " }" },
        { "int.ToString without a format", "\n    private const int Mirror = 1;\n", "{ \"mcr-000\" + Mirror.ToString() + \".mcr-msedge.net\", " + CoreFqdnLiteralsExcept("mcr-0001.mcr-msedge.net") + " }" },
        { "Split of a known string", "", "\"mcr.microsoft.com,*.data.mcr.microsoft.com,," + string.Join(",", ArmFixtures.CoreFqdns.Where(f => f is not "mcr.microsoft.com" and not "*.data.mcr.microsoft.com")) + "\".Split(new[] { ',' }, System.StringSplitOptions.RemoveEmptyEntries)" },
        { "a switch expression with or and not patterns", "\n    private static readonly string Region = \"westeurope\";\n", "{ Region switch { \"northeurope\" or \"uksouth\" => \"registry.example\", not \"eastus\" => \"mcr.microsoft.com\", _ => \"other.example\" }, " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " }" },
        { "a switch expression with relational patterns on an integer", "\n    private const int Mirror = 3;\n", "{ Mirror switch { < 2 => \"registry.example\", >= 2 and <= 5 => \"mcr.microsoft.com\", _ => \"other.example\" }, " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " }" },
        { "a switch expression over an enum, with a condition", "\n    private enum Cloud { Public, China }\n    private static readonly Cloud Current = Cloud.Public;\n", "{ Current switch { Cloud.China => \"registry.example\", Cloud.Public when Current != Cloud.China => \"mcr.microsoft.com\", _ => \"other.example\" }, " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " }" },
    };

    [Theory]
    [MemberData(nameof(KnownValueForms))]
    public async Task KnownValueForm_ResolvesLikeLiterals(string form, string members, string targetFqdns)
    {
        var diagnostics = await AnalyzeAsync(Cluster(), ClassicFirewall(AppCollection("\"aks-core\"", HttpsRule(targetFqdns)), "using System.Linq;\n", members: members));

        Assert.True(diagnostics.Count == 0, form + ": " + string.Join("\n", diagnostics));
    }

    internal static string PolicyWithGroupHelper(string calls, bool withSpoke = true) => Usings + $$"""
        public static class PolicyStack
        {
            public static void Create()
            {
                var hub = new FirewallPolicy("hub-policy", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                {{(withSpoke ? "var spoke = new FirewallPolicy(\"spoke-policy\", new FirewallPolicyArgs { ResourceGroupName = \"rg\" });" : "")}}
                {{calls}}
            }

            private static void AddAksRules(FirewallPolicy policy, string name, int priority) =>
                _ = new FirewallPolicyRuleCollectionGroup(name, new FirewallPolicyRuleCollectionGroupArgs
                {
                    ResourceGroupName = "rg",
                    FirewallPolicyName = policy.Name,
                    Priority = priority,
                    RuleCollections = { {{PolicyFilterCollection(CoreFqdnLiteralsExcept("acs-mirror.azureedge.net"))}} },
                });
        }
        """;

    [Fact]
    public async Task GroupCreatedInAHelper_IsReadWithItsCallsArguments_SoItsPolicyIsKnown()
    {
        var diagnostics = await AnalyzeAsync(Cluster(), PolicyWithGroupHelper("AddAksRules(hub, \"aks-rcg\", 200);"));

        // Read once with 'policy' unknown, the group would belong to no policy: every endpoint it allows EGR1006. Read
        // with the call's arguments, it is the hub's; the spoke policy, which gets no group, lacks everything.
        Assert.DoesNotContain(diagnostics, d => d.Id == "EGR1006");
        var hub = Assert.Single(diagnostics, d => d.GetMessage().Contains("Firewall policy 'hub-policy'", StringComparison.Ordinal));
        Assert.Contains("'acs-mirror.azureedge.net'", hub.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(ArmFixtures.CoreFqdns.Length, diagnostics.Count(d => d.Id == "EGR1001" && d.GetMessage().Contains("Firewall policy 'spoke-policy'", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GroupHelperCalledForTwoPolicies_GivesEachPolicyItsGroup()
    {
        var diagnostics = await AnalyzeAsync(Cluster(), PolicyWithGroupHelper("AddAksRules(hub, \"aks-hub\", 200);\n        AddAksRules(spoke, \"aks-spoke\", 300);"));

        Assert.True(diagnostics.Count == 2, string.Join("\n", diagnostics));
        Assert.All(diagnostics, d => Assert.Equal("EGR1001", d.Id));
        Assert.All(diagnostics, d => Assert.Contains("'acs-mirror.azureedge.net'", d.GetMessage(), StringComparison.Ordinal));
        Assert.Single(diagnostics, d => d.GetMessage().Contains("Firewall policy 'hub-policy'", StringComparison.Ordinal));
        Assert.Single(diagnostics, d => d.GetMessage().Contains("Firewall policy 'spoke-policy'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GroupHelperPassedAsAMethodGroup_IsReadOnce_WithItsPolicyUnknown()
    {
        var diagnostics = await AnalyzeAsync(Cluster(), PolicyWithGroupHelper("System.Action<FirewallPolicy, string, int> add = AddAksRules;\n        add(hub, \"aks-rcg\", 200);"));

        Assert.Contains(diagnostics, d => d.Id == "EGR1006" && d.GetMessage().Contains("the policy of rule collection group", StringComparison.Ordinal));
        Assert.DoesNotContain(diagnostics, d => d.Id == "EGR1001" && !d.GetMessage().Contains("'acs-mirror.azureedge.net'", StringComparison.Ordinal));
    }

    /// <summary>
    /// A hub as a Pulumi component: the policy and its group are created in the constructor, the group's target FQDNs
    /// (<paramref name="targetFqdns"/>; by default the core list with the regional FQDN built from <c>args.Location</c>,
    /// without acs-mirror.azureedge.net) from the component's own args (<paramref name="argsMembers"/>).
    /// <paramref name="creations"/> is the stack's code creating hubs.
    /// </summary>
    internal static string HubComponent(string creations, string extraTypes = "", string argsMembers = "public string Location { get; set; } = \"\";", string? targetFqdns = null)
    {
        targetFqdns ??= "{ $\"*.hcp.{args.Location}.azmk8s.io\", " + CoreFqdnLiteralsExcept("*.hcp.westeurope.azmk8s.io", "acs-mirror.azureedge.net") + " }";
        var collection = PolicyFilterCollection("TARGETS").Replace("TargetFqdns = { TARGETS }", "TargetFqdns = " + targetFqdns, StringComparison.Ordinal);
        return Usings + $$"""
            public sealed class HubArgs
            {
                {{argsMembers}}
            }

            public class Hub : ComponentResource
            {
                public Hub(string name, HubArgs args) : base("egress:index:Hub", name)
                {
                    var policy = new FirewallPolicy($"{name}-policy", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                    _ = new FirewallPolicyRuleCollectionGroup($"{name}-aks", new FirewallPolicyRuleCollectionGroupArgs
                    {
                        ResourceGroupName = "rg",
                        FirewallPolicyName = policy.Name,
                        Priority = 200,
                        RuleCollections = { {{collection}} },
                    });
                }
            }
            {{extraTypes}}
            public static class HubStack
            {
                public static void Create()
                {
                    {{creations}}
                }
            }
            """;
    }

    [Fact]
    public async Task ComponentConstructor_IsReadWithEachCreationsArguments_IncludingItsArgsProperties()
    {
        var diagnostics = await AnalyzeAsync(Cluster(), HubComponent("_ = new Hub(\"hub\", new HubArgs { Location = \"westeurope\" });"));

        // Read once, 'name' and 'args' unknown: the group would belong to no policy and its regional FQDN be unknown.
        Assert.DoesNotContain(diagnostics, d => d.Id == "EGR1006");
        var missing = Assert.Single(diagnostics);
        Assert.Equal("EGR1001", missing.Id);
        Assert.Contains("Firewall policy 'hub-policy'", missing.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'acs-mirror.azureedge.net'", missing.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a default value", "public List<string> Fqdns { get; set; } = new() { CORE };")]
    [InlineData("its constructor", "public HubArgs() { Fqdns = new List<string> { CORE }; }\n    public List<string> Fqdns { get; set; }")]
    public async Task ComponentArgsListFilledByTheClass_AddedToByTheInitializer_IsNotReadAsTheInitializerAlone(string form, string members)
    {
        // HubArgs.Fqdns starts with the core list; "Fqdns = { … }" adds to it. Read as the initializer says, the group
        // would allow only the added FQDN, and the core list would be reported missing.
        var component = HubComponent(
            "_ = new Hub(\"hub\", new HubArgs { Fqdns = { \"packages.aks.azure.com\" } });",
            argsMembers: members.Replace("CORE", CoreFqdnLiteralsExcept("packages.aks.azure.com"), StringComparison.Ordinal),
            targetFqdns: "args.Fqdns");

        var diagnostics = await AnalyzeAsync(Cluster(), component);

        Assert.True(!diagnostics.Any(d => d.Id == "EGR1001"), form + ":\n" + string.Join("\n", diagnostics));
    }

    [Fact]
    public async Task ComponentCreatedTwice_GivesEachHubItsOwnRegion()
    {
        var diagnostics = await AnalyzeAsync(
            Cluster(),
            HubComponent("_ = new Hub(\"weu\", new HubArgs { Location = \"westeurope\" });\n        Hub neu = new(\"neu\", new HubArgs { Location = \"northeurope\" });"));

        // The westeurope cluster's API server FQDN is allowed by the weu hub only; the neu hub (found through its
        // target-typed new) allows northeurope's instead, so it lacks both — and its northeurope FQDN is EGR1005, at the
        // interpolation that builds it.
        Assert.DoesNotContain(diagnostics, d => d.Id == "EGR1006");
        var weu = Assert.Single(diagnostics, d => d.GetMessage().Contains("Firewall policy 'weu-policy'", StringComparison.Ordinal));
        Assert.DoesNotContain("hcp", weu.GetMessage(), StringComparison.Ordinal);
        var neu = diagnostics.Where(d => d.GetMessage().Contains("Firewall policy 'neu-policy'", StringComparison.Ordinal)).Select(d => d.GetMessage()).ToList();
        Assert.Contains(neu, m => m.Contains("'*.hcp.westeurope.azmk8s.io'", StringComparison.Ordinal));
        Assert.Contains(neu, m => m.Contains("'acs-mirror.azureedge.net'", StringComparison.Ordinal));
        var otherRegion = Assert.Single(diagnostics, d => d.Id == "EGR1005");
        Assert.Contains("'*.hcp.northeurope.azmk8s.io'", otherRegion.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("$\"*.hcp.{args.Location}.azmk8s.io\"", otherRegion.Location.SourceTree!.GetText().ToString(otherRegion.Location.SourceSpan));
        Assert.True(diagnostics.Count == neu.Count + 2, string.Join("\n", diagnostics));
    }

    [Fact]
    public async Task ComponentWithASubclass_IsReadOnce_SoWhatItsGroupAllowsIsUnknownNotMissing()
    {
        // A subclass enters the constructor through base(…), which is no creation of AksRules: a call the reader cannot
        // list. Reading only the creation it can see (the spoke's) would lose the hub's group and report the hub policy
        // as lacking everything.
        var stack = Usings + $$"""
            public class AksRules : ComponentResource
            {
                public AksRules(string name, FirewallPolicy policy) : base("egress:index:AksRules", name)
                {
                    _ = new FirewallPolicyRuleCollectionGroup(name, new FirewallPolicyRuleCollectionGroupArgs
                    {
                        ResourceGroupName = "rg",
                        FirewallPolicyName = policy.Name,
                        Priority = 200,
                        RuleCollections = { {{PolicyFilterCollection(CoreFqdnLiteralsExcept())}} },
                    });
                }
            }

            public sealed class HubAksRules : AksRules
            {
                public HubAksRules(FirewallPolicy policy) : base("hub-aks", policy) { }
            }

            public static class PolicyStack
            {
                public static void Create()
                {
                    var hub = new FirewallPolicy("hub-policy", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                    var spoke = new FirewallPolicy("spoke-policy", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                    _ = new HubAksRules(hub);
                    _ = new AksRules("spoke-aks", spoke);
                }
            }
            """;

        var diagnostics = await AnalyzeAsync(Cluster(), stack);

        Assert.DoesNotContain(diagnostics, d => d.Id == "EGR1001");
        Assert.Contains(diagnostics, d => d.Id == "EGR1006");
    }

    [Theory]
    [InlineData("an override called through its base type", "public abstract class RulesBase { public abstract void Add(FirewallPolicy policy); }\npublic sealed class Rules : RulesBase { public override void Add(FirewallPolicy policy) => GROUP; }", "var rules = new Rules(); rules.Add(hub); RulesBase other = rules; other.Add(spoke);")]
    [InlineData("an interface method called through the interface", "public interface IRules { void Add(FirewallPolicy policy); }\npublic sealed class Rules : IRules { public void Add(FirewallPolicy policy) => GROUP; }", "var rules = new Rules(); rules.Add(hub); IRules other = rules; other.Add(spoke);")]
    public async Task HelperAlsoCalledThroughAnotherType_IsReadOnce_SoNoPolicyLosesItsGroup(string form, string types, string calls)
    {
        // Listing only the calls that bind to the helper itself would read the hub's group and lose the spoke's.
        var group = "_ = new FirewallPolicyRuleCollectionGroup(\"aks\", new FirewallPolicyRuleCollectionGroupArgs { ResourceGroupName = \"rg\", FirewallPolicyName = policy.Name, Priority = 200, RuleCollections = { " + PolicyFilterCollection(CoreFqdnLiteralsExcept()) + " } })";
        var stack = Usings + types.Replace("GROUP", group, StringComparison.Ordinal) + $$"""

            public static class PolicyStack
            {
                public static void Create()
                {
                    var hub = new FirewallPolicy("hub-policy", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                    var spoke = new FirewallPolicy("spoke-policy", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                    {{calls}}
                }
            }
            """;

        var diagnostics = await AnalyzeAsync(Cluster(), stack);

        Assert.True(!diagnostics.Any(d => d.Id == "EGR1001"), form + ":\n" + string.Join("\n", diagnostics));
    }

    [Fact]
    public async Task HelperCalledFromAHelper_TakesTheOuterCallsArguments()
    {
        var stack = Usings + $$"""
            public static class PolicyStack
            {
                public static void Create()
                {
                    CreateHub("hub", "westeurope");
                }

                private static void CreateHub(string name, string region)
                {
                    var policy = new FirewallPolicy(name + "-policy", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                    AddAksRules(policy, region);
                }

                private static void AddAksRules(FirewallPolicy policy, string region) =>
                    _ = new FirewallPolicyRuleCollectionGroup("aks", new FirewallPolicyRuleCollectionGroupArgs
                    {
                        ResourceGroupName = "rg",
                        FirewallPolicyName = policy.Name,
                        Priority = 200,
                        RuleCollections = { {{PolicyFilterCollection("$\"*.hcp.{region}.azmk8s.io\", " + CoreFqdnLiteralsExcept("*.hcp.westeurope.azmk8s.io"))}} },
                    });
            }
            """;

        var diagnostics = await AnalyzeAsync(Cluster(), stack);

        // One level only, 'policy' would be CreateHub's local (known) but 'region' its parameter (unknown): EGR1006.
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }

    [Fact]
    public async Task RecursiveHelper_StillGivesItsPolicyTheGroup()
    {
        var stack = Usings + $$"""
            public static class PolicyStack
            {
                public static void Create()
                {
                    var policy = new FirewallPolicy("hub-policy", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                    AddAksRules(policy, 2);
                }

                private static void AddAksRules(FirewallPolicy policy, int depth)
                {
                    _ = new FirewallPolicyRuleCollectionGroup("aks" + depth, new FirewallPolicyRuleCollectionGroupArgs
                    {
                        ResourceGroupName = "rg",
                        FirewallPolicyName = policy.Name,
                        Priority = 200 + depth,
                        RuleCollections = { {{PolicyFilterCollection(CoreFqdnLiteralsExcept())}} },
                    });
                    if (depth > 0)
                    {
                        AddAksRules(policy, depth - 1);
                    }
                }
            }
            """;

        var diagnostics = await AnalyzeAsync(Cluster(), stack);

        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }

    private const string CollectionUnion = "Union<FirewallPolicyFilterRuleCollectionArgs, FirewallPolicyNatRuleCollectionArgs>";

    // A group's RuleCollections is an InputList of a union: Add takes the element as an Input (the SDK's overloads make
    // a bare collection ambiguous), as users write it.
    private const string MirrorCollection = "(Input<" + CollectionUnion + ">)(" + CollectionUnion + ")new FirewallPolicyFilterRuleCollectionArgs { Name = \"mirror\", Priority = 150, RuleCollectionType = \"FirewallPolicyFilterRuleCollection\", Action = new FirewallPolicyFilterRuleCollectionActionArgs { Type = FirewallPolicyFilterRuleCollectionActionType.Allow }, Rules = new[] { new ApplicationRuleArgs { Name = \"mirror\", RuleType = \"ApplicationRule\", SourceAddresses = { \"*\" }, Protocols = { new FirewallPolicyRuleApplicationProtocolArgs { ProtocolType = \"Https\", Port = 443 } }, TargetFqdns = { \"acs-mirror.azureedge.net\" } } } }";

    /// <summary>A hub policy whose group's Args, made in a local, lack acs-mirror.azureedge.net until <paramref name="call"/> (maybe) adds it.</summary>
    private static string GroupArgsHandedOn(string call, string members) => Usings + $$"""
        public static class PolicyStack
        {
            public static void Create()
            {
                var hub = new FirewallPolicy("hub-policy", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                var groupArgs = new FirewallPolicyRuleCollectionGroupArgs
                {
                    ResourceGroupName = "rg",
                    FirewallPolicyName = hub.Name,
                    Priority = 200,
                    RuleCollections = { {{PolicyFilterCollection(CoreFqdnLiteralsExcept("acs-mirror.azureedge.net"))}} },
                };
                {{call}}
                _ = new FirewallPolicyRuleCollectionGroup("aks", groupArgs);
            }
        {{members}}
        }
        """;

    public static TheoryData<string, string, string> ArgsChangedOutOfSight => new()
    {
        { "handed to a method of the program", "AddMirror(groupArgs);", "private static void AddMirror(FirewallPolicyRuleCollectionGroupArgs a) => a.RuleCollections.Add(" + MirrorCollection + ");" },
        { "an extension method of the program", "groupArgs.AddMirror();", "private static void AddMirror(this FirewallPolicyRuleCollectionGroupArgs a) => a.RuleCollections.Add(" + MirrorCollection + ");" },
        { "handed through two methods", "Configure(groupArgs, true);", "private static void Configure(FirewallPolicyRuleCollectionGroupArgs a, bool mirror) { if (mirror) { AddMirror(a); } }\n    private static void AddMirror(FirewallPolicyRuleCollectionGroupArgs a) => a.RuleCollections.Add(" + MirrorCollection + ");" },
        { "its list handed to a method", "AddMirror(groupArgs.RuleCollections);", "private static void AddMirror(InputList<" + CollectionUnion + "> collections) => collections.Add(" + MirrorCollection + ");" },
        { "a list call the reader does not apply", "groupArgs.RuleCollections.Concat(new InputList<" + CollectionUnion + "> { " + MirrorCollection + " });", "" },
        { "changed in a lambda handed to a method", "Apply(() => AddMirror(groupArgs));", "private static void Apply(System.Action action) => action();\n    private static void AddMirror(FirewallPolicyRuleCollectionGroupArgs a) => a.RuleCollections.Add(" + MirrorCollection + ");" },
        { "handed to a delegate", "System.Action<FirewallPolicyRuleCollectionGroupArgs> extend = a => a.RuleCollections.Add(" + MirrorCollection + ");\n        extend(groupArgs);", "" },
        { "changed under another name", "var same = groupArgs;\n        same.RuleCollections.Add(" + MirrorCollection + ");", "" },
        { "its list changed under another name", "var collections = groupArgs.RuleCollections;\n        collections.Add(" + MirrorCollection + ");", "" },
        { "changed under a name given by a pattern", "if (groupArgs is { } g) { g.RuleCollections.Add(" + MirrorCollection + "); }", "" },
        { "changed under a name given by a switch", "switch (groupArgs) { case FirewallPolicyRuleCollectionGroupArgs g: g.RuleCollections.Add(" + MirrorCollection + "); break; }", "" },
        { "changed through a cast", "object boxed = groupArgs;\n        ((FirewallPolicyRuleCollectionGroupArgs)boxed).RuleCollections.Add(" + MirrorCollection + ");", "" },
        { "changed in a loop over an array holding it", "foreach (var g in new[] { groupArgs }) { g.RuleCollections.Add(" + MirrorCollection + "); }", "" },
        { "changed by a list's ForEach", "new List<FirewallPolicyRuleCollectionGroupArgs> { groupArgs }.ForEach(g => g.RuleCollections.Add(" + MirrorCollection + "));", "" },
        { "changed through a dictionary holding it", "var byName = new Dictionary<string, FirewallPolicyRuleCollectionGroupArgs> { [\"aks\"] = groupArgs };\n        byName[\"aks\"].RuleCollections.Add(" + MirrorCollection + ");", "" },
        { "stored in a field", "Saved = groupArgs;", "private static FirewallPolicyRuleCollectionGroupArgs? Saved;" },
    };

    [Theory]
    [MemberData(nameof(ArgsChangedOutOfSight))]
    public async Task ArgsThatMayBeChangedOutOfSight_AreUnknown_NotMissingWhatWasAdded(string form, string call, string members)
    {
        var diagnostics = await AnalyzeAsync(Cluster(), GroupArgsHandedOn(call, members));

        // What the group holds by the time it is created is not known: its endpoints may be allowed, none is missing.
        Assert.True(!diagnostics.Any(d => d.Id == "EGR1001"), form + ":\n" + string.Join("\n", diagnostics));
        Assert.Contains(diagnostics, d => d.Id == "EGR1006");
    }

    [Theory]
    [InlineData("handed to a method of the program that only reads it", "Log(groupArgs);", "private static void Log(FirewallPolicyRuleCollectionGroupArgs a) => System.Console.WriteLine(a.Priority);")]
    [InlineData("handed to .NET", "System.Console.WriteLine(groupArgs);", "")]
    [InlineData("a scalar of it handed to a method of the program", "Log(groupArgs.Priority);", "private static void Log(object value) => System.Console.WriteLine(value);")]
    [InlineData("read under another name", "var same = groupArgs;\n        System.Console.WriteLine(same.Priority);", "")]
    [InlineData("put in a list that is added to", "var all = new List<FirewallPolicyRuleCollectionGroupArgs> { groupArgs };\n        all.Add(new FirewallPolicyRuleCollectionGroupArgs());\n        System.Console.WriteLine(all.Count);", "")]
    public async Task ArgsHandedOnWithoutChange_StayKnown_SoTheGapIsReported(string form, string call, string members)
    {
        var diagnostics = await AnalyzeAsync(Cluster(), GroupArgsHandedOn(call, members));

        var missing = Assert.Single(diagnostics);
        Assert.True(missing.Id == "EGR1001" && missing.GetMessage().Contains("'acs-mirror.azureedge.net'", StringComparison.Ordinal), form + ": " + missing);
    }

    [Fact]
    public async Task HelperThatChangesTheArgsItIsGiven_ReadsThemAsUnknown()
    {
        var stack = Usings + $$"""
            public static class PolicyStack
            {
                public static void Create()
                {
                    var hub = new FirewallPolicy("hub-policy", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                    AddGroup(new FirewallPolicyRuleCollectionGroupArgs
                    {
                        ResourceGroupName = "rg",
                        FirewallPolicyName = hub.Name,
                        Priority = 200,
                        RuleCollections = { {{PolicyFilterCollection(CoreFqdnLiteralsExcept("acs-mirror.azureedge.net"))}} },
                    });
                }

                private static void AddGroup(FirewallPolicyRuleCollectionGroupArgs groupArgs)
                {
                    groupArgs.RuleCollections.Add({{MirrorCollection}});
                    _ = new FirewallPolicyRuleCollectionGroup("aks", groupArgs);
                }
            }
            """;

        var diagnostics = await AnalyzeAsync(Cluster(), stack);

        Assert.DoesNotContain(diagnostics, d => d.Id == "EGR1001");
    }

    [Fact]
    public async Task HelperThatReassignsItsParameter_IsNotFollowed_SoItsValueIsUnknownNotMissing()
    {
        var members = "\n    private static string Hcp(string region)\n    {\n        region = region.ToLowerInvariant();\n        return $\"*.hcp.{region}.azmk8s.io\";\n    }\n";
        var firewall = ClassicFirewall(AppCollection("\"aks-core\"", HttpsRule("{ Hcp(\"WestEurope\"), " + CoreFqdnLiteralsExcept("*.hcp.westeurope.azmk8s.io") + " }")), members: members);

        var diagnostics = await AnalyzeAsync(Cluster(), firewall);

        var unknown = Assert.Single(diagnostics);
        Assert.Equal("EGR1006", unknown.Id);
        Assert.Contains("'*.hcp.westeurope.azmk8s.io'", unknown.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("List<string>", "fqdns.Add(\"packages.aks.azure.com\");", true)]
    [InlineData("List<string>", "fqdns.AddRange(new[] { \"packages.aks.azure.com\" });", true)]
    [InlineData("InputList<string>", "fqdns.Add(\"packages.aks.azure.com\");", true)]
    [InlineData("List<string>", "fqdns.Insert(0, \"packages.aks.azure.com\");", false)]
    [InlineData("List<string>", "AddPackages(fqdns);", false)]
    public async Task ListLocal_ChangedAfterItsInitializer_IsNotMissingWhatWasAdded(string listType, string change, bool applied)
    {
        var members = "\n    private static void AddPackages(List<string> list) => list.Add(\"packages.aks.azure.com\");\n";
        var firewall = Usings + $$"""
            public static class HubStack
            {{{members}}
                public static AzureFirewall Create()
                {
                    var fqdns = new {{listType}} { {{CoreFqdnLiteralsExcept("packages.aks.azure.com")}} };
                    {{change}}
                    return new AzureFirewall("fw-hub", new AzureFirewallArgs
                    {
                        ResourceGroupName = "rg-hub",
                        ApplicationRuleCollections = { {{AppCollection("\"aks-core\"", HttpsRule("fqdns"))}} },
                    });
                }
            }
            """;

        var diagnostics = await AnalyzeAsync(Cluster(), firewall);

        // Add and AddRange are applied (the list is known, nothing is reported); other changes leave it unknown.
        Assert.True(applied ? diagnostics.Count == 0 : !diagnostics.Any(d => d.Id == "EGR1001") && diagnostics.Any(d => d.Id == "EGR1006"), change + ":\n" + string.Join("\n", diagnostics));
    }

    [Theory]
    [InlineData("List<string>", "new List<string>", "static HubStack() { Fqdns.Add(\"packages.aks.azure.com\"); }")]
    [InlineData("List<string>", "new List<string>", "public static void Extend() => Fqdns.Add(\"packages.aks.azure.com\");")]
    [InlineData("List<string>", "new List<string>", "public static void Extend() => HubStack.Fqdns.Add(\"packages.aks.azure.com\");")]
    [InlineData("string[]", "new[]", "static HubStack() { Fqdns[0] = \"packages.aks.azure.com\"; }")]
    [InlineData("string[]", "", "static HubStack() { Extend(Fqdns); }\n    private static void Extend(string[] list) => list[0] = \"packages.aks.azure.com\";")]
    public async Task StaticReadonlyList_ChangedElsewhere_IsNotMissingWhatWasAdded(string fieldType, string creation, string change)
    {
        // The first core FQDN is a stand-in that a change replaces or follows; either way its list is not its initializer.
        var members = $"\n    private static readonly {fieldType} Fqdns = {creation} {{ \"stand-in.example.com\", {CoreFqdnLiteralsExcept("packages.aks.azure.com")} }};\n    {change}\n";
        var firewall = ClassicFirewall(AppCollection("\"aks-core\"", HttpsRule("Fqdns")), members: members);

        var diagnostics = await AnalyzeAsync(Cluster(), firewall);

        Assert.True(!diagnostics.Any(d => d.Id == "EGR1001"), change + ":\n" + string.Join("\n", diagnostics));
    }

    /// <summary>A hub stack whose HTTPS rule is built in a local <c>rule</c> lacking packages.aks.azure.com; <paramref name="then"/> follows it.</summary>
    private static string HubWithRuleLocal(string then) => Usings + $$"""
        public static class HubStack
        {
            public static void Create()
            {
                var rule = new AzureFirewallApplicationRuleArgs
                {
                    Name = "aks",
                    SourceAddresses = { "*" },
                    Protocols = { new AzureFirewallApplicationRuleProtocolArgs { ProtocolType = AzureFirewallApplicationRuleProtocolType.Https, Port = 443 } },
                    TargetFqdns = { {{CoreFqdnLiteralsExcept("packages.aks.azure.com")}} },
                };
                {{then.Replace("\n", "\n            ", StringComparison.Ordinal)}}
            }
        }
        """;

    [Fact]
    public async Task RuleChangedAfterItIsPutInItsCollection_IsNotMissingWhatWasAdded()
    {
        // The rule object is in the collection by reference: what is added to it before the firewall is created is in the
        // firewall's rules, although it comes after the place the collection names the rule.
        var firewall = HubWithRuleLocal(
            """
            var collection = new AzureFirewallApplicationRuleCollectionArgs { Name = "aks-core", Priority = 200, Action = new AzureFirewallRCActionArgs { Type = AzureFirewallRCActionType.Allow }, Rules = { rule } };
            rule.TargetFqdns.Add("packages.aks.azure.com");
            _ = new AzureFirewall("fw-hub", new AzureFirewallArgs { ResourceGroupName = "rg", ApplicationRuleCollections = collection });
            """);

        var diagnostics = await AnalyzeAsync(Cluster(), firewall);

        Assert.True(!diagnostics.Any(d => d.Id == "EGR1001"), string.Join("\n", diagnostics));
    }

    [Fact]
    public async Task ListAddedToAfterPulumiCopiedIt_StillLacksWhatWasAdded()
    {
        // TargetFqdns = fqdns turns the List into an InputList, which copies it: what is added to the list afterwards is
        // not in the rule, although the firewall is created later.
        var firewall = Usings + $$"""
            public static class HubStack
            {
                public static void Create()
                {
                    var fqdns = new List<string> { {{CoreFqdnLiteralsExcept("packages.aks.azure.com")}} };
                    var rule = new AzureFirewallApplicationRuleArgs
                    {
                        Name = "aks",
                        SourceAddresses = { "*" },
                        Protocols = { new AzureFirewallApplicationRuleProtocolArgs { ProtocolType = AzureFirewallApplicationRuleProtocolType.Https, Port = 443 } },
                        TargetFqdns = fqdns,
                    };
                    fqdns.Add("packages.aks.azure.com");
                    _ = new AzureFirewall("fw-hub", new AzureFirewallArgs
                    {
                        ResourceGroupName = "rg",
                        ApplicationRuleCollections = { new AzureFirewallApplicationRuleCollectionArgs { Name = "aks-core", Priority = 200, Action = new AzureFirewallRCActionArgs { Type = AzureFirewallRCActionType.Allow }, Rules = { rule } } },
                    });
                }
            }
            """;

        var diagnostics = await AnalyzeAsync(Cluster(), firewall);

        var missing = Assert.Single(diagnostics);
        Assert.Contains("'packages.aks.azure.com'", missing.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a static readonly field set again in the static constructor", "\n    private static readonly string Region = \"northeurope\";\n    static HubStack() { Region = \"westeurope\"; }\n", "$\"*.hcp.{Region}.azmk8s.io\"")]
    [InlineData("a local set again by deconstruction", "\n    private static (string, int) Pick() => (\"westeurope\", 1);\n", "Hcp()")]
    public async Task ValueSetAgainAfterItsInitializer_IsNotReadFromTheInitializer(string form, string members, string hcp)
    {
        var local = hcp == "Hcp()"
            ? "\n    private static string Hcp()\n    {\n        var region = \"northeurope\";\n        int n;\n        (region, n) = Pick();\n        return $\"*.hcp.{region}.azmk8s.io\";\n    }\n"
            : "";
        var firewall = ClassicFirewall(AppCollection("\"aks-core\"", HttpsRule("{ " + hcp + ", " + CoreFqdnLiteralsExcept("*.hcp.westeurope.azmk8s.io") + " }")), members: members + local);

        var diagnostics = await AnalyzeAsync(Cluster(), firewall);

        // Read from the initializer, the API server FQDN would be northeurope's: missing for the westeurope cluster.
        Assert.True(!diagnostics.Any(d => d.Id is "EGR1001" or "EGR1005"), form + ":\n" + string.Join("\n", diagnostics));
    }

    [Fact]
    public async Task SingleAssignmentLocal_WithLaterAdd_IsResolved()
    {
        var firewall = HubWithRuleLocal(
            """
            rule.TargetFqdns.Add("packages.aks.azure.com");
            var collection = new AzureFirewallApplicationRuleCollectionArgs { Name = "aks-core", Priority = 200, Action = new AzureFirewallRCActionArgs { Type = AzureFirewallRCActionType.Allow } };
            collection.Rules.Add(rule);
            _ = new AzureFirewall("fw-hub", new AzureFirewallArgs { ResourceGroupName = "rg", ApplicationRuleCollections = collection });
            """);

        var diagnostics = await AnalyzeAsync(Cluster(), firewall);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task FqdnsFromAnOutput_AreUnknown_NotMissing()
    {
        var members = "\n    private static Output<string> Fqdn = Output.Create(\"mcr.microsoft.com\");\n";
        var firewall = ClassicFirewall(AppCollection("\"aks-core\"", HttpsRule("{ Fqdn, " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " }")), members: members);

        var diagnostics = await AnalyzeAsync(Cluster(), firewall);

        Assert.DoesNotContain(diagnostics, d => d.Id == "EGR1001");
        Assert.Contains(diagnostics, d => d.Id == "EGR1006" && d.GetMessage().Contains("mcr.microsoft.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LocationFromAParameter_IsUnknown_NotMissing()
    {
        var cluster = Usings + """
            public static class ClusterStack
            {
                public static ManagedCluster Create(Input<string> location) => new ManagedCluster("aks", new ManagedClusterArgs
                {
                    ResourceGroupName = "rg",
                    Location = location,
                    NetworkProfile = new ContainerServiceNetworkProfileArgs { OutboundType = OutboundType.UserDefinedRouting },
                });
            }
            """;
        var firewall = ClassicFirewall(AppCollection("\"aks-core\"", HttpsRule("{ " + CoreFqdnLiteralsExcept() + " }")));

        var diagnostics = await AnalyzeAsync(cluster, firewall);

        Assert.DoesNotContain(diagnostics, d => d.Id == "EGR1001");
        Assert.Contains(diagnostics, d => d.Id == "EGR1006");
    }

    [Fact]
    public async Task DenyCollectionByEnumStatic_LeavesEverythingMissing_AtTheFirewallArgs()
    {
        var firewall = ClassicFirewall(AppCollection("\"blocked\"", HttpsRule("{ " + CoreFqdnLiteralsExcept() + " }"), action: "AzureFirewallRCActionType.Deny"));

        var diagnostics = await AnalyzeAsync(Cluster(), firewall);

        Assert.Equal(ArmFixtures.CoreFqdns.Length, diagnostics.Count(d => d.Id == "EGR1001"));
        Assert.All(diagnostics.Where(d => d.Id == "EGR1001"), d => Assert.StartsWith("new AzureFirewallArgs", d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start), StringComparison.Ordinal));
    }

    [Fact]
    public async Task PartialClassWithArgsFromAHelperInAnotherFile_IsRead()
    {
        var part1 = Usings + """
            public partial class Hub
            {
                public AzureFirewall Create() => new AzureFirewall("fw-hub", BuildArgs());
            }
            """;
        var part2 = Usings + $$"""
            public partial class Hub
            {
                private static AzureFirewallArgs BuildArgs()
                {
                    return new AzureFirewallArgs
                    {
                        ResourceGroupName = "rg",
                        ApplicationRuleCollections = { {{AppCollection("\"aks-core\"", HttpsRule("{ " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " }"))}} },
                    };
                }
            }
            """;

        var diagnostics = await AnalyzeAsync(Cluster(), part1, part2);

        var finding = Assert.Single(diagnostics);
        Assert.Equal("EGR1001", finding.Id);
        Assert.Contains("'mcr.microsoft.com'", finding.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("/src/File2.cs", finding.Location.SourceTree!.FilePath);
    }

    [Fact]
    public async Task PolicyRuleCollectionGroup_LinkedByPolicyName_IsChecked_AtTheFilterCollection()
    {
        var policy = Usings + $$"""
            public static class PolicyStack
            {
                public static void Create()
                {
                    var policy = new FirewallPolicy("hub-policy", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                    _ = new FirewallPolicyRuleCollectionGroup("aks-rcg", new FirewallPolicyRuleCollectionGroupArgs
                    {
                        ResourceGroupName = "rg",
                        FirewallPolicyName = policy.Name,
                        Priority = 200,
                        RuleCollections =
                        {
                            {{PolicyFilterCollection(CoreFqdnLiteralsExcept("acs-mirror.azureedge.net"))}},
                        },
                    });
                }
            }
            """;

        var diagnostics = await AnalyzeAsync(Cluster(), policy);

        var finding = Assert.Single(diagnostics);
        Assert.Equal("EGR1001", finding.Id);
        Assert.Contains("Firewall policy 'hub-policy'", finding.GetMessage(), StringComparison.Ordinal);
        Assert.StartsWith("new FirewallPolicyFilterRuleCollectionArgs", finding.Location.SourceTree!.ToString().Substring(finding.Location.SourceSpan.Start), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterInCode_PutsAFirewallTemplateInScope()
    {
        var template = ArmFixtures.ClassicFirewall(ArmFixtures.AppCollection("\"web\"", 200, "Allow", ArmFixtures.HttpsRule("\"www.contoso.com\"")));

        var diagnostics = (await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Cluster.cs", Cluster()) }, ("/infra/hub.json", template))).Where(d => d.Id != "EGR1003").ToList();

        Assert.Equal(ArmFixtures.CoreFqdns.Length, diagnostics.Count(d => d.Id == "EGR1001"));
        Assert.All(diagnostics, d => Assert.Equal("/infra/hub.json", d.Location.GetLineSpan().Path));
    }

    [Fact]
    public async Task ClusterInATemplate_PutsACodeFirewallInScope()
    {
        var firewall = ClassicFirewall(AppCollection("\"web\"", HttpsRule("{ \"www.contoso.com\" }")));

        var diagnostics = (await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Hub.cs", firewall) }, ("/infra/cluster.json", ArmFixtures.Cluster()))).Where(d => d.Id != "EGR1003").ToList();

        Assert.Equal(ArmFixtures.CoreFqdns.Length, diagnostics.Count(d => d.Id == "EGR1001"));
        Assert.All(diagnostics, d => Assert.Equal("/src/Hub.cs", d.Location.SourceTree?.FilePath));
    }

    [Fact]
    public async Task FirewallWithoutAksMention_AndNoCluster_IsSilent()
    {
        var diagnostics = await AnalyzeAsync(ClassicFirewall(AppCollection("\"web\"", HttpsRule("{ \"www.contoso.com\" }"))));

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task ClusterLocationFromStackConfig_IsKnown()
    {
        var cluster = Cluster("new Config(\"azure-native\").Require(\"location\")");
        var firewall = ClassicFirewall(AppCollection("\"aks-core\"", HttpsRule("{ " + CoreFqdnLiteralsExcept() + " }")));
        var stack = "config:\n  azure-native:location: westeurope\n";

        var diagnostics = (await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Cluster.cs", cluster), ("/src/Hub.cs", firewall) }, ("/Pulumi.dev.yaml", stack))).Where(d => d.Id != "EGR1003").ToList();

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task ClusterWithoutLocation_UsesTheProviderDefaultFromStackConfig()
    {
        var cluster = Usings + """
            public static class ClusterStack
            {
                public static ManagedCluster Create() => new ManagedCluster("aks", new ManagedClusterArgs
                {
                    ResourceGroupName = "rg",
                    NetworkProfile = new ContainerServiceNetworkProfileArgs { OutboundType = "userDefinedRouting" },
                });
            }
            """;
        var firewall = ClassicFirewall(AppCollection("\"aks-core\"", HttpsRule("{ " + CoreFqdnLiteralsExcept("*.hcp.westeurope.azmk8s.io") + ", \"*.hcp.northeurope.azmk8s.io\" }")));
        var stack = "config:\n  azure-native:location: westeurope # the hub region\n";

        var diagnostics = (await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Cluster.cs", cluster), ("/src/Hub.cs", firewall) }, ("/Pulumi.dev.yaml", stack))).Where(d => d.Id != "EGR1003").ToList();

        var missing = Assert.Single(diagnostics, d => d.Id == "EGR1001");
        Assert.Contains("'*.hcp.westeurope.azmk8s.io'", missing.GetMessage(), StringComparison.Ordinal);
        var otherRegion = Assert.Single(diagnostics, d => d.Id == "EGR1005");
        Assert.Contains("'westeurope'", otherRegion.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(2, diagnostics.Count);
    }

    [Fact]
    public void CompilationWithoutAnySdk_HasNoSymbols_SoCSharpAnalysisIsSkipped()
    {
        var plain = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Plain", new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class C { }") }, SdkStubs.FrameworkReferences);
        var withStubs = SdkStubs.CompileUserCode(("/src/C.cs", "class C { }"));

        Assert.True(EgressAnalyzers.CSharp.CSharpSdkSymbols.Resolve(plain).IsEmpty);
        Assert.False(EgressAnalyzers.CSharp.CSharpSdkSymbols.Resolve(withStubs).IsEmpty);
    }

    public static TheoryData<string, string, string> UnknownValueForms => new()
    {
        // (description, class members, TargetFqdns expression) — mcr.microsoft.com hidden behind something unresolvable.
        { "method with two returns", "\n    private static string[] Fqdns(bool b)\n    {\n        if (b) { return new[] { \"mcr.microsoft.com\" }; }\n        return new string[0];\n    }\n", "Fqdns(true)" },
        { "local assigned twice", "\n    private static string[] Pick() { var f = new[] { \"x\" }; f = new[] { \"mcr.microsoft.com\" }; return f; }\n", "Pick()" },
        { "array reversed in place by Array.Reverse", "\n    private static string[] Pick() { var f = new[] { \"x.example\", \"mcr.microsoft.com\" }; System.Array.Reverse(f); return new[] { f[0] }; }\n", "Pick()" },
        { "array written by CopyTo", "\n    private static string[] Pick() { var f = new[] { \"x.example\" }; new[] { \"mcr.microsoft.com\" }.CopyTo(f, 0); return f; }\n", "Pick()" },
        { "array the destination of Array.Copy", "\n    private static string[] Pick() { var f = new[] { \"x.example\" }; System.Array.Copy(new[] { \"mcr.microsoft.com\" }, f, 1); return f; }\n", "Pick()" },
        { "array written through a span", "\n    private static string[] Pick() { var f = new[] { \"x.example\" }; System.Span<string> s = f; s[0] = \"mcr.microsoft.com\"; return f; }\n", "Pick()" },
        { "local written through a ref local", "\n    private static string Pick() { var r = \"x.example\"; ref var a = ref r; a = \"mcr.microsoft.com\"; return r; }\n", "{ Pick() }" },
        { "array element written through a ref local", "\n    private static string[] Pick() { var f = new[] { \"x.example\" }; ref var first = ref f[0]; first = \"mcr.microsoft.com\"; return f; }\n", "Pick()" },
        { "mutable static field", "\n    private static string[] Mutable = { \"mcr.microsoft.com\" };\n", "Mutable" },
        { "interpolation of an Output", "\n    private static Output<string> Suffix = Output.Create(\"microsoft.com\");\n", "{ Output.Format($\"mcr.{Suffix}\") }" },
        { "LINQ result", "\n    private static readonly string[] All = { \"mcr.microsoft.com\" };\n", "System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Where(All, f => f.Length > 0))" },
        { "a collection expression spreading an unknown list", "\n    private static string[] Fetch() { var list = new List<string>(); Fill(list); return list.ToArray(); }\n    private static void Fill(List<string> list) { }\n", "[ ..Fetch() ]" },
        { "a virtual helper called through the base type", "\n    private class Names { public virtual string Registry() => \"registry.example\"; }\n    private sealed class AksNames : Names { public override string Registry() => \"mcr.microsoft.com\"; }\n    private static readonly Names Current = new AksNames();\n", "{ Current.Registry() }" },
        { "an interface's default method", "\n    private interface INames { string Registry() => \"registry.example\"; }\n    private sealed class AksNames : INames { public string Registry() => \"mcr.microsoft.com\"; }\n", "{ ((INames)new AksNames()).Registry() }" },
        { "an interpolation with a format the reader does not apply", "\n    private const double Version = 1.5;\n", "{ $\"mcr{Version:N1}.microsoft.com\" }" },
        { "an enum value two members share", "\n    private enum Registry { mcr = 1, Mcr = 1 }\n", "{ $\"{Registry.mcr}.microsoft.com\" }" },
        { "a local function with two returns", "\n    private static string[] Fqdns()\n    {\n        string Registry(bool mcr)\n        {\n            if (mcr) { return \"mcr.microsoft.com\"; }\n            return \"registry.example\";\n        }\n\n        return new[] { Registry(true) };\n    }\n", "Fqdns()" },
        { "a local function that assigns to its parameter", "\n    private static string[] Fqdns()\n    {\n        string Registry(string name) { name += \".microsoft.com\"; return name; }\n        return new[] { Registry(\"mcr\") };\n    }\n", "Fqdns()" },
        { "ImmutableArray.Create of a part of an array (a start and a length)", "", "System.Collections.Immutable.ImmutableArray.Create(new[] { \"registry.example\", \"mcr.microsoft.com\" }, 1, 1)" },
        { "Split with a count", "", "\"mcr.microsoft.com,registry.example\".Split(',', 1)" },
        { "ToLower without a culture on text with a capital I (Turkish lowers it to ı)", "", "{ \"MCR.MICROSOFT.COM\".ToLower() }" },
        { "string.Format with a culture other than the invariant one", "", "{ string.Format(new System.Globalization.CultureInfo(\"tr-TR\"), \"{0}.microsoft.com\", \"mcr\") }" },
        { "a negative number written in the current culture (its minus sign may be U+2212)", "\n    private const int Offset = -1;\n", "{ $\"mcr{Offset}.microsoft.com\" }" },
        { "string.Join of a list with an unknown item", "\n    private static readonly string[] Parts = { \"mcr\", System.Environment.MachineName, \"com\" };\n", "{ string.Join(\".\", Parts) }" },
        { "a switch expression over a value known at run time", "", "{ System.Environment.GetEnvironmentVariable(\"REGION\") switch { \"westeurope\" => \"mcr.microsoft.com\", _ => \"registry.example\" } }" },
        { "a switch expression with a pattern the reader does not decide before the arm that matches", "\n    private static readonly string Region = \"westeurope\";\n", "{ Region switch { { Length: > 4 } => \"mcr.microsoft.com\", \"westeurope\" => \"registry.example\", _ => \"other.example\" } }" },
        { "a switch expression with a condition on a run-time value before the arm that matches", "\n    private static readonly string Region = \"westeurope\";\n", "{ Region switch { \"westeurope\" when System.Environment.Is64BitProcess => \"mcr.microsoft.com\", \"westeurope\" => \"registry.example\", _ => \"other.example\" } }" },
        { "a switch expression of a type the reader does not compare", "\n    private static readonly object Boxed = 1;\n", "{ Boxed switch { \"1\" => \"registry.example\", _ => \"mcr.microsoft.com\" } }" },
    };

    [Theory]
    [MemberData(nameof(UnknownValueForms))]
    public async Task UnknownValueForm_IsUnknown_NeverMissing(string form, string members, string unknownFqdns)
    {
        var rules = HttpsRule("{ " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " }") + ",\n" + HttpsRule(unknownFqdns, "\"hidden\"");
        var diagnostics = await AnalyzeAsync(Cluster(), ClassicFirewall(AppCollection("\"aks-core\"", rules), members: members));

        Assert.False(diagnostics.Any(d => d.Id == "EGR1001"), form + ": " + string.Join("\n", diagnostics));
        Assert.True(diagnostics.Any(d => d.Id == "EGR1006" && d.GetMessage().Contains("mcr.microsoft.com", StringComparison.Ordinal)), form + ": " + string.Join("\n", diagnostics));
    }

    private static string FirewallSubclassStack(string subclassMembers, string creation) => Usings + $$"""
        public class HubFirewall : AzureFirewall
        {
            {{subclassMembers}}
        }

        public static class HubStack
        {
            public static AzureFirewallArgs Args() => new AzureFirewallArgs
            {
                ResourceGroupName = "rg-hub",
                AzureFirewallName = "fw-hub",
                ApplicationRuleCollections = { {{AppCollection("\"aks-core\"", HttpsRule("{ " + CoreFqdnLiteralsExcept("login.microsoftonline.com") + " }"))}} },
            };

            public static object Create() => {{creation}};
        }
        """;

    [Fact]
    public async Task FirewallSubclass_ForwardingItsParametersToTheBase_IsReadWithTheCallersValues()
    {
        var stack = FirewallSubclassStack("public HubFirewall(string name, AzureFirewallArgs args) : base(name, args) { }", "new HubFirewall(\"fw-hub\", Args())");

        var diagnostics = await AnalyzeAsync(Cluster(), stack);

        var missing = Assert.Single(diagnostics);
        Assert.Equal("EGR1001", missing.Id);
        Assert.Contains("'login.microsoftonline.com'", missing.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirewallSubclass_ChainingThroughThisAndReorderedParameters_IsRead()
    {
        var members = """
            public HubFirewall(AzureFirewallArgs args) : this(args, "fw-hub") { }
                private HubFirewall(AzureFirewallArgs args, string name) : base(name, args) { }
            """;
        var stack = FirewallSubclassStack(members, "new HubFirewall(Args())");

        var diagnostics = await AnalyzeAsync(Cluster(), stack);

        var missing = Assert.Single(diagnostics);
        Assert.Contains("'login.microsoftonline.com'", missing.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirewallSubclass_WhoseArgsComeFromAComputation_IsUnknownNotAFirewallWithoutRules()
    {
        // The base receives Args built by a loop the reader does not evaluate: nothing may be reported missing.
        var members = """
            public HubFirewall() : base("fw-hub", Build()) { }

                private static AzureFirewallArgs Build()
                {
                    var args = new AzureFirewallArgs { ResourceGroupName = "rg-hub" };
                    for (var i = 0; i < 2; i++) { args = new AzureFirewallArgs { ResourceGroupName = "rg-hub" + i }; }
                    return args;
                }
            """;
        var stack = FirewallSubclassStack(members, "new HubFirewall()");

        var diagnostics = await AnalyzeAsync(Cluster(), stack);

        Assert.DoesNotContain(diagnostics, d => d.Id == "EGR1001");
        Assert.Contains(diagnostics, d => d.Id == "EGR1006");
    }

    [Fact]
    public async Task ClusterSubclass_PassingArgsToItsBase_IsRead()
    {
        var cluster = Usings + """
            public sealed class HubCluster : ManagedCluster
            {
                public HubCluster()
                    : base("aks", new ManagedClusterArgs
                    {
                        ResourceGroupName = "rg",
                        Location = "northeurope",
                        NetworkProfile = new ContainerServiceNetworkProfileArgs { OutboundType = OutboundType.UserDefinedRouting },
                    })
                {
                }
            }

            public static class ClusterStack
            {
                public static ManagedCluster Create() => new HubCluster();
            }
            """;
        var firewall = ClassicFirewall(AppCollection("\"aks-core\"", HttpsRule("{ " + CoreFqdnLiteralsExcept() + " }")));

        var diagnostics = await AnalyzeAsync(cluster, firewall);

        Assert.Contains(diagnostics, d => d.Id == "EGR1001" && d.GetMessage().Contains("'*.hcp.northeurope.azmk8s.io'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HelperReturningCollectionArgs_WithAParameterForTheName_StillReadsTheRules()
    {
        var members = "\n    private static AzureFirewallApplicationRuleCollectionArgs Collection(string name) => new AzureFirewallApplicationRuleCollectionArgs\n    {\n        Name = name,\n        Priority = 200,\n        Action = new AzureFirewallRCActionArgs { Type = \"Allow\" },\n        Rules = { " + HttpsRule("{ " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " }") + " },\n    };\n";
        var firewall = ClassicFirewall("Collection(\"aks-core\")", members: members);

        var diagnostics = await AnalyzeAsync(Cluster(), firewall);

        var finding = Assert.Single(diagnostics);
        Assert.Contains("'mcr.microsoft.com'", finding.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("an argument too many", "new FirewallPolicyRuleCollectionGroupArgs", ", null, 42")]
    [InlineData("a misspelt Args type", "new FirewallPolicyRuleCollectionGroupArgz", "")]
    [InlineData("Args from a method not written yet", "Make() ?? new FirewallPolicyRuleCollectionGroupArgs", "")]
    [InlineData("Args from a delegate (compiles; not followed)", "((System.Func<FirewallPolicyRuleCollectionGroupArgs>)(() => new FirewallPolicyRuleCollectionGroupArgs", "))()")]
    public async Task RuleCollectionGroupThatCannotBeRead_LeavesThePolicysCoverageUnknown_NeverMissing(string form, string argsCreation, string afterArgs)
    {
        // Read as nothing, the group would leave 'hub-policy' looking empty: every endpoint its rules allow reported missing.
        var policy = Usings + $$"""
            public static class PolicyStack
            {
                public static void Create()
                {
                    var policy = new FirewallPolicy("hub-policy", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                    _ = new FirewallPolicyRuleCollectionGroup("aks-rcg", {{argsCreation}}
                    {
                        ResourceGroupName = "rg",
                        FirewallPolicyName = policy.Name,
                        Priority = 200,
                        RuleCollections = { {{PolicyFilterCollection(CoreFqdnLiteralsExcept())}} },
                    }{{afterArgs}});
                }

                private static FirewallPolicyRuleCollectionGroupArgs Identity(FirewallPolicyRuleCollectionGroupArgs args) => Pick(args);

                private static FirewallPolicyRuleCollectionGroupArgs Pick(FirewallPolicyRuleCollectionGroupArgs args) => args;
            }
            """;

        var diagnostics = (await CSharpAnalysisRunner.RunAsync(OutputKind.DynamicallyLinkedLibrary, allowCompileErrors: true, new[] { ("/src/Cluster.cs", Cluster()), ("/src/Policy.cs", policy) }))
            .Where(d => d.Id.StartsWith("EGR", StringComparison.Ordinal) && d.Id != "EGR1003")
            .ToList();

        var unknown = Assert.Single(diagnostics);
        Assert.True(unknown.Id == "EGR1006", form + ": " + string.Join("\n", diagnostics));
        Assert.Contains("Firewall policy 'hub-policy'", unknown.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("the policy of rule collection group 'aks-rcg', whose rules may allow this traffic,", unknown.GetMessage(), StringComparison.Ordinal);
        Assert.StartsWith("new FirewallPolicyRuleCollectionGroup(\"aks-rcg\"", policy.Substring(unknown.Location.SourceSpan.Start), StringComparison.Ordinal);
    }

    private const string McrDescription = "Microsoft Container Registry: system images (CoreDNS, ...) for create, scale and upgrade";

    /// <summary>A firewall allowing every core FQDN but mcr.microsoft.com, and <paramref name="mcrFqdns"/> in a second rule.</summary>
    private static string FirewallWithMcrFrom(string mcrFqdns, string members, string extraUsings = "") =>
        ClassicFirewall(
            "{|#0:" + AppCollection("\"aks-core\"", HttpsRule("{ " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " }") + ",\n" + HttpsRule(mcrFqdns, "\"mcr\"")) + "|}",
            extraUsings,
            members);

    private static Task ExpectMcrMissing(string mcrFqdns, string members, string extraUsings = "") =>
        Test()
            .WithSource("/src/Cluster.cs", Cluster())
            .WithSource("/src/Hub.cs", FirewallWithMcrFrom(mcrFqdns, members, extraUsings))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1001_RequiredApplicationEgressNotAllowed, 0)
                .WithArguments("Azure Firewall 'fw-hub'", "'mcr.microsoft.com'", "Https:443", McrDescription))
            .RunAsync();

    private const string RegionField = "\n    private static readonly string Region = \"westeurope\";\n";

    [Fact]
    public async Task A_switch_expression_over_a_known_region_is_read()
    {
        var diagnostics = await AnalyzeAsync(Cluster(), ClassicFirewall(AppCollection("\"aks-core\"", HttpsRule(
            "{ Region switch { \"northeurope\" => \"registry.example\", \"westeurope\" => \"mcr.microsoft.com\", _ => \"other.example\" }, " + CoreFqdnLiteralsExcept("mcr.microsoft.com") + " }")), members: RegionField));

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task A_switch_expression_that_picks_another_registry_for_the_region_leaves_mcr_missing()
    {
        await ExpectMcrMissing("{ Region switch { \"westeurope\" => \"registry.example\", _ => \"mcr.microsoft.com\" } }", RegionField);
    }

    [Fact]
    public async Task A_local_function_that_names_another_registry_leaves_mcr_missing()
    {
        await ExpectMcrMissing("Fqdns()", "\n    private static string[] Fqdns()\n    {\n        string Registry(string name) => name + \".microsoft.com\";\n        return new[] { Registry(\"acr\") };\n    }\n");
    }

    [Fact]
    public async Task A_string_Format_that_writes_another_registry_leaves_mcr_missing()
    {
        await ExpectMcrMissing("{ string.Format(\"{0}.{1}\", Registry, \"microsoft.com\") }", "\n    private const string Registry = \"acr\";\n");
    }

    [Fact]
    public async Task A_lowered_name_of_another_registry_leaves_mcr_missing()
    {
        await ExpectMcrMissing("{ \"ACR.Microsoft.COM\".Trim().ToLowerInvariant() }", "");
    }

    [Theory]
    [InlineData("new AzureFirewall(\"fw\", new AzureFirewallArgs { ApplicationRuleCollections = { new AzureFirewallApplicationRuleCollectionArgs { Rules = { new")]
    [InlineData("new AzureFirewall(\"fw\", new AzureFirewallArgs { ApplicationRuleCollections = { Undefined() } });")]
    [InlineData("new AzureFirewall(new AzureFirewallArgs { Priority = });")]
    [InlineData("new ManagedCluster(\"aks\", new ManagedClusterArgs { AddonProfiles = { { \"omsagent\" } }, Location = missing });")]
    [InlineData("var a = b; var b = a; new AzureFirewall(\"fw\", a);")]
    [InlineData("new FirewallPolicyRuleCollectionGroup(\"g\", new FirewallPolicyRuleCollectionGroupArgs { FirewallPolicyName = this.Name, RuleCollections = { null! } });")]
    public async Task CodeBeingTyped_NeverThrows(string statements)
    {
        var code = Usings + "public static class Broken\n{\n    public static void Create()\n    {\n        " + statements + "\n    }\n}\n";

        // The runner fails on any analyzer exception; compile errors are expected here.
        await CSharpAnalysisRunner.RunAsync(OutputKind.DynamicallyLinkedLibrary, allowCompileErrors: true, new[] { ("/src/Broken.cs", code), ("/src/Cluster.cs", Cluster()) });
    }

    /// <summary>
    /// A policy whose application rules allow every core FQDN but MCR, and whose network rule opens TCP 443 to the IP
    /// group <c>ipg</c> (created with <paramref name="ipAddresses"/>, C# initializer text).
    /// </summary>
    private static string PolicyWithWebRuleToIpGroup(string ipAddresses) => Usings + $$"""
        public static class HubStack
        {
            public static void Create()
            {
                var ipg = new IpGroup("ipg-web", new IpGroupArgs { ResourceGroupName = "rg-hub", {{ipAddresses}} });
                var policy = new FirewallPolicy("hub-policy", new FirewallPolicyArgs { ResourceGroupName = "rg-hub" });
                _ = new FirewallPolicyRuleCollectionGroup("aks-rcg", new FirewallPolicyRuleCollectionGroupArgs
                {
                    ResourceGroupName = "rg-hub",
                    FirewallPolicyName = policy.Name,
                    Priority = 200,
                    RuleCollections =
                    {
                        {{PolicyFilterCollection(CoreFqdnLiteralsExcept("mcr.microsoft.com"))}},
                        new FirewallPolicyFilterRuleCollectionArgs
                        {
                            Name = "web-net",
                            Priority = 100,
                            RuleCollectionType = "FirewallPolicyFilterRuleCollection",
                            Action = new FirewallPolicyFilterRuleCollectionActionArgs { Type = "Allow" },
                            Rules = new object[] { new NetworkRuleArgs { Name = "web", RuleType = "NetworkRule", SourceAddresses = { "*" }, DestinationIpGroups = { ipg.Id }, DestinationPorts = { "443" }, IpProtocols = { "TCP" } } },
                        },
                    },
                });
            }
        }
        """;

    [Fact]
    public async Task A_network_rule_to_an_IP_group_the_program_creates_with_every_address_allows_MCR()
    {
        var diagnostics = await AnalyzeAsync(Cluster(), PolicyWithWebRuleToIpGroup("IpAddresses = { \"0.0.0.0/0\" }"));

        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains("mcr.microsoft.com'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_network_rule_to_an_IP_group_of_specific_addresses_leaves_MCR_missing_as_those_addresses_would()
    {
        var diagnostics = await AnalyzeAsync(Cluster(), PolicyWithWebRuleToIpGroup("IpAddresses = { \"203.0.113.0/24\" }"));

        var mcr = Assert.Single(diagnostics, d => d.GetMessage().Contains("'mcr.microsoft.com'", StringComparison.Ordinal));
        Assert.Equal("EGR1001", mcr.Id);
    }

    /// <summary>A classic firewall whose core FQDNs are an ImmutableArray local, with <paramref name="statements"/> after it.</summary>
    private static string FirewallFromImmutableLocal(string statements) => Usings + "using System.Collections.Immutable;\n" + $$"""
        public static class HubStack
        {
            public static AzureFirewall Create()
            {
                var fqdns = ImmutableArray.Create({{CoreFqdnLiteralsExcept("mcr.microsoft.com")}});
                {{statements}}
                return new AzureFirewall("fw-hub", new AzureFirewallArgs
                {
                    ResourceGroupName = "rg-hub",
                    ApplicationRuleCollections =
                    {
                        new AzureFirewallApplicationRuleCollectionArgs
                        {
                            Name = "aks-core",
                            Priority = 200,
                            Action = new AzureFirewallRCActionArgs { Type = "Allow" },
                            Rules = { new AzureFirewallApplicationRuleArgs { Name = "aks", SourceAddresses = { "*" }, Protocols = { new AzureFirewallApplicationRuleProtocolArgs { ProtocolType = "Https", Port = 443 } }, TargetFqdns = fqdns } },
                        },
                    },
                });
            }
        }
        """;

    [Fact]
    public async Task An_Add_on_an_immutable_array_whose_result_is_dropped_changes_nothing()
    {
        var dropped = await AnalyzeAsync(Cluster(), FirewallFromImmutableLocal("fqdns.Add(\"mcr.microsoft.com\");"));
        var kept = await AnalyzeAsync(Cluster(), FirewallFromImmutableLocal("fqdns = fqdns.Add(\"mcr.microsoft.com\");"));

        Assert.Equal("EGR1001", Assert.Single(dropped, d => d.GetMessage().Contains("'mcr.microsoft.com'", StringComparison.Ordinal)).Id);

        // Assigned back, the local is written twice: unknown, never missing.
        Assert.Equal("EGR1006", Assert.Single(kept, d => d.GetMessage().Contains("mcr.microsoft.com", StringComparison.Ordinal)).Id);
    }
}
