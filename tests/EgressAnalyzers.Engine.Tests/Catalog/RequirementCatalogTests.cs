using System.Text.RegularExpressions;
using EgressAnalyzers.Engine.Catalog;

namespace EgressAnalyzers.Engine.Tests.Catalog;

public class RequirementCatalogTests
{
    private const string Current = "current";
    private const string Preview2019 = "2019-preview";
    private const string Global = "AzureCloud";
    private const string China = "AzureChinaCloud";
    private const string Gov = "AzureUSGovernment";

    private static readonly string[] TunnelDestinations = { "*", "serviceTag:AzureCloud.<location>", "serviceTag:AzureCloud", "ipAddresses" };

    private static RequirementCatalog Catalog => RequirementCatalog.Default;

    private static Requirement Get(string profile, string cloud, string id) =>
        Catalog.For(profile, cloud).Single(r => r.Id == id);

    private static List<Requirement> Core(string cloud, RequirementKind kind) =>
        Catalog.For(Current, cloud).Where(r => r.Kind == kind && r.Level == RequirementLevel.Required && r.OnlyWhen is null).ToList();

    [Fact]
    public void EmbeddedCatalog_Loads_WithDeclaredProfilesCloudsAndFeatures()
    {
        Assert.Equal("2026-06-18", Catalog.Version);
        Assert.Equal(new[] { Current, Preview2019 }, Catalog.Profiles);
        Assert.Equal(new[] { Global, China, Gov }, Catalog.Clouds);
        Assert.Equal(
            new[] { "gpu", "windows", "monitoring", "policy", "defender", "keyvault", "workloadIdentity", "extensions" },
            Catalog.Features);
        Assert.DoesNotContain("osUpdates", Catalog.Features);
        Assert.True(Catalog.Requirements.Count > 100);
    }

    [Theory]
    [InlineData(Global, "*.hcp.<location>.azmk8s.io|mcr.microsoft.com|*.data.mcr.microsoft.com|mcr-0001.mcr-msedge.net|management.azure.com|login.microsoftonline.com|packages.microsoft.com|acs-mirror.azureedge.net|packages.aks.azure.com")]
    [InlineData(China, "*.hcp.<location>.cx.prod.service.azk8s.cn|*.tun.<location>.cx.prod.service.azk8s.cn|mcr.microsoft.com|*.data.mcr.microsoft.com|management.chinacloudapi.cn|login.chinacloudapi.cn|packages.microsoft.com|*.azk8s.cn|mcr.azure.cn|*.data.mcr.azure.cn")]
    [InlineData(Gov, "*.hcp.<location>.cx.aks.containerservice.azure.us|mcr.microsoft.com|*.data.mcr.microsoft.com|management.usgovcloudapi.net|login.microsoftonline.us|packages.microsoft.com|acs-mirror.azureedge.net|packages.aks.azure.com")]
    public void Current_CoreRequiredApplicationFqdns_AreExactlyTheDocumentedOnes(string cloud, string expected)
    {
        var core = Core(cloud, RequirementKind.Application);

        Assert.Equal(expected.Split('|').OrderBy(f => f, StringComparer.Ordinal), core.Select(r => r.Fqdn!).OrderBy(f => f, StringComparer.Ordinal));
        Assert.All(core, r =>
        {
            Assert.Equal("Https", r.Protocol);
            Assert.Equal(443, r.Port);
            Assert.True(r.CoveredByAksFqdnTag, r.Id);
        });
    }

    [Theory]
    [InlineData(Global, "G-A3a", "*.data.mcr.microsoft.com")]
    [InlineData(Global, "G-A3b", "mcr-0001.mcr-msedge.net")]
    [InlineData(China, "C-A9a", "mcr.azure.cn")]
    [InlineData(China, "C-A9b", "*.data.mcr.azure.cn")]
    public void Current_MultiFqdnRows_AreSplitIntoSuffixedEntries(string cloud, string id, string fqdn)
    {
        Assert.Equal(fqdn, Get(Current, cloud, id).Fqdn);
    }

