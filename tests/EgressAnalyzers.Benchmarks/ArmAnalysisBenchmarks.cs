using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Model;

namespace EgressAnalyzers.Benchmarks;

/// <summary>
/// Full ARM analysis (tolerant JSON read with spans, expression evaluation, model, coverage and hygiene) against the
/// cost of reading the same bytes at all: one <see cref="Utf8JsonReader"/> pass with comments skipped. The README
/// reports the ratio per input set and the allocations per MB.
/// </summary>
[MemoryDiagnoser]
public class ArmAnalysisBenchmarks
{
    private List<TemplateInput> _inputs = new();
    private List<byte[]> _utf8 = new();

    [Params("corpus", "generated-20MB")]
    public string InputSet { get; set; } = "corpus";

    public double Megabytes => _utf8.Sum(b => b.Length) / (1024.0 * 1024.0);

    [GlobalSetup]
    public void Setup()
    {
        _inputs = InputSet == "corpus" ? CorpusTemplates() : GeneratedTemplates(totalCharacters: 20 * 1024 * 1024);
        _utf8 = _inputs.Select(i => Encoding.UTF8.GetBytes(i.Text)).ToList();
        Console.WriteLine($"// {InputSet}: {_inputs.Count} files, {Megabytes:F1} MB");
    }

    [Benchmark(Baseline = true)]
    public long Utf8JsonReaderPass()
    {
        long tokens = 0;
        foreach (var bytes in _utf8)
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 256 });
            try
            {
                while (reader.Read())
                {
                    tokens++;
                }
            }
            catch (JsonException)
            {
                // A few corpus files are not strict JSON; the pass still paid for what it read.
            }
        }

        return tokens;
    }

    /// <summary>Phase 1 alone: the tolerant JSON reader (spans, comments, error recovery).</summary>
    [Benchmark]
    public int JsonReadOnly()
    {
        var nodes = 0;
        foreach (var input in _inputs)
        {
            nodes += EgressAnalyzers.Engine.Json.JsonDocument.Parse(input.Text).Errors.Count;
        }

        return nodes;
    }

    /// <summary>Phases 1-2: JSON, expression evaluation and the model, without coverage.</summary>
    [Benchmark]
    public int TemplateReadOnly() => ArmTemplateReader.Read(_inputs, new ArmReadOptions()).Sum(r => r.Resources.Count);

    [Benchmark]
    public int FullAnalysis()
    {
        var reads = ArmTemplateReader.Read(_inputs, new ArmReadOptions());
        return EgressAnalysis.Analyze(reads, Array.Empty<ModelResource>(), EgressSettings.Default, RequirementCatalog.Default).Count;
    }

    private static List<TemplateInput> CorpusTemplates()
    {
        var root = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "corpus"));
        if (!Directory.Exists(root))
        {
            throw new InvalidOperationException($"The corpus is not at {root}; the 'generated-20MB' set needs no corpus");
        }

        return Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new TemplateInput(p, File.ReadAllText(p), optedIn: false))
            .ToList();
    }

    /// <summary>One cluster plus hub templates of 1 MB each: classic firewalls with expressions, policies with groups.</summary>
    private static List<TemplateInput> GeneratedTemplates(int totalCharacters)
    {
        var inputs = new List<TemplateInput> { new("/gen/cluster.json", GeneratedTemplate.Cluster(), optedIn: false) };
        for (var file = 0; inputs.Sum(i => i.Text.Length) < totalCharacters; file++)
        {
            inputs.Add(new TemplateInput($"/gen/hub{file:D2}.json", GeneratedTemplate.Hub(file, 1024 * 1024), optedIn: false));
        }

        return inputs;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EgressAnalyzers.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("EgressAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
