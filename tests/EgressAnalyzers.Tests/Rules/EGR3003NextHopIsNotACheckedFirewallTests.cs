using EgressAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static EgressAnalyzers.Tests.Verifiers.TopologyFixtures;
using BicepTopology = EgressAnalyzers.Tests.Bicep.BicepTopologyFixtures;

namespace EgressAnalyzers.Tests.Rules;

public class EGR3003NextHopIsNotACheckedFirewallTests
{
    private const string FirewallIpFromReference =
        "\"[reference(resourceId('Microsoft.Network/azureFirewalls', 'fw-hub'), '2023-09-01').ipConfigurations[0].properties.privateIPAddress]\"";

    [Fact]
    public async Task KnownNextHop_ThatIsNotTheFirewallsAddress_IsReportedAtTheAddress()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn())
            .WithTemplate("spoke.json", Spoke(Route(nextHopIp: "{|#0:\"10.0.9.4\"|}")))
            .WithTemplate("hub.json", Hub())
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR3003_NextHopIsNotACheckedFirewall, 0)
                .WithArguments(
                    "to-firewall",
                    "aks",
                    "sends egress to 10.0.9.4, which is not the private IP of any Azure Firewall among the analyzed files ('fw-hub' has 10.0.1.4): "
                    + "the cluster's egress meets an appliance whose rules were not checked. Point the route at the firewall's private IP, or add the firewall's template to the analyzed files."))
            .RunAsync();
    }

    [Fact]
    public async Task KnownNextHop_ThatIsTheFirstAddressOfAzureFirewallSubnet_IsSilent()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn())
            .WithTemplate("spoke.json", Spoke(Route(nextHopIp: "\"10.0.1.4\"")))
            .WithTemplate("hub.json", Hub())
            .RunAsync();
    }

    [Fact]
    public async Task NextHopReadFromTheFirewall_WhenTheFirewallIsAnalyzed_IsSilent()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn())
            .WithTemplate("spoke.json", Spoke(Route(nextHopIp: FirewallIpFromReference)))
            .WithTemplate("hub.json", Hub())
            .RunAsync();
    }

    [Fact]
    public async Task NextHopReadFromAFirewallThatIsNotAnalyzed_IsInfo()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn())
            .WithTemplate("spoke.json", Spoke(Route(nextHopIp: "{|#0:" + FirewallIpFromReference + "|}")))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR3003_NextHopIsNotACheckedFirewall, 0)
                .WithSeverity(DiagnosticSeverity.Info)
                .WithArguments(
                    "to-firewall",
                    "aks",
                    "reads its next hop from Azure Firewall 'fw-hub', which is not among the analyzed files, so it cannot be proven that the cluster's egress goes through a firewall whose rules were checked"))
            .RunAsync();
    }

    [Fact]
    public async Task NextHopFromAParameterWithoutValue_IsInfo()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn())
            .WithTemplate("spoke.json", Spoke(
                Route(nextHopIp: "{|#0:\"[parameters('firewallIp')]\"|}"),
                parameters: "\"firewallIp\": { \"type\": \"string\" }"))
            .WithTemplate("hub.json", Hub())
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR3003_NextHopIsNotACheckedFirewall, 0)
                .WithSeverity(DiagnosticSeverity.Info)
                .WithArguments(
                    "to-firewall",
                    "aks",
                    "has a next hop (parameters('firewallIp')) that could not be resolved, so it cannot be proven that the cluster's egress goes through a firewall whose rules were checked"))
            .RunAsync();
    }

    [Fact]
    public async Task KnownNextHop_WithNoFirewallAmongTheFiles_IsReported()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn())
            .WithTemplate("spoke.json", Spoke(Route(nextHopIp: "{|#0:\"10.0.1.4\"|}")))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR3003_NextHopIsNotACheckedFirewall, 0)
                .WithArguments(
                    "to-firewall",
                    "aks",
                    "sends egress to 10.0.1.4, which is not the private IP of any Azure Firewall among the analyzed files: "
                    + "the cluster's egress meets an appliance whose rules were not checked. Point the route at the firewall's private IP, or add the firewall's template to the analyzed files."))
            .RunAsync();
    }

    [Fact]
    public async Task DefaultRouteToTheInternet_IsNotAnApplianceAndStaysSilent()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn(outboundType: "\"loadBalancer\""))
            .WithTemplate("spoke.json", Spoke(Route(nextHopType: "\"Internet\"", nextHopIp: null)))
            .WithTemplate("hub.json", Hub())
            .RunAsync();
    }


    [Fact]
    public async Task Bicep_KnownNextHop_ThatIsNotTheFirewallsAddress_IsReportedAtTheAddress()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("network.bicep", BicepTopology.Network(
                BicepTopology.Route(nextHopIp: "{|#0:'10.0.9.4'|}"), BicepTopology.Hub()))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR3003_NextHopIsNotACheckedFirewall, 0)
                .WithArguments(
                    "to-firewall",
                    "aks",
                    "sends egress to 10.0.9.4, which is not the private IP of any Azure Firewall among the analyzed files ('fw-hub' has 10.0.1.4): "
                    + "the cluster's egress meets an appliance whose rules were not checked. Point the route at the firewall's private IP, or add the firewall's template to the analyzed files."))
            .RunAsync();
    }

    [Fact]
    public async Task Bicep_NextHopReadFromTheFirewallSymbol_WhenTheFirewallIsDeclared_IsSilent()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("network.bicep", BicepTopology.Network(BicepTopology.Route(), BicepTopology.Hub()))
            .RunAsync();
    }

    [Fact]
    public async Task Bicep_NextHopReadFromAnExistingFirewallSymbol_IsInfoNamingTheFirewall()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("network.bicep", BicepTopology.Network(
                BicepTopology.Route(nextHopIp: "{|#0:" + BicepTopology.NextHopFromFirewall + "|}"), BicepTopology.ExistingFirewall))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR3003_NextHopIsNotACheckedFirewall, 0)
                .WithSeverity(DiagnosticSeverity.Info)
                .WithArguments(
                    "to-firewall",
                    "aks",
                    "reads its next hop from Azure Firewall 'fw-hub', which is not among the analyzed files, so it cannot be proven that the cluster's egress goes through a firewall whose rules were checked"))
            .RunAsync();
    }
}
