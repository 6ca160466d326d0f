using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace EgressAnalyzers.CSharp;

/// <summary>
/// Which finding locations are in generated code, where the analyzer reports nothing (what the driver does for
/// analyzers that opt out of generated code). The analyzer does it itself because it must still read resources created
/// in generated code, and because the driver's check computed every declared symbol of each tree holding a finding.
/// </summary>
/// <remarks>
/// Generated files are the ones the driver flags (<c>.g.cs</c>-style names, an <c>&lt;auto-generated&gt;</c> header,
/// <c>generated_code = true</c> in .editorconfig): recorded as their semantic models are analyzed. Code under a
/// <c>[GeneratedCode]</c> attribute counts too; only trees whose text names the attribute are bound to look for it.
/// </remarks>
internal sealed class GeneratedCodeLocations
{
    private const string GeneratedCodeAttributeName = "GeneratedCodeAttribute";
    private const string GeneratedCodeAttributeNamespace = "System.CodeDom.Compiler";

    private readonly ConcurrentDictionary<SyntaxTree, bool> _generatedTrees = new();
    private readonly ConcurrentDictionary<SyntaxTree, bool> _treesNamingTheAttribute = new();

    /// <summary>Records the driver's verdict for a tree (from <c>SemanticModelAnalysisContext.IsGeneratedCode</c>).</summary>
    public void RecordTree(SyntaxTree tree, bool isGenerated)
    {
        if (isGenerated)
        {
            _generatedTrees.TryAdd(tree, true);
        }
    }

    public bool Contains(Location location, SemanticModelCache models, CancellationToken cancellationToken)
    {
        if (location.SourceTree is not { } tree)
        {
            return false;
        }

        if (_generatedTrees.ContainsKey(tree))
        {
            return true;
        }

        return _treesNamingTheAttribute.GetOrAdd(tree, t => t.GetText(cancellationToken).ToString().IndexOf("GeneratedCode", StringComparison.Ordinal) >= 0)
            && HasGeneratedCodeAttribute(models.For(tree).GetEnclosingSymbol(location.SourceSpan.Start, cancellationToken));
    }

    private static bool HasGeneratedCodeAttribute(ISymbol? symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            // An accessor's attributes may sit on its property.
            if (IsMarked(current) || (current is IMethodSymbol { AssociatedSymbol: { } associated } && IsMarked(associated)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMarked(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: GeneratedCodeAttributeName } attributeClass
                && attributeClass.ContainingNamespace?.ToDisplayString() == GeneratedCodeAttributeNamespace)
            {
                return true;
            }
        }

        return false;
    }
}
