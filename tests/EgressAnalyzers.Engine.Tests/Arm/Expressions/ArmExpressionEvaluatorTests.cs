using EgressAnalyzers.Engine.Arm;
using EgressAnalyzers.Engine.Arm.Expressions;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Tests.Arm.Expressions;

public class ArmExpressionEvaluatorTests
{
    private static readonly SourceSpan Origin = TestScope.Span(100, 50);

    private static ArmValue Eval(string expression, TestScope? scope = null) =>
        ArmExpressionEvaluator.EvaluateString(expression, Origin, scope ?? new TestScope());

    private static string Str(ArmValue value) => Assert.IsType<ArmString>(value).Value;

    private static long Int(ArmValue value) => Assert.IsType<ArmInteger>(value).Value;

    private static bool Bool(ArmValue value) => Assert.IsType<ArmBool>(value).Value;

    private static ArmUnknown Unknown(ArmValue value) => Assert.IsType<ArmUnknown>(value);

    private static string[] Strings(ArmValue value) => Assert.IsType<ArmArray>(value).Items.Select(Str).ToArray();

    // ---- literals and syntax ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("[[escaped]", "[escaped]")]
    [InlineData("[[", "[[")]
    [InlineData("[not closed", "[not closed")]
    [InlineData(" [leading space]", " [leading space]")]
    public void EvaluateString_NonExpressions_AreLiteralStrings(string value, string expected)
    {
        var result = Eval(value);
        Assert.Equal(expected, Str(result));
        Assert.Equal(Origin, result.Origin);
    }

    [Theory]
    [InlineData("[x()]", true)]
    [InlineData("[[x()]", false)]
    [InlineData("x()]", false)]
    [InlineData("[x()", false)]
    [InlineData("[]", true)]
    [InlineData("[", false)]
    public void IsExpression_FollowsArmBracketRules(string value, bool expected)
    {
        Assert.Equal(expected, ArmExpressionEvaluator.IsExpression(value));
    }

    [Theory]
    [InlineData("['it''s']", "it's")]
    [InlineData("[ concat( 'a' , 'b' ) ]", "ab")]
    [InlineData("[CONCAT('a', ToLower('B'))]", "ab")]
    [InlineData("[string(-42)]", "-42")]
    public void EvaluateString_LiteralsEscapesWhitespaceAndCase_AreHandled(string expression, string expected)
    {
        Assert.Equal(expected, Str(Eval(expression)));
    }

    [Theory]
    [InlineData("[concat('a']")]
    [InlineData("[concat('a',)]")]
    [InlineData("['unterminated]")]
    [InlineData("[noParens]")]
    [InlineData("[1.5]")]
    [InlineData("[concat('a') extra]")]
    [InlineData("[]")]
    [InlineData("[99999999999999999999]")]
    public void EvaluateString_ParseErrors_AreUnknownWithTheExpressionAsReason(string expression)
    {
        var unknown = Unknown(Eval(expression));
        Assert.Equal(expression, unknown.Reason);
        Assert.Equal(Origin, unknown.Origin);
    }

    // ---- parameters and variables -----------------------------------------------------------------------------

    [Fact]
    public void Parameters_Known_ReturnsTheValueWithItsOwnOrigin()
    {
        var declared = ArmValue.String("westeurope", TestScope.Span(7, 12));
        var result = Eval("[parameters('location')]", new TestScope().WithParameter("location", declared));
        Assert.Same(declared, result);
    }

    [Fact]
    public void Parameters_Unknown_KeepReasonAndSymbol()
    {
        var unknown = Unknown(Eval("[parameters('policyName')]"));
        Assert.Equal("parameters('policyName')", unknown.Reason);
        Assert.Equal("{parameters('policyName')}", unknown.Symbol);
    }

    [Fact]
    public void Variables_ArrayItems_KeepTheSpansOfTheirLiterals()
    {
        const string json = "[\"a.example.com\", \"b.example.com\"]";
        var scope = new TestScope().WithJsonVariable("fqdns", json, offset: 500);
        var result = Eval("[variables('fqdns')[1]]", scope);
        Assert.Equal("b.example.com", Str(result));
        Assert.Equal(TestScope.Span(500 + json.IndexOf("\"b", StringComparison.Ordinal), "\"b.example.com\"".Length), result.Origin);
    }

    [Fact]
    public void ComputedValues_TakeTheOriginOfTheExpression()
    {
        var scope = new TestScope().WithParameter("p", ArmValue.String("x", TestScope.Span(1, 3)));
        Assert.Equal(Origin, Eval("[concat(parameters('p'), 'y')]", scope).Origin);
        Assert.Equal(Origin, Eval("[length('abc')]", scope).Origin);
    }

