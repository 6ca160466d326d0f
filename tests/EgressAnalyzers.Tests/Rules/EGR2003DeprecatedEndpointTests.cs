using EgressAnalyzers.Tests.Verifiers;
using static EgressAnalyzers.Tests.Verifiers.ArmFixtures;

namespace EgressAnalyzers.Tests.Rules;

public class EGR2003DeprecatedEndpointTests
{
    [Fact]
    public async Task AksreposStillAllowed_IsReportedAtTheValue()
    {
        var fqdns = CoreFqdnsExcept() + ", {|#0:\"aksrepos.azurecr.io\"|}";
        var test = new EgressAnalyzerTest();
        test.DisabledDiagnostics.Add("EGR1003");
        await test
            .WithTemplate("cluster.json", Cluster(isPrivate: true))
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("\"aks-core\"", 200, "Allow", HttpsRule(fqdns))))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR2003_DeprecatedEndpointAllowed, 0)
                .WithArguments("aksrepos.azurecr.io", "removed from the AKS list on 2020-02-12"))
            .RunAsync();
    }

    [Fact]
    public async Task The2019PreviewProfile_StillNeedsAksrepos_SoItIsNotDeprecatedThere()
    {
        var test = new EgressAnalyzerTest();
        test.DisabledDiagnostics.Add("EGR1001");
        test.DisabledDiagnostics.Add("EGR1002");
        test.DisabledDiagnostics.Add("EGR1003");
        await test
            .WithSetting("EgressAksProfile", "2019-preview")
            .WithTemplate("cluster.json", Cluster())
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("\"aks-core\"", 200, "Allow", HttpsRule("\"aksrepos.azurecr.io\""))))
            .RunAsync();
    }
}
