using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Tests.Arm.Template;
using EgressAnalyzers.Engine.Tests.Bicep;

namespace EgressAnalyzers.Engine.Tests.Coverage;

/// <summary>
/// Resources deployed to another resource group (a module's <c>scope</c>, a nested deployment's <c>resourceGroup</c>)
/// are not the resources of the same names here, and IDs written inside such a deployment name its group. The Bicep
/// fixture is also compared with the real compiler's ARM (<see cref="BicepDifferentialTests"/>).
/// </summary>
public class ResourceGroupScopeTests
{
    [Fact]
    public void A_policy_of_a_module_in_another_resource_group_is_not_merged_into_the_policy_of_that_name_here()
    {
        var findings = BicepReaderFixture.AnalyzeOwnFixtures("other-resource-group.bicep", Path.Combine("modules", "lab-policy.bicep"));
        var mcr = findings.Where(f => f.Endpoint == "mcr.microsoft.com").ToList();

        // Here MCR is allowed; the lab's policy (with its firewall, in the module) denies it.
        var labFinding = Assert.Single(mcr);
        Assert.Equal("EGR1001", labFinding.Rule.Id);
        Assert.EndsWith("lab-policy.bicep", labFinding.Location.FilePath, StringComparison.Ordinal);
        Assert.DoesNotContain(findings, f => f.Rule.Id == "EGR1004");
    }

    [Fact]
    public void A_nested_deployment_to_another_resource_group_keys_its_resources_and_IDs_with_that_group()
    {
        var text = TemplateFixture.TemplateOf("""
            { "type": "Microsoft.Network/firewallPolicies", "name": "fwp" },
            { "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "lab", "resourceGroup": "rg-lab",
              "properties": { "mode": "Incremental", "expressionEvaluationOptions": { "scope": "inner" }, "template": {
                "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "contentVersion": "1.0.0.0",
                "resources": [
                  { "type": "Microsoft.Network/firewallPolicies", "name": "fwp" },
                  { "type": "Microsoft.Network/azureFirewalls", "name": "fw-lab",
                    "properties": { "firewallPolicy": { "id": "[resourceId('Microsoft.Network/firewallPolicies', 'fwp')]" } } }
                ] } } }
            """);

        var result = TemplateFixture.Read(text);
        var policies = result.Resources.OfType<FirewallPolicyResource>().ToList();
        var firewall = TemplateFixture.Single<AzureFirewallResource>(result);

        Assert.Equal(new string?[] { null, "rg-lab" }, policies.Select(p => p.Key.OtherResourceGroup));
        Assert.Equal(policies[1].Key, firewall.FirewallPolicy?.Key);
    }
}
