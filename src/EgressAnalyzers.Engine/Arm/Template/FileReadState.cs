using System;
using System.Collections.Generic;
using System.Threading;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Template;

/// <summary>Everything shared while reading one template file (its nested templates included).</summary>
internal sealed class FileReadState
{
    /// <summary>ARM's own limit on a copy loop's count; a larger count cannot deploy, so it is read as unknown.</summary>
    public const int MaxCopyCount = 800;

    /// <summary>Safety limit on resources read per file (copies and nested deployments included).</summary>
    public const int MaxResources = 10_000;

    /// <summary>Safety limit on nested deployment depth.</summary>
    public const int MaxDeploymentDepth = 16;

    /// <summary>Files above this size are not read at all (32 MB of text).</summary>
    public const int MaxFileLength = 32 * 1024 * 1024;

    private readonly List<Finding> _diagnostics = new();
    private readonly HashSet<string> _diagnosticKeys = new(StringComparer.Ordinal);

    public FileReadState(string filePath, string text, string cloud, bool optedIn, CancellationToken cancellationToken, bool mapsLiteralsDirectly = true)
    {
        FilePath = filePath;
        Text = text;
        Cloud = cloud;
        OptedIn = optedIn;
        CancellationToken = cancellationToken;
        MapsLiteralsDirectly = mapsLiteralsDirectly;
    }

    public string FilePath { get; }

    public string FileName => TemplatePaths.FileName(FilePath);

    public string Text { get; }

    public string Cloud { get; }

    public bool OptedIn { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Expressions parsed in this file (and its nested templates), by text.</summary>
    public Expressions.ParsedExpressionCache ExpressionCache { get; } = new();

    /// <summary>True when literal rule values are mapped straight from the JSON (see <see cref="LiteralJson"/>).</summary>
    public bool MapsLiteralsDirectly { get; }

    public int ResourceCount { get; set; }

    /// <summary>Set once the resource limit was hit: nothing more is read from this file.</summary>
    public bool Stopped { get; set; }

    public IReadOnlyList<Finding> Diagnostics => _diagnostics;

    /// <summary>Adds a finding once (copy loops read the same declaration several times).</summary>
    public void Report(RuleInfo rule, SourceSpan location, params object[] arguments)
    {
        var finding = new Finding(rule, location, arguments);
        if (_diagnosticKeys.Add($"{rule.Id}|{location.Start}|{location.Length}|{finding.Message}"))
        {
            _diagnostics.Add(finding);
        }
    }

    public void ReportCouldNotRead(SourceSpan location, string message) =>
        Report(EgressRules.EGR0002_TemplateCouldNotBeRead, location, FileName, message);

    /// <summary>The source text under a span of this file (what the user wrote), or null for other files.</summary>
    public string? SourceOf(SourceSpan span)
    {
        if (span.IsEmpty || !string.Equals(span.FilePath, FilePath, StringComparison.Ordinal)
            || span.Start < 0 || span.End > Text.Length)
        {
            return null;
        }

        return Text.Substring(span.Start, span.Length);
    }

    public SourceSpan Span(Json.JsonNode node) => new(FilePath, node.Start, node.Length);
}

internal static class TemplatePaths
{
    public static string FileName(string path)
    {
        var cut = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return cut < 0 ? path : path.Substring(cut + 1);
    }

    public static string Directory(string path)
    {
        var cut = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return cut < 0 ? string.Empty : path.Substring(0, cut).Replace('\\', '/');
    }
}
