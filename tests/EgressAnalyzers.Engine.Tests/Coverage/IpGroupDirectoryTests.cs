using EgressAnalyzers.Engine.Coverage;
using EgressAnalyzers.Engine.Model;
using static EgressAnalyzers.Engine.Tests.Coverage.TestModel;

namespace EgressAnalyzers.Engine.Tests.Coverage;

public class IpGroupDirectoryTests
{
    private static IpGroupResource IpGroup(string name, params string[] addresses) =>
        new(new ResourceKey(ResourceKey.IpGroupType, name), name, Span(), Span(), Vs(addresses));

    private static NetworkRule NetTo(string ipGroups, string destinations = "") =>
        Net("TCP", destinations, "443", ipGroups: ipGroups);

    /// <summary>An application rule for MCR whose only source is the IP group <paramref name="sourceIpGroup"/>.</summary>
    private static ApplicationRule McrFrom(string sourceIpGroup)
    {
        var rule = App("mcr.microsoft.com");
        return new ApplicationRule(rule.Name, rule.Span, rule.Protocols, rule.TargetFqdns, rule.FqdnTags, Vs(), Vs(sourceIpGroup));
    }

    [Fact]
    public void A_destination_group_in_the_inputs_becomes_its_addresses_after_those_written_in_the_rule()
    {
        var directory = new IpGroupDirectory(new[] { IpGroup("ipg-any", "0.0.0.0/0") });

        var applied = Assert.IsType<NetworkRule>(directory.Expand(NetTo("Microsoft.Network/ipGroups/ipg-any", destinations: "10.0.0.4")));

        Assert.Equal(new[] { "10.0.0.4", "0.0.0.0/0" }, applied.DestinationAddresses.Select(a => a.Text));
        Assert.Empty(applied.DestinationIpGroups);
    }

    [Fact]
    public void A_group_named_by_its_full_resource_ID_is_found_whatever_its_subscription_and_case()
    {
        var directory = new IpGroupDirectory(new[] { IpGroup("ipg-any", "0.0.0.0/0") });

        var applied = Assert.IsType<NetworkRule>(directory.Expand(
            NetTo("/subscriptions/0000/resourceGroups/rg-hub/providers/microsoft.network/IPGROUPS/IPG-ANY")));

        Assert.Equal("0.0.0.0/0", Assert.Single(applied.DestinationAddresses).Text);
    }

    [Fact]
    public void A_group_not_in_the_inputs_stays_a_reference()
    {
        var directory = new IpGroupDirectory(new[] { IpGroup("ipg-any", "0.0.0.0/0") });
        var rule = NetTo("Microsoft.Network/ipGroups/ipg-elsewhere");

        Assert.Same(rule, directory.Expand(rule));
    }

    [Fact]
    public void Only_the_groups_in_the_inputs_are_replaced_when_a_rule_names_several()
    {
        var directory = new IpGroupDirectory(new[] { IpGroup("ipg-a", "10.1.0.0/16") });

        var applied = Assert.IsType<NetworkRule>(directory.Expand(NetTo("Microsoft.Network/ipGroups/ipg-a,Microsoft.Network/ipGroups/ipg-b")));

        Assert.Equal("10.1.0.0/16", Assert.Single(applied.DestinationAddresses).Text);
        Assert.Equal("Microsoft.Network/ipGroups/ipg-b", Assert.Single(applied.DestinationIpGroups).Text);
    }

    [Fact]
    public void A_reference_computed_at_run_time_stays_a_reference()
    {
        var directory = new IpGroupDirectory(new[] { IpGroup("ipg-any", "0.0.0.0/0") });
        var rule = new NetworkRule("r", Span(), Vs("TCP"), Vs(), Vs(), new[] { U("[parameters('ipGroupId')]") }, Vs("443"), Vs("*"), Vs());

        Assert.Same(rule, directory.Expand(rule));
    }

    [Fact]
    public void A_group_declared_twice_stays_a_reference_because_either_declaration_may_be_deployed()
    {
        var directory = new IpGroupDirectory(new[] { IpGroup("ipg", "0.0.0.0/0"), IpGroup("ipg", "10.0.0.0/8") });
        var rule = NetTo("Microsoft.Network/ipGroups/ipg");

        Assert.Same(rule, directory.Expand(rule));
    }

