using EgressAnalyzers.Tests.Verifiers;
using static EgressAnalyzers.Tests.Verifiers.ArmFixtures;

namespace EgressAnalyzers.Tests.Rules;

public class EGR1002RequiredNetworkEgressTests
{
    private static readonly string AllCore = AppCollection("\"aks-core\"", 300, "Allow", HttpsRule(CoreFqdnsExcept()));

    private static EgressAnalyzerTest Test()
    {
        var test = new EgressAnalyzerTest();
        test.DisabledDiagnostics.Add("EGR1003");

        // The fixtures' node subnet has no route table; routing is the topology rules' concern (EGR3xxx tests).
        test.DisabledDiagnostics.Add("EGR3001");
        return test;
    }

    [Fact]
    public async Task CustomDnsOnTheClusterVnet_RequiresUdp53ToTheServers()
    {
        var vnet = $$"""
            {
              "$schema": "{{Schema}}",
              "contentVersion": "1.0.0.0",
              "resources": [
                {
                  "type": "Microsoft.Network/virtualNetworks",
                  "apiVersion": "2024-05-01",
                  "name": "spoke",
                  "location": "westeurope",
                  "properties": {
                    "addressSpace": { "addressPrefixes": [ "10.240.0.0/16" ] },
                    "dhcpOptions": { "dnsServers": [ "10.0.0.4" ] },
                    "subnets": [ { "name": "nodes", "properties": { "addressPrefix": "10.240.0.0/22" } } ]
                  }
                }
              ]
            }
            """;
        var cluster = Cluster(extraProperties: "").Replace(
            "\"osType\": \"Linux\" }",
            "\"osType\": \"Linux\", \"vnetSubnetID\": \"[resourceId('Microsoft.Network/virtualNetworks/subnets', 'spoke', 'nodes')]\" }",
            StringComparison.Ordinal);
        var firewall = ClassicFirewall(AllCore, NetworkCollection("{|#0:\"aks-net\"|}", 200, "Allow", NetworkRule("\"UDP\"", "\"*\"", "\"123\"")));

        await Test()
            .WithTemplate("cluster.json", cluster)
            .WithTemplate("vnet.json", vnet)
            .WithTemplate("hub.json", firewall)
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1002_RequiredNetworkEgressNotAllowed, 0)
                .WithArguments("Azure Firewall 'fw-hub'", "'UDP 53 to the custom DNS servers'", "UDP:53", "nodes must reach their custom DNS servers"))
            .RunAsync();
    }

    [Fact]
    public async Task CustomDnsAllowed_ReportsNothing()
    {
        var firewall = ClassicFirewall(AllCore, NetworkCollection("\"aks-net\"", 200, "Allow", NetworkRule("\"UDP\"", "\"10.0.0.4\"", "\"53\"")));
        await Test()
            .WithSetting("EgressAksCustomDns", "10.0.0.4")
            .WithTemplate("cluster.json", Cluster())
            .WithTemplate("hub.json", firewall)
            .RunAsync();
    }

    [Fact]
    public async Task LegacyTunnelSetting_MakesTheTunnelPortsRequired()
    {
        var firewall = ClassicFirewall(AllCore, NetworkCollection("{|#0:\"aks-net\"|}", 200, "Allow", NetworkRule("\"UDP\"", "\"AzureCloud.WestEurope\"", "\"1194\"")));
        await Test()
            .WithSetting("EgressAksTunnel", "legacy")
            .WithTemplate("cluster.json", Cluster())
            .WithTemplate("hub.json", firewall)
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1002_RequiredNetworkEgressNotAllowed, 0)
                .WithArguments("Azure Firewall 'fw-hub'", "'TCP 9000 to AzureCloud.westeurope'", "TCP:9000", "legacy node-to-API-server tunnel (tunnelfront/aks-link)"))
            .RunAsync();
    }

    [Fact]
    public async Task NetworkRuleToAnyOnTcp443_CoversEveryHttpsRequirement_BecauseNetworkRulesComeFirst()
    {
        var firewall = ClassicFirewall(string.Empty, NetworkCollection("\"all-https\"", 200, "Allow", NetworkRule("\"TCP\"", "\"*\"", "\"443\"")));
        var test = Test();
        test.DisabledDiagnostics.Add("EGR2001");
        await test
            .WithTemplate("cluster.json", Cluster(isPrivate: true))
            .WithTemplate("hub.json", firewall)
            .RunAsync();
    }
}
