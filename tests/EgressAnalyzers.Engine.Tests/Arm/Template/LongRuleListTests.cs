using EgressAnalyzers.Engine.Model;
using static EgressAnalyzers.Engine.Tests.Arm.Template.TemplateFixture;

namespace EgressAnalyzers.Engine.Tests.Arm.Template;

/// <summary>
/// Long arrays in resource properties (rule lists) are evaluated item by item as the mapper reads them; a long list
/// must read exactly as a short one does: every item, in order, with unknowns placed where they are used.
/// </summary>
public class LongRuleListTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public void RuleList_AnyLength_ReadsEveryRuleInOrderWithUnknownsAtTheirUseSite(int ruleCount)
    {
        var text = TemplateOf(
            FirewallWithRules(ruleCount),
            parameters: """ "fqdn": { "type": "string" }, "region": { "type": "string", "defaultValue": "westeurope" } """,
            variables: """ "fqdns": [ "[parameters('fqdn')]", "known.example" ] """);

        var firewall = Single<AzureFirewallResource>(Read(text));

        var rules = Assert.Single(firewall.Collections).ApplicationRules;
        Assert.Equal(Enumerable.Range(0, ruleCount).Select(i => "r" + i), rules.Select(r => r.Name));

        // Rule 1: a parameter without a value, unknown where the rule uses it (not at the parameter declaration).
        var fromParameter = Assert.Single(rules[1].TargetFqdns);
        Assert.False(fromParameter.IsKnown);
        Assert.Equal("parameters('fqdn')", fromParameter.UnresolvedExpression);
        Assert.Equal("\"[parameters('fqdn')]\"", At(text, fromParameter.Span));

        // Rule 2: a variable holding that parameter: unknown at the variable's use, the known item as written there too.
        Assert.Collection(
            rules[2].TargetFqdns,
            unknown =>
            {
                Assert.False(unknown.IsKnown);
                Assert.Equal("\"[variables('fqdns')]\"", At(text, unknown.Span));
            },
            known => Assert.Equal("known.example", known.Text));

        // Every other rule: known values computed from expressions, with their spans.
        for (var i = 3; i < ruleCount; i++)
        {
            var fqdn = Assert.Single(rules[i].TargetFqdns);
            Assert.Equal($"app{i}.westeurope.example", fqdn.Text);
            Assert.Equal($"\"[format('app{i}.{{0}}.example', parameters('region'))]\"", At(text, fqdn.Span));
            Assert.Equal("443", Assert.Single(rules[i].Protocols).Port.Text);
        }
    }

    [Fact]
    public void RuleList_Long_ReadsTheSameModelAsTheSameRulesReadOneByOne()
    {
        const int RuleCount = 24;
        var longText = TemplateOf(FirewallWithRules(RuleCount), parameters: """ "fqdn": { "type": "string" }, "region": { "type": "string", "defaultValue": "westeurope" } """, variables: """ "fqdns": [ "[parameters('fqdn')]", "known.example" ] """);
        var longRules = Single<AzureFirewallResource>(Read(longText)).Collections[0].ApplicationRules;

        var shortText = TemplateOf(FirewallWithRules(3), parameters: """ "fqdn": { "type": "string" }, "region": { "type": "string", "defaultValue": "westeurope" } """, variables: """ "fqdns": [ "[parameters('fqdn')]", "known.example" ] """);
        var shortRules = Single<AzureFirewallResource>(Read(shortText)).Collections[0].ApplicationRules;

        for (var i = 0; i < shortRules.Count; i++)
        {
            Assert.Equal(Describe(shortText, shortRules[i]), Describe(longText, longRules[i]));
        }
    }

    private static string Describe(string text, ApplicationRule rule) =>
        rule.Name + ": " + string.Join(
            ", ",
            rule.TargetFqdns.Concat(rule.SourceAddresses).Concat(rule.Protocols.SelectMany(p => new[] { p.ProtocolType, p.Port }))
                .Select(v => (v.Text ?? "?" + v.UnresolvedExpression) + "@" + At(text, v.Span)));

    private static string FirewallWithRules(int count)
    {
        var rules = Enumerable.Range(0, count).Select(i => i switch
        {
            0 => """{ "name": "r0", "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": [ "first.example" ], "sourceAddresses": [ "10.0.0.0/16" ] }""",
            1 => """{ "name": "r1", "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": [ "[parameters('fqdn')]" ], "sourceAddresses": [ "10.0.0.0/16" ] }""",
            2 => """{ "name": "r2", "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": "[variables('fqdns')]", "sourceAddresses": [ "10.0.0.0/16" ] }""",
            _ => $$"""{ "name": "r{{i}}", "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": [ "[format('app{{i}}.{0}.example', parameters('region'))]" ], "sourceAddresses": [ "10.0.0.0/16" ] }""",
        });
        return $$"""
            {
              "type": "Microsoft.Network/azureFirewalls", "apiVersion": "2024-05-01", "name": "fw",
              "properties": { "applicationRuleCollections": [ { "name": "apps", "properties": { "priority": 100, "action": { "type": "Allow" }, "rules": [
                {{string.Join(",\n", rules)}}
              ] } } ] }
            }
            """;
    }
}
