using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Bicep;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Topology;
using EgressAnalyzers.Engine.Tests.Infrastructure;

namespace EgressAnalyzers.Engine.Tests.Topology;

/// <summary>
/// Topology checks over real configurations in ../shared/corpus (skipped with the reason when absent). Expected
/// outcomes are reasoned from the templates: which subnet the cluster uses, what its route table says, its outbound type.
/// </summary>
public class TopologyCorpusTests
{
    private const string BaselineSpoke = "mspnp__aks-baseline/networking/spoke-BU0001A0008.json";
    private const string BaselineHub = "mspnp__aks-baseline/networking/hub-regionA.json";
    private const string BaselineCluster = "mspnp__aks-baseline/cluster-stamp.json";

    [CorpusTheory]
    [InlineData(BaselineSpoke, BaselineHub, BaselineCluster)]
    [InlineData("mspnp__aks-baseline/network-team/spoke-BU0001A0008.bicep.json", "mspnp__aks-baseline/network-team/hub-regionA.bicep.json", "mspnp__aks-baseline/workload-team/cluster-stamp.bicep.json")]
    public void AksBaseline_HubSpokeAndCluster_RouteToTheFirewallWithUserDefinedRouting_IsSilent(params string[] files)
    {
        var model = Model(files);

        // The cluster's subnet is written as concat(parameters('targetVnetResourceId'), '/subnets/snet-clusternodes'):
        // it is found by name in the spoke, whose route table sends 0.0.0.0/0 to the hub firewall.
        var cluster = Assert.Single(model.Clusters);
        Assert.Equal("userDefinedRouting", cluster.OutboundType?.Text);
        var route = Assert.Single(SubnetRoute.ForCluster(cluster, model));
        Assert.Equal(RouteVisibility.RouteTableVisible, route.Visibility);
        Assert.True(route.IsForcedToAppliance);
        Assert.Equal(ResourceKey.AzureFirewallType, route.DefaultRoute!.NextHopSource?.Type);

        Assert.DoesNotContain(Analyze(files), f => f.Rule.Id.StartsWith("EGR3", StringComparison.Ordinal));
    }

    [CorpusFact]
    public void AksBaseline_WithoutTheHub_TheNextHopFirewallIsNotVisible_Info()
    {
        var findings = Analyze(BaselineSpoke, BaselineCluster);

        var topology = findings.Where(f => f.Rule.Id.StartsWith("EGR3", StringComparison.Ordinal)).ToList();
        var finding = Assert.Single(topology);
        Assert.Equal(EgressRuleIds.EGR3003, finding.Rule.Id);
        Assert.Equal(RuleSeverity.Info, finding.EffectiveSeverity);
        Assert.EndsWith("spoke-BU0001A0008.json", finding.Location.FilePath, StringComparison.Ordinal);
        Assert.Contains("Azure Firewall 'fw-{parameters('location')}', which is not among the analyzed files", finding.Message, StringComparison.Ordinal);
    }

    [CorpusFact]
    public void AksBaseline_ClusterAlone_UserDefinedRoutingWithTheSpokeNotVisible_Info()
    {
        var findings = Analyze(BaselineCluster);

        var finding = Assert.Single(findings, f => f.Rule.Id.StartsWith("EGR3", StringComparison.Ordinal));
        Assert.Equal(EgressRuleIds.EGR3001, finding.Rule.Id);
        Assert.Equal(RuleSeverity.Info, finding.EffectiveSeverity);
        Assert.Contains("snet-clusternodes", finding.Message, StringComparison.Ordinal);
    }

    [CorpusFact]
    public void AksBaselineAutomation_UserDefinedRoutingWithSubnetsFromModuleOutputs_Info()
    {
        var findings = Analyze("Azure__aks-baseline-automation/IaC/bicep/main.bicep.json");

        var finding = Assert.Single(findings, f => f.Rule.Id.StartsWith("EGR3", StringComparison.Ordinal));
        Assert.Equal(EgressRuleIds.EGR3001, finding.Rule.Id);
        Assert.Equal(RuleSeverity.Info, finding.EffectiveSeverity);
    }

    [CorpusTheory]
    [InlineData("vakappas__private-aks-bicep/private-aks.bicep.json")]
    [InlineData("Azure__AKS-Construction/samples/SampleAppMain.json")]
    [InlineData("kendallroden__ACA-Premium-UDR/arm/azuredeploy.json")]
    [InlineData("kendallroden__ACA-Premium-UDR/arm/step1CompleteUDR.json")]
    public void RoutesWhoseClusterLinkCannotBeResolved_StaySilent(string file)
    {
        // vakappas: outboundType is unset while a UDR exists, but the subnet reaches the cluster module as a module
        // output, so the two cannot be related. SampleAppMain: the whole cluster properties object is one unresolved
        // expression. ACA-Premium-UDR: Container Apps, no AKS cluster. Unknown is never reported as wrong.
        var findings = Analyze(file);

        Assert.DoesNotContain(findings, f => f.Rule.Id.StartsWith("EGR3", StringComparison.Ordinal) && f.EffectiveSeverity == RuleSeverity.Warning);
        Assert.DoesNotContain(findings, f => f.Rule.Id == EgressRuleIds.EGR3001);
    }

