using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Fixes;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Model;

namespace EgressAnalyzers.Engine.Tests.Fixes;

/// <summary>
/// Fixes ARM inputs through <see cref="TemplateFixer"/> and checks what every fix must guarantee: re-analysis finds
/// no EGR1001/EGR1002 that the fix applied, every rule written before is still there, and each output is valid JSON
/// with the same comments.
/// </summary>
internal static class FixVerifier
{
    public const string HubPath = "/repo/infra/hub.json";

    public const string Schema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

    public sealed record Outcome(IReadOnlyDictionary<string, string> Texts, IReadOnlyList<FileFixResult> Results, IReadOnlyList<Finding> Before, IReadOnlyList<Finding> After)
    {
        public string Hub => Texts[HubPath];

        public FixResult HubResult => Results.Single(r => r.Path == HubPath).Result;
    }

    public static Outcome FixAndVerify(string hub, EgressSettings? settings = null, params (string Path, string Text)[] others) =>
        FixAndVerify(new[] { (HubPath, hub) }.Concat(others).ToList(), settings ?? EgressSettings.Default, requireAllFixed: true);

    public static Outcome FixAndVerify(IReadOnlyList<(string Path, string Text)> files, EgressSettings settings, bool requireAllFixed)
    {
        var inputs = files.Select(f => new TemplateInput(f.Path, f.Text)).ToList();
        var (before, beforeModel) = Analyze(inputs, settings);
        var results = TemplateFixer.FixFiles(inputs, settings);
        var texts = files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        foreach (var result in results)
        {
            Assert.Equal(result.Result.NewText, TextEdit.Apply(result.Result.OriginalText, result.Result.Edits));
            texts[result.Path] = result.Result.NewText;
        }

        if (Environment.GetEnvironmentVariable("EGRESS_FIX_DUMP") is { Length: > 0 } dump)
        {
            Directory.CreateDirectory(dump);
            foreach (var result in results)
            {
                File.WriteAllText(Path.Combine(dump, $"{TestName()}-{Path.GetFileName(result.Path)}"), result.Result.NewText);
            }
        }

        var fixedInputs = files.Select(f => new TemplateInput(f.Path, texts[f.Path])).ToList();
        var (after, afterModel) = Analyze(fixedInputs, settings);

        var applied = new HashSet<string>(results.SelectMany(r => r.Result.AppliedFindings).Select(Identity), StringComparer.Ordinal);
        var left = after.Where(f => IsMissing(f) && (requireAllFixed || applied.Contains(Identity(f)))).ToList();
        Assert.True(left.Count == 0, "Still missing after the fix:\n" + string.Join("\n", left) + "\n--- fixed text ---\n" + string.Join("\n", results.Select(r => r.Result.NewText)));

        var rulesBefore = RuleFingerprints(beforeModel);
        var rulesAfter = RuleFingerprints(afterModel);
        foreach (var rule in rulesBefore)
        {
            Assert.True(rulesAfter.Remove(rule), "A rule written before the fix is gone: " + rule);
        }

        foreach (var result in results.Where(r => r.Result.Changed))
        {
            var original = JsonDocument.Parse(result.Result.OriginalText);
            var updated = JsonDocument.Parse(result.Result.NewText);
            Assert.Empty(updated.Errors);
            Assert.Equal(original.Comments.Select(c => c.Text), updated.Comments.Select(c => c.Text));
        }

        return new Outcome(texts, results, before, after);
    }

    private static string TestName() =>
        new System.Diagnostics.StackTrace().GetFrames().Select(f => f.GetMethod()).FirstOrDefault(m => m?.DeclaringType != typeof(FixVerifier))?.Name ?? "fix";

    public static bool IsMissing(Finding finding) =>
        finding.SuppressedBy is null && (finding.Rule.Id == EgressRuleIds.EGR1001 || finding.Rule.Id == EgressRuleIds.EGR1002);

    private static string Identity(Finding finding) => $"{finding.Rule.Id}|{finding.Location.FilePath}|{finding.Subject}|{finding.Endpoint}";

    public static (IReadOnlyList<Finding> Findings, InfrastructureModel Model) Analyze(IReadOnlyList<TemplateInput> inputs, EgressSettings settings)
    {
        var results = ArmTemplateReader.Read(inputs, new ArmReadOptions { Cloud = settings.Cloud });
        var findings = EgressAnalysis.Analyze(results, Array.Empty<ModelResource>(), settings, RequirementCatalog.Default);
        return (findings, InfrastructureModel.From(results.Where(r => r.IsTemplate)));
    }

    /// <summary>Every rule of every firewall and group, as text (owner, collection, rule, values), as a multiset.</summary>
    public static List<string> RuleFingerprints(InfrastructureModel model)
    {
        var result = new List<string>();
        IEnumerable<(ResourceKey Owner, RuleCollection Collection)> collections = model.Firewalls.SelectMany(f => f.Collections.Select(c => (f.Key, c)))
            .Concat(model.RuleCollectionGroups.SelectMany(g => g.Collections.Select(c => (g.Key, c))));
        foreach (var (owner, collection) in collections)
        {
            var prefix = $"{owner}|{collection.Name}|{collection.Kind}|{collection.Priority}|{collection.Action}";
            result.AddRange(collection.ApplicationRules.Select(r =>
                $"{prefix}|{r.Name}|{Join(r.TargetFqdns)}|{Join(r.FqdnTags)}|{string.Join(",", r.Protocols.Select(p => p.ProtocolType + ":" + p.Port))}|{Join(r.SourceAddresses)}"));
            result.AddRange(collection.NetworkRules.Select(r =>
                $"{prefix}|{r.Name}|{Join(r.Protocols)}|{Join(r.DestinationAddresses)}|{Join(r.DestinationFqdns)}|{Join(r.DestinationPorts)}|{Join(r.SourceAddresses)}"));
        }

        return result;
    }

    private static string Join(IEnumerable<ModelValue> values) => string.Join(",", values.Select(v => v.Text ?? v.UnresolvedExpression));
}
