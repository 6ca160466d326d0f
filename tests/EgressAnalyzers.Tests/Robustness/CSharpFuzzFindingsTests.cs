using System.Collections.Immutable;
using EgressAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.Diagnostics;
using static EgressAnalyzers.Tests.Verifiers.PulumiFixtures;

namespace EgressAnalyzers.Tests.Robustness;

/// <summary>
/// Inputs found by the coverage-guided fuzzer's C# mode (tests/EgressAnalyzers.Fuzz, <c>run.sh … csharp</c>), reduced
/// by hand to the construct that failed: code being typed, so compile errors are expected; the analyzer and the code
/// fix must still neither throw nor write outside the code they were given.
/// </summary>
public class CSharpFuzzFindingsTests
{
    private const string HubPath = "/src/Hub.cs";

    /// <summary>An Azure SDK firewall whose collection list starts with an element not typed yet (<c>{ , new … }</c>).</summary>
    private static readonly string HubWithAnEmptyFirstCollection = CSharp.AzureResourceManagerReaderTests.InitializerFirewall("\"mcr.microsoft.com\"")
        .Replace("new AzureFirewallApplicationRuleCollectionData", ",\n            new AzureFirewallApplicationRuleCollectionData", StringComparison.Ordinal);

    [Fact]
    public async Task AListWhoseFirstElementIsMissing_HasAnUnknownCollection_SoTheCollectionAfterItStillCounts()
    {
        var missing = await AnalyzeAllowingCompileErrorsAsync(
            SdkStubs.CompileUserCode(("/src/Cluster.cs", Cluster()), (HubPath, HubWithAnEmptyFirstCollection)),
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty));

        // The fuzzer's crash was in the fix writer, which read the list's indentation from the first token of the missing
        // element (it now reads it by position). Behind it: the list was read as an object, hence empty, so every endpoint
        // was reported missing, mcr.microsoft.com included, which the collection after the gap allows. The element that
        // does not bind is now an unknown collection (it could be a Deny processed first): coverage cannot be proven, and
        // nothing is reported missing, so no fix runs on the broken file.
        Assert.DoesNotContain(missing, d => d.Id is "EGR1001" or "EGR1002");
        Assert.Contains(missing, d => d.Id == "EGR1006" && d.GetMessage().Contains("because (code not written yet) could not be resolved", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MethodGroupBesideACandidateResource_InABrokenArray_IsNotRead_AndDoesNotThrow()
    {
        // afl-tmin's reduction of the fuzzer's input: Roslyn 4.8 throws its "unreachable" InvalidOperationException
        // (FunctionTypeSymbol) building the operation of the object creation the resource filter picked.
        const string Typed = "s Https(new[0Https new FirewallPolicyRuleCollectionGroup";

        // Not CSharpAnalysisRunner: the compiler's own message for this input throws the same exception when formatted.
        var compilation = SdkStubs.CompileUserCode(OutputKind.ConsoleApplication, ("/src/Program.cs", Typed), ("/src/Cluster.cs", Cluster()));
        var diagnostics = await AnalyzeAllowingCompileErrorsAsync(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty));

        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("AD", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClassWithoutANameDerivingFromAResource_DoesNotHangTheResourceFilter()
    {
        // Reduced from the fuzzer's first C# hang (a component seed spliced into itself): a class whose name is not
        // typed yet, deriving from a resource type, entered the filter's subclass names as "", and searching the text
        // for "" never moved on. The bound turns a hang back into a failure.
        const string Typed = Usings + "public class : FirewallPolicy { }\npublic static class Stack { public static void Create() => _ = new FirewallPolicy(\"p\", new FirewallPolicyArgs { ResourceGroupName = \"rg\" }); }";

        var compilation = SdkStubs.CompileUserCode(("/src/Cluster.cs", Cluster()), (HubPath, Typed));
        var diagnostics = await AnalyzeAllowingCompileErrorsAsync(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("AD", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Id == "EGR1001");
    }

    [Fact]
    public async Task LambdaWithACandidateResource_WhoseNullabilityRewriteFails_IsNotRead_AndDoesNotThrow()
    {
        // afl-tmin's reduction of the last C# fuzzing run's crash: Roslyn 4.8 throws a NullReferenceException from its
        // nullability rewrite of this lambda while building the operation of the creation the resource filter picked.
        // The compiler's own diagnostics for the same code come back normally; only GetOperation fails.
        const string Typed = "[(()=>{firewall\"\"{}r firewall new AzureFirewall";

        var compilation = SdkStubs.CompileUserCode(OutputKind.ConsoleApplication, ("/src/Program.cs", Typed), ("/src/Cluster.cs", Cluster()));
        var diagnostics = await AnalyzeAllowingCompileErrorsAsync(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty));

        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("AD", StringComparison.Ordinal));
    }

    /// <summary>The analyzer over a compilation as it is (compile errors included); fails on analyzer exceptions.</summary>
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAllowingCompileErrorsAsync(Compilation compilation, AnalyzerOptions options)
    {
        var exceptions = new List<Exception>();
        var analyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new EgressCoverageAnalyzer()),
            new CompilationWithAnalyzersOptions(options, (e, _, _) => { lock (exceptions) { exceptions.Add(e); } }, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        var diagnostics = await analyzers.GetAnalyzerDiagnosticsAsync();
        Assert.True(exceptions.Count == 0, string.Join("\n", exceptions));
        return diagnostics;
    }
}
