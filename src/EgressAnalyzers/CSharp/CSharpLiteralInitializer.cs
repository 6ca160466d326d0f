using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EgressAnalyzers.CSharp;

/// <summary>
/// The value of a <c>static readonly</c> string or string-array field whose initializer is made of string literals
/// only (<c>= "…"</c>, <c>= { "…", … }</c>, <c>= new[] { … }</c>, <c>= new string[] { … }</c>, <c>= [ … ]</c>) — the usual shape of a
/// shared FQDN list — read from syntax. Binding such an initializer through the semantic model also runs the nullable
/// analysis of the type's static initializers, which made these fields a fifth of the analyzer's time on the C#
/// benchmark. The value is exactly what <see cref="CSharpValueResolver"/> builds from the bound initializer (same texts,
/// same syntax nodes); anything else returns null and goes through the operation path.
/// </summary>
internal static class CSharpLiteralInitializer
{
    public static CSharpValue? TryRead(IFieldSymbol field, ExpressionSyntax initializer)
    {
        if (field.Type.SpecialType == SpecialType.System_String)
        {
            return StringLiteral(initializer);
        }

        if (field.Type is not IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_String })
        {
            return null;
        }

        if (initializer is CollectionExpressionSyntax collection)
        {
            // = [ "…", … ] (C# 12): the same list, when every element is a string literal.
            var literals = new List<CSharpValue>(collection.Elements.Count);
            foreach (var element in collection.Elements)
            {
                if (element is not ExpressionElementSyntax { Expression: var expression } || StringLiteral(expression) is not { } literal)
                {
                    return null;
                }

                literals.Add(literal);
            }

            return new CSharpList(literals, initializer);
        }

        var elements = initializer switch
        {
            InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ArrayInitializerExpression } braces => braces,
            ImplicitArrayCreationExpressionSyntax { Commas.Count: 0 } implicitArray => implicitArray.Initializer,
            ArrayCreationExpressionSyntax { Initializer: { } arrayInitializer } array when IsUnsizedStringArray(array.Type) => arrayInitializer,
            _ => null,
        };
        if (elements is null)
        {
            return null;
        }

        var items = new List<CSharpValue>(elements.Expressions.Count);
        foreach (var element in elements.Expressions)
        {
            if (StringLiteral(element) is not { } item)
            {
                return null;
            }

            items.Add(item);
        }

        return new CSharpList(items, initializer);
    }

    private static bool IsUnsizedStringArray(ArrayTypeSyntax type) =>
        type.ElementType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.StringKeyword }
        && type.RankSpecifiers.Count == 1
        && type.RankSpecifiers[0].Sizes.Count == 1
        && type.RankSpecifiers[0].Sizes[0] is OmittedArraySizeExpressionSyntax;

    private static CSharpScalar? StringLiteral(ExpressionSyntax expression) =>
        expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal
            ? new CSharpScalar(literal.Token.ValueText, literal)
            : null;
}