    [Fact]
    public void No_group_is_replaced_while_a_group_of_unknown_name_is_declared_because_it_may_be_the_one_named()
    {
        var directory = new IpGroupDirectory(new[] { IpGroup("ipg", "10.0.0.0/8"), IpGroup("{parameters('name')}", "0.0.0.0/0") });
        var rule = NetTo("Microsoft.Network/ipGroups/ipg");

        Assert.Same(rule, directory.Expand(rule));
    }

    [Fact]
    public void A_rule_naming_a_group_without_addresses_is_skipped_as_Azure_Firewall_skips_it()
    {
        var directory = new IpGroupDirectory(new[] { IpGroup("ipg-empty"), IpGroup("ipg-any", "0.0.0.0/0") });

        Assert.Null(directory.Expand(NetTo("Microsoft.Network/ipGroups/ipg-any,Microsoft.Network/ipGroups/ipg-empty")));
        Assert.Null(directory.Expand(McrFrom("Microsoft.Network/ipGroups/ipg-empty")));
    }

    [Fact]
    public void A_source_group_becomes_its_addresses_for_application_and_network_rules()
    {
        var directory = new IpGroupDirectory(new[] { IpGroup("ipg-nodes", "10.240.0.0/16", "10.241.0.0-10.241.0.255") });
        var appliedApp = Assert.IsType<ApplicationRule>(directory.Expand(McrFrom("Microsoft.Network/ipGroups/ipg-nodes")));
        var appliedNet = Assert.IsType<NetworkRule>(directory.Expand(Net("TCP", "*", "443", sources: "", sourceIpGroups: "Microsoft.Network/ipGroups/ipg-nodes")));

        Assert.Equal(new[] { "10.240.0.0/16", "10.241.0.0-10.241.0.255" }, appliedApp.SourceAddresses.Select(a => a.Text));
        Assert.Empty(appliedApp.SourceIpGroups);
        Assert.Equal(new[] { "10.240.0.0/16", "10.241.0.0-10.241.0.255" }, appliedNet.SourceAddresses.Select(a => a.Text));
    }

    [Fact]
    public void A_source_group_that_holds_the_node_subnet_matches_and_one_that_does_not_is_no_match()
    {
        var directory = new IpGroupDirectory(new[] { IpGroup("ipg-nodes", "10.240.0.0/16"), IpGroup("ipg-other", "192.168.0.0/16") });
        Assert.True(AddressRange.TryParse("10.240.0.0/22", out var nodeSubnet));
        var context = new MatchContext { NodePrefixes = new[] { nodeSubnet } };
        var mcr = RequirementInstance.For(TestCatalog.Mcr, "westeurope");

        var nodes = directory.Expand(McrFrom("Microsoft.Network/ipGroups/ipg-nodes"))!;
        var other = directory.Expand(McrFrom("Microsoft.Network/ipGroups/ipg-other"))!;

        Assert.Equal(Tri.Yes, RuleMatcher.Match(mcr, nodes, context).Value);
        Assert.Equal(Tri.No, RuleMatcher.Match(mcr, other, context).Value);
    }

    [Theory]
    [InlineData("Microsoft.Network/ipGroups/g", "microsoft.network/ipgroups", "g")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/ipGroups/g", "microsoft.network/ipgroups", "g")]
    [InlineData("Microsoft.Network/firewallPolicies/p/ruleCollectionGroups/r", "microsoft.network/firewallpolicies/rulecollectiongroups", "p/r")]
    public void A_resource_ID_or_its_short_form_gives_the_key(string text, string type, string name)
    {
        var key = ResourceKey.FromResourceId(text);

        Assert.Equal(new ResourceKey(type, name), key);
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("ipGroups/g")]
    [InlineData("a/b/c")]
    [InlineData("Microsoft.Network/ipGroups")]
    public void Text_that_is_no_resource_ID_gives_no_key(string text) => Assert.Null(ResourceKey.FromResourceId(text));
}