    [Theory]
    [InlineData(Global, "G-A1")]
    [InlineData(China, "C-A1")]
    [InlineData(China, "C-A2")]
    [InlineData(Gov, "U-A1")]
    public void Current_ApiServerFqdn_DoesNotApplyToPrivateClusters_AndIsCoveredByAzureCloudRegionTag(string cloud, string id)
    {
        var requirement = Get(Current, cloud, id);

        Assert.Equal(new[] { "privateCluster" }, requirement.NotFor);
        Assert.Contains("serviceTag:AzureCloud.<location>", requirement.Destinations);
        Assert.True(requirement.IsLocationSpecific);
    }

    [Fact]
    public void Current_OtherCoreEntries_ApplyToPrivateClustersToo()
    {
        Assert.Empty(Get(Current, Global, "G-A2").NotFor);
        Assert.Empty(Get(Current, Global, "G-A5").NotFor);
    }

    [Theory]
    [InlineData(Global, "G-A4", "serviceTag:AzureResourceManager")]
    [InlineData(Global, "G-A5", "serviceTag:AzureActiveDirectory")]
    [InlineData(China, "C-A5", "serviceTag:AzureResourceManager")]
    [InlineData(Gov, "U-A5", "serviceTag:AzureActiveDirectory")]
    public void Current_ManagementAndLogin_AlsoAcceptTheirServiceTag(string cloud, string id, string tag)
    {
        Assert.Equal(new[] { tag }, Get(Current, cloud, id).Destinations);
    }

    [Theory]
    [InlineData(Global, "G-A2")]
    [InlineData(Global, "G-A3a")]
    [InlineData(Global, "G-A3b")]
    [InlineData(Gov, "U-A2")]
    public void Current_McrEntries_HaveNoSingleServiceTagAlternative(string cloud, string id)
    {
        // MAR's firewall guide needs MicrosoftContainerRegistry *and* AzureFrontDoor.FirstParty; "any one of" cannot say that.
        Assert.Empty(Get(Current, cloud, id).Destinations);
    }

    [Theory]
    [InlineData(Global, "G-N1", "UDP", 1194)]
    [InlineData(Global, "G-N2", "TCP", 9000)]
    [InlineData(China, "C-N1", "UDP", 1194)]
    [InlineData(China, "C-N2", "TCP", 9000)]
    [InlineData(China, "C-N3", "TCP", 22)]
    [InlineData(Gov, "U-N1", "UDP", 1194)]
    [InlineData(Gov, "U-N2", "TCP", 9000)]
    public void Current_LegacyTunnelPorts_AreRecommended_RequiredOnlyWithLegacyTunnel_NotForPrivateClusters(string cloud, string id, string protocol, int port)
    {
        var requirement = Get(Current, cloud, id);

        Assert.Equal(RequirementKind.Network, requirement.Kind);
        Assert.Equal(protocol, requirement.Protocol);
        Assert.Equal(port, requirement.Port);
        Assert.Equal(RequirementLevel.Recommended, requirement.Level);
        Assert.Equal("legacyTunnel", requirement.RequiredWhen);
        Assert.Null(requirement.OnlyWhen);
        Assert.Equal(new[] { "privateCluster" }, requirement.NotFor);
        Assert.Equal(TunnelDestinations, requirement.Destinations);
    }

    [Theory]
    [InlineData(Global, "G-N3")]
    [InlineData(China, "C-N4")]
    [InlineData(Gov, "U-N3")]
    public void Current_Ntp_IsRecommended_ToAnyOrNtpUbuntuCom(string cloud, string id)
    {
        var requirement = Get(Current, cloud, id);

        Assert.Equal(("UDP", 123), (requirement.Protocol, requirement.Port));
        Assert.Equal(RequirementLevel.Recommended, requirement.Level);
        Assert.Null(requirement.RequiredWhen);
        Assert.Null(requirement.OnlyWhen);
        Assert.Equal(new[] { "*", "fqdn:ntp.ubuntu.com", "ipAddresses" }, requirement.Destinations);
    }

