using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Tests.Arm.Template;
using EgressAnalyzers.Engine.Tests.Bicep;

namespace EgressAnalyzers.Engine.Tests.Coverage;

/// <summary>
/// Rules deployed under a condition the analyzer cannot resolve (<c>if (param)</c> in Bicep, <c>"condition"</c> in ARM,
/// on the group, on a module or nested deployment around it) may or may not exist: what they would allow or block is
/// unknown (EGR1006), never allowed, missing or blocked. The fixture is also compared with the real compiler's ARM
/// (<see cref="BicepDifferentialTests"/>).
/// </summary>
public class ConditionalDeploymentTests
{
    private static IReadOnlyList<Finding> AnalyzeFixture() =>
        BicepReaderFixture.AnalyzeOwnFixtures("conditional-groups.bicep", Path.Combine("modules", "conditional-rules.bicep"));

    private static IReadOnlyList<Finding> Analyze(IReadOnlyList<TemplateReadResult> reads) =>
        EgressAnalysis.Analyze(reads, Array.Empty<ModelResource>(), EgressSettings.Default, RequirementCatalog.Default);

    /// <summary>The findings of <paramref name="policy"/> about MCR (EGR1006 names its endpoints in the message only).</summary>
    private static IEnumerable<Finding> ForMcr(IEnumerable<Finding> findings, string policy) =>
        findings.Where(f => f.Message.StartsWith($"Firewall policy '{policy}'", StringComparison.Ordinal)
            && (f.Endpoint == "mcr.microsoft.com" || f.Message.Contains("'mcr.microsoft.com'", StringComparison.Ordinal)));

    [Fact]
    public void A_Deny_group_under_an_unresolved_condition_makes_what_it_would_block_unknown_not_blocked()
    {
        var mcr = Assert.Single(ForMcr(AnalyzeFixture(), "pol-deny"));

        Assert.Equal("EGR1006", mcr.Rule.Id);
        Assert.EndsWith("because the condition of rule collection group 'deny' (denyInternet) could not be resolved", mcr.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_Allow_group_under_an_unresolved_condition_makes_what_it_would_allow_unknown_not_allowed()
    {
        var mcr = Assert.Single(ForMcr(AnalyzeFixture(), "pol-allow"));

        Assert.Equal("EGR1006", mcr.Rule.Id);
        Assert.EndsWith("because the condition of rule collection group 'aks' (enableAks) could not be resolved", mcr.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_in_a_module_under_an_unresolved_condition_takes_the_module_condition()
    {
        var mcr = Assert.Single(ForMcr(AnalyzeFixture(), "pol-module"));

        Assert.Equal("EGR1006", mcr.Rule.Id);
        Assert.EndsWith("because the condition of rule collection group 'aks' (enableModuleRules) could not be resolved", mcr.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_whose_condition_is_true_allows_what_it_allows()
    {
        var findings = AnalyzeFixture();

        Assert.Empty(ForMcr(findings, "pol-known"));
        Assert.Contains(findings, f => f.Rule.Id == "EGR1001" && f.Endpoint == "login.microsoftonline.com" && f.Message.StartsWith("Firewall policy 'pol-known'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_nested_deployment_under_an_unresolved_condition_marks_the_groups_inside_it()
    {
        var text = TemplateFixture.TemplateOf(
            parameters: """ "enableRules": { "type": "bool" } """,
            resources: """
                { "type": "Microsoft.Network/firewallPolicies", "apiVersion": "2024-05-01", "name": "pol", "location": "westeurope" },
                { "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "rules",
                  "condition": "[parameters('enableRules')]",
                  "properties": { "mode": "Incremental", "template": {
                    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                    "contentVersion": "1.0.0.0",
                    "resources": [
                      { "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "apiVersion": "2024-05-01", "name": "pol/aks",
                        "properties": { "priority": 200, "ruleCollections": [ {
                          "ruleCollectionType": "FirewallPolicyFilterRuleCollection", "name": "aks", "priority": 100, "action": { "type": "Allow" },
                          "rules": [ { "ruleType": "ApplicationRule", "name": "mcr", "protocols": [ { "protocolType": "Https", "port": 443 } ],
                                       "sourceAddresses": [ "*" ], "targetFqdns": [ "mcr.microsoft.com" ] } ] } ] } }
                    ] } } }
                """);

        var group = TemplateFixture.Single<RuleCollectionGroupResource>(TemplateFixture.Read(text, optedIn: true));
        var mcr = Assert.Single(ForMcr(Analyze(new[] { TemplateFixture.Read(text, optedIn: true) }), "pol"));

        Assert.Equal("parameters('enableRules')", group.UnresolvedCondition?.UnresolvedExpression);
        Assert.Equal("EGR1006", mcr.Rule.Id);
    }

    [Fact]
    public void A_resource_whose_condition_is_false_is_still_skipped_and_one_that_is_true_carries_no_condition()
    {
        var text = TemplateFixture.TemplateOf(
            parameters: """ "on": { "type": "bool", "defaultValue": true } """,
            resources: """
                { "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "apiVersion": "2024-05-01", "name": "pol/off",
                  "condition": "[not(parameters('on'))]", "properties": { "priority": 100, "ruleCollections": [] } },
                { "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "apiVersion": "2024-05-01", "name": "pol/on",
                  "condition": "[parameters('on')]", "properties": { "priority": 200, "ruleCollections": [] } }
                """);

        var group = TemplateFixture.Single<RuleCollectionGroupResource>(TemplateFixture.Read(text));

        Assert.Equal("on", group.DisplayName);
        Assert.Null(group.UnresolvedCondition);
    }
}
