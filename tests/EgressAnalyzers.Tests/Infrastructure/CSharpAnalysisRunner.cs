using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EgressAnalyzers.Tests.Infrastructure;

/// <summary>
/// Runs the analyzer over C# infrastructure code compiled against the SDK stubs (plus optional AdditionalFiles) and
/// returns its diagnostics; fails on compile errors in the user code and on analyzer exceptions, which the driver would
/// otherwise turn into easily missed AD0001 warnings.
/// </summary>
internal static class CSharpAnalysisRunner
{
    public static Task<ImmutableArray<Diagnostic>> RunAsync((string Path, string Text)[] sources, params (string Path, string Text)[] additionalFiles) =>
        RunAsync(OutputKind.DynamicallyLinkedLibrary, sources, additionalFiles);

    public static Task<ImmutableArray<Diagnostic>> RunAsync(OutputKind kind, (string Path, string Text)[] sources, params (string Path, string Text)[] additionalFiles) =>
        RunAsync(kind, allowCompileErrors: false, sources, additionalFiles);

    /// <summary>With <paramref name="allowCompileErrors"/>, code being typed in the IDE: only analyzer exceptions fail.</summary>
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(OutputKind kind, bool allowCompileErrors, (string Path, string Text)[] sources, params (string Path, string Text)[] additionalFiles)
    {
        var compilation = SdkStubs.CompileUserCode(kind, sources);
        var errors = SdkStubs.Errors(compilation);
        Assert.True(allowCompileErrors || errors.Count == 0, "The user code does not compile against the stubs:\n" + string.Join("\n", errors));
        var exceptions = new List<Exception>();
        var options = new AnalyzerOptions(additionalFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, Microsoft.CodeAnalysis.Text.SourceText.From(f.Text))).ToImmutableArray());
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new EgressCoverageAnalyzer()),
            new CompilationWithAnalyzersOptions(options, (exception, _, _) => { lock (exceptions) { exceptions.Add(exception); } }, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        Assert.True(exceptions.Count == 0, "Analyzer threw:\n" + string.Join("\n", exceptions));
        return diagnostics;
    }

    public static Task<ImmutableArray<Diagnostic>> RunAsync(params string[] sources) =>
        RunAsync(sources.Select((s, i) => ($"/src/File{i}.cs", s)).ToArray());

    /// <summary>"EGR1001 'mcr.microsoft.com'"-style summaries (ID and endpoint argument) for order-insensitive assertions.</summary>
    public static IEnumerable<string> Ids(this IEnumerable<Diagnostic> diagnostics) => diagnostics.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal);
}
