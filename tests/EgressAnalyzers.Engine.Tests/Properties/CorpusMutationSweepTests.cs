using System.Text;
using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Bicep;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Tests.Infrastructure;

namespace EgressAnalyzers.Engine.Tests.Properties;

/// <summary>
/// Every corpus template (ARM JSON and Bicep) in mutated variants — brackets deleted, truncated, value types swapped,
/// a stray quote — read and analyzed: never an exception, every location inside the mutated text, and every variant
/// finished within a generous bound (a hang guard through the engine's own cancellation, not a speed test).
/// </summary>
public class CorpusMutationSweepTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    public static IEnumerable<object[]> Templates()
    {
        if (EngineCorpus.Directory is not { } corpus)
        {
            return new[] { new object[] { "(corpus absent)" } };
        }

        return Directory.EnumerateFiles(corpus, "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".bicep", StringComparison.OrdinalIgnoreCase))
            .Select(p => Path.GetRelativePath(corpus, p).Replace('\\', '/'))
            .Where(p => !p.Contains("/CARML/", StringComparison.Ordinal)) // 90 generic modules: covered by the unmutated sweeps
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new object[] { p });
    }

    [CorpusTheory]
    [MemberData(nameof(Templates))]
    public void MutatedVariants_AreReadAndAnalyzed_WithoutExceptionsOrHangs(string relativePath)
    {
        var path = Path.Combine(EngineCorpus.Require(), relativePath);
        var original = File.ReadAllText(path);
        foreach (var (mutation, text) in Variants(original))
        {
            using var guard = new CancellationTokenSource(HangGuard);
            try
            {
                var input = new TemplateInput(path, text, optedIn: true);
                var reads = path.EndsWith(".bicep", StringComparison.OrdinalIgnoreCase)
                    ? BicepReader.Read(new[] { input }, new ArmReadOptions(), guard.Token)
                    : new[] { ArmTemplateReader.ReadTemplate(input, Array.Empty<TemplateInput>(), new ArmReadOptions(), guard.Token) };
                var findings = EgressAnalysis.Analyze(reads, Array.Empty<ModelResource>(), EgressSettings.Default, RequirementCatalog.Default, guard.Token);
                foreach (var finding in reads.SelectMany(r => r.Diagnostics).Concat(findings).Where(f => !f.Location.IsEmpty && f.Location.FilePath == path))
                {
                    Assert.True(finding.Location.Start >= 0 && finding.Location.End <= text.Length, $"{mutation}: {finding} lies outside the text");
                }
            }
            catch (OperationCanceledException) when (guard.IsCancellationRequested)
            {
                Assert.Fail($"{relativePath} ({mutation}) did not finish within {HangGuard.TotalSeconds} s");
            }
        }
    }

    /// <summary>Deterministic variants: the same file always yields the same mutations, so a failure reproduces.</summary>
    private static IEnumerable<(string Mutation, string Text)> Variants(string text)
    {
        yield return ("truncated at a third", text.Substring(0, text.Length / 3));
        yield return ("truncated at two thirds", text.Substring(0, text.Length * 2 / 3));
        yield return ("every 7th closing bracket deleted", DeleteEvery(text, c => c is '}' or ']', 7));
        yield return ("every 5th opening bracket deleted", DeleteEvery(text, c => c is '{' or '[', 5));
        yield return ("a stray quote in the middle", text.Insert(text.Length / 2, "\"'"));
        yield return ("arrays turned into objects", SwapEvery(text, '[', '{', 3));
        yield return ("objects turned into arrays", SwapEvery(text, '{', '[', 4));
        yield return ("numbers turned into strings and back", text.Replace(": 100", ": \"100\"", StringComparison.Ordinal).Replace("'Allow'", "42", StringComparison.Ordinal).Replace("\"Allow\"", "[1]", StringComparison.Ordinal));
    }

    private static string DeleteEvery(string text, Func<char, bool> select, int every)
    {
        var builder = new StringBuilder(text.Length);
        var seen = 0;
        foreach (var c in text)
        {
            if (select(c) && ++seen % every == 0)
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string SwapEvery(string text, char from, char to, int every)
    {
        var chars = text.ToCharArray();
        var seen = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == from && ++seen % every == 0)
            {
                chars[i] = to;
            }
        }

        return new string(chars);
    }
}
