using EgressAnalyzers.Engine.Coverage;

namespace EgressAnalyzers.Engine.Tests.Coverage;

public class AddressRangeTests
{
    [Theory]
    [InlineData("10.0.0.4", "10.0.0.4")]
    [InlineData("10.0.0.0/24", "10.0.0.0-10.0.0.255")]
    [InlineData("10.0.0.5/24", "10.0.0.0-10.0.0.255")]
    [InlineData("192.168.1.1-192.168.1.12", "192.168.1.1-192.168.1.12")]
    [InlineData("*", "*")]
    [InlineData("0.0.0.0/0", "*")]
    public void TryParse_AcceptsAddressesPrefixesRangesAndStar(string text, string expected)
    {
        Assert.True(AddressRange.TryParse(text, out var range));
        Assert.Equal(expected, range.ToString());
    }

    [Theory]
    [InlineData("10.0.0.256")]
    [InlineData("10.0.0")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.9-10.0.0.1")]
    [InlineData("AzureCloud")]
    [InlineData("")]
    [InlineData(" 10.0.0.1")]
    public void TryParse_RejectsMalformedText(string text) =>
        Assert.False(AddressRange.TryParse(text, out _));

    [Fact]
    public void Contains_ChecksWholeRanges()
    {
        AddressRange.TryParse("10.0.0.0/16", out var vnet);
        AddressRange.TryParse("10.0.1.0/24", out var subnet);
        AddressRange.TryParse("10.1.0.0/24", out var other);
        AddressRange.TryParse("10.0.0.0/8", out var wide);
        Assert.True(vnet.Contains(subnet));
        Assert.False(vnet.Contains(other));
        Assert.False(subnet.Contains(vnet));
        Assert.True(subnet.Overlaps(vnet));
        Assert.True(AddressRange.Any.Contains(wide));
    }

    [Theory]
    [InlineData("AzureCloud", true)]
    [InlineData("AzureCloud.WestEurope", true)]
    [InlineData("azurecloud.westeurope", true)]
    [InlineData("AzureMonitor", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("*", false)]
    [InlineData("Azure Cloud", false)]
    [InlineData("AzureCloud..x", false)]
    public void ServiceTags_AreTokensWithLettersThatAreNotAddresses(string text, bool expected) =>
        Assert.Equal(expected, ServiceTag.IsServiceTag(text));

    [Fact]
    public void ServiceTags_CompareCaseInsensitively() =>
        Assert.True(ServiceTag.AreEqual("AzureCloud.BrazilSouth", "azurecloud.brazilsouth"));
}
