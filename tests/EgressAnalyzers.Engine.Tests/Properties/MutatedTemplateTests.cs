using System.Text;
using CsCheck;
using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Tests.Arm.Template;

namespace EgressAnalyzers.Engine.Tests.Properties;

/// <summary>
/// Bounded random mutations of realistic templates (deleted and inserted brackets, quotes and odd characters,
/// truncations, duplicated slices) and random ARM expressions: the JSON reader, the expression evaluator, the template
/// reader and the coverage engine never throw, always finish, and every location they report lies inside the text.
/// </summary>
public class MutatedTemplateTests
{
    private static readonly string[] Seeds =
    {
        TemplateFixture.TemplateOf(
            """
            {
              "type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-05-01", "name": "aks",
              "location": "[parameters('location')]",
              "properties": { "apiServerAccessProfile": { "enablePrivateCluster": false },
                "agentPoolProfiles": [ { "name": "sys", "vmSize": "Standard_NC6s_v3", "osType": "Linux" } ],
                "networkProfile": { "outboundType": "userDefinedRouting" } }
            },
            {
              "type": "Microsoft.Network/azureFirewalls", "apiVersion": "2023-09-01", "name": "[format('fw-{0}', parameters('location'))]",
              "location": "[parameters('location')]",
              "properties": {
                // comments are allowed in templates
                "applicationRuleCollections": [ { "name": "aks", "properties": { "priority": 100, "action": { "type": "Allow" },
                  "rules": [ { "name": "core", "protocols": [ { "protocolType": "Https", "port": 443 } ],
                    "targetFqdns": "[concat(variables('fqdns'), createArray(format('*.hcp.{0}.azmk8s.io', parameters('location'))))]",
                    "sourceAddresses": [ "10.0.0.0/16" ] } ] } } ],
                "networkRuleCollections": [ { "name": "net", "properties": { "priority": 200, "action": { "type": "Deny" },
                  "rules": [ { "name": "ntp", "protocols": [ "UDP" ], "destinationAddresses": [ "*" ], "destinationPorts": [ "123", "1-65535" ],
                    "sourceAddresses": [ "*" ] } ] } } ]
              }
            }
            """,
            parameters: """ "location": { "type": "string", "defaultValue": "westeurope" } """,
            variables: """ "fqdns": [ "mcr.microsoft.com", "*.data.mcr.microsoft.com", "[toLower('Management.Azure.com')]" ] """),
        """
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "languageVersion": "2.0",
          "contentVersion": "1.0.0.0",
          "resources": {
            "policy": { "type": "Microsoft.Network/firewallPolicies", "apiVersion": "2023-09-01", "name": "hub-policy", "location": "westeurope",
              "properties": { "basePolicy": { "id": "[resourceId('Microsoft.Network/firewallPolicies', 'base')]" } } },
            "rcg": { "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "apiVersion": "2023-09-01", "name": "hub-policy/aks",
              "properties": { "priority": 200, "ruleCollections": [ { "ruleCollectionType": "FirewallPolicyFilterRuleCollection", "name": "aks",
                "priority": 100, "action": { "type": "Allow" }, "rules": [
                  { "ruleType": "ApplicationRule", "name": "tag", "fqdnTags": [ "AzureKubernetesService" ],
                    "protocols": [ { "protocolType": "Https", "port": 443 } ], "sourceAddresses": [ "*" ] },
                  { "ruleType": "NetworkRule", "name": "dns", "ipProtocols": [ "UDP" ], "destinationAddresses": [ "10.0.0.4" ],
                    "destinationPorts": [ "53" ], "sourceIpGroups": [ "[resourceId('Microsoft.Network/ipGroups', 'nodes')]" ] } ] } ] } },
            "nested": { "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
              "properties": { "mode": "Incremental", "expressionEvaluationOptions": { "scope": "inner" },
                "parameters": { "loc": { "value": "northeurope" } },
                "template": { "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                  "parameters": { "loc": { "type": "string" } },
                  "resources": [ { "type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-05-01", "name": "aks2",
                    "location": "[parameters('loc')]", "copy": { "name": "c", "count": 2 }, "properties": { } } ] } } }
          }
        }
        """,
    };

    private static readonly string[] Insertions = { "{", "}", "[", "]", "\"", ",", ":", "'", "(", ")", "\0", "\uFFFD", "\uD800", "/*", "//", "\r", "\n", "[[", "]]", "-1e999", "null", "\\" };

    private sealed record Mutation(int Kind, double Position, double Length, int Insertion);

    private static readonly Gen<Mutation> MutationGen =
        Gen.Select(Gen.Int[0, 3], Gen.Double[0, 1], Gen.Double[0, 0.2], Gen.Int[0, Insertions.Length - 1])
            .Select((kind, position, length, insertion) => new Mutation(kind, position, length, insertion));

