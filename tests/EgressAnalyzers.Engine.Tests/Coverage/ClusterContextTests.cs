using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Coverage;
using EgressAnalyzers.Engine.Model;
using static EgressAnalyzers.Engine.Tests.Coverage.TestModel;

namespace EgressAnalyzers.Engine.Tests.Coverage;

public class ClusterContextTests
{
    private static ClusterContext Single(EgressSettings? settings, params ModelResource[] resources) =>
        ClusterContext.Build(Infra(resources), settings ?? EgressSettings.Default).Single();

    private static AksClusterResource PrivateCluster(Fact fact) =>
        new(new ResourceKey(ResourceKey.ManagedClusterType, "aks"), "aks", Span(), Span()) { Location = V("westeurope"), PrivateCluster = fact };

    [Fact]
    public void PrivateCluster_SkipsEntriesNotForPrivateClusters() =>
        Assert.False(Single(null, PrivateCluster(Fact.Yes(Span()))).Evaluate(TestCatalog.Hcp).Applies);

    [Fact]
    public void UnknownPrivateCluster_AppliesWithTheFactUnresolved()
    {
        var fact = Fact.Unknown("[parameters('private')]", Span());
        var applicability = Single(null, PrivateCluster(fact)).Evaluate(TestCatalog.Hcp);
        Assert.True(applicability.Applies);
        Assert.Same(fact, Assert.Single(applicability.UnresolvedConditions));
    }

    [Fact]
    public void SettingsPrivateCluster_OverridesTheTemplate() =>
        Assert.True(Single(new EgressSettings { PrivateCluster = false }, PrivateCluster(Fact.Yes(Span()))).Evaluate(TestCatalog.Hcp).Applies);

    [Fact]
    public void SyntheticCluster_HasUnknownPrivatenessWithoutASpan()
    {
        var applicability = Single(null).Evaluate(TestCatalog.Hcp);
        Assert.True(applicability.Applies);
        Assert.True(Assert.Single(applicability.UnresolvedConditions).Span.IsEmpty);
    }

    [Fact]
    public void FeatureEntries_ApplyOnlyWhenTheFeatureIsOn()
    {
        Assert.False(Single(null, Cluster()).Evaluate(TestCatalog.Gpu).Applies);
        Assert.True(Single(new EgressSettings { Features = new[] { "gpu" } }, Cluster()).Evaluate(TestCatalog.Gpu).Applies);
        var detected = new AksClusterResource(new ResourceKey(ResourceKey.ManagedClusterType, "g"), "g", Span(), Span())
        {
            Features = new Dictionary<string, Fact> { ["GPU"] = Fact.Yes(Span()) },
        };
        Assert.True(Single(null, detected).Evaluate(TestCatalog.Gpu).Applies);
    }

    [Fact]
    public void LegacyTunnel_EscalatesRecommendedToRequired()
    {
        Assert.Equal(RequirementLevel.Recommended, Single(null, Cluster()).Evaluate(TestCatalog.Tunnel).Level);
        Assert.Equal(RequirementLevel.Required, Single(new EgressSettings { LegacyTunnel = true }, Cluster()).Evaluate(TestCatalog.Tunnel).Level);
    }

    [Fact]
    public void Location_ComesFromSettingsFirst_ThenTheCluster_Normalised()
    {
        Assert.Equal("westeurope", Single(null, Cluster(location: "West Europe")).Location);
        Assert.Equal("eastus", Single(new EgressSettings { Location = "eastus" }, Cluster(location: "West Europe")).Location);
        Assert.Null(Single(null, new AksClusterResource(new ResourceKey(ResourceKey.ManagedClusterType, "x"), "x", Span(), Span()) { Location = U("[resourceGroup().location]") }).Location);
    }

    private static AksClusterResource ClusterInSubnet() =>
        new(new ResourceKey(ResourceKey.ManagedClusterType, "aks"), "aks", Span(), Span())
        {
            Location = V("westeurope"),
            NodeSubnets = new[] { SubnetRef("vnet", "nodes") },
        };

    [Fact]
    public void CustomDns_IsKnownFromTheNodeSubnetsVNet()
    {
        var withDns = Single(null, ClusterInSubnet(), VNet("vnet", Vs("10.0.0.4"), Subnet("vnet", "nodes", "10.240.0.0/16")));
        Assert.Equal(Tri.Yes, withDns.CustomDns.Value);
        Assert.Equal("10.0.0.4", Assert.Single(withDns.Match.CustomDnsServers).Text);
        Assert.Equal("10.240.0.0-10.240.255.255", Assert.Single(withDns.Match.NodePrefixes!).ToString());

        var azureDns = Single(null, ClusterInSubnet(), VNet("vnet", Array.Empty<ModelValue>(), Subnet("vnet", "nodes", "10.240.0.0/16")));
        Assert.Equal(Tri.No, azureDns.CustomDns.Value);
    }

    [Fact]
    public void CustomDns_IsUnknownWhenTheServersAre()
    {
        var servers = U("[parameters('dnsServers')]");
        var context = Single(null, ClusterInSubnet(), VNet("vnet", new[] { servers }, Subnet("vnet", "nodes", "10.240.0.0/16")));
        Assert.Equal(Tri.Maybe, context.CustomDns.Value);
        Assert.Equal(servers.Span, context.CustomDns.Span);
    }

    [Fact]
    public void CustomDns_IsUnknownWithoutSpanWhenTheVNetIsNotInTheInputs()
    {
        var context = Single(null, ClusterInSubnet());
        Assert.Equal(Tri.Maybe, context.CustomDns.Value);
        Assert.True(context.CustomDns.Span.IsEmpty);
        Assert.Null(context.Match.NodePrefixes);
    }

    [Fact]
    public void CustomDns_IsNoWithoutNodeSubnets_AndYesFromSettings()
    {
        Assert.False(Single(null, Cluster()).Evaluate(TestCatalog.CustomDns).Applies);
        Assert.True(Single(new EgressSettings { CustomDnsServers = new[] { "10.0.0.4" } }, Cluster()).Evaluate(TestCatalog.CustomDns).Applies);
    }
}
