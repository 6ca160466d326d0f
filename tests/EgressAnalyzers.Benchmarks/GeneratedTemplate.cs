using System.Globalization;
using System.Text;

namespace EgressAnalyzers.Benchmarks;

/// <summary>Synthetic but realistic templates: the shapes real hubs use, repeated to a size.</summary>
internal static class GeneratedTemplate
{
    private const string Schema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

    public static string Cluster() => $$"""
        {
          "$schema": "{{Schema}}",
          "contentVersion": "1.0.0.0",
          "parameters": { "location": { "type": "string", "defaultValue": "westeurope" } },
          "resources": [ {
            "type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-05-01", "name": "aks",
            "location": "[parameters('location')]",
            "properties": { "networkProfile": { "outboundType": "userDefinedRouting" },
              "agentPoolProfiles": [ { "name": "sys", "vmSize": "Standard_D4s_v5", "osType": "Linux", "vnetSubnetID": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'spoke', 'nodes')]" } ] }
          } ]
        }
        """;

    public static string Hub(int index, int minimumCharacters)
    {
        var rules = new StringBuilder();
        var count = 0;
        while (rules.Length < minimumCharacters)
        {
            if (count > 0)
            {
                rules.Append(",\n");
            }

            var n = count.ToString("D6", CultureInfo.InvariantCulture);
            rules.Append(count % 3 == 0
                ? $$"""        { "name": "r{{n}}", "protocols": [ { "protocolType": "Https", "port": 443 } ], "sourceAddresses": [ "10.240.0.0/16" ], "targetFqdns": [ "[format('app{{n}}.{0}.contoso.example', parameters('location'))]" ] }"""
                : $$"""        { "name": "r{{n}}", "protocols": [ { "protocolType": "Https", "port": 443 }, { "protocolType": "Http", "port": 80 } ], "sourceAddresses": [ "10.240.0.0/16" ], "targetFqdns": [ "app{{n}}.contoso.example", "*.svc{{n}}.contoso.example" ] }""");
            count++;
        }

        return $$"""
            {
              "$schema": "{{Schema}}",
              "contentVersion": "1.0.0.0",
              // Generated hub {{index}}: one classic firewall; AKS core rules first, then many workload rules.
              "parameters": { "location": { "type": "string", "defaultValue": "westeurope" } },
              "resources": [ {
                "type": "Microsoft.Network/azureFirewalls", "apiVersion": "2023-09-01", "name": "fw-{{index}}", "location": "[parameters('location')]",
                "properties": {
                  "networkRuleCollections": [ { "name": "aks-net", "properties": { "priority": 100, "action": { "type": "Allow" }, "rules": [
                    { "name": "ntp", "protocols": [ "UDP" ], "sourceAddresses": [ "10.240.0.0/16" ], "destinationFqdns": [ "ntp.ubuntu.com" ], "destinationPorts": [ "123" ] } ] } } ],
                  "applicationRuleCollections": [
                    { "name": "aks", "properties": { "priority": 100, "action": { "type": "Allow" }, "rules": [
                      { "name": "aks-tag", "protocols": [ { "protocolType": "Https", "port": 443 } ], "sourceAddresses": [ "10.240.0.0/16" ], "fqdnTags": [ "AzureKubernetesService" ] } ] } },
                    { "name": "workloads", "properties": { "priority": 300, "action": { "type": "Allow" }, "rules": [
            {{rules}}
                    ] } } ]
                }
              } ]
            }
            """;
    }
}
