using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Tests.Arm.Expressions;

namespace EgressAnalyzers.Engine.Tests.Arm.Template;

/// <summary>
/// Literal JSON mapped straight to model values must give what the evaluator's value gives through
/// <see cref="ArmNav"/>, and must refuse (so that the caller evaluates) wherever an expression is read.
/// </summary>
public class LiteralJsonTests
{
    // Leading spaces: spans must be the node's own, not the text's start.
    private const string Padding = "   ";

    public static TheoryData<string> Literals => new()
    {
        "\"app.example\"", "\"[[escaped]\"", "\"[[open\"", "\"[\"", "\"\"", "\"Https:443\"", "\"a\\u0041\"", "443", "-7", "1.5", "1e3",
        "99999999999999999999", "true", "false", "null", "[]", "{}", "[ \"a\", 1, true, null, 2.5, [ \"x\" ], { \"k\": \"v\" } ]",
        "[ { \"protocolType\": \"Https\", \"port\": 443 }, \"Http:80\", \":1\", { \"port\": 80 }, 3.5, 8 ]", "{ \"protocolType\": \"Https\" }",
    };

    // An expression, and whether reading the node as a scalar, as a list and as application protocols reads it.
    public static TheoryData<string, bool, bool, bool> Expressions => new()
    {
        { "\"[parameters('p')]\"", true, true, true },
        { "\"[]\"", true, true, true },
        { "[ \"a\", \"[concat('b')]\" ]", false, true, true },
        { "[ { \"protocolType\": \"[parameters('p')]\", \"port\": 443 } ]", false, false, true },
        { "{ \"k\": \"[parameters('p')]\" }", false, false, false },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void TryModelValue_Literal_GivesTheEvaluatedValue(string json)
    {
        var node = Parse(json);

        Assert.True(LiteralJson.TryModelValue(node, TestScope.File, out var direct));

        Assert.Equal(Describe(ArmNav.ToModelValue(Evaluate(node))), Describe(direct));
    }

    [Theory]
    [MemberData(nameof(Literals))]
    public void TryModelValues_Literal_GivesTheEvaluatedValues(string json)
    {
        var node = Parse(json);

        Assert.True(LiteralJson.TryModelValues(node, TestScope.File, out var direct));

        Assert.Equal(ArmNav.ToModelValues(Evaluate(node)).Select(v => Describe(v)), direct.Select(v => Describe(v)));
    }

    [Theory]
    [MemberData(nameof(Literals))]
    public void TryNameTextAndTryString_Literal_GiveTheEvaluatedTexts(string json)
    {
        var node = Parse(json);
        var evaluated = Evaluate(node);

        Assert.True(LiteralJson.TryNameText(node, out var name));
        Assert.True(LiteralJson.TryString(node, out var text));

        Assert.Equal(ArmNav.NameText(evaluated), name);
        Assert.Equal(ArmNav.AsString(evaluated), text);
    }

    [Theory]
    [MemberData(nameof(Literals))]
    public void TryApplicationProtocols_Literal_ReadsWhatTheRuleMapperReadsFromTheEvaluatedValue(string json)
    {
        var node = Parse(json);
        var rule = TemplateFixture.TemplateOf(FirewallWithProtocols(json));
        var evaluated = TemplateFixture.Single<AzureFirewallResource>(TemplateFixture.Read(rule)).Collections[0].ApplicationRules[0].Protocols;

        Assert.True(LiteralJson.TryApplicationProtocols(node, TestScope.File, out var direct));

        // Same protocols, spans compared relative to the protocols value in each text.
        const string Member = "\"protocols\": ";
        var offset = rule.IndexOf(Member, StringComparison.Ordinal) + Member.Length - Padding.Length;
        Assert.Equal(
            evaluated.Select(p => Describe(p.ProtocolType, offset) + " " + Describe(p.Port, offset) + " @" + (p.Span.Start - offset)),
            direct.Select(p => Describe(p.ProtocolType) + " " + Describe(p.Port) + " @" + p.Span.Start));
    }

    [Theory]
    [MemberData(nameof(Expressions))]
    public void TryMethods_ExpressionWhereAValueIsRead_RefuseSoThatTheCallerEvaluates(string json, bool asScalar, bool asList, bool asProtocols)
    {
        var node = Parse(json);

        Assert.Equal(!asScalar, LiteralJson.TryModelValue(node, TestScope.File, out _));
        Assert.Equal(!asScalar, LiteralJson.TryNameText(node, out _));
        Assert.Equal(!asScalar, LiteralJson.TryString(node, out _));
        Assert.Equal(!asList, LiteralJson.TryModelValues(node, TestScope.File, out _));
        Assert.Equal(!asProtocols, LiteralJson.TryApplicationProtocols(node, TestScope.File, out _));
    }

    private static JsonNode Parse(string json) => JsonDocument.Parse(Padding + json).Root!;

    private static EgressAnalyzers.Engine.Arm.ArmValue Evaluate(JsonNode node) => ArmEvaluation.EvaluateNode(node, new TestScope());

    private static string Describe(ModelValue? value) => Describe(value, 0);

    private static string Describe(ModelValue? value, int offset) =>
        value is null
            ? "(none)"
            : (value.IsKnown ? "'" + value.Text + "'" : "?" + value.UnresolvedExpression + "|" + value.Shape) + "@" + (value.Span.Start - offset) + "+" + value.Span.Length;

    private static string FirewallWithProtocols(string protocols) => $$"""
        {
          "type": "Microsoft.Network/azureFirewalls", "apiVersion": "2023-09-01", "name": "fw",
          "properties": { "applicationRuleCollections": [ { "name": "apps", "properties": { "priority": 100, "action": { "type": "Allow" },
            "rules": [ { "name": "r", "protocols": {{protocols}} } ] } } ] }
        }
        """;
}
