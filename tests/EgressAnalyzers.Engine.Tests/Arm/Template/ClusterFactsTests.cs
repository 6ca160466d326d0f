using EgressAnalyzers.Engine.Model;
using static EgressAnalyzers.Engine.Tests.Arm.Template.TemplateFixture;

namespace EgressAnalyzers.Engine.Tests.Arm.Template;

public class ClusterFactsTests
{
    private const string FullCluster = """
        {
          "type": "Microsoft.ContainerService/managedClusters",
          "name": "aks-prod",
          "location": "West Europe",
          "properties": {
            "agentPoolProfiles": [
              { "name": "system", "vmSize": "Standard_D4s_v5", "osType": "Linux", "vnetSubnetID": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-spoke', 'snet-nodes')]" },
              { "name": "gpu", "vmSize": "Standard_NC6s_v3", "osType": "Linux" },
              { "name": "win", "vmSize": "Standard_D4s_v5", "osType": "Windows" }
            ],
            "apiServerAccessProfile": { "enablePrivateCluster": true },
            "networkProfile": { "outboundType": "userDefinedRouting" },
            "addonProfiles": {
              "omsagent": { "enabled": false },
              "azurepolicy": { "enabled": true },
              "azureKeyvaultSecretsProvider": { "enabled": true }
            },
            "azureMonitorProfile": { "metrics": { "enabled": true } },
            "securityProfile": {
              "defender": { "securityMonitoring": { "enabled": true } },
              "workloadIdentity": { "enabled": true }
            }
          }
        }
        """;

    [Fact]
    public void Cluster_AllFactsKnown_AreReadWithSpans()
    {
        var text = TemplateOf(FullCluster);

        var cluster = Single<AksClusterResource>(Read(text));

        Assert.Equal(new ResourceKey(ResourceKey.ManagedClusterType, "aks-prod"), cluster.Key);
        Assert.Equal("westeurope", cluster.Location!.Text);
        Assert.Equal("\"West Europe\"", At(text, cluster.Location.Span));
        Assert.Equal(Tri.Yes, cluster.PrivateCluster.Value);
        Assert.Equal("true", At(text, cluster.PrivateCluster.Span));
        Assert.Equal("userDefinedRouting", cluster.OutboundType!.Text);
        Assert.Equal(Tri.Yes, cluster.Features["gpu"].Value);
        Assert.Equal("\"Standard_NC6s_v3\"", At(text, cluster.Features["gpu"].Span));
        Assert.Equal(Tri.Yes, cluster.Features["windows"].Value);
        Assert.Equal("\"Windows\"", At(text, cluster.Features["windows"].Span));
        Assert.Equal(Tri.Yes, cluster.Features["monitoring"].Value);
        Assert.Equal(Tri.Yes, cluster.Features["policy"].Value);
        Assert.Equal(Tri.Yes, cluster.Features["defender"].Value);
        Assert.Equal(Tri.Yes, cluster.Features["keyvault"].Value);
        Assert.Equal(Tri.Yes, cluster.Features["workloadIdentity"].Value);
        Assert.Equal(Tri.No, cluster.Features["extensions"].Value);
        var subnet = Assert.Single(cluster.NodeSubnets);
        Assert.Equal(new ResourceKey(ResourceKey.SubnetType, "vnet-spoke/snet-nodes"), subnet.Key);
        Assert.Equal("\"[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-spoke', 'snet-nodes')]\"", subnet.Text);
    }

    [Fact]
    public void Cluster_MinimalDeclaration_HasNoFeaturesAndPublicApiServer()
    {
        var text = TemplateOf("""
            { "type": "Microsoft.ContainerService/managedClusters", "name": "aks", "properties": { "agentPoolProfiles": [ { "name": "p", "vmSize": "Standard_D2s_v5" } ] } }
            """);

        var cluster = Single<AksClusterResource>(Read(text));

        Assert.Null(cluster.Location);
        Assert.Null(cluster.OutboundType);
        Assert.Equal(Tri.No, cluster.PrivateCluster.Value);
        Assert.All(cluster.Features.Values, f => Assert.Equal(Tri.No, f.Value));
        Assert.Empty(cluster.NodeSubnets);
    }

