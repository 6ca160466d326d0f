using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Coverage;

namespace EgressAnalyzers.Engine.Tests.Coverage;

public class RequirementInstanceTests
{
    [Fact]
    public void Location_IsFilledInFqdnAndDestinations()
    {
        var instance = RequirementInstance.For(TestCatalog.Tunnel, "westeurope");
        Assert.Equal(new[] { "*", "serviceTag:AzureCloud.westeurope", "ipAddresses" }, instance.Destinations);
        Assert.Equal("*.hcp.westeurope.azmk8s.io", RequirementInstance.For(TestCatalog.Hcp, "westeurope").Fqdn);
    }

    [Theory]
    [InlineData("*,serviceTag:AzureCloud.<location>,ipAddresses", "UDP 1194 to AzureCloud.eastus")]
    [InlineData("*,ipAddresses", "UDP 1194 to *")]
    [InlineData("ipAddresses,fqdn:ntp.ubuntu.com", "UDP 1194 to ntp.ubuntu.com")]
    [InlineData("customDnsServers", "UDP 1194 to the custom DNS servers")]
    public void NetworkEndpoint_NamesTheMostSpecificNonAddressForm(string forms, string expected)
    {
        var requirement = new Requirement { Kind = RequirementKind.Network, Protocol = "UDP", Port = 1194, Destinations = forms.Split(',') };
        Assert.Equal(expected, RequirementInstance.For(requirement, "eastus").Endpoint);
    }

    [Fact]
    public void LocationTemplate_TellsTheRegionARuleNames()
    {
        var template = Assert.Single(LocationTemplate.For(TestCatalog.Hcp));
        Assert.True(template.TryMatch("*.HCP.EastUS.azmk8s.io", out var region));
        Assert.Equal("eastus", region);
        Assert.False(template.TryMatch("*.azmk8s.io", out _));
        var tag = LocationTemplate.For(TestCatalog.Tunnel).Single();
        Assert.Equal(TemplateTarget.ServiceTag, tag.Target);
        Assert.True(tag.TryMatch("azurecloud.westus", out var tagRegion));
        Assert.Equal("westus", tagRegion);
    }
}
