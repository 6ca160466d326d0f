using System.Globalization;
using EgressAnalyzers.Tests.Infrastructure;
using EgressAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static EgressAnalyzers.Tests.Verifiers.PulumiFixtures;

namespace EgressAnalyzers.Tests.CSharp;

/// <summary>
/// C# loops read item by item, as ARM copy loops and Bicep <c>for</c> are: resources created in a <c>foreach</c> over a
/// known collection, list changes made in such a loop, and LINQ projections (<c>Select</c>, <c>SelectMany</c>,
/// <c>Concat</c>, <c>Append</c>, <c>Prepend</c>) of known lists. What the reader cannot expand stays unknown, never
/// missing.
/// </summary>
public class CSharpLoopTests
{
    private const string LinqUsings = "using System.Linq;\n";

    private static readonly string CoreWithoutHcpAndMirror = CoreFqdnLiteralsExcept("*.hcp.westeurope.azmk8s.io", "acs-mirror.azureedge.net");

    private static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(params string[] sources) =>
        (await CSharpAnalysisRunner.RunAsync(sources)).Where(d => d.Id != "EGR1003").ToList();

    private static List<string> Summaries(IEnumerable<Diagnostic> diagnostics) => diagnostics
        .Where(d => d.Id != "EGR1003")
        .Select(d => $"{d.Id} {d.Severity} {d.GetMessage(CultureInfo.InvariantCulture)}")
        .OrderBy(s => s, StringComparer.Ordinal)
        .ToList();

    /// <summary>A hub policy per region, each with a group allowing the core FQDNs but acs-mirror, its API server's FQDN from the region.</summary>
    private static string HubsPerRegion(string loopHeader, string members = "", string loopFooter = "") => LinqUsings + Usings + $$"""
        public static class HubStack
        {
            private static readonly string[] Regions = { "westeurope", "northeurope" };{{members}}

            public static void Create()
            {
                {{loopHeader}}
                {
                    var policy = new FirewallPolicy($"policy-{region}", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                    _ = new FirewallPolicyRuleCollectionGroup($"aks-{region}", new FirewallPolicyRuleCollectionGroupArgs
                    {
                        ResourceGroupName = "rg",
                        RuleCollectionGroupName = "aks",
                        FirewallPolicyName = policy.Name,
                        Priority = 200,
                        RuleCollections = { {{PolicyFilterCollection("$\"*.hcp.{region}.azmk8s.io\", " + CoreWithoutHcpAndMirror)}} },
                    });
                }
                {{loopFooter}}
            }
        }
        """;

    /// <summary>The hubs of <see cref="HubsPerRegion"/> as a Bicep <c>for</c>.</summary>
    private static string BicepHubsPerRegion(string filter = "") => Bicep.BicepFixtures.PolicyLoopWithGroups(
        "policies[i]",
        "'*.hcp.${region}.azmk8s.io'\n" + Bicep.BicepFixtures.CoreFqdnsExcept("*.hcp.westeurope.azmk8s.io", "acs-mirror.azureedge.net"),
        filter);

    [Theory]
    [InlineData("a static readonly array", "foreach (var region in Regions)", "")]
    [InlineData("an array written in the loop", "foreach (var region in new[] { \"westeurope\", \"northeurope\" })", "")]
    [InlineData("a list local", "var all = new List<string> { \"westeurope\" };\n        all.Add(\"northeurope\");\n        foreach (var region in all)", "")]
    [InlineData("a LINQ projection", "foreach (var region in Directions.Select(d => d + \"europe\"))", "\n    private static readonly string[] Directions = { \"west\", \"north\" };")]
    [InlineData("a helper projecting", "foreach (var region in Directions.Select(Region))", "\n    private static readonly string[] Directions = { \"west\", \"north\" };\n    private static string Region(string direction) => $\"{direction}europe\";")]
    public async Task PoliciesCreatedInAForEach_AreOnePerItem_AsABicepForLoopIs(string form, string loopHeader, string members)
    {
        var fromCSharp = await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Cluster.cs", Cluster()), ("/src/Hub.cs", HubsPerRegion(loopHeader, members)) });

        await AssertSameAsTheBicepForLoopAsync(form, fromCSharp);
    }

