using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Model;
using static EgressAnalyzers.Engine.Tests.Arm.Template.TemplateFixture;

namespace EgressAnalyzers.Engine.Tests.Topology;

/// <summary>
/// The catalog's "UDP 53 is required with custom DNS" (EGR1002) decided from the VNet the cluster's nodes are in
/// (<c>dhcpOptions.dnsServers</c>), read from ARM, including when the subnet ID's VNet part is a parameter.
/// </summary>
public class CustomDnsFromVNetTests
{
    private static string Template(string dnsServers, string udp53Destination) => TemplateOf(
        $$"""
        { "type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-05-01", "name": "aks", "location": "westeurope",
          "properties": { "agentPoolProfiles": [ { "name": "system", "vnetSubnetID": "[concat(parameters('vnetId'), '/subnets/snet-nodes')]" } ],
                          "networkProfile": { "outboundType": "loadBalancer" } } },
        { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "spoke",
          "properties": { "dhcpOptions": { "dnsServers": [ {{dnsServers}} ] }, "subnets": [ { "name": "snet-nodes", "properties": { "addressPrefix": "10.240.0.0/22" } } ] } },
        { "type": "Microsoft.Network/azureFirewalls", "apiVersion": "2023-09-01", "name": "fw",
          "properties": { "networkRuleCollections": [ { "name": "dns", "properties": { "priority": 100, "action": { "type": "Allow" },
            "rules": [ { "name": "dns", "protocols": [ "UDP" ], "sourceAddresses": [ "*" ], "destinationAddresses": [ "{{udp53Destination}}" ], "destinationPorts": [ "53" ] } ] } } ] } }
        """,
        parameters: "\"vnetId\": { \"type\": \"string\" }");

    private static List<Finding> Udp53Findings(string text) =>
        EgressAnalysis.Analyze(new[] { Read(text) }, Array.Empty<ModelResource>(), new EgressSettings(), RequirementCatalog.Default)
            .Where(f => f.Rule.Id == EgressRuleIds.EGR1002 && f.Message.Contains("UDP 53", StringComparison.Ordinal))
            .ToList();

    [Fact]
    public void CustomDnsServers_NotAllowed_RequireUdp53()
    {
        var finding = Assert.Single(Udp53Findings(Template("\"10.0.0.4\"", "10.9.9.9")));
        Assert.Contains("custom DNS servers", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomDnsServers_Allowed_AreSatisfied() =>
        Assert.Empty(Udp53Findings(Template("\"10.0.0.4\"", "10.0.0.4")));

    [Fact]
    public void AzureProvidedDns_DoesNotRequireUdp53() =>
        Assert.Empty(Udp53Findings(Template(string.Empty, "10.9.9.9")));
}
