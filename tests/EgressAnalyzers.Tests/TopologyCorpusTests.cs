using EgressAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace EgressAnalyzers.Tests;

/// <summary>The topology rules through the Roslyn analyzer over real hub/spoke/cluster templates in ../shared/corpus.</summary>
public class TopologyCorpusTests
{
    private static async Task<IReadOnlyList<Diagnostic>> TopologyDiagnostics(params string[] files)
    {
        var corpus = Corpus.Require();
        var texts = files.Select(f => Path.Combine(corpus, f)).Select(p => (AdditionalText)new InMemoryAdditionalText(p, File.ReadAllText(p)));
        var result = await AnalyzerRunner.RunAsync(texts);
        Assert.Empty(result.AnalyzerExceptions);
        return result.Diagnostics.Where(d => d.Id.StartsWith("EGR3", StringComparison.Ordinal)).ToList();
    }

    [CorpusFact]
    public async Task AksBaseline_HubSpokeAndClusterStamp_UserDefinedRoutingThroughTheHubFirewall_IsSilent()
    {
        var diagnostics = await TopologyDiagnostics(
            "mspnp__aks-baseline/networking/spoke-BU0001A0008.json",
            "mspnp__aks-baseline/networking/hub-regionA.json",
            "mspnp__aks-baseline/cluster-stamp.json");

        Assert.Empty(diagnostics);
    }

    [CorpusFact]
    public async Task AksBaseline_SpokeAndClusterWithoutTheHub_NextHopFirewallNotVisible_IsInfoInTheSpoke()
    {
        var diagnostics = await TopologyDiagnostics(
            "mspnp__aks-baseline/networking/spoke-BU0001A0008.json",
            "mspnp__aks-baseline/cluster-stamp.json");

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("EGR3003", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.EndsWith("spoke-BU0001A0008.json", diagnostic.Location.GetLineSpan().Path, StringComparison.Ordinal);
    }
}
