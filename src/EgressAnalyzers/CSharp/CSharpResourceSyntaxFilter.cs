using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EgressAnalyzers.CSharp;

/// <summary>
/// Decides from syntax alone which object creations of a compilation can create an infrastructure resource, so that
/// only those are bound. Binding every <c>new</c> of a project (what an operation action asks of the analyzer driver)
/// cost more than half of the compile time again; a resource creation always names its type, a subclass of it, or an
/// alias of either — or is a target-typed <c>new(…)</c> in a file that names one of those.
/// </summary>
/// <remarks>
/// The filter over-approximates and the semantic check (<see cref="CSharpSdkSymbols.Classify"/>) decides. What it cannot
/// see: a subclass of an SDK resource declared in a referenced assembly, and a target-typed <c>new(…)</c> whose target
/// type is declared and named only in other files (a factory parameter). Both are documented as not read.
/// </remarks>
internal sealed class CSharpResourceSyntaxFilter
{
    private readonly string[] _typeNames;
    private readonly HashSet<string> _typeNameSet;

    private CSharpResourceSyntaxFilter(HashSet<string> typeNames)
    {
        _typeNameSet = typeNames;
        _typeNames = typeNames.ToArray();
    }

    /// <summary>
    /// The SDK's resource type names plus, from every tree's declarations (not their bodies), the classes that derive
    /// from one of them and the using aliases that name one of them, to a fixed point.
    /// </summary>
    public static CSharpResourceSyntaxFilter Create(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(CSharpSdkSymbols.ResourceTypeSimpleNames, StringComparer.Ordinal);
        var declarations = new List<(string Name, List<string> Targets)>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var root = tree.GetRoot(cancellationToken);
            foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is UsingDirectiveSyntax { Alias: { } alias, Name: { } target } && RightmostName(target) is { } aliased)
                {
                    declarations.Add((alias.Name.Identifier.ValueText, new List<string> { aliased }));
                }
                else if (node is TypeDeclarationSyntax { BaseList: { } baseList } type)
                {
                    var bases = baseList.Types.Select(b => RightmostName(b.Type)).OfType<string>().ToList();
                    declarations.Add((type.Identifier.ValueText, bases));
                }
            }
        }

        // A declaration whose name is not typed yet (`class : FirewallPolicy`) names nothing: the empty string would
        // match everywhere, and searching a text for it never moves on.
        declarations.RemoveAll(d => d.Name.Length == 0);

        // A subclass of a subclass (or an alias of one) counts too: repeat until nothing is added.
        var added = true;
        while (added)
        {
            added = false;
            foreach (var (name, targets) in declarations)
            {
                if (!names.Contains(name) && targets.Exists(names.Contains))
                {
                    names.Add(name);
                    added = true;
                }
            }
        }

        return new CSharpResourceSyntaxFilter(names);
    }

    /// <summary>The object creations of <paramref name="tree"/> that may create a resource; none for most files.</summary>
    public IEnumerable<BaseObjectCreationExpressionSyntax> Candidates(SyntaxTree tree, CancellationToken cancellationToken)
    {
        // A file whose text contains none of the names cannot create a resource (an explicit creation names the type;
        // a target-typed one is only considered in files that name it). A substring test is enough: it only over-includes.
        var text = tree.GetText(cancellationToken).ToString();
        var namePositions = new List<int>();
        foreach (var name in _typeNames)
        {
            for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + name.Length, StringComparison.Ordinal))
            {
                namePositions.Add(at);
            }
        }

        if (namePositions.Count == 0)
        {
            return Array.Empty<BaseObjectCreationExpressionSyntax>();
        }

        // Only the parts of the tree that hold a candidate are walked: where a name occurs, and where a target-typed
        // `new (` may be. Walking every node of the files that pass the text test was most of the filter's cost.
        var positions = namePositions;
        positions.AddRange(TargetTypedNewPositions(text));
        positions.Sort();
        return CandidatesAround(tree.GetRoot(cancellationToken), positions);
    }

    private IEnumerable<BaseObjectCreationExpressionSyntax> CandidatesAround(SyntaxNode root, List<int> positions)
    {
        foreach (var node in root.DescendantNodes(node => ContainsAny(node.FullSpan, positions)))
        {
            switch (node)
            {
                case ObjectCreationExpressionSyntax explicitCreation when RightmostName(explicitCreation.Type) is { } name && _typeNameSet.Contains(name):
                    yield return explicitCreation;
                    break;
                case ImplicitObjectCreationExpressionSyntax implicitCreation:
                    yield return implicitCreation;
                    break;
            }
        }
    }

    /// <summary>
    /// Where <c>new</c> is followed (after white space and comments) by <c>(</c>: every target-typed creation, and some
    /// other text (an identifier ending in "new", a string) — extra positions only cost a deeper walk.
    /// </summary>
    internal static IEnumerable<int> TargetTypedNewPositions(string text)
    {
        for (var at = text.IndexOf("new", StringComparison.Ordinal); at >= 0; at = text.IndexOf("new", at + 3, StringComparison.Ordinal))
        {
            var next = SkipTrivia(text, at + 3);
            if (next < text.Length && text[next] == '(')
            {
                yield return at;
            }
        }
    }

    private static int SkipTrivia(string text, int at)
    {
        while (at < text.Length)
        {
            if (char.IsWhiteSpace(text[at]))
            {
                at++;
            }
            else if (string.CompareOrdinal(text, at, "//", 0, 2) == 0)
            {
                var lineEnd = text.IndexOf('\n', at);
                at = lineEnd < 0 ? text.Length : lineEnd + 1;
            }
            else if (string.CompareOrdinal(text, at, "/*", 0, 2) == 0)
            {
                var commentEnd = text.IndexOf("*/", at + 2, StringComparison.Ordinal);
                at = commentEnd < 0 ? text.Length : commentEnd + 2;
            }
            else
            {
                break;
            }
        }

        return at;
    }

    private static bool ContainsAny(Microsoft.CodeAnalysis.Text.TextSpan span, List<int> sortedPositions)
    {
        // The first position at or after the span's start decides.
        var index = sortedPositions.BinarySearch(span.Start);
        if (index < 0)
        {
            index = ~index;
        }

        return index < sortedPositions.Count && sortedPositions[index] < span.End;
    }

    private static string? RightmostName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliasQualified => aliasQualified.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };
}
