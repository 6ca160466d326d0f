using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Fixes;
using static EgressAnalyzers.Engine.Tests.Fixes.FixVerifier;

namespace EgressAnalyzers.Engine.Tests.Fixes;

/// <summary>The ARM JSON writer end to end: fixture → fix → re-analysis (FixVerifier checks the invariants).</summary>
public class ArmTemplateFixerTests
{
    private const string Cluster = """
            {
              "type": "Microsoft.ContainerService/managedClusters",
              "apiVersion": "2024-05-01",
              "name": "aks",
              "location": "westeurope",
              "properties": {
                "dnsPrefix": "aks",
                "agentPoolProfiles": [ { "name": "system", "vmSize": "Standard_D4ds_v5", "osType": "Linux" } ],
                "networkProfile": { "outboundType": "userDefinedRouting" }
              }
            }
        """;

    private const string AllCoreFqdns = """
        "*.hcp.westeurope.azmk8s.io", "mcr.microsoft.com", "*.data.mcr.microsoft.com", "mcr-0001.mcr-msedge.net",
        "management.azure.com", "login.microsoftonline.com", "packages.microsoft.com", "acs-mirror.azureedge.net", "packages.aks.azure.com"
        """;

    private static string Template(string resources, string parameters = "", string extraRoot = "") => $$"""
        {
          "$schema": "{{Schema}}",
          "contentVersion": "1.0.0.0",{{extraRoot}}
          "parameters": {{{parameters}}},
          "resources": [
        {{resources}}
          ]
        }
        """;

    private static string ClassicFirewall(string properties) => $$"""
            {
              "type": "Microsoft.Network/azureFirewalls",
              "apiVersion": "2024-05-01",
              "name": "fw-hub",
              "location": "westeurope",
              "properties": {
        {{properties}}
              }
            }
        """;

    [Fact]
    public void ClassicFirewall_WithAnAllowApplicationCollection_GetsTheMissingFqdnsAppendedToIt()
    {
        var hub = Template(Cluster + ",\n" + ClassicFirewall("""
                    "applicationRuleCollections": [
                      {
                        "name": "aks-apps",
                        "properties": {
                          "priority": 200,
                          "action": { "type": "Allow" },
                          "rules": [
                            {
                              "name": "registry",
                              "protocols": [ { "protocolType": "Https", "port": 443 } ],
                              "targetFqdns": [ "mcr.microsoft.com", "*.data.mcr.microsoft.com" ],
                              "sourceAddresses": [ "10.240.0.0/16" ]
                            }
                          ]
                        }
                      }
                    ]
            """));

        var outcome = FixAndVerify(hub);

        Assert.Contains(outcome.Before, f => f.Endpoint == "management.azure.com");
        var rules = outcome.Hub.Substring(outcome.Hub.IndexOf("\"rules\"", StringComparison.Ordinal));
        Assert.Contains("""
                },
                {
                  "name": "aks-core-fqdns",
                  "protocols": [ { "protocolType": "Https", "port": 443 } ],
                  "targetFqdns": [
                    "*.hcp.westeurope.azmk8s.io",
                    "mcr-0001.mcr-msedge.net",
""".Replace("\r\n", "\n"), rules);

        // The sibling's source (the node subnet) is copied as written.
        Assert.Contains("\"sourceAddresses\": [ \"10.240.0.0/16\" ]\n                }\n              ]", outcome.Hub);
        Assert.DoesNotContain("aks-egress", outcome.Hub);
        Assert.Equal(outcome.Before.Count(IsMissing), outcome.HubResult.AppliedFindings.Count);
    }

    [Fact]
    public void ClassicFirewall_WhoseOnlyAllowComesAfterADenyAll_GetsANewCollectionBeforeTheDeny()
    {
        var hub = Template(Cluster + ",\n" + ClassicFirewall("""
                    "applicationRuleCollections": [
                      { "name": "deny-all", "properties": { "priority": 300, "action": { "type": "Deny" }, "rules": [ { "name": "all", "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": [ "*" ], "sourceAddresses": [ "*" ] } ] } },
                      { "name": "late-allow", "properties": { "priority": 400, "action": { "type": "Allow" }, "rules": [ { "name": "mcr", "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": [ "mcr.microsoft.com" ], "sourceAddresses": [ "*" ] } ] } }
                    ]
            """));

        var outcome = FixAndVerify(hub);

        var model = Analyze(new[] { new EgressAnalyzers.Engine.Arm.Template.TemplateInput(HubPath, outcome.Hub) }, EgressSettings.Default).Model;
        var added = Assert.Single(model.Firewalls.Single().Collections, c => c.Name == "aks-egress");
        Assert.True(added.Priority < 300, $"priority {added.Priority} is not before the Deny at 300");
        Assert.Equal(Model.RuleAction.Allow, added.Action);

        // The siblings are one-line objects: so is the new collection.
        Assert.Contains("{ \"name\": \"aks-egress\", \"properties\": { \"priority\": 100,", outcome.Hub);
    }

