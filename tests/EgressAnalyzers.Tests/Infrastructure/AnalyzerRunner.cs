using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EgressAnalyzers.Tests.Infrastructure;

/// <summary>
/// Runs the real analyzer over a compilation with additional files read from disk (corpus tests, sample tests),
/// collecting analyzer exceptions instead of letting the driver turn them into AD0001 warnings that could be missed.
/// </summary>
internal static class AnalyzerRunner
{
    public sealed record Result(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> AnalyzerExceptions);

    public static async Task<Result> RunAsync(IEnumerable<AdditionalText> additionalFiles, IReadOnlyDictionary<string, string>? globalOptions = null, CancellationToken cancellationToken = default)
    {
        var compilation = CSharpCompilation.Create(
            "EgressAnalyzersTest",
            new[] { CSharpSyntaxTree.ParseText("internal static class Placeholder { }", cancellationToken: cancellationToken) },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var exceptions = new List<Exception>();
        var options = new AnalyzerOptions(
            additionalFiles.ToImmutableArray(),
            new DictionaryOptionsProvider(globalOptions ?? new Dictionary<string, string>()));
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new EgressCoverageAnalyzer()),
            new CompilationWithAnalyzersOptions(
                options,
                onAnalyzerException: (exception, _, _) => { lock (exceptions) { exceptions.Add(exception); } },
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
        return new Result(diagnostics, exceptions);
    }

    private sealed class DictionaryOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly DictionaryOptions _global;

        public DictionaryOptionsProvider(IReadOnlyDictionary<string, string> global)
        {
            _global = new DictionaryOptions(global);
        }

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => DictionaryOptions.Empty;
    }

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new(new Dictionary<string, string>());

        private readonly IReadOnlyDictionary<string, string> _values;

        public DictionaryOptions(IReadOnlyDictionary<string, string> values)
        {
            _values = values;
        }

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            _values.TryGetValue(key, out value);
    }
}
