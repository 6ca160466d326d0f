using EgressAnalyzers.Engine.Bicep;
using EgressAnalyzers.Tests.Fixes;

namespace EgressAnalyzers.Tests.Bicep;

/// <summary>The template code fix on a .bicep AdditionalFile, through Roslyn: FixAll writes Bicep and re-analysis is clean.</summary>
public class BicepCodeFixTests
{
    private const string HubPath = "/repo/infra/hub.bicep";
    private const string ClusterPath = "/repo/infra/cluster.bicep";

    [Fact]
    public async Task FixAll_InABicepHub_WritesBicepRules_AndLeavesNoMissingEgress()
    {
        var hub = BicepFixtures.ClassicHub("'aks-core'", BicepFixtures.CoreFqdnsExcept("login.microsoftonline.com", "*.hcp.westeurope.azmk8s.io"));
        using var harness = new AdditionalFileFixHarness(new[] { (HubPath, hub), (ClusterPath, BicepFixtures.Cluster) });
        var before = (await AdditionalFileFixHarness.AnalyzeAsync(harness.Project)).Where(AdditionalFileFixHarness.IsMissing).ToList();
        Assert.Equal(2, before.Count);

        await harness.ApplyFixAllAsync();

        var after = (await AdditionalFileFixHarness.AnalyzeAsync(harness.Project)).Where(AdditionalFileFixHarness.IsMissing).ToList();
        Assert.Empty(after);
        var fixedHub = harness.TextOf(HubPath);
        Assert.Empty(BicepParser.Parse(fixedHub).Errors);
        Assert.Contains("'login.microsoftonline.com'", fixedHub, StringComparison.Ordinal);
        // The cluster (and its location parameter) is in another file: the hub's own `location` may differ, so the
        // region is written as a literal rather than interpolated.
        Assert.Contains("'*.hcp.westeurope.azmk8s.io'", fixedHub, StringComparison.Ordinal);
    }
}
