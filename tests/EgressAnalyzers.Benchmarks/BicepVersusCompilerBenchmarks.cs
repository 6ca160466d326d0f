using BenchmarkDotNet.Attributes;
using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Bicep;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Model;

namespace EgressAnalyzers.Benchmarks;

/// <summary>
/// Native Bicep analysis (read the entry point with its modules and parameters files, then the full analysis) against
/// what a user would otherwise run: the real Bicep CLI (<c>bicep build --stdout</c>, Azure.Bicep.CommandLine.linux-x64)
/// building the same entry point. Only entry points the compiler builds offline are measured (registry modules and
/// broken files are left out on both sides). <c>EGRESS_BENCH_BICEP_ENTRY_POINTS=n</c> keeps the first n of them, since
/// each compiler run starts a process.
/// </summary>
[MemoryDiagnoser]
public class BicepVersusCompilerBenchmarks
{
    private readonly List<(string EntryPoint, IReadOnlyList<TemplateInput> Repository)> _entryPoints = new();

    public double Megabytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _ = CompilerPath(); // fail at setup, not in the first measured run, when the CLI is missing
        var limit = int.TryParse(Environment.GetEnvironmentVariable("EGRESS_BENCH_BICEP_ENTRY_POINTS"), out var n) ? n : int.MaxValue;
        var corpus = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "corpus"));
        var considered = 0;
        foreach (var repository in Directory.EnumerateDirectories(corpus).OrderBy(d => d, StringComparer.Ordinal))
        {
            var inputs = Directory.EnumerateFiles(repository, "*.bicep", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(repository, "*.bicepparam", SearchOption.AllDirectories))
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => new TemplateInput(p, File.ReadAllText(p), optedIn: false))
                .ToList();
            foreach (var entry in BicepReader.Read(inputs, new ArmReadOptions()).Select(r => r.FilePath))
            {
                if (_entryPoints.Count >= limit)
                {
                    break;
                }

                considered++;
                if (Compile(entry))
                {
                    _entryPoints.Add((entry, inputs));
                }
            }
        }

        // The bytes the native side reads: each entry point's repository .bicep/.bicepparam files (modules included).
        Megabytes = _entryPoints.Select(e => e.Repository).Distinct().SelectMany(r => r).Sum(i => (long)i.Text.Length) / (1024.0 * 1024.0);
        Console.WriteLine($"// {_entryPoints.Count} of {considered} entry points build offline; {Megabytes:F2} MB of Bicep in their repositories");
    }

    [Benchmark(Baseline = true)]
    public int BicepCompiler()
    {
        var built = 0;
        foreach (var (entry, _) in _entryPoints)
        {
            built += Compile(entry) ? 1 : 0;
        }

        return built;
    }

    [Benchmark]
    public int NativeAnalysis()
    {
        var findings = 0;
        foreach (var (entry, repository) in _entryPoints)
        {
            var read = BicepReader.ReadEntryPoint(entry, repository, new ArmReadOptions());
            findings += EgressAnalysis.Analyze(new[] { read }, Array.Empty<ModelResource>(), EgressSettings.Default, RequirementCatalog.Default).Count;
        }

        return findings;
    }

    // The compiled JSON is what the user would go on to analyze; the launcher reads it to the end, part of the cost.
    private static bool Compile(string bicepFile) => EgressAnalyzers.TestSupport.BicepCompiler.Build(bicepFile, out _) is { Length: > 0 };

    private static string CompilerPath() =>
        EgressAnalyzers.TestSupport.BicepCompiler.Path
            ?? throw new InvalidOperationException("The Bicep CLI of Azure.Bicep.CommandLine.linux-x64 is not available (linux-x64 only)");

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
