using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EgressAnalyzers.CSharp;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Fixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace EgressAnalyzers.CodeFixes.CSharp;

/// <summary>
/// The analysis a C# fix works from: the analyzer's reading of every resource in the project's code and
/// AdditionalFiles, redone here (a fix needs the model, which diagnostics do not carry) with the same readers.
/// </summary>
internal sealed class CSharpFixAnalysis
{
    private CSharpFixAnalysis(CompilationInputs inputs)
    {
        Inputs = inputs;
    }

    public CompilationInputs Inputs { get; }

    public static async Task<CSharpFixAnalysis?> CreateAsync(Project project, CancellationToken cancellationToken)
    {
        var resources = await CodeResourcesAsync(project, cancellationToken).ConfigureAwait(false);
        return resources is null ? null : new CSharpFixAnalysis(CompilationInputs.Analyze(project.AnalyzerOptions, resources, cancellationToken));
    }

    /// <summary>
    /// The resources the analyzer reads from the project's C# code; null when the project references no infrastructure
    /// SDK. Any fix that re-runs the analysis (the template fix too) needs them to see the findings the analyzer reported.
    /// </summary>
    public static async Task<IReadOnlyList<Engine.Model.ModelResource>?> CodeResourcesAsync(Project project, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (compilation is null)
        {
            return null;
        }

        var symbols = CSharpSdkSymbols.Resolve(compilation);
        if (symbols.IsEmpty)
        {
            return null;
        }

        var config = PulumiStackConfig.Read(project.AnalyzerOptions.AdditionalFiles, cancellationToken);
        var resources = new List<Engine.Model.ModelResource>();
        // The analyzer's own filter, so that the fix sees exactly the resources the analyzer saw.
        var resourceFilter = CSharpResourceSyntaxFilter.Create(compilation, cancellationToken);
        var models = new SemanticModelCache(compilation);
        foreach (var tree in compilation.SyntaxTrees)
        {
            foreach (var node in resourceFilter.Candidates(tree, cancellationToken))
            {
                if (CSharpResourceCollector.ReadCandidate(node, models.For(tree), symbols, config, models, cancellationToken) is { } resource)
                {
                    resources.Add(resource);
                }
            }
        }

        return resources;
    }

    /// <summary>The fixable findings the analyzer reported as <paramref name="diagnostics"/> (matched by place and message).</summary>
    public IReadOnlyList<Finding> FindingsFor(IEnumerable<Diagnostic> diagnostics)
    {
        var result = new List<Finding>();
        foreach (var diagnostic in diagnostics)
        {
            var path = diagnostic.Location.SourceTree?.FilePath;
            var span = diagnostic.Location.SourceSpan;
            var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            var match = Inputs.Findings.FirstOrDefault(f => FixPlanner.IsFixable(f)
                && f.Rule.Id == diagnostic.Id
                && f.Location.FilePath == path
                && f.Location.Start == span.Start
                && f.Location.Length == span.Length
                && f.Message == message);
            if (match is not null && !result.Contains(match))
            {
                result.Add(match);
            }
        }

        return result;
    }
}
