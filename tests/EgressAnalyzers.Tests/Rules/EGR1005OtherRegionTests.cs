using EgressAnalyzers.Tests.Verifiers;
using static EgressAnalyzers.Tests.Verifiers.ArmFixtures;

namespace EgressAnalyzers.Tests.Rules;

public class EGR1005OtherRegionTests
{
    [Fact]
    public async Task ApiServerFqdnForAnotherRegion_IsReportedAtTheValue_AndTheClusterRegionIsStillMissing()
    {
        var fqdns = CoreFqdnsExcept("*.hcp.westeurope.azmk8s.io") + ", {|#1:\"*.hcp.eastus.azmk8s.io\"|}";
        var test = new EgressAnalyzerTest();
        test.DisabledDiagnostics.Add("EGR1003");
        await test
            .WithTemplate("cluster.json", Cluster())
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("{|#0:\"aks-core\"|}", 200, "Allow", HttpsRule(fqdns))))
            .Expect(
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1001_RequiredApplicationEgressNotAllowed, 0)
                    .WithArguments("Azure Firewall 'fw-hub'", "'*.hcp.westeurope.azmk8s.io'", "Https:443", "node-to-API-server traffic (konnectivity)"),
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1005_LocationSpecificEndpointForOtherRegion, 1)
                    .WithArguments("*.hcp.eastus.azmk8s.io", "eastus", "aks", "westeurope"))
            .RunAsync();
    }
}
