using EgressAnalyzers.Tests.Verifiers;
using static EgressAnalyzers.Tests.Verifiers.ArmFixtures;

namespace EgressAnalyzers.Tests.Rules;

public class EGR2001AllowEverythingTests
{
    [Fact]
    public async Task TargetFqdnStar_IsReportedAtTheValue()
    {
        var test = new EgressAnalyzerTest();
        test.DisabledDiagnostics.Add("EGR1003");
        await test
            .WithTemplate("cluster.json", Cluster(isPrivate: true))
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("\"everything\"", 200, "Allow", HttpsRule("{|#0:\"*\"|}", "all-https", """{ "protocolType": "Https", "port": 443 }, { "protocolType": "Http", "port": 80 }"""))))
            .Expect(
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR2001_AllowEverythingRule, 0).WithArguments("Azure Firewall 'fw-hub'", "Https/Http", "all-https"))
            .RunAsync();
    }

    [Fact]
    public async Task FirewallThatDoesNotServeAks_IsNotJudged()
    {
        await new EgressAnalyzerTest()
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("\"everything\"", 200, "Allow", HttpsRule("\"*\"", "all-https"))))
            .RunAsync();
    }
}
