using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Coverage;
using EgressAnalyzers.Engine.Model;
using static EgressAnalyzers.Engine.Tests.Coverage.TestModel;

namespace EgressAnalyzers.Engine.Tests.Coverage;

public class RuleMatcherTests
{
    private static readonly RequirementInstance Hcp = RequirementInstance.For(TestCatalog.Hcp, "westeurope");
    private static readonly RequirementInstance Mcr = RequirementInstance.For(TestCatalog.Mcr, "westeurope");
    private static readonly RequirementInstance Gpu = RequirementInstance.For(TestCatalog.Gpu, "westeurope");
    private static readonly RequirementInstance Tunnel = RequirementInstance.For(TestCatalog.Tunnel, "westeurope");
    private static readonly RequirementInstance Ntp = RequirementInstance.For(TestCatalog.Ntp, "westeurope");
    private static readonly RequirementInstance Dns = RequirementInstance.For(TestCatalog.CustomDns, "westeurope");

    private static Tri Match(RequirementInstance requirement, FirewallRule rule, MatchContext? context = null) =>
        RuleMatcher.Match(requirement, rule, context ?? MatchContext.Unknown).Value;

    [Theory]
    [InlineData("*.hcp.westeurope.azmk8s.io", "Https:443", Tri.Yes)]
    [InlineData("*.HCP.WestEurope.AZMK8S.io", "https:443", Tri.Yes)]
    [InlineData("*.azmk8s.io", "Https:443", Tri.Yes)]
    [InlineData("*.hcp.eastus.azmk8s.io", "Https:443", Tri.No)]
    [InlineData("*.hcp.westeurope.azmk8s.io", "Http:80", Tri.No)]
    [InlineData("*.hcp.westeurope.azmk8s.io", "Https:8443", Tri.No)]
    [InlineData("*.hcp.westeurope.azmk8s.io", "Http:443", Tri.No)]
    [InlineData("*.hcp.westeurope.azmk8s.io", "Http:80,Https:443", Tri.Yes)]
    public void ApplicationRule_NeedsSameProtocolPortAndCoveringFqdn(string fqdns, string protocols, Tri expected) =>
        Assert.Equal(expected, Match(Hcp, App(fqdns, protocols)));

    [Fact]
    public void AksFqdnTag_CoversCoreEntriesOverHttps() =>
        Assert.Equal(Tri.Yes, Match(Hcp, TagRule()));

    [Fact]
    public void AksFqdnTag_IsCaseInsensitive() =>
        Assert.Equal(Tri.Yes, Match(Mcr, App("", tags: "azurekubernetesservice")));

    [Fact]
    public void AksFqdnTag_DoesNotCoverFeatureEntries() =>
        Assert.Equal(Tri.No, Match(Gpu, TagRule()));

    [Fact]
    public void AksFqdnTag_NeedsAnHttpsProtocol() =>
        Assert.Equal(Tri.No, Match(Mcr, TagRule("Http:80")));

    [Fact]
    public void AksFqdnTag_DoesNotCoverNetworkRequirements() =>
        Assert.Equal(Tri.No, Match(Tunnel, TagRule()));

    [Theory]
    [InlineData("TCP", "*", "443", Tri.Yes)]
    [InlineData("Any", "*", "*", Tri.Yes)]
    [InlineData("UDP", "*", "443", Tri.No)]
    [InlineData("TCP", "*", "80", Tri.No)]
    [InlineData("TCP", "0.0.0.0/0", "1-65535", Tri.Yes)]
    [InlineData("TCP", "20.0.0.0/8", "443", Tri.No)]
    [InlineData("TCP", "AzureCloud.westeurope", "443", Tri.No)]
    public void NetworkRule_CoversHttpsRequirementAtLayerFour(string protocol, string destination, string ports, Tri expected) =>
        Assert.Equal(expected, Match(Mcr, Net(protocol, destination, ports)));

