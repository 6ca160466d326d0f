using EgressAnalyzers.Engine.Model;
using static EgressAnalyzers.Engine.Tests.Arm.Template.TemplateFixture;

namespace EgressAnalyzers.Engine.Tests.Topology;

/// <summary>The ARM reader's topology facts: routes, next-hop sources, firewall IP configurations, DNAT rules, ingress.</summary>
public class TopologyReaderTests
{
    [Fact]
    public void RouteTable_InlineRoutesAndChildRoutes_AreReadAndMerged()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Network/routeTables", "apiVersion": "2023-09-01", "name": "rt",
              "properties": { "routes": [ { "name": "onprem", "properties": { "addressPrefix": "192.168.0.0/16", "nextHopType": "VirtualNetworkGateway" } } ] },
              "resources": [
                { "type": "routes", "apiVersion": "2023-09-01", "name": "default",
                  "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.1.4" } }
              ]
            }
            """);
        var result = Read(text);
        var model = new InfrastructureModel(result.Resources);

        var table = Assert.Single(model.RouteTables);
        var routes = model.RoutesOf(table);
        Assert.Equal(new[] { "onprem", "default" }, routes.Select(r => r.Name));
        var defaultRoute = Assert.Single(routes, r => r.IsDefaultRoute);
        Assert.True(defaultRoute.IsNextHop(RouteEntry.VirtualAppliance));
        Assert.Equal("10.0.1.4", defaultRoute.NextHopIpAddress?.Text);
        Assert.Equal("\"10.0.1.4\"", At(text, defaultRoute.NextHopIpAddress!.Span));
    }

    [Fact]
    public void NextHop_ReadFromAFirewallWithReference_KnowsTheFirewallAsItsSource()
    {
        var text = TemplateOf(
            """
            {
              "type": "Microsoft.Network/routeTables", "apiVersion": "2023-09-01", "name": "rt",
              "properties": { "routes": [ { "name": "default", "properties": {
                "addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance",
                "nextHopIpAddress": "[reference(variables('fwId'), '2023-09-01').ipConfigurations[0].properties.privateIPAddress]" } } ] }
            }
            """,
            variables: "\"fwId\": \"[resourceId('Microsoft.Network/azureFirewalls', concat('fw-', parameters('region')))]\"",
            parameters: "\"region\": { \"type\": \"string\" }");

        var route = Assert.Single(Single<RouteTableResource>(Read(text)).Routes);

        Assert.False(route.NextHopIpAddress!.IsKnown);
        Assert.Equal(new ResourceKey(ResourceKey.AzureFirewallType, "fw-{parameters('region')}"), route.NextHopSource);
    }

    [Fact]
    public void NextHop_FromAParameter_HasNoSource()
    {
        var text = TemplateOf(
            """
            { "type": "Microsoft.Network/routeTables", "apiVersion": "2023-09-01", "name": "rt",
              "properties": { "routes": [ { "name": "default", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "[parameters('ip')]" } } ] } }
            """,
            parameters: "\"ip\": { \"type\": \"string\" }");

        var route = Assert.Single(Single<RouteTableResource>(Read(text)).Routes);

        Assert.False(route.NextHopIpAddress!.IsKnown);
        Assert.Null(route.NextHopSource);
    }

    [Fact]
    public void Firewall_IpConfigurations_GiveSubnetPublicIpAndWrittenPrivateIp()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Network/azureFirewalls", "apiVersion": "2023-09-01", "name": "fw",
              "properties": { "ipConfigurations": [ { "name": "c", "properties": {
                "privateIPAddress": "10.0.1.4",
                "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub', 'AzureFirewallSubnet')]" },
                "publicIPAddress": { "id": "[resourceId('Microsoft.Network/publicIPAddresses', 'pip')]" } } } ] }
            }
            """);

        var firewall = Single<AzureFirewallResource>(Read(text));

        Assert.Equal(new[] { "10.0.1.4" }, firewall.PrivateIpAddresses.Select(v => v.Text));
        Assert.Equal(new ResourceKey(ResourceKey.SubnetType, "hub/AzureFirewallSubnet"), Assert.Single(firewall.Subnets).Key);
        Assert.Equal(new ResourceKey(ResourceKey.PublicIpAddressType, "pip"), Assert.Single(firewall.PublicIpAddresses).Key);
    }

    [Fact]
    public void ClassicNatCollections_DnatRulesAreRead_SnatCollectionsHaveNone()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Network/azureFirewalls", "apiVersion": "2023-09-01", "name": "fw",
              "properties": { "natRuleCollections": [
                { "name": "in", "properties": { "priority": 100, "action": { "type": "Dnat" }, "rules": [
                  { "name": "https", "protocols": [ "TCP" ], "sourceAddresses": [ "*" ], "destinationAddresses": [ "20.1.2.3" ], "destinationPorts": [ "443" ], "translatedAddress": "10.240.4.4", "translatedPort": "443" } ] } },
                { "name": "out", "properties": { "priority": 200, "action": { "type": "Snat" }, "rules": [ { "name": "x" } ] } } ] }
            }
            """);

        var collections = Single<AzureFirewallResource>(Read(text)).Collections;

        var dnat = Assert.Single(collections[0].NatRules);
        Assert.Equal(RuleCollectionKind.Nat, collections[0].Kind);
        Assert.Equal("10.240.4.4", dnat.TranslatedAddress?.Text);
        Assert.Equal(new[] { "20.1.2.3" }, dnat.DestinationAddresses.Select(v => v.Text));
        Assert.Empty(collections[1].NatRules);
    }

    [Fact]
    public void PolicyNatRuleCollection_RulesAreRead()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "apiVersion": "2023-09-01", "name": "policy/dnat",
              "properties": { "priority": 100, "ruleCollections": [ {
                "ruleCollectionType": "FirewallPolicyNatRuleCollection", "name": "ingress", "priority": 100, "action": { "type": "DNAT" },
                "rules": [ { "ruleType": "NatRule", "name": "https", "ipProtocols": [ "TCP" ], "sourceAddresses": [ "*" ],
                  "destinationAddresses": [ "20.1.2.3" ], "destinationPorts": [ "443" ], "translatedAddress": "10.240.4.4", "translatedPort": "443" } ] } ] }
            }
            """);

        var collection = Assert.Single(Single<RuleCollectionGroupResource>(Read(text)).Collections);

        Assert.Equal(RuleCollectionKind.Nat, collection.Kind);
        Assert.Equal(new[] { "TCP" }, Assert.Single(collection.NatRules).Protocols.Select(v => v.Text));
    }

    [Fact]
    public void ApplicationGateway_PublicFrontendAndSubnet_AreRead()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Network/applicationGateways", "apiVersion": "2023-09-01", "name": "agw",
              "properties": {
                "gatewayIPConfigurations": [ { "name": "gw", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'spoke', 'snet-agw')]" } } } ],
                "frontendIPConfigurations": [
                  { "name": "private", "properties": { "privateIPAddress": "10.240.5.10", "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'spoke', 'snet-agw')]" } } },
                  { "name": "public", "properties": { "publicIPAddress": { "id": "[resourceId('Microsoft.Network/publicIPAddresses', 'pip-agw')]" } } } ]
              }
            }
            """);

        var gateway = Single<ApplicationGatewayResource>(Read(text));

        Assert.Equal(Tri.Yes, gateway.HasPublicFrontend);
        Assert.Equal(new ResourceKey(ResourceKey.SubnetType, "spoke/snet-agw"), Assert.Single(gateway.Subnets).Key);
        Assert.Equal(new ResourceKey(ResourceKey.PublicIpAddressType, "pip-agw"), Assert.Single(gateway.PublicFrontends).Key);
    }

    [Fact]
    public void InternalLoadBalancer_HasNoPublicFrontend()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Network/loadBalancers", "apiVersion": "2023-09-01", "name": "ilb",
              "properties": { "frontendIPConfigurations": [ { "name": "f", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'spoke', 'snet-ilb')]" } } } ] }
            }
            """);

        var loadBalancer = Single<LoadBalancerResource>(Read(text));

        Assert.Equal(Tri.No, loadBalancer.HasPublicFrontend);
        Assert.Single(loadBalancer.Subnets);
    }

    [Fact]
    public void Subnet_RouteTableId_TellsNoneFromUnresolved()
    {
        var text = TemplateOf(
            """
            { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "spoke", "properties": { "subnets": [
                { "name": "plain", "properties": { "addressPrefix": "10.0.0.0/24" } },
                { "name": "routed", "properties": { "addressPrefix": "10.0.1.0/24", "routeTable": { "id": "[parameters('rtId')]" } } } ] } }
            """,
            parameters: "\"rtId\": { \"type\": \"string\" }");

        var subnets = Single<VirtualNetworkResource>(Read(text)).Subnets;

        Assert.Null(subnets[0].RouteTableId);
        Assert.False(subnets[1].RouteTableId!.IsKnown);
        Assert.Null(subnets[1].RouteTable);
    }

    [Fact]
    public void Cluster_SubnetUnderAnUnresolvedVNet_KeepsTheSubnetNameAndIsFoundByIt()
    {
        var text = TemplateOf(
            """
            { "type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-05-01", "name": "aks", "location": "westeurope",
              "properties": { "agentPoolProfiles": [ { "name": "system", "enableNodePublicIP": true, "vnetSubnetID": "[concat(parameters('vnetId'), '/subnets/snet-nodes')]" } ] } },
            { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "spoke", "properties": { "subnets": [
                { "name": "snet-nodes", "properties": { "addressPrefix": "10.240.0.0/22" } } ] } }
            """,
            parameters: "\"vnetId\": { \"type\": \"string\" }");
        var model = new InfrastructureModel(Read(text).Resources);

        var cluster = Assert.Single(model.Clusters);
        var reference = Assert.Single(cluster.NodeSubnets);

        Assert.Equal("snet-nodes", reference.Key?.ShortName);
        Assert.Equal("spoke/snet-nodes", model.ResolveSubnet(reference.Key)?.Key.Name);
        Assert.Equal(Tri.Yes, cluster.NodePublicIp.Value);
    }

    [Fact]
    public void Cluster_SubnetNameSharedByTwoVNets_IsNotGuessed()
    {
        var text = TemplateOf(
            """
            { "type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-05-01", "name": "aks", "location": "westeurope",
              "properties": { "agentPoolProfiles": [ { "name": "system", "vnetSubnetID": "[concat(parameters('vnetId'), '/subnets/nodes')]" } ] } },
            { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "a", "properties": { "subnets": [ { "name": "nodes", "properties": { } } ] } },
            { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "b", "properties": { "subnets": [ { "name": "nodes", "properties": { } } ] } }
            """,
            parameters: "\"vnetId\": { \"type\": \"string\" }");
        var model = new InfrastructureModel(Read(text).Resources);

        Assert.Null(model.ResolveSubnet(Assert.Single(Assert.Single(model.Clusters).NodeSubnets).Key));
    }
}
