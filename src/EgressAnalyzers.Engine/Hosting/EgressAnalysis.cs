using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Coverage;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Topology;

namespace EgressAnalyzers.Engine.Hosting;

/// <summary>
/// The one call every host makes (Roslyn analyzer, MSBuild task, tests): the readers' results (and resources from
/// other front ends such as C#) go in, every finding comes out in a stable order. Hosts only translate findings.
/// </summary>
public static class EgressAnalysis
{
    public static IReadOnlyList<Finding> Analyze(
        IEnumerable<TemplateReadResult> readResults,
        IEnumerable<ModelResource> otherResources,
        EgressSettings settings,
        RequirementCatalog catalog,
        CancellationToken cancellationToken = default)
    {
        var results = readResults.Where(r => r.IsTemplate).ToList();
        var model = new InfrastructureModel(results.SelectMany(r => r.Resources).Concat(otherResources));
        var findings = results.SelectMany(r => r.Diagnostics)
            .Concat(EgressEngine.Analyze(model, settings, catalog, cancellationToken))
            .Concat(TopologyChecks.Analyze(model, cancellationToken));
        var lineSuppressions = results.SelectMany(r => r.LineSuppressions).ToList();
        return findings
            .Select(f => lineSuppressions.Count == 0 || f.SuppressedBy is not null ? f : Suppress(f, lineSuppressions))
            .OrderBy(f => f.Location.FilePath ?? string.Empty, System.StringComparer.Ordinal)
            .ThenBy(f => f.Location.Start)
            .ThenBy(f => f.Rule.Id, System.StringComparer.Ordinal)
            .ThenBy(f => f.Message, System.StringComparer.Ordinal)
            .ToList();
    }

    private static Finding Suppress(Finding finding, List<Suppression> suppressions)
    {
        foreach (var suppression in suppressions)
        {
            if (string.Equals(suppression.RuleId, finding.Rule.Id, System.StringComparison.OrdinalIgnoreCase)
                && string.Equals(suppression.Span.FilePath, finding.Location.FilePath, System.StringComparison.Ordinal)
                && finding.Location.Start >= suppression.Span.Start && finding.Location.Start <= suppression.Span.End)
            {
                return finding.WithSuppression(suppression);
            }
        }

        return finding;
    }
}