    // ---- concat and format ------------------------------------------------------------------------------------

    [Fact]
    public void Concat_Strings_AndScalars()
    {
        Assert.Equal("a1True", Str(Eval("[concat('a', 1, true())]")));
    }

    [Fact]
    public void Concat_WithUnknownParameter_IsUnknownWithCompositeSymbol()
    {
        var unknown = Unknown(Eval("[concat(parameters('policyName'), '/rcg')]"));
        Assert.Equal("parameters('policyName')", unknown.Reason);
        Assert.Equal("{parameters('policyName')}/rcg", unknown.Symbol);
    }

    [Fact]
    public void Concat_NestedUnknowns_ComposeSymbols()
    {
        var unknown = Unknown(Eval("[concat(concat(parameters('a'), '-'), parameters('b'), '/x')]"));
        Assert.Equal("{parameters('a')}-{parameters('b')}/x", unknown.Symbol);
    }

    [Fact]
    public void Concat_WithUnknownThatIsNotAString_HasNoSymbol()
    {
        var unknown = Unknown(Eval("[concat(reference('x'), '/rcg')]"));
        Assert.Null(unknown.Symbol);
        Assert.Equal("reference('x')", unknown.Reason);
    }

    [Fact]
    public void Concat_Arrays_KeepsItemsAndUnknownItems()
    {
        var result = Assert.IsType<ArmArray>(Eval("[concat(createArray('a'), createArray(parameters('p'), 'c'))]"));
        Assert.Equal(3, result.Items.Count);
        Assert.Equal("a", Str(result.Items[0]));
        Assert.IsType<ArmUnknown>(result.Items[1]);
    }

    [Fact]
    public void Concat_ArraysWithAnUnknownArray_IsUnknown()
    {
        Assert.IsType<ArmUnknown>(Eval("[concat(createArray('a'), parameters('list'))]"));
    }

    [Fact]
    public void Concat_CorpusExpression_BuildsArrayOfObjects()
    {
        var result = Assert.IsType<ArmArray>(Eval("[concat(createArray(createObject('name','x','targetFqdns',createArray('a'))))]"));
        var rule = Assert.IsType<ArmObject>(Assert.Single(result.Items));
        Assert.Equal("x", Str(rule["name"]!));
        Assert.Equal(new[] { "a" }, Strings(rule["targetFqdns"]!));
    }

    [Fact]
    public void Format_WithKnownLocation_IsKnown()
    {
        var scope = new TestScope().WithParameter("location", "westeurope");
        Assert.Equal("*.hcp.westeurope.azmk8s.io", Str(Eval("[format('*.hcp.{0}.azmk8s.io', parameters('location'))]", scope)));
    }

    [Fact]
    public void Format_WithUnknownLocation_IsUnknownWithSymbol()
    {
        var unknown = Unknown(Eval("[format('*.hcp.{0}.azmk8s.io', parameters('location'))]"));
        Assert.Equal("parameters('location')", unknown.Reason);
        Assert.Equal("*.hcp.{parameters('location')}.azmk8s.io", unknown.Symbol);
    }

    [Theory]
    [InlineData("[format('{0}-{1}-{0}', 'a', 'b')]", "a-b-a")]
    [InlineData("[format('{{literal}} {0}', 'x')]", "{literal} x")]
    [InlineData("[format('{0:N0}', 8175133)]", "8,175,133")]
    [InlineData("[format('{0:D3}', 7)]", "007")]
    [InlineData("[format('[{0,4}][{1,-3}]', 'ab', 'c')]", "[  ab][c  ]")]
    [InlineData("[format('{0} {1}', true(), 5)]", "True 5")]
    public void Format_DotNetComposite_Formats(string expression, string expected)
    {
        Assert.Equal(expected, Str(Eval(expression)));
    }

    [Theory]
    [InlineData("[format('{1}', 'a')]")]
    [InlineData("[format('{x}', 'a')]")]
    [InlineData("[format('{0', 'a')]")]
    [InlineData("[format('a}b')]")]
    [InlineData("[format('{0:Q}', 5)]")]
    public void Format_InvalidFormat_IsUnknown(string expression)
    {
        Assert.IsType<ArmUnknown>(Eval(expression));
    }

    // ---- string functions -------------------------------------------------------------------------------------

