using EgressAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using static EgressAnalyzers.Tests.Verifiers.ArmFixtures;

namespace EgressAnalyzers.Tests.Rules;

public class EGR0001InvalidConfigurationTests
{
    [Fact]
    public async Task UnknownCloudAndFeature_AreReportedOnce_AndIgnored()
    {
        await new EgressAnalyzerTest()
            .WithSetting("EgressCloud", "AzureMoon")
            .WithGlobalConfigLine("EgressAksFeatures = gpu,quantum")
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("\"web\"", 200, "Allow", HttpsRule("\"www.contoso.com\""))))
            .Expect(
                new DiagnosticResult(EgressDescriptors.EGR0001_InvalidConfigurationValue).WithNoLocation()
                    .WithArguments("EgressCloud 'AzureMoon' is not a known cloud; expected one of: AzureCloud, AzureChinaCloud, AzureUSGovernment"),
                new DiagnosticResult(EgressDescriptors.EGR0001_InvalidConfigurationValue).WithNoLocation()
                    .WithArguments("EgressAksFeatures names unknown feature 'quantum'; expected some of: gpu, windows, monitoring, policy, defender, keyvault, workloadIdentity, extensions"))
            .RunAsync();
    }

    [Fact]
    public async Task SuppressionWithoutJustification_IsReportedAtIt_AndDoesNotSuppress()
    {
        var metadata = """
             "metadata": { "egressAnalyzers.suppress": { "EGR1001": {|#1:""|} } },
            """;
        var test = new EgressAnalyzerTest();
        test.DisabledDiagnostics.Add("EGR1003");
        await test
            .WithTemplate("cluster.json", Cluster(isPrivate: true))
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("{|#0:\"aks-core\"|}", 200, "Allow", HttpsRule(CoreFqdnsExcept("packages.aks.azure.com"))), metadata: metadata))
            .Expect(
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR0001_InvalidConfigurationValue, 1)
                    .WithArguments("Suppression of EGR1001 on 'fw-hub' needs a justification (a non-empty string); it was ignored"),
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1001_RequiredApplicationEgressNotAllowed, 0)
                    .WithArguments("Azure Firewall 'fw-hub'", "'packages.aks.azure.com'", "Https:443", "Kubernetes and Azure CNI binaries (replacement for acs-mirror.azureedge.net)"))
            .RunAsync();
    }

    [Fact]
    public async Task SuppressionWithJustification_HidesTheFinding()
    {
        var metadata = """
             "metadata": { "egressAnalyzers.suppress": { "EGR1001": "packages.aks.azure.com is served by our mirror" } },
            """;
        var test = new EgressAnalyzerTest();
        test.DisabledDiagnostics.Add("EGR1003");
        await test
            .WithTemplate("cluster.json", Cluster(isPrivate: true))
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("\"aks-core\"", 200, "Allow", HttpsRule(CoreFqdnsExcept("packages.aks.azure.com"))), metadata: metadata))
            .RunAsync();
    }
}
