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
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
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
