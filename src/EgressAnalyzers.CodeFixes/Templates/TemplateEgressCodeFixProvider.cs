using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using EgressAnalyzers.Engine.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace EgressAnalyzers.CodeFixes.Templates;

/// <summary>
/// EGR1001/EGR1002 in an ARM template (an additional file): inserts the missing rules into the template, in its own
/// style (see <see cref="Engine.Fixes.TemplateFixer"/>). Uses Roslyn's <c>DocumentKinds</c> support for fixes in
/// additional documents; IDE support for it varies (README).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TemplateEgressCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) })]
[Shared]
public sealed class TemplateEgressCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(EgressRuleIds.EGR1001, EgressRuleIds.EGR1002);

    public override FixAllProvider GetFixAllProvider() => TemplateFixAllProvider.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.TextDocument;
        if (document is Document || document.Project.GetAdditionalDocument(document.Id) is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            // Computed now (the reads are cached per text), so that a finding the fix cannot write offers nothing.
            var solution = document.Project.Solution;
            var fixedSolution = await TemplateFixes.FixAsync(solution, new[] { (document.Id, ImmutableArray.Create(diagnostic)) }, context.CancellationToken).ConfigureAwait(false);
            if (ReferenceEquals(fixedSolution, solution))
            {
                continue;
            }

            var endpoint = diagnostic.Properties.TryGetValue(EgressDiagnosticProperties.Endpoint, out var value) && value is not null
                ? $"'{value}'"
                : "the missing AKS egress";
            context.RegisterCodeFix(
                CodeAction.Create(
                    string.Format(System.Globalization.CultureInfo.InvariantCulture, CodeFixTitles.AllowEndpointInTemplateFormat, endpoint),
                    _ => Task.FromResult(fixedSolution),
                    CodeFixTitles.TemplateEquivalenceKey),
                diagnostic);
        }
    }
}

/// <summary>
/// FixAll for template diagnostics: all diagnostics of a file are fixed together (one consistent edit per file),
/// for the file, project or solution.
/// </summary>
internal sealed class TemplateFixAllProvider : FixAllProvider
{
    public static TemplateFixAllProvider Instance { get; } = new();

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
        new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var projects = fixAllContext.Scope == FixAllScope.Solution
            ? fixAllContext.Solution.Projects.ToList()
            : new List<Project> { fixAllContext.Project };
        var targets = new List<(DocumentId, ImmutableArray<Diagnostic>)>();
        foreach (var project in projects)
        {
            var diagnostics = await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
            foreach (var byPath in diagnostics.Where(d => fixAllContext.DiagnosticIds.Contains(d.Id)).GroupBy(TemplateFixes.PathOf))
            {
                var document = project.AdditionalDocuments.FirstOrDefault(d => byPath.Key is not null && string.Equals(d.FilePath, byPath.Key, System.StringComparison.Ordinal));
                if (document is null
                    || (fixAllContext.Scope == FixAllScope.Document && fixAllContext.Document is { } only && !string.Equals(only.FilePath, document.FilePath, System.StringComparison.Ordinal)))
                {
                    continue;
                }

                targets.Add((document.Id, byPath.ToImmutableArray()));
            }
        }

        if (targets.Count == 0)
        {
            return null;
        }

        var solution = fixAllContext.Solution;
        return CodeAction.Create(
            CodeFixTitles.AllowAllMissingInTemplates,
            cancellationToken => TemplateFixes.FixAsync(solution, targets, cancellationToken),
            CodeFixTitles.TemplateEquivalenceKey);
    }
}