    [Fact]
    public void ClassicFirewall_WithoutCollections_GetsNewApplicationAndNetworkCollections_ForAllFindingsAtOnce()
    {
        var hub = Template(Cluster + ",\n" + ClassicFirewall("""
                    "threatIntelMode": "Alert"
            """));
        var settings = new EgressSettings { LegacyTunnel = true };

        var outcome = FixAndVerify(hub, settings);

        Assert.Contains(outcome.Before, f => f.Rule.Id == EgressRuleIds.EGR1002);
        Assert.Contains(outcome.Before, f => f.Rule.Id == EgressRuleIds.EGR1001);
        Assert.Contains("\"applicationRuleCollections\": [", outcome.Hub);
        Assert.Contains("\"networkRuleCollections\": [", outcome.Hub);
        Assert.Contains("\"name\": \"aks-tunnel-udp\"", outcome.Hub);
        Assert.Contains("\"destinationAddresses\": [ \"AzureCloud.westeurope\" ]", outcome.Hub);
        Assert.Equal(outcome.Before.Count(IsMissing), outcome.HubResult.AppliedFindings.Count);
    }

    [Fact]
    public void ClusterLocationParameter_IsWrittenAsAFormatExpression()
    {
        var cluster = Cluster.Replace("\"location\": \"westeurope\"", "\"location\": \"[parameters('location')]\"");
        var hub = Template(
            cluster + ",\n" + ClassicFirewall("""        "applicationRuleCollections": []"""),
            parameters: """ "location": { "type": "string", "defaultValue": "westeurope" } """);

        var outcome = FixAndVerify(hub);

        Assert.Contains("\"[format('*.hcp.{0}.azmk8s.io', parameters('location'))]\"", outcome.Hub);
        Assert.DoesNotContain("*.hcp.westeurope.azmk8s.io", outcome.Hub);
    }

    [Fact]
    public void ClusterInAnotherFile_GivesTheResolvedRegion()
    {
        var hub = Template(ClassicFirewall("""        "applicationRuleCollections": []"""));
        var clusterFile = Template(Cluster.Replace("\"location\": \"westeurope\"", "\"location\": \"[parameters('location')]\""),
            parameters: """ "location": { "type": "string", "defaultValue": "northeurope" } """);

        var outcome = FixAndVerify(hub, null, ("/repo/infra/aks.json", clusterFile));

        Assert.Contains("\"*.hcp.northeurope.azmk8s.io\"", outcome.Hub);
    }

    private static string Policy(string name = "\"hub-policy\"") => $$"""
            {
              "type": "Microsoft.Network/firewallPolicies",
              "apiVersion": "2023-11-01",
              "name": {{name}},
              "location": "westeurope",
              "properties": { "sku": { "tier": "Standard" } }
            }
        """;

    [Fact]
    public void Policy_WithAnAllowFilterCollection_GetsRulesWithRuleTypeAppended()
    {
        var group = """
                {
                  "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
                  "apiVersion": "2023-11-01",
                  "name": "hub-policy/aks",
                  "dependsOn": [ "[resourceId('Microsoft.Network/firewallPolicies', 'hub-policy')]" ],
                  "properties": {
                    "priority": 200,
                    "ruleCollections": [
                      {
                        "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
                        "name": "aks-apps",
                        "priority": 100,
                        "action": { "type": "Allow" },
                        "rules": [
                          // The registry, for images.
                          { "ruleType": "ApplicationRule", "name": "mcr", "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": [ "mcr.microsoft.com" ], "sourceAddresses": [ "*" ] }
                        ]
                      }
                    ]
                  }
                }
            """;
        var hub = Template(Cluster + ",\n" + Policy() + ",\n" + group);

        var outcome = FixAndVerify(hub);

        Assert.Contains("{ \"ruleType\": \"ApplicationRule\", \"name\": \"aks-core-fqdns\"", outcome.Hub);
        Assert.Single(Analyze(new[] { new EgressAnalyzers.Engine.Arm.Template.TemplateInput(HubPath, outcome.Hub) }, EgressSettings.Default).Model.RuleCollectionGroups);
    }

