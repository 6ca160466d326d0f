using System.Collections.Immutable;
using EgressAnalyzers.CodeFixes.Templates;
using EgressAnalyzers.Engine.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace EgressAnalyzers.Tests.Fixes;

/// <summary>
/// Microsoft.CodeAnalysis.Testing cannot run fixes inside AdditionalFiles, so this harness does it by hand: a workspace
/// project with the templates as additional documents, the real analyzer through <see cref="CompilationWithAnalyzers"/>,
/// a <see cref="CodeFixContext"/> over the <see cref="TextDocument"/>, and the code action's operations applied.
/// </summary>
internal sealed class AdditionalFileFixHarness : IDisposable
{
    private readonly AdhocWorkspace _workspace = new();

    public AdditionalFileFixHarness(IEnumerable<(string Path, string Text)> files, IReadOnlyDictionary<string, string>? globalConfig = null)
    {
        var projectId = ProjectId.CreateNewId();
        var solution = _workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Create(),
                "Infra",
                "Infra",
                LanguageNames.CSharp,
                filePath: "/repo/Infra.csproj",
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                metadataReferences: new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) }))
            .AddDocument(DocumentId.CreateNewId(projectId), "Placeholder.cs", "internal static class Placeholder { }", filePath: "/repo/Placeholder.cs");
        foreach (var (path, text) in files)
        {
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(path), SourceText.From(text), filePath: path);
        }

        if (globalConfig is not null)
        {
            var lines = new[] { "is_global = true" }.Concat(globalConfig.Select(p => $"{p.Key} = {p.Value}"));
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".globalconfig", SourceText.From(string.Join("\n", lines)), filePath: "/repo/.globalconfig");
        }

        Solution = solution;
        ProjectId = projectId;
    }

    public Solution Solution { get; private set; }

    public ProjectId ProjectId { get; }

    public Project Project => Solution.GetProject(ProjectId)!;

    public TemplateEgressCodeFixProvider Provider { get; } = new();

    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var exceptions = new List<Exception>();
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new EgressCoverageAnalyzer()),
            new CompilationWithAnalyzersOptions(project.AnalyzerOptions, (e, _, _) => exceptions.Add(e), concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);
        return diagnostics;
    }

    public static bool IsMissing(Diagnostic diagnostic) => diagnostic.Id is EgressRuleIds.EGR1001 or EgressRuleIds.EGR1002;

    public TextDocument DocumentOf(Diagnostic diagnostic) =>
        Project.AdditionalDocuments.Single(d => d.FilePath == diagnostic.Location.GetLineSpan().Path);

    /// <summary>Registers the fixes for one diagnostic through a <see cref="CodeFixContext"/> on its additional document, applies the single one.</summary>
    public async Task<Solution> ApplyFixAsync(Diagnostic diagnostic)
    {
        var action = Assert.Single(await GetActionsAsync(diagnostic));
        return Solution = await ApplyAsync(action);
    }

    /// <summary>The code actions the provider registers for one diagnostic on its additional document.</summary>
    public async Task<IReadOnlyList<CodeAction>> GetActionsAsync(Diagnostic diagnostic)
    {
        var document = DocumentOf(diagnostic);
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await Provider.RegisterCodeFixesAsync(context);
        return actions;
    }

    /// <summary>Runs the provider's FixAll over the project with the analyzer's diagnostics, applies the result.</summary>
    public async Task<Solution> ApplyFixAllAsync(FixAllScope scope = FixAllScope.Project)
    {
        var fixAll = Provider.GetFixAllProvider()!;
        var context = new FixAllContext(
            Project,
            Provider,
            scope,
            CodeFixes.CodeFixTitles.TemplateEquivalenceKey,
            Provider.FixableDiagnosticIds,
            new AnalyzerDiagnostics(),
            CancellationToken.None);
        var action = await fixAll.GetFixAsync(context);
        Assert.NotNull(action);
        return Solution = await ApplyAsync(action!);
    }

    public string TextOf(string path) => Project.AdditionalDocuments.Single(d => d.FilePath == path).GetTextAsync().Result.ToString();

    private async Task<Solution> ApplyAsync(CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = Assert.Single(operations.OfType<ApplyChangesOperation>());
        return apply.ChangedSolution;
    }

    public void Dispose() => _workspace.Dispose();

    private sealed class AnalyzerDiagnostics : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await AnalyzeAsync(project);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await AnalyzeAsync(project);
    }
}
