using System.Collections.Immutable;
using EgressAnalyzers.CodeFixes.CSharp;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace EgressAnalyzers.Tests.Infrastructure;

/// <summary>
/// Drives <see cref="CSharpEgressCodeFixProvider"/> the way the IDE does, in an ad-hoc workspace whose project compiles
/// against the SDK stubs: analyze, offer actions for a diagnostic, apply one (or FixAll in the document), and give back
/// the changed project for the tests' own checks (compiles, re-analysis, rules kept).
/// </summary>
internal sealed class CSharpCodeFixRunner : IDisposable
{
    private readonly AdhocWorkspace _workspace = new();

    public CSharpCodeFixRunner(
        IEnumerable<(string Path, string Text)> sources,
        IEnumerable<(string Path, string Text)>? additionalFiles = null,
        string? globalConfig = null,
        OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
    {
        var projectId = ProjectId.CreateNewId();
        var solution = _workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Infra", "Infra", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: SdkStubs.FrameworkReferences.Add(SdkStubs.Reference)));
        foreach (var (path, text) in sources)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(path), SourceText.From(text), filePath: path);
        }

        foreach (var (path, text) in additionalFiles ?? Array.Empty<(string, string)>())
        {
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(path), SourceText.From(text), filePath: path);
        }

        if (globalConfig is not null)
        {
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".globalconfig", SourceText.From("is_global = true\n" + globalConfig), filePath: "/.globalconfig");
        }

        Assert.True(_workspace.TryApplyChanges(solution));
        Project = _workspace.CurrentSolution.GetProject(projectId)!;
    }

    public Project Project { get; private set; }

    public Document Document(string path) => Project.Documents.Single(d => d.FilePath == path);

    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var errors = SdkStubs.Errors(compilation);
        Assert.True(errors.Count == 0, "Does not compile against the stubs:\n" + string.Join("\n", errors) + "\n" + await TextsAsync(project));
        var exceptions = new List<Exception>();
        var analyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new EgressCoverageAnalyzer()),
            new CompilationWithAnalyzersOptions(project.AnalyzerOptions, (e, _, _) => { lock (exceptions) { exceptions.Add(e); } }, true, false));
        var diagnostics = await analyzers.GetAnalyzerDiagnosticsAsync();
        Assert.True(exceptions.Count == 0, string.Join("\n", exceptions));
        return diagnostics;
    }

    public async Task<IReadOnlyList<CodeAction>> ActionsForAsync(Diagnostic diagnostic)
    {
        var document = Project.GetDocument(diagnostic.Location.SourceTree!)!;
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new CSharpEgressCodeFixProvider().RegisterCodeFixesAsync(context);
        return actions;
    }

    public async Task ApplyAsync(CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = operations.OfType<ApplyChangesOperation>().Single();
        Project = apply.ChangedSolution.GetProject(Project.Id)!;
    }

    /// <summary>The text <paramref name="action"/> would leave in <paramref name="path"/>, without applying it.</summary>
    public async Task<string> TextAfterAsync(CodeAction action, string path, CancellationToken cancellationToken = default)
    {
        var operations = await action.GetOperationsAsync(cancellationToken);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetProject(Project.Id)!;
        return (await changed.Documents.Single(d => d.FilePath == path).GetTextAsync(cancellationToken)).ToString();
    }

    public async Task FixAllAsync(string documentPath, string equivalenceKey, ImmutableArray<Diagnostic> diagnostics)
    {
        var action = await FixAllActionAsync(documentPath, equivalenceKey, diagnostics);
        Assert.NotNull(action);
        await ApplyAsync(action!);
    }

    /// <summary>The FixAll action of the document for <paramref name="equivalenceKey"/>, without applying it.</summary>
    public async Task<CodeAction?> FixAllActionAsync(string documentPath, string equivalenceKey, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken = default)
    {
        var provider = new CSharpEgressCodeFixProvider();
        var context = new FixAllContext(Document(documentPath), provider, FixAllScope.Document, equivalenceKey, provider.FixableDiagnosticIds, new FixedDiagnostics(diagnostics), cancellationToken);
        return await provider.GetFixAllProvider()!.GetFixAsync(context);
    }

    public async Task<string> TextAsync(string path) => (await Document(path).GetTextAsync()).ToString();

    private static async Task<string> TextsAsync(Project project)
    {
        var texts = new List<string>();
        foreach (var document in project.Documents)
        {
            texts.Add("// " + document.FilePath + "\n" + (await document.GetTextAsync()));
        }

        return string.Join("\n", texts);
    }

    public void Dispose() => _workspace.Dispose();

    private sealed class FixedDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics)
        {
            _diagnostics = diagnostics;
        }

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(_diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());
    }
}
