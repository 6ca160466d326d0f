using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Bicep;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Model;

namespace EgressAnalyzers.Engine.Tests.Coverage;

/// <summary>
/// Rules that name IP groups, end to end from ARM JSON and from Bicep: a rule to a group the inputs declare is decided
/// as the same rule with the group's addresses written in place (reference §5.4), in both languages alike.
/// </summary>
public class IpGroupCoverageTests
{
    public static IEnumerable<object[]> Languages() => new[] { new object[] { "arm" }, new object[] { "bicep" } };

    /// <summary>
    /// A hub that allows what AKS needs at L4 except HTTP(S): the web rule is the one under test. The group is declared
    /// with <paramref name="groupAddresses"/> (null: not declared at all).
    /// </summary>
    private static IReadOnlyList<Finding> AnalyzeHub(string language, string webDestination, string? groupAddresses)
    {
        var path = language == "arm" ? "/repo/infra/hub.json" : "/repo/infra/hub.bicep";
        var text = language == "arm" ? ArmHub(webDestination, groupAddresses) : BicepHub(webDestination, groupAddresses);
        var input = new List<TemplateInput> { new(path, text, optedIn: true) };
        var reads = language == "arm" ? ArmTemplateReader.Read(input, new ArmReadOptions()) : BicepReader.Read(input, new ArmReadOptions());
        Assert.All(reads, r => Assert.DoesNotContain(r.Diagnostics, d => d.Rule.Id.StartsWith("EGR0", StringComparison.Ordinal)));
        return EgressAnalysis.Analyze(reads, Array.Empty<ModelResource>(), EgressSettings.Default, RequirementCatalog.Default);
    }

    private static string ArmHub(string webDestination, string? groupAddresses)
    {
        var destination = webDestination switch
        {
            "group" => "\"destinationIpGroups\": [ \"[resourceId('Microsoft.Network/ipGroups', 'ipg-web')]\" ]",
            "group in rg-security" => "\"destinationIpGroups\": [ \"[resourceId('rg-security', 'Microsoft.Network/ipGroups', 'ipg-web')]\" ]",
            "group in this resource group" => "\"destinationIpGroups\": [ \"[resourceId(subscription().subscriptionId, resourceGroup().name, 'Microsoft.Network/ipGroups', 'ipg-web')]\" ]",
            _ => $"\"destinationAddresses\": [ {webDestination} ]",
        };
        var group = groupAddresses is null ? string.Empty : $$"""
            { "type": "Microsoft.Network/ipGroups", "apiVersion": "2024-05-01", "name": "ipg-web", "location": "westeurope",
              "properties": { "ipAddresses": [ {{groupAddresses}} ] } },
            """;
        return $$"""
            {
              "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
              "contentVersion": "1.0.0.0",
              "resources": [
                { "type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-05-01", "name": "aks", "location": "westeurope",
                  "properties": { "dnsPrefix": "aks",
                    "agentPoolProfiles": [ { "name": "system", "mode": "System", "count": 3, "vmSize": "Standard_D4ds_v5", "osType": "Linux" } ],
                    "networkProfile": { "networkPlugin": "azure", "outboundType": "userDefinedRouting" } } },
                {{group}}
                { "type": "Microsoft.Network/firewallPolicies", "apiVersion": "2024-05-01", "name": "pol", "location": "westeurope",
                  "properties": { "dnsSettings": { "enableProxy": true } } },
                { "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "apiVersion": "2024-05-01", "name": "pol/egress",
                  "properties": { "priority": 200, "ruleCollections": [ {
                    "ruleCollectionType": "FirewallPolicyFilterRuleCollection", "name": "net", "priority": 100, "action": { "type": "Allow" },
                    "rules": [
                      { "ruleType": "NetworkRule", "name": "web", "ipProtocols": [ "TCP" ], "sourceAddresses": [ "*" ], {{destination}}, "destinationPorts": [ "80", "443" ] },
                      { "ruleType": "NetworkRule", "name": "tunnel", "ipProtocols": [ "UDP", "TCP" ], "sourceAddresses": [ "*" ], "destinationAddresses": [ "AzureCloud.westeurope" ], "destinationPorts": [ "1194", "9000", "443" ] },
                      { "ruleType": "NetworkRule", "name": "ntp", "ipProtocols": [ "UDP" ], "sourceAddresses": [ "*" ], "destinationFqdns": [ "ntp.ubuntu.com" ], "destinationPorts": [ "123" ] }
                    ] } ] } }
              ]
            }
            """;
    }

