using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Bicep;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Model;
using static EgressAnalyzers.Engine.Tests.Bicep.BicepReaderFixture;

namespace EgressAnalyzers.Engine.Tests.Bicep;

/// <summary>Bicep declarations → the model: resources, loops, conditions, child resources, modules, parameters files, suppression.</summary>
public class BicepReaderTests
{
    private const string Policy = """
        param location string = 'westeurope'
        resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
          name: 'policy'
          location: location
          resource aks 'ruleCollectionGroups' = {
            name: 'aks'
            properties: {
              priority: 200
              ruleCollections: [
                {
                  ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
                  name: 'aks-app'
                  priority: 100
                  action: { type: 'Allow' }
                  rules: [for fqdn in ['mcr.microsoft.com', '*.hcp.${location}.azmk8s.io']: {
                    ruleType: 'ApplicationRule'
                    name: fqdn
                    protocols: [ { protocolType: 'Https', port: 443 } ]
                    sourceAddresses: [ '*' ]
                    targetFqdns: [ fqdn ]
                  }]
                }
              ]
            }
          }
        }

        resource other 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
          parent: policy
          name: 'other'
          properties: { priority: 300, ruleCollections: [] }
        }
        """;

    [Fact]
    public void NestedAndParentChildResources_GetFullTypesAndNames()
    {
        var groups = Resources((MainFile, Policy)).OfType<RuleCollectionGroupResource>().ToList();
        Assert.Equal(new[] { "policy/aks", "policy/other" }, groups.Select(g => g.Key.Name));
        Assert.All(groups, g => Assert.Equal(new ResourceKey(ResourceKey.FirewallPolicyType, "policy"), g.Policy));
    }

    [Fact]
    public void RulesBuiltWithFor_AreEvaluatedPerItem()
    {
        var group = Resources((MainFile, Policy)).OfType<RuleCollectionGroupResource>().First();
        var fqdns = group.Collections.SelectMany(c => c.ApplicationRules).SelectMany(r => r.TargetFqdns).Select(v => v.Text);
        Assert.Equal(new[] { "mcr.microsoft.com", "*.hcp.westeurope.azmk8s.io" }, fqdns);
    }

    [Fact]
    public void ModelSpans_PointAtTheBicepTokens()
    {
        var group = Resources((MainFile, Policy)).OfType<RuleCollectionGroupResource>().First();
        Assert.Equal("'aks'", Policy.Substring(group.NameSpan.Start, group.NameSpan.Length));
        var collection = group.Collections.Single();
        Assert.Equal("'aks-app'", Policy.Substring(collection.NameSpan.Start, collection.NameSpan.Length));
    }

    [Fact]
    public void ResourceLoop_DeclaresOneResourcePerItem_AndFalseConditionNone()
    {
        const string Text = """
            param deploy bool = false
            resource fws 'Microsoft.Network/azureFirewalls@2024-05-01' = [for name in ['a', 'b']: {
              name: 'fw-${name}'
              properties: {}
            }]
            resource skipped 'Microsoft.Network/azureFirewalls@2024-05-01' = if (deploy) {
              name: 'skipped'
              properties: {}
            }
            """;
        Assert.Equal(new[] { "fw-a", "fw-b" }, Resources((MainFile, Text)).OfType<AzureFirewallResource>().Select(f => f.DisplayName));
    }

    private const string PolicyLoop = """
        param regions array = [
          'westeurope'
          'northeurope'
        ]
        var images = [ 'mcr.microsoft.com', '*.data.mcr.microsoft.com' ]
        var baseRule = { ruleType: 'ApplicationRule', name: 'base', sourceAddresses: [ '*' ], protocols: [ { protocolType: 'Https', port: 443 } ], targetFqdns: [ 'base.example.com' ] }
        resource policies 'Microsoft.Network/firewallPolicies@2024-05-01' = [for region in regions: {
          name: 'policy-${region}'
          location: region
        }]
        resource groups 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = [for (region, i) in regions: {
          parent: policies[i]
          name: 'aks'
          properties: { priority: 200, ruleCollections: [ { ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'a', priority: 100, action: { type: 'Allow' }, rules: [ {
            ...baseRule
            name: 'core'
            targetFqdns: [ '*.hcp.${region}.azmk8s.io', ...images ]
          } ] } ] }
        }]
        resource extra 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = [for (region, i) in regions: {
          name: '${policies[i].name}/extra'
          properties: { priority: 300, ruleCollections: [] }
        }]
        resource firewalls 'Microsoft.Network/azureFirewalls@2024-05-01' = [for (region, i) in regions: {
          name: 'fw-${region}'
          properties: { firewallPolicy: { id: policies[i].id } }
        }]
        """;