    [Fact]
    public void Cluster_UnresolvedValues_BecomeUnknownFactsWithTheirExpression()
    {
        var text = TemplateOf(
            """
            {
              "type": "Microsoft.ContainerService/managedClusters",
              "name": "aks",
              "location": "[resourceGroup().location]",
              "properties": {
                "agentPoolProfiles": [ { "name": "p", "vmSize": "[parameters('vmSize')]", "osType": "Linux", "vnetSubnetID": "[parameters('subnetId')]" } ],
                "apiServerAccessProfile": { "enablePrivateCluster": "[parameters('private')]" },
                "networkProfile": { "outboundType": "[parameters('outbound')]" },
                "addonProfiles": "[parameters('addons')]"
              }
            }
            """,
            parameters: """
            "vmSize": { "type": "string" }, "subnetId": { "type": "string" }, "private": { "type": "bool" },
            "outbound": { "type": "string" }, "addons": { "type": "object" }
            """);

        var cluster = Single<AksClusterResource>(Read(text));

        Assert.False(cluster.Location!.IsKnown);
        Assert.Equal("resourceGroup().location", cluster.Location.UnresolvedExpression);
        Assert.Equal(Tri.Maybe, cluster.PrivateCluster.Value);
        Assert.Equal("parameters('private')", cluster.PrivateCluster.UnresolvedExpression);
        Assert.Equal("\"[parameters('private')]\"", At(text, cluster.PrivateCluster.Span));
        Assert.False(cluster.OutboundType!.IsKnown);
        Assert.Equal(Tri.Maybe, cluster.Features["gpu"].Value);
        Assert.Equal("parameters('vmSize')", cluster.Features["gpu"].UnresolvedExpression);
        Assert.Equal(Tri.No, cluster.Features["windows"].Value);
        Assert.Equal(Tri.Maybe, cluster.Features["policy"].Value);
        Assert.Equal("parameters('addons')", cluster.Features["policy"].UnresolvedExpression);
        Assert.Equal(Tri.Maybe, cluster.Features["monitoring"].Value);
        var subnet = Assert.Single(cluster.NodeSubnets);
        Assert.Null(subnet.Key);
    }

    [Fact]
    public void AgentPoolResources_AreMergedIntoTheirCluster()
    {
        var text = TemplateOf("""
            { "type": "Microsoft.ContainerService/managedClusters", "name": "aks", "properties": { "agentPoolProfiles": [ { "name": "sys", "vmSize": "Standard_D2s_v5" } ] } },
            { "type": "Microsoft.ContainerService/managedClusters/agentPools", "name": "aks/gpu", "properties": { "vmSize": "Standard_NC24ads_A100_v4", "vnetSubnetID": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet-gpu" } },
            { "type": "Microsoft.ContainerService/managedClusters/agentPools", "name": "other/win", "properties": { "osType": "Windows" } }
            """);

        var cluster = Single<AksClusterResource>(Read(text));

        Assert.Equal(Tri.Yes, cluster.Features["gpu"].Value);
        Assert.Equal(Tri.No, cluster.Features["windows"].Value);
        Assert.Equal(new ResourceKey(ResourceKey.SubnetType, "vnet/snet-gpu"), Assert.Single(cluster.NodeSubnets).Key);
    }

    [Fact]
    public void KubernetesExtensionResource_SetsExtensionsOnEveryClusterOfTheFile()
    {
        var text = TemplateOf("""
            { "type": "Microsoft.KubernetesConfiguration/extensions", "name": "flux", "scope": "[format('Microsoft.ContainerService/managedClusters/{0}', 'aks-a')]" },
            { "type": "Microsoft.ContainerService/managedClusters", "name": "aks-a" },
            { "type": "Microsoft.ContainerService/managedClusters", "name": "aks-b" }
            """);

        var clusters = Read(text).Resources.OfType<AksClusterResource>().ToList();

        Assert.Equal(2, clusters.Count);
        Assert.All(clusters, c => Assert.Equal(Tri.Yes, c.Features["extensions"].Value));
        Assert.Equal("\"flux\"", At(text, clusters[0].Features["extensions"].Span));
    }

    [Theory]
    [InlineData("\"omsagent\": { \"enabled\": true }", "", Tri.Yes)]
    [InlineData("\"omsAgent\": { \"enabled\": \"true\" }", "", Tri.Yes)]
    [InlineData("", "\"containerInsights\": { \"enabled\": true }", Tri.Yes)]
    [InlineData("\"omsagent\": { \"enabled\": false }", "\"metrics\": { \"enabled\": false }", Tri.No)]
    public void Monitoring_IsAnyOfOmsagentPrometheusOrContainerInsights(string addons, string monitor, Tri expected)
    {
        var text = TemplateOf($$"""
            { "type": "Microsoft.ContainerService/managedClusters", "name": "aks",
              "properties": { "addonProfiles": { {{addons}} }, "azureMonitorProfile": { {{monitor}} } } }
            """);

        Assert.Equal(expected, Single<AksClusterResource>(Read(text)).Features["monitoring"].Value);
    }
}
