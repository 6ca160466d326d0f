using System.Text;
using CsCheck;
using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Tests.Arm.Template;

namespace EgressAnalyzers.Engine.Tests.Properties;

/// <summary>
/// Literal rule values are mapped straight from the JSON into the model (no evaluated ARM value in between). Random
/// long rule lists — literal values of every JSON kind, escapes, non-integer numbers, duplicate and differently cased
/// names, property copy loops and expressions mixed in — must read into exactly the model the evaluator gives,
/// value by value and span by span, in every rule shape (classic, policy filter and NAT collections).
/// </summary>
public class LiteralMappingAgainstEvaluatorTests
{
    private static readonly string[] StringTexts =
    {
        "\"app.contoso.example\"", "\"*.contoso.example\"", "\"10.240.0.0/16\"", "\"*\"", "\"Https\"", "\"Http:80\"", "\"Https : 443\"",
        "\":443\"", "\"443\"", "\"1-65535\"", "\"\"", "\"[[escaped]\"", "\"[[not closed\"", "\"[\"", "\"]\"", "\"TCP\"", "\"Any\"",
        "\"ApplicationRule\"", "\"NetworkRule\"", "\"NatRule\"", "\"esc\\\"aped\\u0041\"",
    };

    private static readonly string[] OtherLiterals = { "443", "0", "-1", "1.5", "1e3", "99999999999999999999", "true", "false", "null" };

    private static readonly string[] Expressions =
    {
        "\"[parameters('unset')]\"", "\"[parameters('region')]\"", "\"[variables('fqdns')]\"", "\"[concat('a', 'b')]\"",
        "\"[createArray('x.example', 443)]\"", "\"[format('{0}.example', parameters('unset'))]\"", "\"[]\"",
        "\"[json('{\\\"protocolType\\\":\\\"Https\\\",\\\"port\\\":443}')]\"",
    };

    private static readonly string[] MemberNames =
    {
        "name", "Name", "protocols", "ipProtocols", "targetFqdns", "fqdnTags", "targetUrls", "sourceAddresses", "sourceIpGroups",
        "destinationAddresses", "destinationFqdns", "destinationIpGroups", "destinationPorts", "ruleType", "ruleConditionType",
        "translatedAddress", "translatedFqdn", "translatedPort", "protocolType", "port", "description",
    };

    private static readonly Gen<string> Scalar = Gen.Frequency(
        (6, Gen.OneOf(StringTexts)),
        (2, Gen.OneOf(OtherLiterals)),
        (1, Gen.OneOf(Expressions)));

    private static readonly Gen<string> Value = Gen.Recursive<string>((depth, self) =>
        depth >= 3
            ? Scalar
            : Gen.Frequency(
                (4, Scalar),
                (4, self.Array[0, 4].Select(items => "[ " + string.Join(", ", items) + " ]")),
                (2, Member(self).Array[0, 4].Select(ObjectOf)),
                (1, Gen.Int[0, 3].Select(n => $$"""{ "copy": [ { "name": "port", "count": {{n}}, "input": "[copyIndex('port')]" } ] }"""))));

    private static readonly Gen<string> Protocol = Gen.Frequency(
        (6, Gen.Select(Gen.OneOf("\"Https\"", "\"Http\"", "\"[parameters('unset')]\"", "1.5"), Gen.OneOf("443", "80", "\"443\"", "1.5", "[ 1 ]", "\"[parameters('region')]\""))
            .Select((type, port) => $$"""{ "protocolType": {{type}}, "port": {{port}} }""")),
        (1, Gen.OneOf("{ \"port\": 443 }", "{ }", "{ \"protocolType\": \"Https\", \"PORT\": 8443, \"port\": 443 }")),
        (2, Value));

    private static readonly Gen<string> Rule = Gen.Frequency(
        (8, Gen.Select(
                Gen.Frequency((4, Protocol.Array[0, 3].Select(p => "[ " + string.Join(", ", p) + " ]")), (1, Value)),
                Member(Value).Array[0, 8])
            .Select((protocols, members) => ObjectOf(new[] { "\"protocols\": " + protocols }.Concat(members).ToArray()))),
        (1, Gen.OneOf(Expressions)),
        (1, Gen.OneOf(OtherLiterals)),
        (1, Gen.Int[0, 2].Select(n => $$"""{ "name": "looped", "copy": [ { "name": "targetFqdns", "count": {{n}}, "input": "[format('f{0}.example', copyIndex('targetFqdns'))]" } ] }""")));

