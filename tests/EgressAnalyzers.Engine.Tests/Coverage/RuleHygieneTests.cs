using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Coverage;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Model;
using static EgressAnalyzers.Engine.Tests.Coverage.TestModel;

namespace EgressAnalyzers.Engine.Tests.Coverage;

public class RuleHygieneTests
{
    private static List<Finding> Check(params RuleCollection[] collections) => CheckWith(Array.Empty<ModelResource>(), collections);

    private static List<Finding> CheckWith(IEnumerable<ModelResource> others, params RuleCollection[] collections)
    {
        var model = Infra(others.Prepend(Firewall("fw", collections)).Prepend(Cluster()).ToArray());
        return RuleHygiene.Check(FirewallRuleSet.Resolve(model).Single(), EgressSettings.Default, TestCatalog.Core, ClusterContext.Build(model, EgressSettings.Default)).ToList();
    }

    private static IpGroupResource IpGroup(string name, params string[] addresses) =>
        new(new ResourceKey(ResourceKey.IpGroupType, name), name, Span(), Span(), Vs(addresses));

    /// <summary>Hygiene of a firewall serving one cluster whose nodes are in 10.240.0.0/22 (known from the inputs).</summary>
    private static List<Finding> CheckWithNodesIn10_240(params RuleCollection[] collections)
    {
        var cluster = new AksClusterResource(new ResourceKey(ResourceKey.ManagedClusterType, "aks"), "aks", Span(), Span())
        {
            Location = V("westeurope"),
            NodeSubnets = new[] { SubnetRef("vnet", "nodes") },
        };
        var model = Infra(cluster, VNet("vnet", Vs(), Subnet("vnet", "nodes", "10.240.0.0/22")), Firewall("fw", collections));
        return RuleHygiene.Check(FirewallRuleSet.Resolve(model).Single(), EgressSettings.Default, TestCatalog.Core, ClusterContext.Build(model, EgressSettings.Default)).ToList();
    }

    [Fact]
    public void An_allow_everything_rule_for_sources_that_exclude_the_known_node_subnet_is_not_EGR2001()
    {
        var findings = CheckWithNodesIn10_240(
            Allow("jump", 100, App("*", sources: "10.50.0.0/24", name: "jumpbox-any"), Net("Any", "*", "*", sources: "10.50.0.0/24", name: "jump-all")));

        Assert.Empty(findings);
    }

    [Fact]
    public void An_allow_everything_rule_for_sources_that_include_the_known_node_subnet_is_EGR2001()
    {
        var findings = CheckWithNodesIn10_240(
            Allow("open", 100, App("*", sources: "10.240.0.0/16", name: "web-any"), Net("Any", "*", "*", sources: "10.0.0.0/8", name: "all")));

        Assert.Equal(new[] { "EGR2001", "EGR2001" }, findings.Select(f => f.Rule.Id));
    }

    [Fact]
    public void A_rule_naming_an_IP_group_without_addresses_is_EGR2002_at_the_reference()
    {
        var rule = Net("TCP", "", "443", ipGroups: "Microsoft.Network/ipGroups/ipg-empty", name: "web");

        var finding = Assert.Single(CheckWith(new[] { IpGroup("ipg-empty") }, Allow("n", 100, rule)));

        Assert.Equal("EGR2002", finding.Rule.Id);
        Assert.Equal(rule.DestinationIpGroups[0].Span, finding.Location);
        Assert.Equal(
            "'Microsoft.Network/ipGroups/ipg-empty' is not a valid IP group for rule 'web': the group holds no addresses, and Azure Firewall skips a rule whose IP group is empty",
            finding.Message);
    }

    [Fact]
    public void A_rule_to_an_IP_group_holding_every_address_on_every_TCP_port_is_allow_everything()
    {
        var group = IpGroup("ipg-any", "0.0.0.0/0");

        var finding = Assert.Single(CheckWith(new[] { group }, Allow("n", 100, Net("TCP", "", "*", ipGroups: "Microsoft.Network/ipGroups/ipg-any", name: "open"))));

        Assert.Equal("EGR2001", finding.Rule.Id);
        Assert.Equal(group.Addresses[0].Span, finding.Location);
    }

    [Fact]
    public void UnknownValues_AreNeverInvalid() =>
        Assert.Empty(Check(Allow("a", 100, App(new[] { U("[parameters('f')]") })), Allow("n", 100, Net(new[] { U("[p]") }, new[] { U("[d]") }, new[] { U("[ports]") }))));

    [Fact]
    public void InvalidSourceAddress_IsEGR2002()
    {
        var finding = Assert.Single(Check(Allow("a", 100, App("mcr.microsoft.com", sources: "10.0.0.0/40"))));
        Assert.Equal("'10.0.0.0/40' is not a valid source address: expected an IPv4 address, CIDR prefix, range or '*'", finding.Message);
    }

    [Fact]
    public void InvalidApplicationProtocolAndPort_AreEGR2002()
    {
        var findings = Check(Allow("a", 100, App("mcr.microsoft.com", "Ftp:21,Https:0")));
        Assert.Equal(new[] { "'Ftp' is not a valid application rule protocol: expected Http, Https or Mssql", "'0' is not a valid application rule port: 0 is outside the port range 1-65535" }, findings.Select(f => f.Message).ToArray());
    }

    [Fact]
    public void ServiceTagsAndAddresses_AreValidDestinations() =>
        Assert.Empty(Check(Allow("n", 100, Net("UDP,TCP,icmp,Any", "AzureCloud.westeurope,10.0.0.0/8,10.0.0.1-10.0.0.9", "1194"))));

    [Fact]
    public void DenyRules_AreNotAllowEverything_ButAreStillValidated()
    {
        var findings = Check(Deny("d", 100, App("*,bad..name")));
        Assert.Equal(new[] { EgressRuleIds.EGR2002 }, findings.Select(f => f.Rule.Id).ToArray());
    }

    [Fact]
    public void SameRegionEndpoint_IsNotEGR1005() =>
        Assert.Empty(Check(Allow("a", 100, App("*.hcp.westeurope.azmk8s.io"))));

    [Fact]
    public void UnknownRegionLabel_IsNotEGR1005() =>
        Assert.Empty(Check(Allow("a", 100, App("*.hcp.privatelink.azmk8s.io"))));
}
