using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Fixes;
using EgressAnalyzers.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace EgressAnalyzers.CodeFixes.CSharp;

/// <summary>
/// EGR1001/EGR1002 on C# infrastructure code: adds the missing rules to the Allow collection the diagnostic points
/// at, or as a new <c>aks-egress</c> collection. The engine's <see cref="FixPlanner"/> decides what and where (shared
/// with the template fixes); <see cref="CSharpFixWriter"/> writes it. FixAll plans all diagnostics of a document at
/// once, so each collection receives one edit with every missing endpoint.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CSharpEgressCodeFixProvider))]
[Shared]
public sealed class CSharpEgressCodeFixProvider : CodeFixProvider
{
    private const string AppendKey = "EGR-CSharp-AppendRules";
    private const string NewCollectionKey = "EGR-CSharp-NewCollection";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(EgressRuleIds.EGR1001, EgressRuleIds.EGR1002);

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (context.Document.Project.Language != LanguageNames.CSharp)
        {
            return;
        }

        var analysis = await CSharpFixAnalysis.CreateAsync(context.Document.Project, context.CancellationToken).ConfigureAwait(false);
        var writer = await CSharpFixWriter.CreateAsync(context.Document, context.CancellationToken).ConfigureAwait(false);
        if (analysis is null || writer is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var matches = analysis.FindingsFor(new[] { diagnostic });
            if (matches.Count == 0)
            {
                continue;
            }

            var finding = matches[0];

            // Every finding of the same subject in this document: one action adds all that go to the same place.
            var related = analysis.Inputs.Findings
                .Where(f => FixPlanner.IsFixable(f) && f.Subject == finding.Subject && f.Location.FilePath == finding.Location.FilePath)
                .ToList();
            var offeredNewCollection = false;
            foreach (var targets in new[] { writer, (IFixTargets)new NewCollectionsOnly(writer) })
            {
                var plan = FixPlanner.Plan(related, analysis.Inputs.Model, analysis.Inputs.Settings, analysis.Inputs.Catalog, targets);
                var insertion = plan.Insertions.FirstOrDefault(i => i.Findings.Contains(finding));
                if (insertion is null || (offeredNewCollection && insertion.Target != InsertionTargetKind.ExistingCollection))
                {
                    continue;
                }

                offeredNewCollection |= insertion.Target != InsertionTargetKind.ExistingCollection;

                var title = insertion.Target == InsertionTargetKind.ExistingCollection
                    ? string.Format(CultureInfo.InvariantCulture, CodeFixTitles.AddToExistingCollectionFormat, insertion.ExistingCollection!.Name)
                    : CodeFixTitles.AddNewCollection;
                var single = new FixPlan(new[] { insertion }, plan.NotFixable);
                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        async cancellationToken => await writer.ApplyAsync(single, cancellationToken).ConfigureAwait(false) ?? document,
                        insertion.Target == InsertionTargetKind.ExistingCollection ? AppendKey : NewCollectionKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var analysis = await CSharpFixAnalysis.CreateAsync(document.Project, context.CancellationToken).ConfigureAwait(false);
        var writer = await CSharpFixWriter.CreateAsync(document, context.CancellationToken).ConfigureAwait(false);
        if (analysis is null || writer is null)
        {
            return null;
        }

        var findings = analysis.FindingsFor(diagnostics);
        IFixTargets targets = context.CodeActionEquivalenceKey == NewCollectionKey ? new NewCollectionsOnly(writer) : writer;
        var plan = FixPlanner.Plan(findings, analysis.Inputs.Model, analysis.Inputs.Settings, analysis.Inputs.Catalog, targets);
        return await writer.ApplyAsync(plan, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>The writer's targets without existing collections: the planner then proposes a new collection.</summary>
    private sealed class NewCollectionsOnly : IFixTargets
    {
        private readonly IFixTargets _inner;

        public NewCollectionsOnly(IFixTargets inner)
        {
            _inner = inner;
        }

        public bool CanAppendRules(RuleCollection collection) => false;

        public bool CanAddClassicCollection(AzureFirewallResource firewall, RuleCollectionKind kind) => _inner.CanAddClassicCollection(firewall, kind);

        public bool CanAddPolicyCollection(RuleCollectionGroupResource group) => _inner.CanAddPolicyCollection(group);

        public bool CanAddGroup(FirewallPolicyResource policy) => _inner.CanAddGroup(policy);
    }
}