    [Theory]
    [InlineData("[toLower('AbC')]", "abc")]
    [InlineData("[toUpper('AbC')]", "ABC")]
    [InlineData("[replace('a-b-c', '-', '.')]", "a.b.c")]
    [InlineData("[trim('  x y  ')]", "x y")]
    [InlineData("[substring('abcdef', 2)]", "cdef")]
    [InlineData("[substring('abcdef', 1, 3)]", "bcd")]
    [InlineData("[first('abc')]", "a")]
    [InlineData("[last('abc')]", "c")]
    [InlineData("[take('abcdef', 2)]", "ab")]
    [InlineData("[skip('abcdef', 4)]", "ef")]
    [InlineData("[padLeft('7', 3, '0')]", "007")]
    [InlineData("[join(createArray('a', 'b'), ',')]", "a,b")]
    [InlineData("[string(createObject('a', createArray(1, 'x\"y', null(), true())))]", "{\"a\":[1,\"x\\\"y\",null,true]}")]
    [InlineData("[string(false())]", "False")]
    public void StringFunctions_ComputeArmResults(string expression, string expected)
    {
        Assert.Equal(expected, Str(Eval(expression)));
    }

    [Fact]
    public void StringFunctions_OnUnknown_AreUnknownWithCanonicalSymbol()
    {
        var unknown = Unknown(Eval("[toLower(parameters('name'))]"));
        Assert.Equal("parameters('name')", unknown.Reason);
        Assert.Equal("{tolower({parameters('name')})}", unknown.Symbol);
        Assert.Equal(unknown.Symbol, Unknown(Eval("[TOLOWER( parameters('name') )]")).Symbol);
    }

    [Fact]
    public void String_OfUnknown_StaysUnknown()
    {
        Assert.IsType<ArmUnknown>(Eval("[string(parameters('p'))]"));
        Assert.IsType<ArmUnknown>(Eval("[string(createArray(parameters('p')))]"));
    }

    [Theory]
    [InlineData("[substring('abc', 2, 5)]")]
    [InlineData("[substring('abc', -1)]")]
    [InlineData("[replace('abc', '', 'x')]")]
    [InlineData("[toLower(1)]")]
    public void StringFunctions_InvalidArguments_AreUnknown(string expression)
    {
        var unknown = Unknown(Eval(expression));
        Assert.Equal(expression.Substring(1, expression.Length - 2), unknown.Reason);
    }

    [Theory]
    [InlineData("[indexOf('abcABC', 'B')]", 1)]
    [InlineData("[lastIndexOf('abcABC', 'b')]", 4)]
    [InlineData("[indexOf('abc', 'z')]", -1)]
    [InlineData("[indexOf(createArray('a', 'b'), 'b')]", 1)]
    [InlineData("[length('abcd')]", 4)]
    [InlineData("[length(createArray(1, parameters('unknown')))]", 2)]
    [InlineData("[length(createObject('a', 1))]", 1)]
    public void SearchAndLength_ReturnIntegers(string expression, long expected)
    {
        Assert.Equal(expected, Int(Eval(expression)));
    }

    [Theory]
    [InlineData("[startsWith('Management.Azure.com', 'management')]", true)]
    [InlineData("[endsWith('a.AZMK8S.IO', '.azmk8s.io')]", true)]
    [InlineData("[endsWith('abc', 'x')]", false)]
    [InlineData("[contains('abc', 'b')]", true)]
    [InlineData("[contains('abc', 'B')]", false)]
    [InlineData("[contains(createObject('Key', 1), 'key')]", true)]
    [InlineData("[contains(createArray('a', 1), 1)]", true)]
    [InlineData("[contains(createArray('a'), 'A')]", false)]
    [InlineData("[empty('')]", true)]
    [InlineData("[empty(createArray())]", true)]
    [InlineData("[empty(createObject())]", true)]
    [InlineData("[empty(null())]", true)]
    [InlineData("[empty(createArray(parameters('p')))]", false)]
    public void Predicates_FollowArmCaseRules(string expression, bool expected)
    {
        Assert.Equal(expected, Bool(Eval(expression)));
    }

    [Fact]
    public void Contains_ArrayWithUnknownItemAndNoMatch_IsUnknown()
    {
        Assert.IsType<ArmUnknown>(Eval("[contains(createArray('a', parameters('p')), 'b')]"));
        Assert.True(Bool(Eval("[contains(createArray(parameters('p'), 'b'), 'b')]")));
    }

    [Fact]
    public void Split_ByStringAndByArray()
    {
        Assert.Equal(new[] { "a", "b", "", "c" }, Strings(Eval("[split('a,b,,c', ',')]")));
        Assert.Equal(new[] { "a", "b", "c" }, Strings(Eval("[split('a;b,c', createArray(',', ';'))]")));
    }

    // ---- environment ------------------------------------------------------------------------------------------

