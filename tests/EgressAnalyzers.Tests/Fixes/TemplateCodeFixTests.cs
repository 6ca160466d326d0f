using System.Collections.Immutable;
using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Tests.Infrastructure;
using EgressAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace EgressAnalyzers.Tests.Fixes;

/// <summary>
/// The template code fix through Roslyn (AdditionalFileFixHarness): every fixed output is re-analyzed — no
/// EGR1001/EGR1002 left where the fix applied, every earlier rule still there, valid JSON with the same comments.
/// </summary>
public class TemplateCodeFixTests
{
    private const string HubPath = "/repo/infra/hub.json";
    private const string ClusterPath = "/repo/infra/aks.json";

    private readonly ITestOutputHelper _output;

    public TemplateCodeFixTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static string Policy(string name, string groups) => $$"""
        {
          "$schema": "{{ArmFixtures.Schema}}",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/firewallPolicies",
              "apiVersion": "2023-11-01",
              "name": "{{name}}",
              "location": "westeurope",
              "properties": {}{{groups}}
            }
          ]
        }
        """;

    private const string FilterGroup = """
        ,
              "resources": [
                {
                  "type": "ruleCollectionGroups",
                  "apiVersion": "2023-11-01",
                  "name": "aks",
                  "dependsOn": [ "hub-policy" ],
                  "properties": {
                    "priority": 200,
                    "ruleCollections": [
                      {
                        "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
                        "name": "apps",
                        "priority": 100,
                        "action": { "type": "Allow" },
                        // Registry first.
                        "rules": [ { "ruleType": "ApplicationRule", "name": "mcr", "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": [ "mcr.microsoft.com" ], "sourceAddresses": [ "*" ] } ]
                      }
                    ]
                  }
                }
              ]
        """;

    private const string LanguageVersion2 = $$"""
        {
          "$schema": "{{ArmFixtures.Schema}}",
          "languageVersion": "2.0",
          "contentVersion": "1.0.0.0",
          "parameters": { "location": { "type": "string", "defaultValue": "westeurope" } },
          "resources": {
            "policy": { "type": "Microsoft.Network/firewallPolicies", "apiVersion": "2023-11-01", "name": "hub-policy", "location": "[parameters('location')]", "properties": {} },
            "aks": {
              "type": "Microsoft.ContainerService/managedClusters",
              "apiVersion": "2024-05-01",
              "name": "aks",
              "location": "[parameters('location')]",
              "properties": { "dnsPrefix": "aks", "networkProfile": { "outboundType": "userDefinedRouting" } }
            }
          }
        }
        """;

    /// <summary>Named inputs: (hub text, cluster text or null when the hub holds the cluster).</summary>
    public static TheoryData<string> Cases() => new()
    {
        "classic-existing-allow",
        "classic-allow-after-deny",
        "classic-no-collections",
        "policy-existing-filter-collection",
        "policy-new-group",
        "nested-child-group",
        "language-version-2",
        "location-parameter",
    };

