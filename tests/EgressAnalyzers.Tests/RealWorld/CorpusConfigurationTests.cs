using EgressAnalyzers.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EgressAnalyzers.Tests.RealWorld;

/// <summary>
/// Real configurations from <c>../shared/corpus</c> (MANIFEST.md, "The configurations in short"), analyzed through the
/// Roslyn analyzer as a build would. Each expectation is reasoned from the requirement facts
/// (<c>../shared/reference/aks-egress-requirements.md</c>) and the file's content, not copied from the analyzer's output.
/// </summary>
public class CorpusConfigurationTests(ITestOutputHelper output)
{
    private const string Regulated = "mspnp__aks-baseline-regulated/";
    private const string Baseline = "mspnp__aks-baseline/";

    /// <summary>The core application requirements G-A2…G-A8 that a firewall without rules leaves open (any cluster).</summary>
    private static readonly string[] CoreEndpointsExceptApiServer =
    {
        "mcr.microsoft.com", "*.data.mcr.microsoft.com", "mcr-0001.mcr-msedge.net", "management.azure.com",
        "login.microsoftonline.com", "packages.microsoft.com", "acs-mirror.azureedge.net", "packages.aks.azure.com",
    };

    [CorpusFact]
    public async Task RegulatedHubV0_Alone_IsSilent_BecauseNoClusterIsInScopeAndItHasNoAksRules()
    {
        var result = await AnalyzeAsync(Regulated + "networking/hub-region.v0.bicep.json");
        Assert.Empty(result.Diagnostics);
    }

    [CorpusFact]
    public async Task RegulatedHubV1Json_Alone_IsSilent_BecauseItsBuildStageRulesDoNotServeAks()
    {
        var result = await AnalyzeAsync(Regulated + "networking/hub-region.v1.json");
        Assert.Empty(result.Diagnostics);
    }

    [CorpusFact]
    public async Task RegulatedHubV0_WithTheClusterStamp_ReportsEveryCoreEndpointMissing_ButNotTheApiServerOfAPrivateCluster()
    {
        var result = await AnalyzeAsync(Regulated + "networking/hub-region.v0.bicep.json", Regulated + "cluster-stamp.bicep.json");

        var missing = result.EndpointsOf("EGR1001");
        Assert.All(CoreEndpointsExceptApiServer, endpoint => Assert.Contains(endpoint, missing));
        Assert.DoesNotContain(missing, endpoint => endpoint.StartsWith("*.hcp.", StringComparison.Ordinal));
        // Every finding points at the one firewall (it has no collection that could hold the rules).
        Assert.Single(result.WithId("EGR1001").Select(d => d.Location.GetLineSpan()).Distinct());
        Assert.All(result.WithId("EGR1001"), d => Assert.EndsWith("hub-region.v0.bicep.json", d.Location.GetLineSpan().Path, StringComparison.Ordinal));
    }

    [CorpusFact]
    public async Task RegulatedHubV1Bicep_WithTheClusterStamp_ReportsTheCoreEndpointsItsBuildStageRulesLeaveOpen()
    {
        var result = await AnalyzeAsync(Regulated + "networking/hub-region.v1.bicep.json", Regulated + "cluster-stamp.bicep.json");

        var missing = result.EndpointsOf("EGR1001");
        // v1 allows management.azure.com and packages.microsoft.com (build stage) but no registry or sign-in endpoint.
        Assert.Contains("mcr.microsoft.com", missing);
        Assert.Contains("login.microsoftonline.com", missing);
        Assert.DoesNotContain("management.azure.com", missing);
        Assert.DoesNotContain("packages.microsoft.com", missing);
    }