    // At least 16 rules: lists that long are the ones read item by item (the fast path's only input).
    private static readonly Gen<string[]> Rules = Rule.Array[16, 24];

    [Fact]
    public void RandomLongRuleLists_ReadWithLiteralsMappedDirectly_GiveTheModelTheEvaluatorGives()
    {
        Rules.Sample(
            rules =>
            {
                var text = TemplateWithEveryRuleShape(rules);
                var direct = Describe(text, ReadTemplate(text, mapsLiteralsDirectly: true));
                var evaluated = Describe(text, ReadTemplate(text, mapsLiteralsDirectly: false));
                Assert.Equal(evaluated, direct);
            },
            iter: 300,
            threads: 1);
    }

    [Fact]
    public void LongLiteralRuleList_ReadWithLiteralsMappedDirectly_KeepsEveryValueAndItsSpan()
    {
        // A fixed case beside the random ones: a literal list in the generated benchmark's shape.
        var rules = Enumerable.Range(0, 20)
            .Select(i => $$"""{ "name": "r{{i}}", "protocols": [ { "protocolType": "Https", "port": 443 }, "Http:80" ], "sourceAddresses": [ "10.240.0.0/16" ], "targetFqdns": [ "app{{i}}.example", "[[x{{i}}]" ] }""")
            .ToArray();
        var text = TemplateWithEveryRuleShape(rules);

        var firewall = TemplateFixture.Single<AzureFirewallResource>(ReadTemplate(text, mapsLiteralsDirectly: true));

        var applicationRules = firewall.Collections.Single(c => c.Kind == RuleCollectionKind.Application).ApplicationRules;
        Assert.Equal(20, applicationRules.Count);
        var rule = applicationRules[7];
        Assert.Equal("r7", rule.Name);
        Assert.Equal(new[] { "app7.example", "[x7]" }, rule.TargetFqdns.Select(v => v.Text));
        Assert.Equal(new[] { "\"app7.example\"", "\"[[x7]\"" }, rule.TargetFqdns.Select(v => TemplateFixture.At(text, v.Span)));
        Assert.Equal(new[] { "Https/443", "Http/80" }, rule.Protocols.Select(p => p.ProtocolType.Text + "/" + p.Port.Text));
        Assert.Equal("443", TemplateFixture.At(text, rule.Protocols[0].Port.Span));
        Assert.Equal("\"Http:80\"", TemplateFixture.At(text, rule.Protocols[1].Span));
        Assert.StartsWith("{ \"name\": \"r7\"", TemplateFixture.At(text, rule.Span), StringComparison.Ordinal);
    }

    private static Gen<string> Member(Gen<string> value) =>
        Gen.Select(Gen.OneOf(MemberNames), value).Select((name, v) => $"\"{name}\": {v}");

    private static string ObjectOf(string[] members) => "{ " + string.Join(", ", members) + " }";

    private static TemplateReadResult ReadTemplate(string text, bool mapsLiteralsDirectly) =>
        ArmTemplateReader.ReadTemplate(
            new TemplateInput(TemplateFixture.TemplatePath, text),
            Array.Empty<TemplateInput>(),
            new ArmReadOptions { MapsLiteralsDirectly = mapsLiteralsDirectly });

