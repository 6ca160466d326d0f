using EgressAnalyzers.Engine.Bicep;

namespace EgressAnalyzers.Engine.Tests.Bicep;

/// <summary>The parser, one construct at a time; every test also checks that a valid input gives no error.</summary>
public class BicepParserTests
{
    private static BicepFile Valid(string text)
    {
        var file = BicepParser.Parse(text);
        Assert.True(file.Errors.Count == 0, string.Join("; ", file.Errors));
        return file;
    }

    private static BicepExpression ValueOf(string expression) => Valid("var x = " + expression).Statements.Single().Value!;

    [Fact]
    public void EveryDeclarationKind_IsRecognised()
    {
        var file = Valid("""
            metadata info = 'hub'
            targetScope = 'resourceGroup'
            import { rules } from './shared.bicep'
            import * as shared from './shared.bicep'
            extension microsoftGraphV1
            @description('Where')
            param location string = 'westeurope'
            param tags object
            var name = 'fw'
            type ruleType = { name: string, ports: int[] }
            type mode = 'a' | 'b'
            func prefixed(value string) string => '${name}-${value}'
            resource fw 'Microsoft.Network/azureFirewalls@2024-05-01' = { name: name }
            resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' existing = { name: 'p' }
            module m './m.bicep' = { name: 'm' }
            output id string = fw.id
            output res resource 'Microsoft.Network/azureFirewalls@2024-05-01' = fw
            """);
        Assert.Equal(
            new[]
            {
                BicepStatementKind.Metadata, BicepStatementKind.TargetScope, BicepStatementKind.Import, BicepStatementKind.Import,
                BicepStatementKind.Extension, BicepStatementKind.Parameter, BicepStatementKind.Parameter, BicepStatementKind.Variable,
                BicepStatementKind.Type, BicepStatementKind.Type, BicepStatementKind.Function, BicepStatementKind.Resource,
                BicepStatementKind.Resource, BicepStatementKind.Module, BicepStatementKind.Output, BicepStatementKind.Output,
            },
            file.Statements.Select(s => s.Kind));
        Assert.True(file.Statements.Single(s => s.Name?.Name == "policy").Existing);
        Assert.Equal("description", file.Statements.Single(s => s.Name?.Name == "location").Decorators.Single().Name);
    }

    [Fact]
    public void BicepParamFile_HasUsingAndUntypedParameters()
    {
        var file = Valid("using './main.bicep'\nparam location = 'westeurope'\nvar suffix = 'x'\n");
        Assert.Equal("./main.bicep", ((BicepString)file.Statements[0].TypeOrPath!).Literal);
        Assert.Equal("westeurope", ((BicepString)file.Statements[1].Value!).Literal);
    }

    [Fact]
    public void Objects_AcceptNewlinesAndCommas_AndQuotedOrInterpolatedKeys()
    {
        var obj = (BicepObject)ValueOf("{\n  a: 1\n  'b-c': 2, d: 3\n  '${x}': {}\n}");
        Assert.Equal(new[] { "a", "b-c", "d", string.Empty }, obj.Properties.Select(p => p.Name));
        Assert.NotNull(obj.Properties[3].InterpolatedName);
    }

    [Fact]
    public void Arrays_AcceptNewlinesAndCommas()
    {
        var array = (BicepArray)ValueOf("[\n  1\n  2, 3\n  'x'\n]");
        Assert.Equal(4, array.Items.Count);
    }

    [Fact]
    public void Strings_HaveEscapesAndInterpolation()
    {
        var text = (BicepString)ValueOf(@"'it\'s ${a.b}-${'in${c}ner'}\n\u{41}\$'");
        Assert.Equal(new[] { "it's ", "-", "\nA$" }, text.Parts);
        Assert.IsType<BicepPropertyAccess>(text.Holes[0]);
        Assert.Single(((BicepString)text.Holes[1]).Holes);
    }

    [Fact]
    public void MultilineStrings_AreVerbatim()
    {
        var text = (BicepString)ValueOf("'''\nline ${not} interpolated\n'''");
        Assert.Equal("line ${not} interpolated\n", text.Literal);
        Assert.True(text.Multiline);
    }

    [Fact]
    public void Operators_FollowBicepPrecedence()
    {
        var ternary = (BicepTernary)ValueOf("a ?? b || c && d == e + f * g ? 1 : 2");
        var coalesce = (BicepBinary)ternary.Condition;
        Assert.Equal("??", coalesce.Operator);
        var or = (BicepBinary)coalesce.Right;
        Assert.Equal("||", or.Operator);
        var and = (BicepBinary)or.Right;
        Assert.Equal("&&", and.Operator);
        var equals = (BicepBinary)and.Right;
        Assert.Equal("==", equals.Operator);
        var plus = (BicepBinary)equals.Right;
        Assert.Equal("+", plus.Operator);
        Assert.Equal("*", ((BicepBinary)plus.Right).Operator);
    }

    [Fact]
    public void MultilineTernary_Continues()
    {
        Assert.IsType<BicepTernary>(ValueOf("cond\n  ? 'a'\n  : 'b'"));
    }

    [Fact]
    public void UnaryOperators_AndComparisons_Parse()
    {
        var and = (BicepBinary)ValueOf("!a && -1 < b && c =~ 'X' && d !~ 'y' && e != f && g >= h");
        Assert.Equal("&&", and.Operator);
    }

    [Fact]
    public void ForLoops_WithAndWithoutIndex_AndWithFilter()
    {
        var plain = (BicepFor)ValueOf("[for r in rules: r.name]");
        Assert.Equal("r", plain.Item!.Name);
        Assert.Null(plain.Index);
        var indexed = (BicepFor)ValueOf("[for (r, i) in rules: if (i > 0) {\n  name: r\n}]");
        Assert.Equal("i", indexed.Index!.Name);
        Assert.IsType<BicepIf>(indexed.Body);
    }

