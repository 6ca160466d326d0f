using EgressAnalyzers.Engine.Arm.Expressions;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Tests.Arm.Template;

namespace EgressAnalyzers.Engine.Tests.Arm.Expressions;

/// <summary>Expressions are parsed once per text and file; every use still evaluates where it is written.</summary>
public class ParsedExpressionCacheTests
{
    [Fact]
    public void GetOrParse_SameTextTwice_ParsesOnceAndGivesTheSameTree()
    {
        var cache = new ParsedExpressionCache();

        // Two string instances with the same text, as two JSON tokens give them.
        var first = cache.GetOrParse(string.Concat("[parameters(", "'region')]"));
        var second = cache.GetOrParse(string.Concat("[parameters('region'", ")]"));

        Assert.Equal(1, cache.ParseCount);
        Assert.NotNull(first);
        Assert.Same(first, second);
    }

    [Fact]
    public void GetOrParse_DifferentTexts_GiveTheirOwnTrees()
    {
        var cache = new ParsedExpressionCache();

        var concat = Assert.IsType<CallNode>(cache.GetOrParse("[concat('a', 'b')]"));
        var format = Assert.IsType<CallNode>(cache.GetOrParse("[format('{0}', 'b')]"));

        Assert.Equal(2, cache.ParseCount);
        Assert.Equal("concat", concat.Name);
        Assert.Equal("format", format.Name);
    }

    [Fact]
    public void GetOrParse_InvalidExpression_IsNullAndParsedOnce()
    {
        var cache = new ParsedExpressionCache();

        Assert.Null(cache.GetOrParse("[concat('a',]"));
        Assert.Null(cache.GetOrParse("[concat('a',]"));

        Assert.Equal(1, cache.ParseCount);
    }

    [Fact]
    public void GetOrParse_MoreTextsThanTheCacheKeeps_ParsesTheRestEachTimeWithTheSameResult()
    {
        var cache = new ParsedExpressionCache();
        for (var i = 0; i < ParsedExpressionCache.MaxEntries; i++)
        {
            cache.GetOrParse("[concat('" + i + "')]");
        }

        var first = Assert.IsType<CallNode>(cache.GetOrParse("[format('{0}', 'late')]"));
        var second = Assert.IsType<CallNode>(cache.GetOrParse("[format('{0}', 'late')]"));
        cache.GetOrParse("[concat('0')]");

        // The late text is parsed both times (not kept); the early ones are still found.
        Assert.Equal(ParsedExpressionCache.MaxEntries + 2, cache.ParseCount);
        Assert.NotSame(first, second);
        Assert.Equal(first.Name, second.Name);
    }

    [Fact]
    public void TemplateRead_SameExpressionInSeveralPlaces_EachValueKeepsItsOwnSpan()
    {
        var rules = string.Join(
            ",\n",
            Enumerable.Range(0, 3).Select(i => $$"""{ "name": "r{{i}}", "protocols": [ "Https:443" ], "targetFqdns": [ "[format('{0}.example', parameters('region'))]", "[parameters('unset')]" ] }"""));
        var text = TemplateFixture.TemplateOf(
            $$"""
            {
              "type": "Microsoft.Network/azureFirewalls", "apiVersion": "2023-09-01", "name": "fw",
              "properties": { "applicationRuleCollections": [ { "name": "apps", "properties": { "priority": 100, "action": { "type": "Allow" }, "rules": [ {{rules}} ] } } ] }
            }
            """,
            parameters: """ "unset": { "type": "string" }, "region": { "type": "string", "defaultValue": "westeurope" } """);

        var firewall = TemplateFixture.Single<AzureFirewallResource>(TemplateFixture.Read(text));

        var values = firewall.Collections[0].ApplicationRules.SelectMany(r => r.TargetFqdns).ToList();
        Assert.Equal(6, values.Count);
        Assert.Equal(6, values.Select(v => v.Span.Start).Distinct().Count());
        Assert.All(values.Where((_, i) => i % 2 == 0), v => Assert.Equal("westeurope.example", v.Text));
        Assert.All(values.Where((_, i) => i % 2 == 0), v => Assert.Equal("\"[format('{0}.example', parameters('region'))]\"", TemplateFixture.At(text, v.Span)));
        Assert.All(values.Where((_, i) => i % 2 == 1), v => Assert.Equal("\"[parameters('unset')]\"", TemplateFixture.At(text, v.Span)));
        Assert.All(values.Where((_, i) => i % 2 == 1), v => Assert.False(v.IsKnown));
    }
}
