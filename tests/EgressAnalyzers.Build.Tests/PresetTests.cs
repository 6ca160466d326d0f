using EgressAnalyzers.Build.Tests.Infrastructure;
using EgressAnalyzers.Engine.Diagnostics;

namespace EgressAnalyzers.Build.Tests;

/// <summary>The severity presets shipped in the package (EgressAnalysisMode) stay in step with the rule catalog.</summary>
public class PresetTests
{
    private static Dictionary<string, string> Severities(string mode)
    {
        var path = Path.Combine(Repository.Root, "src", "EgressAnalyzers.Package", "build", "config", $"egress-{mode}.globalconfig");
        return File.ReadAllLines(path)
            .Where(line => line.StartsWith("dotnet_diagnostic.", StringComparison.Ordinal))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0].Trim()["dotnet_diagnostic.".Length..^".severity".Length], parts => parts[1].Trim());
    }

    [Fact]
    public void StrictPreset_MakesEveryWarningRuleAnError_AndKeepsInfoRulesAsSuggestions()
    {
        var expected = EgressRules.All.ToDictionary(r => r.Id, r => r.DefaultSeverity == RuleSeverity.Info ? "suggestion" : "error");
        Assert.Equal(expected.OrderBy(p => p.Key), Severities("strict").OrderBy(p => p.Key));
    }

    [Fact]
    public void NonePreset_TurnsEveryRuleOff()
    {
        Assert.Equal(EgressRules.All.Select(r => (r.Id, "none")).Order(), Severities("none").Select(p => (p.Key, p.Value)).Order());
    }

    [Fact]
    public void DefaultPreset_OverridesNothing_AndEveryPresetYieldsToTheUsersGlobalConfig()
    {
        Assert.Empty(Severities("default"));
        foreach (var mode in new[] { "default", "strict", "none" })
        {
            var lines = File.ReadAllLines(Path.Combine(Repository.Root, "src", "EgressAnalyzers.Package", "build", "config", $"egress-{mode}.globalconfig"));
            Assert.Contains("is_global = true", lines);
            Assert.Contains("global_level = -100", lines);
        }
    }
}