    [Fact]
    public void Environment_SplitResourceManager_GivesTheHost()
    {
        Assert.Equal("management.azure.com", Str(Eval("[split(environment().resourceManager,'/')[2]]")));
    }

    [Fact]
    public void Environment_LoginEndpointSubstring_GivesTheHost()
    {
        Assert.Equal(
            "login.microsoftonline.com",
            Str(Eval("[substring(environment().authentication.loginEndpoint, 8, sub(length(environment().authentication.loginEndpoint), 9))]")));
    }

    [Theory]
    [InlineData("AzureCloud", "resourceManager", "https://management.azure.com/")]
    [InlineData("AzureCloud", "authentication.loginEndpoint", "https://login.microsoftonline.com/")]
    [InlineData("AzureCloud", "suffixes.storage", "core.windows.net")]
    [InlineData("AzureCloud", "suffixes.acrLoginServer", ".azurecr.io")]
    [InlineData("AzureCloud", "suffixes.keyvaultDns", ".vault.azure.net")]
    [InlineData("AzureCloud", "portal", "https://portal.azure.com")]
    [InlineData("AzureChinaCloud", "name", "AzureChinaCloud")]
    [InlineData("AzureChinaCloud", "resourceManager", "https://management.chinacloudapi.cn")]
    [InlineData("AzureChinaCloud", "authentication.loginEndpoint", "https://login.chinacloudapi.cn")]
    [InlineData("AzureChinaCloud", "suffixes.storage", "core.chinacloudapi.cn")]
    [InlineData("AzureChinaCloud", "suffixes.acrLoginServer", ".azurecr.cn")]
    [InlineData("AzureChinaCloud", "suffixes.keyvaultDns", ".vault.azure.cn")]
    [InlineData("AzureUSGovernment", "resourceManager", "https://management.usgovcloudapi.net")]
    [InlineData("AzureUSGovernment", "authentication.loginEndpoint", "https://login.microsoftonline.us")]
    [InlineData("AzureUSGovernment", "suffixes.storage", "core.usgovcloudapi.net")]
    [InlineData("AzureUSGovernment", "suffixes.acrLoginServer", ".azurecr.us")]
    [InlineData("AzureUSGovernment", "suffixes.keyvaultDns", ".vault.usgovcloudapi.net")]
    public void Environment_PerCloud_HasDocumentedEndpoints(string cloud, string path, string expected)
    {
        Assert.Equal(expected, Str(Eval("[environment()." + path + "]", new TestScope(cloud))));
    }

    [Fact]
    public void Environment_UnknownCloud_IsUnknown()
    {
        Assert.IsType<ArmUnknown>(Eval("[environment().resourceManager]", new TestScope("AzureStack")));
    }

    // ---- arrays and objects -----------------------------------------------------------------------------------

    [Fact]
    public void CreateObject_KeepsUnknownValuesAndIsKnown()
    {
        var obj = Assert.IsType<ArmObject>(Eval("[createObject('a', parameters('p'), 'b', 2)]"));
        Assert.IsType<ArmUnknown>(obj["a"]);
        Assert.Equal(2, Int(obj["b"]!));
    }

    [Theory]
    [InlineData("[createObject('a')]")]
    [InlineData("[createObject(1, 'a')]")]
    [InlineData("[createObject(parameters('key'), 'a')]")]
    public void CreateObject_BadKeys_AreUnknown(string expression)
    {
        Assert.IsType<ArmUnknown>(Eval(expression));
    }

    [Fact]
    public void Array_WrapsScalarsAndKeepsArrays()
    {
        Assert.Equal(new[] { "x" }, Strings(Eval("[array('x')]")));
        Assert.Equal(new[] { "x", "y" }, Strings(Eval("[array(createArray('x', 'y'))]")));
    }

    [Fact]
    public void Union_Objects_MergeRecursivelyLaterWinsArraysReplaced()
    {
        var result = Assert.IsType<ArmObject>(Eval(
            "[union(createObject('a', 1, 'n', createObject('x', 1, 'y', 1), 'list', createArray(1, 2)), createObject('A', 2, 'n', createObject('y', 2), 'list', createArray(3)))]"));
        Assert.Equal(2, Int(result["a"]!));
        var nested = Assert.IsType<ArmObject>(result["n"]);
        Assert.Equal(1, Int(nested["x"]!));
        Assert.Equal(2, Int(nested["y"]!));
        Assert.Equal(new long[] { 3 }, Assert.IsType<ArmArray>(result["list"]).Items.Select(Int));
    }