    [Fact]
    public void Policy_WithoutGroups_GetsANewRuleCollectionGroupAfterThePolicy()
    {
        var hub = Template(Policy("\"[parameters('policyName')]\"") + ",\n" + Cluster, parameters: """ "policyName": { "type": "string", "defaultValue": "hub-policy" } """);

        var outcome = FixAndVerify(hub);

        Assert.Contains("\"type\": \"Microsoft.Network/firewallPolicies/ruleCollectionGroups\"", outcome.Hub);
        Assert.Contains("\"name\": \"[format('{0}/aks-egress', parameters('policyName'))]\"", outcome.Hub);
        Assert.Contains("\"[resourceId('Microsoft.Network/firewallPolicies', parameters('policyName'))]\"", outcome.Hub);
        Assert.Contains("\"ruleCollectionType\": \"FirewallPolicyFilterRuleCollection\"", outcome.Hub);

        // Inserted right after the policy, before the cluster.
        Assert.True(outcome.Hub.IndexOf("aks-egress", StringComparison.Ordinal) < outcome.Hub.IndexOf("managedClusters", StringComparison.Ordinal));
    }

    [Fact]
    public void Policy_WithOnlyADenyGroup_GetsANewGroupWithAPriorityBeforeIt()
    {
        var deny = """
                {
                  "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
                  "apiVersion": "2023-11-01",
                  "name": "hub-policy/deny",
                  "properties": {
                    "priority": 150,
                    "ruleCollections": [
                      {
                        "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
                        "name": "deny-all",
                        "priority": 100,
                        "action": { "type": "Deny" },
                        "rules": [ { "ruleType": "ApplicationRule", "name": "all", "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": [ "*" ], "sourceAddresses": [ "*" ] } ]
                      }
                    ]
                  }
                }
            """;
        var hub = Template(Cluster + ",\n" + Policy() + ",\n" + deny);

        var outcome = FixAndVerify(hub);

        var groups = Analyze(new[] { new EgressAnalyzers.Engine.Arm.Template.TemplateInput(HubPath, outcome.Hub) }, EgressSettings.Default).Model.RuleCollectionGroups;
        var added = Assert.Single(groups, g => g.Key.ShortName == "aks-egress");
        Assert.True(added.Priority < 150, $"group priority {added.Priority} is not before the Deny group at 150");
        Assert.Contains("\"[resourceId('Microsoft.Network/firewallPolicies/ruleCollectionGroups', 'hub-policy', 'deny')]\"", outcome.Hub);
    }

    [Fact]
    public void NestedChildGroup_GetsItsNewCollectionInsideTheNestedGroup()
    {
        var policy = """
                {
                  "type": "Microsoft.Network/firewallPolicies",
                  "apiVersion": "2023-11-01",
                  "name": "hub-policy",
                  "location": "westeurope",
                  "properties": {},
                  "resources": [
                    {
                      "type": "ruleCollectionGroups",
                      "apiVersion": "2023-11-01",
                      "name": "network",
                      "dependsOn": [ "hub-policy" ],
                      "properties": {
                        "priority": 300,
                        "ruleCollections": [
                          {
                            "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
                            "name": "ntp",
                            "priority": 100,
                            "action": { "type": "Allow" },
                            "rules": [
                              { "ruleType": "NetworkRule", "name": "ntp", "ipProtocols": [ "UDP" ], "sourceAddresses": [ "*" ], "destinationFqdns": [ "ntp.ubuntu.com" ], "destinationPorts": [ "123" ] }
                            ]
                          }
                        ]
                      }
                    }
                  ]
                }
            """;
        var hub = Template(Cluster + ",\n" + policy);

        var outcome = FixAndVerify(hub);

        var model = Analyze(new[] { new EgressAnalyzers.Engine.Arm.Template.TemplateInput(HubPath, outcome.Hub) }, EgressSettings.Default).Model;
        var group = Assert.Single(model.RuleCollectionGroups);
        Assert.Contains(group.Collections, c => c.Name == "aks-egress" && c.Kind == Model.RuleCollectionKind.Application);
    }

    [Fact]
    public void NestedChildGroupWithOnlyNetworkDenies_GetsANewNestedGroup()
    {
        var policy = """
                {
                  "type": "Microsoft.Network/firewallPolicies",
                  "apiVersion": "2023-11-01",
                  "name": "hub-policy",
                  "location": "westeurope",
                  "properties": {},
                  "resources": [
                    {
                      "type": "ruleCollectionGroups",
                      "apiVersion": "2023-11-01",
                      "name": "deny",
                      "dependsOn": [ "hub-policy" ],
                      "copy": { "name": "once", "count": 1 },
                      "properties": { "priority": 300, "ruleCollections": [] }
                    }
                  ]
                }
            """;
        var hub = Template(Cluster + ",\n" + policy);

        var outcome = FixAndVerify(hub);

        Assert.Contains("\"type\": \"ruleCollectionGroups\"", outcome.Hub.Substring(outcome.Hub.IndexOf("\"deny\"", StringComparison.Ordinal)));
        var model = Analyze(new[] { new EgressAnalyzers.Engine.Arm.Template.TemplateInput(HubPath, outcome.Hub) }, EgressSettings.Default).Model;
        Assert.Contains(model.RuleCollectionGroups, g => g.Key.Name == "hub-policy/aks-egress");
    }

