using EgressAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static EgressAnalyzers.Tests.Verifiers.TopologyFixtures;
using BicepTopology = EgressAnalyzers.Tests.Bicep.BicepTopologyFixtures;

namespace EgressAnalyzers.Tests.Rules;

public class EGR3001OutboundTypeDisagreesWithRouteTests
{
    [Fact]
    public async Task LoadBalancerOutbound_WithDefaultRouteToTheFirewall_IsReportedAtTheOutboundType()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn(outboundType: "{|#0:\"loadBalancer\"|}"))
            .WithTemplate("spoke.json", Spoke("{|#1:" + Route() + "|}"))
            .WithTemplate("hub.json", Hub())
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR3001_OutboundTypeDisagreesWithRoute, 0)
                .WithLocation(1)
                .WithArguments(
                    "aks",
                    "outboundType is 'loadBalancer', but node subnet 'snet-nodes' sends 0.0.0.0/0 to a virtual appliance (route 'to-firewall' of route table 'rt-spoke'). "
                    + "AKS still sends egress out its own way (load balancer public IP or NAT gateway), so egress does not go through the firewall as intended (or provisioning fails). "
                    + "Set outboundType to 'userDefinedRouting' to make the firewall the cluster's egress path, or remove the route."))
            .RunAsync();
    }

    [Fact]
    public async Task UnsetOutboundType_WithDefaultRouteToTheFirewall_IsReportedAtTheClusterName()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn(outboundType: null, name: "{|#0:\"aks\"|}"))
            .WithTemplate("spoke.json", Spoke("{|#1:" + Route() + "|}"))
            .WithTemplate("hub.json", Hub())
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR3001_OutboundTypeDisagreesWithRoute, 0)
                .WithLocation(1)
                .WithArguments(
                    "aks",
                    "outboundType is not set, so 'loadBalancer', but node subnet 'snet-nodes' sends 0.0.0.0/0 to a virtual appliance (route 'to-firewall' of route table 'rt-spoke'). "
                    + "AKS still sends egress out its own way (load balancer public IP or NAT gateway), so egress does not go through the firewall as intended (or provisioning fails). "
                    + "Set outboundType to 'userDefinedRouting' to make the firewall the cluster's egress path, or remove the route."))
            .RunAsync();
    }

    [Fact]
    public async Task UserDefinedRouting_WithDefaultRouteToTheFirewall_IsSilent()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn())
            .WithTemplate("spoke.json", Spoke(Route()))
            .WithTemplate("hub.json", Hub())
            .RunAsync();
    }

    [Fact]
    public async Task LoadBalancerOutbound_WithoutDefaultRoute_IsSilent()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn(outboundType: "\"loadBalancer\""))
            .WithTemplate("spoke.json", Spoke(Route(name: "\"to-onprem\"", prefix: "\"192.168.0.0/16\"", nextHopType: "\"VirtualNetworkGateway\"", nextHopIp: null)))
            .RunAsync();
    }

    [Fact]
    public async Task UserDefinedRouting_RouteTableWithoutDefaultRoute_IsReported()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn(outboundType: "{|#0:\"userDefinedRouting\"|}"))
            .WithTemplate("spoke.json", Spoke(Route(name: "\"to-onprem\"", prefix: "\"192.168.0.0/16\"", nextHopType: "\"VirtualNetworkGateway\"", nextHopIp: null), tableName: "{|#1:\"rt-spoke\"|}"))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR3001_OutboundTypeDisagreesWithRoute, 0)
                .WithLocation(1)
                .WithArguments(
                    "aks",
                    "outboundType is 'userDefinedRouting', but route table 'rt-spoke' of node subnet 'snet-nodes' has no 0.0.0.0/0 route. "
                    + "With userDefinedRouting AKS sets up no egress of its own and requires the node subnet to send 0.0.0.0/0 to the firewall (a virtual appliance); add that route to the node subnet's route table."))
            .RunAsync();
    }

    [Fact]
    public async Task UserDefinedRouting_NodeSubnetWithoutRouteTable_IsReported()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn(outboundType: "{|#0:\"userDefinedRouting\"|}"))
            .WithTemplate("spoke.json", Spoke(Route(), routeTableOnNodes: false, subnetName: "{|#1:\"snet-nodes\"|}"))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR3001_OutboundTypeDisagreesWithRoute, 0)
                .WithLocation(1)
                .WithArguments(
                    "aks",
                    "outboundType is 'userDefinedRouting', but node subnet 'snet-nodes' has no route table. "
                    + "With userDefinedRouting AKS sets up no egress of its own and requires the node subnet to send 0.0.0.0/0 to the firewall (a virtual appliance); add that route to the node subnet's route table."))
            .RunAsync();
    }

    [Fact]
    public async Task UserDefinedRouting_DefaultRouteToInternet_IsReported()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn(outboundType: "{|#0:\"userDefinedRouting\"|}"))
            .WithTemplate("spoke.json", Spoke("{|#1:" + Route(name: "\"default\"", nextHopType: "\"Internet\"", nextHopIp: null) + "|}"))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR3001_OutboundTypeDisagreesWithRoute, 0)
                .WithLocation(1)
                .WithArguments(
                    "aks",
                    "outboundType is 'userDefinedRouting', but the default route 'default' of route table 'rt-spoke' has next hop 'Internet' (AKS rejects 'Internet' with userDefinedRouting; 'None' drops all egress). "
                    + "With userDefinedRouting AKS sets up no egress of its own and requires the node subnet to send 0.0.0.0/0 to the firewall (a virtual appliance); add that route to the node subnet's route table."))
            .RunAsync();
    }

    [Fact]
    public async Task UserDefinedRouting_NodeSubnetNotAmongTheFiles_IsInfo()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn(outboundType: "{|#0:\"userDefinedRouting\"|}"))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR3001_OutboundTypeDisagreesWithRoute, 0)
                .WithSeverity(DiagnosticSeverity.Info)
                .WithArguments(
                    "aks",
                    "outboundType is 'userDefinedRouting', which needs a 0.0.0.0/0 route to the firewall on the node subnet, but node subnet 'snet-nodes' is not among the analyzed files, so the route cannot be checked"))
            .RunAsync();
    }

    [Fact]
    public async Task UnresolvedOutboundType_IsSilent()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn(outboundType: "\"[parameters('outboundType')]\"", parameters: "\"outboundType\": { \"type\": \"string\" }"))
            .WithTemplate("spoke.json", Spoke(Route()))
            .WithTemplate("hub.json", Hub())
            .RunAsync();
    }

    [Fact]
    public async Task UserDefinedRouting_RouteWithUnresolvedPrefix_IsSilent()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn())
            .WithTemplate("spoke.json", Spoke(
                Route(prefix: "\"[parameters('prefix')]\"", nextHopIp: null, nextHopType: "\"VirtualNetworkGateway\""),
                parameters: "\"prefix\": { \"type\": \"string\" }"))
            .RunAsync();
    }

    [Fact]
    public async Task SuppressionOnTheCluster_HidesTheFinding()
    {
        const string Metadata = "\"aks\",\n      \"metadata\": { \"egressAnalyzers.suppress\": { \"EGR3001\": \"egress leaves through the NAT gateway on purpose\" } }";
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn(outboundType: "\"userAssignedNATGateway\"", name: Metadata))
            .WithTemplate("spoke.json", Spoke(Route()))
            .WithTemplate("hub.json", Hub())
            .RunAsync();
    }


    [Fact]
    public async Task Bicep_LoadBalancerOutbound_WithDefaultRouteToTheFirewall_IsReportedAtTheOutboundType()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("network.bicep", BicepTopology.Network(
                "{|#1:" + BicepTopology.Route() + "|}", BicepTopology.Hub(), outboundType: "{|#0:'loadBalancer'|}"))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR3001_OutboundTypeDisagreesWithRoute, 0)
                .WithLocation(1)
                .WithArguments(
                    "aks",
                    "outboundType is 'loadBalancer', but node subnet 'snet-nodes' sends 0.0.0.0/0 to a virtual appliance (route 'to-firewall' of route table 'rt-spoke'). "
                    + "AKS still sends egress out its own way (load balancer public IP or NAT gateway), so egress does not go through the firewall as intended (or provisioning fails). "
                    + "Set outboundType to 'userDefinedRouting' to make the firewall the cluster's egress path, or remove the route."))
            .RunAsync();
    }

    [Fact]
    public async Task Bicep_UserDefinedRouting_WithDefaultRouteToTheFirewall_IsSilent()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("network.bicep", BicepTopology.Network(BicepTopology.Route(), BicepTopology.Hub()))
            .RunAsync();
    }
}
