using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Fixes;
using EgressAnalyzers.Engine.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EgressAnalyzers.Engine.Tests.Fixes;

/// <summary>
/// The fix over the real-world corpus (../shared/corpus beside the repository), one repository at a time as the
/// analyzer sees a project: every ARM file with EGR1001/EGR1002 findings is fixed, and the fixed files re-analyzed
/// (FixVerifier: applied findings gone, no rule lost, valid JSON with the same comments).
/// </summary>
public class CorpusFixTests
{
    private readonly ITestOutputHelper _output;

    public CorpusFixTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static IEnumerable<object[]> Repositories()
    {
        var corpus = EngineCorpus.Directory;
        if (corpus is null)
        {
            yield return new object[] { "(corpus absent)" };
            yield break;
        }

        foreach (var directory in Directory.EnumerateDirectories(corpus).OrderBy(d => d, StringComparer.Ordinal))
        {
            yield return new object[] { Path.GetFileName(directory) };
        }
    }

    [CorpusTheory]
    [MemberData(nameof(Repositories))]
    public void CorpusRepository_FixedFiles_KeepEveryRule_AndLoseTheAppliedFindings(string repository)
    {
        var corpus = EngineCorpus.Require();

        var files = Directory.EnumerateFiles(Path.Combine(corpus, repository), "*.json", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllText(p)))
            .ToList();

        var results = TemplateFixer.FixFiles(files.Select(f => new EgressAnalyzers.Engine.Arm.Template.TemplateInput(f.Item1, f.Item2)).ToList(), EgressSettings.Default);
        foreach (var result in results)
        {
            _output.WriteLine($"{Path.GetRelativePath(corpus, result.Path)}: {result.Result.Edits.Count} edits, {result.Result.AppliedFindings.Count} fixed, {result.Result.NotApplied.Count} not fixed");
            foreach (var left in result.Result.NotApplied)
            {
                _output.WriteLine("  not fixed: " + left);
            }

            foreach (var applied in result.Result.AppliedFindings)
            {
                _output.WriteLine("  fixed: " + applied.Endpoint);
            }

            foreach (var edit in result.Result.Edits)
            {
                _output.WriteLine($"  edit at {edit.Start}: {edit.NewText.Length} characters");
            }
        }

        var outcome = FixVerifier.FixAndVerify(files, EgressSettings.Default, requireAllFixed: false);

        // A file with fixable findings is either changed or says why not, finding by finding.
        Assert.All(outcome.Results, r => Assert.True(r.Result.Changed || r.Result.NotApplied.Count > 0, r.Path));
    }
}
