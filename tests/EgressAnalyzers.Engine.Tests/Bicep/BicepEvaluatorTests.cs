using EgressAnalyzers.Engine.Arm;
using EgressAnalyzers.Engine.Arm.Template;
using static EgressAnalyzers.Engine.Tests.Bicep.BicepReaderFixture;

namespace EgressAnalyzers.Engine.Tests.Bicep;

/// <summary>Bicep expressions evaluate with the ARM semantics: known where the input decides, unknown (with the Bicep text) where it does not.</summary>
public class BicepEvaluatorTests
{
    private static string? Text(ArmValue value) => ArmNav.AsString(value);

    [Fact]
    public void Interpolation_OfAParameterDefault_IsKnown()
    {
        Assert.Equal("*.hcp.westeurope.azmk8s.io", Text(Variable("param location string = 'westeurope'\nvar result = '*.hcp.${location}.azmk8s.io'")));
    }

    [Fact]
    public void SuppliedParameter_WinsOverTheDefault()
    {
        var supplied = new Dictionary<string, ArmValue> { ["location"] = ArmValue.String("northeurope", default) };
        Assert.Equal("x-northeurope", Text(Variable("param location string = 'westeurope'\nvar result = 'x-${location}'", supplied: supplied)));
    }

    [Fact]
    public void ParameterWithoutValue_IsUnknown_NamedAsWritten_AtTheUseSite()
    {
        const string Source = "param location string\nvar result = '*.hcp.${location}.azmk8s.io'";
        var value = Assert.IsType<ArmUnknown>(Variable(Source));
        Assert.Equal("location", value.Reason);
        Assert.Equal("*.hcp.{parameters('location')}.azmk8s.io", value.Symbol);
        Assert.Equal("'*.hcp.${location}.azmk8s.io'", Source.Substring(value.Origin.Start, value.Origin.Length));
    }

    [Fact]
    public void ResourceGroupLocation_IsUnknown()
    {
        var value = Assert.IsType<ArmUnknown>(Variable("var result = resourceGroup().location"));
        Assert.Equal("resourceGroup().location", value.Reason);
    }

    [Theory]
    [InlineData("AzureCloud", "management.azure.com")]
    [InlineData("AzureChinaCloud", "management.chinacloudapi.cn")]
    [InlineData("AzureUSGovernment", "management.usgovcloudapi.net")]
    public void Environment_FollowsTheCloud(string cloud, string host)
    {
        Assert.Equal(host, Text(Variable("var result = split(environment().resourceManager, '/')[2]", cloud: cloud)));
    }

    [Fact]
    public void ArmFunctions_AreShared_ConcatUnionFormatToLower()
    {
        Assert.Equal(3, ((ArmArray)Variable("var result = concat(['a'], ['b', 'c'])")).Items.Count);
        Assert.Equal(2, ((ArmObject)Variable("var result = union({ a: 1 }, { b: 2 })")).Properties.Count);
        Assert.Equal("x-1", Text(Variable("var result = format('{0}-{1}', 'x', 1)")));
        Assert.Equal("abc", Text(Variable("var result = sys.toLower('ABC')")));
    }

    [Theory]
    [InlineData("1 + 2 * 3", 7L)]
    [InlineData("10 - 4 / 2", 8L)]
    [InlineData("7 % 4", 3L)]
    [InlineData("-5 + 1", -4L)]
    public void Arithmetic_Operators(string expression, long expected)
    {
        Assert.Equal(expected, ((ArmInteger)Variable("var result = " + expression)).Value);
    }

    [Theory]
    [InlineData("'a' == 'a'", true)]
    [InlineData("'a' != 'a'", false)]
    [InlineData("'A' =~ 'a'", true)]
    [InlineData("'A' !~ 'a'", false)]
    [InlineData("1 < 2 && 2 >= 2", true)]
    [InlineData("!true || false", false)]
    public void Comparison_AndLogic_Operators(string expression, bool expected)
    {
        Assert.Equal(expected, ((ArmBool)Variable("var result = " + expression)).Value);
    }

