using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;
using EgressAnalyzers.Engine.Topology;

namespace EgressAnalyzers.Engine.Tests.Topology;

public class FirewallAddressTests
{
    [Theory]
    [InlineData("10.0.1.0/26", "10.0.1.4")]
    [InlineData("10.0.1.64/26", "10.0.1.68")]
    [InlineData("10.0.1.70/26", "10.0.1.68")]
    [InlineData("172.16.0.0/24", "172.16.0.4")]
    public void FirstUsableAddress_IsTheFourthAfterTheNetworkAddress(string prefix, string expected) =>
        Assert.Equal(expected, FirewallAddress.FirstUsableAddress(prefix));

    [Theory]
    [InlineData("10.0.1.0")]
    [InlineData("10.0.1.0/30")]
    [InlineData("not-a-prefix/26")]
    [InlineData("{parameters('p')}")]
    public void FirstUsableAddress_OfWhatIsNotAUsablePrefix_IsNull(string prefix) =>
        Assert.Null(FirewallAddress.FirstUsableAddress(prefix));

    [Fact]
    public void Build_WrittenAddressWins_SubnetGivesTheAssignedOne_NoSubnetIsUnknown()
    {
        var span = new SourceSpan("/t.json", 0, 1);
        var subnet = new SubnetResource(new ResourceKey(ResourceKey.SubnetType, "hub/AzureFirewallSubnet"), "AzureFirewallSubnet", span, span)
        {
            AddressPrefixes = new[] { ModelValue.Known("10.0.1.0/26", span) },
        };
        var subnetRef = new ResourceReference(subnet.Key, "id", span);
        var model = new InfrastructureModel(new ModelResource[]
        {
            subnet,
            new AzureFirewallResource(Key("written"), "written", span, span, Array.Empty<RuleCollection>(), null) { PrivateIpAddresses = new[] { ModelValue.Known("10.9.9.9", span) } },
            new AzureFirewallResource(Key("assigned"), "assigned", span, span, Array.Empty<RuleCollection>(), null) { Subnets = new[] { subnetRef } },
            new AzureFirewallResource(Key("unknown"), "unknown", span, span, Array.Empty<RuleCollection>(), null),
        });

        var addresses = FirewallAddress.Build(model);

        Assert.Equal(new[] { "10.9.9.9" }, addresses[0].KnownAddresses);
        Assert.Equal(new[] { "10.0.1.4" }, addresses[1].KnownAddresses);
        Assert.False(addresses[1].HasUnknownAddress);
        Assert.Empty(addresses[2].KnownAddresses);
        Assert.True(addresses[2].HasUnknownAddress);
    }

    private static ResourceKey Key(string name) => new(ResourceKey.AzureFirewallType, name);
}
