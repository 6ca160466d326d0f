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
        return findings
            .OrderBy(f => f.Location.FilePath ?? string.Empty, System.StringComparer.Ordinal)
            .ThenBy(f => f.Location.Start)
            .ThenBy(f => f.Rule.Id, System.StringComparer.Ordinal)
            .ThenBy(f => f.Message, System.StringComparer.Ordinal)
            .ToList();
    }
}