    [Fact]
    public void Ternary_WithAKnownCondition_PicksItsBranch_AndUnknownConditionIsUnknown()
    {
        Assert.Equal("yes", Text(Variable("param on bool = true\nvar result = on ? 'yes' : 'no'")));
        Assert.IsType<ArmUnknown>(Variable("param on bool\nvar result = on ? 'yes' : 'no'"));
    }

    [Fact]
    public void AndOr_DecidedByAKnownOperand_EvenWithAnUnknown()
    {
        Assert.False(((ArmBool)Variable("param p bool\nvar result = false && p")).Value);
        Assert.True(((ArmBool)Variable("param p bool\nvar result = true || p")).Value);
    }

    [Fact]
    public void Coalesce_AndSafeAccess()
    {
        Assert.Equal("fallback", Text(Variable("var o = {}\nvar result = o.?missing ?? 'fallback'")));
        Assert.Equal("fallback", Text(Variable("var a = []\nvar result = a[?3] ?? 'fallback'")));
        Assert.IsType<ArmUnknown>(Variable("param o object\nvar result = o.?x ?? 'fallback'"));
    }

    [Fact]
    public void ForExpression_MapsAKnownArray_WithIndex_AndFilter()
    {
        var result = (ArmArray)Variable("var names = ['a', 'b', 'c']\nvar result = [for (n, i) in names: if (i != 1) '${n}${i}']");
        Assert.Equal(new[] { "a0", "c2" }, result.Items.Select(Text));
    }

    [Fact]
    public void ForExpression_OverAnUnknownArray_IsUnknown()
    {
        Assert.IsType<ArmUnknown>(Variable("param names array\nvar result = [for n in names: n]"));
    }

    [Fact]
    public void FilterAndMap_WithLambdas()
    {
        var result = (ArmArray)Variable("var rules = [{ n: 'a', on: true }, { n: 'b', on: false }]\nvar result = map(filter(rules, r => r.on), r => r.n)");
        Assert.Equal(new[] { "a" }, result.Items.Select(Text));
    }

    [Fact]
    public void UserDefinedFunction_IsEvaluated()
    {
        Assert.Equal("fw-hub", Text(Variable("func prefixed(v string) string => 'fw-${v}'\nvar result = prefixed('hub')")));
    }

    [Fact]
    public void ResourceSymbol_IdAndName_AreKnownAtCompileTime_PropertiesAreNot()
    {
        const string Declarations = """
            param policyName string = 'policy'
            resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
              name: policyName
              resource rcg 'ruleCollectionGroups' = {
                name: 'aks'
              }
            }

            """;
        var id = Assert.IsType<ArmResourceId>(Variable(Declarations + "var result = policy::rcg.id"));
        Assert.Equal("Microsoft.Network/firewallPolicies/ruleCollectionGroups", id.ResourceType);
        Assert.Equal("policy/aks", ArmNav.ToResourceKey(id)!.Value.Name);
        Assert.Equal("policy", Text(Variable(Declarations + "var result = policy.name")));
        Assert.IsType<ArmUnknown>(Variable(Declarations + "var result = policy.properties.sku"));
    }

    [Fact]
    public void ModuleOutputs_AreUnknown()
    {
        Assert.IsType<ArmUnknown>(Variable("module m './m.bicep' = { name: 'm' }\nvar result = m.outputs.rules"));
    }

    [Fact]
    public void VariableCycle_IsUnknownNotAStackOverflow()
    {
        Assert.IsType<ArmUnknown>(Variable("var a = b\nvar b = a\nvar result = a"));
    }

    [Fact]
    public void SpreadOfAKnownObject_Merges()
    {
        var result = (ArmObject)Variable("var base = { a: 1 }\nvar result = {\n  ...base\n  b: 2\n}");
        Assert.Equal(new[] { "a", "b" }, result.Properties.Select(p => p.Name));
    }
}
