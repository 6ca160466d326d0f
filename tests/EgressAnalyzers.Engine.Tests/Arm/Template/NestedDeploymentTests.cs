using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Model;
using static EgressAnalyzers.Engine.Tests.Arm.Template.TemplateFixture;

namespace EgressAnalyzers.Engine.Tests.Arm.Template;

public class NestedDeploymentTests
{
    [Fact]
    public void InnerScope_BicepModuleShape_PassesParametersEvaluatedInOuterScope()
    {
        // What `bicep build` emits for `module fw 'firewall.bicep' = { params: { policyName: policyName } }`.
        var text = TemplateOf(
            """
            {
              "type": "Microsoft.Resources/deployments",
              "apiVersion": "2022-09-01",
              "name": "firewallModule",
              "properties": {
                "expressionEvaluationOptions": { "scope": "inner" },
                "mode": "Incremental",
                "parameters": {
                  "policyName": { "value": "[variables('outerPolicy')]" },
                  "location": { "value": "[parameters('location')]" }
                },
                "template": {
                  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                  "contentVersion": "1.0.0.0",
                  "parameters": {
                    "policyName": { "type": "string" },
                    "location": { "type": "string" },
                    "suffix": { "type": "string", "defaultValue": "aks" }
                  },
                  "variables": { "outerPolicy": "must-not-be-seen" },
                  "resources": [
                    { "type": "Microsoft.Network/firewallPolicies", "name": "[parameters('policyName')]" },
                    { "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "name": "[concat(parameters('policyName'), '/', parameters('suffix'))]", "properties": { "priority": 100 } },
                    { "type": "Microsoft.Network/azureFirewalls", "name": "[concat('fw-', variables('outerPolicy'))]" }
                  ]
                }
              }
            }
            """,
            parameters: """ "location": { "type": "string", "defaultValue": "westeurope" } """,
            variables: """ "outerPolicy": "fwp-hub" """);

        var result = Read(text);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("fwp-hub", Single<FirewallPolicyResource>(result).DisplayName);
        Assert.Equal(new ResourceKey(ResourceKey.RuleCollectionGroupType, "fwp-hub/aks"), Single<RuleCollectionGroupResource>(result).Key);
        // Inside, variables() are the inner template's own.
        Assert.Equal("fw-must-not-be-seen", Single<AzureFirewallResource>(result).DisplayName);
    }

    [Fact]
    public void InnerScope_ParameterEntryWrittenAsOneExpression_IsEvaluated()
    {
        // What `bicep build` emits for a conditional module parameter: `name: contains(o, 'n') ? o.n : 'fwp-default'`.
        var text = TemplateOf("""
            {
              "type": "Microsoft.Resources/deployments",
              "name": "m",
              "properties": {
                "expressionEvaluationOptions": { "scope": "inner" },
                "parameters": {
                  "policyName": "[if(contains(variables('o'), 'n'), createObject('value', variables('o').n), createObject('value', 'fwp-default'))]"
                },
                "template": {
                  "parameters": { "policyName": { "type": "string" } },
                  "resources": [ { "type": "Microsoft.Network/firewallPolicies", "name": "[parameters('policyName')]" } ]
                }
              }
            }
            """,
            variables: """ "o": { "n": "fwp-from-module" } """);

        Assert.Equal("fwp-from-module", Single<FirewallPolicyResource>(Read(text)).DisplayName);
    }

    [Fact]
    public void InnerScope_ParameterWrittenAsAPropertyCopyLoop_IsTheLoopsArray()
    {
        // What `bicep build` emits for `params: { names: [for n in list: 'fwp-${n}'] }`.
        var text = TemplateOf("""
            {
              "type": "Microsoft.Resources/deployments",
              "name": "m",
              "properties": {
                "expressionEvaluationOptions": { "scope": "inner" },
                "parameters": {
                  "names": { "copy": [ { "name": "value", "count": "[length(variables('list'))]", "input": "[format('fwp-{0}', variables('list')[copyIndex('value')])]" } ] },
                  "secret": { "reference": { "keyVault": { "id": "kv" }, "secretName": "s" } }
                },
                "template": {
                  "parameters": { "names": { "type": "array" }, "secret": { "type": "securestring" } },
                  "resources": [
                    { "type": "Microsoft.Network/firewallPolicies", "name": "[parameters('names')[1]]" },
                    { "type": "Microsoft.Network/azureFirewalls", "name": "[parameters('secret')]" }
                  ]
                }
              }
            }
            """,
            variables: """ "list": [ "a", "b" ] """);

        var result = Read(text);

        Assert.Equal("fwp-b", Single<FirewallPolicyResource>(result).DisplayName);
        Assert.Equal("parameters('secret')", Single<AzureFirewallResource>(result).DisplayName);
    }