    [Theory]
    [InlineData(Global, "G-N4")]
    [InlineData(China, "C-N5")]
    [InlineData(Gov, "U-N4")]
    public void Current_Dns_IsRequiredOnlyWithCustomDns(string cloud, string id)
    {
        var requirement = Get(Current, cloud, id);

        Assert.Equal(("UDP", 53), (requirement.Protocol, requirement.Port));
        Assert.Equal(RequirementLevel.Required, requirement.Level);
        Assert.Equal("customDns", requirement.OnlyWhen);
        Assert.Equal(new[] { "*", "customDnsServers" }, requirement.Destinations);
    }

    [Theory]
    [InlineData(Global, "G-N5")]
    [InlineData(China, "C-N6")]
    [InlineData(Gov, "U-N5")]
    public void Current_ApiServerIpTcp443_IsRecommended_NotForPrivateClusters(string cloud, string id)
    {
        var requirement = Get(Current, cloud, id);

        Assert.Equal(("TCP", 443), (requirement.Protocol, requirement.Port));
        Assert.Equal(RequirementLevel.Recommended, requirement.Level);
        Assert.Null(requirement.RequiredWhen);
        Assert.Equal(new[] { "privateCluster" }, requirement.NotFor);
        Assert.Equal(TunnelDestinations, requirement.Destinations);
    }

    [Theory]
    [InlineData(Global)]
    [InlineData(China)]
    [InlineData(Gov)]
    public void Current_NoNetworkEntryIsUnconditionallyRequired(string cloud)
    {
        Assert.Empty(Core(cloud, RequirementKind.Network));
    }

    [Fact]
    public void Current_TunFqdnAndTcp22_SurviveOnlyInChina()
    {
        Assert.Contains(Catalog.For(Current, China), r => r.Fqdn == "*.tun.<location>.cx.prod.service.azk8s.cn");
        Assert.Contains(Catalog.For(Current, China), r => r.Kind == RequirementKind.Network && r.Protocol == "TCP" && r.Port == 22);
        foreach (var cloud in new[] { Global, Gov })
        {
            Assert.DoesNotContain(Catalog.For(Current, cloud), r => r.Fqdn?.StartsWith("*.tun.", StringComparison.Ordinal) == true);
            Assert.DoesNotContain(Catalog.For(Current, cloud), r => r.Kind == RequirementKind.Network && r.Port == 22);
        }
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("windows")]
    [InlineData("monitoring")]
    [InlineData("policy")]
    [InlineData("defender")]
    [InlineData("keyvault")]
    [InlineData("workloadIdentity")]
    [InlineData("extensions")]
    public void Current_EveryFeature_HasEntriesInAzureCloud_RequiredUnlessTheDocOffersAnAlternative(string feature)
    {
        var entries = Catalog.For(Current, Global).Where(r => r.OnlyWhen == feature).ToList();

        Assert.NotEmpty(entries);
        Assert.All(entries, r => Assert.Equal(IsRecommendedFeatureEndpoint(r) ? RequirementLevel.Recommended : RequirementLevel.Required, r.Level));
    }

    [Fact]
    public void Current_KeyVaultEntry_IsTheWildcardThatMatchesVaultHostNames_AndOnlyRecommended()
    {
        var keyVault = Assert.Single(Catalog.For(Current, Global), r => r.OnlyWhen == "keyvault");
        Assert.Equal("*.vault.azure.net", keyVault.Fqdn);
        Assert.Equal(RequirementLevel.Recommended, keyVault.Level);
    }

    // Decisions recorded in the data's notes: Key Vault (private endpoints are the documented alternative), Application
    // Insights auto-instrumentation and Marketplace extension images (only some workloads use them) are recommended.
    private static bool IsRecommendedFeatureEndpoint(Requirement r) =>
        r.OnlyWhen == "keyvault"
        || r.Fqdn == "*.in.applicationinsights.azure.com"
        || (r.Fqdn?.StartsWith("arcmktplaceprod.", StringComparison.Ordinal) ?? false)
        || r.Fqdn == "marketplaceapi.microsoft.com";