    [Fact]
    public void ConditionalResourceBody_IsAnIf()
    {
        var file = Valid("resource fw 'Microsoft.Network/azureFirewalls@2024-05-01' = if (deploy) {\n  name: 'fw'\n}");
        Assert.IsType<BicepIf>(file.Statements[0].Value);
    }

    [Fact]
    public void AccessForms_PropertySafeIndexSafeIndexAndNestedResource()
    {
        Assert.True(((BicepPropertyAccess)ValueOf("a.?b")).Safe);
        Assert.False(((BicepPropertyAccess)ValueOf("a.b")).Safe);
        Assert.True(((BicepIndexAccess)ValueOf("a[?0]")).Safe);
        Assert.Equal("::child", ((BicepPropertyAccess)ValueOf("parent::child")).Name);
        Assert.IsType<BicepPropertyAccess>(((BicepPropertyAccess)ValueOf("a.b[0].c")).Target is BicepIndexAccess index ? index.Target : null);
    }

    [Fact]
    public void NamespacedAndMethodCalls_KeepTheirTarget()
    {
        Assert.Equal("sys", ((BicepCall)ValueOf("sys.concat('a', 'b')")).Namespace);
        Assert.Equal("az", ((BicepCall)ValueOf("az.resourceGroup()")).Namespace);
        var method = (BicepCall)ValueOf("kv.getSecret('x')");
        Assert.Null(method.Namespace);
        Assert.Equal("getSecret", method.Name);
    }

    [Fact]
    public void FunctionArguments_MaySpanLines()
    {
        Assert.Equal(3, ((BicepCall)ValueOf("concat(\n  a,\n  b,\n  c\n)")).Arguments.Count);
    }

    [Fact]
    public void Lambdas_WithOneOrSeveralParameters()
    {
        var filter = (BicepCall)ValueOf("filter(items, x => x.enabled)");
        Assert.IsType<BicepLambda>(filter.Arguments[1]);
        var reduce = (BicepCall)ValueOf("reduce(items, 0, (acc, x) => acc + x)");
        Assert.Equal(2, ((BicepLambda)reduce.Arguments[2]).Parameters.Count);
    }

    [Fact]
    public void NestedChildResources_AndParentProperty_AndBatchSize()
    {
        var file = Valid("""
            resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
              name: 'p'
              @description('child')
              resource rcg 'ruleCollectionGroups' = {
                name: 'g'
              }
            }

            @batchSize(1)
            resource groups 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = [for g in groups: {
              parent: policy
              name: g
            }]
            """);
        var policy = (BicepObject)file.Statements[0].Value!;
        Assert.Equal("rcg", policy.Resources.Single().Name!.Name);
        Assert.NotNull(file.Statements[1].Decorator("batchSize"));
        Assert.IsType<BicepFor>(file.Statements[1].Value);
    }

    [Fact]
    public void Comments_AreSkipped_AndDisableNextLineIsCollected()
    {
        var file = Valid("""
            // a comment
            /* a block
               comment */
            #disable-next-line EGR1001 no-unused-vars // justified
            var x = 1 /* inline */ + 2 // trailing
            """);
        var directive = file.Directives.Single();
        Assert.Equal(new[] { "EGR1001", "no-unused-vars" }, directive.Codes);
        Assert.Equal("justified", directive.Justification);
    }

    [Fact]
    public void SpreadInArray_IsAnItemOfItsOwn()
    {
        var array = (BicepArray)ValueOf("[ ...core, 'x' ]");
        Assert.Equal(2, array.Items.Count);
        Assert.IsType<BicepIdentifier>(Assert.IsType<BicepSpread>(array.Items[0]).Value);
    }

    [Fact]
    public void SpreadInObject_IsKept()
    {
        Assert.Single(((BicepObject)ValueOf("{\n  ...base\n  a: 1\n}")).Spreads);
    }

    [Theory]
    [InlineData("var x = ", "expected a value")]
    [InlineData("var x = 'open", "not closed")]
    [InlineData("var x = {\n  a 1\n}", "expected ':'")]
    [InlineData("resource fw = {}", "resource type string")]
    [InlineData("frobnicate x = 1", "does not start a declaration")]
    [InlineData("var x = [for in y: 1]", "expected 'in'")]
    [InlineData("var x = (1", "expected ')'")]
    [InlineData("var x = /* never closed", "not closed")]
    public void BrokenInput_IsReported_WithoutException(string text, string message)
    {
        var file = BicepParser.Parse(text);
        Assert.Contains(file.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void AnErrorCostsItsLine_TheNextDeclarationsStillParse()
    {
        var file = BicepParser.Parse("var a = )\nvar b = 'ok'\nparam c string = 'ok'\n");
        Assert.Single(file.Errors);
        Assert.Contains(file.Statements, s => s.Name?.Name == "b" && s.Kind == BicepStatementKind.Variable);
        Assert.Contains(file.Statements, s => s.Name?.Name == "c" && s.Kind == BicepStatementKind.Parameter);
    }

    [Fact]
    public void DeepNesting_IsBoundedNotAStackOverflow()
    {
        var file = BicepParser.Parse("var x = " + new string('[', 5000) + new string(']', 5000));
        Assert.Contains(file.Errors, e => e.Message.Contains("nested", StringComparison.Ordinal));
    }

    [Fact]
    public void Spans_AreExactSourceOffsets()
    {
        const string Text = "var name = 'fw-hub'";
        var value = Valid(Text).Statements[0].Value!;
        Assert.Equal("'fw-hub'", Text.Substring(value.Start, value.Length));
    }
}