    private static string BicepHub(string webDestination, string? groupAddresses)
    {
        var destination = webDestination switch
        {
            "group" => "destinationIpGroups: [ resourceId('Microsoft.Network/ipGroups', 'ipg-web') ]",
            "group in rg-security" => "destinationIpGroups: [ resourceId('rg-security', 'Microsoft.Network/ipGroups', 'ipg-web') ]",
            "group in this resource group" => "destinationIpGroups: [ resourceId(subscription().subscriptionId, resourceGroup().name, 'Microsoft.Network/ipGroups', 'ipg-web') ]",
            _ => $"destinationAddresses: [ {webDestination.Replace('"', '\'')} ]",
        };
        var group = groupAddresses is null ? string.Empty : $$"""
            resource webGroup 'Microsoft.Network/ipGroups@2024-05-01' = {
              name: 'ipg-web'
              location: 'westeurope'
              properties: { ipAddresses: [ {{groupAddresses.Replace('"', '\'')}} ] }
            }
            """;
        return $$"""
            resource cluster 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
              name: 'aks'
              location: 'westeurope'
              properties: {
                dnsPrefix: 'aks'
                agentPoolProfiles: [ { name: 'system', mode: 'System', count: 3, vmSize: 'Standard_D4ds_v5', osType: 'Linux' } ]
                networkProfile: { networkPlugin: 'azure', outboundType: 'userDefinedRouting' }
              }
            }

            {{group}}

            resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
              name: 'pol'
              location: 'westeurope'
              properties: { dnsSettings: { enableProxy: true } }
            }

            resource rcg 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
              parent: policy
              name: 'egress'
              properties: {
                priority: 200
                ruleCollections: [
                  {
                    ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
                    name: 'net'
                    priority: 100
                    action: { type: 'Allow' }
                    rules: [
                      { ruleType: 'NetworkRule', name: 'web', ipProtocols: [ 'TCP' ], sourceAddresses: [ '*' ], {{destination}}, destinationPorts: [ '80', '443' ] }
                      { ruleType: 'NetworkRule', name: 'tunnel', ipProtocols: [ 'UDP', 'TCP' ], sourceAddresses: [ '*' ], destinationAddresses: [ 'AzureCloud.westeurope' ], destinationPorts: [ '1194', '9000', '443' ] }
                      { ruleType: 'NetworkRule', name: 'ntp', ipProtocols: [ 'UDP' ], sourceAddresses: [ '*' ], destinationFqdns: [ 'ntp.ubuntu.com' ], destinationPorts: [ '123' ] }
                    ]
                  }
                ]
              }
            }
            """;
    }

    /// <summary>What a user compares: rule, endpoint and message (locations differ by construction).</summary>
    private static string[] Summary(IEnumerable<Finding> findings) =>
        findings.Select(f => $"{f.Rule.Id} {f.Endpoint}: {f.Message}").OrderBy(s => s, StringComparer.Ordinal).ToArray();

    [Theory]
    [MemberData(nameof(Languages))]
    public void A_rule_to_a_group_holding_every_address_allows_what_the_rule_to_star_allows(string language)
    {
        var toGroup = AnalyzeHub(language, "group", "\"0.0.0.0/0\"");
        var toStar = AnalyzeHub(language, "\"*\"", groupAddresses: null);

        Assert.Empty(Summary(toStar));
        Assert.Equal(Summary(toStar), Summary(toGroup));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void A_rule_to_a_group_of_two_halves_of_every_address_allows_what_the_rule_to_star_allows(string language)
    {
        var toGroup = AnalyzeHub(language, "group", "\"0.0.0.0/1\", \"128.0.0.0/1\"");

        Assert.Empty(Summary(toGroup));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void A_rule_to_a_group_of_specific_addresses_gives_the_findings_of_those_addresses_written_in_the_rule(string language)
    {
        var toGroup = AnalyzeHub(language, "group", "\"203.0.113.0/24\", \"198.51.100.7\"");
        var inPlace = AnalyzeHub(language, "\"203.0.113.0/24\", \"198.51.100.7\"", groupAddresses: null);

        Assert.Contains(toGroup, f => f.Rule.Id == "EGR1001" && f.Endpoint == "mcr.microsoft.com");
        Assert.DoesNotContain(toGroup, f => f.Rule.Id == "EGR1006");
        Assert.Equal(Summary(inPlace), Summary(toGroup));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void A_group_named_in_another_resource_group_is_not_the_declared_group_of_that_name(string language)
    {
        var findings = AnalyzeHub(language, "group in rg-security", "\"0.0.0.0/0\"");

        var unknown = Assert.Single(findings, f => f.Rule.Id == "EGR1006");
        Assert.Contains("the addresses of IP group 'resourceGroups/rg-security/Microsoft.Network/ipGroups/ipg-web' could not be resolved", unknown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void A_group_named_in_the_deployments_own_resource_group_is_the_declared_group(string language)
    {
        var findings = AnalyzeHub(language, "group in this resource group", "\"0.0.0.0/0\"");

        Assert.Empty(Summary(findings));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void A_rule_to_a_group_the_inputs_do_not_declare_leaves_the_web_endpoints_unknown(string language)
    {
        var findings = AnalyzeHub(language, "group", groupAddresses: null);

        var unknown = Assert.Single(findings, f => f.Rule.Id == "EGR1006");
        Assert.Contains("the addresses of IP group 'Microsoft.Network/ipGroups/ipg-web' could not be resolved", unknown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(findings, f => f.Rule.Id == "EGR1001");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void A_rule_to_a_group_without_addresses_is_skipped_and_what_it_would_allow_is_missing(string language)
    {
        var findings = AnalyzeHub(language, "group", groupAddresses: string.Empty);

        Assert.Contains(findings, f => f.Rule.Id == "EGR1001" && f.Endpoint == "mcr.microsoft.com");
        Assert.DoesNotContain(findings, f => f.Rule.Id == "EGR1006");
        Assert.Contains(findings, f => f.Rule.Id == "EGR2002" && f.Message.StartsWith("'Microsoft.Network/ipGroups/ipg-web' is not a valid IP group for rule 'web'", StringComparison.Ordinal));
    }
}