    [Fact]
    public void ResourceLoopItemsByIndex_AreThatIterationsResource()
    {
        var resources = Resources((MainFile, PolicyLoop));

        var groups = resources.OfType<RuleCollectionGroupResource>().Select(g => g.Key.Name).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(new[] { "policy-northeurope/aks", "policy-northeurope/extra", "policy-westeurope/aks", "policy-westeurope/extra" }, groups);
        var firewalls = resources.OfType<AzureFirewallResource>().ToDictionary(f => f.Key.Name, f => f.FirewallPolicy?.Key?.Name);
        Assert.Equal("policy-westeurope", firewalls["fw-westeurope"]);
        Assert.Equal("policy-northeurope", firewalls["fw-northeurope"]);
    }

    [Fact]
    public void Spreads_PutTheirItemsInPlace_AndALaterPropertyReplacesTheSpreadOnes()
    {
        var group = Resources((MainFile, PolicyLoop)).OfType<RuleCollectionGroupResource>().First(g => g.Key.Name == "policy-westeurope/aks");

        var rule = Assert.Single(group.Collections.SelectMany(c => c.ApplicationRules));
        Assert.Equal("core", rule.Name);
        Assert.Equal(new[] { "*.hcp.westeurope.azmk8s.io", "mcr.microsoft.com", "*.data.mcr.microsoft.com" }, rule.TargetFqdns.Select(v => v.Text));
        Assert.Equal(new[] { "*" }, rule.SourceAddresses.Select(v => v.Text));
    }

    [Fact]
    public void ExistingResources_AreReferencesNotDeclarations()
    {
        const string Text = """
            resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' existing = {
              name: 'base'
            }
            resource rcg 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
              parent: policy
              name: 'aks'
              properties: { priority: 100, ruleCollections: [] }
            }
            """;
        var resources = Resources((MainFile, Text));
        Assert.Empty(resources.OfType<FirewallPolicyResource>());
        Assert.Equal("base/aks", Assert.Single(resources.OfType<RuleCollectionGroupResource>()).Key.Name);
    }

    [Fact]
    public void LocalModule_ReceivesTheCallersParams_AndIsNotAnEntryPointOfItsOwn()
    {
        const string Main = """
            param region string = 'northeurope'
            module cluster 'modules/aks.bicep' = {
              name: 'aks'
              params: { location: region }
            }
            """;
        const string Module = """
            param location string
            resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
              name: 'aks'
              location: location
              properties: {}
            }
            """;
        var results = Read(("/infra/main.bicep", Main), ("/infra/modules/aks.bicep", Module));
        var result = Assert.Single(results);
        Assert.Equal("/infra/main.bicep", result.FilePath);
        Assert.Equal("northeurope", Assert.Single(result.Resources.OfType<AksClusterResource>()).Location!.Text);
    }

    [Fact]
    public void ModuleLoop_ReadsTheModuleOncePerItem()
    {
        const string Main = "module fws './fw.bicep' = [for n in ['a', 'b', 'c']: {\n  name: n\n  params: { name: n }\n}]";
        const string Module = "param name string\nresource fw 'Microsoft.Network/azureFirewalls@2024-05-01' = {\n  name: name\n  properties: {}\n}";
        Assert.Equal(3, Resources(("/infra/main.bicep", Main), ("/infra/fw.bicep", Module)).OfType<AzureFirewallResource>().Count());
    }

