namespace EgressAnalyzers.Tests.Verifiers;

/// <summary>
/// Small hub/spoke ARM templates for the topology rules (EGR3xxx): a cluster in a spoke subnet, the spoke's route table,
/// and a hub with an Azure Firewall in AzureFirewallSubnet 10.0.1.0/26 (so its private IP is 10.0.1.4).
/// Parts under test are passed in as JSON text, with their markup.
/// </summary>
internal static class TopologyFixtures
{
    public const string NodeSubnetId = "\"[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-spoke', 'snet-nodes')]\"";

    /// <summary>Coverage and hygiene rules are not under test here.</summary>
    public static EgressAnalyzerTest TopologyOnly(this EgressAnalyzerTest test)
    {
        foreach (var id in new[] { "EGR1001", "EGR1002", "EGR1003", "EGR1004", "EGR1005", "EGR1006", "EGR2001", "EGR2002", "EGR2003" })
        {
            test.DisabledDiagnostics.Add(id);
        }

        return test;
    }

    /// <summary>A cluster whose system pool sits in <paramref name="subnetId"/>; <paramref name="outboundType"/> null leaves it unset.</summary>
    public static string ClusterIn(string? outboundType = "\"userDefinedRouting\"", string subnetId = NodeSubnetId, string poolExtra = "", string extraProperties = "", string parameters = "", string name = "\"aks\"") => $$"""
        {
          "$schema": "{{ArmFixtures.Schema}}",
          "contentVersion": "1.0.0.0",
          "parameters": { {{parameters}} },
          "resources": [
            {
              "type": "Microsoft.ContainerService/managedClusters",
              "apiVersion": "2024-05-01",
              "name": {{name}},
              "location": "westeurope",
              "properties": {
                "dnsPrefix": "aks",
                "agentPoolProfiles": [ { "name": "system", "vmSize": "Standard_D4ds_v5", "vnetSubnetID": {{subnetId}}{{poolExtra}} } ],
                "networkProfile": { "networkPlugin": "azure"{{(outboundType is null ? "" : ", \"outboundType\": " + outboundType)}} }{{extraProperties}}
              }
            }
          ]
        }
        """;

    /// <summary>A route (inline shape). Values are JSON text.</summary>
    public static string Route(string name = "\"to-firewall\"", string prefix = "\"0.0.0.0/0\"", string nextHopType = "\"VirtualAppliance\"", string? nextHopIp = "\"10.0.1.4\"") => $$"""
        { "name": {{name}}, "properties": { "addressPrefix": {{prefix}}, "nextHopType": {{nextHopType}}{{(nextHopIp is null ? "" : ", \"nextHopIpAddress\": " + nextHopIp)}} } }
        """;

    /// <summary>
    /// The spoke: route table rt-spoke with <paramref name="routes"/>, VNet vnet-spoke with snet-nodes (10.240.0.0/22,
    /// using rt-spoke unless <paramref name="routeTableOnNodes"/> is false) and <paramref name="extraSubnets"/>.
    /// </summary>
    public static string Spoke(string routes, bool routeTableOnNodes = true, string extraSubnets = "", string extraResources = "", string parameters = "", string dhcpOptions = "", string tableName = "\"rt-spoke\"", string subnetName = "\"snet-nodes\"") => $$"""
        {
          "$schema": "{{ArmFixtures.Schema}}",
          "contentVersion": "1.0.0.0",
          "parameters": { {{parameters}} },
          "resources": [
            {
              "type": "Microsoft.Network/routeTables",
              "apiVersion": "2023-09-01",
              "name": {{tableName}},
              "location": "westeurope",
              "properties": { "routes": [ {{routes}} ] }
            },
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-09-01",
              "name": "vnet-spoke",
              "location": "westeurope",
              "properties": {
                "addressSpace": { "addressPrefixes": [ "10.240.0.0/16" ] },{{dhcpOptions}}
                "subnets": [
                  {
                    "name": {{subnetName}},
                    "properties": {
                      "addressPrefix": "10.240.0.0/22"{{(routeTableOnNodes ? ",\n                      \"routeTable\": { \"id\": \"[resourceId('Microsoft.Network/routeTables', 'rt-spoke')]\" }" : "")}}
                    }
                  }{{extraSubnets}}
                ]
              }
            }{{extraResources}}
          ]
        }
        """;