    [Fact]
    public void Union_Arrays_AreDistinctInOrder()
    {
        Assert.Equal(new[] { "one", "two", "three", "four" }, Strings(Eval("[union(createArray('one', 'two', 'three'), createArray('three', 'four'))]")));
    }

    [Fact]
    public void Flatten_PutsInnerArraysInPlace_AsTheBicepCompilerWritesASpread()
    {
        Assert.Equal(new[] { "a", "b", "c" }, Strings(Eval("[flatten(createArray(createArray('a', 'b'), createArray('c')))]")));
        Assert.IsType<ArmUnknown>(Eval("[flatten(createArray(createArray('a'), parameters('more')))]"));
        Assert.IsType<ArmUnknown>(Eval("[flatten(createArray('not an array'))]"));
    }

    [Fact]
    public void ShallowMerge_LaterPropertiesReplaceEarlierOnes_WithoutMergingNestedObjects()
    {
        var result = Assert.IsType<ArmObject>(Eval("[shallowMerge(createArray(createObject('a', 1, 'n', createObject('x', 1)), createObject('A', 2, 'n', createObject('y', 2))))]"));
        Assert.Equal(2, Int(result["a"]!));
        var nested = Assert.IsType<ArmObject>(result["n"]);
        Assert.Null(nested["x"]);
        Assert.Equal(2, Int(nested["y"]!));
        Assert.IsType<ArmUnknown>(Eval("[shallowMerge(createArray(createObject('a', 1), parameters('more')))]"));
    }

    [Fact]
    public void Union_WithUnknown_IsUnknown()
    {
        Assert.IsType<ArmUnknown>(Eval("[union(createArray('a'), parameters('more'))]"));
    }

    [Theory]
    [InlineData("[first(createArray('a', 'b'))]", "a")]
    [InlineData("[last(createArray('a', 'b'))]", "b")]
    [InlineData("[coalesce(null(), null(), 'c')]", "c")]
    [InlineData("[tryGet(createObject('a', 'x'), 'a')]", "x")]
    [InlineData("[createArray('a', 'b')[1]]", "b")]
    [InlineData("[createObject('key', 'v')['KEY']]", "v")]
    [InlineData("[createObject('k', createObject('n', 'deep')).k.n]", "deep")]
    [InlineData("[items(createObject('b', 2, 'a', 'first'))[0].value]", "first")]
    [InlineData("[objectKeys(createObject('x', 1, 'y', 2))[1]]", "y")]
    public void ArrayAndObjectAccess_ReturnsItems(string expression, string expected)
    {
        Assert.Equal(expected, Str(Eval(expression)));
    }

    [Fact]
    public void Coalesce_UnknownBeforeAnyValue_IsUnknown()
    {
        Assert.IsType<ArmUnknown>(Eval("[coalesce(null(), parameters('p'), 'c')]"));
        Assert.Equal("a", Str(Eval("[coalesce('a', parameters('p'))]")));
    }

    [Fact]
    public void TryGet_Missing_IsNull()
    {
        Assert.IsType<ArmNull>(Eval("[tryGet(createObject('a', 'x'), 'b')]"));
    }

    [Theory]
    [InlineData("[createArray('a')[5]]", "createArray('a')[5]")]
    [InlineData("[createArray('a')[-1]]", "createArray('a')[-1]")]
    [InlineData("[createObject('a', 1).b]", "createObject('a', 1).b")]
    [InlineData("[createObject('a', 1)['b']]", "createObject('a', 1)['b']")]
    [InlineData("['text'.length]", "'text'.length")]
    public void Access_MissingOrOutOfRange_IsUnknownWithTheAccessAsReason(string expression, string reason)
    {
        Assert.Equal(reason, Unknown(Eval(expression)).Reason);
    }

    [Fact]
    public void Access_OnUnknownObject_IsUnknownWithTheWholeAccessText()
    {
        var unknown = Unknown(Eval("[resourceGroup().location]"));
        Assert.Equal("resourceGroup().location", unknown.Reason);
        Assert.Equal("{resourceGroup().location}", unknown.Symbol);
        Assert.Equal("parameters('cfg').rules[0]", Unknown(Eval("[parameters('cfg').rules[0]]")).Reason);
    }

    [Fact]
    public void TakeSkipRange_OnArrays()
    {
        Assert.Equal(new long[] { 5, 6, 7 }, Assert.IsType<ArmArray>(Eval("[range(5, 3)]")).Items.Select(Int));
        Assert.Equal(new long[] { 1, 2 }, Assert.IsType<ArmArray>(Eval("[take(range(1, 5), 2)]")).Items.Select(Int));
        Assert.Equal(new long[] { 4, 5 }, Assert.IsType<ArmArray>(Eval("[skip(range(1, 5), 3)]")).Items.Select(Int));
        Assert.Empty(Assert.IsType<ArmArray>(Eval("[take(range(1, 5), -1)]")).Items);
        Assert.IsType<ArmUnknown>(Eval("[range(0, 10001)]"));
    }

