using EgressAnalyzers.Tests.Verifiers;
using static EgressAnalyzers.Tests.Verifiers.ArmFixtures;

namespace EgressAnalyzers.Tests.Rules;

public class EGR1001RequiredApplicationEgressTests
{
    private static EgressAnalyzerTest Test()
    {
        var test = new EgressAnalyzerTest();
        test.DisabledDiagnostics.Add("EGR1003");
        return test;
    }

    [Fact]
    public async Task MissingCoreFqdns_AreReportedAtTheAllowCollection_OnePerEndpoint()
    {
        var firewall = ClassicFirewall(AppCollection("{|#0:\"aks-core\"|}", 200, "Allow", HttpsRule(CoreFqdnsExcept("login.microsoftonline.com", "*.hcp.westeurope.azmk8s.io"))));

        await Test()
            .WithTemplate("cluster.json", Cluster())
            .WithTemplate("hub.json", firewall)
            .Expect(
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1001_RequiredApplicationEgressNotAllowed, 0)
                    .WithArguments("Azure Firewall 'fw-hub'", "'*.hcp.westeurope.azmk8s.io'", "Https:443", "node-to-API-server traffic (konnectivity)"),
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1001_RequiredApplicationEgressNotAllowed, 0)
                    .WithArguments("Azure Firewall 'fw-hub'", "'login.microsoftonline.com'", "Https:443", "Microsoft Entra ID authentication"))
            .RunAsync();
    }

    [Fact]
    public async Task AllCoreFqdnsAllowed_ReportsNothing()
    {
        await Test()
            .WithTemplate("cluster.json", Cluster())
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("\"aks-core\"", 200, "Allow", HttpsRule(CoreFqdnsExcept()))))
            .RunAsync();
    }

    [Fact]
    public async Task AksFqdnTagOverHttps_CoversTheCoreFqdns()
    {
        var tagRule = """{ "name": "tag", "sourceAddresses": [ "*" ], "protocols": [ { "protocolType": "Https", "port": 443 } ], "fqdnTags": [ "AzureKubernetesService" ] }""";
        await Test()
            .WithTemplate("cluster.json", Cluster())
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("\"aks-tag\"", 200, "Allow", tagRule)))
            .RunAsync();
    }

    [Fact]
    public async Task PrivateCluster_DoesNotNeedTheApiServerFqdn()
    {
        await Test()
            .WithTemplate("cluster.json", Cluster(isPrivate: true))
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("\"aks-core\"", 200, "Allow", HttpsRule(CoreFqdnsExcept("*.hcp.westeurope.azmk8s.io")))))
            .RunAsync();
    }

    [Fact]
    public async Task WildcardOneLevelUp_CoversTheRegionalApiServerFqdn()
    {
        await Test()
            .WithTemplate("cluster.json", Cluster())
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("\"aks-core\"", 200, "Allow", HttpsRule(CoreFqdnsExcept("*.hcp.westeurope.azmk8s.io") + ", \"*.azmk8s.io\""))))
            .RunAsync();
    }

    [Fact]
    public async Task FirewallWithoutAnyAksMention_AndNoCluster_IsSilent()
    {
        await Test()
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("\"web\"", 200, "Allow", HttpsRule("\"www.contoso.com\""))))
            .RunAsync();
    }

    [Fact]
    public async Task FirewallMentioningAks_IsCheckedEvenWithoutACluster()
    {
        // The location comes from the setting: without a cluster nothing else says which region to check.
        await Test()
            .WithSetting("EgressAksLocation", "westeurope")
            .WithSetting("EgressAksPrivateCluster", "false")
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("{|#0:\"aks\"|}", 200, "Allow", HttpsRule(CoreFqdnsExcept("mcr-0001.mcr-msedge.net")))))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1001_RequiredApplicationEgressNotAllowed, 0)
                .WithArguments("Azure Firewall 'fw-hub'", "'mcr-0001.mcr-msedge.net'", "Https:443", "MCR storage behind the Azure CDN (image layers)"))
            .RunAsync();
    }

    [Fact]
    public async Task ClusterLocationFromAParametersFile_FillsTheApiServerFqdn()
    {
        var cluster = Cluster(location: "\"[parameters('location')]\"", parameters: "\"location\": { \"type\": \"string\" }");
        var parameters = """
            {
              "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
              "contentVersion": "1.0.0.0",
              "parameters": { "location": { "value": "North Europe" } }
            }
            """;
        await Test()
            .WithTemplate("cluster.json", cluster)
            .WithTemplate("cluster.parameters.json", parameters)
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("{|#0:\"aks-core\"|}", 200, "Allow", HttpsRule(CoreFqdnsExcept("*.hcp.westeurope.azmk8s.io")))))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1001_RequiredApplicationEgressNotAllowed, 0)
                .WithArguments("Azure Firewall 'fw-hub'", "'*.hcp.northeurope.azmk8s.io'", "Https:443", "node-to-API-server traffic (konnectivity)"))
            .RunAsync();
    }
}