    [Fact]
    public void NetworkRule_WithExactDestinationFqdn_CoversApplicationRequirement()
    {
        Assert.Equal(Tri.Yes, Match(Mcr, Net("TCP", "", "443", fqdns: "MCR.microsoft.com")));
        Assert.Equal(Tri.No, Match(Hcp, Net("TCP", "", "443", fqdns: "x.hcp.westeurope.azmk8s.io")));
    }

    [Fact]
    public void NetworkRule_WithServiceTagListedByRequirement_CoversApplicationRequirement()
    {
        var monitor = RequirementInstance.For(
            new Engine.Catalog.Requirement { Id = "M-1", Kind = Engine.Catalog.RequirementKind.Application, Fqdn = "global.handler.control.monitor.azure.com", Protocol = "Https", Port = 443, Destinations = new[] { "serviceTag:AzureMonitor" } },
            "westeurope");
        Assert.Equal(Tri.Yes, Match(monitor, Net("TCP", "azuremonitor", "443")));
        Assert.Equal(Tri.No, Match(Mcr, Net("TCP", "AzureMonitor", "443")));
    }

    [Fact]
    public void NetworkRule_WithIpGroupDestination_MayCoverFqdnRequirement_ForTheGroupMayHoldEveryAddress()
    {
        // Its addresses are not read; holding 0.0.0.0/0 it lets the FQDN through as "*" does. Unknown, not missing.
        Assert.Equal(Tri.Maybe, Match(Mcr, Net("TCP", "", "443", ipGroups: "[resourceId('Microsoft.Network/ipGroups','g')]")));
        Assert.Equal(Tri.No, Match(Mcr, Net("UDP", "", "443", ipGroups: "g")));
    }

    [Theory]
    [InlineData("0.0.0.0/1,128.0.0.0/1", Tri.Yes)]
    [InlineData("128.0.0.0/1,0.0.0.0/2,64.0.0.0/2", Tri.Yes)]
    [InlineData("0.0.0.0-127.255.255.255,128.0.0.0-255.255.255.255", Tri.Yes)]
    [InlineData("0.0.0.0/1,128.0.0.0/2", Tri.No)]
    [InlineData("0.0.0.0/1,128.0.0.1-255.255.255.255", Tri.No)]
    public void NetworkRule_WhoseAddressesAddUpToEveryAddress_IsAsAStar(string destinations, Tri expected)
    {
        Assert.Equal(expected, Match(Mcr, Net("TCP", destinations, "443")));
        Assert.Equal(expected == Tri.Yes ? Tri.Yes : Tri.No, Match(Ntp, Net("UDP", destinations, "123")));
    }

    [Theory]
    [InlineData("UDP", "*", "1194", Tri.Yes)]
    [InlineData("Any", "AzureCloud.westeurope", "1194", Tri.Yes)]
    [InlineData("UDP", "AzureCloud.WestEurope", "1194", Tri.Yes)]
    [InlineData("UDP", "AzureCloud.eastus", "1194", Tri.No)]
    [InlineData("UDP", "AzureCloud", "1194", Tri.No)]
    [InlineData("TCP", "*", "1194", Tri.No)]
    [InlineData("UDP", "*", "1195-2000", Tri.No)]
    [InlineData("UDP", "*", "1000-2000", Tri.Yes)]
    [InlineData("UDP", "20.50.0.0/16", "1194", Tri.Maybe)]
    public void NetworkRequirement_MatchesProtocolPortAndOneDestinationForm(string protocol, string destination, string ports, Tri expected) =>
        Assert.Equal(expected, Match(Tunnel, Net(protocol, destination, ports)));

    [Theory]
    [InlineData("G-N3", "whether '10.0.0.4' holds the addresses of ntp.ubuntu.com")]
    [InlineData("G-N1", "whether '10.0.0.4' holds the addresses of AzureCloud.westeurope or AzureCloud (the region, or the API server)")]
    public void NetworkRequirement_AddressDestination_IsMaybe_NamingWhatItWouldHaveToHold(string id, string cause)
    {
        var requirement = RequirementInstance.For(RequirementCatalog.Default.Requirements.First(r => r.Id == id && r.Profile == "current" && r.Cloud == "AzureCloud"), "westeurope");

        var result = RuleMatcher.Match(requirement, Net("Any", "10.0.0.4", "*"), MatchContext.Unknown);

        Assert.Equal(Tri.Maybe, result.Value);
        Assert.Equal(cause, Assert.Single(result.Causes).Description);
    }

