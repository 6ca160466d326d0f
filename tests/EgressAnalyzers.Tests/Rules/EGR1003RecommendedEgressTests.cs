using EgressAnalyzers.Tests.Verifiers;
using static EgressAnalyzers.Tests.Verifiers.ArmFixtures;

namespace EgressAnalyzers.Tests.Rules;

public class EGR1003RecommendedEgressTests
{
    [Fact]
    public async Task PrivateClusterWithCoreRulesOnly_GetsInfoForNtpAndOsUpdates()
    {
        var firewall = ClassicFirewall(
            AppCollection("{|#0:\"aks-core\"|}", 300, "Allow", HttpsRule(CoreFqdnsExcept("*.hcp.westeurope.azmk8s.io"))),
            NetworkCollection("{|#1:\"aks-net\"|}", 200, "Allow", NetworkRule("\"TCP\"", "\"AzureCloud.westeurope\"", "\"9000\"")));

        await new EgressAnalyzerTest()
            .WithTemplate("cluster.json", Cluster(isPrivate: true))
            .WithTemplate("hub.json", firewall)
            .Expect(
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1003_RecommendedEgressNotAllowed, 1)
                    .WithArguments("Azure Firewall 'fw-hub'", "'UDP 123 to ntp.ubuntu.com'", "UDP:123", "NTP time synchronization on Linux nodes"),
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1003_RecommendedEgressNotAllowed, 0)
                    .WithArguments("Azure Firewall 'fw-hub'", "'azure.archive.ubuntu.com'", "Http:80", "Linux node security patches and updates"),
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1003_RecommendedEgressNotAllowed, 0)
                    .WithArguments("Azure Firewall 'fw-hub'", "'changelogs.ubuntu.com'", "Http:80", "Linux node security patches and updates"),
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1003_RecommendedEgressNotAllowed, 0)
                    .WithArguments("Azure Firewall 'fw-hub'", "'security.ubuntu.com'", "Http:80", "Linux node security patches and updates"),
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1003_RecommendedEgressNotAllowed, 0)
                    .WithArguments("Azure Firewall 'fw-hub'", "'snapshot.ubuntu.com'", "Https:443", "Linux node updates through the Ubuntu snapshot service"))
            .RunAsync();
    }
}
