using EgressAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace EgressAnalyzers.Tests.RealWorld;

/// <summary>
/// Every JSON file of the corpus through the Roslyn analyzer, alone and all together in one compilation: no analyzer
/// exception (which a build would show as AD0001), and every diagnostic points inside the file it names.
/// </summary>
public class CorpusSweepTests
{
    public static IEnumerable<object[]> JsonFiles =>
        Infrastructure.Corpus.Directory is null
            ? new[] { new object[] { "(corpus absent)" } }
            : CorpusAnalysis.AllJsonFiles().Select(path => new object[] { path });

    [CorpusTheory]
    [MemberData(nameof(JsonFiles))]
    public async Task EachJsonFile_Alone_IsAnalyzedWithoutAnalyzerExceptions_AndWithLocationsInsideIt(string file)
    {
        var result = await CorpusAnalysis.AnalyzeAsync(new[] { file });

        Assert.Empty(result.AnalyzerExceptions);
        AssertLocationsInsideTheirFiles(result.Diagnostics);
    }

    [CorpusFact]
    public async Task AllJsonFiles_InOneCompilation_AreAnalyzedWithoutAnalyzerExceptions_AndWithLocationsInsideThem()
    {
        var result = await CorpusAnalysis.AnalyzeAsync(CorpusAnalysis.AllJsonFiles().ToList());

        Assert.Empty(result.AnalyzerExceptions);
        AssertLocationsInsideTheirFiles(result.Diagnostics);
        // Clusters and firewalls from several repositories meet in one scope here, so there is something to report.
        Assert.NotEmpty(result.WithId("EGR1001"));
    }

    private static void AssertLocationsInsideTheirFiles(IReadOnlyList<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Assert.DoesNotContain("AD0001", diagnostic.Id, StringComparison.Ordinal);
            var location = diagnostic.Location;
            if (location == Location.None)
            {
                // Only configuration problems are compilation-wide.
                Assert.Equal("EGR0001", diagnostic.Id);
                continue;
            }

            var span = location.GetLineSpan();
            var text = File.ReadAllText(span.Path);
            var lines = text.Split('\n');
            Assert.InRange(span.StartLinePosition.Line, 0, lines.Length - 1);
            Assert.InRange(span.EndLinePosition.Line, span.StartLinePosition.Line, lines.Length - 1);
            Assert.InRange(location.SourceSpan.End, location.SourceSpan.Start, text.Length);
        }
    }
}
