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
    private const string HubWithAnEmptyFirstCollection = """
        using System.Threading.Tasks;
        using Azure;
        using Azure.Core;
        using Azure.ResourceManager.Network;
        using Azure.ResourceManager.Network.Models;
        using Azure.ResourceManager.Resources;

        public static class Hub
        {
            public static Task Deploy(ResourceGroupResource rg) => rg.GetAzureFirewalls().CreateOrUpdateAsync(WaitUntil.Completed, "fw-hub", new AzureFirewallData
            {
                Location = AzureLocation.WestEurope,
                ApplicationRuleCollections =
                {
                    ,
                    new AzureFirewallApplicationRuleCollectionData
                    {
                        Name = "aks-core",
                        Priority = 200,
                        ActionType = AzureFirewallRCActionType.Allow,
                        Rules =
                        {
                            new AzureFirewallApplicationRule
                            {
                                Name = "images",
                                SourceAddresses = { "*" },
                                Protocols = { new AzureFirewallApplicationRuleProtocol { ProtocolType = AzureFirewallApplicationRuleProtocolType.Https, Port = 443 } },
                                TargetFqdns = { "mcr.microsoft.com" },
                            },
                        },
                    },
                },
            });
        }
        """;

    [Fact]
    public async Task EveryFixOffered_ForAListWhoseFirstElementIsMissing_AppliesWithoutThrowing_AndLeavesTheBrokenFileAlone()
    {
        using var runner = new CSharpCodeFixRunner(new[] { ("/src/Cluster.cs", Cluster()), (HubPath, HubWithAnEmptyFirstCollection) });
        var missing = (await AnalyzeAllowingCompileErrorsAsync((await runner.Project.GetCompilationAsync())!, runner.Project.AnalyzerOptions)).Where(d => d.Id == "EGR1001").ToList();
        Assert.NotEmpty(missing);

        var actions = await runner.ActionsForAsync(missing[0]);

        // The fuzzer's crash: the writer read the list's indentation from the first token of the missing element, and
        // without zero-width tokens that element has none. The writer then keeps its rule for files with syntax errors:
        // whatever it wrote, it leaves the file as it was.
        Assert.NotEmpty(actions);
        foreach (var action in actions)
        {
            var operations = await action.GetOperationsAsync(CancellationToken.None);
            var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetProject(runner.Project.Id)!;
            var text = await changed.Documents.Single(d => d.FilePath == HubPath).GetTextAsync();
            Assert.Equal(HubWithAnEmptyFirstCollection, text.ToString());
        }
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
