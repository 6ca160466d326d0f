using EgressAnalyzers.Engine.Model;
using static EgressAnalyzers.Engine.Tests.Arm.Template.TemplateFixture;

namespace EgressAnalyzers.Engine.Tests.Arm.Template;

/// <summary>
/// ARM user-defined functions (<c>"functions"</c>), which the Bicep compiler writes for every <c>func</c>, imported ones
/// included: a call is its output evaluated with the call's arguments, so compiled Bicep reads as the Bicep does.
/// </summary>
public class UserFunctionTests
{
    private const string Functions = """
        "functions": [
          {
            "namespace": "__bicep",
            "members": {
              "hcp": {
                "parameters": [ { "type": "string", "name": "region" } ],
                "output": { "type": "string", "value": "[format('*.hcp.{0}.azmk8s.io', toLower(parameters('region')))]" }
              },
              "rule": {
                "parameters": [ { "type": "string", "name": "name" }, { "type": "array", "name": "fqdns" } ],
                "output": {
                  "type": "object",
                  "value": {
                    "ruleType": "ApplicationRule",
                    "name": "[parameters('name')]",
                    "sourceAddresses": [ "*" ],
                    "protocols": [ { "protocolType": "Https", "port": 443 } ],
                    "targetFqdns": "[parameters('fqdns')]"
                  }
                }
              },
              "coreRule": {
                "parameters": [ { "type": "string", "name": "region" } ],
                "output": { "type": "object", "value": "[__bicep.rule('core', createArray(__bicep.hcp(parameters('region')), 'mcr.microsoft.com'))]" }
              },
              "forever": {
                "parameters": [],
                "output": { "type": "string", "value": "[__bicep.forever()]" }
              },
              "readsVariable": {
                "parameters": [],
                "output": { "type": "string", "value": "[variables('mcr')]" }
              }
            }
          }
        ],
        """;

    private static IEnumerable<string?> TargetFqdns(string rulesExpression)
    {
        var text = TemplateOf(
            $$"""
            {
              "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "apiVersion": "2024-05-01", "name": "policy/aks",
              "properties": { "priority": 200, "ruleCollections": [ { "ruleCollectionType": "FirewallPolicyFilterRuleCollection", "name": "aks", "priority": 100, "action": { "type": "Allow" }, "rules": "{{rulesExpression}}" } ] }
            }
            """,
            variables: "\"mcr\": \"mcr.microsoft.com\"").Replace("\"contentVersion\"", Functions + "\n  \"contentVersion\"", StringComparison.Ordinal);
        var group = Single<RuleCollectionGroupResource>(Read(text));
        return group.Collections.SelectMany(c => c.ApplicationRules).SelectMany(r => r.TargetFqdns).Select(v => v.Text);
    }

    [Fact]
    public void FunctionCall_IsItsOutputWithTheArguments() =>
        Assert.Equal(new[] { "*.hcp.westeurope.azmk8s.io", "mcr.microsoft.com" }, TargetFqdns("[createArray(__bicep.rule('r', createArray(__bicep.hcp('WestEurope'), 'mcr.microsoft.com')))]"));

    [Fact]
    public void FunctionCallingFunctions_IsRead() =>
        Assert.Equal(new[] { "*.hcp.westeurope.azmk8s.io", "mcr.microsoft.com" }, TargetFqdns("[createArray(__bicep.coreRule('westeurope'))]"));

    [Fact]
    public void FunctionCallingItself_IsUnknownAtTheDepthLimit_NotAHang() =>
        Assert.Equal(new string?[] { null }, TargetFqdns("[createArray(__bicep.rule('r', createArray(__bicep.forever())))]"));

    [Theory]
    [InlineData("[createArray(__bicep.rule('r', createArray(__bicep.readsVariable())))]")]
    [InlineData("[createArray(__bicep.rule('r', createArray(__bicep.notDefined('x'))))]")]
    [InlineData("[createArray(__bicep.rule('r', createArray(other.hcp('westeurope'))))]")]
    public void FunctionReadingAVariable_OrNotDefined_IsUnknownNotMissing(string rules) =>
        Assert.Equal(new string?[] { null }, TargetFqdns(rules));
}
