using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EgressAnalyzers.Engine.Tests.Arm.Template;

/// <summary>
/// Reads the real-world corpus (../shared/corpus beside the repository; absent → the tests are skipped with the reason).
/// Expected facts come from corpus/MANIFEST.md and the templates themselves.
/// </summary>
public class ArmCorpusSmokeTests
{
    private readonly ITestOutputHelper _output;

    public ArmCorpusSmokeTests(ITestOutputHelper output)
    {
        _output = output;
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

    [CorpusFact]
    public void EveryCorpusJsonFile_IsReadWithoutExceptionsOrReadErrors()
    {
        var corpus = EngineCorpus.Require();
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

    [CorpusFact]
    public void AksBaselineHubRegionA_JsonWithComments_YieldsTwoPoliciesAndTaggedRuleCollectionGroups()
    {
        var corpus = EngineCorpus.Require();
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

    [CorpusFact]
    public void AksConstructionSampleAppMain_FirewallModuleIsSkipped_BecauseItsConditionIsKnownFalse()
    {
        var corpus = EngineCorpus.Require();
        // The sample passes neither azureFirewalls nor custom_vnet to the AKS-Construction module; both default to
        // false, so the firewall module's condition is false and nothing of it is deployed.
        var result = ReadOne(corpus, "Azure__AKS-Construction/samples/SampleAppMain.json");

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.Resources.OfType<RuleCollectionGroupResource>());
        Assert.Single(result.Resources.OfType<AksClusterResource>());
    }

    [CorpusFact]
    public void AksConstructionFirewallModule_YieldsRulesBuiltWithConcatCreateArrayCreateObject()
    {
        var corpus = EngineCorpus.Require();
        // Read the firewall module's template (nested two levels deep in the sample) on its own, as if deployed.
        var path = Path.Combine(corpus, "Azure__AKS-Construction", "samples", "SampleAppMain.json");
        var text = File.ReadAllText(path);
        var module = FindFirewallModuleTemplate(Engine.Json.JsonDocument.Parse(text).Root);
        Assert.NotNull(module);
        var moduleText = text.Substring(module!.Start, module.Length);
        var result = ArmTemplateReader.ReadTemplate(new TemplateInput(path + "#firewall", moduleText), Array.Empty<TemplateInput>(), new ArmReadOptions());

        Assert.Empty(result.Diagnostics);
        var group = Assert.Single(result.Resources.OfType<RuleCollectionGroupResource>());
        Assert.Equal("aksconstructionrulegroup", group.Key.ShortName);
        Assert.Equal(200, group.Priority);
        var firewall = Assert.Single(result.Resources.OfType<AzureFirewallResource>());
        Assert.Equal(group.Policy, firewall.FirewallPolicy!.Key);
        foreach (var collection in group.Collections)
        {
            _output.WriteLine($"{collection.Name}/{collection.Kind}/{collection.Action}: {string.Join(", ", collection.ApplicationRules.Select(r => r.Name).Concat(collection.NetworkRules.Select(r => r.Name)))}");
        }

        var networkRules = group.Collections.SelectMany(c => c.NetworkRules).ToList();
        var applicationRules = group.Collections.SelectMany(c => c.ApplicationRules).ToList();
        var controlPlaneUdp = networkRules.Single(r => r.Name == "ControlPlaneUDP");
        Assert.Equal(new[] { "1194" }, controlPlaneUdp.DestinationPorts.Select(p => p.Text));
        Assert.Equal(new[] { "UDP" }, controlPlaneUdp.Protocols.Select(p => p.Text));
        var destination = Assert.Single(controlPlaneUdp.DestinationAddresses);
        Assert.False(destination.IsKnown); // AzureCloud.<resourceGroup().location>
        Assert.Contains(networkRules, r => r.Name == "ControlPlaneTCP" && r.DestinationPorts.Any(p => p.Text == "9000"));
        var aks = applicationRules.Single(r => r.Name == "aks");
        Assert.Equal(new[] { "AzureKubernetesService" }, aks.FqdnTags.Select(t => t.Text));
        Assert.Equal(new[] { "Https:443", "Http:80" }, aks.Protocols.Select(p => $"{p.ProtocolType.Text}:{p.Port.Text}"));
        var source = Assert.Single(aks.SourceAddresses);
        Assert.False(source.IsKnown);
        Assert.Contains("vnetAksSubnetAddressPrefix", source.UnresolvedExpression, StringComparison.Ordinal);
        // Values computed by the expression point at the expression string.
        Assert.StartsWith("\"[concat(createArray(createObject(", moduleText.Substring(aks.Span.Start, aks.Span.Length), StringComparison.Ordinal);
    }

    private static Engine.Json.JsonObject? FindFirewallModuleTemplate(Engine.Json.JsonNode? node)
    {
        if (node is not Engine.Json.JsonObject obj)
        {
            return null;
        }

        foreach (var resource in (obj["resources"] as Engine.Json.JsonArray)?.Items ?? Array.Empty<Engine.Json.JsonNode>())
        {
            if (resource is Engine.Json.JsonObject r && (r["properties"] as Engine.Json.JsonObject)?["template"] is Engine.Json.JsonObject template)
            {
                if (r["name"] is Engine.Json.JsonString name && name.Value.Contains("-firewall", StringComparison.Ordinal))
                {
                    return template;
                }

                if (FindFirewallModuleTemplate(template) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    [CorpusTheory]
    [InlineData("mspnp__aks-baseline-regulated/networking/hub-region.v0.bicep.json", 0, 0)]
    [InlineData("mspnp__aks-baseline-regulated/networking/hub-region.v1.bicep.json", 1, 1)]
    [InlineData("mspnp__aks-baseline-regulated/networking/hub-region.v2.bicep.json", 5, 1)]
    [InlineData("mspnp__aks-baseline-regulated/networking/hub-region.v2.json", 4, 1)]
    [InlineData("vakappas__private-aks-bicep/modules/hub-default.bicep.json", 6, 3)]
    public void ClassicFirewall_HasTheManifestCollectionCounts(string relativePath, int application, int network)
    {
        var corpus = EngineCorpus.Require();

        var firewall = Assert.Single(ReadOne(corpus, relativePath).Resources.OfType<AzureFirewallResource>());

        Assert.Equal(application, firewall.Collections.Count(c => c.Kind == RuleCollectionKind.Application));
        Assert.Equal(network, firewall.Collections.Count(c => c.Kind == RuleCollectionKind.Network));
        Assert.All(firewall.Collections, c => Assert.NotEqual(RuleAction.Unknown, c.Action));
    }

    public static TheoryData<string> ClusterStamps => new()
    {
        "mspnp__aks-baseline/workload-team/cluster-stamp.bicep.json",
        "mspnp__aks-baseline-regulated/cluster-stamp.bicep.json",
    };

    [CorpusTheory]
    [MemberData(nameof(ClusterStamps))]
    public void ClusterStamp_YieldsOneClusterWithTheManifestFacts(string relativePath)
    {
        var corpus = EngineCorpus.Require();

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
