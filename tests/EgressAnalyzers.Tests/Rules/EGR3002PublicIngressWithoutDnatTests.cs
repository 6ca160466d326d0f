using EgressAnalyzers.Tests.Verifiers;
using static EgressAnalyzers.Tests.Verifiers.TopologyFixtures;
using BicepTopology = EgressAnalyzers.Tests.Bicep.BicepTopologyFixtures;

namespace EgressAnalyzers.Tests.Rules;

public class EGR3002PublicIngressWithoutDnatTests
{
    private const string NodeFix = "Publish public services through a DNAT rule on the firewall's public IP that translates to the service's load balancer frontend (the firewall then sees both directions), and keep services internal.";

    [Fact]
    public async Task NodePublicIps_BehindForcedRouteToFirewallWithoutDnat_IsReportedAtTheSetting()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn(poolExtra: ", \"enableNodePublicIP\": {|#0:true|}"))
            .WithTemplate("spoke.json", Spoke("{|#1:" + Route() + "|}"))
            .WithTemplate("hub.json", Hub(firewallName: "{|#2:\"fw-hub\"|}"))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR3002_PublicIngressWithoutDnat, 0)
                .WithLocation(1)
                .WithLocation(2)
                .WithArguments(
                    "AKS cluster 'aks' (enableNodePublicIP gives nodes public IPs)",
                    "the default route 'to-firewall' of subnet 'snet-nodes'",
                    "Azure Firewall 'fw-hub'",
                    NodeFix + " Or turn off enableNodePublicIP."))
            .RunAsync();
    }

    [Fact]
    public async Task NodePublicIps_WhenTheFirewallHasADnatRule_IsSilent()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn(poolExtra: ", \"enableNodePublicIP\": true"))
            .WithTemplate("spoke.json", Spoke(Route()))
            .WithTemplate("hub.json", Hub(natRuleCollections: DnatCollection))
            .RunAsync();
    }

    [Fact]
    public async Task IngressAddOn_BehindForcedRouteToFirewallWithoutDnat_IsReported()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn(extraProperties: ", \"ingressProfile\": { \"webAppRouting\": { \"enabled\": {|#0:true|} } }"))
            .WithTemplate("spoke.json", Spoke("{|#1:" + Route() + "|}"))
            .WithTemplate("hub.json", Hub(firewallName: "{|#2:\"fw-hub\"|}"))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR3002_PublicIngressWithoutDnat, 0)
                .WithLocation(1)
                .WithLocation(2)
                .WithArguments(
                    "AKS cluster 'aks' (its ingress add-on publishes a public load balancer)",
                    "the default route 'to-firewall' of subnet 'snet-nodes'",
                    "Azure Firewall 'fw-hub'",
                    NodeFix + " Or make the ingress controller's load balancer internal."))
            .RunAsync();
    }

    [Fact]
    public async Task NoPublicIngress_BehindForcedRoute_IsSilent()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn(poolExtra: ", \"enableNodePublicIP\": false"))
            .WithTemplate("spoke.json", Spoke(Route()))
            .WithTemplate("hub.json", Hub())
            .RunAsync();
    }

    [Fact]
    public async Task PublicApplicationGateway_InASubnetForcedToTheFirewall_IsReportedAtTheGateway()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn())
            .WithTemplate("spoke.json", Spoke(
                "{|#1:" + Route() + "|}",
                extraSubnets: ExtraSubnet("snet-appgw", "10.240.5.0/24", withRouteTable: true),
                extraResources: PublicApplicationGateway("snet-appgw", name: "{|#0:\"agw\"|}")))
            .WithTemplate("hub.json", Hub(firewallName: "{|#2:\"fw-hub\"|}"))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR3002_PublicIngressWithoutDnat, 0)
                .WithLocation(1)
                .WithLocation(2)
                .WithArguments(
                    "Application gateway 'agw' (public frontend)",
                    "the default route 'to-firewall' of subnet 'snet-appgw'",
                    "Azure Firewall 'fw-hub'",
                    "Keep the 0.0.0.0/0 route to the firewall off the ingress subnet (replies must return the way requests came), or bring the traffic in through a DNAT rule on the firewall's public IP."))
            .RunAsync();
    }

    [Fact]
    public async Task PublicApplicationGateway_InItsOwnSubnetWithoutTheForcedRoute_IsSilent()
    {
        // The aks-baseline shape: the gateway reaches the cluster privately and answers clients directly.
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn())
            .WithTemplate("spoke.json", Spoke(
                Route(),
                extraSubnets: ExtraSubnet("snet-appgw", "10.240.5.0/24", withRouteTable: false),
                extraResources: PublicApplicationGateway("snet-appgw")))
            .WithTemplate("hub.json", Hub())
            .RunAsync();
    }

    [Fact]
    public async Task NodePublicIps_WhenTheNextHopFirewallIsNotAmongTheFiles_IsSilent()
    {
        // Whether that firewall has a DNAT rule cannot be seen; EGR3003 says the next hop is not a checked firewall.
        var test = new EgressAnalyzerTest().TopologyOnly();
        test.DisabledDiagnostics.Add("EGR3003");
        await test
            .WithTemplate("cluster.json", ClusterIn(poolExtra: ", \"enableNodePublicIP\": true"))
            .WithTemplate("spoke.json", Spoke(Route()))
            .RunAsync();
    }

    [Fact]
    public async Task IngressAddOn_WhenTheFirewallPolicyHasADnatCollection_IsSilent()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn(extraProperties: ", \"ingressProfile\": { \"webAppRouting\": { \"enabled\": true } }"))
            .WithTemplate("spoke.json", Spoke(Route()))
            .WithTemplate("hub.json", PolicyHub(PolicyDnatCollection))
            .RunAsync();
    }

    [Fact]
    public async Task IngressAddOn_WhenTheFirewallPolicyHasOnlyFilterCollections_IsReported()
    {
        const string FilterCollection = """
            { "ruleCollectionType": "FirewallPolicyFilterRuleCollection", "name": "aks", "priority": 200, "action": { "type": "Allow" },
              "rules": [ { "ruleType": "ApplicationRule", "name": "tag", "sourceAddresses": [ "*" ], "protocols": [ { "protocolType": "Https", "port": 443 } ], "fqdnTags": [ "AzureKubernetesService" ] } ] }
            """;
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("cluster.json", ClusterIn(extraProperties: ", \"ingressProfile\": { \"webAppRouting\": { \"enabled\": {|#0:true|} } }"))
            .WithTemplate("spoke.json", Spoke("{|#1:" + Route() + "|}"))
            .WithTemplate("hub.json", PolicyHub(FilterCollection).Replace("\"name\": \"fw-hub\"", "\"name\": {|#2:\"fw-hub\"|}", StringComparison.Ordinal))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR3002_PublicIngressWithoutDnat, 0)
                .WithLocation(1)
                .WithLocation(2)
                .WithArguments(
                    "AKS cluster 'aks' (its ingress add-on publishes a public load balancer)",
                    "the default route 'to-firewall' of subnet 'snet-nodes'",
                    "Azure Firewall 'fw-hub'",
                    NodeFix + " Or make the ingress controller's load balancer internal."))
            .RunAsync();
    }


    [Fact]
    public async Task Bicep_NodePublicIps_BehindForcedRouteToFirewallWithoutDnat_IsReportedAtTheSetting()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("network.bicep", BicepTopology.Network(
                "{|#1:" + BicepTopology.Route() + "|}",
                BicepTopology.Hub(firewallName: "{|#2:'fw-hub'|}"),
                poolExtra: "\n        enableNodePublicIP: {|#0:true|}"))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR3002_PublicIngressWithoutDnat, 0)
                .WithLocation(1)
                .WithLocation(2)
                .WithArguments(
                    "AKS cluster 'aks' (enableNodePublicIP gives nodes public IPs)",
                    "the default route 'to-firewall' of subnet 'snet-nodes'",
                    "Azure Firewall 'fw-hub'",
                    NodeFix + " Or turn off enableNodePublicIP."))
            .RunAsync();
    }

    [Fact]
    public async Task Bicep_NodePublicIps_WhenTheFirewallHasADnatRule_IsSilent()
    {
        await new EgressAnalyzerTest().TopologyOnly()
            .WithTemplate("network.bicep", BicepTopology.Network(
                BicepTopology.Route(),
                BicepTopology.Hub(natRuleCollections: BicepTopology.DnatCollection),
                poolExtra: "\n        enableNodePublicIP: true"))
            .RunAsync();
    }
}
