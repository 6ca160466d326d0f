using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using EgressAnalyzers.Configuration;
using EgressAnalyzers.CSharp;
using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
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
    private readonly CSharpSdkSymbols? _symbols;
    private readonly CSharpResourceSyntaxFilter? _resourceFilter;
    private SemanticModelCache? _models;
    private readonly PulumiStackConfig _stackConfig = PulumiStackConfig.Empty;
    private readonly ConcurrentBag<ModelResource> _codeResources = new();
    private readonly GeneratedCodeLocations _generatedCode = new();
    private AnalysisSnapshot? _snapshot;

    public EgressCompilationContext(AnalyzerOptions options)
    {
        _options = options;
    }

    /// <summary>For a compilation that references an infrastructure SDK: C# resources join the AdditionalFiles ones.</summary>
    public EgressCompilationContext(AnalyzerOptions options, CSharpSdkSymbols symbols, CSharpResourceSyntaxFilter resourceFilter, CancellationToken cancellationToken)
    {
        _options = options;
        _symbols = symbols;
        _resourceFilter = resourceFilter;
        _stackConfig = PulumiStackConfig.Read(options.AdditionalFiles, cancellationToken);
    }

    /// <summary>
    /// One syntax tree of the compilation: keeps the firewalls, policies, groups and clusters it creates. Only the
    /// creations the syntactic filter lets through are bound (through the driver's cached semantic model).
    /// </summary>
    public void CollectResources(SemanticModelAnalysisContext context)
    {
        if (_symbols is null || _resourceFilter is null)
        {
            return;
        }

        var model = context.SemanticModel;
        _generatedCode.RecordTree(model.SyntaxTree, context.IsGeneratedCode);
        var models = LazyInitializer.EnsureInitialized(ref _models, () => new SemanticModelCache(model.Compilation))!;
        foreach (var candidate in _resourceFilter.Candidates(model.SyntaxTree, context.CancellationToken))
        {
            // Kept only for trees that create resources: the driver frees the models of the others.
            models.Add(model);
            if (CSharpResourceCollector.ReadCandidate(candidate, model, _symbols, _stackConfig, models, context.CancellationToken) is { } resource)
            {
                _codeResources.Add(resource);
            }
        }
    }

    /// <summary>With C# resources, every finding waits for the whole compilation: a firewall in a template may need a cluster in code.</summary>
    public void ReportAllFindings(CompilationAnalysisContext context)
    {
        var snapshot = GetSnapshot(context.CancellationToken, context.Compilation);
        var models = _models ?? new SemanticModelCache(context.Compilation);
        foreach (var findings in snapshot.FindingsByFile.Values)
        {
            foreach (var finding in findings)
            {
                var diagnostic = ToDiagnostic(finding, snapshot);
                if (!_generatedCode.Contains(diagnostic.Location, models, context.CancellationToken))
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }

        ReportCompilationWideFindings(context);
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
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        if (finding.RequirementId is not null)
        {
            properties.Add(EgressDiagnosticProperties.RequirementId, finding.RequirementId);
        }

        if (finding.Endpoint is not null)
        {
            properties.Add(EgressDiagnosticProperties.Endpoint, finding.Endpoint);
        }

        if (!finding.Subject.IsEmpty)
        {
            properties.Add(EgressDiagnosticProperties.Subject, finding.Subject.ToString());
        }

        // A finding may be reported below its rule's default (Info when the evidence is incomplete); .globalconfig still wins.
        return Diagnostic.Create(
            descriptor,
            snapshot.ToLocation(finding.Location),
            finding.Severity is { } severity ? ToRoslyn(severity) : descriptor.DefaultSeverity,
            additional,
            properties.ToImmutable(),
            finding.MessageArguments.ToArray());
    }

    /// <summary>What one analysis of a project's additional files produced (also used by the template code fix).</summary>
    internal sealed class ProjectAnalysis
    {
        public ProjectAnalysis(EgressSettings settings, RequirementCatalog catalog, IReadOnlyList<TemplateReadResult> readResults, IReadOnlyList<Finding> findings, Dictionary<string, SourceText> texts, IReadOnlyList<ModelResource>? codeResources = null)
        {
            CodeResources = codeResources ?? Array.Empty<ModelResource>();
            Settings = settings;
            Catalog = catalog;
            ReadResults = readResults;
            Findings = findings;
            Texts = texts;
        }

        public EgressSettings Settings { get; }

        /// <summary>The built-in catalog with the project's egress-requirements.json applied.</summary>
        public RequirementCatalog Catalog { get; }

        public IReadOnlyList<TemplateReadResult> ReadResults { get; }

        public IReadOnlyList<Finding> Findings { get; }

        public Dictionary<string, SourceText> Texts { get; }

        /// <summary>Resources read from the compilation's C# code (Pulumi, Azure SDK), already assembled.</summary>
        public IReadOnlyList<ModelResource> CodeResources { get; }

        public InfrastructureModel Model => new(ReadResults.Where(r => r.IsTemplate).SelectMany(r => r.Resources).Concat(CodeResources));
    }

    /// <summary>Reads and analyzes every template among the additional files, as the analyzer does.</summary>
    internal static ProjectAnalysis AnalyzeAdditionalFiles(AnalyzerOptions options, List<string> problems, CancellationToken cancellationToken, IReadOnlyList<ModelResource>? codeResources = null)
    {
        // Code resources in a stable order (operation actions run concurrently), classic Pulumi collections attached.
        var code = CSharpModelAssembler.Assemble((codeResources ?? Array.Empty<ModelResource>())
            .OrderBy(r => r.Span.FilePath, StringComparer.Ordinal).ThenBy(r => r.Span.Start).ToList());
        var settings = AnalyzerSettings.Read(options.AnalyzerConfigOptionsProvider.GlobalOptions, RequirementCatalog.Default, problems);

        var texts = new Dictionary<string, SourceText>(StringComparer.Ordinal);
        var inputs = new List<TemplateFile>();
        var requirementFiles = new List<(string Path, string Text)>();
        foreach (var file in options.AdditionalFiles.OrderBy(f => f.Path, StringComparer.Ordinal))
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
            if (CustomRequirements.IsRequirementsFile(file.Path))
            {
                requirementFiles.Add((file.Path, text.ToString()));
                continue;
            }

            inputs.Add(new TemplateFile(file.Path, text, AnalyzerSettings.IsOptedIn(options, file)));
        }

        // The organisation's egress-requirements.json files extend (or trim) the built-in catalog.
        var custom = CustomRequirements.Apply(RequirementCatalog.Default, requirementFiles);
        var readResults = TemplateFiles.Read(inputs, settings, cancellationToken);
        var findings = custom.Problems
            .Concat(EgressAnalysis.Analyze(readResults, code, settings, custom.Catalog, cancellationToken))
            .ToList();
        return new ProjectAnalysis(settings, custom.Catalog, readResults, findings, texts, code);
    }

    private static DiagnosticSeverity ToRoslyn(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => DiagnosticSeverity.Error,
        RuleSeverity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    private AnalysisSnapshot GetSnapshot(CancellationToken cancellationToken, Compilation? compilation = null)
    {
        // Not Lazy<T>: a cancelled first request must not poison later ones with a cached OperationCanceledException.
        lock (_gate)
        {
            return _snapshot ??= AnalysisSnapshot.Create(_options, _codeResources.ToList(), compilation, cancellationToken);
        }
    }

    /// <summary>Everything one compilation's analysis produced.</summary>
    private sealed class AnalysisSnapshot
    {
        private readonly Dictionary<string, SourceText> _texts;
        private readonly Dictionary<string, SyntaxTree> _trees;

        private AnalysisSnapshot(Dictionary<string, SourceText> texts, Dictionary<string, SyntaxTree> trees, Dictionary<string, List<Finding>> findingsByFile, List<string> configurationProblems)
        {
            _texts = texts;
            _trees = trees;
            FindingsByFile = findingsByFile;
            ConfigurationProblems = configurationProblems;
        }

        public Dictionary<string, List<Finding>> FindingsByFile { get; }

        public List<string> ConfigurationProblems { get; }

        public static AnalysisSnapshot Create(AnalyzerOptions options, IReadOnlyList<ModelResource> codeResources, Compilation? compilation, CancellationToken cancellationToken)
        {
            var problems = new List<string>();
            var analysis = AnalyzeAdditionalFiles(options, problems, cancellationToken, codeResources);
            var texts = analysis.Texts;
            var findings = analysis.Findings;
            var trees = new Dictionary<string, SyntaxTree>(StringComparer.Ordinal);
            foreach (var tree in compilation?.SyntaxTrees ?? Enumerable.Empty<SyntaxTree>())
            {
                trees[tree.FilePath] = tree;
            }

            var byFile = new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
            foreach (var finding in findings)
            {
                if (finding.SuppressedBy is not null || finding.Location.IsEmpty
                    || !(texts.ContainsKey(finding.Location.FilePath) || trees.ContainsKey(finding.Location.FilePath)))
                {
                    continue;
                }

                if (!byFile.TryGetValue(finding.Location.FilePath, out var list))
                {
                    byFile[finding.Location.FilePath] = list = new List<Finding>();
                }

                list.Add(finding);
            }

            return new AnalysisSnapshot(texts, trees, byFile, problems);
        }

        public Location ToLocation(Engine.Text.SourceSpan span)
        {
            if (!span.IsEmpty && _trees.TryGetValue(span.FilePath, out var tree))
            {
                var length = tree.Length;
                var treeStart = Math.Min(Math.Max(span.Start, 0), length);
                return Location.Create(tree, TextSpan.FromBounds(treeStart, Math.Min(Math.Max(span.End, treeStart), length)));
            }

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

/// <summary>The analysis of one compilation's inputs (AdditionalFiles and resources read from its code), shared by the
/// analyzer and the C# code fixes (which must see exactly the findings the analyzer reported).</summary>
internal sealed class CompilationInputs
{
    private CompilationInputs(EgressCompilationContext.ProjectAnalysis analysis, List<string> configurationProblems)
    {
        Texts = analysis.Texts;
        Findings = analysis.Findings;
        Model = analysis.Model;
        Settings = analysis.Settings;
        Catalog = analysis.Catalog;
        ConfigurationProblems = configurationProblems;
    }

    public Dictionary<string, SourceText> Texts { get; }

    public IReadOnlyList<Finding> Findings { get; }

    public InfrastructureModel Model { get; }

    public EgressSettings Settings { get; }

    /// <summary>The catalog the findings were computed with (the project's egress-requirements.json applied).</summary>
    public RequirementCatalog Catalog { get; }

    public List<string> ConfigurationProblems { get; }

    public static CompilationInputs Analyze(AnalyzerOptions options, IReadOnlyList<ModelResource> codeResources, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var analysis = EgressCompilationContext.AnalyzeAdditionalFiles(options, problems, cancellationToken, codeResources);
        return new CompilationInputs(analysis, problems);
    }
}