    [Fact]
    public void InnerScope_UnsuppliedParameterWithoutDefault_IsUnknown()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Resources/deployments",
              "name": "m",
              "properties": {
                "expressionEvaluationOptions": { "scope": "inner" },
                "template": {
                  "parameters": { "policyName": { "type": "string" } },
                  "resources": [ { "type": "Microsoft.Network/firewallPolicies", "name": "[parameters('policyName')]" } ]
                }
              }
            }
            """);

        Assert.Equal("parameters('policyName')", Single<FirewallPolicyResource>(Read(text)).DisplayName);
    }

    [Fact]
    public void OuterScope_NestedTemplateSeesParentParametersAndVariables()
    {
        var text = TemplateOf(
            """
            {
              "type": "Microsoft.Resources/deployments",
              "name": "nested",
              "properties": {
                "mode": "Incremental",
                "template": {
                  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                  "contentVersion": "1.0.0.0",
                  "resources": [
                    { "type": "Microsoft.Network/firewallPolicies", "name": "[concat(parameters('prefix'), variables('region'))]" }
                  ]
                }
              }
            }
            """,
            parameters: """ "prefix": { "type": "string", "defaultValue": "fwp-" } """,
            variables: """ "region": "weu" """);

        Assert.Equal("fwp-weu", Single<FirewallPolicyResource>(Read(text)).DisplayName);
    }

    [Fact]
    public void TemplateLinkDeployment_IsSkippedSilently()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Resources/deployments",
              "name": "linked",
              "properties": { "templateLink": { "uri": "https://example.com/fw.json" }, "mode": "Incremental" }
            }
            """);

        var result = Read(text);

        Assert.Empty(result.Resources);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void NestedDeployments_SpansPointIntoTheSameFile()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Resources/deployments",
              "name": "m",
              "properties": {
                "expressionEvaluationOptions": { "scope": "inner" },
                "template": { "resources": [ { "type": "Microsoft.Network/azureFirewalls", "name": "fw-inner" } ] }
              }
            }
            """);

        var firewall = Single<AzureFirewallResource>(Read(text));

        Assert.Equal("\"fw-inner\"", At(text, firewall.NameSpan));
    }

    [Fact]
    public void DeploymentsDeeperThanLimit_ReportEgr0002AtTheDeployment()
    {
        var template = """{ "type": "Microsoft.Network/azureFirewalls", "name": "fw-deep" }""";
        for (var level = 17; level >= 1; level--)
        {
            template = $$"""
                { "type": "Microsoft.Resources/deployments", "name": "level{{level}}",
                  "properties": { "expressionEvaluationOptions": { "scope": "inner" }, "template": { "resources": [ {{template}} ] } } }
                """;
        }

        var text = TemplateOf(template);
        var result = Read(text);

        Assert.Empty(result.Resources);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(EgressRuleIds.EGR0002, diagnostic.Rule.Id);
        Assert.Equal("\"level17\"", At(text, diagnostic.Location));
    }

    [Fact]
    public void DeploymentsAtTheLimit_AreStillRead()
    {
        var template = """{ "type": "Microsoft.Network/azureFirewalls", "name": "fw-deep" }""";
        for (var level = 16; level >= 1; level--)
        {
            template = $$"""
                { "type": "Microsoft.Resources/deployments", "name": "level{{level}}",
                  "properties": { "template": { "resources": [ {{template}} ] } } }
                """;
        }

        var result = Read(TemplateOf(template));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("fw-deep", Single<AzureFirewallResource>(result).DisplayName);
    }

    [Fact]
    public void DeploymentCopyLoop_ReadsNestedTemplatePerIteration()
    {
        var text = TemplateOf("""
            {
              "type": "Microsoft.Resources/deployments",
              "name": "[concat('m', copyIndex())]",
              "copy": { "name": "mods", "count": 2 },
              "properties": {
                "expressionEvaluationOptions": { "scope": "inner" },
                "parameters": { "index": { "value": "[copyIndex()]" } },
                "template": {
                  "parameters": { "index": { "type": "int" } },
                  "resources": [ { "type": "Microsoft.Network/firewallPolicies", "name": "[concat('fwp-', parameters('index'))]" } ]
                }
              }
            }
            """);

        var names = Read(text).Resources.OfType<FirewallPolicyResource>().Select(p => p.DisplayName);

        Assert.Equal(new[] { "fwp-0", "fwp-1" }, names);
    }
}