    [CorpusFact]
    public async Task RegulatedHubV2Bicep_WithTheClusterStamp_CoversTheCoreThroughTheAksFqdnTag()
    {
        var result = await AnalyzeAsync(Regulated + "networking/hub-region.v2.bicep.json", Regulated + "cluster-stamp.bicep.json");

        var missing = result.EndpointsOf("EGR1001");
        Assert.All(CoreEndpointsExceptApiServer, endpoint => Assert.DoesNotContain(endpoint, missing));
        // The cluster enables Defender for Containers; v2 has no rule for its event upload endpoint.
        Assert.Contains("*.cloud.defender.microsoft.com", missing);
        // Monitoring rules are written with resourceGroup().location: unknown, so reported as unprovable, not missing.
        Assert.DoesNotContain("*.monitoring.azure.com", missing);
        Assert.Contains(result.WithId("EGR1006"), d => d.GetMessage().Contains("resourceGroup().location", StringComparison.Ordinal));
        Assert.Empty(result.WithId("EGR1002"));
    }

    [CorpusFact]
    public async Task RegulatedHubV2Json_WithTheClusterStamp_CoversRegistryAndSignInThroughTheTagAlone()
    {
        var result = await AnalyzeAsync(Regulated + "networking/hub-region.v2.json", Regulated + "cluster-stamp.bicep.json");

        var missing = result.EndpointsOf("EGR1001");
        Assert.DoesNotContain("mcr.microsoft.com", missing);
        Assert.DoesNotContain("*.data.mcr.microsoft.com", missing);
        Assert.DoesNotContain("login.microsoftonline.com", missing);
        Assert.Contains("*.cloud.defender.microsoft.com", missing);
    }

    [CorpusFact]
    public async Task VakappasPrivateAks_ExplicitList_MissesOnlyTheEndpointsAddedSince2020_AndFlagsTheRetiredOnes()
    {
        var result = await AnalyzeAsync("vakappas__private-aks-bicep/private-aks.bicep.json");

        Assert.Equal(new[] { "mcr-0001.mcr-msedge.net", "packages.aks.azure.com" }, result.EndpointsOf("EGR1001"));
        Assert.Equal(new[] { "*.cdn.mscr.io", "api.snapcraft.io" }, result.EndpointsOf("EGR2003"));
        Assert.Empty(result.WithId("EGR1002"));
    }

    [CorpusFact]
    public async Task VakappasPrivateAks_UnderThe2019PreviewProfile_NoLongerCallsTheThenRequiredCdnRetired()
    {
        var result = await AnalyzeAsync(
            new[] { "vakappas__private-aks-bicep/private-aks.bicep.json" },
            new Dictionary<string, string> { ["EgressAksProfile"] = "2019-preview" });

        // The 2019 list did not yet have the 2020+ endpoints, and *.cdn.mscr.io was on it.
        var missing = result.EndpointsOf("EGR1001");
        Assert.DoesNotContain("mcr-0001.mcr-msedge.net", missing);
        Assert.DoesNotContain("packages.aks.azure.com", missing);
        Assert.DoesNotContain("*.cdn.mscr.io", result.EndpointsOf("EGR2003"));
    }

    [CorpusFact]
    public async Task KendallRodenAllowAll_ReportsTheAllowEverythingRules_AndNothingMissing()
    {
        var result = await AnalyzeAsync("kendallroden__ACA-Premium-UDR/arm/azuredeploy.json");

        Assert.Equal(2, result.WithId("EGR2001").Count);
        Assert.Contains(result.WithId("EGR2001"), d => d.GetMessage().Contains("rule 'all'", StringComparison.Ordinal));
        Assert.Empty(result.WithId("EGR1001"));
        Assert.Empty(result.WithId("EGR1002"));
    }

    [CorpusFact]
    public async Task AksBaseline2022Json_KonnectivityEraRules_LeaveTheLegacyTunnelAsInformationOnly()
    {
        var result = await AnalyzeAsync(Baseline + "networking/hub-regionA.json", Baseline + "cluster-stamp.json");

        var recommended = result.EndpointsOf("EGR1003");
        Assert.Contains("UDP 1194 to AzureCloud.eastus2", recommended);
        Assert.Contains("TCP 9000 to AzureCloud.eastus2", recommended);
        Assert.Empty(result.WithId("EGR1002"));
        var missing = result.EndpointsOf("EGR1001");
        Assert.All(CoreEndpointsExceptApiServer, endpoint => Assert.DoesNotContain(endpoint, missing));
        // The public API server is reached by the TCP 443 rule to AzureCloud.eastus2.
        Assert.DoesNotContain(missing, endpoint => endpoint.StartsWith("*.hcp.", StringComparison.Ordinal));
        // The cluster enables Container Insights; the 2022 hub has no rule for the metrics endpoint.
        Assert.Contains("*.monitoring.azure.com", missing);
        Assert.Equal(new[] { "*.docker.io" }, result.EndpointsOf("EGR2003"));
    }