    [Theory]
    [InlineData(Global)]
    [InlineData(China)]
    [InlineData(Gov)]
    public void Current_FeatureEntries_AreCoveredByTheAksFqdnTag_OnlyWhenTheyRepeatACoreFqdn(string cloud)
    {
        var coreFqdns = new HashSet<string>(Core(cloud, RequirementKind.Application).Select(r => r.Fqdn!), StringComparer.OrdinalIgnoreCase);
        var features = Catalog.For(Current, cloud).Where(r => r.OnlyWhen is not null && r.OnlyWhen != "customDns").ToList();

        Assert.NotEmpty(features);
        Assert.All(features, r => Assert.Equal(coreFqdns.Contains(r.Fqdn!), r.CoveredByAksFqdnTag));
    }

    [Fact]
    public void Current_NetworkAndRecommendedEntries_AreNeverCoveredByTheAksFqdnTag()
    {
        Assert.All(
            Catalog.Requirements.Where(r => r.Kind == RequirementKind.Network || r.Level == RequirementLevel.Recommended),
            r => Assert.False(r.CoveredByAksFqdnTag, r.ToString()));
    }

    [Theory]
    [InlineData(Global)]
    [InlineData(China)]
    [InlineData(Gov)]
    public void Current_MonitoringApplicationEntries_AlsoAcceptTheAzureMonitorTag_ExceptSignIn(string cloud)
    {
        var monitoring = Catalog.For(Current, cloud).Where(r => r.OnlyWhen == "monitoring").ToList();

        Assert.Contains(monitoring, r => r.Fqdn!.StartsWith("<location>.handler.control.monitor.azure.", StringComparison.Ordinal));
        Assert.All(monitoring, r => Assert.Equal(
            r.Fqdn!.StartsWith("login.", StringComparison.Ordinal) ? "serviceTag:AzureActiveDirectory" : "serviceTag:AzureMonitor",
            Assert.Single(r.Destinations)));
    }

    [Fact]
    public void Current_KeyVaultGlobalEntry_KeepsTheDocsSpellingWithoutWildcard()
    {
        Assert.Equal("*.vault.usgovcloudapi.net", Assert.Single(Catalog.For(Current, Gov), r => r.OnlyWhen == "keyvault").Fqdn);
        Assert.DoesNotContain(Catalog.For(Current, China), r => r.OnlyWhen == "keyvault");
    }

    [Theory]
    [InlineData(Global, "<location>.dp.kubernetesconfiguration.azure.com")]
    [InlineData(Gov, "<location>.dp.kubernetesconfiguration.azure.us")]
    public void Current_Extensions_NeedTheRegionalConfigurationEndpoint(string cloud, string fqdn)
    {
        var requirement = Assert.Single(Catalog.For(Current, cloud), r => r.Fqdn == fqdn);

        Assert.Equal("extensions", requirement.OnlyWhen);
        Assert.True(requirement.IsLocationSpecific);
    }

    [Theory]
    [InlineData("*.mp.microsoft.com", "Http", 80)]
    [InlineData("www.msftconnecttest.com", "Http", 80)]
    [InlineData("ctldl.windowsupdate.com", "Http", 80)]
    [InlineData("onegetcdn.azureedge.net", "Https", 443)]
    [InlineData("go.microsoft.com", "Https", 443)]
    public void Current_WindowsEntries_UseThePortTheDocsGive(string fqdn, string protocol, int port)
    {
        var requirement = Assert.Single(Catalog.For(Current, Global), r => r.Fqdn == fqdn && r.OnlyWhen == "windows");

        Assert.Equal((protocol, port), (requirement.Protocol, requirement.Port));
    }

    [Theory]
    [InlineData(Global)]
    [InlineData(China)]
    [InlineData(Gov)]
    public void Current_OsUpdates_AreRecommendedAndUnconditional(string cloud)
    {
        var os = Catalog.For(Current, cloud)
            .Where(r => r.Kind == RequirementKind.Application && r.Level == RequirementLevel.Recommended && r.OnlyWhen is null)
            .ToDictionary(r => r.Fqdn!, r => (r.Protocol, r.Port));

        Assert.Equal(4, os.Count);
        Assert.Equal(("Http", 80), os["security.ubuntu.com"]);
        Assert.Equal(("Http", 80), os["azure.archive.ubuntu.com"]);
        Assert.Equal(("Http", 80), os["changelogs.ubuntu.com"]);
        Assert.Equal(("Https", 443), os["snapshot.ubuntu.com"]);
    }

