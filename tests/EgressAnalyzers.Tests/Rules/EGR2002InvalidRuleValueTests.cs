using EgressAnalyzers.Tests.Verifiers;
using static EgressAnalyzers.Tests.Verifiers.ArmFixtures;

namespace EgressAnalyzers.Tests.Rules;

public class EGR2002InvalidRuleValueTests
{
    [Fact]
    public async Task MidLabelWildcardAndPortOutOfRange_AreReportedAtTheValues()
    {
        var fqdns = CoreFqdnsExcept() + ", {|#0:\"www.contoso.*\"|}";
        var network = NetworkCollection("\"net\"", 200, "Allow", NetworkRule("\"UDP\"", "\"*\"", "\"123\", {|#1:\"70000\"|}"));
        var test = new EgressAnalyzerTest();
        test.DisabledDiagnostics.Add("EGR1003");
        await test
            .WithTemplate("cluster.json", Cluster(isPrivate: true))
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("\"aks-core\"", 200, "Allow", HttpsRule(fqdns)), network))
            .Expect(
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR2002_InvalidRuleValue, 0).WithArguments("www.contoso.*", "target FQDN", "a wildcard '*' is allowed only once, at the left-most position (for example '*.contoso.com')"),
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR2002_InvalidRuleValue, 1).WithArguments("70000", "destination port", "70000 is outside the port range 1-65535"))
            .RunAsync();
    }
}
