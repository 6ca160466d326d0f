using System.Diagnostics;
using EgressAnalyzers.Engine.Bicep;
using EgressAnalyzers.Engine.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EgressAnalyzers.Engine.Tests.Bicep;

/// <summary>Every .bicep file of the real-world corpus parses, quickly, without an exception and without errors (they all compile).</summary>
public class BicepCorpusParserTests
{
    private readonly ITestOutputHelper _output;

    public BicepCorpusParserTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [CorpusFact]
    public void EveryCorpusBicepFile_Parses_WithoutErrors()
    {
        var corpus = EngineCorpus.Require();

        var files = BicepCorpus.BicepFiles(corpus);
        Assert.NotEmpty(files);
        var problems = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var watch = Stopwatch.StartNew();
            var parsed = BicepParser.Parse(text);
            watch.Stop();
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{file} took {watch.Elapsed}");
            Assert.NotEmpty(parsed.Statements);
            foreach (var error in parsed.Errors.Take(3))
            {
                var line = text.Substring(0, error.Start).Count(c => c == '\n') + 1;
                problems.Add($"{Path.GetRelativePath(corpus, file)}({line}): {error.Message}");
            }
        }

        _output.WriteLine($"{files.Count} files parsed");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [CorpusFact]
    public void EveryCorpusBicepFile_WithEachLineCut_ParsesWithoutException()
    {
        // Truncating a real file at every 25th line gives thousands of broken inputs: never an exception or a hang.
        var corpus = EngineCorpus.Require();

        var cuts = 0;
        foreach (var file in BicepCorpus.BicepFiles(corpus))
        {
            var text = File.ReadAllText(file);
            for (var at = text.IndexOf('\n'); at >= 0; at = text.IndexOf('\n', at + 1))
            {
                if (++cuts % 25 != 0)
                {
                    continue;
                }

                var broken = text.Substring(0, at) + "}]) '${" + text.Substring(at);
                var watch = Stopwatch.StartNew();
                var parsed = BicepParser.Parse(broken);
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{file} cut at {at} took {watch.Elapsed}");
                Assert.NotNull(parsed.Statements);
            }
        }

        Assert.True(cuts > 0);
    }
}