    [Fact]
    public void LanguageVersion2_SymbolicResources_GetASymbolicGroupThatDependsOnThePolicyBySymbol()
    {
        var hub = $$"""
            {
              "$schema": "{{Schema}}",
              "languageVersion": "2.0",
              "contentVersion": "1.0.0.0",
              "parameters": { "location": { "type": "string", "defaultValue": "westeurope" } },
              "resources": {
                "policy": {
                  "type": "Microsoft.Network/firewallPolicies",
                  "apiVersion": "2023-11-01",
                  "name": "hub-policy",
                  "location": "[parameters('location')]",
                  "properties": {}
                },
                "aks": {
                  "type": "Microsoft.ContainerService/managedClusters",
                  "apiVersion": "2024-05-01",
                  "name": "aks",
                  "location": "[parameters('location')]",
                  "properties": { "dnsPrefix": "aks", "networkProfile": { "outboundType": "userDefinedRouting" } }
                }
              }
            }
            """;

        var outcome = FixAndVerify(hub);

        Assert.Contains("\"aksEgressRuleCollectionGroup\": {", outcome.Hub);
        Assert.Contains("\"dependsOn\": [ \"policy\" ]", outcome.Hub);
        Assert.Contains("[format('*.hcp.{0}.azmk8s.io', parameters('location'))]", outcome.Hub);
    }

    [Fact]
    public void CrlfTabsAndComments_AreKept()
    {
        var hub = Template(Cluster + ",\n" + ClassicFirewall("""
                    // Rules for the cluster
                    "applicationRuleCollections": [
                      {
                        "name": "aks-apps", /* the only one */
                        "properties": {
                          "priority": 200,
                          "action": { "type": "Allow" },
                          "rules": [
                            {
                              "name": "registry",
                              "protocols": [ { "protocolType": "Https", "port": 443 } ],
                              "targetFqdns": [
                                "mcr.microsoft.com"
                              ]
                            } // trailing note
                          ]
                        }
                      }
                    ]
            """)).Replace("\r\n", "\n").Replace("  ", "\t").Replace("\n", "\r\n");

        var outcome = FixAndVerify(hub);

        Assert.DoesNotContain("\n", outcome.Hub.Replace("\r\n", ""));
        Assert.Contains("} // trailing note", outcome.Hub.Replace("},", "}"));
        Assert.Contains("\"targetFqdns\": [\r\n\t\t\t\t\t\t\t\t\t\t\"*.hcp.westeurope.azmk8s.io\",\r\n", outcome.Hub);
        Assert.Contains("\"protocols\": [ { \"protocolType\": \"Https\", \"port\": 443 } ],\r\n", outcome.Hub);
        Assert.DoesNotContain("  ", outcome.Hub.Substring(outcome.Hub.IndexOf("aks-core-fqdns", StringComparison.Ordinal)));
    }

    [Fact]
    public void CollectionsFromAnExpression_AreNotFixable_AndTheFileIsUnchanged()
    {
        var hub = Template(Cluster + ",\n" + ClassicFirewall("""
                    "applicationRuleCollections": "[variables('rules')]"
            """)).Replace("\"parameters\": {},", "\"parameters\": {},\n  \"variables\": { \"rules\": [] },");

        var outcome = FixAndVerify(new[] { (HubPath, hub) }, EgressSettings.Default, requireAllFixed: false);

        Assert.Equal(hub, outcome.Hub);
        Assert.NotEmpty(outcome.HubResult.NotApplied);
        Assert.All(outcome.HubResult.NotApplied, n => Assert.Contains("computed", n.Reason));
    }