    [Fact]
    public void FilterAndMap_EvaluateLambdas()
    {
        Assert.Equal(
            new[] { "a", "c" },
            Strings(Eval("[filter(createArray('a', 'allLogs', 'c'), lambda('item', not(equals(lambdaVariables('item'), 'allLogs'))))]")));
        Assert.Equal(
            new[] { "x.a", "x.b" },
            Strings(Eval("[map(createArray('a', 'b'), lambda('n', concat('x.', lambdaVariables('n'))))]")));
        Assert.IsType<ArmUnknown>(Eval("[filter(parameters('p'), lambda('i', true()))]"));
    }

    // ---- logic and comparison ---------------------------------------------------------------------------------

    [Theory]
    [InlineData("[equals('abc', 'abc')]", true)]
    [InlineData("[equals('abc', 'ABC')]", false)]
    [InlineData("[equals(1, '1')]", false)]
    [InlineData("[equals(createArray(1, 'a'), createArray(1, 'a'))]", true)]
    [InlineData("[equals(createArray(1), createArray(1, 2))]", false)]
    [InlineData("[equals(createObject('a', 1), createObject('A', 1))]", true)]
    [InlineData("[equals(createObject('a', 1), createObject('a', 2))]", false)]
    [InlineData("[equals(createArray(parameters('p')), createArray(1, 2))]", false)]
    [InlineData("[not(equals(1, 2))]", true)]
    [InlineData("[and(true(), true(), false())]", false)]
    [InlineData("[or(false(), true())]", true)]
    [InlineData("[and(parameters('flag'), false())]", false)]
    [InlineData("[or(parameters('flag'), true())]", true)]
    [InlineData("[less(1, 2)]", true)]
    [InlineData("[lessOrEquals(2, 2)]", true)]
    [InlineData("[greater('A', 'a')]", true)]
    [InlineData("[greaterOrEquals(1, 2)]", false)]
    [InlineData("[bool('TRUE')]", true)]
    [InlineData("[bool(0)]", false)]
    public void Logic_AndComparisons_FollowArm(string expression, bool expected)
    {
        Assert.Equal(expected, Bool(Eval(expression)));
    }

    [Theory]
    [InlineData("[equals(parameters('p'), 'x')]")]
    [InlineData("[and(parameters('flag'), true())]")]
    [InlineData("[not(parameters('flag'))]")]
    [InlineData("[less(parameters('n'), 2)]")]
    public void Logic_UndecidedByUnknowns_IsUnknown(string expression)
    {
        Assert.IsType<ArmUnknown>(Eval(expression));
    }

    [Fact]
    public void If_KnownCondition_EvaluatesOnlyTheChosenBranch()
    {
        var scope = new TestScope();
        Assert.Equal("yes", Str(Eval("[if(equals(1, 1), 'yes', parameters('never'))]", scope)));
        Assert.Equal("no", Str(Eval("[if(false(), parameters('never'), 'no')]", scope)));
        Assert.DoesNotContain("never", scope.RequestedParameters);
    }

    [Fact]
    public void If_UnknownCondition_IsUnknownWithTheConditionsReason()
    {
        Assert.Equal("parameters('flag')", Unknown(Eval("[if(parameters('flag'), 'a', 'b')]")).Reason);
    }

    // ---- numbers ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("[add(2, 3)]", 5)]
    [InlineData("[sub(2, 3)]", -1)]
    [InlineData("[mul(4, 3)]", 12)]
    [InlineData("[div(7, 2)]", 3)]
    [InlineData("[mod(7, 2)]", 1)]
    [InlineData("[min(3, 1, 2)]", 1)]
    [InlineData("[max(createArray(3, 9, 2))]", 9)]
    [InlineData("[int('42')]", 42)]
    [InlineData("[int(7)]", 7)]
    public void Numbers_Compute(string expression, long expected)
    {
        Assert.Equal(expected, Int(Eval(expression)));
    }

    [Theory]
    [InlineData("[div(1, 0)]")]
    [InlineData("[mod(1, 0)]")]
    [InlineData("[add(9223372036854775807, 1)]")]
    [InlineData("[int('x')]")]
    [InlineData("[add('1', 2)]")]
    [InlineData("[add(parameters('n'), 2)]")]
    public void Numbers_Invalid_AreUnknown(string expression)
    {
        Assert.IsType<ArmUnknown>(Eval(expression));
    }

