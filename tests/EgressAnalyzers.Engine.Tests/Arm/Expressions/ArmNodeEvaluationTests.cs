using EgressAnalyzers.Engine.Arm;
using EgressAnalyzers.Engine.Arm.Expressions;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Tests.Arm.Expressions;

/// <summary><see cref="ArmExpressionEvaluator.EvaluateNode"/>: JSON trees, origins and property copy loops.</summary>
public class ArmNodeEvaluationTests
{
    private static (ArmValue Value, string Text) Evaluate(string json, IArmEvaluationScope? scope = null)
    {
        var document = JsonDocument.Parse(json);
        Assert.Empty(document.Errors);
        return (ArmExpressionEvaluator.EvaluateNode(document.Root!, scope ?? new TestScope()), json);
    }

    private static string At(string text, SourceSpan span) => text.Substring(span.Start, span.Length);

    [Fact]
    public void EvaluateNode_Object_HasOriginsForValuesAndPropertyNames()
    {
        var (value, text) = Evaluate("{ \"name\": \"fw\", \"count\": 3, \"on\": true, \"off\": false, \"none\": null, \"list\": [\"a\", 1] }");
        var obj = Assert.IsType<ArmObject>(value);
        Assert.Equal(text, At(text, obj.Origin));
        Assert.Equal(TestScope.File, obj.Origin.FilePath);

        var name = obj.GetProperty("name")!;
        Assert.Equal("\"name\"", At(text, name.NameSpan));
        Assert.Equal("\"fw\"", At(text, name.Value.Origin));
        Assert.Equal("fw", Assert.IsType<ArmString>(name.Value).Value);

        Assert.Equal(3, Assert.IsType<ArmInteger>(obj["count"]).Value);
        Assert.Equal("3", At(text, obj["count"]!.Origin));
        Assert.True(Assert.IsType<ArmBool>(obj["on"]).Value);
        Assert.False(Assert.IsType<ArmBool>(obj["off"]).Value);
        Assert.IsType<ArmNull>(obj["none"]);

        var list = Assert.IsType<ArmArray>(obj["list"]);
        Assert.Equal("[\"a\", 1]", At(text, list.Origin));
        Assert.Equal("\"a\"", At(text, list.Items[0].Origin));
    }

    [Fact]
    public void EvaluateNode_ExpressionStrings_AreEvaluatedWithTheTokenAsOrigin()
    {
        var scope = new TestScope().WithParameter("location", "westeurope");
        var (value, text) = Evaluate("{\"fqdn\": \"[format('*.hcp.{0}.azmk8s.io', parameters('location'))]\", \"esc\": \"[[x]\"}", scope);
        var obj = Assert.IsType<ArmObject>(value);
        Assert.Equal("*.hcp.westeurope.azmk8s.io", Assert.IsType<ArmString>(obj["fqdn"]).Value);
        Assert.StartsWith("\"[format", At(text, obj["fqdn"]!.Origin), StringComparison.Ordinal);
        Assert.Equal("[x]", Assert.IsType<ArmString>(obj["esc"]).Value);
    }

    [Fact]
    public void EvaluateNode_NonIntegerNumber_IsUnknown()
    {
        var (value, _) = Evaluate("[1.5, 2]");
        var array = Assert.IsType<ArmArray>(value);
        Assert.IsType<ArmUnknown>(array.Items[0]);
        Assert.Equal(2, Assert.IsType<ArmInteger>(array.Items[1]).Value);
    }

    [Fact]
    public void EvaluateNode_PropertyCopyLoop_ExpandsIntoAnArrayProperty()
    {
        const string json = """
            {
              "priority": 100,
              "copy": [
                {
                  "name": "rules",
                  "count": "[length(parameters('fqdns'))]",
                  "input": {
                    "name": "[concat('rule-', copyIndex('rules'))]",
                    "targetFqdns": [ "[parameters('fqdns')[copyIndex('rules')]]" ]
                  }
                }
              ]
            }
            """;
        var fqdns = ArmValue.Array(new[] { ArmValue.String("a.com", TestScope.Span(1, 1)), ArmValue.String("b.com", TestScope.Span(2, 1)) }, TestScope.Span(0, 1));
        var (value, text) = Evaluate(json, new TestScope().WithParameter("fqdns", fqdns));

        var obj = Assert.IsType<ArmObject>(value);
        Assert.Equal(new[] { "priority", "rules" }, obj.Properties.Select(p => p.Name));
        var rulesProperty = obj.GetProperty("rules")!;
        Assert.Equal("\"rules\"", At(text, rulesProperty.NameSpan));

        var rules = Assert.IsType<ArmArray>(rulesProperty.Value);
        Assert.Equal(2, rules.Items.Count);
        var second = Assert.IsType<ArmObject>(rules.Items[1]);
        Assert.Equal("rule-1", Assert.IsType<ArmString>(second["name"]).Value);
        var target = Assert.Single(Assert.IsType<ArmArray>(second["targetFqdns"]).Items);
        Assert.Equal("b.com", Assert.IsType<ArmString>(target).Value);
        Assert.Equal(TestScope.Span(2, 1), target.Origin);
    }

    [Fact]
    public void EvaluateNode_CopyLoopWithUnknownCount_IsAnUnknownProperty()
    {
        var (value, _) = Evaluate("{\"copy\": [{\"name\": \"items\", \"count\": \"[parameters('n')]\", \"input\": \"x\"}]}");
        var unknown = Assert.IsType<ArmUnknown>(Assert.IsType<ArmObject>(value)["items"]);
        Assert.Equal("parameters('n')", unknown.Reason);
    }

    [Theory]
    [InlineData(801)]
    [InlineData(-1)]
    public void EvaluateNode_CopyLoopCountOutOfRange_IsUnknown(int count)
    {
        var (value, _) = Evaluate("{\"copy\": [{\"name\": \"items\", \"count\": " + count + ", \"input\": \"x\"}]}");
        Assert.IsType<ArmUnknown>(Assert.IsType<ArmObject>(value)["items"]);
    }

    [Fact]
    public void EvaluateNode_CopyLoopAtTheLimitAndEmpty_AreArrays()
    {
        var (value, _) = Evaluate("{\"copy\": [{\"name\": \"many\", \"count\": 800, \"input\": \"[copyIndex('many', 1)]\"}, {\"name\": \"none\", \"count\": 0, \"input\": 1}]}");
        var obj = Assert.IsType<ArmObject>(value);
        var many = Assert.IsType<ArmArray>(obj["many"]);
        Assert.Equal(800, many.Items.Count);
        Assert.Equal(800, Assert.IsType<ArmInteger>(many.Items[799]).Value);
        Assert.Empty(Assert.IsType<ArmArray>(obj["none"]).Items);
    }

    [Fact]
    public void EvaluateNode_CopyThatIsNotALoop_StaysAPlainProperty()
    {
        var (value, _) = Evaluate("{\"copy\": [\"a\", \"b\"]}");
        Assert.Equal(2, Assert.IsType<ArmArray>(Assert.IsType<ArmObject>(value)["copy"]).Items.Count);
    }

    [Fact]
    public void EvaluateNode_VeryDeepJson_IsUnknownBelowTheBudgetWithoutThrowing()
    {
        var json = string.Concat(Enumerable.Repeat("{\"a\":", 250)) + "\"[concat('x')]\"" + new string('}', 250);
        var (value, _) = Evaluate(json);
        Assert.IsType<ArmObject>(value);
    }
}