    [Fact]
    public void NetworkRequirement_IpGroupDestination_IsMaybe() =>
        Assert.Equal(Tri.Maybe, Match(Tunnel, Net("UDP", "", "1194", ipGroups: "apiServerIps")));

    [Fact]
    public void NetworkRequirement_FqdnForm_NeedsExactDestinationFqdn()
    {
        Assert.Equal(Tri.Yes, Match(Ntp, Net("UDP", "", "123", fqdns: "ntp.ubuntu.com")));
        Assert.Equal(Tri.No, Match(Ntp, Net("UDP", "", "123", fqdns: "pool.ntp.org")));
    }

    [Fact]
    public void ApplicationRules_NeverMatchNetworkRequirements() =>
        Assert.Equal(Tri.No, Match(Tunnel, App("*", "Https:1194")));

    [Fact]
    public void CustomDns_NeedsEveryServerInsideTheDestinations()
    {
        var context = new MatchContext { CustomDnsServers = Vs("10.0.0.4", "10.0.0.5") };
        Assert.Equal(Tri.Yes, Match(Dns, Net("UDP", "10.0.0.0/24", "53"), context));
        Assert.Equal(Tri.Yes, Match(Dns, Net("UDP", "10.0.0.4,10.0.0.5", "53"), context));
        Assert.Equal(Tri.No, Match(Dns, Net("UDP", "10.0.0.4", "53"), context));
        Assert.Equal(Tri.Maybe, Match(Dns, Net("UDP", "10.0.0.4", "53", ipGroups: "dnsGroup"), context));
        Assert.Equal(Tri.No, Match(Dns, Net("UDP", "10.0.0.0/24", "53"), MatchContext.Unknown));
    }

    [Fact]
    public void UnknownFqdn_IsMaybe_AndNamesTheValue()
    {
        var unknown = U("[parameters('fqdns')]");
        var result = RuleMatcher.Match(Mcr, App(new[] { unknown }), MatchContext.Unknown);
        Assert.Equal(Tri.Maybe, result.Value);
        Assert.Equal(unknown.Span, Assert.Single(result.Causes).Span);
        Assert.Equal("[parameters('fqdns')]", result.Causes[0].Description);
    }

    [Fact]
    public void UnknownValue_DoesNotMatter_WhenAKnownValueAlreadyMatches()
    {
        var rule = App(new[] { U("[parameters('extra')]"), V("mcr.microsoft.com") });
        Assert.Equal(Tri.Yes, Match(Mcr, rule));
    }

    [Fact]
    public void UnknownProtocolPortAndDestination_AreMaybe()
    {
        Assert.Equal(Tri.Maybe, Match(Tunnel, Net(new[] { U("[parameters('proto')]") }, Vs("*"), Vs("1194"))));
        Assert.Equal(Tri.Maybe, Match(Tunnel, Net(Vs("UDP"), Vs("*"), new[] { U("[parameters('ports')]") })));
        Assert.Equal(Tri.Maybe, Match(Tunnel, Net(Vs("UDP"), new[] { U("[variables('dest')]") }, Vs("1194"))));
    }

    [Fact]
    public void UnknownValue_DoesNotRescue_AKnownMismatch() =>
        Assert.Equal(Tri.No, Match(Tunnel, Net(Vs("TCP"), new[] { U("[variables('dest')]") }, Vs("1194"))));