    private const string SharedExports = """
        @export()
        var core = [ 'mcr.microsoft.com' ]
        var zone = 'azmk8s.io'
        @export()
        func hcp(region string) string => '*.hcp.${region}.${zone}'
        @export()
        var all = concat(core, [ hcp('westeurope') ])
        """;

    private static IEnumerable<string?> TargetFqdnsOf(string main, params (string Path, string Text)[] others) =>
        Resources(new[] { (MainFile, main) }.Concat(others).ToArray()).OfType<RuleCollectionGroupResource>()
            .SelectMany(g => g.Collections).SelectMany(c => c.ApplicationRules).SelectMany(r => r.TargetFqdns).Select(v => v.Text);

    private static string GroupWithTargets(string imports, string targets) => imports + "\n" + $$"""
        resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
          name: 'policy'
          location: 'westeurope'
        }
        resource group 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
          parent: policy
          name: 'aks'
          properties: {
            priority: 200
            ruleCollections: [ { ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'aks', priority: 100, action: { type: 'Allow' }, rules: [ { ruleType: 'ApplicationRule', name: 'r', sourceAddresses: [ '*' ], protocols: [ { protocolType: 'Https', port: 443 } ], targetFqdns: {{targets}} } ] } ]
          }
        }
        """;

    [Theory]
    [InlineData("import { core, hcp } from 'shared/egress.bicep'", "concat(core, [ hcp('westeurope') ])")]
    [InlineData("import { core as registry, hcp as apiServer } from 'shared/egress.bicep'", "concat(registry, [ apiServer('westeurope') ])")]
    [InlineData("import * as egress from 'shared/egress.bicep'", "concat(egress.core, [ egress.hcp('westeurope') ])")]
    [InlineData("import {\n  all\n} from './shared/egress.bicep'", "all")]
    public void CompileTimeImports_ReadTheExportingFilesVariablesAndFunctions(string imports, string targets)
    {
        var fqdns = TargetFqdnsOf(GroupWithTargets(imports, targets), ("/infra/shared/egress.bicep", SharedExports));

        Assert.Equal(new[] { "mcr.microsoft.com", "*.hcp.westeurope.azmk8s.io" }, fqdns);
    }

    [Fact]
    public void ImportFromAFileNotAmongTheInputs_IsUnknown_NotMissing()
    {
        var fqdns = TargetFqdnsOf(GroupWithTargets("import { core } from 'shared/egress.bicep'", "core"));

        Assert.Equal(new string?[] { null }, fqdns);
    }

    [Fact]
    public void ImportCycle_EndsInUnknown_NotAHang()
    {
        var a = "import { b } from 'b.bicep'\n@export()\nvar a = b";
        var b = "import { a } from 'main.bicep'\n@export()\nvar b = a";

        var fqdns = TargetFqdnsOf(GroupWithTargets(a, "[ a ]"), ("/infra/b.bicep", b));

        Assert.Equal(new string?[] { null }, fqdns);
    }

    [Fact]
    public void ModuleCycle_IsReported_NotAHang()
    {
        var results = Read(("/infra/a.bicep", "module b './b.bicep' = { name: 'b' }"), ("/infra/b.bicep", "module a './a.bicep' = { name: 'a' }"));
        Assert.Contains(results.SelectMany(r => r.Diagnostics), d => d.Rule.Id == EgressRuleIds.EGR0002 && d.Message.Contains("uses itself", StringComparison.Ordinal));
    }