    [Fact]
    public void Json_ParsesLiteralJson()
    {
        var obj = Assert.IsType<ArmObject>(Eval("[json('{\"a\": [1, \"[not an expression]\"]}')]"));
        var array = Assert.IsType<ArmArray>(obj["a"]);
        Assert.Equal(1, Int(array.Items[0]));
        Assert.Equal("[not an expression]", Str(array.Items[1]));
        Assert.IsType<ArmNull>(Eval("[json('null')]"));
        Assert.IsType<ArmUnknown>(Eval("[json('{bad')]"));
    }

    // ---- copyIndex --------------------------------------------------------------------------------------------

    [Fact]
    public void CopyIndex_InsideLoops_WithNamesAndOffsets()
    {
        var scope = new TestScope().WithCopyIndex("outer", 2).WithCopyIndex("inner", 5);
        Assert.Equal(5, Int(ArmExpressionEvaluator.EvaluateString("[copyIndex()]", Origin, scope)));
        Assert.Equal(6, Int(ArmExpressionEvaluator.EvaluateString("[copyIndex(1)]", Origin, scope)));
        Assert.Equal(2, Int(ArmExpressionEvaluator.EvaluateString("[copyIndex('outer')]", Origin, scope)));
        Assert.Equal(12, Int(ArmExpressionEvaluator.EvaluateString("[copyIndex('outer', 10)]", Origin, scope)));
    }

    [Fact]
    public void CopyIndex_OutsideLoop_IsUnknown()
    {
        Assert.Equal("copyIndex()", Unknown(Eval("[copyIndex()]")).Reason);
        Assert.Equal("parameters('list')[copyIndex()]", Unknown(Eval("[parameters('list')[copyIndex()]]")).Reason);
    }

    // ---- resource ids and opaque functions --------------------------------------------------------------------

    [Fact]
    public void ResourceId_TypeAndNames()
    {
        var id = Assert.IsType<ArmResourceId>(Eval("[resourceId('Microsoft.Network/firewallPolicies/ruleCollectionGroups', 'policy', parameters('rcg'))]"));
        Assert.Equal("Microsoft.Network/firewallPolicies/ruleCollectionGroups", id.ResourceType);
        Assert.Equal("policy", Str(id.Names[0]));
        Assert.Equal("{parameters('rcg')}", Unknown(id.Names[1]).Symbol);
        Assert.Equal(Origin, id.Origin);
    }

    [Theory]
    [InlineData("[resourceId(parameters('rg'), 'Microsoft.Network/virtualNetworks', 'vnet')]", "Microsoft.Network/virtualNetworks", 1)]
    [InlineData("[resourceId('sub', 'rg', 'Microsoft.Network/virtualNetworks', 'vnet')]", "Microsoft.Network/virtualNetworks", 1)]
    [InlineData("[subscriptionResourceId('Microsoft.Resources/resourceGroups', format('{0}-hub-rg', 'x'))]", "Microsoft.Resources/resourceGroups", 1)]
    [InlineData("[subscriptionResourceId('sub', 'Microsoft.Resources/resourceGroups', 'rg')]", "Microsoft.Resources/resourceGroups", 1)]
    [InlineData("[tenantResourceId('Microsoft.Management/managementGroups', 'mg')]", "Microsoft.Management/managementGroups", 1)]
    [InlineData("[extensionResourceId(resourceGroup().id, 'Microsoft.Authorization/roleAssignments', 'ra')]", "Microsoft.Authorization/roleAssignments", 1)]
    [InlineData("[concat(resourceId('Microsoft.Network/virtualNetworks', 'vnet'), '/subnets/', parameters('subnet'))]", "Microsoft.Network/virtualNetworks/subnets", 2)]
    [InlineData("[concat(resourceId('Microsoft.Network/virtualNetworks', 'vnet'), '/subnets/AzureFirewallSubnet')]", "Microsoft.Network/virtualNetworks/subnets", 2)]
    [InlineData("[concat(resourceId('Microsoft.Network/virtualNetworks', 'vnet'))]", "Microsoft.Network/virtualNetworks", 1)]
    public void ResourceIdFamily_RecognisesTypeAndNames(string expression, string type, int names)
    {
        var id = Assert.IsType<ArmResourceId>(Eval(expression));
        Assert.Equal(type, id.ResourceType);
        Assert.Equal(names, id.Names.Count);
    }

