namespace EgressAnalyzers.Tests.Verifiers;

/// <summary>Small ARM templates for analyzer tests; each test writes the part under test itself, with its markup.</summary>
internal static class ArmFixtures
{
    public const string Schema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

    /// <summary>A template with one AKS cluster.</summary>
    public static string Cluster(string location = "\"westeurope\"", bool isPrivate = false, string extraProperties = "", string parameters = "") => $$"""
        {
          "$schema": "{{Schema}}",
          "contentVersion": "1.0.0.0",
          "parameters": { {{parameters}} },
          "resources": [
            {
              "type": "Microsoft.ContainerService/managedClusters",
              "apiVersion": "2024-05-01",
              "name": "aks",
              "location": {{location}},
              "properties": {
                "dnsPrefix": "aks",
                "apiServerAccessProfile": { "enablePrivateCluster": {{(isPrivate ? "true" : "false")}} },
                "agentPoolProfiles": [ { "name": "system", "vmSize": "Standard_D4ds_v5", "osType": "Linux" } ],
                "networkProfile": { "outboundType": "userDefinedRouting" }{{extraProperties}}
              }
            }
          ]
        }
        """;

    /// <summary>A template with one classic Azure Firewall whose collections are given as JSON text.</summary>
    public static string ClassicFirewall(string applicationRuleCollections, string networkRuleCollections = "", string name = "fw-hub", string parameters = "", string metadata = "") => $$"""
        {
          "$schema": "{{Schema}}",
          "contentVersion": "1.0.0.0",
          "parameters": { {{parameters}} },
          "resources": [
            {
              "type": "Microsoft.Network/azureFirewalls",
              "apiVersion": "2024-05-01",
              "name": "{{name}}",
              "location": "westeurope",{{metadata}}
              "properties": {
                "applicationRuleCollections": [ {{applicationRuleCollections}} ],
                "networkRuleCollections": [ {{networkRuleCollections}} ]
              }
            }
          ]
        }
        """;

    /// <summary>An application rule collection (classic shape).</summary>
    public static string AppCollection(string name, int priority, string action, string rules) => $$"""
        {
          "name": {{name}},
          "properties": {
            "priority": {{priority}},
            "action": { "type": "{{action}}" },
            "rules": [ {{rules}} ]
          }
        }
        """;

    /// <summary>A network rule collection (classic shape).</summary>
    public static string NetworkCollection(string name, int priority, string action, string rules) => AppCollection(name, priority, action, rules);

    /// <summary>A classic application rule allowing <paramref name="fqdns"/> (already JSON strings) over Https:443.</summary>
    public static string HttpsRule(string fqdns, string name = "aks", string protocols = """{ "protocolType": "Https", "port": 443 }""") => $$"""
        { "name": "{{name}}", "sourceAddresses": [ "*" ], "protocols": [ {{protocols}} ], "targetFqdns": [ {{fqdns}} ] }
        """;

    /// <summary>A classic network rule.</summary>
    public static string NetworkRule(string protocols, string destinations, string ports, string name = "net") => $$"""
        { "name": "{{name}}", "protocols": [ {{protocols}} ], "sourceAddresses": [ "*" ], "destinationAddresses": [ {{destinations}} ], "destinationPorts": [ {{ports}} ] }
        """;

    /// <summary>Every core application FQDN of the current profile for westeurope except those listed.</summary>
    public static string CoreFqdnsExcept(params string[] excluded) =>
        string.Join(", ", CoreFqdns.Where(f => !excluded.Contains(f)).Select(f => "\"" + f + "\""));

    public static readonly string[] CoreFqdns =
    {
        "*.hcp.westeurope.azmk8s.io",
        "mcr.microsoft.com",
        "*.data.mcr.microsoft.com",
        "mcr-0001.mcr-msedge.net",
        "management.azure.com",
        "login.microsoftonline.com",
        "packages.microsoft.com",
        "acs-mirror.azureedge.net",
        "packages.aks.azure.com",
    };
}