    private static IReadOnlyList<(string Path, string Text)> Inputs(string name)
    {
        var cluster = ArmFixtures.Cluster();
        var rule = ArmFixtures.HttpsRule("\"mcr.microsoft.com\"", name: "registry");
        return name switch
        {
            "classic-existing-allow" => new[] { (HubPath, ArmFixtures.ClassicFirewall(ArmFixtures.AppCollection("\"aks-apps\"", 200, "Allow", rule))), (ClusterPath, cluster) },
            "classic-allow-after-deny" => new[]
            {
                (HubPath, ArmFixtures.ClassicFirewall(
                    ArmFixtures.AppCollection("\"deny-all\"", 300, "Deny", ArmFixtures.HttpsRule("\"*\"", name: "all")) + ",\n"
                    + ArmFixtures.AppCollection("\"late\"", 400, "Allow", rule))),
                (ClusterPath, cluster),
            },
            "classic-no-collections" => new[] { (HubPath, ArmFixtures.ClassicFirewall("")), (ClusterPath, cluster) },
            "policy-existing-filter-collection" => new[] { (HubPath, Policy("hub-policy", FilterGroup)), (ClusterPath, cluster) },
            "policy-new-group" => new[] { (HubPath, Policy("hub-policy", "")), (ClusterPath, cluster) },
            "nested-child-group" => new[] { (HubPath, Policy("hub-policy", FilterGroup.Replace("\"Allow\"", "\"Deny\"").Replace("\"mcr.microsoft.com\"", "\"*.example.com\""))), (ClusterPath, cluster) },
            "language-version-2" => new[] { (HubPath, LanguageVersion2) },
            "location-parameter" => new[]
            {
                (HubPath, ArmFixtures.Cluster(location: "\"[parameters('location')]\"", parameters: "\"location\": { \"type\": \"string\", \"defaultValue\": \"westeurope\" }")
                    .Replace("\"resources\": [", "\"resources\": [\n    { \"type\": \"Microsoft.Network/azureFirewalls\", \"apiVersion\": \"2024-05-01\", \"name\": \"fw-hub\", \"location\": \"[parameters('location')]\", \"properties\": { \"applicationRuleCollections\": [] } },")),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task FixAll_LeavesNoMissingEgress_KeepsEveryRule_AndWritesValidJson(string name)
    {
        var inputs = Inputs(name);
        using var harness = new AdditionalFileFixHarness(inputs);
        var before = await AdditionalFileFixHarness.AnalyzeAsync(harness.Project);
        Assert.Contains(before, AdditionalFileFixHarness.IsMissing);

        await harness.ApplyFixAllAsync();

        var after = await AdditionalFileFixHarness.AnalyzeAsync(harness.Project);
        var fixedHub = harness.TextOf(HubPath);
        _output.WriteLine(fixedHub);
        Assert.DoesNotContain(after, AdditionalFileFixHarness.IsMissing);
        AssertKeepsRulesAndComments(inputs, harness);
        if (name is "location-parameter" or "language-version-2")
        {
            Assert.Contains("[format('*.hcp.{0}.azmk8s.io', parameters('location'))]", fixedHub);
        }
    }

    [Fact]
    public async Task OneDiagnostic_IsFixedAlone_AndTheOthersStay()
    {
        var inputs = Inputs("classic-existing-allow");
        using var harness = new AdditionalFileFixHarness(inputs);
        var before = (await AdditionalFileFixHarness.AnalyzeAsync(harness.Project)).Where(AdditionalFileFixHarness.IsMissing).ToList();
        var target = before.First(d => d.Properties[EgressDiagnosticProperties.Endpoint] == "management.azure.com");

        await harness.ApplyFixAsync(target);

        var after = (await AdditionalFileFixHarness.AnalyzeAsync(harness.Project)).Where(AdditionalFileFixHarness.IsMissing).ToList();
        Assert.Equal(before.Count - 1, after.Count);
        Assert.DoesNotContain(after, d => d.Properties[EgressDiagnosticProperties.Endpoint] == "management.azure.com");
        Assert.Contains("\"management.azure.com\"", harness.TextOf(HubPath));
        AssertKeepsRulesAndComments(inputs, harness);
    }

    [Fact]
    public async Task GlobalConfigSettings_ReachTheFix_LegacyTunnelPortsGetNetworkRules()
    {
        var inputs = Inputs("classic-no-collections");
        using var harness = new AdditionalFileFixHarness(inputs, new Dictionary<string, string> { ["EgressAksTunnel"] = "legacy" });
        var before = await AdditionalFileFixHarness.AnalyzeAsync(harness.Project);
        Assert.Contains(before, d => d.Id == EgressRuleIds.EGR1002);

        await harness.ApplyFixAllAsync();

        var after = await AdditionalFileFixHarness.AnalyzeAsync(harness.Project);
        Assert.DoesNotContain(after, AdditionalFileFixHarness.IsMissing);
        Assert.Contains("\"aks-tunnel-udp\"", harness.TextOf(HubPath));
        AssertKeepsRulesAndComments(inputs, harness);
    }

    [Fact]
    public async Task CollectionsComputedByAnExpression_OfferNoFix()
    {
        var hub = ArmFixtures.ClassicFirewall("").Replace("\"applicationRuleCollections\": [  ]", "\"applicationRuleCollections\": \"[parameters('rules')]\"")
            .Replace("\"parameters\": {  }", "\"parameters\": { \"rules\": { \"type\": \"array\", \"defaultValue\": [] } }");
        using var harness = new AdditionalFileFixHarness(new[] { (HubPath, hub), (ClusterPath, ArmFixtures.Cluster()) });
        var missing = (await AdditionalFileFixHarness.AnalyzeAsync(harness.Project)).Where(d => d.Id == EgressRuleIds.EGR1001).ToList();
        Assert.NotEmpty(missing);

        foreach (var diagnostic in missing)
        {
            Assert.Empty(await harness.GetActionsAsync(diagnostic));
        }
    }

    [Fact]
    public async Task MissingEgressDiagnostics_CarryTheRequirementAndSubject()
    {
        using var harness = new AdditionalFileFixHarness(Inputs("classic-no-collections"));

        var diagnostics = (await AdditionalFileFixHarness.AnalyzeAsync(harness.Project)).Where(AdditionalFileFixHarness.IsMissing).ToList();

        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d =>
        {
            Assert.False(string.IsNullOrEmpty(d.Properties[EgressDiagnosticProperties.RequirementId]));
            Assert.Equal("microsoft.network/azurefirewalls/fw-hub", d.Properties[EgressDiagnosticProperties.Subject]);
        });
    }

    public static IEnumerable<object[]> CorpusRepositories()
    {
        var corpus = Corpus.Directory;
        if (corpus is null)
        {
            yield return new object[] { "" };
            yield break;
        }

        foreach (var directory in Directory.EnumerateDirectories(corpus).OrderBy(d => d, StringComparer.Ordinal))
        {
            yield return new object[] { Path.GetFileName(directory) };
        }
    }

    [CorpusTheory]
    [MemberData(nameof(CorpusRepositories))]
    public async Task CorpusRepository_FixAll_RemovesOnlyFindings_KeepsEveryRule_AndWritesValidJson(string repository)
    {
        var inputs = Directory.EnumerateFiles(Path.Combine(Corpus.Require(), repository), "*.json", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllText(p)))
            .ToList();
        using var harness = new AdditionalFileFixHarness(inputs);
        var before = (await AdditionalFileFixHarness.AnalyzeAsync(harness.Project)).Where(AdditionalFileFixHarness.IsMissing).ToList();
        if (before.Count == 0)
        {
            _output.WriteLine($"{repository}: no EGR1001/EGR1002 to fix");
            return;
        }

        await harness.ApplyFixAllAsync();

        var after = (await AdditionalFileFixHarness.AnalyzeAsync(harness.Project)).Where(AdditionalFileFixHarness.IsMissing).ToList();
        _output.WriteLine($"{repository}: {before.Count} missing before, {after.Count} after");
        foreach (var left in after)
        {
            _output.WriteLine("  left: " + left);
        }

        var beforeMessages = before.Select(d => d.Location.GetLineSpan().Path + "|" + d.GetMessage()).ToList();
        Assert.All(after, d => Assert.Contains(d.Location.GetLineSpan().Path + "|" + d.GetMessage(), beforeMessages));
        Assert.True(after.Count < before.Count, "the fix changed nothing");
        AssertKeepsRulesAndComments(inputs, harness);
    }

    private static void AssertKeepsRulesAndComments(IReadOnlyList<(string Path, string Text)> inputs, AdditionalFileFixHarness harness)
    {
        var fixedInputs = inputs.Select(i => (i.Path, Text: harness.TextOf(i.Path))).ToList();
        var rulesBefore = Fingerprints(inputs);
        var rulesAfter = Fingerprints(fixedInputs);
        foreach (var rule in rulesBefore)
        {
            Assert.True(rulesAfter.Remove(rule), "A rule written before the fix is gone: " + rule);
        }

        foreach (var (path, text) in inputs)
        {
            var updated = fixedInputs.Single(f => f.Path == path).Text;
            if (updated == text)
            {
                continue;
            }

            var original = JsonDocument.Parse(text);
            var parsed = JsonDocument.Parse(updated);
            Assert.Empty(parsed.Errors);
            Assert.Equal(original.Comments.Select(c => c.Text), parsed.Comments.Select(c => c.Text));
        }
    }

    private static List<string> Fingerprints(IReadOnlyList<(string Path, string Text)> files)
    {
        var results = ArmTemplateReader.Read(files.Select(f => new TemplateInput(f.Path, f.Text)).ToList(), new ArmReadOptions());
        var model = InfrastructureModel.From(results.Where(r => r.IsTemplate));
        var fingerprints = new List<string>();
        IEnumerable<(ResourceKey Owner, RuleCollection Collection)> collections = model.Firewalls.SelectMany(f => f.Collections.Select(c => (f.Key, c)))
            .Concat(model.RuleCollectionGroups.SelectMany(g => g.Collections.Select(c => (g.Key, c))));
        foreach (var (owner, collection) in collections)
        {
            var prefix = $"{owner}|{collection.Name}|{collection.Kind}|{collection.Priority}|{collection.Action}";
            fingerprints.AddRange(collection.ApplicationRules.Select(r => $"{prefix}|{r.Name}|{Join(r.TargetFqdns)}|{Join(r.FqdnTags)}|{Join(r.SourceAddresses)}"));
            fingerprints.AddRange(collection.NetworkRules.Select(r => $"{prefix}|{r.Name}|{Join(r.Protocols)}|{Join(r.DestinationAddresses)}|{Join(r.DestinationFqdns)}|{Join(r.DestinationPorts)}"));
        }

        return fingerprints;
    }

    private static string Join(IEnumerable<ModelValue> values) => string.Join(",", values.Select(v => v.Text ?? v.UnresolvedExpression));
}
