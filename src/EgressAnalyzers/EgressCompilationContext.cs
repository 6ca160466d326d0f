using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EgressAnalyzers.Configuration;
using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace EgressAnalyzers;

/// <summary>
/// Per-compilation state: the settings, the inputs and the findings, computed once (on the first request) across all
/// additional files, because a cluster in one file decides what a firewall in another must allow.
/// </summary>
internal sealed class EgressCompilationContext
{
    private readonly AnalyzerOptions _options;
    private readonly object _gate = new();
    private AnalysisSnapshot? _snapshot;

    public EgressCompilationContext(AnalyzerOptions options)
    {
        _options = options;
    }

    public void ReportFindingsInFile(AdditionalFileAnalysisContext context)
    {
        var snapshot = GetSnapshot(context.CancellationToken);
        if (!snapshot.FindingsByFile.TryGetValue(context.AdditionalFile.Path, out var findings))
        {
            return;
        }

        foreach (var finding in findings)
        {
            context.ReportDiagnostic(ToDiagnostic(finding, snapshot));
        }
    }

    public void ReportCompilationWideFindings(CompilationAnalysisContext context)
    {
        var snapshot = GetSnapshot(context.CancellationToken);
        foreach (var problem in snapshot.ConfigurationProblems)
        {
            context.ReportDiagnostic(Diagnostic.Create(EgressDescriptors.EGR0001_InvalidConfigurationValue, Location.None, problem));
        }
    }

    private static Diagnostic ToDiagnostic(Finding finding, AnalysisSnapshot snapshot)
    {
        var additional = finding.AdditionalLocations
            .Select(span => snapshot.ToLocation(span))
            .Where(location => location != Location.None)
            .ToList();
        var descriptor = EgressDescriptors.For(finding.Rule);
        if (finding.Severity is not { } severity)
        {
            return Diagnostic.Create(descriptor, snapshot.ToLocation(finding.Location), additional, finding.MessageArguments.ToArray());
        }

        // A finding reported below its rule's default (Info when the evidence is incomplete); .globalconfig still wins.
        return Diagnostic.Create(
            descriptor,
            snapshot.ToLocation(finding.Location),
            ToRoslyn(severity),
            additional,
            properties: null,
            finding.MessageArguments.ToArray());
    }

    private static DiagnosticSeverity ToRoslyn(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => DiagnosticSeverity.Error,
        RuleSeverity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    private AnalysisSnapshot GetSnapshot(CancellationToken cancellationToken)
    {
        // Not Lazy<T>: a cancelled first request must not poison later ones with a cached OperationCanceledException.
        lock (_gate)
        {
            return _snapshot ??= AnalysisSnapshot.Create(_options, cancellationToken);
        }
    }

    /// <summary>Everything one compilation's analysis produced.</summary>
    private sealed class AnalysisSnapshot
    {
        private readonly Dictionary<string, SourceText> _texts;

        private AnalysisSnapshot(Dictionary<string, SourceText> texts, Dictionary<string, List<Finding>> findingsByFile, List<string> configurationProblems)
        {
            _texts = texts;
            FindingsByFile = findingsByFile;
            ConfigurationProblems = configurationProblems;
        }

        public Dictionary<string, List<Finding>> FindingsByFile { get; }

        public List<string> ConfigurationProblems { get; }

        public static AnalysisSnapshot Create(AnalyzerOptions options, CancellationToken cancellationToken)
        {
            var catalog = RequirementCatalog.Default;
            var problems = new List<string>();
            var settings = AnalyzerSettings.Read(options.AnalyzerConfigOptionsProvider.GlobalOptions, catalog, problems);

            var texts = new Dictionary<string, SourceText>(StringComparer.Ordinal);
            var inputs = new List<TemplateFile>();
            foreach (var file in options.AdditionalFiles)
            {
                if (!TemplateFiles.IsCandidate(file.Path))
                {
                    continue;
                }

                var text = file.GetText(cancellationToken);
                if (text is null)
                {
                    continue;
                }

                texts[file.Path] = text;
                inputs.Add(new TemplateFile(file.Path, text, AnalyzerSettings.IsOptedIn(options, file)));
            }

            var readResults = TemplateFiles.Read(inputs, settings, cancellationToken);
            var findings = EgressAnalysis.Analyze(readResults, Array.Empty<ModelResource>(), settings, catalog, cancellationToken);

            var byFile = new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
            foreach (var finding in findings)
            {
                if (finding.SuppressedBy is not null || finding.Location.IsEmpty || !texts.ContainsKey(finding.Location.FilePath))
                {
                    continue;
                }

                if (!byFile.TryGetValue(finding.Location.FilePath, out var list))
                {
                    byFile[finding.Location.FilePath] = list = new List<Finding>();
                }

                list.Add(finding);
            }

            return new AnalysisSnapshot(texts, byFile, problems);
        }

        public Location ToLocation(Engine.Text.SourceSpan span)
        {
            if (span.IsEmpty || !_texts.TryGetValue(span.FilePath, out var text))
            {
                return Location.None;
            }

            var start = Math.Min(Math.Max(span.Start, 0), text.Length);
            var end = Math.Min(Math.Max(span.End, start), text.Length);
            var textSpan = TextSpan.FromBounds(start, end);
            return Location.Create(span.FilePath, textSpan, text.Lines.GetLinePositionSpan(textSpan));
        }
    }
}