    public static TheoryData<string, string, string, string> HubShapes => new()
    {
        // (description, class members, loop header, the region expression in the body)
        { "anonymous objects", "", "foreach (var hub in new[] { new { Region = \"westeurope\", Size = 1 }, new { Region = \"northeurope\", Size = 2 } })", "hub.Region" },
        { "named tuples", "", "foreach (var hub in new[] { (Region: \"westeurope\", Size: 1), (Region: \"northeurope\", Size: 2) })", "hub.Region" },
        { "tuples taken apart", "", "foreach (var (name, size) in new[] { (\"westeurope\", 1), (\"northeurope\", 2) })", "name" },
        { "a LINQ Select with the index, taken apart (a lambda parameter of the same name)", "", "foreach (var (name, i) in Regions.Select((r, i) => (r, i)))", "name" },
        { "a counting for over the array's Length", "", "for (var i = 0; i < Regions.Length; i++)", "Regions[i]" },
        { "a counting for to a constant, with <= and ++i", "", "for (int i = 0; i <= 1; ++i)", "Regions[i]" },
        { "a counting for with += 1, from a constant", "\n    private const int First = 0;", "for (var i = First; i < 2; i += 1)", "Regions[i]" },
        { "tuples taken apart, each declared", "", "foreach ((string name, int size) in new List<(string, int)> { (\"westeurope\", 1), (\"northeurope\", 2) })", "name" },
        { "a positional record", "\n    private sealed record Hub(string Region, int Size);", "foreach (var hub in new[] { new Hub(\"westeurope\", 1), new Hub(\"northeurope\", 2) })", "hub.Region" },
        { "a static readonly array of records", "\n    private sealed record Hub(string Region, int Size);\n    private static readonly Hub[] Hubs = { new(\"westeurope\", 1), new(\"northeurope\", 2) };", "foreach (var hub in Hubs)", "hub.Region" },
    };

    [Theory]
    [MemberData(nameof(HubShapes))]
    public async Task LoopOverHubDescriptions_ReadsEachHubsValues(string form, string members, string loopHeader, string region)
    {
        var source = HubsPerRegion(loopHeader, members).Replace("{\n            var policy", "{\n            var region = " + region + ";\n            var policy", StringComparison.Ordinal);
        Assert.Contains("var region = " + region, source, StringComparison.Ordinal);

        var fromCSharp = await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Cluster.cs", Cluster()), ("/src/Hub.cs", source) });

        await AssertSameAsTheBicepForLoopAsync(form, fromCSharp);
    }

    [Fact]
    public async Task HelperCalledInAForEach_IsReadOncePerItem_AsABicepForLoopIs()
    {
        // The usual layout: the loop in the stack, the resources in a helper taking the region.
        var body = HubsPerRegion("if (true)");
        var helper = body.Replace("public static void Create()", "private static void AddHub(string region)", StringComparison.Ordinal)
            .Replace("if (true)", string.Empty, StringComparison.Ordinal)
            .Replace("public static class HubStack\n{", "public static class HubStack\n{\n    public static void Create()\n    {\n        foreach (var region in Regions)\n        {\n            AddHub(region);\n        }\n    }\n", StringComparison.Ordinal);
        Assert.Contains("AddHub(region);", helper, StringComparison.Ordinal);

        var fromCSharp = await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Cluster.cs", Cluster()), ("/src/Hub.cs", helper) });

        await AssertSameAsTheBicepForLoopAsync("a helper called in a loop", fromCSharp);
    }

