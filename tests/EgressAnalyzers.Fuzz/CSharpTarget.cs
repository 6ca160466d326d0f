using System.Collections.Immutable;
using EgressAnalyzers.CodeFixes.CSharp;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace EgressAnalyzers.Fuzz;

/// <summary>
/// <c>--csharp</c>: one fuzz input is one C# file of a project that also holds a fixed UDR cluster (so that firewall
/// coverage runs) and binds to the tests' SDK stubs. The analyzer runs over the project's compilation, then the C# code
/// fix is applied to each place that has EGR1001/EGR1002. Compile errors are expected (the input is mutated code);
/// crashes are an analyzer exception (or AD0001), a diagnostic located outside its file, a fix that throws, and a fix
/// that breaks the syntax of a file that parsed cleanly.
/// </summary>
internal sealed class CSharpTarget
{
    private const string InputPath = "/fuzz/Hub.cs";
    private const string ClusterPath = "/fuzz/Cluster.cs";

    /// <summary>A Pulumi Azure Native cluster in westeurope whose egress goes through a firewall (userDefinedRouting).</summary>
    private const string Cluster = """
        using Pulumi;
        using Pulumi.AzureNative.ContainerService;
        using Pulumi.AzureNative.ContainerService.Inputs;

        public static class ClusterStack
        {
            public static ManagedCluster Create() => new ManagedCluster("aks", new ManagedClusterArgs
            {
                ResourceGroupName = "rg",
                Location = "westeurope",
                DnsPrefix = "aks",
                AgentPoolProfiles = { new ManagedClusterAgentPoolProfileArgs { Name = "system", VmSize = "Standard_D4ds_v5", OsType = "Linux" } },
                NetworkProfile = new ContainerServiceNetworkProfileArgs { OutboundType = "userDefinedRouting" },
            });
        }
        """;

    /// <summary>Framework assemblies the stubs and the seeds use; the running runtime's own files serve as references.</summary>
    private static readonly string[] FrameworkAssemblies =
    {
        "System.Private.CoreLib", "System.Runtime", "netstandard", "System.Collections", "System.Collections.Immutable",
        "System.Linq", "System.Threading", "System.Threading.Tasks", "System.Console",
    };

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private readonly bool _applyFixes;

    // Our instrumented code must not run before SharpFuzz has set up the coverage map (the process would die before
    // AFL++ sends the first input), so the analyzer and the fix provider are created by the first input.
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private CSharpEgressCodeFixProvider? _fixProvider;

    // Built once: an input only replaces the text of one document, so the workspace reuses the bound references
    // (framework and stubs) and the cluster's syntax tree from one compilation to the next.
    private readonly AdhocWorkspace _workspace = new();
    private readonly Project _project;
    private readonly DocumentId _inputId;

