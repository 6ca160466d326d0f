using System.Collections.Immutable;
using EgressAnalyzers.CSharp;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EgressAnalyzers;

/// <summary>
/// Checks the Azure Firewall rules written in the compilation's AdditionalFiles (ARM JSON templates, Bicep files and their
/// parameters files) against what AKS clusters need. All the logic is in the engine; this class only wires Roslyn:
/// one <see cref="EgressCompilationContext"/> per compilation, one report per additional file.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EgressCoverageAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => EgressDescriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code is read (a rule collection group emitted by a generator still covers a hand-written policy), and
        // findings located in it are dropped by GeneratedCodeLocations. Left to the driver (flag None), every finding
        // reported at compilation end made it compute the generated-code symbols of the finding's whole tree — 2% of the
        // compile time of the 500-file benchmark — and resources created in generated files were never seen at all.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(static start =>
        {
            // Symbols once per compilation; projects that reference no infrastructure SDK pay nothing for C# analysis.
            var symbols = CSharpSdkSymbols.Resolve(start.Compilation);
            if (!symbols.IsEmpty)
            {
                // Per tree, not per operation: an operation action makes the driver build operation trees for every
                // method body of the project; the syntactic filter binds only the creations that may be resources.
                var resourceFilter = CSharpResourceSyntaxFilter.Create(start.Compilation, start.CancellationToken);
                var codeContext = new EgressCompilationContext(start.Options, symbols, resourceFilter, start.CancellationToken);
                start.RegisterSemanticModelAction(codeContext.CollectResources);
                start.RegisterCompilationEndAction(codeContext.ReportAllFindings);
                return;
            }

            if (start.Options.AdditionalFiles.IsDefaultOrEmpty)
            {
                return;
            }

            var compilationContext = new EgressCompilationContext(start.Options);
            start.RegisterAdditionalFileAction(compilationContext.ReportFindingsInFile);
            start.RegisterCompilationEndAction(compilationContext.ReportCompilationWideFindings);
        });
    }
}