    [Fact]
    public async Task ListFilledInTheLoopThatCreatesTheGroups_KeepsEachGroupsOwnItem()
    {
        // The list accumulates over the loop: each group may claim the other region's API server too (one too many,
        // never one too few). Applying the additions must not lose the item of the group being read: its policy
        // stays 'policy-northeurope', not a policy of unknown name.
        var source = LinqUsings + Usings + $$"""
            public static class HubStack
            {
                private static readonly string[] Regions = { "westeurope", "northeurope" };

                public static void Create()
                {
                    var fqdns = new List<string> { "acs-mirror.azureedge.net", {{CoreWithoutHcpAndMirror}} };
                    foreach (var region in Regions)
                    {
                        fqdns.Add($"*.hcp.{region}.azmk8s.io");
                        var policy = new FirewallPolicy($"policy-{region}", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                        _ = new FirewallPolicyRuleCollectionGroup($"aks-{region}", new FirewallPolicyRuleCollectionGroupArgs
                        {
                            ResourceGroupName = "rg",
                            Priority = 200,
                            RuleCollections = { {{PolicyFilterCollection("\"snapshot.ubuntu.com\"").Replace("TargetFqdns = { \"snapshot.ubuntu.com\" }", "TargetFqdns = fqdns", StringComparison.Ordinal)}} },
                            // Read after the list: the region must still be this group's.
                            FirewallPolicyName = $"policy-{region}",
                        });
                    }
                }
            }
            """;

        var diagnostics = await AnalyzeAsync(Cluster(), source);

        Assert.DoesNotContain(diagnostics, d => d.Id is "EGR1001" or "EGR1006");
        Assert.Contains(diagnostics, d => d.Id == "EGR1005" && d.GetMessage().Contains("'*.hcp.northeurope.azmk8s.io'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoopWhoseItemsTheCreationDoesNotUse_GivesTheSameFindingsAsOneCreation()
    {
        // Read per item, the group is the same group twice (same policy, same name): it must not count twice, and no
        // finding may appear twice.
        var once = HubsPerRegion("if (true)").Replace("{region}", "westeurope", StringComparison.Ordinal);
        var twice = HubsPerRegion("foreach (var other in Regions)").Replace("{region}", "westeurope", StringComparison.Ordinal);

        var fromOnce = Summaries(await AnalyzeAsync(Cluster(), once));
        var fromTwice = Summaries(await AnalyzeAsync(Cluster(), twice));

        Assert.NotEmpty(fromOnce);
        Assert.Equal(fromOnce, fromTwice);
    }

    private static async Task AssertSameAsTheBicepForLoopAsync(string form, IEnumerable<Diagnostic> fromCSharp)
    {
        var fromBicep = await CSharpAnalysisRunner.RunAsync(
            new[] { ("/src/Empty.cs", "public static class Empty { }") },
            ("/infra/cluster.bicep", RandomFirewalls.BicepCluster("westeurope")),
            ("/infra/hubs.bicep", BicepHubsPerRegion()));

        // Read once with the region unknown, the two policies were one policy of unknown name whose API server FQDN
        // could not be checked (EGR1006). Item by item: the west European hub lacks the mirror; the north European hub
        // lacks the mirror and allows another region's API server (EGR1005).
        var expected = Summaries(fromBicep);
        Assert.Contains(expected, s => s.StartsWith("EGR1001", StringComparison.Ordinal) && s.Contains("'policy-westeurope'", StringComparison.Ordinal) && s.Contains("'acs-mirror.azureedge.net'", StringComparison.Ordinal));
        Assert.Contains(expected, s => s.Contains("'policy-northeurope'", StringComparison.Ordinal));
        Assert.DoesNotContain(expected, s => s.StartsWith("EGR1006", StringComparison.Ordinal));
        Assert.True(expected.SequenceEqual(Summaries(fromCSharp)), form + ":\nBicep:\n" + string.Join("\n", expected) + "\nC#:\n" + string.Join("\n", Summaries(fromCSharp)));
    }

    /// <summary>A classic firewall whose one rule's target FQDNs are <paramref name="targetFqdns"/>.</summary>
    private static string Firewall(string targetFqdns, string members) =>
        ClassicFirewall(AppCollection("\"aks-core\"", HttpsRule(targetFqdns)), LinqUsings, "\n    private static readonly string[] Core = { " + CoreWithoutHcpAndMirror + " };\n    private static readonly string[] Regions = { \"westeurope\", \"northeurope\" };" + members);

    public static TheoryData<string, string, string> KnownProjections => new()
    {
        // (description, class members, TargetFqdns expression) — each must resolve to the full core list (with the
        // mirror and the west European API server).
        { "Select and Concat", "", "Regions.Select(r => $\"*.hcp.{r}.azmk8s.io\").Concat(Core).Append(\"acs-mirror.azureedge.net\").ToList()" },
        { "Prepend, then an array", "", "Core.Prepend(\"acs-mirror.azureedge.net\").Prepend(\"*.hcp.westeurope.azmk8s.io\").ToArray()" },
        { "Select with the index", "", "Core.Select((f, i) => Core[i]).Concat(new[] { \"acs-mirror.azureedge.net\", Hcp(\"westeurope\") }).ToArray()" },
        { "Select with a helper method group", "\n    private static string Hcp(string region) => $\"*.hcp.{region}.azmk8s.io\";", "Regions.Select(Hcp).Concat(Core).Append(\"acs-mirror.azureedge.net\").ToList()" },
        { "SelectMany of lists", "", "Regions.SelectMany(r => new[] { $\"*.hcp.{r}.azmk8s.io\", \"acs-mirror.azureedge.net\" }).Concat(Core).ToList()" },
        { "a block lambda returning one expression", "", "Regions.Select(r => { return \"*.hcp.\" + r + \".azmk8s.io\"; }).Concat(Core).Append(\"acs-mirror.azureedge.net\").ToArray()" },
        { "a new List of a projection", "", "new List<string>(Regions.Select(r => $\"*.hcp.{r}.azmk8s.io\").Concat(Core)) { \"acs-mirror.azureedge.net\" }" },
    };

    [Theory]
    [MemberData(nameof(KnownProjections))]
    public async Task LinqOverKnownLists_IsReadItemByItem(string form, string members, string targetFqdns)
    {
        var source = Firewall(targetFqdns, members.Contains("Hcp(", StringComparison.Ordinal) || !targetFqdns.Contains("Hcp(", StringComparison.Ordinal) ? members : "\n    private static string Hcp(string region) => $\"*.hcp.{region}.azmk8s.io\";");

        var diagnostics = await AnalyzeAsync(Cluster(), source);

        // Unknown (EGR1006) before LINQ was read; the north European API server is another region's (EGR1005), which
        // shows the projection's items are each read.
        Assert.True(diagnostics.All(d => d.Id == "EGR1005"), form + ":\n" + string.Join("\n", diagnostics));
        Assert.Equal(targetFqdns.Contains("Regions", StringComparison.Ordinal) ? 1 : 0, diagnostics.Count);
    }

    public static TheoryData<string, string, string> UnknownProjections => new()
    {
        // (description, class members, TargetFqdns expression) — what the reader cannot follow: never "missing".
        { "Where (what it keeps is a run-time question)", "", "Core.Where(f => f.Length > 3).Concat(Regions.Select(r => $\"*.hcp.{r}.azmk8s.io\")).ToList()" },
        { "Select over a run-time list", "\n    private static string[] Fetch() { var list = new List<string>(); Fill(list); return list.ToArray(); }\n    private static void Fill(List<string> list) { }", "Fetch().Select(f => f).Concat(Core).ToList()" },
        { "a block lambda with statements", "", "Regions.Select(r => { var fqdn = $\"*.hcp.{r}.azmk8s.io\"; return fqdn; }).Concat(Core).ToList()" },
        { "a selector that reassigns its parameter", "", "Regions.Select(r => (r = \"eastus\") + \"\").Concat(Core).ToList()" },
        { "a lambda held in a local", "", "Regions.Select(Project()).Concat(Core).ToList()" },
    };

    [Theory]
    [MemberData(nameof(UnknownProjections))]
    public async Task LinqTheReaderCannotFollow_IsUnknown_NeverMissing(string form, string members, string targetFqdns)
    {
        members += "\n    private static System.Func<string, string> Project() => r => $\"*.hcp.{r}.azmk8s.io\";";
        var diagnostics = await AnalyzeAsync(Cluster(), Firewall(targetFqdns + ".Append(\"acs-mirror.azureedge.net\").ToList()", members));

        Assert.True(!diagnostics.Any(d => d.Id is "EGR1001" or "EGR1005"), form + ":\n" + string.Join("\n", diagnostics));
        Assert.Contains(diagnostics, d => d.Id == "EGR1006");
    }

    [Theory]
    [InlineData("a static readonly array", "foreach (var region in Regions)")]
    [InlineData("nested loops", "foreach (var service in new[] { \"hcp\" })\n        foreach (var region in Regions)")]
    public async Task ListAddedToInAForEach_GetsOneItemPerIteration(string form, string loopHeader)
    {
        var service = loopHeader.Contains("service", StringComparison.Ordinal) ? "{service}" : "hcp";
        var members = $$"""

                private static List<string> Targets()
                {
                    var fqdns = new List<string>(Core) { "acs-mirror.azureedge.net" };
                    {{loopHeader}}
                    {
                        fqdns.Add($"*.{{service}}.{region}.azmk8s.io");
                    }

                    return fqdns;
                }
            """;

        var diagnostics = await AnalyzeAsync(Cluster(), Firewall("Targets()", members));

        // Applied once with the region unknown, the API server's FQDN was unknown (EGR1006); per region it is known.
        var finding = Assert.Single(diagnostics);
        Assert.True(finding.Id == "EGR1005" && finding.GetMessage().Contains("'*.hcp.northeurope.azmk8s.io'", StringComparison.Ordinal), form + ": " + finding);
    }

    [Theory]
    [InlineData("break", "if (region == \"northeurope\") break;")]
    [InlineData("continue", "if (region == \"westeurope\") continue;")]
    [InlineData("return", "if (region.Length > 30) return fqdns;")]
    public async Task ForEachThatCanLeaveEarly_IsNotExpanded_SoItsItemsAreUnknownNotMissing(string form, string exit)
    {
        var members = $$"""

                private static List<string> Targets()
                {
                    var fqdns = new List<string>(Core) { "acs-mirror.azureedge.net" };
                    foreach (var region in Regions)
                    {
                        {{exit}}
                        fqdns.Add($"*.hcp.{region}.azmk8s.io");
                    }

                    return fqdns;
                }
            """;

        var diagnostics = await AnalyzeAsync(Cluster(), Firewall("Targets()", members));

        // With "continue", expanding would allow westeurope's API server, which the code skips: a false "allowed".
        Assert.True(diagnostics.All(d => d.Id == "EGR1006"), form + ":\n" + string.Join("\n", diagnostics));
        Assert.NotEmpty(diagnostics);
    }

    [Theory]
    [InlineData("==", "if (region == \"northeurope\")")]
    [InlineData("!=", "if (region != \"westeurope\")")]
    [InlineData("an else", "if (region == \"westeurope\") { }\n            else")]
    [InlineData("!", "if (!(region == \"westeurope\"))")]
    [InlineData("is", "if (region is \"northeurope\")")]
    [InlineData("is not", "if (region is not \"westeurope\")")]
    [InlineData("string.Equals ignoring case", "if (string.Equals(region, \"NorthEurope\", System.StringComparison.OrdinalIgnoreCase))")]
    [InlineData("Equals", "if (region.Equals(\"northeurope\"))")]
    [InlineData("&& with a constant", "if (Enabled && region == \"northeurope\")")]
    [InlineData("||", "if (region == \"southindia\" || region == \"northeurope\")")]
    [InlineData("a bool local computed from the item", "var skip = region == \"westeurope\";\n            if (!skip)")]
    [InlineData("a bool member of an inner loop's item", "foreach (var hub in new[] { (Region: \"northeurope\", Enabled: true), (Region: \"westeurope\", Enabled: false) })\n            if (hub.Enabled && hub.Region == region)")]
    public async Task ResourceCreatedUnderAConditionOnTheItem_IsReadForTheItemsItHoldsFor_AsABicepIfFilterIs(string form, string guard)
    {
        // Expanded without its condition, the loop would give a west European policy the code never creates, lacking
        // every rule; read once, the policy's name is unknown. Decided per item: only the north European hub, as the
        // same loops with a Bicep `if` filter give.
        var source = HubsPerRegion("foreach (var region in Regions)\n        {\n            " + guard, "\n    private const bool Enabled = true;", loopFooter: "}");

        var fromCSharp = await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Cluster.cs", Cluster()), ("/src/Hub.cs", source) });
        var fromBicep = await CSharpAnalysisRunner.RunAsync(
            new[] { ("/src/Empty.cs", "public static class Empty { }") },
            ("/infra/cluster.bicep", RandomFirewalls.BicepCluster("westeurope")),
            ("/infra/hubs.bicep", BicepHubsPerRegion("if (region == 'northeurope') ")));

        var expected = Summaries(fromBicep);
        Assert.Contains(expected, s => s.Contains("'policy-northeurope'", StringComparison.Ordinal));
        Assert.DoesNotContain(expected, s => s.Contains("'policy-westeurope'", StringComparison.Ordinal) || s.StartsWith("EGR1006", StringComparison.Ordinal));
        Assert.True(expected.SequenceEqual(Summaries(fromCSharp)), form + ":\nBicep:\n" + string.Join("\n", expected) + "\nC#:\n" + string.Join("\n", Summaries(fromCSharp)));
    }

    [Fact]
    public async Task ResourceUnderAConditionNoItemMeets_IsNotCreated_SoNothingIsReportedForIt()
    {
        var source = HubsPerRegion("foreach (var region in Regions)\n        {\n            if (region == \"southindia\")", loopFooter: "}");

        var diagnostics = await AnalyzeAsync(Cluster(), source);

        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains("policy-", StringComparison.Ordinal));
        Assert.DoesNotContain(diagnostics, d => d.Id == "EGR1006");
    }

    [Theory]
    [InlineData("a condition the reader does not evaluate", "if (region.Length == 11)", "}")]
    [InlineData("a condition on a value known at run time only", "if (region == System.Environment.GetEnvironmentVariable(\"HUB\"))", "}")]
    [InlineData("&& with an unknown side", "if (region == \"northeurope\" && region.Length == 11)", "}")]
    [InlineData("a switch", "switch (region) { case \"northeurope\":", "break; } }")]
    [InlineData("a while", "while (region.Length == 11)", "}")]
    [InlineData("a try's catch", "try { } catch (System.Exception)", "}")]
    public async Task ResourceCreatedInSomeIterationsTheReaderCannotTell_IsNotExpanded_SoNoPolicyTheCodeNeverCreatesIsReported(string form, string guard, string footer)
    {
        // Expanded, the loop would give a west European policy the code never creates, lacking every rule.
        var source = HubsPerRegion("foreach (var region in Regions)\n        {\n            " + guard, loopFooter: footer);

        var diagnostics = await AnalyzeAsync(Cluster(), source);

        Assert.DoesNotContain(diagnostics, d => d.Id is "EGR0001" or "EGR0002");
        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains("'policy-westeurope'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Id == "EGR1006");
        Assert.True(diagnostics.Count > 0, form);
    }

    [Fact]
    public async Task ListAddedToUnderAConditionOnTheItem_GetsTheItemsItHoldsFor_AsTheListWrittenOut()
    {
        var members = """

                private static List<string> Targets()
                {
                    var fqdns = new List<string>(Core) { "acs-mirror.azureedge.net" };
                    foreach (var region in Regions)
                    {
                        if (region != "westeurope")
                        {
                            fqdns.Add($"*.hcp.{region}.azmk8s.io");
                        }
                    }

                    return fqdns;
                }
            """;
        var writtenOut = """

                private static List<string> Targets() => new List<string>(Core) { "acs-mirror.azureedge.net", "*.hcp.northeurope.azmk8s.io" };
            """;

        var fromLoop = Summaries(await AnalyzeAsync(Cluster(), Firewall("Targets()", members)));
        var fromList = Summaries(await AnalyzeAsync(Cluster(), Firewall("Targets()", writtenOut)));

        // The west European API server is skipped by the code: missing, not allowed; the north European one is there.
        Assert.Contains(fromList, s => s.StartsWith("EGR1001", StringComparison.Ordinal) && s.Contains("*.hcp.westeurope.azmk8s.io", StringComparison.Ordinal));
        Assert.Contains(fromList, s => s.StartsWith("EGR1005", StringComparison.Ordinal));
        Assert.True(fromList.SequenceEqual(fromLoop), "written out:\n" + string.Join("\n", fromList) + "\nloop:\n" + string.Join("\n", fromLoop));
    }

    [Fact]
    public async Task ListAddedToUnderAConditionTheReaderCannotTell_GetsAnUnknownItem_NotEveryItem()
    {
        var members = """

                private static List<string> Targets()
                {
                    var fqdns = new List<string>(Core) { "acs-mirror.azureedge.net" };
                    foreach (var region in Regions)
                    {
                        if (region.Length != 10)
                        {
                            fqdns.Add($"*.hcp.{region}.azmk8s.io");
                        }
                    }

                    return fqdns;
                }
            """;

        var diagnostics = await AnalyzeAsync(Cluster(), Firewall("Targets()", members));

        // Expanded, the west European API server would read as allowed, which the code skips.
        Assert.True(diagnostics.All(d => d.Id == "EGR1006"), string.Join("\n", diagnostics));
        Assert.NotEmpty(diagnostics);
    }

    [Theory]
    [InlineData("a step of two", "for (var i = 0; i < Regions.Length; i += 2)")]
    [InlineData("a counter changed in the body", "for (var i = 0; i < Regions.Length; i++)", "i += 0;")]
    [InlineData("a bound known at run time only", "for (var i = 0; i < System.Environment.ProcessorCount; i++)")]
    [InlineData("counting down", "for (var i = 1; i >= 0; i--)")]
    public async Task ForLoopTheReaderDoesNotCount_IsReadOnce_WithItsCounterUnknown(string form, string loopHeader, string inBody = "")
    {
        var source = HubsPerRegion(loopHeader).Replace("{\n            var policy", "{\n            " + inBody + "\n            var region = Regions[i];\n            var policy", StringComparison.Ordinal);
        Assert.Contains("var region = Regions[i];", source, StringComparison.Ordinal);

        var diagnostics = await AnalyzeAsync(Cluster(), source);

        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains("'policy-westeurope'", StringComparison.Ordinal));
        Assert.True(diagnostics.Any(d => d.Id == "EGR1006"), form + ":\n" + string.Join("\n", diagnostics));
    }

    [Fact]
    public async Task ForEachOverMoreItemsThanTheLimit_IsReadOnce_WithItsVariableUnknown()
    {
        var many = string.Join(", ", Enumerable.Range(0, 300).Select(i => $"\"region{i}\""));
        var loop = $"foreach (var region in new[] {{ {many} }})";

        var diagnostics = await AnalyzeAsync(Cluster(), HubsPerRegion(loop));

        Assert.DoesNotContain(diagnostics, d => d.Id == "EGR1005");
        Assert.Contains(diagnostics, d => d.Id == "EGR1006");
        Assert.True(diagnostics.Count < 50, string.Join("\n", diagnostics));
    }

    [Fact]
    public async Task ResourceInAForEachInsideAHelper_IsReadPerCallAndPerItem()
    {
        var source = LinqUsings + Usings + $$"""
            public static class HubStack
            {
                public static void Create()
                {
                    AddHubs("we", new[] { "westeurope" });
                    AddHubs("ne", new[] { "northeurope" });
                }

                private static void AddHubs(string prefix, string[] regions)
                {
                    foreach (var region in regions)
                    {
                        var policy = new FirewallPolicy($"{prefix}-policy-{region}", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                        _ = new FirewallPolicyRuleCollectionGroup($"{prefix}-aks-{region}", new FirewallPolicyRuleCollectionGroupArgs
                        {
                            ResourceGroupName = "rg",
                            RuleCollectionGroupName = "aks",
                            FirewallPolicyName = policy.Name,
                            Priority = 200,
                            RuleCollections = { {{PolicyFilterCollection("$\"*.hcp.{region}.azmk8s.io\", \"acs-mirror.azureedge.net\", " + CoreWithoutHcpAndMirror)}} },
                        });
                    }
                }
            }
            """;

        var diagnostics = await AnalyzeAsync(Cluster(), source);

        // The west European hub allows all it needs; the north European one another region's API server.
        Assert.DoesNotContain(diagnostics, d => d.Id == "EGR1006" || d.GetMessage().Contains("we-policy", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Id == "EGR1005" && d.GetMessage().Contains("'*.hcp.northeurope.azmk8s.io'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Id == "EGR1001" && d.GetMessage().Contains("'ne-policy-northeurope'", StringComparison.Ordinal));
    }
}