    [CorpusFact]
    public void AksBaselineRegulated_PublicGatewayOutsideTheForcedRoute_AndNodePoolsRoutedToTheFirewall_IsSilent()
    {
        string[] files =
        {
            "mspnp__aks-baseline-regulated/networking/spoke-BU0001A0005-01.bicep.json",
            "mspnp__aks-baseline-regulated/networking/hub-region.v2.bicep.json",
            "mspnp__aks-baseline-regulated/cluster-stamp.bicep.json",
        };
        var model = Model(files);

        // Three node pools, each subnet routed to the hub firewall; public ingress is an application gateway in its own
        // subnet, which answers clients directly (no forced route there): no asymmetric path.
        var cluster = Assert.Single(model.Clusters);
        var routes = SubnetRoute.ForCluster(cluster, model);
        Assert.Equal(3, routes.Count);
        Assert.All(routes, r => Assert.True(r.IsForcedToAppliance));
        var gateway = Assert.Single(model.IngressResources);
        Assert.Equal(Tri.Yes, gateway.HasPublicFrontend);
        var gatewaySubnet = model.ResolveSubnet(Assert.Single(gateway.Subnets).Key);
        Assert.NotNull(gatewaySubnet);
        Assert.False(SubnetRoute.For(new SubnetReference(gatewaySubnet!.Key, "gateway", default), gatewaySubnet, model).IsForcedToAppliance);

        Assert.DoesNotContain(Analyze(files), f => f.Rule.Id.StartsWith("EGR3", StringComparison.Ordinal));
    }

    [CorpusTheory]
    [InlineData("mspnp__aks-baseline/network-team/spoke-BU0001A0008.bicep", "mspnp__aks-baseline/network-team/hub-regionA.bicep", "mspnp__aks-baseline/workload-team/cluster-stamp.bicep")]
    [InlineData("mspnp__aks-baseline-regulated/networking/spoke-BU0001A0005-01.bicep", "mspnp__aks-baseline-regulated/networking/hub-region.v2.bicep", "mspnp__aks-baseline-regulated/cluster-stamp.bicep")]
    public void BicepSources_HubSpokeAndCluster_NextHopReadFromTheHubFirewallSymbol_IsSilentLikeTheirCompiledJson(params string[] files)
    {
        var read = ReadAllBicep(files);
        var model = InfrastructureModel.From(read);

        // The spoke writes the next hop as hubFirewall.properties.ipConfigurations[0].properties.privateIPAddress on an
        // existing firewall symbol: the route links to that firewall, which the hub file declares.
        var cluster = Assert.Single(model.Clusters);
        Assert.Equal("userDefinedRouting", cluster.OutboundType?.Text);
        var routes = SubnetRoute.ForCluster(cluster, model);
        Assert.NotEmpty(routes);
        Assert.All(routes, r =>
        {
            Assert.True(r.IsForcedToAppliance);
            Assert.Equal(ResourceKey.AzureFirewallType, r.DefaultRoute!.NextHopSource?.Type);
        });

        var findings = EgressAnalysis.Analyze(read, Array.Empty<ModelResource>(), new EgressSettings(), RequirementCatalog.Default);
        Assert.DoesNotContain(findings, f => f.Rule.Id.StartsWith("EGR3", StringComparison.Ordinal));
        var compiled = Analyze(files.Select(f => f + ".json").ToArray());
        Assert.Equal(
            compiled.Where(f => f.Rule.Id.StartsWith("EGR3", StringComparison.Ordinal)).Select(f => f.Rule.Id).OrderBy(id => id, StringComparer.Ordinal),
            findings.Where(f => f.Rule.Id.StartsWith("EGR3", StringComparison.Ordinal)).Select(f => f.Rule.Id).OrderBy(id => id, StringComparer.Ordinal));
    }

    [CorpusFact]
    public void BicepSource_AksBaselineWithoutTheHub_TheNextHopFirewallIsNotVisible_Info()
    {
        var findings = EgressAnalysis.Analyze(
            ReadAllBicep(new[] { "mspnp__aks-baseline/network-team/spoke-BU0001A0008.bicep", "mspnp__aks-baseline/workload-team/cluster-stamp.bicep" }),
            Array.Empty<ModelResource>(), new EgressSettings(), RequirementCatalog.Default);

        var finding = Assert.Single(findings, f => f.Rule.Id.StartsWith("EGR3", StringComparison.Ordinal));
        Assert.Equal(EgressRuleIds.EGR3003, finding.Rule.Id);
        Assert.Equal(RuleSeverity.Info, finding.EffectiveSeverity);
        Assert.EndsWith("spoke-BU0001A0008.bicep", finding.Location.FilePath, StringComparison.Ordinal);
        Assert.Contains("reads its next hop from Azure Firewall", finding.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<TemplateReadResult> ReadAllBicep(string[] files)
    {
        var corpus = EngineCorpus.Require();
        var inputs = files.Select(f => Path.Combine(corpus, f)).Select(p => new TemplateInput(p, File.ReadAllText(p))).ToList();
        return BicepReader.Read(inputs, new ArmReadOptions());
    }

    private static IReadOnlyList<Finding> Analyze(params string[] files) =>
        EgressAnalysis.Analyze(ReadAll(files), Array.Empty<ModelResource>(), new EgressSettings(), RequirementCatalog.Default);

    private static InfrastructureModel Model(params string[] files) => InfrastructureModel.From(ReadAll(files));

    private static IReadOnlyList<TemplateReadResult> ReadAll(string[] files)
    {
        var corpus = EngineCorpus.Require();
        var inputs = files.Select(f => Path.Combine(corpus, f)).Select(p => new TemplateInput(p, File.ReadAllText(p))).ToList();
        return ArmTemplateReader.Read(inputs, new ArmReadOptions());
    }
}
