using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Model;
using static EgressAnalyzers.Engine.Tests.Arm.Template.TemplateFixture;

namespace EgressAnalyzers.Engine.Tests.Arm.Template;

public class ArmTemplateReaderTests
{
    private const string ClassicFirewall = """
        {
          "type": "Microsoft.Network/azureFirewalls",
          "apiVersion": "2024-05-01",
          "name": "fw-hub",
          "location": "westeurope",
          "properties": {
            "applicationRuleCollections": [
              {
                "name": "aks-app",
                "properties": {
                  "priority": 200,
                  "action": { "type": "Allow" },
                  "rules": [
                    {
                      "name": "aks-tag",
                      "protocols": [ { "protocolType": "Https", "port": 443 } ],
                      "fqdnTags": [ "AzureKubernetesService" ],
                      "sourceAddresses": [ "10.0.0.0/16" ]
                    },
                    {
                      "name": "mcr",
                      "protocols": [ { "protocolType": "Https", "port": 443 }, { "protocolType": "Http", "port": 80 } ],
                      "targetFqdns": [ "mcr.microsoft.com", "*.data.mcr.microsoft.com" ],
                      "sourceIpGroups": [ "[resourceId('Microsoft.Network/ipGroups', 'ipg-aks')]" ]
                    }
                  ]
                }
              }
            ],
            "networkRuleCollections": [
              {
                "name": "aks-net",
                "properties": {
                  "priority": 100,
                  "action": { "type": "Deny" },
                  "rules": [
                    {
                      "name": "tunnel",
                      "protocols": [ "UDP" ],
                      "sourceAddresses": [ "*" ],
                      "destinationAddresses": [ "AzureCloud.westeurope" ],
                      "destinationPorts": [ "1194" ]
                    }
                  ]
                }
              }
            ],
            "natRuleCollections": [
              { "name": "dnat", "properties": { "priority": 100, "action": { "type": "Dnat" }, "rules": [] } }
            ]
          }
        }
        """;

    [Fact]
    public void ClassicFirewall_ApplicationNetworkAndNatCollections_AreReadInOrder()
    {
        var text = TemplateOf(ClassicFirewall);
        var result = Read(text);

        Assert.True(result.IsTemplate);
        Assert.Empty(result.Diagnostics);
        var firewall = Single<AzureFirewallResource>(result);
        Assert.Equal(new ResourceKey("Microsoft.Network/azureFirewalls", "fw-hub"), firewall.Key);
        Assert.Equal("fw-hub", firewall.DisplayName);
        Assert.Equal("\"fw-hub\"", At(text, firewall.NameSpan));
        Assert.StartsWith("{", At(text, firewall.Span), StringComparison.Ordinal);
        Assert.Contains("\"Microsoft.Network/azureFirewalls\"", At(text, firewall.Span), StringComparison.Ordinal);
        Assert.Null(firewall.FirewallPolicy);

        Assert.Collection(
            firewall.Collections,
            app =>
            {
                Assert.Equal("aks-app", app.Name);
                Assert.Equal(RuleCollectionKind.Application, app.Kind);
                Assert.Equal(200, app.Priority);
                Assert.Equal(RuleAction.Allow, app.Action);
                Assert.Equal("\"aks-app\"", At(text, app.NameSpan));
                Assert.StartsWith("[", At(text, app.RulesSpan), StringComparison.Ordinal);
                Assert.Equal(2, app.ApplicationRules.Count);
                var tagRule = app.ApplicationRules[0];
                Assert.Equal("aks-tag", tagRule.Name);
                Assert.Equal(new[] { "AzureKubernetesService" }, tagRule.FqdnTags.Select(v => v.Text));
                Assert.Equal("\"AzureKubernetesService\"", At(text, tagRule.FqdnTags[0].Span));
                Assert.Equal(new[] { "10.0.0.0/16" }, tagRule.SourceAddresses.Select(v => v.Text));
                var protocol = Assert.Single(tagRule.Protocols);
                Assert.Equal("Https", protocol.ProtocolType.Text);
                Assert.Equal("443", protocol.Port.Text);
                Assert.Equal("443", At(text, protocol.Port.Span));
                var mcr = app.ApplicationRules[1];
                Assert.Equal(new[] { "mcr.microsoft.com", "*.data.mcr.microsoft.com" }, mcr.TargetFqdns.Select(v => v.Text));
                Assert.Equal(2, mcr.Protocols.Count);
                var ipGroup = Assert.Single(mcr.SourceIpGroups);
                Assert.True(ipGroup.IsKnown);
                Assert.Contains("ipg-aks", ipGroup.Text, StringComparison.Ordinal);
            },
            net =>
            {
                Assert.Equal("aks-net", net.Name);
                Assert.Equal(RuleCollectionKind.Network, net.Kind);
                Assert.Equal(100, net.Priority);
                Assert.Equal(RuleAction.Deny, net.Action);
                var rule = Assert.Single(net.NetworkRules);
                Assert.Equal("tunnel", rule.Name);
                Assert.Equal(new[] { "UDP" }, rule.Protocols.Select(v => v.Text));
                Assert.Equal(new[] { "AzureCloud.westeurope" }, rule.DestinationAddresses.Select(v => v.Text));
                Assert.Equal(new[] { "1194" }, rule.DestinationPorts.Select(v => v.Text));
                Assert.Equal(new[] { "*" }, rule.SourceAddresses.Select(v => v.Text));
                Assert.StartsWith("{", At(text, rule.Span), StringComparison.Ordinal);
                Assert.Contains("\"tunnel\"", At(text, rule.Span), StringComparison.Ordinal);
            },
            nat =>
            {
                Assert.Equal("dnat", nat.Name);
                Assert.Equal(RuleCollectionKind.Nat, nat.Kind);
                Assert.Equal(RuleAction.Other, nat.Action);
            });
    }