    [CorpusFact]
    public async Task AksBaseline2022Json_WithTheLegacyTunnelDeclared_MakesTheTunnelPortsRequired()
    {
        var result = await AnalyzeAsync(
            new[] { Baseline + "networking/hub-regionA.json", Baseline + "cluster-stamp.json" },
            new Dictionary<string, string> { ["EgressAksTunnel"] = "legacy" });

        var requiredNetwork = result.EndpointsOf("EGR1002");
        Assert.Contains("UDP 1194 to AzureCloud.eastus2", requiredNetwork);
        Assert.Contains("TCP 9000 to AzureCloud.eastus2", requiredNetwork);
    }

    [CorpusFact]
    public async Task AksBaselineHubDefault_WithTheClusterStamp_IsTheNegativeCase_DnsRuleOnly()
    {
        var result = await AnalyzeAsync(Baseline + "network-team/hub-default.bicep.json", Baseline + "workload-team/cluster-stamp.bicep.json");

        var missing = result.EndpointsOf("EGR1001");
        Assert.All(CoreEndpointsExceptApiServer, endpoint => Assert.Contains(endpoint, missing));
    }

    [CorpusFact]
    public async Task AksBaselineAutomation_RulesPassedThroughGenericModules_AreUnprovable_NeverMissing()
    {
        var result = await AnalyzeAsync("Azure__aks-baseline-automation/IaC/bicep/main.bicep.json", "Azure__aks-baseline-automation/IaC/bicep/main.parameters.json");

        // The regional policy's base and the firewall's policy arrive as module parameters without values.
        Assert.Empty(result.WithId("EGR1001"));
        Assert.Empty(result.WithId("EGR1002"));
        Assert.Equal(2, result.WithId("EGR1006").Count);
    }

    [CorpusFact]
    public async Task SpringAppsArchiveArm_WithoutACluster_OnlyReportsRetiredEndpoints()
    {
        var result = await AnalyzeAsync("Azure__azure-spring-apps-landing-zone-accelerator/archive/ARM/deploy.json");

        Assert.Equal(new[] { "EGR2003" }, result.Diagnostics.Select(d => d.Id).Distinct());
        Assert.Equal(new[] { "*.cdn.mscr.io", "*.docker.io", "api.snapcraft.io" }, result.EndpointsOf("EGR2003"));
    }

    [CorpusFact]
    public async Task AksConstructionSample_RulesInsideConcatExpressions_AreReadAsRules()
    {
        // Opted in (no cluster in this file): the AKS rules exist only inside [concat(createArray(createObject(…)))].
        var result = await AnalyzeAsync(
            new[] { "Azure__AKS-Construction/samples/SampleAppMain.json" },
            new Dictionary<string, string> { ["EgressCheckAllFirewalls"] = "true", ["EgressAksLocation"] = "westeurope" });

        var missing = result.EndpointsOf("EGR1001");
        Assert.DoesNotContain("mcr.microsoft.com", missing);
        Assert.DoesNotContain("management.azure.com", missing);
    }

    private Task<CorpusResult> AnalyzeAsync(params string[] files) => AnalyzeAsync(files, null);

    private async Task<CorpusResult> AnalyzeAsync(string[] files, IReadOnlyDictionary<string, string>? settings)
    {
        var result = await CorpusAnalysis.AnalyzeAsync(files, settings);
        output.WriteLine(result.Dump());
        Assert.Empty(result.AnalyzerExceptions);
        return result;
    }
}
