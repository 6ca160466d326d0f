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
    /// usual Pulumi program), with the conditions inside them that <paramref name="node"/> runs under. Loops that hold
    /// <paramref name="exclude"/> too are left out: a local declared in a loop body is a new object in every iteration.
    /// </summary>
    public static LoopScope Around(SyntaxNode node, SyntaxNode? exclude = null)
    {
        var loops = new List<StatementSyntax>();
        var guards = new List<LoopGuard>();
        var pendingGuards = new List<LoopGuard>();
        var unguardedLoops = -1;
        var opaque = false;
        for (var current = node; current.Parent is { } parent; current = parent)
        {
            if (parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or BaseTypeDeclarationSyntax)
            {
                break;
            }

            // Code that runs in some iterations only (if (region == "westeurope") new FirewallPolicy(…)): expanded
            // without its condition, the loop would make a policy for every item, and the ones the code never creates
            // would lack every rule. A condition the reader can decide per item (==, !=, !, &&, ||, is, string.Equals,
            // a bool) is a guard, decided in each iteration as a Bicep `if` filter is; the loops outside any other kind
            // (switch, catch, an inner while) are read once, with their variables unknown, which claims no name the
            // code does not create.
            if (Runs(current, parent) is var (conditional, guard) && conditional)
            {
                unguardedLoops = unguardedLoops < 0 ? loops.Count : unguardedLoops;
                if (guard is null)
                {
                    opaque = true;
                }
                else if (!opaque)
                {
                    pendingGuards.Add(guard.Value);
                }
            }

            if (parent is CommonForEachStatementSyntax or ForStatementSyntax && current == Body(parent) && !opaque
                && (exclude is null || !parent.Span.Contains(exclude.Span)))
            {
                loops.Insert(0, (StatementSyntax)parent);

                // A condition counts only inside a loop that is expanded: outside every loop, code is read as it is
                // written, whatever its conditions (they are most often configuration, known at deployment).
                guards.AddRange(pendingGuards);
                pendingGuards.Clear();
            }
        }

        var unguarded = unguardedLoops < 0 ? loops : loops.GetRange(loops.Count - unguardedLoops, unguardedLoops);
        return new LoopScope(loops, guards, unguarded);
    }

    /// <summary>
    /// Whether <paramref name="child"/> runs only when a condition of <paramref name="parent"/> says so, or possibly not
    /// at all; and when it is one condition being true or false, that condition.
    /// </summary>
    private static (bool Conditional, LoopGuard? Guard) Runs(SyntaxNode child, SyntaxNode parent) => parent switch
    {
        IfStatementSyntax statement when child == statement.Statement => (true, new LoopGuard(statement.Condition, true)),

        // else: the if's condition is false; the if itself adds nothing for its else clause.
        IfStatementSyntax => (false, null),
        ElseClauseSyntax { Parent: IfStatementSyntax statement } => (true, new LoopGuard(statement.Condition, false)),
        ConditionalExpressionSyntax conditional when child == conditional.WhenTrue => (true, new LoopGuard(conditional.Condition, true)),
        ConditionalExpressionSyntax conditional when child == conditional.WhenFalse => (true, new LoopGuard(conditional.Condition, false)),
        BinaryExpressionSyntax binary when child == binary.Right && binary.IsKind(SyntaxKind.LogicalAndExpression) => (true, new LoopGuard(binary.Left, true)),
        BinaryExpressionSyntax binary when child == binary.Right && binary.IsKind(SyntaxKind.LogicalOrExpression) => (true, new LoopGuard(binary.Left, false)),
        ElseClauseSyntax or SwitchSectionSyntax or SwitchExpressionArmSyntax or CatchClauseSyntax or FinallyClauseSyntax => (true, null),
        WhileStatementSyntax or DoStatementSyntax => (true, null),
        ForStatementSyntax counting => (child == counting.Statement ? !RunsEveryIteration(counting) : child != counting.Declaration && !(child is ExpressionSyntax once && counting.Initializers.Contains(once)), null),
        CommonForEachStatementSyntax other => (child == other.Statement && !RunsEveryIteration(other), null),
        BinaryExpressionSyntax binary => (binary.IsKind(SyntaxKind.CoalesceExpression) && child == binary.Right, null),
        AssignmentExpressionSyntax assignment => (assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression) && child == assignment.Right, null),
        ConditionalAccessExpressionSyntax access => (child == access.WhenNotNull, null),
        _ => (false, null),
    };

    /// <summary>The statement a loop repeats.</summary>
    public static StatementSyntax? Body(SyntaxNode loop) => loop switch
    {
        CommonForEachStatementSyntax each => each.Statement,
        ForStatementSyntax counting => counting.Statement,
        _ => null,
    };

    /// <summary>Whether the loop's iterations all run to the end of its body: no statement of it leaves the loop or the iteration.</summary>
    public static bool RunsEveryIteration(StatementSyntax loop)
    {
        foreach (var node in Body(loop)!.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
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
/// The loops around one statement or creation that are read item by item, and the conditions inside them it runs under.
/// </summary>
internal sealed class LoopScope
{
    public LoopScope(IReadOnlyList<StatementSyntax> loops, IReadOnlyList<LoopGuard> guards, IReadOnlyList<StatementSyntax> unguardedLoops)
    {
        Loops = loops;
        Guards = guards;
        UnguardedLoops = unguardedLoops;
    }

    /// <summary>Outermost first; those outside a condition included when it is a <see cref="Guards"/> entry.</summary>
    /// <remarks>Each a <c>foreach</c> or a counting <c>for</c>.</remarks>
    public IReadOnlyList<StatementSyntax> Loops { get; }

    /// <summary>Conditions that hold in the iterations the code runs in (empty when the code runs in every iteration).</summary>
    public IReadOnlyList<LoopGuard> Guards { get; }

    /// <summary>
    /// The loops inside the innermost condition: what is expanded when a guard cannot be decided for some iteration
    /// (the loops outside it are then read once, their variables unknown).
    /// </summary>
    public IReadOnlyList<StatementSyntax> UnguardedLoops { get; }
}

/// <summary>A condition that code inside a loop runs under: <see cref="Condition"/> must be <see cref="WhenTrue"/>.</summary>
internal readonly struct LoopGuard
{
    public LoopGuard(ExpressionSyntax condition, bool whenTrue)
    {
        Condition = condition;
        WhenTrue = whenTrue;
    }

    public ExpressionSyntax Condition { get; }

    public bool WhenTrue { get; }
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