    [Fact]
    public void Firewall_PolicyId_BecomesPolicyReference()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Network/azureFirewalls",
              "name": "fw",
              "properties": { "firewallPolicy": { "id": "[resourceId('Microsoft.Network/firewallPolicies', 'fwp-hub')]" } }
            }
            """);

        var firewall = Single<AzureFirewallResource>(Read(text));

        Assert.NotNull(firewall.FirewallPolicy);
        Assert.Equal(new ResourceKey(ResourceKey.FirewallPolicyType, "fwp-hub"), firewall.FirewallPolicy!.Key);
        Assert.Equal("[resourceId('Microsoft.Network/firewallPolicies', 'fwp-hub')]", firewall.FirewallPolicy.Text);
        Assert.Equal("\"" + firewall.FirewallPolicy.Text + "\"", At(text, firewall.FirewallPolicy.Span));
    }

    [Fact]
    public void Firewall_LiteralPolicyIdString_IsParsedToKey()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Network/azureFirewalls",
              "name": "fw",
              "properties": { "firewallPolicy": { "id": "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/firewallPolicies/fwp-shared" } }
            }
            """);

        var firewall = Single<AzureFirewallResource>(Read(text));

        Assert.Equal(new ResourceKey(ResourceKey.FirewallPolicyType, "fwp-shared"), firewall.FirewallPolicy!.Key);
    }

    [Fact]
    public void Policy_WithNestedRuleCollectionGroup_LinksGroupToPolicy()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Network/firewallPolicies",
              "name": "fwp-region",
              "properties": { "basePolicy": { "id": "[resourceId('Microsoft.Network/firewallPolicies', 'fwp-base')]" } },
              "resources": [
                {
                  "type": "ruleCollectionGroups",
                  "name": "app-rcg",
                  "properties": {
                    "priority": 300,
                    "ruleCollections": [
                      {
                        "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
                        "name": "aks",
                        "priority": 110,
                        "action": { "type": "Allow" },
                        "rules": [
                          { "ruleType": "ApplicationRule", "name": "tag", "protocols": [ { "protocolType": "Https", "port": 443 } ], "fqdnTags": [ "AzureKubernetesService" ], "sourceAddresses": [ "*" ] }
                        ]
                      }
                    ]
                  }
                },
                {
                  "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
                  "name": "fwp-region/net-rcg",
                  "properties": { "priority": 200, "ruleCollections": [] }
                }
              ]
            }
            """);

        var result = Read(text);

        var policy = Single<FirewallPolicyResource>(result);
        Assert.Equal(new ResourceKey(ResourceKey.FirewallPolicyType, "fwp-region"), policy.Key);
        Assert.Equal(new ResourceKey(ResourceKey.FirewallPolicyType, "fwp-base"), policy.BasePolicy!.Key);
        var groups = result.Resources.OfType<RuleCollectionGroupResource>().ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal(new ResourceKey(ResourceKey.RuleCollectionGroupType, "fwp-region/app-rcg"), groups[0].Key);
        Assert.Equal("app-rcg", groups[0].DisplayName);
        Assert.Equal(policy.Key, groups[0].Policy);
        Assert.Equal(300, groups[0].Priority);
        var collection = Assert.Single(groups[0].Collections);
        Assert.Equal("aks", collection.Name);
        Assert.Equal(110, collection.Priority);
        Assert.Equal(RuleAction.Allow, collection.Action);
        Assert.Equal("AzureKubernetesService", Assert.Single(Assert.Single(collection.ApplicationRules).FqdnTags).Text);
        Assert.Equal(new ResourceKey(ResourceKey.RuleCollectionGroupType, "fwp-region/net-rcg"), groups[1].Key);
        Assert.Equal(policy.Key, groups[1].Policy);
        Assert.Empty(groups[1].Collections);
    }

    [Fact]
    public void FilterCollection_MixingRuleKinds_IsSplitPerKindWithSameNamePriorityAndAction()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
              "name": "fwp/rcg",
              "properties": {
                "priority": 100,
                "ruleCollections": [
                  {
                    "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
                    "name": "mixed",
                    "priority": 150,
                    "action": { "type": "Deny" },
                    "rules": [
                      { "ruleType": "NetworkRule", "name": "ntp", "ipProtocols": [ "UDP" ], "sourceAddresses": [ "*" ], "destinationAddresses": [ "*" ], "destinationPorts": [ "123" ], "destinationFqdns": [], "destinationIpGroups": [] },
                      { "ruleType": "ApplicationRule", "name": "mcr", "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": [ "mcr.microsoft.com" ], "sourceAddresses": [ "*" ] },
                      { "ruleType": "NetworkRule", "name": "dns", "ipProtocols": [ "UDP", "TCP" ], "sourceAddresses": [ "*" ], "destinationFqdns": [ "dns.example.com" ], "destinationPorts": [ "53" ] }
                    ]
                  },
                  {
                    "ruleCollectionType": "FirewallPolicyNatRuleCollection",
                    "name": "inbound",
                    "priority": 100,
                    "action": { "type": "DNAT" },
                    "rules": [ { "ruleType": "NatRule", "name": "ssh" } ]
                  }
                ]
              }
            }
            """);

        var group = Single<RuleCollectionGroupResource>(Read(text));

        Assert.Equal(new ResourceKey(ResourceKey.FirewallPolicyType, "fwp"), group.Policy);
        Assert.Equal(3, group.Collections.Count);
        var network = group.Collections[0];
        var application = group.Collections[1];
        Assert.Equal(RuleCollectionKind.Network, network.Kind);
        Assert.Equal(RuleCollectionKind.Application, application.Kind);
        foreach (var collection in new[] { network, application })
        {
            Assert.Equal("mixed", collection.Name);
            Assert.Equal(150, collection.Priority);
            Assert.Equal(RuleAction.Deny, collection.Action);
            Assert.Equal("\"mixed\"", At(text, collection.NameSpan));
        }

        Assert.Equal(new[] { "ntp", "dns" }, network.NetworkRules.Select(r => r.Name));
        Assert.Equal(new[] { "UDP", "TCP" }, network.NetworkRules[1].Protocols.Select(v => v.Text));
        Assert.Equal(new[] { "dns.example.com" }, network.NetworkRules[1].DestinationFqdns.Select(v => v.Text));
        Assert.Equal("mcr", Assert.Single(application.ApplicationRules).Name);
        Assert.Empty(application.NetworkRules);
        var nat = group.Collections[2];
        Assert.Equal(RuleCollectionKind.Nat, nat.Kind);
        Assert.Equal(RuleAction.Other, nat.Action);
    }

    [Fact]
    public void LegacyRuleGroups_FilterRulesWithConditions_AreReadAsCollections()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Network/firewallPolicies/ruleGroups",
              "apiVersion": "2020-03-01",
              "name": "fwp/legacy",
              "properties": {
                "priority": 200,
                "rules": [
                  {
                    "ruleType": "FirewallPolicyFilterRule",
                    "name": "aks",
                    "priority": 300,
                    "action": { "type": "Allow" },
                    "ruleConditions": [
                      { "ruleConditionType": "ApplicationRuleCondition", "name": "tag", "protocols": [ { "protocolType": "Https", "port": 443 } ], "fqdnTags": [ "AzureKubernetesService" ], "sourceAddresses": [ "*" ] },
                      { "ruleConditionType": "NetworkRuleCondition", "name": "ntp", "ipProtocols": [ "UDP" ], "destinationAddresses": [ "*" ], "destinationPorts": [ "123" ], "sourceAddresses": [ "*" ] }
                    ]
                  }
                ]
              }
            }
            """);

        var group = Single<RuleCollectionGroupResource>(Read(text));

        Assert.Equal(new ResourceKey(ResourceKey.FirewallPolicyType, "fwp"), group.Policy);
        Assert.Equal(200, group.Priority);
        Assert.Equal(2, group.Collections.Count);
        Assert.All(group.Collections, c => Assert.Equal(("aks", 300, RuleAction.Allow), (c.Name, c.Priority, c.Action)));
        Assert.Equal("AzureKubernetesService", group.Collections[0].ApplicationRules[0].FqdnTags[0].Text);
        Assert.Equal("123", group.Collections[1].NetworkRules[0].DestinationPorts[0].Text);
    }

    [Fact]
    public void UnresolvedCollectionList_BecomesPlaceholderWithUnknownValues()
    {
        var text = TemplateOf(
            """
            {
              "type": "Microsoft.Network/azureFirewalls",
              "name": "fw",
              "properties": { "applicationRuleCollections": "[parameters('appCollections')]" }
            }
            """,
            parameters: """ "appCollections": { "type": "array" } """);

        var firewall = Single<AzureFirewallResource>(Read(text));

        var collection = Assert.Single(firewall.Collections);
        Assert.Equal(RuleCollectionKind.Application, collection.Kind);
        Assert.Equal(RuleAction.Unknown, collection.Action);
        Assert.Null(collection.Priority);
        var rule = Assert.Single(collection.ApplicationRules);
        var fqdn = Assert.Single(rule.TargetFqdns);
        Assert.False(fqdn.IsKnown);
        Assert.Equal("parameters('appCollections')", fqdn.UnresolvedExpression);
        Assert.Equal("\"[parameters('appCollections')]\"", At(text, fqdn.Span));
    }

    [Fact]
    public void UnresolvedListProperty_BecomesSingleUnknownValue()
    {
        var text = TemplateOf(
            """
            {
              "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
              "name": "fwp/rcg",
              "properties": {
                "priority": 100,
                "ruleCollections": [
                  {
                    "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
                    "name": "c",
                    "priority": 100,
                    "action": { "type": "Allow" },
                    "rules": [ { "ruleType": "ApplicationRule", "name": "r", "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": "[parameters('fqdns')]", "sourceAddresses": [ "*" ] } ]
                  }
                ]
              }
            }
            """,
            parameters: """ "fqdns": { "type": "array" } """);

        var group = Single<RuleCollectionGroupResource>(Read(text));

        var fqdns = group.Collections[0].ApplicationRules[0].TargetFqdns;
        var value = Assert.Single(fqdns);
        Assert.False(value.IsKnown);
        Assert.Equal("parameters('fqdns')", value.UnresolvedExpression);
    }

    [Fact]
    public void WrongTypes_AreIgnoredWithoutThrowing()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Network/azureFirewalls",
              "name": "fw",
              "properties": {
                "applicationRuleCollections": 42,
                "networkRuleCollections": [ 7, "x", { "name": "n", "properties": { "priority": "high", "action": 3, "rules": { "a": 1 } } } ]
              }
            },
            {
              "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
              "name": "fwp/rcg",
              "properties": { "priority": [], "ruleCollections": [ { "rules": [ { "ruleType": "ApplicationRule", "protocols": 5, "targetFqdns": [ {}, [], 1 ] } ] } ] }
            },
            { "type": 12, "name": {} },
            "not an object",
            { "type": "Microsoft.ContainerService/managedClusters", "name": "aks", "properties": { "agentPoolProfiles": 3, "addonProfiles": [] } }
            """);

        var result = Read(text);

        Assert.DoesNotContain(result.Diagnostics, d => d.Rule.Id == EgressRuleIds.EGR0002);
        var firewall = Single<AzureFirewallResource>(result);
        var net = firewall.Collections.Single(c => c.Name == "n");
        Assert.Null(net.Priority);
        Assert.Equal(RuleAction.Unknown, net.Action);
        Assert.Empty(net.NetworkRules);
        var group = Single<RuleCollectionGroupResource>(result);
        Assert.Null(group.Priority);
        var rule = group.Collections[0].ApplicationRules[0];
        Assert.Empty(rule.Protocols);
        Assert.Equal(new[] { "1" }, rule.TargetFqdns.Select(v => v.Text));
        Assert.Single(result.Resources.OfType<AksClusterResource>());
    }

    [Fact]
    public void SyntaxError_ReportsEgr0002AtFirstErrorAndStillReadsWhatParsed()
    {
        var text = TemplateOf(ClassicFirewall) + "\n}}";
        var result = Read(text);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(EgressRuleIds.EGR0002, diagnostic.Rule.Id);
        Assert.Equal("main.json", diagnostic.MessageArguments[0]);
        Assert.True(diagnostic.Location.Start >= text.Length - 3, $"error at {diagnostic.Location}");
        Assert.Single(result.Resources.OfType<AzureFirewallResource>());
    }

    [Fact]
    public void JsonWithComments_IsReadWithoutDiagnostics()
    {
        var text = TemplateOf("""
            // the hub firewall
            {
              "type": "Microsoft.Network/azureFirewalls", /* classic */
              "name": "fw"
            }
            """);

        var result = Read(text);

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.Resources.OfType<AzureFirewallResource>());
    }

    [Fact]
    public void OversizedFile_IsSkippedWithEgr0002AtStart()
    {
        var text = TemplateOf(string.Empty) + new string(' ', 32 * 1024 * 1024);
        var result = Read(text);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(EgressRuleIds.EGR0002, diagnostic.Rule.Id);
        Assert.Equal(0, diagnostic.Location.Start);
        Assert.Empty(result.Resources);
    }

    [Fact]
    public void TooManyResources_StopsWithEgr0002()
    {
        var text = TemplateOf("""
            { "type": "Microsoft.Network/azureFirewalls", "name": "[concat('fw-', copyIndex())]", "copy": { "name": "fws", "count": 800 },
              "resources": [ { "type": "Microsoft.Network/firewallPolicies", "name": "[concat('p-', copyIndex('fws'))]", "copy": { "name": "inner", "count": 800 } } ] }
            """);

        var result = Read(text);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(EgressRuleIds.EGR0002, diagnostic.Rule.Id);
        Assert.Contains("10000", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(10_000, result.Resources.Count);
    }

    [Fact]
    public void CopyLoop_WithKnownCount_ExpandsWithCopyIndex()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Network/firewallPolicies",
              "name": "[concat('fwp-', copyIndex())]",
              "copy": { "name": "policies", "count": 3 }
            }
            """);

        var policies = Read(text).Resources.OfType<FirewallPolicyResource>().ToList();

        Assert.Equal(new[] { "fwp-0", "fwp-1", "fwp-2" }, policies.Select(p => p.DisplayName));
    }

    [Fact]
    public void CopyLoop_WithUnknownCount_IsReadOnceWithUnknownIndex()
    {
        var text = TemplateOf(
            """
            {
              "type": "Microsoft.Network/firewallPolicies",
              "name": "[concat('fwp-', copyIndex())]",
              "copy": { "name": "policies", "count": "[parameters('n')]" }
            }
            """,
            parameters: """ "n": { "type": "int" } """);

        var policy = Single<FirewallPolicyResource>(Read(text));

        Assert.Contains("copyIndex()", policy.DisplayName, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("false", 0)]
    [InlineData("\"[false()]\"", 0)]
    [InlineData("true", 1)]
    [InlineData("\"[parameters('deployFirewall')]\"", 1)]
    public void Condition_KnownFalseSkipsResource_UnknownReadsIt(string condition, int expected)
    {
        var text = TemplateOf(
            $$"""
            { "type": "Microsoft.Network/azureFirewalls", "name": "fw", "condition": {{condition}} }
            """,
            parameters: """ "deployFirewall": { "type": "bool" } """);

        Assert.Equal(expected, Read(text).Resources.OfType<AzureFirewallResource>().Count());
    }

    [Fact]
    public void LanguageVersion2_SymbolicResources_AreRead_AndExistingOnesSkipped()
    {
        var text = $$"""
            {
              "$schema": "{{Schema}}",
              "languageVersion": "2.0",
              "contentVersion": "1.0.0.0",
              "resources": {
                "hubPolicy": { "type": "Microsoft.Network/firewallPolicies", "apiVersion": "2024-05-01", "name": "fwp-hub" },
                "shared": { "existing": true, "type": "Microsoft.Network/firewallPolicies", "apiVersion": "2024-05-01", "name": "fwp-shared" },
                "rcg": { "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "apiVersion": "2024-05-01", "name": "fwp-hub/aks", "properties": { "priority": 100, "ruleCollections": [] } }
              }
            }
            """;

        var result = Read(text);

        Assert.Equal("fwp-hub", Single<FirewallPolicyResource>(result).DisplayName);
        Assert.Equal(new ResourceKey(ResourceKey.FirewallPolicyType, "fwp-hub"), Single<RuleCollectionGroupResource>(result).Policy);
    }

    [Fact]
    public void UnknownResourceName_UsesSymbolSoSameExpressionsLink()
    {
        var text = TemplateOf(
            """
            { "type": "Microsoft.Network/firewallPolicies", "name": "[parameters('policyName')]" },
            { "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "name": "[concat(parameters('policyName'), '/aks')]", "properties": { "priority": 100 } },
            { "type": "Microsoft.Network/azureFirewalls", "name": "fw", "properties": { "firewallPolicy": { "id": "[resourceId('Microsoft.Network/firewallPolicies', parameters('policyName'))]" } } }
            """,
            parameters: """ "policyName": { "type": "string" } """);

        var result = Read(text);

        var policy = Single<FirewallPolicyResource>(result);
        Assert.Equal("parameters('policyName')", policy.DisplayName);
        Assert.Equal("{parameters('policyname')}", policy.Key.Name);
        Assert.Equal(policy.Key, Single<AzureFirewallResource>(result).FirewallPolicy!.Key);
        var group = Single<RuleCollectionGroupResource>(result);
        Assert.Equal("aks", group.DisplayName);
        Assert.Equal(policy.Key, group.Policy);
    }

    [Fact]
    public void VirtualNetwork_DnsServersSubnetsAndRouteTables_AreRead()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Network/virtualNetworks",
              "name": "vnet-spoke",
              "properties": {
                "dhcpOptions": { "dnsServers": [ "10.1.0.4" ] },
                "subnets": [
                  { "name": "snet-nodes", "properties": { "addressPrefix": "10.240.0.0/22", "routeTable": { "id": "[resourceId('Microsoft.Network/routeTables', 'rt-egress')]" } } },
                  { "name": "snet-dual", "properties": { "addressPrefixes": [ "10.240.8.0/24", "fd00::/64" ] } }
                ]
              },
              "resources": [
                { "type": "subnets", "name": "snet-child", "properties": { "addressPrefix": "10.240.9.0/24" } }
              ]
            }
            """);

        var result = Read(text);

        var vnet = Single<VirtualNetworkResource>(result);
        Assert.Equal(new[] { "10.1.0.4" }, vnet.DnsServers.Select(v => v.Text));
        Assert.Equal(2, vnet.Subnets.Count);
        var nodes = vnet.Subnets[0];
        Assert.Equal(new ResourceKey(ResourceKey.SubnetType, "vnet-spoke/snet-nodes"), nodes.Key);
        Assert.Equal("\"snet-nodes\"", At(text, nodes.NameSpan));
        Assert.Equal(new[] { "10.240.0.0/22" }, nodes.AddressPrefixes.Select(v => v.Text));
        Assert.Equal(new ResourceKey(ResourceKey.RouteTableType, "rt-egress"), nodes.RouteTable);
        Assert.Equal(new[] { "10.240.8.0/24", "fd00::/64" }, vnet.Subnets[1].AddressPrefixes.Select(v => v.Text));
        var child = Single<SubnetResource>(result);
        Assert.Equal(new ResourceKey(ResourceKey.SubnetType, "vnet-spoke/snet-child"), child.Key);
        Assert.Equal(3, InfrastructureModel.From(new[] { result }).Subnets.Count);
    }

    [Fact]
    public void Suppression_WithJustification_IsRecordedOnResource()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Network/azureFirewalls",
              "name": "fw-hub",
              "metadata": { "egressAnalyzers.suppress": { "EGR1003": "OS updates come from a mirror" } }
            }
            """);

        var result = Read(text);

        Assert.Empty(result.Diagnostics);
        var suppression = Assert.Single(Single<AzureFirewallResource>(result).Suppressions);
        Assert.Equal("EGR1003", suppression.RuleId);
        Assert.Equal("OS updates come from a mirror", suppression.Justification);
        Assert.Equal("\"EGR1003\": \"OS updates come from a mirror\"", At(text, suppression.Span));
    }

    [Theory]
    [InlineData("\"EGR1001\": \"  \"", "\"  \"", "Suppression of EGR1001 on 'fw-hub' needs a justification")]
    [InlineData("\"EGR1001\": 5", "5", "Suppression of EGR1001 on 'fw-hub' needs a justification")]
    [InlineData("\"EGR12\": \"why\"", "\"EGR12\"", "'EGR12' in 'egressAnalyzers.suppress' on 'fw-hub' is not a rule ID")]
    public void Suppression_Invalid_ReportsEgr0001AndIsNotRecorded(string entry, string expectedAt, string expectedMessage)
    {
        var text = TemplateOf($$"""
            {
              "type": "Microsoft.Network/azureFirewalls",
              "name": "fw-hub",
              "metadata": { "egressAnalyzers.suppress": { {{entry}} } }
            }
            """);

        var result = Read(text);

        Assert.Empty(Single<AzureFirewallResource>(result).Suppressions);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(EgressRuleIds.EGR0001, diagnostic.Rule.Id);
        Assert.StartsWith(expectedMessage, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(expectedAt, At(text, diagnostic.Location));
    }

    [Fact]
    public void OptedInFile_MarksFirewallPolicyAndGroupsOptedIn()
    {
        var text = TemplateOf("""
            { "type": "Microsoft.Network/azureFirewalls", "name": "fw" },
            { "type": "Microsoft.Network/firewallPolicies", "name": "fwp" },
            { "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "name": "fwp/rcg" }
            """);

        Assert.All(Read(text, optedIn: true).Resources, r => Assert.True(r.OptedIn));
        Assert.All(Read(text, optedIn: false).Resources, r => Assert.False(r.OptedIn));
    }

    [Fact]
    public void Variables_AreEvaluatedLazily_AndCyclesBecomeUnknown()
    {
        var text = TemplateOf(
            """
            { "type": "Microsoft.Network/firewallPolicies", "name": "[variables('policyName')]" },
            { "type": "Microsoft.Network/azureFirewalls", "name": "[variables('a')]" }
            """,
            variables: """
            "prefix": "fwp",
            "policyName": "[concat(variables('prefix'), '-hub')]",
            "a": "[variables('b')]",
            "b": "[variables('a')]"
            """);

        var result = Read(text);

        Assert.Equal("fwp-hub", Single<FirewallPolicyResource>(result).DisplayName);
        Assert.Contains("variables('", Single<AzureFirewallResource>(result).DisplayName, StringComparison.Ordinal);
    }

    [Fact]
    public void VariableCopyLoop_BuildsArray()
    {
        var text = TemplateOf(
            """
            {
              "type": "Microsoft.Network/virtualNetworks",
              "name": "vnet",
              "properties": { "dhcpOptions": { "dnsServers": "[variables('dns')]" } }
            }
            """,
            variables: """
            "copy": [ { "name": "dns", "count": 2, "input": "[concat('10.0.0.', copyIndex('dns'))]" } ]
            """);

        var vnet = Single<VirtualNetworkResource>(Read(text));

        Assert.Equal(new[] { "10.0.0.0", "10.0.0.1" }, vnet.DnsServers.Select(v => v.Text));
    }

    [Fact]
    public void Read_ClassifiesFiles_AndReturnsOneResultPerInput()
    {
        var template = new TemplateInput("/r/main.json", TemplateOf("""{ "type": "Microsoft.Network/azureFirewalls", "name": "fw" }"""));
        var parameters = new TemplateInput("/r/main.parameters.json", """{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {} }""");
        var other = new TemplateInput("/r/appsettings.json", """{ "Logging": {} }""");

        var results = ArmTemplateReader.Read(new[] { template, parameters, other }, new ArmReadOptions());

        Assert.Equal(3, results.Count);
        Assert.True(results[0].IsTemplate);
        Assert.Single(results[0].Resources);
        Assert.False(results[1].IsTemplate);
        Assert.False(results[2].IsTemplate);
        Assert.Empty(results[2].Diagnostics);
    }

    [Theory]
    [InlineData("{ \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\" }", true)]
    [InlineData("{ \"$schema\": \"https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#\" }", true)]
    [InlineData("{ \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#\" }", false)]
    [InlineData("{ \"name\": \"deploymentTemplate\" }", false)]
    [InlineData("", false)]
    public void LooksLikeTemplate_ChecksSchemaMarkers(string text, bool expected) =>
        Assert.Equal(expected, ArmTemplateReader.LooksLikeTemplate(text));

    [Fact]
    public void Cancellation_IsHonoured()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var input = new TemplateInput(TemplatePath, TemplateOf("""{ "type": "Microsoft.Network/azureFirewalls", "name": "fw" }"""));

        Assert.ThrowsAny<OperationCanceledException>(() => ArmTemplateReader.ReadTemplate(input, Array.Empty<TemplateInput>(), new ArmReadOptions(), cts.Token));
    }

    [Fact]
    public void A_resource_ID_into_another_resource_group_does_not_name_the_declared_resource_of_that_name()
    {
        var text = TemplateOf("""
            { "type": "Microsoft.Network/firewallPolicies", "name": "fwp-base" },
            { "type": "Microsoft.Network/firewallPolicies", "name": "fwp-child",
              "properties": { "basePolicy": { "id": "[resourceId('rg-platform', 'Microsoft.Network/firewallPolicies', 'fwp-base')]" } } },
            { "type": "Microsoft.Network/firewallPolicies", "name": "fwp-same-group",
              "properties": { "basePolicy": { "id": "[resourceId(subscription().subscriptionId, resourceGroup().name, 'Microsoft.Network/firewallPolicies', 'fwp-base')]" } } }
            """);

        var policies = Read(text).Resources.OfType<FirewallPolicyResource>().ToDictionary(p => p.DisplayName);
        var baseKey = policies["fwp-base"].Key;

        Assert.NotEqual(baseKey, policies["fwp-child"].BasePolicy?.Key);
        Assert.Equal("rg-platform", policies["fwp-child"].BasePolicy?.Key?.OtherResourceGroup);
        Assert.Equal(baseKey, policies["fwp-same-group"].BasePolicy?.Key);
    }

    [Fact]
    public void Target_URLs_and_web_categories_of_an_application_rule_are_read()
    {
        var text = TemplateOf("""
            { "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "name": "p/g",
              "properties": { "priority": 100, "ruleCollections": [ {
                "ruleCollectionType": "FirewallPolicyFilterRuleCollection", "name": "web", "priority": 100, "action": { "type": "Deny" },
                "rules": [ { "ruleType": "ApplicationRule", "name": "r", "protocols": [ { "protocolType": "Https", "port": 443 } ], "sourceAddresses": [ "*" ],
                             "targetUrls": [ "www.contoso.com/*" ], "webCategories": [ "Gambling" ] } ] } ] } }
            """);

        var rule = Assert.Single(Assert.Single(Single<RuleCollectionGroupResource>(Read(text)).Collections).ApplicationRules);

        Assert.Equal("www.contoso.com/*", Assert.Single(rule.TargetUrls).Text);
        Assert.Equal("Gambling", Assert.Single(rule.WebCategories).Text);
    }
}
