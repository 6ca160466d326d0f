using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using CsCheck;
using EgressAnalyzers.Tests.Infrastructure;
using EgressAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static EgressAnalyzers.Tests.Verifiers.RandomFirewalls;

namespace EgressAnalyzers.Tests.Fixes;

/// <summary>
/// FixAll on random firewalls and policies (<see cref="RandomFirewalls"/>) in every language: the fixed file still holds
/// everything that was written (fixes only insert), C# still compiles against the SDK stubs, and re-analysis no longer
/// reports any finding a fix was offered for.
/// </summary>
public class RandomFirewallFixTests
{
    private static readonly string[] Fixable = { "EGR1001", "EGR1002" };

    // Findings fixed per language over a run: a run that fixed nothing in a language would prove nothing about it.
    private static readonly ConcurrentDictionary<string, int> FixedFindings = new(StringComparer.Ordinal);

    private static void AssertEveryLanguageFixedSomething(params string[] languages) =>
        Assert.All(languages, language => Assert.True(FixedFindings.TryGetValue(language, out var count) && count > 0, language + " had no finding fixed in this run"));

    [Fact]
    public async Task FixAll_OnRandomTemplateFirewalls_InArmAndBicep_LeavesNothingMissing_AndKeepsEveryCharacter()
    {
        await FirewallGen.SampleAsync(
            async firewall =>
            {
                await FixTemplateAsync("ARM firewall", ("/infra/cluster.json", ArmFixtures.Cluster(Quoted(firewall.Region))), ("/infra/hub.json", ArmTemplate(firewall)));
                await FixTemplateAsync("Bicep firewall", ("/infra/cluster.bicep", BicepCluster(firewall.Region)), ("/infra/hub.bicep", BicepFile(firewall)));
                await FixTemplateAsync("ARM policy", ("/infra/cluster.json", ArmFixtures.Cluster(Quoted(firewall.Region))), ("/infra/policy.json", ArmPolicyTemplate(firewall)));
                await FixTemplateAsync("Bicep policy", ("/infra/cluster.bicep", BicepCluster(firewall.Region)), ("/infra/policy.bicep", BicepPolicyFile(firewall)));
            },
            iter: 40,
            threads: 1,
            print: firewall => string.Join("\n", ArmTemplate(firewall), BicepFile(firewall), ArmPolicyTemplate(firewall), BicepPolicyFile(firewall)));

        AssertEveryLanguageFixedSomething("ARM firewall", "Bicep firewall", "ARM policy", "Bicep policy");
    }

    [Fact]
    public async Task FixAll_OnRandomFirewallsInCSharp_CompilesLeavesNothingMissing_AndKeepsEveryToken()
    {
        await FirewallGen.SampleAsync(
            async firewall =>
            {
                await FixCSharpAsync("Pulumi Azure Native firewall", new[] { ("/src/Cluster.cs", PulumiFixtures.Cluster(Quoted(firewall.Region))), ("/src/Hub.cs", PulumiProgram(firewall)) });
                await FixCSharpAsync("Pulumi Azure classic firewall", new[] { ("/src/Cluster.cs", CSharp.PulumiAzureClassicReaderTests.Cluster(Quoted(DisplayName(firewall.Region)))), ("/src/Hub.cs", PulumiClassicProgram(firewall)) });
                await FixCSharpAsync("Azure SDK firewall", new[] { ("/src/Hub.cs", AzureSdkProgram(firewall)) }, ("/infra/cluster.json", ArmFixtures.Cluster(Quoted(firewall.Region))));
                await FixCSharpAsync("Pulumi Azure Native policy", new[] { ("/src/Cluster.cs", PulumiFixtures.Cluster(Quoted(firewall.Region))), ("/src/Hub.cs", PulumiPolicyProgram(firewall)) });
                await FixCSharpAsync("Pulumi Azure classic policy", new[] { ("/src/Cluster.cs", CSharp.PulumiAzureClassicReaderTests.Cluster(Quoted(DisplayName(firewall.Region)))), ("/src/Hub.cs", PulumiClassicPolicyProgram(firewall)) });
            },
            iter: 40,
            threads: 1,
            print: firewall => string.Join("\n", PulumiProgram(firewall), PulumiClassicProgram(firewall), AzureSdkProgram(firewall), PulumiPolicyProgram(firewall), PulumiClassicPolicyProgram(firewall)));

        AssertEveryLanguageFixedSomething("Pulumi Azure Native firewall", "Pulumi Azure classic firewall", "Azure SDK firewall", "Pulumi Azure Native policy", "Pulumi Azure classic policy");
    }

