using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EgressAnalyzers.CSharp;

/// <summary>The one way the C# readers and fixes ask the compiler for an operation tree.</summary>
internal static class OperationLookup
{
    /// <summary>
    /// <see cref="SemanticModel.GetOperation"/>, or null where the compiler cannot build the tree. On some code being
    /// typed, Microsoft.CodeAnalysis 4.8 throws while building it, although its own diagnostics for the same code come
    /// back normally:
    /// <list type="bullet">
    /// <item>"Unexpected value 'UnconvertedInterpolatedString' of type BoundKind" for an initializer member followed by an
    /// interpolated string (<c>Protocols $"{a}" = { … }</c>, found by the C# mutation sweep);</item>
    /// <item>"This program location is thought to be unreachable" for a creation beside a method group in a broken array
    /// (found by the fuzzer);</item>
    /// <item>a <see cref="NullReferenceException"/> from the nullability rewrite of a broken lambda (found by the fuzzer).</item>
    /// </list>
    /// Such code has no operations to read, which readers already handle as code that does not bind: nothing is read from
    /// it, and the analyzer does not fail (AD0001) on every keystroke until the line is finished. Only this one compiler
    /// call is guarded, so no exception of ours is hidden; cancellation still propagates.
    /// </summary>
    public static IOperation? OperationOrNull(this SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        // C# has no operation for parentheses or the null-forgiving `!`: GetOperation answers null for `("westeurope")`,
        // which callers would take for a value of null. The operation is the inner expression's.
        while (node is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            node = node is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((PostfixUnaryExpressionSyntax)node).Operand;
        }

        try
        {
            return model.GetOperation(node, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The type of an expression, or null where the compiler fails on it (guarded as <see cref="OperationOrNull"/>).</summary>
    public static ITypeSymbol? TypeOrNull(this SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        try
        {
            return model.GetTypeInfo(node, cancellationToken).Type;
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The symbol a name binds to, or null where the compiler fails on it (guarded as <see cref="OperationOrNull"/>).</summary>
    public static ISymbol? SymbolOrNull(this SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        try
        {
            return model.GetSymbolInfo(node, cancellationToken).Symbol;
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
