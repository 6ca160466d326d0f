using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Bicep;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Fixes;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Tests.Bicep;
using EgressAnalyzers.Engine.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EgressAnalyzers.Engine.Tests.Fixes;

/// <summary>
/// Fix safety over the corpus Bicep: each repository's Bicep (with its JSON parameters files) is fixed with FixAll,
/// then re-analyzed — the applied findings are gone, every rule from before is still there — and every changed file
/// that the real compiler built before the fix still builds after it (copied to a temporary folder with its siblings,
/// so local modules resolve; the corpus itself is never written).
/// </summary>
public class BicepCorpusFixTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Repositories()
    {
        if (EngineCorpus.Directory is not { } corpus)
        {
            return new[] { new object[] { "(corpus absent)" } };
        }

        return Directory.EnumerateDirectories(corpus)
            .Where(d => Directory.EnumerateFiles(d, "*.bicep", SearchOption.AllDirectories).Any())
            .Select(d => new object[] { Path.GetFileName(d) })
            .OrderBy(r => (string)r[0], StringComparer.Ordinal);
    }

    [BicepCompilerTheory(needsCorpus: true)]
    [MemberData(nameof(Repositories))]
    public void CorpusRepository_FixedBicep_KeepsEveryRule_LosesTheAppliedFindings_AndStillCompiles(string repository)
    {
        var root = Path.Combine(EngineCorpus.Require(), repository);
        var inputs = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".bicep", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".bicepparam", StringComparison.OrdinalIgnoreCase)
                || p.EndsWith(".parameters.json", StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new TemplateInput(p, File.ReadAllText(p)))
            .ToList();
        var settings = EgressSettings.Default;
        var (before, beforeModel) = Analyze(inputs, settings);

        var results = TemplateFixer.FixFiles(inputs, settings);
        var fixedTexts = inputs.ToDictionary(i => i.Path, i => i.Text, StringComparer.Ordinal);
        foreach (var result in results.Where(r => r.Result.Changed))
        {
            fixedTexts[result.Path] = result.Result.NewText;
        }

        var (after, afterModel) = Analyze(inputs.Select(i => new TemplateInput(i.Path, fixedTexts[i.Path])).ToList(), settings);
        output.WriteLine($"{repository}: {before.Count(FixVerifier.IsMissing)} missing before, {after.Count(FixVerifier.IsMissing)} after; {results.Count(r => r.Result.Changed)} files changed");

        var applied = new HashSet<string>(results.SelectMany(r => r.Result.AppliedFindings).Select(Identity), StringComparer.Ordinal);
        var stillMissing = after.Where(f => FixVerifier.IsMissing(f) && applied.Contains(Identity(f))).ToList();
        Assert.True(stillMissing.Count == 0, "Still missing after the fix:\n" + string.Join("\n", stillMissing));

        var rulesAfter = FixVerifier.RuleFingerprints(afterModel);
        foreach (var rule in FixVerifier.RuleFingerprints(beforeModel))
        {
            Assert.True(rulesAfter.Remove(rule), "A rule written before the fix is gone: " + rule);
        }

        AssertChangedFilesStillCompile(root, results.Where(r => r.Result.Changed).ToList());
    }

    private void AssertChangedFilesStillCompile(string root, IReadOnlyList<FileFixResult> changed)
    {
        if (changed.Count == 0)
        {
            return;
        }

        var copy = Path.Combine(Path.GetTempPath(), "egress-bicep-fix-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyDirectory(root, copy);
            foreach (var result in changed)
            {
                var target = Path.Combine(copy, Path.GetRelativePath(root, result.Path));
                var compiledBefore = BicepCompiler.Build(target, out _) is not null;
                File.WriteAllText(target, result.Result.NewText);
                if (!compiledBefore)
                {
                    output.WriteLine($"  {Path.GetRelativePath(root, result.Path)}: did not compile offline before the fix; not checked");
                    continue;
                }

                Assert.True(BicepCompiler.Build(target, out var errors) is not null, $"{Path.GetRelativePath(root, result.Path)} no longer compiles after the fix:\n{errors}\n--- fixed text ---\n{result.Result.NewText}");
                output.WriteLine($"  {Path.GetRelativePath(root, result.Path)}: compiles after the fix");
            }
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static (IReadOnlyList<Finding> Findings, InfrastructureModel Model) Analyze(IReadOnlyList<TemplateInput> inputs, EgressSettings settings)
    {
        var results = BicepReader.Read(inputs, new ArmReadOptions { Cloud = settings.Cloud });
        var findings = EgressAnalysis.Analyze(results, Array.Empty<ModelResource>(), settings, RequirementCatalog.Default);
        return (findings, InfrastructureModel.From(results.Where(r => r.IsTemplate)));
    }

    private static string Identity(Finding finding) => $"{finding.Rule.Id}|{finding.Location.FilePath}|{finding.Subject}|{finding.Endpoint}";

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