    [Fact]
    public void Preview2019_ExistsOnlyForAzureCloud()
    {
        Assert.True(Catalog.HasRequirements(Preview2019, Global));
        Assert.False(Catalog.HasRequirements(Preview2019, China));
        Assert.False(Catalog.HasRequirements(Preview2019, Gov));
    }

    [Fact]
    public void Preview2019_RequiredNetworkEntries_FollowTheSeedPage()
    {
        var network = Catalog.For(Preview2019, Global).Where(r => r.Kind == RequirementKind.Network).ToList();

        Assert.All(network, r => Assert.Equal(RequirementLevel.Required, r.Level));
        Assert.All(network, r => Assert.Null(r.OnlyWhen));
        Assert.Equal(
            new[] { "TCP:22", "TCP:443", "TCP:9000", "UDP:123", "UDP:53" },
            network.Select(r => $"{r.Protocol}:{r.Port}").OrderBy(s => s, StringComparer.Ordinal));
        Assert.Equal(TunnelDestinations, network.Single(r => r.Port == 22).Destinations);
        Assert.Equal(new[] { "*", "ipAddresses" }, network.Single(r => r.Port == 53).Destinations);
        Assert.Equal(new[] { "*", "fqdn:ntp.ubuntu.com", "ipAddresses" }, network.Single(r => r.Port == 123).Destinations);
    }

    [Fact]
    public void Preview2019_ApplicationEntries_FollowTheSeedPage()
    {
        var entries = Catalog.For(Preview2019, Global).Where(r => r.Kind == RequirementKind.Application).ToList();
        string[] Fqdns(RequirementLevel level) =>
            entries.Where(r => r.Level == level).Select(r => r.Fqdn!).OrderBy(f => f, StringComparer.Ordinal).ToArray();

        Assert.Equal(
            new[]
            {
                "*.blob.core.windows.net", "*.cdn.mscr.io", "*.hcp.<location>.azmk8s.io", "*.tun.<location>.azmk8s.io",
                "aksrepos.azurecr.io", "login.microsoftonline.com", "management.azure.com", "mcr.microsoft.com",
            },
            Fqdns(RequirementLevel.Required));
        Assert.Equal(
            new[]
            {
                "*.monitoring.azure.com", "*.opinsights.azure.com", "apt.dockerproject.org", "azure.archive.ubuntu.com",
                "changelogs.ubuntu.com", "dc.services.visualstudio.com", "gov-prod-policy-data.trafficmanager.net",
                "nvidia.github.io", "packages.microsoft.com", "security.ubuntu.com",
            },
            Fqdns(RequirementLevel.Recommended));
        Assert.DoesNotContain(entries, r => r.Fqdn is "api.snapcraft.io" or "*.docker.io");
    }

