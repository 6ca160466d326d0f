using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Fixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace EgressAnalyzers.CodeFixes.Templates;

/// <summary>
/// Applies the engine's template fix (<see cref="TemplateFixer"/>) to additional documents: re-runs the analysis of
/// the project's additional files (the fix needs the whole model, not just the diagnostic), picks the findings behind
/// the diagnostics, and turns the engine's edits into text changes of each document.
/// </summary>
internal static class TemplateFixes
{
    public static async Task<Solution> FixAsync(
        Solution solution,
        IReadOnlyList<(DocumentId Document, ImmutableArray<Diagnostic> Diagnostics)> targets,
        CancellationToken cancellationToken)
    {
        var result = solution;
        foreach (var byProject in targets.GroupBy(t => t.Document.ProjectId))
        {
            var project = solution.GetProject(byProject.Key);
            if (project is null)
            {
                continue;
            }

            var analysis = EgressCompilationContext.AnalyzeAdditionalFiles(project.AnalyzerOptions, new List<string>(), cancellationToken);
            var model = analysis.Model;
            foreach (var (documentId, diagnostics) in byProject)
            {
                var document = project.GetAdditionalDocument(documentId);
                if (document is null)
                {
                    continue;
                }

                var path = document.FilePath ?? document.Name;
                var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                var findings = analysis.Findings
                    .Where(f => string.Equals(f.Location.FilePath, path, StringComparison.Ordinal) && diagnostics.Any(d => Matches(d, f)))
                    .ToList();
                if (findings.Count == 0)
                {
                    continue;
                }

                var fix = TemplateFixer.Fix(text.ToString(), path, findings, model, analysis.Settings, analysis.Catalog);
                if (!fix.Changed)
                {
                    continue;
                }

                var changes = fix.Edits.Select(e => new TextChange(new TextSpan(e.Start, e.Length), e.NewText));
                result = result.WithAdditionalDocumentText(documentId, text.WithChanges(changes));
            }
        }

        return result;
    }

    /// <summary>The diagnostic reports this finding: same rule, and the same requirement subject and endpoint (or place and message).</summary>
    public static bool Matches(Diagnostic diagnostic, Finding finding)
    {
        if (!string.Equals(diagnostic.Id, finding.Rule.Id, StringComparison.Ordinal))
        {
            return false;
        }

        if (diagnostic.Properties.TryGetValue(EgressDiagnosticProperties.Endpoint, out var endpoint)
            && diagnostic.Properties.TryGetValue(EgressDiagnosticProperties.Subject, out var subject))
        {
            return string.Equals(endpoint, finding.Endpoint, StringComparison.Ordinal)
                && string.Equals(subject, finding.Subject.IsEmpty ? null : finding.Subject.ToString(), StringComparison.Ordinal);
        }

        var span = diagnostic.Location.SourceSpan;
        return span.Start == finding.Location.Start && span.Length == finding.Location.Length
            && string.Equals(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), finding.Message, StringComparison.Ordinal);
    }

    /// <summary>The path an additional-file diagnostic points at.</summary>
    public static string? PathOf(Diagnostic diagnostic) =>
        diagnostic.Location.Kind is LocationKind.ExternalFile or LocationKind.SourceFile ? diagnostic.Location.GetLineSpan().Path : null;
}
