using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EgressAnalyzers.CSharp;

/// <summary>
/// The <c>foreach</c> loops the C# readers expand — the C# form of an ARM copy loop or a Bicep <c>for</c>: a resource
/// created in <c>foreach (var region in new[] { "westeurope", "northeurope" })</c>, or an <c>fqdns.Add(…)</c> in such a
/// loop, is read once per item of a collection the resolver knows. A loop that can leave early (<c>break</c>,
/// <c>continue</c>, <c>return</c>, <c>throw</c>, <c>goto</c>, <c>yield</c>) is not expanded: which items reach the code
/// after the exit is a run-time question, so its variable stays unknown, as before loops were expanded.
/// </summary>
internal static class ForEachLoops
{
    /// <summary>Items of one loop's collection expanded at the most; a longer collection leaves the loop variable unknown.</summary>
    public const int MaxItems = 256;

    /// <summary>Iterations (the product over nested loops) read for one resource or applied for one statement at the most.</summary>
    public const int MaxIterations = 256;

    /// <summary>
    /// The expandable <c>foreach</c> loops whose body holds <paramref name="node"/>, outermost first, within its method,
    /// accessor or local function (lambdas are looked through: <c>Deployment.RunAsync(() => { foreach … })</c> is the
    /// usual Pulumi program). Loops that hold <paramref name="exclude"/> too are left out: a local declared in a loop
    /// body is a new object in every iteration.
    /// </summary>
    public static List<CommonForEachStatementSyntax> Around(SyntaxNode node, SyntaxNode? exclude = null)
    {
        var loops = new List<CommonForEachStatementSyntax>();
        var conditional = false;
        for (var current = node; current.Parent is { } parent; current = parent)
        {
            if (parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or BaseTypeDeclarationSyntax)
            {
                break;
            }

            // Code that runs in some iterations only (if (region == "westeurope") new FirewallPolicy(…)): expanded, the
            // loop would make a policy for every item, and the ones the code never creates would lack every rule.
            // Read once, with the variable unknown, it claims no name the code does not create.
            conditional |= RunsConditionally(current, parent);
            if (parent is CommonForEachStatementSyntax loop && current == loop.Statement && !conditional
                && (exclude is null || !loop.Span.Contains(exclude.Span)))
            {
                loops.Insert(0, loop);
            }
        }

        return loops;
    }

    /// <summary>Whether <paramref name="child"/> runs only when a condition of <paramref name="parent"/> says so, or possibly not at all.</summary>
    private static bool RunsConditionally(SyntaxNode child, SyntaxNode parent) => parent switch
    {
        IfStatementSyntax statement => child != statement.Condition,
        ElseClauseSyntax or SwitchSectionSyntax or SwitchExpressionArmSyntax or CatchClauseSyntax or FinallyClauseSyntax => true,
        WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax => true,
        CommonForEachStatementSyntax other => child == other.Statement && !RunsEveryIteration(other),
        ConditionalExpressionSyntax conditional => child != conditional.Condition,
        BinaryExpressionSyntax binary => binary.Kind() is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression or SyntaxKind.CoalesceExpression && child == binary.Right,
        AssignmentExpressionSyntax assignment => assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression) && child == assignment.Right,
        ConditionalAccessExpressionSyntax access => child == access.WhenNotNull,
        _ => false,
    };

    /// <summary>Whether the loop's iterations all run to the end of its body: no statement of it leaves the loop or the iteration.</summary>
    public static bool RunsEveryIteration(CommonForEachStatementSyntax loop)
    {
        foreach (var node in loop.Statement.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is BreakStatementSyntax or ContinueStatementSyntax or ReturnStatementSyntax or ThrowStatementSyntax
                or GotoStatementSyntax or YieldStatementSyntax or ThrowExpressionSyntax)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// One <c>foreach</c> loop read item by item: its variable — or, for <c>foreach (var (region, prefix) in hubs)</c>, the
/// variables its items are taken apart into — and the items of its collection.
/// </summary>
internal sealed class LoopExpansion
{
    public LoopExpansion(IReadOnlyList<ILocalSymbol> variables, bool deconstructs, IReadOnlyList<CSharpValue> items)
    {
        Variables = variables;
        Deconstructs = deconstructs;
        Items = items;
    }

    public IReadOnlyList<ILocalSymbol> Variables { get; }

    /// <summary>Whether each item is taken apart into <see cref="Variables"/> (a tuple's elements, in order).</summary>
    public bool Deconstructs { get; }

    public IReadOnlyList<CSharpValue> Items { get; }

    /// <summary>What each variable holds in the iteration of <paramref name="item"/>: an element the reader does not know is unknown.</summary>
    public IEnumerable<(ILocalSymbol Variable, CSharpValue Value)> Bind(CSharpValue item)
    {
        if (!Deconstructs)
        {
            yield return (Variables[0], item);
            yield break;
        }

        for (var i = 0; i < Variables.Count; i++)
        {
            var element = item is CSharpObject tuple && tuple.Properties.TryGetValue("Item" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), out var value)
                ? value
                : CSharpUnknown.Of(item.Syntax);
            yield return (Variables[i], element);
        }
    }
}
