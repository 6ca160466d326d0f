using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EgressAnalyzers.Benchmarks;

/// <summary>
/// A compilation of 500 generated C# files of Pulumi Azure Native code (firewall rule collections, policies, clusters,
/// resource groups, helper methods), compiled with and without <see cref="EgressCoverageAnalyzer"/>. The ratio of the
/// two is what the analyzer adds to a build. Each invocation builds a fresh compilation from the parsed trees, so no
/// binding is reused between runs.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class PulumiCompilationBenchmarks
{
    private const int FileCount = GeneratedPulumiProject.FileCount;

    private ImmutableArray<SyntaxTree> _trees;
    private ImmutableArray<MetadataReference> _references;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;

    [GlobalSetup]
    public void Setup()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
        _references = framework.Add(GeneratedPulumiProject.CompileStubs(framework));
        _trees = Enumerable.Range(0, FileCount)
            .Select(i => CSharpSyntaxTree.ParseText(GeneratedPulumiProject.File(i), new CSharpParseOptions(LanguageVersion.Latest), $"/src/Stack{i:D3}.cs"))
            .ToImmutableArray();
        _analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new EgressCoverageAnalyzer());

        var errors = NewCompilation().GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Generated code does not compile: " + errors[0]);
        }
    }

    [Benchmark(Baseline = true, Description = "compile (500 files)")]
    public int CompileWithoutAnalyzer() => NewCompilation().GetDiagnostics().Length;

    /// <summary>
    /// The analyzer driver's own cost: an analyzer that registers what ours registers (a semantic-model action,
    /// compilation end) and does nothing. A real build always pays this for the SDK's built-in analyzers; the
    /// difference to the next benchmark is what EgressAnalyzers itself adds.
    /// </summary>
    [Benchmark(Description = "compile + an idle analyzer (driver only)")]
    public int CompileWithIdleAnalyzer()
    {
        var withAnalyzers = NewCompilation().WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new IdleAnalyzer()), new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty));
        return withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult().Length;
    }

    [Benchmark(Description = "compile + EgressAnalyzers (500 files)")]
    public int CompileWithAnalyzer()
    {
        var withAnalyzers = NewCompilation().WithAnalyzers(_analyzers, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty));
        return withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult().Length;
    }

    private CSharpCompilation NewCompilation() =>
        CSharpCompilation.Create("Infra", _trees, _references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));


}

/// <summary>Registers the same kinds of actions as <see cref="EgressCoverageAnalyzer"/> and does no work in them.</summary>
// Benchmark-only: never shipped or loaded by a compiler, so the analyzer-packaging rules do not apply.
#pragma warning disable RS1036, RS1041, RS2008
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class IdleAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("IDLE0001", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        // As EgressCoverageAnalyzer: generated code is analyzed, and the analyzer (not the driver) drops findings in it.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            start.RegisterSemanticModelAction(_ => { });
            start.RegisterCompilationEndAction(_ => { });
        });
    }
}
#pragma warning restore RS1036, RS1041, RS2008
