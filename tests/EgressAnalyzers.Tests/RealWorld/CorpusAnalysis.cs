using System.Text;
using EgressAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace EgressAnalyzers.Tests.RealWorld;

/// <summary>
/// Runs the Roslyn analyzer over corpus files exactly as a build would hand them over (as AdditionalFiles, read from
/// disk in place) and summarises the diagnostics as "ID endpoint-or-message" lines that tests assert on.
/// </summary>
internal static class CorpusAnalysis
{
    public static async Task<CorpusResult> AnalyzeAsync(IReadOnlyList<string> corpusRelativePaths, IReadOnlyDictionary<string, string>? settings = null)
    {
        var root = Infrastructure.Corpus.Require();
        var files = corpusRelativePaths
            .Select(relative => Path.Combine(root, relative))
            .Select(path => (AdditionalText)new InMemoryAdditionalText(path, SourceText.From(File.ReadAllText(path), Encoding.UTF8)))
            .ToList();
        var options = settings?.ToDictionary(pair => "build_property." + pair.Key, pair => pair.Value);
        var result = await AnalyzerRunner.RunAsync(files, options);
        return new CorpusResult(result.Diagnostics, result.AnalyzerExceptions);
    }

    /// <summary>Every corpus file the analyzer could be given: all JSON (templates, parameters files, configs alike).</summary>
    public static IEnumerable<string> AllJsonFiles()
    {
        var root = Infrastructure.Corpus.Require();
        return Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .OrderBy(path => path, StringComparer.Ordinal);
    }
}

internal sealed record CorpusResult(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<Exception> AnalyzerExceptions)
{
    /// <summary>"EGR1001 mcr-0001.mcr-msedge.net" for coverage findings (by endpoint), "EGR2001 message" otherwise.</summary>
    public IReadOnlyList<string> Summary => Diagnostics
        .Select(Describe)
        .OrderBy(line => line, StringComparer.Ordinal)
        .ToList();

    public IReadOnlyList<string> EndpointsOf(string id) => Diagnostics
        .Where(diagnostic => diagnostic.Id == id)
        .Select(diagnostic => diagnostic.Properties.TryGetValue(EgressDiagnosticProperties.Endpoint, out var endpoint) ? endpoint! : diagnostic.GetMessage())
        .Distinct(StringComparer.Ordinal)
        .OrderBy(endpoint => endpoint, StringComparer.Ordinal)
        .ToList();

    public IReadOnlyList<Diagnostic> WithId(string id) => Diagnostics.Where(diagnostic => diagnostic.Id == id).ToList();

    public string Dump() => string.Join(Environment.NewLine, Diagnostics
        .OrderBy(diagnostic => diagnostic.Id, StringComparer.Ordinal)
        .Select(diagnostic => $"{diagnostic.Id} {Path.GetFileName(diagnostic.Location.GetLineSpan().Path)}{diagnostic.Location.GetLineSpan().StartLinePosition}: {diagnostic.GetMessage()}"));

    private static string Describe(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(EgressDiagnosticProperties.Endpoint, out var endpoint) && endpoint is not null
            ? $"{diagnostic.Id} {endpoint}"
            : $"{diagnostic.Id} {diagnostic.GetMessage()}";
}
