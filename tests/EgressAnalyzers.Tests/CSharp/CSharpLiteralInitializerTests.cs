using EgressAnalyzers.CSharp;
using EgressAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EgressAnalyzers.Tests.CSharp;

/// <summary>
/// The syntax-only reading of literal <c>static readonly</c> initializers must give exactly the value the resolver builds
/// from the bound initializer, and must decline everything else (which then goes through binding).
/// </summary>
public class CSharpLiteralInitializerTests
{
    private static (IFieldSymbol Field, ExpressionSyntax Initializer, SemanticModel Model) Field(string type, string initializer)
    {
        var source = $$"""
            #nullable enable
            public static class Endpoints
            {
                private const string Suffix = ".contoso.com";
                public static readonly {{type}} Value = {{initializer}};
            }
            """;
        var compilation = SdkStubs.CompileUserCode(("/src/Endpoints.cs", source));
        Assert.Empty(SdkStubs.Errors(compilation));
        var tree = compilation.SyntaxTrees.Single();
        var declarator = tree.GetRoot().DescendantNodes().OfType<VariableDeclaratorSyntax>().Single(v => v.Identifier.ValueText == "Value");
        var model = compilation.GetSemanticModel(tree);
        return ((IFieldSymbol)model.GetDeclaredSymbol(declarator)!, declarator.Initializer!.Value, model);
    }

    /// <summary>Kind, text and source span of every node of a value: what the readers map into the model.</summary>
    private static string Describe(CSharpValue? value) => value switch
    {
        null => "null",
        CSharpScalar scalar => $"scalar '{scalar.Text}' @{scalar.Span.Start}+{scalar.Span.Length}",
        CSharpList list => $"list @{list.Span.Start}+{list.Span.Length} [" + string.Join(", ", list.Items.Select(Describe)) + "]",
        _ => value.GetType().Name + " @" + value.Span.Start,
    };

    [Theory]
    [InlineData("string", "\"mcr.microsoft.com\"")]
    [InlineData("string", "@\"login.microsoftonline.com\"")]
    [InlineData("string", "\"\"\"\n        management.azure.com\n        \"\"\"")]
    [InlineData("string", "\"caf\\u00e9.contoso.com\"")]
    [InlineData("string[]", "{ \"mcr.microsoft.com\", \"*.data.mcr.microsoft.com\" }")]
    [InlineData("string[]", "{ }")]
    [InlineData("string[]", "new[] { \"a.contoso.com\", \"b.contoso.com\" }")]
    [InlineData("string[]", "new string[] { \"a.contoso.com\", @\"b.contoso.com\", }")]
    [InlineData("string?[]", "{ \"a.contoso.com\" }")]
    [InlineData("string[]", "[\"a.contoso.com\", \"b.contoso.com\"]")]
    [InlineData("string[]", "[]")]
    public void LiteralInitializer_IsReadAsTheResolverReadsIt(string type, string initializer)
    {
        var (field, expression, model) = Field(type, initializer);

        var fromSyntax = CSharpLiteralInitializer.TryRead(field, expression);
        var bound = new CSharpValueResolver(new SemanticModelCache(model.Compilation), PulumiStackConfig.Empty, CancellationToken.None)
            .Resolve(model.GetOperation(expression));

        Assert.NotNull(fromSyntax);
        Assert.Equal(Describe(bound), Describe(fromSyntax));
    }

    [Theory]
    [InlineData("string", "\"api\" + Suffix")]
    [InlineData("string", "$\"api{Suffix}\"")]
    [InlineData("string", "Suffix")]
    [InlineData("string", "\"api.contoso.com\"!")]
    [InlineData("string[]", "{ \"api\" + Suffix }")]
    [InlineData("string[]", "{ Suffix }")]
    [InlineData("string[]", "new string[1] { \"a.contoso.com\" }")]
    [InlineData("string[]", "[\"a.contoso.com\", ..new[] { Suffix }]")]
    [InlineData("object[]", "{ \"a.contoso.com\" }")]
    [InlineData("System.Collections.Generic.List<string>", "new() { \"a.contoso.com\" }")]
    [InlineData("string[][]", "{ new[] { \"a.contoso.com\" } }")]
    public void AnythingButLiterals_IsLeftToTheBoundPath(string type, string initializer)
    {
        var (field, expression, _) = Field(type, initializer);

        Assert.Null(CSharpLiteralInitializer.TryRead(field, expression));
    }
}
