using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Bicep;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Fixes;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Tests.Bicep;
using Xunit.Abstractions;

namespace EgressAnalyzers.Engine.Tests.Fixes;

/// <summary>
/// The Bicep writer over the shared fix plan: after the fix, re-analysis reports no EGR1001/EGR1002, every previous rule
/// is still there, comments are kept, and the fixed file compiles with the real Bicep compiler.
/// </summary>
public class BicepTemplateFixerTests
{
    private const string Cluster = """
        param location string = 'westeurope'

        resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
          name: 'aks'
          location: location
          properties: {
            agentPoolProfiles: [ { name: 'system', vmSize: 'Standard_D4ds_v5', osType: 'Linux' } ]
            networkProfile: { outboundType: 'userDefinedRouting' }
          }
        }
        """;

    private readonly ITestOutputHelper _output;

    public BicepTemplateFixerTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void ClassicLiteralRulesArray_GetsTheMissingRules_WithTheRegionInterpolated()
    {
        var hub = Cluster + """


            // The hub firewall: only the registry is allowed so far.
            resource fw 'Microsoft.Network/azureFirewalls@2024-05-01' = {
              name: 'fw-hub'
              location: location
              properties: {
                applicationRuleCollections: [
                  {
                    name: 'aks-core'
                    properties: {
                      priority: 200
                      action: { type: 'Allow' }
                      rules: [
                        {
                          name: 'registry'
                          sourceAddresses: [ '10.240.0.0/16' ]
                          protocols: [ { protocolType: 'Https', port: 443 } ]
                          targetFqdns: [ 'mcr.microsoft.com', '*.data.mcr.microsoft.com' ]
                        }
                      ]
                    }
                  }
                ]
              }
            }
            """;
        var fixedText = FixAndVerify(("/repo/infra/hub.bicep", hub))["/repo/infra/hub.bicep"];
        Assert.Contains("'*.hcp.${location}.azmk8s.io'", fixedText, StringComparison.Ordinal);
        Assert.Contains("sourceAddresses: [ '10.240.0.0/16' ]", fixedText, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesBuiltWithFor_AreKept_AndTheMissingRulesGoInANewCollection()
    {
        var hub = """
            param location string = 'westeurope'
            var fqdns = [ 'mcr.microsoft.com' ]

            resource fw 'Microsoft.Network/azureFirewalls@2024-05-01' = {
              name: 'fw-hub'
              location: location
              properties: {
                applicationRuleCollections: [
                  {
                    name: 'aks-core'
                    properties: {
                      priority: 200
                      action: { type: 'Allow' }
                      rules: [for fqdn in fqdns: {
                        name: fqdn
                        sourceAddresses: [ '*' ]
                        protocols: [ { protocolType: 'Https', port: 443 } ]
                        targetFqdns: [ fqdn ]
                      }]
                    }
                  }
                ]
              }
            }

            resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
              name: 'aks'
              location: location
              properties: {
                agentPoolProfiles: [ { name: 'system', vmSize: 'Standard_D4ds_v5', osType: 'Linux' } ]
              }
            }
            """;
        var fixedText = FixAndVerify(("/repo/infra/hub.bicep", hub))["/repo/infra/hub.bicep"];
        Assert.Contains("rules: [for fqdn in fqdns: {", fixedText, StringComparison.Ordinal);
        Assert.Contains("name: 'aks-egress'", fixedText, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassicFirewallWithoutCollections_GetsNewCollections()
    {
        var hub = Cluster + """


            resource fw 'Microsoft.Network/azureFirewalls@2024-05-01' = {
              name: 'fw-hub'
              location: location
              properties: {
                sku: { name: 'AZFW_VNet', tier: 'Standard' }
              }
            }
            """;
        var fixedText = FixAndVerify(("/repo/infra/hub.bicep", hub))["/repo/infra/hub.bicep"];
        Assert.Contains("applicationRuleCollections: [", fixedText, StringComparison.Ordinal);
    }

    [Fact]
    public void PolicyWithAnEarlierDeny_GetsANewGroupOrCollectionThatIsNotShadowed()
    {
        var hub = Cluster + """


            resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
              name: 'fwp-hub'
              location: location
              properties: {}
            }

            resource deny 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
              parent: policy
              name: 'deny'
              properties: {
                priority: 300
                ruleCollections: [
                  {
                    ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
                    name: 'deny-azmk8s'
                    priority: 100
                    action: { type: 'Deny' }
                    rules: [
                      {
                        ruleType: 'ApplicationRule'
                        name: 'deny'
                        protocols: [ { protocolType: 'Https', port: 443 } ]
                        sourceAddresses: [ '*' ]
                        targetFqdns: [ 'login.microsoftonline.com' ]
                      }
                    ]
                  }
                ]
              }
            }
            """;
        FixAndVerify(("/repo/infra/hub.bicep", hub));
    }

    [Fact]
    public void BicepSample_IsFixedInPlace_AndStillCompiles()
    {
        var root = Path.Combine(BicepCorpus.RepositoryRoot(), "samples", "BicepHub", "infra");
        var files = Directory.EnumerateFiles(root, "*.bicep", SearchOption.AllDirectories)
            .Select(p => ("/repo/infra/" + Path.GetRelativePath(root, p).Replace('\\', '/'), File.ReadAllText(p)))
            .ToArray();
        var fixedTexts = FixAndVerify(files);
        Assert.NotEqual(files.Single(f => f.Item1.EndsWith("main.bicep", StringComparison.Ordinal)).Item2, fixedTexts["/repo/infra/main.bicep"]);
    }

    private Dictionary<string, string> FixAndVerify(params (string Path, string Text)[] files)
    {
        var settings = EgressSettings.Default;
        var inputs = files.Select(f => new TemplateInput(f.Path, f.Text)).ToList();
        var (before, beforeModel) = Analyze(inputs, settings);
        Assert.Contains(before, FixVerifier.IsMissing);

        var results = TemplateFixer.FixFiles(inputs, settings);
        var texts = files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        foreach (var result in results)
        {
            Assert.Empty(result.Result.NotApplied);
            texts[result.Path] = result.Result.NewText;
            _output.WriteLine($"--- {result.Path}\n{result.Result.NewText}");
        }

        var (after, afterModel) = Analyze(texts.Select(t => new TemplateInput(t.Key, t.Value)).ToList(), settings);
        var left = after.Where(FixVerifier.IsMissing).ToList();
        Assert.True(left.Count == 0, "Still missing after the fix:\n" + string.Join("\n", left));

        var rulesAfter = FixVerifier.RuleFingerprints(afterModel);
        foreach (var rule in FixVerifier.RuleFingerprints(beforeModel))
        {
            Assert.True(rulesAfter.Remove(rule), "A rule written before the fix is gone: " + rule);
        }

        foreach (var result in results.Where(r => r.Result.Changed))
        {
            Assert.Empty(BicepParser.Parse(result.Result.NewText).Errors);
            Assert.Equal(Comments(result.Result.OriginalText), Comments(result.Result.NewText));
        }

        CompileWithTheRealCompiler(texts);
        return texts;
    }

    private static (IReadOnlyList<Finding> Findings, InfrastructureModel Model) Analyze(IReadOnlyList<TemplateInput> inputs, EgressSettings settings)
    {
        var results = BicepReader.Read(inputs, new ArmReadOptions { Cloud = settings.Cloud });
        return (EgressAnalysis.Analyze(results, Array.Empty<ModelResource>(), settings, RequirementCatalog.Default), InfrastructureModel.From(results));
    }

    private static List<string> Comments(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("//", StringComparison.Ordinal)).ToList();

    private void CompileWithTheRealCompiler(Dictionary<string, string> texts)
    {
        if (BicepCompiler.Path is null)
        {
            _output.WriteLine("Compilation not checked: the restored Bicep compiler is not available on this platform.");
            return;
        }

        var directory = Path.Combine(Path.GetTempPath(), "egress-bicep-fix-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var (path, text) in texts)
            {
                var target = Path.Combine(directory, path.TrimStart('/'));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, text);
            }

            foreach (var path in texts.Keys)
            {
                var json = BicepCompiler.Build(Path.Combine(directory, path.TrimStart('/')), out var errors);
                Assert.True(json is not null, $"{path} does not compile after the fix:\n{errors}\n{texts[path]}");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