    [Fact]
    public void Sources_NotContainingTheNodeSubnet_DoNotMatch()
    {
        AddressRange.TryParse("10.240.0.0/16", out var nodes);
        var context = new MatchContext { NodePrefixes = new[] { nodes } };
        Assert.Equal(Tri.Yes, Match(Mcr, App("mcr.microsoft.com", sources: "10.0.0.0/8"), context));
        Assert.Equal(Tri.Yes, Match(Mcr, App("mcr.microsoft.com", sources: "*"), context));
        Assert.Equal(Tri.No, Match(Mcr, App("mcr.microsoft.com", sources: "192.168.0.0/16"), context));
        Assert.Equal(Tri.Maybe, Match(Mcr, App("mcr.microsoft.com", sources: "10.240.0.0/24"), context));
        Assert.Equal(Tri.Maybe, Match(Tunnel, Net("UDP", "*", "1194", sources: "192.168.0.0/16", sourceIpGroups: "aksNodes"), context));
    }

    [Fact]
    public void Sources_AreAssumedToApply_WhenTheNodeSubnetIsUnknown() =>
        Assert.Equal(Tri.Yes, Match(Mcr, App("mcr.microsoft.com", sources: "192.168.0.0/16"), MatchContext.Unknown));

    [Fact]
    public void DenySources_AreNotAssumedToHitTheNodes_WhenTheNodeSubnetIsUnknown()
    {
        // Another spoke's Deny would otherwise make the nodes' Allow after it look blocked (a false EGR1004).
        var deny = RuleMatcher.Match(Mcr, App("mcr.microsoft.com", sources: "10.50.0.0/16"), MatchContext.Unknown, RuleAction.Deny);
        Assert.Equal(Tri.Maybe, deny.Value);
        Assert.Contains(deny.Causes, c => c.Description.Contains("source '10.50.0.0/16'", StringComparison.Ordinal));

        Assert.Equal(Tri.Yes, RuleMatcher.Match(Mcr, App("mcr.microsoft.com", sources: "10.50.0.0/16,*"), MatchContext.Unknown, RuleAction.Deny).Value);
        Assert.Equal(Tri.Yes, RuleMatcher.Match(Mcr, App("mcr.microsoft.com", sources: "0.0.0.0/1,128.0.0.0/1"), MatchContext.Unknown, RuleAction.Deny).Value);
        Assert.Equal(Tri.Maybe, RuleMatcher.Match(Mcr, Net("TCP", "*", "443", sources: "", sourceIpGroups: "spokes"), MatchContext.Unknown, RuleAction.Deny).Value);
        Assert.Equal(Tri.Yes, RuleMatcher.Match(Mcr, App("mcr.microsoft.com", sources: "10.50.0.0/16"), MatchContext.Unknown, RuleAction.Allow).Value);
    }

    [Theory]
    [InlineData("mcr.microsoft.com/*", Tri.Maybe)]
    [InlineData("MCR.microsoft.com/v2/*", Tri.Maybe)]
    [InlineData("*.microsoft.com/*", Tri.Maybe)]
    [InlineData("www.contoso.com/*", Tri.No)]
    public void A_target_URL_of_the_endpoints_host_may_let_it_through_and_one_of_another_host_does_not(string url, Tri expected) =>
        Assert.Equal(expected, Match(Mcr, new ApplicationRule("urls", Span(), App("").Protocols, Vs(), Vs(), Vs("*"), Vs()) { TargetUrls = Vs(url) }));

    [Fact]
    public void A_web_category_may_hold_any_endpoint()
    {
        var rule = new ApplicationRule("categories", Span(), App("").Protocols, Vs(), Vs(), Vs("*"), Vs()) { WebCategories = Vs("ComputersAndTechnology") };

        var match = RuleMatcher.Match(Mcr, rule, MatchContext.Unknown);

        Assert.Equal(Tri.Maybe, match.Value);
        Assert.Equal("whether web category 'ComputersAndTechnology' includes mcr.microsoft.com", Assert.Single(match.Causes).Description);
    }

    [Fact]
    public void A_web_category_on_another_protocol_does_not_match() =>
        Assert.Equal(Tri.No, Match(Mcr, new ApplicationRule("categories", Span(), App("", "Http:80").Protocols, Vs(), Vs(), Vs("*"), Vs()) { WebCategories = Vs("ComputersAndTechnology") }));
}