    [Fact]
    public void Preview2019_HasNoPrivateClusterExemptionsNorFqdnTagCoverage()
    {
        Assert.All(Catalog.For(Preview2019, Global), r =>
        {
            Assert.Empty(r.NotFor);
            Assert.False(r.CoveredByAksFqdnTag);
            Assert.Null(r.RequiredWhen);
            Assert.Equal("2019-06-06", r.SourceDate);
            Assert.Contains("74ec446717e7", r.Source, StringComparison.Ordinal);
            Assert.StartsWith("P19-", r.Id, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void EveryEntry_HasPurposeSourceAndSourceDate()
    {
        var date = new Regex(@"^\d{4}-\d{2}-\d{2}$");
        Assert.All(Catalog.Requirements, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Purpose), r.Id);
            Assert.Contains("MicrosoftDocs/azure-aks-docs", r.Source, StringComparison.Ordinal);
            Assert.Matches(date, r.SourceDate);
        });
    }

    [Fact]
    public void Ids_AreUniquePerProfileAndCloud()
    {
        var duplicates = Catalog.Requirements
            .GroupBy(r => (r.Profile, r.Cloud, r.Id))
            .Where(g => g.Count() > 1)
            .Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void Ids_FollowTheCloudPrefix()
    {
        var prefixes = new Dictionary<string, string> { [Global] = "G-", [China] = "C-", [Gov] = "U-" };
        Assert.All(Catalog.For(Current, Global).Concat(Catalog.For(Current, China)).Concat(Catalog.For(Current, Gov)),
            r => Assert.StartsWith(prefixes[r.Cloud], r.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryCondition_IsKnown()
    {
        Assert.All(Catalog.Requirements, r =>
        {
            Assert.True(r.OnlyWhen is null || r.OnlyWhen == "customDns" || Catalog.Features.Contains(r.OnlyWhen), r.ToString());
            Assert.True(r.RequiredWhen is null or "legacyTunnel", r.ToString());
            Assert.All(r.NotFor, shape => Assert.Equal("privateCluster", shape));
        });
    }

    [Fact]
    public void HttpEntriesUsePort80_AndHttpsEntriesPort443()
    {
        Assert.All(Catalog.Requirements.Where(r => r.Kind == RequirementKind.Application), r =>
            Assert.Equal(r.Protocol == "Http" ? 80 : 443, r.Port));
    }

    [Fact]
    public void EveryCloud_HasANonEmptyRegionList()
    {
        Assert.All(Catalog.Clouds, cloud => Assert.NotEmpty(Catalog.Regions[cloud]));
    }

    [Theory]
    [InlineData(Global, "eastus", true)]
    [InlineData(Global, "westeurope", true)]
    [InlineData(Global, "newzealandnorth", true)]
    [InlineData(Global, "northcentralusstage", false)]
    [InlineData(Global, "chinaeast2", false)]
    [InlineData(China, "chinanorth3", true)]
    [InlineData(China, "eastus", false)]
    [InlineData(Gov, "usgovvirginia", true)]
    [InlineData(Gov, "usdodeast", true)]
    [InlineData(Gov, "westeurope", false)]
    public void IsKnownRegion_KnowsThePublicRegionsOfEachCloud(string cloud, string region, bool known)
    {
        Assert.Equal(known, Catalog.IsKnownRegion(cloud, region));
    }

    [Fact]
    public void SovereignRegionLists_AreExact()
    {
        Assert.Equal(
            new[] { "chinaeast", "chinaeast2", "chinaeast3", "chinanorth", "chinanorth2", "chinanorth3" },
            Catalog.Regions[China].OrderBy(r => r, StringComparer.Ordinal));
        Assert.Equal(
            new[] { "usdodcentral", "usdodeast", "usgovarizona", "usgoviowa", "usgovtexas", "usgovvirginia" },
            Catalog.Regions[Gov].OrderBy(r => r, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("aksrepos.azurecr.io")]
    [InlineData("*.cdn.mscr.io")]
    [InlineData("*.tun.<location>.azmk8s.io")]
    [InlineData("api.snapcraft.io")]
    [InlineData("*.docker.io")]
    [InlineData("gov-prod-policy-data.trafficmanager.net")]
    [InlineData("apt.dockerproject.org")]
    [InlineData("*.gk.<location>.azmk8s.io")]
    public void Deprecated_ListsEndpointsThatLeftTheAksList_WithDateAndSource(string fqdn)
    {
        var endpoint = Assert.Single(Catalog.Deprecated, d => d.Fqdn == fqdn);

        Assert.Matches(new Regex(@"\d{4}-\d{2}-\d{2}"), endpoint.Note);
        Assert.Contains("MicrosoftDocs/azure-aks-docs", endpoint.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("raw.githubusercontent.com")]
    [InlineData("*.blob.core.windows.net")]
    public void Deprecated_LeavesOutEndpointsThatExtensionsStillUse(string fqdn)
    {
        Assert.DoesNotContain(Catalog.Deprecated, d => d.Fqdn == fqdn);
    }

    [Fact]
    public void Deprecated_NeverNamesACurrentRequirement()
    {
        var current = new HashSet<string>(
            Catalog.Requirements.Where(r => r.Profile == Current && r.Fqdn is not null).Select(r => r.Fqdn!),
            StringComparer.OrdinalIgnoreCase);

        Assert.All(Catalog.Deprecated, d => Assert.DoesNotContain(d.Fqdn, current));
    }
}
