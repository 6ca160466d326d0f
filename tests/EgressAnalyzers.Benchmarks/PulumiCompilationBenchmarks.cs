using System.Collections.Immutable;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EgressAnalyzers.Benchmarks;

/// <summary>
/// A compilation of 500 generated C# files of Pulumi Azure Native code (firewall rule collections, policies, clusters,
/// resource groups, helper methods), compiled with and without <see cref="EgressCoverageAnalyzer"/>. The ratio of the
/// two is what the analyzer adds to a build. Each invocation builds a fresh compilation from the parsed trees, so no
/// binding is reused between runs.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class PulumiCompilationBenchmarks
{
    private const int FileCount = 500;

    private ImmutableArray<SyntaxTree> _trees;
    private ImmutableArray<MetadataReference> _references;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;

    [GlobalSetup]
    public void Setup()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
        _references = framework.Add(CompileStubs(framework));
        _trees = Enumerable.Range(0, FileCount)
            .Select(i => CSharpSyntaxTree.ParseText(GeneratedFile(i), new CSharpParseOptions(LanguageVersion.Latest), $"/src/Stack{i:D3}.cs"))
            .ToImmutableArray();
        _analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new EgressCoverageAnalyzer());

        var errors = NewCompilation().GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Generated code does not compile: " + errors[0]);
        }
    }

    [Benchmark(Baseline = true, Description = "compile (500 files)")]
    public int CompileWithoutAnalyzer() => NewCompilation().GetDiagnostics().Length;

    /// <summary>
    /// The analyzer driver's own cost: an analyzer that registers what ours registers (object-creation operations,
    /// compilation end) and does nothing. A real build always pays this for the SDK's built-in analyzers; the
    /// difference to the next benchmark is what EgressAnalyzers itself adds.
    /// </summary>
    [Benchmark(Description = "compile + an idle analyzer (driver only)")]
    public int CompileWithIdleAnalyzer()
    {
        var withAnalyzers = NewCompilation().WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new IdleAnalyzer()), new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty));
        return withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult().Length;
    }

    [Benchmark(Description = "compile + EgressAnalyzers (500 files)")]
    public int CompileWithAnalyzer()
    {
        var withAnalyzers = NewCompilation().WithAnalyzers(_analyzers, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty));
        return withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult().Length;
    }

    private CSharpCompilation NewCompilation() =>
        CSharpCompilation.Create("Infra", _trees, _references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static MetadataReference CompileStubs(ImmutableArray<MetadataReference> framework)
    {
        var assembly = typeof(PulumiCompilationBenchmarks).Assembly;
        var trees = assembly.GetManifestResourceNames().Where(n => n.StartsWith("Stubs/", StringComparison.Ordinal)).Select(n =>
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
            return CSharpSyntaxTree.ParseText(reader.ReadToEnd(), new CSharpParseOptions(LanguageVersion.Latest), n);
        });
        var compilation = CSharpCompilation.Create("SdkStubs", trees, framework, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException("Stubs do not compile: " + result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error));
        }

        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    /// <summary>One file of a platform team's stack: every tenth file a firewall with rules, one a cluster, the rest other resources.</summary>
    private static string GeneratedFile(int index)
    {
        var code = new StringBuilder();
        code.AppendLine("using System.Collections.Generic;");
        code.AppendLine("using Pulumi;");
        code.AppendLine("using Pulumi.AzureNative.Network;");
        code.AppendLine("using Pulumi.AzureNative.Network.Inputs;");
        code.AppendLine("using Pulumi.AzureNative.ContainerService;");
        code.AppendLine("using Pulumi.AzureNative.ContainerService.Inputs;");
        code.AppendLine("using Pulumi.AzureNative.Resources;");
        code.AppendLine();
        code.AppendLine($"public static class Stack{index:D3}");
        code.AppendLine("{");
        code.AppendLine($"    private const string Region = \"westeurope\";");
        code.AppendLine($"    private static readonly string[] Fqdns = {{ \"app{index}.contoso.com\", \"api{index}.contoso.com\" }};");
        code.AppendLine();
        code.AppendLine("    public static void Create()");
        code.AppendLine("    {");
        code.AppendLine($"        var rg = new ResourceGroup(\"rg-{index}\", new ResourceGroupArgs {{ Location = Region, Tags = {{ {{ \"team\", \"platform\" }}, {{ \"index\", \"{index}\" }} }} }});");
        for (var r = 0; r < 5; r++)
        {
            code.AppendLine($"        var helper{r} = Describe(\"item-{index}-{r}\", {r});");
        }

        if (index % 10 == 0)
        {
            code.AppendLine($"        _ = new AzureFirewall(\"fw-{index}\", new AzureFirewallArgs");
            code.AppendLine("        {");
            code.AppendLine("            ResourceGroupName = rg.Name,");
            code.AppendLine("            ApplicationRuleCollections =");
            code.AppendLine("            {");
            for (var c = 0; c < 3; c++)
            {
                code.AppendLine($"                new AzureFirewallApplicationRuleCollectionArgs {{ Name = \"c{c}\", Priority = {200 + c}, Action = new AzureFirewallRCActionArgs {{ Type = AzureFirewallRCActionType.Allow }},");
                code.AppendLine($"                    Rules = {{ new AzureFirewallApplicationRuleArgs {{ Name = \"r{c}\", SourceAddresses = {{ \"10.{index % 250}.0.0/16\" }}, Protocols = {{ new AzureFirewallApplicationRuleProtocolArgs {{ ProtocolType = \"Https\", Port = 443 }} }}, TargetFqdns = Fqdns }} }} }},");
            }

            code.AppendLine("            },");
            code.AppendLine("        });");
        }

        if (index == 7)
        {
            code.AppendLine("        _ = new ManagedCluster(\"aks\", new ManagedClusterArgs { ResourceGroupName = rg.Name, Location = Region, AgentPoolProfiles = { new ManagedClusterAgentPoolProfileArgs { Name = \"system\", VmSize = \"Standard_D4ds_v5\" } }, NetworkProfile = new ContainerServiceNetworkProfileArgs { OutboundType = OutboundType.UserDefinedRouting } });");
        }

        code.AppendLine("    }");
        code.AppendLine();
        code.AppendLine("    private static Dictionary<string, string> Describe(string name, int level)");
        code.AppendLine("    {");
        code.AppendLine("        var result = new Dictionary<string, string> { [\"name\"] = name, [\"level\"] = level.ToString(System.Globalization.CultureInfo.InvariantCulture) };");
        code.AppendLine("        for (var i = 0; i < level; i++) { result[$\"k{i}\"] = $\"{name}-{i}\"; }");
        code.AppendLine("        return result;");
        code.AppendLine("    }");
        code.AppendLine("}");
        return code.ToString();
    }
}

/// <summary>Registers the same kinds of actions as <see cref="EgressCoverageAnalyzer"/> and does no work in them.</summary>
// Benchmark-only: never shipped or loaded by a compiler, so the analyzer-packaging rules do not apply.
#pragma warning disable RS1036, RS1041, RS2008
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class IdleAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("IDLE0001", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            start.RegisterOperationAction(_ => { }, OperationKind.ObjectCreation);
            start.RegisterCompilationEndAction(_ => { });
        });
    }
}
#pragma warning restore RS1036, RS1041, RS2008
