using EgressAnalyzers.Tests.CSharp;
using EgressAnalyzers.Tests.Infrastructure;
using EgressAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static EgressAnalyzers.Tests.Verifiers.ArmFixtures;

namespace EgressAnalyzers.Tests.Rules;

public class EGR1006CoverageCannotBeProvenTests
{
    [Fact]
    public async Task ParameterWithoutValue_IsUnknown_NeverMissing()
    {
        var fqdns = CoreFqdnsExcept("login.microsoftonline.com") + ", {|#0:\"[parameters('loginHost')]\"|}";
        var test = new EgressAnalyzerTest();
        test.DisabledDiagnostics.Add("EGR1003");
        await test
            .WithTemplate("cluster.json", Cluster(isPrivate: true))
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("\"aks-core\"", 200, "Allow", HttpsRule(fqdns)), parameters: "\"loginHost\": { \"type\": \"string\" }"))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1006_CoverageCannotBeProven, 0)
                .WithArguments("Azure Firewall 'fw-hub'", "'login.microsoftonline.com', 'snapshot.ubuntu.com'", "parameters('loginHost')"))
            .RunAsync();
    }

    [Fact]
    public async Task ClusterPrivacyFromAParameterWithoutValue_MakesTheApiServerFqdnUnknown()
    {
        var cluster = Cluster(parameters: "\"private\": { \"type\": \"bool\" }").Replace(
            "\"enablePrivateCluster\": false",
            "\"enablePrivateCluster\": {|#0:\"[parameters('private')]\"|}",
            StringComparison.Ordinal);
        var test = new EgressAnalyzerTest();
        test.DisabledDiagnostics.Add("EGR1003");
        await test
            .WithTemplate("cluster.json", cluster)
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("\"aks-core\"", 200, "Allow", HttpsRule(CoreFqdnsExcept("*.hcp.westeurope.azmk8s.io")))))
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1006_CoverageCannotBeProven, 0)
                .WithArguments("Azure Firewall 'fw-hub'", "'*.hcp.westeurope.azmk8s.io', 'UDP 1194 to AzureCloud.westeurope', 'TCP 9000 to AzureCloud.westeurope' and 1 more", "parameters('private')"))
            .RunAsync();
    }

    /// <summary>
    /// A hub policy with no rules of its own, and a rule collection group whose policy name is unknown (a parameter without
    /// a value, a value computed at run time) allowing every core FQDN but acs-mirror.azureedge.net, in each input
    /// language. The group may be the hub's: what it allows is unknown (EGR1006 at the group), what it does not allow is
    /// missing (EGR1001). Each entry: the language, then the inputs (path, text).
    /// </summary>
    public static TheoryData<string, (string Path, string Text)[]> GroupsForAnUnresolvedPolicy => new()
    {
        { "ARM", new[] { ("/infra/cluster.json", Cluster()), ("/infra/hub.json", ArmHubPolicy), ("/infra/aks-rules.json", ArmDetachedGroup) } },
        { "Bicep", new[] { ("/infra/cluster.json", Cluster()), ("/infra/hub.bicep", BicepHubWithDetachedGroup) } },
        { "Pulumi Azure Native", new[] { ("/src/Cluster.cs", PulumiFixtures.Cluster()), ("/src/Hub.cs", PulumiNativeHubWithDetachedGroup) } },
        { "Pulumi Azure classic", new[] { ("/src/Cluster.cs", PulumiAzureClassicReaderTests.Cluster()), ("/src/Hub.cs", PulumiClassicHubWithDetachedGroup) } },
    };

    [Theory]
    [MemberData(nameof(GroupsForAnUnresolvedPolicy))]
    public async Task GroupWhosePolicyIsUnresolved_MakesWhatItAllowsUnknown_AndLeavesTheRestMissing_InEveryLanguage(string language, (string Path, string Text)[] inputs)
    {
        var sources = inputs.Where(i => i.Path.EndsWith(".cs", StringComparison.Ordinal)).ToArray();
        var templates = inputs.Where(i => !i.Path.EndsWith(".cs", StringComparison.Ordinal)).ToArray();
        var diagnostics = (await CSharpAnalysisRunner.RunAsync(sources.Length == 0 ? new[] { ("/src/Empty.cs", "internal static class Empty { }") } : sources, templates))
            .Where(d => d.Id != "EGR1003")
            .ToList();

        Assert.True(diagnostics.Count == 2, language + ": " + string.Join("\n", diagnostics));
        var missing = Assert.Single(diagnostics, d => d.Id == "EGR1001");
        Assert.Contains("Firewall policy 'hub-policy' does not allow 'acs-mirror.azureedge.net'", missing.GetMessage(), StringComparison.Ordinal);
        var unknown = Assert.Single(diagnostics, d => d.Id == "EGR1006");
        Assert.Contains("the policy of rule collection group 'aks', whose rules may allow this traffic, could not be resolved", unknown.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'mcr.microsoft.com'", unknown.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupLinkedToThePolicyByName_IsNotDetached()
    {
        var attached = ArmDetachedGroup.Replace("[format('{0}/aks', parameters('policyName'))]", "hub-policy/aks", StringComparison.Ordinal);

        var diagnostics = (await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Empty.cs", "internal static class Empty { }") }, ("/infra/cluster.json", Cluster()), ("/infra/hub.json", ArmHubPolicy), ("/infra/aks-rules.json", attached)))
            .Where(d => d.Id != "EGR1003")
            .ToList();

        var missing = Assert.Single(diagnostics);
        Assert.Equal("EGR1001", missing.Id);
        Assert.Contains("'acs-mirror.azureedge.net'", missing.GetMessage(), StringComparison.Ordinal);
    }

    private static string ArmHubPolicy => $$"""
        {
          "$schema": "{{Schema}}",
          "contentVersion": "1.0.0.0",
          "resources": [
            { "type": "Microsoft.Network/firewallPolicies", "apiVersion": "2024-05-01", "name": "hub-policy", "location": "westeurope", "properties": {} }
          ]
        }
        """;

    private static string ArmDetachedGroup => $$"""
        {
          "$schema": "{{Schema}}",
          "contentVersion": "1.0.0.0",
          "parameters": { "policyName": { "type": "string" } },
          "resources": [
            {
              "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
              "apiVersion": "2024-05-01",
              "name": "[format('{0}/aks', parameters('policyName'))]",
              "properties": {
                "priority": 200,
                "ruleCollections": [
                  {
                    "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
                    "name": "aks-app",
                    "priority": 100,
                    "action": { "type": "Allow" },
                    "rules": [
                      {
                        "ruleType": "ApplicationRule",
                        "name": "core",
                        "sourceAddresses": [ "*" ],
                        "protocols": [ { "protocolType": "Https", "port": 443 } ],
                        "targetFqdns": [ {{CoreFqdnsExcept("acs-mirror.azureedge.net")}} ]
                      }
                    ]
                  }
                ]
              }
            }
          ]
        }
        """;

    private static string BicepHubWithDetachedGroup => $$"""
        param policyName string

        resource hub 'Microsoft.Network/firewallPolicies@2024-05-01' = {
          name: 'hub-policy'
          location: 'westeurope'
          properties: {}
        }

        resource aks 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
          name: '${policyName}/aks'
        {{Bicep.BicepFixtures.PolicyGroupProperties.Replace("TARGETS", Bicep.BicepFixtures.CoreFqdnsExcept("acs-mirror.azureedge.net"), StringComparison.Ordinal)}}
        }
        """;

    private static string PulumiNativeHubWithDetachedGroup => PulumiFixtures.Usings + $$"""
        public static class HubStack
        {
            public static void Create(string policyName)
            {
                _ = new FirewallPolicy("hub-policy", new FirewallPolicyArgs { ResourceGroupName = "rg" });
                _ = new FirewallPolicyRuleCollectionGroup("aks", new FirewallPolicyRuleCollectionGroupArgs
                {
                    ResourceGroupName = "rg",
                    FirewallPolicyName = policyName,
                    Priority = 200,
                    RuleCollections = { {{PulumiFixtures.PolicyFilterCollection(PulumiFixtures.CoreFqdnLiteralsExcept("acs-mirror.azureedge.net"))}} },
                });
            }
        }
        """;

    private static string PulumiClassicHubWithDetachedGroup => PulumiAzureClassicReaderTests.PolicyGroup(firewallPolicyId: "policyId", createParameters: "Input<string> policyId");
}
