using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Model;
using Xunit.Abstractions;

namespace EgressAnalyzers.Engine.Tests.Arm.Template;

/// <summary>
/// Reads the real-world corpus (../shared/corpus beside the repository; absent → the tests say so and pass).
/// Expected facts come from corpus/MANIFEST.md and the templates themselves.
/// </summary>
public class ArmCorpusSmokeTests
{
    private readonly ITestOutputHelper _output;

    public ArmCorpusSmokeTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static string? FindCorpus()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EgressAnalyzers.sln")))
            {
                var corpus = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "corpus"));
                return Directory.Exists(corpus) ? corpus : null;
            }
        }

        return null;
    }

    private string? CorpusOrSkip()
    {
        var corpus = FindCorpus();
        if (corpus is null)
        {
            _output.WriteLine("SKIPPED: ../shared/corpus was not found beside the repository; corpus checks did not run.");
        }

        return corpus;
    }

    private static IReadOnlyList<TemplateReadResult> ReadAll(string corpus, out List<TemplateInput> inputs)
    {
        inputs = Directory.EnumerateFiles(corpus, "*.json", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new TemplateInput(p, File.ReadAllText(p)))
            .ToList();
        return ArmTemplateReader.Read(inputs, new ArmReadOptions());
    }

    private static TemplateReadResult ReadOne(string corpus, string relativePath)
    {
        var path = Path.Combine(corpus, relativePath);
        return ArmTemplateReader.ReadTemplate(new TemplateInput(path, File.ReadAllText(path)), Array.Empty<TemplateInput>(), new ArmReadOptions());
    }

    [Fact]
    public void EveryCorpusJsonFile_IsReadWithoutExceptionsOrReadErrors()
    {
        if (CorpusOrSkip() is not { } corpus)
        {
            return;
        }

        var results = ReadAll(corpus, out var inputs);

        Assert.Equal(inputs.Count, results.Count);
        Assert.True(results.Count(r => r.IsTemplate) >= 25, $"only {results.Count(r => r.IsTemplate)} templates recognised");
        foreach (var result in results)
        {
            _output.WriteLine($"{Path.GetRelativePath(corpus, result.FilePath)}: template={result.IsTemplate} resources={result.Resources.Count} diagnostics={result.Diagnostics.Count}");
            foreach (var diagnostic in result.Diagnostics)
            {
                _output.WriteLine("  " + diagnostic);
            }
        }

        Assert.DoesNotContain(results.SelectMany(r => r.Diagnostics), d => d.Rule.Id == EgressRuleIds.EGR0002);
        Assert.False(results.Single(r => r.FilePath.EndsWith("bicepconfig.json", StringComparison.Ordinal) && r.FilePath.Contains("automationrunbook", StringComparison.Ordinal)).IsTemplate);
    }

    [Fact]
    public void AksBaselineHubRegionA_JsonWithComments_YieldsTwoPoliciesAndTaggedRuleCollectionGroups()
    {
        if (CorpusOrSkip() is not { } corpus)
        {
            return;
        }

        var result = ReadOne(corpus, "mspnp__aks-baseline/networking/hub-regionA.json");

        Assert.Empty(result.Diagnostics);
        var policies = result.Resources.OfType<FirewallPolicyResource>().ToList();
        Assert.Equal(2, policies.Count);
        var regional = policies.Single(p => p.BasePolicy is not null);
        var basePolicy = policies.Single(p => p.BasePolicy is null);
        Assert.Equal(basePolicy.Key, regional.BasePolicy!.Key);

        var groups = result.Resources.OfType<RuleCollectionGroupResource>().ToList();
        Assert.Equal(4, groups.Count);
        Assert.All(groups, g => Assert.Contains(policies, p => p.Key == g.Policy));
        var tagged = groups.Where(g => g.Collections.SelectMany(c => c.ApplicationRules).SelectMany(r => r.FqdnTags).Any(t => t.Text == "AzureKubernetesService")).ToList();
        var taggedGroup = Assert.Single(tagged);
        Assert.Equal(regional.Key, taggedGroup.Policy);
        Assert.Equal(300, taggedGroup.Priority);

        var firewall = Assert.Single(result.Resources.OfType<AzureFirewallResource>());
        Assert.Equal(regional.Key, firewall.FirewallPolicy!.Key);
    }

    [Fact]
    public void AksConstructionSampleAppMain_YieldsRulesBuiltWithConcatCreateArrayCreateObject()
    {
        if (CorpusOrSkip() is not { } corpus)
        {
            return;
        }

        var result = ReadOne(corpus, "Azure__AKS-Construction/samples/SampleAppMain.json");

        Assert.DoesNotContain(result.Diagnostics, d => d.Rule.Id == EgressRuleIds.EGR0002);
        var groups = result.Resources.OfType<RuleCollectionGroupResource>().ToList();
        Assert.NotEmpty(groups);
        var applicationRules = groups.SelectMany(g => g.Collections).SelectMany(c => c.ApplicationRules).ToList();
        var networkRules = groups.SelectMany(g => g.Collections).SelectMany(c => c.NetworkRules).ToList();
        foreach (var group in groups)
        {
            _output.WriteLine($"{group.Key}: {string.Join(", ", group.Collections.Select(c => $"{c.Name}/{c.Kind}/{c.Action}/{c.ApplicationRules.Count + c.NetworkRules.Count}"))}");
        }

        Assert.Contains(applicationRules, r => r.FqdnTags.Any(t => t.Text == "AzureKubernetesService"));
        Assert.Contains(networkRules, r => r.DestinationPorts.Any(p => p.Text == "9000"));
        Assert.Contains(networkRules, r => r.DestinationPorts.Any(p => p.Text == "1194"));
    }

    public static TheoryData<string> ClusterStamps => new()
    {
        "mspnp__aks-baseline/workload-team/cluster-stamp.bicep.json",
        "mspnp__aks-baseline-regulated/cluster-stamp.bicep.json",
    };

    [Theory]
    [MemberData(nameof(ClusterStamps))]
    public void ClusterStamp_YieldsOneClusterWithTheManifestFacts(string relativePath)
    {
        if (CorpusOrSkip() is not { } corpus)
        {
            return;
        }

        var result = ReadOne(corpus, relativePath);

        var cluster = Assert.Single(result.Resources.OfType<AksClusterResource>());
        Assert.False(cluster.Location!.IsKnown);
        Assert.Contains("resourceGroup().location", cluster.Location.UnresolvedExpression, StringComparison.Ordinal);
        Assert.Equal("userDefinedRouting", cluster.OutboundType!.Text);
        Assert.Equal(Tri.Yes, cluster.PrivateCluster.Value);
        foreach (var feature in new[] { "monitoring", "policy", "keyvault", "defender", "workloadIdentity", "extensions" })
        {
            Assert.True(cluster.Features[feature].Value == Tri.Yes, $"{feature} is {cluster.Features[feature].Value}");
        }

        Assert.Equal(Tri.No, cluster.Features["gpu"].Value);
        Assert.Equal(Tri.No, cluster.Features["windows"].Value);
        Assert.NotEmpty(cluster.NodeSubnets);
        Assert.All(cluster.NodeSubnets, s => Assert.Equal(ResourceKey.SubnetType, s.Key?.Type));
    }
}