    [Fact]
    public void ResourceId_InStringContext_IsUnknownWithSymbol()
    {
        var unknown = Unknown(Eval("[concat(resourceId('Microsoft.Network/virtualNetworks', 'vnet'), '-x')]"));
        Assert.Equal("{resourceId('Microsoft.Network/virtualNetworks','vnet')}-x", unknown.Symbol);
    }

    [Theory]
    [InlineData("[reference('fw').ipConfigurations[0]]", "reference('fw').ipConfigurations[0]", true)]
    [InlineData("[reference('fw')]", "reference('fw')", false)]
    [InlineData("[listKeys('x', '2020-01-01').keys[0].value]", "listKeys('x', '2020-01-01').keys[0].value", true)]
    [InlineData("[uniqueString(resourceGroup().id)]", "uniqueString(resourceGroup().id)", true)]
    [InlineData("[guid('a')]", "guid('a')", true)]
    [InlineData("[utcNow()]", "utcNow()", true)]
    [InlineData("[pickZones('Microsoft.Compute', 'virtualMachines', 'westeurope')]", "pickZones('Microsoft.Compute', 'virtualMachines', 'westeurope')", false)]
    [InlineData("[subscription().subscriptionId]", "subscription().subscriptionId", true)]
    [InlineData("[deployment().name]", "deployment().name", true)]
    [InlineData("[tenant().tenantId]", "tenant().tenantId", true)]
    [InlineData("[myns.myFunction('a')]", "myns.myFunction('a')", false)]
    [InlineData("[notARealFunction()]", "notARealFunction()", false)]
    public void OpaqueFunctions_AreUnknownWithTheirText(string expression, string reason, bool hasSymbol)
    {
        var unknown = Unknown(Eval(expression));
        Assert.Equal(reason, unknown.Reason);
        Assert.Equal(hasSymbol, unknown.Symbol is not null);
    }

    // ---- limits -----------------------------------------------------------------------------------------------

    [Fact]
    public void Limits_CallNestingDeeperThan64_IsUnknownWithoutThrowing()
    {
        var deep = "[" + string.Concat(Enumerable.Repeat("string(", 70)) + "'x'" + new string(')', 70) + "]";
        Assert.Equal(deep, Unknown(Eval(deep)).Reason);

        var shallow = "[" + string.Concat(Enumerable.Repeat("string(", 60)) + "'x'" + new string(')', 60) + "]";
        Assert.Equal("x", Str(Eval(shallow)));
    }

    [Fact]
    public void Limits_TenThousandNestedCalls_DoNotOverflowTheStack()
    {
        var deep = "[" + string.Concat(Enumerable.Repeat("concat(", 10_000)) + "'x'" + new string(')', 10_000) + "]";
        Assert.IsType<ArmUnknown>(Eval(deep));
        var brackets = "[" + string.Concat(Enumerable.Repeat("createArray(1)[", 5_000)) + "0" + new string(']', 5_000) + "]";
        Assert.IsType<ArmUnknown>(Eval(brackets));
    }

    [Fact]
    public void Limits_LongAccessorChains_AreUnknown()
    {
        var chain = "[createObject('a', 1)" + string.Concat(Enumerable.Repeat(".a", 5_000)) + "]";
        Assert.IsType<ArmUnknown>(Eval(chain));
    }

    [Fact]
    public void Limits_HugeExpression_IsUnknownWithShortReason()
    {
        var huge = "[concat('" + new string('a', 70_000) + "')]";
        var unknown = Unknown(Eval(huge));
        Assert.True(unknown.Reason.Length < 400);
    }

    [Fact]
    public void Limits_SelfReferencingVariable_EndsAsUnknown()
    {
        var scope = new TestScope();
        scope.Variables["loop"] = s => ArmExpressionEvaluator.EvaluateString("[variables('loop')]", Origin, s);
        var result = Eval("[variables('loop')]", scope);
        Assert.Contains("nested deeper", Unknown(result).Reason, StringComparison.Ordinal);

        // The depth budget is released afterwards.
        Assert.Equal("ok", Str(Eval("[string('ok')]", scope)));
    }

    [Fact]
    public void Limits_CancelledScope_Throws()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        var scope = new TestScope { CancellationToken = source.Token };
        Assert.ThrowsAny<OperationCanceledException>(() => Eval("[concat('a')]", scope));
    }

    [Fact]
    public void Garbage_NeverThrows()
    {
        var random = new Random(7);
        const string alphabet = "()[]',.abcdefgxyz0123456789- concat(format(createArray(parameters(";
        for (var round = 0; round < 3000; round++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var result = Eval("[" + new string(chars) + "]");
            Assert.NotNull(result);
        }
    }
}
