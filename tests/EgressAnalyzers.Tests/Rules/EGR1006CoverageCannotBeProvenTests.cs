using EgressAnalyzers.Tests.Verifiers;
using static EgressAnalyzers.Tests.Verifiers.ArmFixtures;

namespace EgressAnalyzers.Tests.Rules;

public class EGR1006CoverageCannotBeProvenTests
{
    [Fact]
    public async Task ParameterWithoutValue_IsUnknown_NeverMissing()
    {
        var fqdns = CoreFqdnsExcept("login.microsoftonline.com") + ", {|#0:\"[parameters('loginHost')]\"|}";
        var test = new EgressAnalyzerTest();
        test.DisabledDiagnostics.Add("EGR1003");
        await test
            .WithTemplate("cluster.json", Cluster(isPrivate: true))
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("\"aks-core\"", 200, "Allow", HttpsRule(fqdns)), parameters: "\"loginHost\": { \"type\": \"string\" }"))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1006_CoverageCannotBeProven, 0)
                .WithArguments("Azure Firewall 'fw-hub'", "'login.microsoftonline.com', 'snapshot.ubuntu.com'", "parameters('loginHost')"))
            .RunAsync();
    }

    [Fact]
    public async Task ClusterPrivacyFromAParameterWithoutValue_MakesTheApiServerFqdnUnknown()
    {
        var cluster = Cluster(parameters: "\"private\": { \"type\": \"bool\" }").Replace(
            "\"enablePrivateCluster\": false",
            "\"enablePrivateCluster\": {|#0:\"[parameters('private')]\"|}",
            StringComparison.Ordinal);
        var test = new EgressAnalyzerTest();
        test.DisabledDiagnostics.Add("EGR1003");
        await test
            .WithTemplate("cluster.json", cluster)
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("\"aks-core\"", 200, "Allow", HttpsRule(CoreFqdnsExcept("*.hcp.westeurope.azmk8s.io")))))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1006_CoverageCannotBeProven, 0)
                .WithArguments("Azure Firewall 'fw-hub'", "'*.hcp.westeurope.azmk8s.io', 'UDP 1194 to AzureCloud.westeurope', 'TCP 9000 to AzureCloud.westeurope' and 1 more", "parameters('private')"))
            .RunAsync();
    }
}