    [Fact]
    public void CustomDns_IsAllowedToTheDnsServers()
    {
        var network = """
                {
                  "type": "Microsoft.Network/virtualNetworks",
                  "apiVersion": "2024-05-01",
                  "name": "spoke",
                  "location": "westeurope",
                  "properties": {
                    "dhcpOptions": { "dnsServers": [ "10.0.0.4" ] },
                    "subnets": [ { "name": "nodes", "properties": { "addressPrefix": "10.240.0.0/16" } } ]
                  }
                }
            """;
        var cluster = Cluster.Replace("\"osType\": \"Linux\"", "\"osType\": \"Linux\", \"vnetSubnetID\": \"[resourceId('Microsoft.Network/virtualNetworks/subnets', 'spoke', 'nodes')]\"");
        var hub = Template(network + ",\n" + cluster + ",\n" + ClassicFirewall("""
                    "applicationRuleCollections": [ { "name": "apps", "properties": { "priority": 100, "action": { "type": "Allow" }, "rules": [ { "name": "all-core", "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": [ "*.hcp.westeurope.azmk8s.io", "mcr.microsoft.com", "*.data.mcr.microsoft.com", "mcr-0001.mcr-msedge.net", "management.azure.com", "login.microsoftonline.com", "packages.microsoft.com", "acs-mirror.azureedge.net", "packages.aks.azure.com" ], "sourceAddresses": [ "*" ] } ] } } ]
            """));

        var outcome = FixAndVerify(hub);

        var finding = Assert.Single(outcome.Before, IsMissing);
        Assert.Equal(EgressRuleIds.EGR1002, finding.Rule.Id);
        Assert.Contains("\"name\": \"aks-dns\"", outcome.Hub);
        Assert.Contains("\"destinationAddresses\": [ \"10.0.0.4\" ]", outcome.Hub);
        Assert.Contains("\"sourceAddresses\": [ \"10.240.0.0/16\" ]", outcome.Hub);
    }

    [Fact]
    public void NewRule_FollowsTheSiblingRulesPropertyOrder()
    {
        var hub = Template(Cluster + ",\n" + ClassicFirewall("""
                    "applicationRuleCollections": [ { "name": "apps", "properties": { "priority": 100, "action": { "type": "Allow" }, "rules": [
                      { "sourceAddresses": [ "*" ], "targetFqdns": [ "mcr.microsoft.com" ], "protocols": [ { "port": 443, "protocolType": "Https" } ], "name": "mcr" }
                    ] } } ]
            """));

        var outcome = FixAndVerify(hub);

        Assert.Contains("{ \"sourceAddresses\": [ \"*\" ], \"targetFqdns\": [ \"*.hcp.westeurope.azmk8s.io\"", outcome.Hub);
        Assert.Contains("\"protocols\": [ { \"port\": 443, \"protocolType\": \"Https\" } ], \"name\": \"aks-core-fqdns\" }", outcome.Hub);
    }

    [Fact]
    public void UnknownClusterRegion_InTheSameTemplate_IsWrittenWithTheClustersOwnExpression()
    {
        var cluster = Cluster.Replace("\"location\": \"westeurope\"", "\"location\": \"[resourceGroup().location]\"");
        var hub = Template(cluster + ",\n" + ClassicFirewall("""        "applicationRuleCollections": []"""));

        var outcome = FixAndVerify(hub);

        Assert.Contains(outcome.Before, f => f.Endpoint == "*.hcp.<location>.azmk8s.io");
        Assert.Contains("\"[format('*.hcp.{0}.azmk8s.io', resourceGroup().location)]\"", outcome.Hub);
        Assert.DoesNotContain(outcome.After, f => f.Endpoint == "*.hcp.<location>.azmk8s.io" && IsMissing(f));
    }

    [Fact]
    public void RegionParameterWrittenAsADisplayName_IsNormalisedInTheExpression()
    {
        var cluster = Cluster.Replace("\"location\": \"westeurope\"", "\"location\": \"[parameters('location')]\"");
        var hub = Template(
            cluster + ",\n" + ClassicFirewall("""        "applicationRuleCollections": []"""),
            parameters: """ "location": { "type": "string", "defaultValue": "West Europe" } """);

        var outcome = FixAndVerify(hub);

        Assert.Contains("\"[format('*.hcp.{0}.azmk8s.io', toLower(replace(parameters('location'), ' ', '')))]\"", outcome.Hub);
    }

    [Fact]
    public void EmptyRulesOfAOneLineCollection_GetTheirRulesOnThatLine()
    {
        var hub = Template(Cluster + ",\n" + ClassicFirewall("""
                    "applicationRuleCollections": [ { "name": "apps", "properties": { "priority": 100, "action": { "type": "Allow" }, "rules": [] } } ]
            """));

        var outcome = FixAndVerify(hub);

        var line = outcome.Hub.Split('\n').Single(l => l.Contains("\"apps\"", StringComparison.Ordinal));
        Assert.Contains("\"rules\": [ { \"name\": \"aks-core-fqdns\"", line);
        Assert.EndsWith("} ] } } ]", line.TrimEnd());
    }
}