    public CSharpTarget(bool applyFixes)
    {
        _applyFixes = applyFixes;
        var references = FrameworkReferences();
        references = references.Add(CompileStubs(references));
        var projectId = ProjectId.CreateNewId();
        _inputId = DocumentId.CreateNewId(projectId);
        var solution = _workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Infra", "Infra", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: ParseOptions,
                metadataReferences: references))
            .AddDocument(DocumentId.CreateNewId(projectId), "Cluster.cs", SourceText.From(Cluster), filePath: ClusterPath)
            .AddDocument(_inputId, "Hub.cs", SourceText.From(string.Empty), filePath: InputPath);
        _project = solution.GetProject(projectId)!;
        // Compiled once here, so that each input's compilation is derived from this one (one tree replaced).
        _ = _project.GetCompilationAsync().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Analyzes (and fixes) one input. Replays get a summary (the analyzer's diagnostic IDs and the compile errors, all
    /// of them with EGRESS_FUZZ_VERBOSE=1); the fuzzing loop does not pay for the compiler's own diagnostics.
    /// </summary>
    public string Run(string text, bool describe)
    {
        if (_analyzers.IsDefault)
        {
            _analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new EgressCoverageAnalyzer());
            _fixProvider = new CSharpEgressCodeFixProvider();
        }

        var project = _project.Solution.WithDocumentText(_inputId, SourceText.From(text)).GetProject(_project.Id)!;
        var compilation = project.GetCompilationAsync().GetAwaiter().GetResult()!;
        var diagnostics = Analyze(compilation);
        var fixes = _applyFixes ? ApplyFixes(project, diagnostics) : 0;

        if (!describe)
        {
            return string.Empty;
        }

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
        if (Environment.GetEnvironmentVariable("EGRESS_FUZZ_VERBOSE") == "1")
        {
            Console.WriteLine(string.Join("\n", diagnostics.Concat(errors)));
        }

        return $"{Summary(diagnostics)}; fixes applied: {fixes}; compile errors: {Summary(errors)}";
    }

    private static string Summary(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(", ", diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}"));

    private ImmutableArray<Diagnostic> Analyze(Compilation compilation)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var diagnostics = compilation.WithAnalyzers(_analyzers, options).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        if (exceptions.Count > 0)
        {
            throw new InvalidOperationException("the analyzer threw", exceptions[0]);
        }

        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Id == "AD0001")
            {
                throw new InvalidOperationException("AD0001: " + diagnostic.GetMessage());
            }

            if (diagnostic.Location.SourceTree is { } tree && diagnostic.Location.SourceSpan.End > tree.Length)
            {
                throw new InvalidOperationException($"{diagnostic.Id} at {diagnostic.Location.SourceSpan} outside {tree.FilePath} ({tree.Length} characters)");
            }
        }

        return diagnostics;
    }

    /// <summary>
    /// The first action offered at each place with fixable diagnostics (one context per place: a context's diagnostics
    /// share a span, and the provider re-reads the project once per context).
    /// </summary>
    private int ApplyFixes(Project project, ImmutableArray<Diagnostic> diagnostics)
    {
        var applied = 0;
        var fixProvider = _fixProvider!;
        var places = diagnostics
            .Where(d => fixProvider.FixableDiagnosticIds.Contains(d.Id) && d.Location.IsInSource)
            .GroupBy(d => (d.Location.SourceTree!.FilePath, d.Location.SourceSpan));
        foreach (var place in places)
        {
            var document = project.GetDocument(place.First().Location.SourceTree!);
            if (document is null)
            {
                continue;
            }

            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, place.Key.SourceSpan, place.ToImmutableArray(), (action, _) => actions.Add(action), CancellationToken.None);
            fixProvider.RegisterCodeFixesAsync(context).GetAwaiter().GetResult();
            if (actions.Count == 0)
            {
                continue;
            }

            var operations = actions[0].GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult();
            foreach (var changed in operations.OfType<ApplyChangesOperation>().Select(o => o.ChangedSolution.GetDocument(document.Id)))
            {
                CheckStillParses(document, changed);
                applied++;
            }
        }

        return applied;
    }

    private static void CheckStillParses(Document original, Document? changed)
    {
        var before = original.GetSyntaxTreeAsync().GetAwaiter().GetResult()!;
        if (changed is null || before.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return;
        }

        var after = changed.GetSyntaxTreeAsync().GetAwaiter().GetResult()!;
        var error = after.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (error is not null)
        {
            throw new InvalidOperationException($"the fix broke the syntax of {original.FilePath}: {error}\n{after}");
        }
    }

    private static ImmutableArray<MetadataReference> FrameworkReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform
            .Where(p => FrameworkAssemblies.Contains(Path.GetFileNameWithoutExtension(p), StringComparer.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    /// <summary>The SDK stubs (embedded from tests/EgressAnalyzers.Tests/Stubs) as an in-memory assembly, as the tests build them.</summary>
    private static MetadataReference CompileStubs(ImmutableArray<MetadataReference> framework)
    {
        var assembly = typeof(CSharpTarget).Assembly;
        var trees = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Stubs/", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return CSharpSyntaxTree.ParseText(reader.ReadToEnd(), ParseOptions, n);
            })
            .ToList();
        var compilation = CSharpCompilation.Create(
            "SdkStubs",
            trees,
            framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (trees.Count == 0 || !result.Success)
        {
            throw new InvalidOperationException("SDK stubs missing or not compiling:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