    [Fact]
    public void ModuleChainDeeperThanTheLimit_IsReported()
    {
        var files = Enumerable.Range(0, BicepReader.MaxModuleDepth + 3)
            .Select(i => ($"/infra/m{i}.bicep", $"module next './m{i + 1}.bicep' = {{ name: 'n' }}"))
            .ToArray();
        Assert.Contains(Read(files).SelectMany(r => r.Diagnostics), d => d.Message.Contains("nested more than", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingLocalModuleWithFirewallParams_IsUnknownCoverage_OtherMissingModulesAreSilent()
    {
        const string Main = """
            module fw './absent-firewall.bicep' = { name: 'fw' }
            module st './storage.bicep' = { name: 'st' }
            """;
        var diagnostics = Read((MainFile, Main)).SelectMany(r => r.Diagnostics).ToList();
        var finding = Assert.Single(diagnostics);
        Assert.Equal(EgressRuleIds.EGR1006, finding.Rule.Id);
        Assert.Equal("'./absent-firewall.bicep'", Main.Substring(finding.Location.Start, finding.Location.Length));
    }

    [Fact]
    public void TemplateSpecModuleWithRuleCollections_IsUnknownCoverage()
    {
        const string Main = "module rules 'ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0' = {\n  name: 'r'\n  params: { ruleCollections: [] }\n}";
        var finding = Assert.Single(Read((MainFile, Main)).SelectMany(r => r.Diagnostics));
        Assert.Contains("template spec", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonParametersFile_BesideTheBicepFile_SuppliesValues()
    {
        const string Json = """{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": { "location": { "value": "eastus" } } }""";
        const string Main = "param location string\nresource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {\n  name: 'aks'\n  location: location\n  properties: {}\n}";
        var cluster = Resources(("/infra/main.bicep", Main), ("/infra/main.parameters.json", Json)).OfType<AksClusterResource>().Single();
        Assert.Equal("eastus", cluster.Location!.Text);
    }

    [Fact]
    public void BicepParamFilesThatDisagree_MakeTheValueUnknown()
    {
        const string Main = "param location string\nresource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {\n  name: 'aks'\n  location: location\n  properties: {}\n}";
        var cluster = Resources(
                ("/infra/main.bicep", Main),
                ("/infra/dev.bicepparam", "using 'main.bicep'\nparam location = 'eastus'"),
                ("/infra/prod.bicepparam", "using './main.bicep'\nparam location = 'westus'"))
            .OfType<AksClusterResource>().Single();
        Assert.False(cluster.Location!.IsKnown);
    }

    [Fact]
    public void DisableNextLine_AboveAResource_SuppressesOnThatResource_WithTheJustification()
    {
        const string Text = "#disable-next-line EGR1001 EGR1003 // via proxy\nresource fw 'Microsoft.Network/azureFirewalls@2024-05-01' = {\n  name: 'fw'\n  properties: {}\n}";
        var firewall = Resources((MainFile, Text)).OfType<AzureFirewallResource>().Single();
        Assert.Equal(new[] { "EGR1001", "EGR1003" }, firewall.Suppressions.Select(s => s.RuleId));
        Assert.All(firewall.Suppressions, s => Assert.Equal("via proxy", s.Justification));
    }

    [Fact]
    public void DisableNextLine_CoversOnlyTheNextLine()
    {
        const string Text = "var a = 1\n#disable-next-line EGR2002\nvar b = 2\nvar c = 3\n";
        var suppression = Assert.Single(Read((MainFile, Text)).Single().LineSuppressions);
        Assert.Equal("var b = 2", Text.Substring(suppression.Span.Start, suppression.Span.Length));
    }

    [Fact]
    public void SyntaxErrorInAModule_IsReportedOnce_InTheModuleFile()
    {
        var results = Read(
            ("/infra/a.bicep", "module m './m.bicep' = { name: 'a' }"),
            ("/infra/b.bicep", "module m './m.bicep' = { name: 'b' }"),
            ("/infra/m.bicep", "var broken = )"));
        var error = Assert.Single(results.SelectMany(r => r.Diagnostics));
        Assert.Equal("/infra/m.bicep", error.Location.FilePath);
    }

    [Fact]
    public void ResolvePath_NormalizesRelativeSegments()
    {
        Assert.Equal("/repo/infra/modules/fw.bicep", BicepReader.ResolvePath("/repo/infra/main.bicep", "./modules/fw.bicep"));
        Assert.Equal("/repo/shared/fw.bicep", BicepReader.ResolvePath("/repo/infra/main.bicep", "../shared/fw.bicep"));
        Assert.Equal("C:/repo/shared/fw.bicep", BicepReader.ResolvePath(@"C:\repo\infra\main.bicep", @"..\shared\fw.bicep"));
    }
}