    /// <summary>The hub: VNet vnet-hub with AzureFirewallSubnet 10.0.1.0/26 and classic firewall fw-hub (private IP 10.0.1.4 by Azure's rule).</summary>
    public static string Hub(string natRuleCollections = "", string firewallName = "\"fw-hub\"", string firewallExtra = "") => $$"""
        {
          "$schema": "{{ArmFixtures.Schema}}",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-09-01",
              "name": "vnet-hub",
              "location": "westeurope",
              "properties": {
                "addressSpace": { "addressPrefixes": [ "10.0.0.0/16" ] },
                "subnets": [ { "name": "AzureFirewallSubnet", "properties": { "addressPrefix": "10.0.1.0/26" } } ]
              }
            },
            {
              "type": "Microsoft.Network/publicIPAddresses",
              "apiVersion": "2023-09-01",
              "name": "pip-fw",
              "location": "westeurope",
              "sku": { "name": "Standard" },
              "properties": { "publicIPAllocationMethod": "Static" }
            },
            {
              "type": "Microsoft.Network/azureFirewalls",
              "apiVersion": "2023-09-01",
              "name": {{firewallName}},
              "location": "westeurope",
              "properties": {
                "ipConfigurations": [ {
                  "name": "ipconfig",
                  "properties": {
                    "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'AzureFirewallSubnet')]" },
                    "publicIPAddress": { "id": "[resourceId('Microsoft.Network/publicIPAddresses', 'pip-fw')]" }
                  }
                } ],
                "applicationRuleCollections": [],
                "networkRuleCollections": [],
                "natRuleCollections": [ {{natRuleCollections}} ]{{firewallExtra}}
              }
            }
          ]
        }
        """;

    /// <summary>A classic DNAT collection publishing TCP 443 of the firewall's public IP to an internal load balancer.</summary>
    public const string DnatCollection = """
        {
          "name": "ingress",
          "properties": {
            "priority": 100,
            "action": { "type": "Dnat" },
            "rules": [ {
              "name": "https-to-ilb",
              "protocols": [ "TCP" ],
              "sourceAddresses": [ "*" ],
              "destinationAddresses": [ "20.1.2.3" ],
              "destinationPorts": [ "443" ],
              "translatedAddress": "10.240.4.4",
              "translatedPort": "443"
            } ]
          }
        }
        """;

    /// <summary>An application gateway with a public frontend, in subnet <paramref name="subnet"/> of vnet-spoke.</summary>
    public static string PublicApplicationGateway(string subnet, string name = "\"agw\"") => $$"""
        ,
            {
              "type": "Microsoft.Network/applicationGateways",
              "apiVersion": "2023-09-01",
              "name": {{name}},
              "location": "westeurope",
              "properties": {
                "gatewayIPConfigurations": [ { "name": "gw", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-spoke', '{{subnet}}')]" } } } ],
                "frontendIPConfigurations": [ { "name": "public", "properties": { "publicIPAddress": { "id": "[resourceId('Microsoft.Network/publicIPAddresses', 'pip-agw')]" } } } ]
              }
            }
        """;

    /// <summary>A second spoke subnet, optionally using rt-spoke.</summary>
    public static string ExtraSubnet(string name, string prefix, bool withRouteTable)
    {
        var routeTable = withRouteTable ? RouteTableReference : string.Empty;
        return $$"""
            ,
                      { "name": "{{name}}", "properties": { "addressPrefix": "{{prefix}}"{{routeTable}} } }
            """;
    }

    private const string RouteTableReference = """
        , "routeTable": { "id": "[resourceId('Microsoft.Network/routeTables', 'rt-spoke')]" }
        """;

    /// <summary>The hub with a policy-based firewall fw-hub whose policy has one rule collection group of <paramref name="ruleCollections"/>.</summary>
    public static string PolicyHub(string ruleCollections) => $$"""
        {
          "$schema": "{{ArmFixtures.Schema}}",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-09-01",
              "name": "vnet-hub",
              "location": "westeurope",
              "properties": { "subnets": [ { "name": "AzureFirewallSubnet", "properties": { "addressPrefix": "10.0.1.0/26" } } ] }
            },
            { "type": "Microsoft.Network/firewallPolicies", "apiVersion": "2023-09-01", "name": "policy", "location": "westeurope", "properties": { } },
            {
              "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
              "apiVersion": "2023-09-01",
              "name": "policy/ingress",
              "properties": { "priority": 100, "ruleCollections": [ {{ruleCollections}} ] }
            },
            {
              "type": "Microsoft.Network/azureFirewalls",
              "apiVersion": "2023-09-01",
              "name": "fw-hub",
              "location": "westeurope",
              "properties": {
                "firewallPolicy": { "id": "[resourceId('Microsoft.Network/firewallPolicies', 'policy')]" },
                "ipConfigurations": [ { "name": "c", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'AzureFirewallSubnet')]" } } } ]
              }
            }
          ]
        }
        """;

    /// <summary>A policy DNAT collection publishing TCP 443 of the firewall's public IP to an internal load balancer.</summary>
    public const string PolicyDnatCollection = """
        {
          "ruleCollectionType": "FirewallPolicyNatRuleCollection", "name": "ingress", "priority": 100, "action": { "type": "DNAT" },
          "rules": [ { "ruleType": "NatRule", "name": "https", "ipProtocols": [ "TCP" ], "sourceAddresses": [ "*" ],
                       "destinationAddresses": [ "20.1.2.3" ], "destinationPorts": [ "443" ], "translatedAddress": "10.240.4.4", "translatedPort": "443" } ]
        }
        """;
}