    private static async Task FixTemplateAsync(string language, (string Path, string Text) cluster, (string Path, string Text) hub)
    {
        using var harness = new AdditionalFileFixHarness(new[] { cluster, hub });
        var offered = new List<Diagnostic>();
        foreach (var finding in (await AdditionalFileFixHarness.AnalyzeAsync(harness.Project)).Where(AdditionalFileFixHarness.IsMissing))
        {
            if ((await harness.GetActionsAsync(finding)).Count > 0)
            {
                offered.Add(finding);
            }
        }

        if (offered.Count == 0)
        {
            return;
        }

        await harness.ApplyFixAllAsync();

        var after = harness.TextOf(hub.Path);
        FixAssertions.KeepsEveryCharacter(hub.Text, after, "FixAll in " + language);
        AssertFixed(language, offered, (await AdditionalFileFixHarness.AnalyzeAsync(harness.Project)).Where(AdditionalFileFixHarness.IsMissing), after);
    }

    /// <summary>
    /// Every finding a fix was offered for is gone. A finding may stay when no fix is offered for it: a Deny at the
    /// lowest priority leaves no place before it, and Pulumi Azure classic writes collections as resources of their
    /// own, which C# fixes never add (they never add a resource statement).
    /// </summary>
    private static void AssertFixed(string language, IReadOnlyList<Diagnostic> offered, IEnumerable<Diagnostic> remaining, string after)
    {
        var stillMissing = remaining.Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        var notFixed = offered.Where(d => stillMissing.Contains(d.GetMessage(CultureInfo.InvariantCulture))).ToList();
        Assert.True(notFixed.Count == 0, language + ": offered but not fixed:\n" + string.Join("\n", notFixed) + "\n--- fixed:\n" + after);
        FixedFindings.AddOrUpdate(language, offered.Count, (_, count) => count + offered.Count);
    }

    private static async Task FixCSharpAsync(string language, (string Path, string Text)[] sources, params (string Path, string Text)[] additionalFiles)
    {
        using var runner = new CSharpCodeFixRunner(sources, additionalFiles);
        var hub = sources.Single(s => s.Path == "/src/Hub.cs");
        var offered = new List<Diagnostic>();
        string? key = null;
        var missing = Missing(await CSharpCodeFixRunner.AnalyzeAsync(runner.Project));
        foreach (var finding in missing)
        {
            // The first action offered is the one the IDE puts first: extend an existing collection where one can take the rules.
            if (await runner.ActionsForAsync(finding) is { Count: > 0 } actions)
            {
                offered.Add(finding);
                key ??= actions[0].EquivalenceKey;
            }
        }

        if (key is null)
        {
            return;
        }

        await runner.FixAllAsync(hub.Path, key, missing);

        var after = await runner.TextAsync(hub.Path);
        FixAssertions.KeepsEveryToken(hub.Text, after, "FixAll in " + language);
        AssertFixed(language, offered, Missing(await CSharpCodeFixRunner.AnalyzeAsync(runner.Project)), after);
    }

    private static ImmutableArray<Diagnostic> Missing(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.Where(d => Fixable.Contains(d.Id)).ToImmutableArray();
}
