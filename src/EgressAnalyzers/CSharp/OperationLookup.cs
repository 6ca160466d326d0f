using System;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace EgressAnalyzers.CSharp;

/// <summary>
/// <see cref="SemanticModel.GetOperation"/> for code that may be broken. Roslyn 4.8 throws its "unreachable"
/// <see cref="InvalidOperationException"/> building operations over some error trees (found by the fuzzer: a method
/// group and an object creation in the array initializer of a parameter's default value, while typing); the analyzer
/// then treats the node as one it cannot read, as for any other unresolved value.
/// </summary>
internal static class OperationLookup
{
    public static IOperation? TryGetOperation(this SemanticModel model, SyntaxNode node, CancellationToken cancellationToken = default)
    {
        try
        {
            return model.GetOperation(node, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