    private static readonly Gen<(int Seed, Mutation[] Mutations)> MutatedTemplate =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], MutationGen.Array[1, 6]);

    [Fact]
    public void Seeds_Unmutated_AreCleanTemplatesWithRulesAndClusters()
    {
        // The mutations only stress the readers if the seeds reach the interesting paths in the first place.
        foreach (var seed in Seeds)
        {
            var read = TemplateFixture.Read(seed);
            Assert.Empty(read.Diagnostics);
            Assert.Contains(read.Resources, r => r is AksClusterResource);
            Assert.Contains(read.Resources, r => r is AzureFirewallResource or RuleCollectionGroupResource);
        }
    }

    [Fact]
    public void MutatedTemplates_AreReadAndAnalyzedWithoutExceptions_AndWithLocationsInsideTheText()
    {
        MutatedTemplate.Sample(
            sample =>
            {
                var text = Apply(Seeds[sample.Seed], sample.Mutations);
                AnalyzeAndCheckLocations(text);
            },
            iter: 1500,
            threads: 1);
    }

    private static readonly string[] ExpressionAtoms =
    {
        "parameters('location')", "variables('fqdns')", "'a'", "1", "-2", "true", "null()", "createArray(1, 'x')", "createObject('k', 1)",
        "environment()", "resourceGroup().location", "reference('x')", "parameters('nope')", "json('{')", "split('a.b', '.')",
    };

    private static readonly string[] ExpressionFunctions =
    {
        "concat", "format", "toLower", "toUpper", "replace", "string", "union", "if", "equals", "not", "and", "or", "split", "first", "last",
        "substring", "length", "range", "padLeft", "take", "skip", "contains", "empty", "unknownFunction", "sys.concat",
    };

    private static readonly Gen<string> Expression = Gen.Recursive<string>((depth, self) =>
        depth >= 4
            ? Gen.OneOf(ExpressionAtoms)
            : Gen.Frequency(
                (3, Gen.OneOf(ExpressionAtoms)),
                (2, Gen.Select(Gen.OneOf(ExpressionFunctions), self.Array[0, 4]).Select((f, args) => $"{f}({string.Join(", ", args)})")),
                (1, Gen.Select(self, Gen.OneOf(".location", "[0]", "['k']", ".suffixes.storage", "[-1]", "[99999999999]")).Select((e, access) => e + access))));

    [Fact]
    public void RandomArmExpressions_InRuleValues_AreEvaluatedWithoutExceptions()
    {
        Expression.Sample(
            expression =>
            {
                var text = Seeds[0].Replace("[toLower('Management.Azure.com')]", "[" + expression.Replace("\"", "\\\"") + "]", StringComparison.Ordinal);
                AnalyzeAndCheckLocations(text);
            },
            iter: 1500,
            threads: 1);
    }

    [Fact]
    public void RandomJson_IsParsedWithoutExceptions_AndErrorsLieInsideTheText()
    {
        Gen.String[Gen.Char["{}[]\",:0123456789.eE-+ \r\ntrunflas/\\*\0\uFFFD"], 0, 400].Sample(
            text =>
            {
                var document = JsonDocument.Parse(text);
                Assert.All(document.Errors, error => Assert.InRange(error.Start + error.Length, Math.Max(error.Start, 0), text.Length));
            },
            iter: 3000,
            threads: 1);
    }

    private static string Apply(string text, Mutation[] mutations)
    {
        var builder = new StringBuilder(text);
        foreach (var mutation in mutations)
        {
            var position = (int)(mutation.Position * builder.Length);
            var length = Math.Min((int)(mutation.Length * builder.Length), builder.Length - position);
            switch (mutation.Kind)
            {
                case 0:
                    builder.Remove(position, length);
                    break;
                case 1:
                    builder.Insert(position, Insertions[mutation.Insertion]);
                    break;
                case 2:
                    builder.Length = position;
                    break;
                default:
                    builder.Insert(position, builder.ToString(position, length));
                    break;
            }
        }

        return builder.ToString();
    }

    private static void AnalyzeAndCheckLocations(string text)
    {
        var read = TemplateFixture.Read(text);
        var findings = EgressAnalysis.Analyze(new[] { read }, Array.Empty<ModelResource>(), EgressSettings.Default, RequirementCatalog.Default);
        foreach (var finding in read.Diagnostics.Concat(findings))
        {
            if (finding.Location.IsEmpty)
            {
                continue;
            }

            Assert.Equal(TemplateFixture.TemplatePath, finding.Location.FilePath);
            Assert.InRange(finding.Location.Start, 0, text.Length);
            Assert.InRange(finding.Location.End, finding.Location.Start, text.Length);
        }
    }
}