    private static string TemplateWithEveryRuleShape(string[] rules)
    {
        var list = "[\n" + string.Join(",\n", rules) + "\n]";
        return TemplateFixture.TemplateOf(
            $$"""
            {
              "type": "Microsoft.Network/azureFirewalls", "apiVersion": "2023-09-01", "name": "fw",
              "properties": {
                "applicationRuleCollections": [ { "name": "apps", "properties": { "priority": 100, "action": { "type": "Allow" }, "rules": {{list}} } } ],
                "networkRuleCollections": [ { "name": "net", "properties": { "priority": 200, "action": { "type": "Allow" }, "rules": {{list}} } } ],
                "natRuleCollections": [ { "name": "nat", "properties": { "priority": 300, "action": { "type": "Dnat" }, "rules": {{list}} } } ]
              }
            },
            {
              "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "apiVersion": "2023-09-01", "name": "policy/rcg",
              "properties": { "priority": 200, "ruleCollections": [
                { "ruleCollectionType": "FirewallPolicyFilterRuleCollection", "name": "filter", "priority": 100, "action": { "type": "Allow" }, "rules": {{list}} },
                { "ruleCollectionType": "FirewallPolicyNatRuleCollection", "name": "dnat", "priority": 200, "action": { "type": "Dnat" }, "rules": {{list}} } ] }
            },
            {
              "type": "Microsoft.Network/firewallPolicies/ruleGroups", "apiVersion": "2019-07-01", "name": "policy/legacy",
              "properties": { "priority": 300, "rules": [ { "name": "legacy", "priority": 100, "ruleType": "FirewallPolicyFilterRule", "action": { "type": "Allow" }, "ruleConditions": {{list}} } ] }
            }
            """,
            parameters: """ "unset": { "type": "string" }, "region": { "type": "string", "defaultValue": "westeurope" } """,
            variables: """ "fqdns": [ "[parameters('unset')]", "known.example" ] """);
    }

    /// <summary>Every rule value of the read, with its text or unknown expression and shape, and the text under its span.</summary>
    private static string Describe(string text, TemplateReadResult read)
    {
        var builder = new StringBuilder();
        foreach (var finding in read.Diagnostics)
        {
            builder.Append("finding ").Append(finding.Rule.Id).Append(' ').Append(Where(finding.Location)).Append(' ').AppendLine(finding.Message);
        }

        foreach (var resource in read.Resources)
        {
            var collections = resource switch
            {
                AzureFirewallResource firewall => firewall.Collections,
                RuleCollectionGroupResource group => group.Collections,
                _ => Array.Empty<RuleCollection>(),
            };
            builder.Append("resource ").AppendLine(resource.GetType().Name);
            foreach (var collection in collections)
            {
                builder.Append("collection ").Append(collection.Name).Append(' ').Append(collection.Kind).Append(' ')
                    .Append(collection.Priority).Append(' ').Append(collection.Action).Append(' ').Append(Where(collection.Span))
                    .Append(Where(collection.NameSpan)).AppendLine(Where(collection.RulesSpan));
                foreach (var rule in collection.ApplicationRules)
                {
                    Rule(rule, "application");
                    foreach (var protocol in rule.Protocols)
                    {
                        builder.Append("  protocol ").Append(Where(protocol.Span));
                        Values(" ", new[] { protocol.ProtocolType, protocol.Port });
                    }

                    Values("targetFqdns", rule.TargetFqdns);
                    Values("fqdnTags", rule.FqdnTags);
                }

                foreach (var rule in collection.NetworkRules)
                {
                    Rule(rule, "network");
                    Values("protocols", rule.Protocols);
                    Values("destinationAddresses", rule.DestinationAddresses);
                    Values("destinationFqdns", rule.DestinationFqdns);
                    Values("destinationIpGroups", rule.DestinationIpGroups);
                    Values("destinationPorts", rule.DestinationPorts);
                }

                foreach (var rule in collection.NatRules)
                {
                    Rule(rule, "nat");
                    Values("protocols", rule.Protocols);
                    Values("destinationAddresses", rule.DestinationAddresses);
                    Values("destinationPorts", rule.DestinationPorts);
                    Values("translated", new[] { rule.TranslatedAddress, rule.TranslatedPort });
                }
            }
        }

        return builder.ToString();

        void Rule(FirewallRule rule, string kind)
        {
            builder.Append(' ').Append(kind).Append(" rule '").Append(rule.Name).Append("' ").AppendLine(Where(rule.Span));
            Values("sourceAddresses", rule.SourceAddresses);
            Values("sourceIpGroups", rule.SourceIpGroups);
        }

        void Values(string what, IEnumerable<ModelValue?> values)
        {
            builder.Append("  ").Append(what).Append(':');
            foreach (var value in values)
            {
                builder.Append(value is null
                    ? " (none)"
                    : value.IsKnown
                        ? $" '{value.Text}'{Where(value.Span)}"
                        : $" ?'{value.UnresolvedExpression}' shape '{value.Shape}'{Where(value.Span)}");
            }

            builder.AppendLine();
        }

        string Where(EgressAnalyzers.Engine.Text.SourceSpan span) => span.IsEmpty ? "@-" : "@" + span.Start + ":" + text.Substring(span.Start, span.Length);
    }
}
