using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace EgressAnalyzers.CSharp;

/// <summary>
/// Evaluates C# expressions through IOperation as far as the source says: literals and constants, <c>static readonly</c>
/// fields, locals assigned once (with later <c>x.P = …</c> / <c>x.P.Add(…)</c> in the same method), interpolation,
/// <c>+</c> and string methods whose result every culture agrees on, <c>switch</c> expressions, arrays, lists and
/// collection initializers (including Pulumi's InputList forms and extension <c>Add</c>), enum-struct statics, and helper
/// methods and local functions with a single returned expression (their parameters take the call's arguments).
/// Everything else is unknown, never absent.
/// </summary>
internal sealed class CSharpValueResolver
{
    // Nesting of the expressions being read (Args in collections in Args, helpers, LINQ chains): a guard for the stack.
    private const int MaxDepth = 40;

    // Operations read for one resource at the most: values shared by several parts (static readonly B = A + A,
    // C = B + B, …) are read again at each use, which doubles with each level.
    private const int MaxSteps = 100_000;

    private readonly SemanticModelCache _models;
    private readonly PulumiStackConfig _config;
    private readonly CancellationToken _cancellationToken;

    // The arguments of the helper calls being read, innermost last: a parameter reference inside a helper's returned
    // expression takes its call's value (resolved at the call, so it keeps the caller's span).
    private readonly List<Dictionary<IParameterSymbol, CSharpValue?>> _calls = new();

    private readonly List<SyntaxNode> _readPoints = new();

    private int _steps;

    // The variables of the foreach loops being expanded (ForEachLoops): each holds one item of its loop's known collection.
    private readonly Dictionary<ILocalSymbol, CSharpValue> _loopItems = new(SymbolEqualityComparer.Default);

    public CSharpValueResolver(SemanticModelCache models, PulumiStackConfig config, CancellationToken cancellationToken)
    {
        _models = models;
        _config = config;
        _cancellationToken = cancellationToken;
    }

    public CSharpValue? Resolve(IOperation? operation) => Resolve(operation, 0);

    /// <summary>
    /// Reads what follows as inside <paramref name="helper"/> (a method or constructor), reached by <paramref name="call"/>
    /// (an invocation or an object creation): its parameters take the call's arguments. Outer calls of a chain are entered
    /// first, so a call's arguments that use the caller's own parameters take the outer call's values.
    /// </summary>
    public void EnterCall(IOperation call, BaseMethodDeclarationSyntax helper)
    {
        _readPoints.Add(call.Syntax);
        _calls.Add(ArgumentsOf(HelperCalls.ArgumentsOf(call), helper, 0));
    }

    /// <summary>
    /// Where the resource being read is created (and the calls that lead there): an object is read as it is at that point,
    /// with what was added to it after the place that names it (a rule added to after it was put in its collection).
    /// </summary>
    public void ReadAt(SyntaxNode creation) => _readPoints.Add(creation);

    /// <summary>
    /// A <c>foreach</c> loop's variable and the items of its collection, read with the loops around it bound as they are
    /// now; null when the loop is not expanded (<see cref="ForEachLoops"/>): a collection the resolver does not know as a
    /// list, one longer than <see cref="ForEachLoops.MaxItems"/>, or a loop that can leave early. An item the resolver
    /// does not know stays an item: the loop is read for it with its variable unknown.
    /// </summary>
    public LoopExpansion? LoopItems(StatementSyntax loop) => LoopItems(loop, 0);

    /// <summary>What follows is read in the iteration of <paramref name="variable"/>'s loop that takes <paramref name="item"/>.</summary>
    public void BindLoopItem(ILocalSymbol variable, CSharpValue item) => _loopItems[variable] = item;

    private LoopExpansion? LoopItems(StatementSyntax statement, int depth)
    {
        if (statement is ForStatementSyntax counting)
        {
            return CountingLoopItems(counting, depth);
        }

        if (statement is not CommonForEachStatementSyntax loop
            || !ForEachLoops.RunsEveryIteration(loop)
            || ModelFor(loop.SyntaxTree).OperationOrNull(loop, _cancellationToken) is not IForEachLoopOperation operation
            || LoopVariables(operation) is not { } variables
            || Resolve(operation.Collection, depth + 1) is not CSharpList { Items.Count: <= ForEachLoops.MaxItems } collection)
        {
            return null;
        }

        return new LoopExpansion(variables.Locals, variables.Deconstructs, collection.Items);
    }

    /// <summary>
    /// <c>for (var i = 0; i &lt; Regions.Length; i++)</c>: one counter from a known start, while it is below (or not above)
    /// a known bound — a number, or a known collection's <c>Length</c> / <c>Count</c> — stepping by one, and not assigned in
    /// the body. Its items are the counter's values. Null for any other <c>for</c>.
    /// </summary>
    private LoopExpansion? CountingLoopItems(ForStatementSyntax loop, int depth)
    {
        if (!ForEachLoops.RunsEveryIteration(loop)
            || loop.Declaration is not { Variables.Count: 1 } declaration || loop.Initializers.Count != 0
            || declaration.Variables[0] is not { Initializer.Value: { } start } counter
            || loop.Condition is not BinaryExpressionSyntax { Left: IdentifierNameSyntax tested } condition
            || tested.Identifier.ValueText != counter.Identifier.ValueText
            || (!condition.IsKind(SyntaxKind.LessThanExpression) && !condition.IsKind(SyntaxKind.LessThanOrEqualExpression))
            || loop.Incrementors.Count != 1 || !StepsByOne(loop.Incrementors[0], counter.Identifier.ValueText))
        {
            return null;
        }

        var model = ModelFor(loop.SyntaxTree);
        if (model.GetDeclaredSymbol(counter, _cancellationToken) is not ILocalSymbol local
            || local.Type.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64)
            || ForEachLoops.Body(loop)!.DescendantNodes().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == counter.Identifier.ValueText && ObjectChanges.IsAssignedBy(i))
            || Resolve(model.OperationOrNull(start, _cancellationToken), depth + 1).AsInt() is not { } first
            || Bound(model.OperationOrNull(condition.Right, _cancellationToken)) is not { } bound)
        {
            return null;
        }

        var last = condition.IsKind(SyntaxKind.LessThanExpression) ? bound - 1 : bound;
        if (last - first + 1 > ForEachLoops.MaxItems)
        {
            return null;
        }

        var items = new List<CSharpValue>();
        for (var value = first; value <= last; value++)
        {
            items.Add(new CSharpScalar(value.ToString(CultureInfo.InvariantCulture), counter));
        }

        return new LoopExpansion(new[] { local }, deconstructs: false, items);

        long? Bound(IOperation? operation) => operation switch
        {
            IPropertyReferenceOperation { Property.Name: "Length" or "Count", Instance: { } collection } => Resolve(collection, depth + 1) is CSharpList list && !list.Items.Any(i => i is CSharpUnknown) ? list.Items.Count : null,
            _ => Resolve(operation, depth + 1).AsInt(),
        };

        static bool StepsByOne(ExpressionSyntax step, string name) => step switch
        {
            PostfixUnaryExpressionSyntax { Operand: IdentifierNameSyntax operand } post => post.IsKind(SyntaxKind.PostIncrementExpression) && operand.Identifier.ValueText == name,
            PrefixUnaryExpressionSyntax { Operand: IdentifierNameSyntax operand } pre => pre.IsKind(SyntaxKind.PreIncrementExpression) && operand.Identifier.ValueText == name,
            AssignmentExpressionSyntax { Left: IdentifierNameSyntax left, Right: LiteralExpressionSyntax { Token.Value: 1 } } add => add.IsKind(SyntaxKind.AddAssignmentExpression) && left.Identifier.ValueText == name,
            _ => false,
        };
    }

    /// <summary>
    /// <c>var region</c>, or the locals of a flat deconstruction (<c>var (region, prefix)</c>, <c>(var region, var prefix)</c>);
    /// null for anything else (a nested deconstruction, code being typed).
    /// </summary>
    private static (IReadOnlyList<ILocalSymbol> Locals, bool Deconstructs)? LoopVariables(IForEachLoopOperation loop)
    {
        switch (loop.LoopControlVariable)
        {
            case IVariableDeclaratorOperation { Symbol: { } single }:
                return (new[] { single }, false);
            case IDeclarationExpressionOperation { Expression: ITupleOperation tuple }:
                return Locals(tuple);
            case ITupleOperation tuple:
                return Locals(tuple);
            default:
                return null;
        }

        static (IReadOnlyList<ILocalSymbol>, bool)? Locals(ITupleOperation tuple)
        {
            var locals = new List<ILocalSymbol>();
            foreach (var element in tuple.Elements)
            {
                var local = element switch
                {
                    ILocalReferenceOperation reference => reference.Local,
                    IDeclarationExpressionOperation { Expression: ILocalReferenceOperation reference } => reference.Local,
                    _ => null,
                };
                if (local is null)
                {
                    return null;
                }

                locals.Add(local);
            }

            return (locals, true);
        }
    }

    /// <summary>
    /// Runs <paramref name="apply"/> (a later statement on a local, read at <paramref name="statement"/>) once per iteration
    /// of the expandable <c>foreach</c> loops around it that the local's declaration (<paramref name="declarator"/>) is
    /// outside of — <c>foreach (var region in Regions) fqdns.Add($"*.hcp.{region}.azmk8s.io")</c> adds one FQDN per
    /// region — and once, its loop variables unknown, where they are not expanded. False as soon as one run is.
    /// </summary>
    private bool InEachIteration(SyntaxNode statement, SyntaxNode declarator, int depth, Func<bool> apply)
    {
        var scope = ForEachLoops.Around(statement, exclude: declarator);
        if (scope.Guards.Count > 0)
        {
            // if (region != "northeurope") fqdns.Add(…) in the loop: applied in the iterations the condition holds in,
            // once all are decided; when one cannot be, the loops outside the conditions are read once, their variables
            // unknown (an addition of an unknown value, never a missing one).
            var decided = Iterate(scope.Loops, 0, 1, depth, () => Holds(scope.Guards) is not null);
            return decided
                ? Iterate(scope.Loops, 0, 1, depth, () => Holds(scope.Guards) != true || apply())
                : scope.UnguardedLoops.Count == 0 ? apply() : Iterate(scope.UnguardedLoops, 0, 1, depth, apply);
        }

        return scope.Loops.Count == 0 ? apply() : Iterate(scope.Loops, 0, 1, depth, apply);
    }

    /// <summary>
    /// Whether every one of <paramref name="guards"/> holds in the iteration bound now: false as soon as one does not,
    /// null when one cannot be decided (a value the reader does not know, an operator it does not evaluate).
    /// </summary>
    public bool? Holds(IReadOnlyList<LoopGuard> guards)
    {
        bool? all = true;
        foreach (var guard in guards)
        {
            var truth = Truth(ModelFor(guard.Condition.SyntaxTree).OperationOrNull(guard.Condition, _cancellationToken), 0);
            if (truth is null)
            {
                all = null;
            }
            else if (truth != guard.WhenTrue)
            {
                return false;
            }
        }

        return all;
    }

    /// <summary>The conditions <see cref="Truth"/> evaluates by their operator (the others only as bool values it reads).</summary>
    private static bool IsCondition(IOperation operation) => operation switch
    {
        IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, OperatorMethod: null } => true,
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals, OperatorMethod: null } => true,
        IIsPatternOperation => true,
        IInvocationOperation { TargetMethod: { Name: "Equals", ContainingType.SpecialType: SpecialType.System_String } } => true,
        _ => false,
    };

    /// <summary>
    /// A condition's value as far as the reader can tell: constants and bool values it reads, <c>!</c>, <c>&amp;&amp;</c>,
    /// <c>||</c>, <c>==</c> / <c>!=</c> between strings, numbers, bools or enum values, <c>is</c> a pattern
    /// <see cref="Matches"/> decides, and <c>string.Equals</c> (ordinal, or ignoring case). Null for anything else.
    /// </summary>
    private bool? Truth(IOperation? operation, int depth)
    {
        if (operation is null || depth > MaxDepth || ++_steps > MaxSteps)
        {
            return null;
        }

        if (operation.ConstantValue is { HasValue: true, Value: bool known })
        {
            return known;
        }

        switch (operation)
        {
            case IParenthesizedOperation parenthesized:
                return Truth(parenthesized.Operand, depth + 1);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, OperatorMethod: null } not:
                return !Truth(not.Operand, depth + 1);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr, OperatorMethod: null } logical:
            {
                // Three-valued: false && unknown is false, true || unknown is true.
                var decisive = logical.OperatorKind == BinaryOperatorKind.ConditionalOr;
                var left = Truth(logical.LeftOperand, depth + 1);
                if (left == decisive)
                {
                    return decisive;
                }

                var right = Truth(logical.RightOperand, depth + 1);
                return right == decisive ? decisive : left is null || right is null ? null : !decisive;
            }

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals, OperatorMethod: null } equality:
                return Same(equality.LeftOperand, equality.RightOperand, ignoreCase: false, depth) is { } same
                    ? same == (equality.OperatorKind == BinaryOperatorKind.Equals)
                    : null;
            case IIsPatternOperation pattern:
                return KnownComparable(pattern.Value, depth) is { } tested ? Matches(tested, pattern.Value.Type, pattern.Pattern, depth) : null;
            case IInvocationOperation { TargetMethod: { Name: "Equals", ContainingType.SpecialType: SpecialType.System_String } } invocation:
            {
                // "a".Equals(b), string.Equals(a, b), either with a StringComparison (Equals(object) sees an object: unknown).
                var operands = invocation.Instance is null
                    ? invocation.Arguments.Select(a => a.Value).ToList()
                    : new[] { invocation.Instance }.Concat(invocation.Arguments.Select(a => a.Value)).ToList();
                if (operands.Count is < 2 or > 3)
                {
                    return null;
                }

                var ignoreCase = false;
                if (operands.Count == 3)
                {
                    if (operands[2].ConstantValue is not { HasValue: true, Value: int comparison }
                        || (StringComparison)comparison is not (StringComparison.Ordinal or StringComparison.OrdinalIgnoreCase))
                    {
                        return null;
                    }

                    ignoreCase = (StringComparison)comparison == StringComparison.OrdinalIgnoreCase;
                }

                return Same(operands[0], operands[1], ignoreCase, depth);
            }

            default:
                // A bool the reader knows: a loop item's member (hub.Enabled), a local, a constant field.
                return operation.Type?.SpecialType == SpecialType.System_Boolean && Resolve(operation, depth + 1) is CSharpScalar { Text: "true" or "false" } flag
                    ? flag.Text == "true"
                    : null;
        }
    }

    /// <summary>
    /// Whether two operands of the same comparable type (string, bool, char, a number, an enum) hold the same value;
    /// null when either is not known.
    /// </summary>
    private bool? Same(IOperation left, IOperation right, bool ignoreCase, int depth)
    {
        if (KnownComparable(left, depth) is not { } leftValue || KnownComparable(right, depth) is not { } rightValue)
        {
            return null;
        }

        return string.Equals(leftValue.Text, rightValue.Text, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    /// <summary>
    /// The known value of an operand whose type compares by its text (a string, bool, char, integer or enum: equal values
    /// are written alike); null for any other type — an <c>object</c> holding 1 is not <c>"1"</c> — or a value not known.
    /// </summary>
    private CSharpScalar? KnownComparable(IOperation operand, int depth) =>
        IsComparable(operand.Type) ? Resolve(operand, depth + 1) as CSharpScalar : null;

    private static bool IsComparable(ITypeSymbol? type) => type is not null
        && (type.TypeKind == TypeKind.Enum || type.SpecialType == SpecialType.System_String || type.SpecialType == SpecialType.System_Boolean
            || type.SpecialType == SpecialType.System_Char || IsInteger(type));

    private static bool IsInteger(ITypeSymbol? type) =>
        type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_Byte
            or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_UInt16 or SpecialType.System_SByte;

    /// <summary>
    /// Whether <paramref name="value"/> (known, of the comparable <paramref name="type"/>) matches <paramref name="pattern"/>:
    /// a constant (<c>"westeurope"</c>, <c>null</c>), the discard, <c>not</c>, <c>and</c> / <c>or</c> of those, and
    /// <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> on integers. Null for any other pattern (a type, a property
    /// pattern, a declaration): the reader does not decide it.
    /// </summary>
    private bool? Matches(CSharpScalar value, ITypeSymbol? type, IPatternOperation pattern, int depth)
    {
        switch (pattern)
        {
            case IDiscardPatternOperation:
                return true;
            case IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } }:
                // A value the reader knows is never null.
                return false;
            case IConstantPatternOperation constant:
                return Resolve(constant.Value, depth + 1) is CSharpScalar expected ? string.Equals(value.Text, expected.Text, StringComparison.Ordinal) : null;
            case INegatedPatternOperation negated:
                return !Matches(value, type, negated.Pattern, depth);
            case IBinaryPatternOperation binary:
            {
                // Three-valued, as && and || in Truth: false and unknown is false, true or unknown is true.
                var decisive = binary.OperatorKind == BinaryOperatorKind.Or;
                var left = Matches(value, type, binary.LeftPattern, depth);
                if (left == decisive)
                {
                    return decisive;
                }

                var right = Matches(value, type, binary.RightPattern, depth);
                return right == decisive ? decisive : left is null || right is null ? null : !decisive;
            }

            case IRelationalPatternOperation relational when IsInteger(type):
                if (!long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    || !long.TryParse((Resolve(relational.Value, depth + 1) as CSharpScalar)?.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound))
                {
                    return null;
                }

                return relational.OperatorKind switch
                {
                    BinaryOperatorKind.LessThan => number < bound,
                    BinaryOperatorKind.LessThanOrEqual => number <= bound,
                    BinaryOperatorKind.GreaterThan => number > bound,
                    BinaryOperatorKind.GreaterThanOrEqual => number >= bound,
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>
    /// <c>region switch { "westeurope" => "10.0.0.0/16", _ => "10.1.0.0/16" }</c> over a value the reader knows: the value
    /// of the first arm whose pattern (and <c>when</c> condition) holds, as <see cref="Matches"/> and <see cref="Truth"/>
    /// decide. Unknown when the value is not known, or when an arm before the one that matches cannot be decided: that arm
    /// may be the one taken.
    /// </summary>
    private CSharpValue? FromSwitch(ISwitchExpressionOperation switchExpression, int depth)
    {
        if (KnownComparable(switchExpression.Value, depth) is { } value)
        {
            foreach (var arm in switchExpression.Arms)
            {
                var taken = Matches(value, switchExpression.Value.Type, arm.Pattern, depth);
                if (taken == true && arm.Guard is { } guard)
                {
                    taken = Truth(guard, depth + 1);
                }

                if (taken is null)
                {
                    break;
                }

                if (taken == true)
                {
                    return Resolve(arm.Value, depth + 1);
                }
            }
        }

        // No arm matches (the switch throws), or one cannot be decided.
        return CSharpUnknown.Of(switchExpression.Syntax);
    }

    private bool Iterate(IReadOnlyList<StatementSyntax> loops, int index, int iterations, int depth, Func<bool> apply)
    {
        if (index == loops.Count)
        {
            return apply();
        }

        if (LoopItems(loops[index], depth) is not { } expansion || expansion.Items.Count == 0 || iterations * expansion.Items.Count > ForEachLoops.MaxIterations)
        {
            // Not expanded (an empty collection included: the statement is then read once rather than dropped, so that
            // nothing the reader cannot see through goes missing).
            return Iterate(loops, index + 1, iterations, depth, apply);
        }

        // The variables may already be bound: a list declared before the loop, added to in it and read by a resource
        // created in the same loop. Every iteration's additions count then (the list accumulates; counting all of them
        // may claim one too many, never one too few), and the resource's own item is bound again afterwards.
        var outer = expansion.Variables.Select(v => (Variable: v, Bound: _loopItems.TryGetValue(v, out var value), Value: value)).ToList();
        try
        {
            foreach (var item in expansion.Items)
            {
                foreach (var (variable, value) in expansion.Bind(item))
                {
                    _loopItems[variable] = value;
                }

                if (!Iterate(loops, index + 1, iterations * expansion.Items.Count, depth, apply))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            foreach (var (variable, bound, value) in outer)
            {
                if (bound)
                {
                    _loopItems[variable] = value!;
                }
                else
                {
                    _loopItems.Remove(variable);
                }
            }
        }
    }

    /// <summary>
    /// An object creation; when it initialises a local, with every later <c>x.P = …</c> / <c>x.P.Add(…)</c> of the
    /// method merged in (the Azure SDK style: <c>var data = new AzureFirewallData { … }; data.ApplicationRuleCollections.Add(…)</c>).
    /// </summary>
    public CSharpValue? ResolveWithLaterMutations(IObjectCreationOperation creation)
    {
        if (creation.Syntax.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            && creation.SemanticModel?.GetDeclaredSymbol(declarator, _cancellationToken) is ILocalSymbol local)
        {
            var body = declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax);
            if (body is not null)
            {
                return FromLocal(local, body, 0);
            }
        }

        return Resolve(creation);
    }

    private CSharpValue? Resolve(IOperation? operation, int depth)
    {
        if (operation is null)
        {
            return null;
        }

        _cancellationToken.ThrowIfCancellationRequested();
        var syntax = operation.Syntax;
        if (depth > MaxDepth || ++_steps > MaxSteps)
        {
            return CSharpUnknown.Of(syntax);
        }

        if (operation.ConstantValue.HasValue)
        {
            return Constant(operation.ConstantValue.Value, syntax);
        }

        if (syntax is CollectionExpressionSyntax collection)
        {
            // C# 12 [a, b, ..rest]: read from its elements (Roslyn 4.8, which the analyzer builds against, has no
            // operation for it; later compilers wrap it in one the reader would not know).
            return FromCollectionExpression(collection, depth);
        }

        if (IsCondition(operation))
        {
            // A condition kept as a value (var skip = region == "westeurope";), for a loop guard that reads it.
            return Truth(operation, depth + 1) is { } truth ? new CSharpScalar(truth ? "true" : "false", syntax) : CSharpUnknown.Of(syntax);
        }

        switch (operation)
        {
            case IConversionOperation conversion:
                return Resolve(conversion.Operand, depth + 1);
            case IParenthesizedOperation parenthesized:
                return Resolve(parenthesized.Operand, depth + 1);
            case IDefaultValueOperation:
                return null;
            case IObjectCreationOperation creation:
                return FromCreation(creation, depth);
            case IArrayCreationOperation array:
                return array.Initializer is null
                    ? new CSharpList(Array.Empty<CSharpValue>(), syntax)
                    : new CSharpList(array.Initializer.ElementValues.Select(e => Resolve(e, depth + 1)).Where(v => v is not null).ToList()!, syntax);
            case IArrayInitializerOperation arrayInitializer:
                return new CSharpList(arrayInitializer.ElementValues.Select(e => Resolve(e, depth + 1)).Where(v => v is not null).ToList()!, syntax);
            case IInterpolatedStringOperation interpolated:
                return Concatenate(interpolated.Parts.Select(p => p switch
                {
                    IInterpolatedStringTextOperation text => (IOperation)text.Text,
                    _ => p,
                }), syntax, depth);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                return Concatenate(new[] { binary.LeftOperand, binary.RightOperand }, syntax, depth);
            case ILocalReferenceOperation local:
                // A list turned into Pulumi's InputList is copied there: later additions to the list are not in it.
                return FromLocal(local.Local, syntax, depth, copiedAtUse: local.Parent is IConversionOperation { OperatorMethod: not null });
            case IFieldReferenceOperation { Field.ContainingType.IsTupleType: true, Instance: { } tupleInstance } tupleField:
                return Resolve(tupleInstance, depth + 1) is CSharpObject tupleValue && tupleValue.Properties.TryGetValue(tupleField.Field.Name, out var tupleElement)
                    ? tupleElement
                    : CSharpUnknown.Of(syntax);
            case IFieldReferenceOperation field:
                return FromField(field.Field, syntax, depth);
            case IPropertyReferenceOperation property:
                return FromProperty(property, depth);
            case IInvocationOperation invocation:
                return FromInvocation(invocation, depth);
            case IParameterReferenceOperation parameter:
                return FromParameter(parameter);
            case IArrayElementReferenceOperation { Indices.Length: 1 } element:
                return FromArrayElement(element, depth);
            case ISwitchExpressionOperation switchExpression:
                return FromSwitch(switchExpression, depth);
            case IAnonymousObjectCreationOperation anonymous:
                return FromMembers(anonymous.Type, syntax, anonymous.Initializers.OfType<ISimpleAssignmentOperation>()
                    .Select(a => (MemberName(a.Target), (IOperation?)a.Value)), depth);
            case ITupleOperation tuple:
                // (Region: "westeurope", Prefix: "weu"): its elements by name and as Item1, Item2, …
                return FromMembers(tuple.Type, syntax, tuple.Elements.SelectMany((e, i) => TupleNames(tuple.Type, i).Select(n => ((string?)n, (IOperation?)e))), depth);
            default:
                return CSharpUnknown.Of(syntax);
        }
    }

    /// <summary>
    /// The items of a collection expression: each element's value, and a spread's items (<c>[..Core, "x"]</c>); a spread
    /// of something the reader does not know is one unknown item, which may stand for any number of them.
    /// </summary>
    private CSharpList FromCollectionExpression(CollectionExpressionSyntax collection, int depth)
    {
        var model = ModelFor(collection.SyntaxTree);
        var items = new List<CSharpValue>(collection.Elements.Count);
        foreach (var element in collection.Elements)
        {
            switch (element)
            {
                case ExpressionElementSyntax item:
                    if (Resolve(model.OperationOrNull(item.Expression, _cancellationToken), depth + 1) is { } value)
                    {
                        items.Add(value);
                    }

                    break;
                case SpreadElementSyntax spread when Resolve(model.OperationOrNull(spread.Expression, _cancellationToken), depth + 1) is CSharpList spreadItems:
                    items.AddRange(spreadItems.Items);
                    break;
                default:
                    items.Add(CSharpUnknown.Of(element));
                    break;
            }
        }

        return new CSharpList(items, collection);
    }

    /// <summary>An object of known members (an anonymous object, a tuple): what a loop over <c>new[] { new { Region = … } }</c> reads.</summary>
    private CSharpObject FromMembers(ITypeSymbol? type, SyntaxNode syntax, IEnumerable<(string? Name, IOperation? Value)> members, int depth)
    {
        var properties = new Dictionary<string, CSharpValue>(StringComparer.Ordinal);
        foreach (var (name, value) in members)
        {
            if (name is not null && value is not null)
            {
                properties[name] = Resolve(value, depth + 1) ?? CSharpUnknown.Of(value.Syntax);
            }
        }

        return new CSharpObject(type, syntax, properties, Array.Empty<CSharpValue?>());
    }

    private static IEnumerable<string> TupleNames(ITypeSymbol? type, int index)
    {
        yield return "Item" + (index + 1).ToString(CultureInfo.InvariantCulture);
        if (type is INamedTypeSymbol { IsTupleType: true } tuple && index < tuple.TupleElements.Length
            && tuple.TupleElements[index].Name is { } name && !name.StartsWith("Item", StringComparison.Ordinal))
        {
            yield return name;
        }
    }

    /// <summary>
    /// <c>fqdns[i]</c> of an array the resolver knows, at a known index before any item it does not know (which may stand
    /// for any number of elements).
    /// </summary>
    private CSharpValue FromArrayElement(IArrayElementReferenceOperation element, int depth)
    {
        if (Resolve(element.Indices[0], depth + 1).AsInt() is { } index && index >= 0
            && Resolve(element.ArrayReference, depth + 1) is CSharpList array && index < array.Items.Count
            && !array.Items.Take(index + 1).Any(i => i is CSharpUnknown))
        {
            return array.Items[index];
        }

        return CSharpUnknown.Of(element.Syntax);
    }

    private static CSharpScalar? Constant(object? value, SyntaxNode syntax) => value switch
    {
        null => null,
        string s => new CSharpScalar(s, syntax),
        bool b => new CSharpScalar(b ? "true" : "false", syntax),
        IFormattable f => new CSharpScalar(f.ToString(null, CultureInfo.InvariantCulture), syntax),
        _ => new CSharpScalar(value.ToString(), syntax),
    };

    private CSharpValue Concatenate(IEnumerable<IOperation> parts, SyntaxNode syntax, int depth) =>
        Joined(parts.Select(part => part switch
        {
            // A hole of an interpolated string: its value as C# writes it ({region}, {count:D4}, {name,8}).
            IInterpolationOperation hole => hole.Alignment is { ConstantValue.Value: not int }
                ? CSharpUnknown.Of(part.Syntax)
                : Written(hole.Expression, hole.FormatString?.ConstantValue.Value as string, hole.Alignment?.ConstantValue.Value as int? ?? 0, part.Syntax, invariantCulture: false, depth),
            _ => Written(part, format: null, alignment: 0, part.Syntax, invariantCulture: false, depth),
        }), syntax);

    /// <summary>
    /// <paramref name="expression"/> as a string writes it — an interpolation hole, a <c>string.Format</c> item, an operand
    /// of <c>+</c> or <c>string.Concat</c>: its known text (<see cref="AsWritten"/>, padded to <paramref name="alignment"/>:
    /// 8 on the left, -8 on the right), null for null (written as nothing), else unknown, with the text of
    /// <paramref name="part"/> as the hole of the shape.
    /// </summary>
    private CSharpValue? Written(IOperation expression, string? format, int alignment, SyntaxNode part, bool invariantCulture, int depth)
    {
        var value = Resolve(expression, depth + 1);
        switch (value)
        {
            case null:
                return null;
            case CSharpUnknown { Shape: not null }:
                return value;
            case CSharpScalar written:
                var shown = AsWritten(written, UnboxedType(expression), format, invariantCulture);
                if (shown is not null && alignment != 0)
                {
                    shown = alignment is >= -1024 and <= 1024
                        ? alignment > 0 ? shown.PadLeft(alignment) : shown.PadRight(-alignment)
                        : null;
                }

                return shown is null ? CSharpUnknown.Of(part) : new CSharpScalar(shown, written.Syntax);
            default:
                return CSharpUnknown.Of(part);
        }
    }

    /// <summary>The type of a value before implicit conversions: "hcp." + region boxes an enum into object, whose own type says how it is written.</summary>
    private static ITypeSymbol? UnboxedType(IOperation expression)
    {
        var type = expression.Type;
        for (var boxed = expression; boxed is IConversionOperation { IsImplicit: true } conversion; boxed = conversion.Operand)
        {
            type = conversion.Operand.Type;
        }

        return type;
    }

    /// <summary>
    /// The string made of <paramref name="parts"/> as <see cref="Written"/> gives them: known when every part is, else
    /// unknown with the known text and <c>{expr}</c> holes as its shape.
    /// </summary>
    private static CSharpValue Joined(IEnumerable<CSharpValue?> parts, SyntaxNode syntax)
    {
        var text = new StringBuilder();
        var shape = new StringBuilder();
        var known = true;
        foreach (var part in parts)
        {
            switch (part)
            {
                case CSharpScalar scalar:
                    text.Append(scalar.Text);
                    shape.Append(scalar.Text);
                    break;
                case CSharpUnknown { Shape: { } partShape }:
                    known = false;
                    shape.Append(partShape);
                    break;
                case CSharpUnknown unknown:
                    known = false;
                    shape.Append('{').Append(unknown.Expression).Append('}');
                    break;
                case null:
                    // null concatenates as the empty string.
                    break;
                default:
                    known = false;
                    shape.Append('{').Append(CSharpValue.TextOf(part.Syntax)).Append('}');
                    break;
            }
        }

        return known ? new CSharpScalar(text.ToString(), syntax) : new CSharpUnknown(CSharpValue.TextOf(syntax), syntax, shape.ToString());
    }

    /// <summary>
    /// A known value as string concatenation, interpolation, <c>string.Format</c> and <c>ToString</c> write it: an enum value
    /// by its member's name (<c>$"{Region.westeurope}"</c> is "westeurope"), a bool as "True"/"False", an integer with a
    /// standard or custom numeric format (<c>{n:D4}</c>). Null when the reader cannot tell (a value two enum members share,
    /// a [Flags] combination, a format on anything but an integer, what depends on the culture unless
    /// <paramref name="invariantCulture"/> says which).
    /// </summary>
    private static string? AsWritten(CSharpScalar value, ITypeSymbol? type, string? format, bool invariantCulture)
    {
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            if (format is not null)
            {
                return null;
            }

            // Enum values are read as their underlying number, written invariantly (see Constant).
            var names = enumType.GetMembers().OfType<IFieldSymbol>()
                .Where(f => f.HasConstantValue && f.ConstantValue is IFormattable member && member.ToString(null, CultureInfo.InvariantCulture) == value.Text)
                .Select(f => f.Name)
                .ToList();
            var flags = enumType.GetAttributes().Any(a => a.AttributeClass?.Name == nameof(FlagsAttribute));
            return names.Count == 1 ? names[0] : names.Count == 0 && !flags ? value.Text : null;
        }

        if (type?.SpecialType == SpecialType.System_Boolean)
        {
            return format is null && value.Text is "true" or "false" ? (value.Text == "true" ? "True" : "False") : null;
        }

        if (type?.SpecialType is SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal
            || (IsInteger(type) && value.Text.StartsWith("-", StringComparison.Ordinal) && (!invariantCulture || format is not null && format[0] is 'X' or 'x')))
        {
            // The decimal separator and the minus sign are the culture's (U+2212 in some); a double's digits differ between
            // runtimes; a negative number in hex has its own type's width.
            return null;
        }

        if (format is null)
        {
            return value.Text;
        }

        return IsInteger(type)
            && long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            && IsPlainIntegerFormat(format)
                ? integer.ToString(format, CultureInfo.InvariantCulture)
                : null;

        // D4, X2, 0000: digits only, the same in every culture. N, C, P and the like group or add symbols by culture.
        static bool IsPlainIntegerFormat(string format) =>
            (format.Length is > 0 and <= 3 && format[0] is 'D' or 'd' or 'X' or 'x' && format.Skip(1).All(char.IsDigit))
            || (format.Length > 0 && format.All(c => c == '0'));
    }

    private CSharpValue? FromCreation(IObjectCreationOperation creation, int depth)
    {
        var syntax = creation.Syntax;
        if (IsListType(creation.Type))
        {
            var items = new List<CSharpValue>();
            foreach (var argument in creation.Arguments)
            {
                // new List<string>(other) copies another list.
                if (Resolve(argument.Value, depth + 1) is { } copied && argument.Value.Type?.SpecialType != SpecialType.System_Int32)
                {
                    items.AddRange(copied.Items());
                }
            }

            if (creation.Initializer is { } listInitializer)
            {
                AddElements(items, listInitializer, depth);
            }

            return new CSharpList(items, syntax);
        }

        if (creation.Type is INamedTypeSymbol { DeclaringSyntaxReferences.IsEmpty: false } declared && !ObjectChanges.IsResource(declared)
            && _models.SetsMembersItself(declared, SetsMembersItself))
        {
            // A class of the program whose constructor or member defaults fill it (an Args subclass adding the core FQDNs
            // in its constructor): the initializer alone is not what it holds.
            return CSharpUnknown.Of(syntax);
        }

        var arguments = SdkConstructorArguments(creation, depth);
        var result = new CSharpObject(creation.Type, syntax, new Dictionary<string, CSharpValue>(StringComparer.OrdinalIgnoreCase), arguments);
        if (creation.Constructor is { } constructor
            && constructor.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is RecordDeclarationSyntax { ParameterList: not null })
        {
            // new HubConfig("westeurope", "weu") of record HubConfig(string Region, string Prefix): its positional
            // properties are the arguments (an initializer, below, may still set them).
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter is { } parameter
                    && constructor.ContainingType.GetMembers(parameter.Name).OfType<IPropertySymbol>().FirstOrDefault() is { } positional
                    && IsPositionalRecordProperty(positional))
                {
                    result.Properties[parameter.Name] = Resolve(argument.Value, depth + 1) ?? CSharpUnknown.Of(argument.Syntax);
                }
            }
        }

        if (creation.Initializer is { } initializer)
        {
            ApplyInitializer(result, initializer, depth);
        }

        return result;
    }

    /// <summary>
    /// Whether a class of the program (or a base class of the program) fills its own members: an instance constructor
    /// with statements, or an instance list or object member with a default value. Strings and values with defaults are
    /// fine: an initializer that sets them replaces them.
    /// </summary>
    private bool SetsMembersItself(INamedTypeSymbol type)
    {
        for (var current = type; current is not null && !current.DeclaringSyntaxReferences.IsEmpty; current = current.BaseType)
        {
            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(_cancellationToken) is not TypeDeclarationSyntax declaration)
                {
                    continue;
                }

                foreach (var member in declaration.Members)
                {
                    var setsItself = member switch
                    {
                        ConstructorDeclarationSyntax constructor when !constructor.Modifiers.Any(SyntaxKind.StaticKeyword) =>
                            constructor.ExpressionBody is not null || constructor.Body?.Statements.Count > 0,
                        PropertyDeclarationSyntax { Initializer: { } } property when !property.Modifiers.Any(SyntaxKind.StaticKeyword) =>
                            IsObjectType(property.Type, declaration),
                        FieldDeclarationSyntax field when !field.Modifiers.Any(SyntaxKind.StaticKeyword) && !field.Modifiers.Any(SyntaxKind.ConstKeyword) =>
                            field.Declaration.Variables.Any(v => v.Initializer is not null) && IsObjectType(field.Declaration.Type, declaration),
                        _ => false,
                    };
                    if (setsItself)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private bool IsObjectType(TypeSyntax type, SyntaxNode context) =>
        ModelFor(context.SyntaxTree).GetTypeInfo(type, _cancellationToken).Type is not { } symbol
        || (symbol.IsReferenceType && symbol.SpecialType != SpecialType.System_String);

    /// <summary>
    /// The arguments the SDK's own constructor receives. A user subclass (<c>class HubFirewall : AzureFirewall</c>) passes
    /// them on through <c>: base(…)</c> / <c>: this(…)</c> chains or an implicit parameterless constructor; a forwarded
    /// parameter takes the caller's value. Where the chain cannot be followed the arguments are unknown — never absent,
    /// which would read as a firewall without rules.
    /// </summary>
    private List<CSharpValue?> SdkConstructorArguments(IObjectCreationOperation creation, int depth)
    {
        var constructor = creation.Constructor;
        var values = ResolveArguments(creation.Arguments, depth);
        for (var hop = 0; constructor is not null && hop < MaxConstructorChain; hop++)
        {
            if (!IsDeclaredInSource(constructor))
            {
                return values;
            }

            var parameterValues = new Dictionary<IParameterSymbol, CSharpValue?>(SymbolEqualityComparer.Default);
            for (var i = 0; i < constructor.Parameters.Length; i++)
            {
                parameterValues[constructor.Parameters[i].OriginalDefinition] = i < values.Count ? values[i] : null;
            }

            var declaration = constructor.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken);
            SyntaxNode? chainCall = declaration switch
            {
                ConstructorDeclarationSyntax { Initializer: { } initializer } => initializer,
                TypeDeclarationSyntax { BaseList: { } baseList } => baseList.Types.OfType<PrimaryConstructorBaseTypeSyntax>().FirstOrDefault(),
                _ => null,
            };
            if (chainCall is not null)
            {
                if (ModelFor(chainCall.SyntaxTree).OperationOrNull(chainCall, _cancellationToken) is not IInvocationOperation chained)
                {
                    break;
                }

                constructor = chained.TargetMethod;

                // The chain's arguments are written once for every creation of the subclass, each with its own values.
                _calls.Add(parameterValues);
                try
                {
                    values = ResolveArguments(chained.Arguments, depth);
                }
                finally
                {
                    _calls.RemoveAt(_calls.Count - 1);
                }

                continue;
            }

            // No initializer (or an implicit constructor): the base type's parameterless constructor runs.
            constructor = constructor.ContainingType.BaseType?.InstanceConstructors.FirstOrDefault(c => c.Parameters.All(p => p.IsOptional));
            values = new List<CSharpValue?>();
        }

        return new List<CSharpValue?> { CSharpUnknown.Of(creation.Syntax), CSharpUnknown.Of(creation.Syntax) };
    }

    private const int MaxConstructorChain = 16;

    // A forwarded parameter (": base(name, args)") takes the caller's value through FromParameter.
    private List<CSharpValue?> ResolveArguments(IEnumerable<IArgumentOperation> arguments, int depth) =>
        arguments
            .OrderBy(a => a.Parameter?.Ordinal ?? 0)
            .Select(a => Resolve(a.Value, depth + 1))
            .ToList();

    /// <summary>A constructor the user wrote (or the compiler generated for a class the user wrote), not the SDK's.</summary>
    private static bool IsDeclaredInSource(IMethodSymbol constructor) =>
        constructor.IsImplicitlyDeclared ? constructor.ContainingType.DeclaringSyntaxReferences.Length > 0 : constructor.DeclaringSyntaxReferences.Length > 0;

    // The Azure SDK's list properties are get-only IList<T> (filled by the SDK with its own list type), so an empty
    // "P = { }" there is an empty list too, as in Pulumi's InputList<T>.
    private static bool IsListType(ITypeSymbol? type) =>
        type is INamedTypeSymbol named
        && (named.Name is "InputList" or "List" or "ImmutableArray" or "Collection" or "IList" or "ICollection" or "IReadOnlyList" or "IReadOnlyCollection" or "IEnumerable")
        && named.TypeArguments.Length == 1;

    private void ApplyInitializer(CSharpObject target, IObjectOrCollectionInitializerOperation initializer, int depth)
    {
        var elements = new List<CSharpValue>();
        foreach (var item in initializer.Initializers)
        {
            switch (item)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } indexer } indexed:
                    if (indexer.Arguments.Length == 1 && Resolve(indexer.Arguments[0].Value, depth + 1) is CSharpScalar key
                        && Resolve(indexed.Value, depth + 1) is { } entry)
                    {
                        target.Properties[key.Text] = entry;
                    }

                    break;
                case ISimpleAssignmentOperation assignment when MemberName(assignment.Target) is { } name:
                    if (Resolve(assignment.Value, depth + 1) is { } value)
                    {
                        target.Properties[name] = value;
                    }
                    else
                    {
                        target.Properties.Remove(name);
                    }

                    break;
                case IMemberInitializerOperation member when MemberName(member.InitializedMember) is { } memberName:
                    target.Properties[memberName] = FromNestedInitializer(target.Properties.TryGetValue(memberName, out var existing) ? existing : null, member.Initializer, member.Syntax, depth);
                    break;
                case IInvocationOperation add when IsMapAdd(add):
                    AddMapEntry(target, add, depth);
                    break;
                default:
                    AddElement(elements, item, depth);
                    break;
            }
        }

        if (elements.Count > 0)
        {
            target.Properties["[items]"] = new CSharpList(elements, initializer.Syntax);
        }
    }

    /// <summary><c>P = { … }</c> on an existing list (or map, or nested object): merges into what the property already holds.</summary>
    private CSharpValue FromNestedInitializer(CSharpValue? existing, IObjectOrCollectionInitializerOperation initializer, SyntaxNode syntax, int depth)
    {
        // An element that does not bind (`{ , new …Args { … } }` while typing) is an unknown item of the list, not a reason
        // to read the list as an object: read that way, the list was empty and everything it allows was reported missing.
        var isCollection = initializer.Initializers.Length > 0
            && initializer.Initializers.All(i => i is IInvocationOperation or IInvalidOperation)
            && (initializer.Initializers.Any(i => i is IInvocationOperation) || IsListType(initializer.Type));
        if (isCollection && !initializer.Initializers.OfType<IInvocationOperation>().Any(IsMapAdd))
        {
            var items = existing is CSharpList list ? new List<CSharpValue>(list.Items) : new List<CSharpValue>();
            AddElements(items, initializer, depth);
            return new CSharpList(items, syntax);
        }

        var target = existing as CSharpObject ?? new CSharpObject(initializer.Type, syntax, new Dictionary<string, CSharpValue>(StringComparer.OrdinalIgnoreCase), Array.Empty<CSharpValue?>());
        if (initializer.Initializers.Length == 0 && existing is null)
        {
            // "P = { }" on a list property: an empty list.
            return IsListType(initializer.Type) ? new CSharpList(Array.Empty<CSharpValue>(), syntax) : target;
        }

        ApplyInitializer(target, initializer, depth);
        return target;
    }

    private void AddElements(List<CSharpValue> items, IObjectOrCollectionInitializerOperation initializer, int depth)
    {
        foreach (var element in initializer.Initializers)
        {
            AddElement(items, element, depth);
        }
    }

    private void AddElement(List<CSharpValue> items, IOperation element, int depth)
    {
        if (element is IInvocationOperation invocation)
        {
            items.AddRange(AddArguments(invocation, depth));
        }
        else if (Resolve(element, depth + 1) is { } value)
        {
            items.Add(value);
        }
    }

    /// <summary>The values an <c>Add</c>/<c>AddRange</c> call appends: params arrays and added lists are flattened.</summary>
    private IEnumerable<CSharpValue> AddArguments(IInvocationOperation invocation, int depth)
    {
        var skipReceiver = invocation.TargetMethod.IsExtensionMethod && invocation.Instance is null;
        foreach (var argument in invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).Skip(skipReceiver ? 1 : 0))
        {
            if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } values })
            {
                foreach (var value in values.ElementValues)
                {
                    if (Resolve(value, depth + 1) is { } resolved)
                    {
                        yield return resolved;
                    }
                }

                continue;
            }

            var single = Resolve(argument.Value, depth + 1);
            if (single is CSharpList list && IsListType(argument.Parameter?.Type) | argument.Parameter?.Type is IArrayTypeSymbol)
            {
                foreach (var item in list.Items)
                {
                    yield return item;
                }
            }
            else if (single is not null)
            {
                yield return single;
            }
        }
    }

    private static bool IsMapAdd(IInvocationOperation invocation)
    {
        var parameters = invocation.TargetMethod.Parameters;
        var offset = invocation.TargetMethod.IsExtensionMethod && invocation.Instance is null ? 1 : 0;
        return invocation.TargetMethod.Name == "Add"
            && parameters.Length - offset == 2
            && parameters[offset].Type.SpecialType == SpecialType.System_String;
    }

    private void AddMapEntry(CSharpObject target, IInvocationOperation add, int depth)
    {
        var arguments = add.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).Skip(add.TargetMethod.IsExtensionMethod && add.Instance is null ? 1 : 0).ToList();
        if (arguments.Count >= 2 && Resolve(arguments[0].Value, depth + 1) is CSharpScalar key && Resolve(arguments[1].Value, depth + 1) is { } value)
        {
            target.Properties[key.Text] = value;
        }
    }

    private static string? MemberName(IOperation target) => target switch
    {
        IPropertyReferenceOperation property => property.Property.Name,
        IFieldReferenceOperation field => field.Field.Name,
        _ => null,
    };

    private CSharpValue? FromLocal(ILocalSymbol local, SyntaxNode useSite, int depth, bool copiedAtUse = false)
    {
        if (local.IsConst && local.HasConstantValue)
        {
            return Constant(local.ConstantValue, useSite);
        }

        if (_loopItems.TryGetValue(local, out var loopItem))
        {
            return loopItem;
        }

        var declarator = local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) as VariableDeclaratorSyntax;
        var body = declarator?.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax);
        if (declarator is null || body is null)
        {
            return CSharpUnknown.Of(useSite);
        }

        var model = ModelFor(declarator.SyntaxTree);
        var writes = new List<ExpressionSyntax>();
        if (declarator.Initializer is { } initializer)
        {
            writes.Add(initializer.Value);
        }

        var mutations = new List<ExpressionStatementSyntax>();
        var mayChangeElsewhere = false;
        var canChange = local.Type is { IsReferenceType: true, SpecialType: not SpecialType.System_String } && !ObjectChanges.IsResource(local.Type);
        foreach (var identifier in body.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != local.Name || identifier.SpanStart < declarator.SpanStart)
            {
                continue;
            }

            switch (identifier.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == identifier:
                    writes.Add(assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) ? assignment.Right : assignment);
                    break;
                case ArgumentSyntax { Parent: TupleExpressionSyntax } when ObjectChanges.IsAssignedBy(identifier):
                    // (x, n) = Pick(): a second value, not followed.
                    writes.Add(identifier);
                    writes.Add(identifier);
                    break;
                // ++x, x--: a write; !x, -x: a read.
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression }:
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression }:
                case ArgumentSyntax { RefKindKeyword.RawKind: not 0 }:
                // ref var r = ref region: written through r, out of sight.
                case RefExpressionSyntax:
                    writes.Add(identifier);
                    writes.Add(identifier);
                    break;
                case MemberAccessExpressionSyntax access when access.Expression == identifier
                    && access.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { } statement
                    && statement.Expression.SpanStart == identifier.SpanStart:
                    mutations.Add(statement);
                    break;
                default:
                    // Handed to a method that may add to it (AddMonitoringRules(groupArgs)), or a member of it handed on:
                    // what it holds at the use is not what its initializer says.
                    mayChangeElsewhere |= canChange && identifier != useSite && !ObjectChanges.IsMemberName(identifier)
                        && ObjectChanges.UseMayChange(identifier, model, ModelFor, _cancellationToken);
                    break;
            }
        }

        if (writes.Count != 1 || mayChangeElsewhere)
        {
            return CSharpUnknown.Of(useSite);
        }

        var value = Resolve(model.OperationOrNull(writes[0], _cancellationToken), depth + 1);
        if (value is CSharpList list && mutations.Count > 0)
        {
            // fqdns.Add(v); fqdns.AddRange(vs) — later in the same method, in source order; any other call on the list
            // (Insert, Remove, Clear) leaves it unknown.
            var items = new List<CSharpValue>(list.Items);
            var limit = MutationLimit(body, useSite, copiedAtUse);
            foreach (var statement in mutations.Where(s => s.SpanStart < limit))
            {
                if (ReturnsNewImmutableCollection(model.OperationOrNull(statement.Expression, _cancellationToken)))
                {
                    // fqdns.Add(v) on an ImmutableArray: the result is a new collection, and the statement drops it.
                    continue;
                }

                if (model.OperationOrNull(statement.Expression, _cancellationToken) is not IInvocationOperation { TargetMethod.Name: "Add" or "AddRange" } add
                    || PathOf(add.Instance ?? (add.Arguments.Length > 0 ? add.Arguments[0].Value : null)) is not { Count: 0 })
                {
                    return CSharpUnknown.Of(useSite);
                }

                InEachIteration(statement, declarator, depth, () =>
                {
                    items.AddRange(AddArguments(add, depth));
                    return true;
                });
            }

            return new CSharpList(items, list.Syntax);
        }

        if (value is CSharpObject obj && mutations.Count > 0)
        {
            // x.P = v; x.P.Add(v); x.P.Q = v — later in the same method, applied in source order.
            obj = obj.Clone();

            // An object converted at its use (Input<T> from T) is wrapped, not copied: later changes reach it.
            var limit = MutationLimit(body, useSite, copiedAtUse: false);
            foreach (var statement in mutations.Where(s => s.SpanStart < limit))
            {
                var mutation = model.OperationOrNull(statement.Expression, _cancellationToken);
                if (!InEachIteration(statement, declarator, depth, () => ApplyMutation(obj, mutation, depth)))
                {
                    // x.Configure(), or an extension method called on it: anything in it may have changed.
                    return CSharpUnknown.Of(useSite);
                }
            }

            return obj;
        }

        return value;
    }

    /// <summary>A call on an immutable collection (<c>System.Collections.Immutable</c>) that returns the changed copy.</summary>
    private static bool ReturnsNewImmutableCollection(IOperation? operation) =>
        operation is IInvocationOperation { TargetMethod: { ReturnsVoid: false, ContainingType.ContainingNamespace: { Name: "Immutable", ContainingNamespace: { Name: "Collections", ContainingNamespace.Name: "System" } } } };

    /// <summary>
    /// Where later changes to a local of <paramref name="body"/> stop counting: where the resource being read is created
    /// (or the call on its way there) when that is in the same method — objects are shared, so a change after the place that
    /// names the object still counts; at the use itself when the value is copied there; else the whole method (a helper
    /// that builds what it returns, an Azure SDK data object sent at the end).
    /// </summary>
    private int MutationLimit(SyntaxNode body, SyntaxNode useSite, bool copiedAtUse)
    {
        var useInBody = useSite.SyntaxTree == body.SyntaxTree && body.Span.Contains(useSite.Span) && useSite != body;
        if (copiedAtUse && useInBody)
        {
            return useSite.SpanStart;
        }

        foreach (var point in _readPoints)
        {
            if (point.SyntaxTree == body.SyntaxTree && body.Span.Contains(point.Span))
            {
                return point.SpanStart;
            }
        }

        return int.MaxValue;
    }

    /// <summary>
    /// Applies one later statement on the object (<c>x.P = v</c>, <c>x.P.Add(v)</c>). A statement it cannot apply
    /// (<c>x.P.Insert(0, v)</c>, <c>x.Tags["k"] = v</c>) makes the top-level property it starts from unknown; false when that
    /// is the object itself (<c>x.Configure()</c>): then nothing of it is known.
    /// </summary>
    private bool ApplyMutation(CSharpObject root, IOperation? operation, int depth)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation assignment when PathOf(assignment.Target) is { Count: > 0 } path:
                var owner = Navigate(root, path.Take(path.Count - 1));
                if (owner is null)
                {
                    return MarkChanged(root, path, operation);
                }

                owner.Properties[path[path.Count - 1]] = Resolve(assignment.Value, depth + 1) ?? CSharpUnknown.Of(assignment.Value.Syntax);
                return true;
            case IInvocationOperation { TargetMethod.Name: "Add" or "AddRange" } add
                when PathOf(add.Instance ?? (add.Arguments.Length > 0 ? add.Arguments[0].Value : null)) is { Count: > 0 } listPath:
                var listOwner = Navigate(root, listPath.Take(listPath.Count - 1));
                if (listOwner is null)
                {
                    return MarkChanged(root, listPath, operation);
                }

                var name = listPath[listPath.Count - 1];
                if (IsMapAdd(add))
                {
                    var map = listOwner.Get(name) as CSharpObject ?? new CSharpObject(null, add.Syntax, new Dictionary<string, CSharpValue>(StringComparer.OrdinalIgnoreCase), Array.Empty<CSharpValue?>());
                    AddMapEntry(map, add, depth);
                    listOwner.Properties[name] = map;
                    return true;
                }

                var items = listOwner.Get(name) is CSharpList existing ? new List<CSharpValue>(existing.Items) : new List<CSharpValue>();
                items.AddRange(AddArguments(add, depth));
                listOwner.Properties[name] = new CSharpList(items, listOwner.Get(name)?.Syntax ?? add.Syntax);
                return true;
            default:
                return MarkChanged(root, ChangedPath(operation), operation);
        }
    }

    /// <summary>The property path a statement the resolver cannot apply starts from: [] for the object itself.</summary>
    private static List<string> ChangedPath(IOperation? operation)
    {
        var target = operation switch
        {
            IAssignmentOperation assignment => assignment.Target,
            IIncrementOrDecrementOperation increment => increment.Target,
            IInvocationOperation invocation => invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null),
            IConditionalAccessOperation conditional => conditional.Operation,
            _ => null,
        };
        while (target is IPropertyReferenceOperation { Property.IsIndexer: true } or IArrayElementReferenceOperation or IConditionalAccessInstanceOperation)
        {
            target = target switch
            {
                IPropertyReferenceOperation indexer => indexer.Instance,
                IArrayElementReferenceOperation element => element.ArrayReference,
                _ => null,
            };
        }

        return PathOf(target) ?? new List<string>();
    }

    private static bool MarkChanged(CSharpObject root, List<string> path, IOperation? operation)
    {
        if (path.Count == 0)
        {
            return false;
        }

        root.Properties[path[0]] = CSharpUnknown.Of(operation?.Syntax ?? root.Syntax);
        return true;
    }

    /// <summary><c>x.A.B</c> → [A, B] when it starts at a local (the local itself is the root).</summary>
    private static List<string>? PathOf(IOperation? operation)
    {
        var path = new List<string>();
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IPropertyReferenceOperation property when !property.Property.IsIndexer:
                    path.Insert(0, property.Property.Name);
                    operation = property.Instance;
                    continue;
                case ILocalReferenceOperation:
                    return path;
                default:
                    return null;
            }
        }
    }

    private static CSharpObject? Navigate(CSharpObject root, IEnumerable<string> path)
    {
        var current = root;
        foreach (var name in path)
        {
            if (current.Get(name) is not CSharpObject next)
            {
                return null;
            }

            next = next.Clone();
            current.Properties[name] = next;
            current = next;
        }

        return current;
    }

    private CSharpValue? FromField(IFieldSymbol field, SyntaxNode useSite, int depth)
    {
        if (field.HasConstantValue)
        {
            return Constant(field.ConstantValue, useSite);
        }

        if (field.IsReadOnly && field.IsStatic
            && field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer } declarator)
        {
            if (!ObjectChanges.IsResource(field.Type) && _models.FieldMayChange(field, f => FieldMayChange(f)))
            {
                // Set again in the static constructor, or a readonly list or array changed by Fqdns.Add(…) or
                // Fqdns[0] = … in a method: its initializer is not what the rules hold.
                return CSharpUnknown.Of(useSite);
            }

            return CSharpLiteralInitializer.TryRead(field, initializer.Value) ?? Resolve(ModelFor(declarator.SyntaxTree).OperationOrNull(initializer.Value, _cancellationToken), depth + 1);
        }

        return CSharpUnknown.Of(useSite);
    }

    /// <summary>
    /// Whether <paramref name="field"/> (readonly, with an initializer) may hold something else where it is read: set again
    /// in a constructor of its type (the only place a readonly field can be), or, for a list or an array, changed by any
    /// use in the program.
    /// </summary>
    private bool FieldMayChange(IFieldSymbol field)
    {
        // Syntax first, binding last: most uses of a field only read it, and binding each use was the cost.
        var ownTrees = field.ContainingType.DeclaringSyntaxReferences.Select(r => r.SyntaxTree).Distinct().ToList();
        if (NamesOf(field, ownTrees).Any(use => ObjectChanges.IsAssignedBy(use) && Binds(use, field)))
        {
            return true;
        }

        if (field.Type is not { IsReferenceType: true, SpecialType: not SpecialType.System_String })
        {
            return false;
        }

        var trees = field.DeclaredAccessibility == Accessibility.Private
            ? ownTrees
            : _models.Compilation.SyntaxTrees.Where(t => _models.TextOf(t, _cancellationToken).IndexOf(field.Name, StringComparison.Ordinal) >= 0).ToList();
        return NamesOf(field, trees).Any(use => ObjectChanges.UseMayChange(use, ModelFor(use.SyntaxTree), ModelFor, _cancellationToken) && Binds(use, field));
    }

    /// <summary>The identifiers spelled like <paramref name="field"/> in <paramref name="trees"/> (not bound).</summary>
    private IEnumerable<IdentifierNameSyntax> NamesOf(IFieldSymbol field, IEnumerable<SyntaxTree> trees)
    {
        foreach (var tree in trees)
        {
            foreach (var identifier in tree.GetRoot(_cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText == field.Name)
                {
                    yield return identifier;
                }
            }
        }
    }

    private bool Binds(IdentifierNameSyntax identifier, IFieldSymbol field) =>
        SymbolEqualityComparer.Default.Equals(ModelFor(identifier.SyntaxTree).SymbolOrNull(identifier, _cancellationToken)?.OriginalDefinition, field.OriginalDefinition);

    private CSharpValue? FromProperty(IPropertyReferenceOperation reference, int depth)
    {
        var property = reference.Property;
        if (property.IsStatic && property.ContainingType is { TypeKind: TypeKind.Struct } type
            && SymbolEqualityComparer.Default.Equals(property.Type.OriginalDefinition, type.OriginalDefinition))
        {
            // An enum-struct member (Pulumi, Azure SDK): its wire value is its name up to case, which the engine ignores.
            return new CSharpScalar(EnumWireValue(property), reference.Syntax);
        }

        if (reference.Instance is not null
            && property.Name is "Id" or "Name"
            && Resolve(reference.Instance, depth + 1) is CSharpObject { ConstructorArguments.Count: > 0 } resource)
        {
            // policy.Id / policy.Name of a resource created in the program: a reference the readers can link.
            return new CSharpResourceReference(resource, property.Name, reference.Syntax);
        }

        if (reference.Instance is not null && (property.ContainingType.IsAnonymousType || IsPositionalRecordProperty(property)))
        {
            // hub.Region of new { Region = "westeurope" }, or of a record HubConfig(string Region) created in the program.
            return Resolve(reference.Instance, depth + 1) is CSharpObject { } member && member.Properties.TryGetValue(property.Name, out var value)
                ? value
                : CSharpUnknown.Of(reference.Syntax);
        }

        if (reference.Instance is not null && IsPlainSourceProperty(property)
            && Resolve(reference.Instance, depth + 1) is CSharpObject { } instance
            && instance.Properties.TryGetValue(property.Name, out var assigned))
        {
            // args.Location of a component's own HubArgs { Location = "westeurope" }: what the initializer (or a later
            // assignment the resolver merged) gave it. Only for auto-properties declared in the program, whose getter
            // returns what was set; an unset one stays unknown (its default may be computed).
            return assigned;
        }

        return CSharpUnknown.Of(reference.Syntax);
    }

    /// <summary>A property a record's primary constructor declares (<c>record HubConfig(string Region)</c>): it returns what the constructor was given.</summary>
    private bool IsPositionalRecordProperty(IPropertySymbol property) =>
        !property.IsStatic && property.DeclaringSyntaxReferences.Length == 1
        && property.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is ParameterSyntax { Parent: ParameterListSyntax { Parent: RecordDeclarationSyntax } };

    /// <summary>An instance auto-property declared in the program's source: <c>{ get; set; }</c> / <c>{ get; init; }</c>, no bodies.</summary>
    private bool IsPlainSourceProperty(IPropertySymbol property)
    {
        if (property.IsStatic || property.IsIndexer || property.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        // A list property with a default ({ get; } = new() { "a" }) that an object initializer adds to (Fqdns = { "b" })
        // holds both, while the initializer alone says "b": such properties are not read.
        return property.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is PropertyDeclarationSyntax { AccessorList: { } accessors, ExpressionBody: null } declaration
            && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null)
            && (declaration.Initializer is null || property.Type is not { IsReferenceType: true, SpecialType: not SpecialType.System_String });
    }

    private static string EnumWireValue(IPropertySymbol member) => member.ContainingType.Name switch
    {
        // Pulumi ContainerService enums whose wire values are camel case.
        "OutboundType" or "NetworkPlugin" => char.ToLowerInvariant(member.Name[0]) + member.Name.Substring(1),
        _ => member.Name,
    };

    private CSharpValue? FromInvocation(IInvocationOperation invocation, int depth)
    {
        var method = invocation.TargetMethod;
        if (method.Name is "ToArray" or "ToList" or "ToImmutableArray" or "ToImmutableList" && invocation.Instance is null && invocation.Arguments.Length == 1)
        {
            return Resolve(invocation.Arguments[0].Value, depth + 1) is CSharpList list ? new CSharpList(list.Items, invocation.Syntax) : CSharpUnknown.Of(invocation.Syntax);
        }

        if (method.ContainingType is { Name: "Config", ContainingNamespace.Name: "Pulumi" } && method.Name is "Require" or "Get" && invocation.Arguments.Length >= 1)
        {
            return FromStackConfig(invocation, depth);
        }

        if (IsImmutableCreate(method))
        {
            return new CSharpList(AddArguments(invocation, depth).ToList(), invocation.Syntax);
        }

        if (method.ContainingType?.SpecialType == SpecialType.System_String
            || (method.Name == "ToString" && invocation.Instance is { } receiver && IsComparable(UnboxedType(receiver))))
        {
            return FromTextMethod(invocation, depth) ?? CSharpUnknown.Of(invocation.Syntax);
        }

        if (method.ContainingType is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace.Name: "System" } })
        {
            return (CSharpValue?)FromEnumerable(invocation, depth) ?? CSharpUnknown.Of(invocation.Syntax);
        }

        // A helper method or local function in the program whose body is one returned expression (typically "XArgs Build() =>
        // new XArgs { … }", or "XArgs Rule(string name, params string[] fqdns) => new XArgs { Name = name, TargetFqdns = fqdns }").
        // A call that may run another body than the one it names — a virtual or abstract method, an override a subclass
        // may override again, an interface's method — is unknown: the base's body is not what an override returns.
        if ((!MayRunAnotherBody(method) || IsCalledOnItsOwnNewObject(invocation))
            && method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is { } declaration
            && ReturnedExpression(declaration) is { } returned)
        {
            var returnedOperation = ModelFor(declaration.SyntaxTree).OperationOrNull(returned, _cancellationToken);
            if (method.Parameters.Length == 0)
            {
                return Resolve(returnedOperation, depth + 1);
            }

            _calls.Add(ArgumentsOf(invocation.Arguments, declaration, depth));
            try
            {
                return Resolve(returnedOperation, depth + 1);
            }
            finally
            {
                _calls.RemoveAt(_calls.Count - 1);
            }
        }

        return CSharpUnknown.Of(invocation.Syntax);
    }

    /// <summary>
    /// Methods of <c>string</c> and <c>ToString</c> on a known value, as .NET runs them: <c>string.Concat</c>,
    /// <c>string.Join</c>, <c>string.Format</c> (with no provider or the invariant culture), <c>ToLowerInvariant</c>,
    /// <c>ToUpperInvariant</c>, <c>Trim</c>, <c>Split</c>, and <c>ToLower</c> / <c>ToUpper</c> where every culture agrees.
    /// Null for anything else, which the caller makes unknown.
    /// </summary>
    private CSharpValue? FromTextMethod(IInvocationOperation invocation, int depth)
    {
        var method = invocation.TargetMethod;
        var arguments = invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).ToList();
        var syntax = invocation.Syntax;
        if (invocation.Instance is null)
        {
            return method.Name switch
            {
                "Concat" => TextItems(arguments, depth) is { } items ? Joined(items, syntax) : null,
                "Join" when arguments.Count >= 2 && arguments[0].Parameter?.Type.SpecialType is SpecialType.System_String or SpecialType.System_Char
                    && Resolve(arguments[0].Value, depth + 1) is var separator && separator is null or CSharpScalar
                    && TextItems(arguments.Skip(1), depth) is { } items =>
                    Joined(items.SelectMany((item, i) => i == 0 ? new[] { item } : new[] { separator, item }), syntax),
                "Format" => FromFormat(arguments, syntax, depth),
                _ => null,
            };
        }

        if (Resolve(invocation.Instance, depth + 1) is not CSharpScalar value)
        {
            return null;
        }

        if (method.Name == "ToString")
        {
            // ToString(), ToString(provider), ToString("D4"), ToString("D4", provider).
            string? format = null;
            var invariantCulture = false;
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Type.SpecialType == SpecialType.System_String && Resolve(argument.Value, depth + 1) is var written && written is null or CSharpScalar)
                {
                    format = written.AsText();
                }
                else if (InvariantCulture(argument.Value) is { } invariant)
                {
                    invariantCulture = invariant;
                }
                else
                {
                    return null;
                }
            }

            return AsWritten(value, UnboxedType(invocation.Instance), format, invariantCulture) is { } text ? new CSharpScalar(text, syntax) : null;
        }

        if (method.Name == "Split")
        {
            return FromSplit(value.Text, arguments, syntax, depth);
        }

        // Beyond ASCII, case mappings and white space differ between runtimes (ICU, NLS) and versions.
        if (value.Text.Any(c => c > 127))
        {
            return null;
        }

        var culture = arguments.Count == 1 && arguments[0].Parameter?.Type.Name == nameof(CultureInfo) ? InvariantCulture(arguments[0].Value) : null;
        var cased = (method.Name, arguments.Count) switch
        {
            ("ToLowerInvariant", 0) => value.Text.ToLowerInvariant(),
            ("ToUpperInvariant", 0) => value.Text.ToUpperInvariant(),

            // In the culture's rules Turkish and Azeri lower I to ı and raise i to İ; every other ASCII letter is cased alike.
            ("ToLower", 0 or 1) when arguments.Count == 0 || culture is not null => culture == true || value.Text.IndexOf('I') < 0 ? value.Text.ToLowerInvariant() : null,
            ("ToUpper", 0 or 1) when arguments.Count == 0 || culture is not null => culture == true || value.Text.IndexOf('i') < 0 ? value.Text.ToUpperInvariant() : null,
            ("Trim", 0) => value.Text.Trim(),
            ("TrimStart", 0) => value.Text.TrimStart(),
            ("TrimEnd", 0) => value.Text.TrimEnd(),
            _ => null,
        };
        return cased is null ? null : new CSharpScalar(cased, syntax);
    }

    /// <summary>
    /// Whether a format provider or culture argument is the invariant culture (true), or null, the current culture, as
    /// none is (false); null for any other.
    /// </summary>
    private static bool? InvariantCulture(IOperation provider)
    {
        while (provider is IConversionOperation { IsImplicit: true } conversion)
        {
            provider = conversion.Operand;
        }

        return provider switch
        {
            { ConstantValue: { HasValue: true, Value: null } } => false,
            IPropertyReferenceOperation { Property: { Name: "InvariantCulture", ContainingType: { Name: nameof(CultureInfo), ContainingNamespace: { Name: "Globalization", ContainingNamespace.Name: "System" } } } } => true,
            _ => null,
        };
    }

    /// <summary>
    /// The strings <c>string.Concat</c> or <c>string.Join</c> writes from <paramref name="arguments"/>, as written by
    /// <see cref="Written"/>: each argument of a string or object parameter, each element of a params array, each item of
    /// a known list of strings. Null for any other argument (a start and a count, a list the reader does not know).
    /// </summary>
    private List<CSharpValue?>? TextItems(IEnumerable<IArgumentOperation> arguments, int depth)
    {
        var items = new List<CSharpValue?>();
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.ParamArray)
            {
                if (argument.Value is not IArrayCreationOperation { Initializer: { } elements })
                {
                    return null;
                }

                items.AddRange(elements.ElementValues.Select(e => Written(e, format: null, alignment: 0, e.Syntax, invariantCulture: false, depth)));
            }
            else if (argument.Parameter?.Type.SpecialType is SpecialType.System_String or SpecialType.System_Object)
            {
                items.Add(Written(argument.Value, format: null, alignment: 0, argument.Value.Syntax, invariantCulture: false, depth));
            }
            else if (IsSequenceOfStrings(argument.Parameter?.Type)
                && Resolve(argument.Value, depth + 1) is CSharpList { Items: var strings } && strings.All(s => s is CSharpScalar))
            {
                items.AddRange(strings);
            }
            else
            {
                return null;
            }
        }

        return items;

        static bool IsSequenceOfStrings(ITypeSymbol? type) => type switch
        {
            IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_String } => true,
            INamedTypeSymbol { Name: "IEnumerable", TypeArguments.Length: 1 } sequence => sequence.TypeArguments[0].SpecialType == SpecialType.System_String,
            _ => false,
        };
    }

    /// <summary>
    /// <c>string.Format([provider,] "{0}.{1,-8:D4}", args…)</c>: a known composite format whose items are written as
    /// interpolation writes its holes. The provider is none, null or the invariant culture; a format .NET would reject,
    /// or one the reader does not parse (white space in an item, a brace in a format string), is null.
    /// </summary>
    private CSharpValue? FromFormat(List<IArgumentOperation> arguments, SyntaxNode syntax, int depth)
    {
        var next = 0;
        var invariantCulture = false;
        if (arguments.Count > 0 && arguments[0].Parameter?.Type.Name == nameof(IFormatProvider))
        {
            if (InvariantCulture(arguments[0].Value) is not { } invariant)
            {
                return null;
            }

            invariantCulture = invariant;
            next = 1;
        }

        if (arguments.Count <= next || arguments[next].Parameter?.Type.SpecialType != SpecialType.System_String
            || Resolve(arguments[next].Value, depth + 1) is not CSharpScalar { Text: var format })
        {
            return null;
        }

        var formatSyntax = arguments[next].Value.Syntax;
        var values = new List<IOperation>();
        foreach (var argument in arguments.Skip(next + 1))
        {
            if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } elements })
            {
                values.AddRange(elements.ElementValues);
            }
            else if (argument.ArgumentKind != ArgumentKind.ParamArray && argument.Parameter?.Type.SpecialType == SpecialType.System_Object)
            {
                values.Add(argument.Value);
            }
            else
            {
                return null;
            }
        }

        var parts = new List<CSharpValue?>();
        var literal = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c is '{' or '}' && i + 1 < format.Length && format[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                return null;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            // {index[,alignment][:format]}
            var close = format.IndexOf('}', i);
            if (close < 0 || (close + 1 < format.Length && format[close + 1] == '}'))
            {
                return null;
            }

            var item = format.Substring(i + 1, close - i - 1);
            var colon = item.IndexOf(':');
            var head = colon < 0 ? item : item.Substring(0, colon);
            var comma = head.IndexOf(',');
            var alignment = 0;
            if (!int.TryParse(comma < 0 ? head : head.Substring(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= values.Count
                || (comma >= 0 && !int.TryParse(head.Substring(comma + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out alignment))
                || item.IndexOf('{') >= 0)
            {
                return null;
            }

            parts.Add(new CSharpScalar(literal.ToString(), formatSyntax));
            literal.Clear();
            parts.Add(Written(values[index], colon < 0 ? null : item.Substring(colon + 1), alignment, values[index].Syntax, invariantCulture, depth));
            i = close;
        }

        parts.Add(new CSharpScalar(literal.ToString(), formatSyntax));
        return Joined(parts, syntax);
    }

    /// <summary>
    /// <c>"a,b".Split(',')</c>: the pieces of a known string at known separators (chars or strings), empty pieces kept or,
    /// with <c>StringSplitOptions.RemoveEmptyEntries</c>, removed. Null for a count, other options, or an empty separator.
    /// </summary>
    private CSharpList? FromSplit(string text, List<IArgumentOperation> arguments, SyntaxNode syntax, int depth)
    {
        var separators = new List<string>();
        var options = StringSplitOptions.None;
        foreach (var argument in arguments)
        {
            var parameterType = argument.Parameter?.Type;
            if (IsSeparator(parameterType) || parameterType is IArrayTypeSymbol { ElementType: var element } && IsSeparator(element))
            {
                // ',' or ", ", or an array of them (params or not).
                var written = Resolve(argument.Value, depth + 1).Items();
                if (written.Count == 0 || written.Any(s => s is not CSharpScalar { Text.Length: > 0 }))
                {
                    return null;
                }

                separators.AddRange(written.Select(s => s.AsText()!));
            }
            else if (parameterType?.Name == nameof(StringSplitOptions)
                && argument.Value.ConstantValue is { HasValue: true, Value: int chosen } && (StringSplitOptions)chosen is StringSplitOptions.None or StringSplitOptions.RemoveEmptyEntries)
            {
                options = (StringSplitOptions)chosen;
            }
            else
            {
                return null;
            }
        }

        // No separator splits at white space.
        return separators.Count == 0
            ? null
            : new CSharpList(text.Split(separators.ToArray(), options).Select(piece => (CSharpValue)new CSharpScalar(piece, syntax)).ToList(), syntax);
    }

    /// <summary>
    /// <c>ImmutableArray.Create(a, b)</c>, <c>ImmutableList.Create(items)</c>, <c>CreateRange(list)</c>: overloads whose
    /// parameters are items or a params array or sequence of them, which <see cref="AddArguments"/> lists. Not a start and a
    /// length, a span (read as one item, it would be a list inside the list), or items that are lists themselves.
    /// </summary>
    private static bool IsImmutableCreate(IMethodSymbol method)
    {
        if (method is not { Name: "Create" or "CreateRange", TypeArguments.Length: 1, ContainingType: { Name: "ImmutableArray" or "ImmutableList", ContainingNamespace.Name: "Immutable" } }
            || method.TypeArguments[0] is IArrayTypeSymbol || IsListType(method.TypeArguments[0]))
        {
            return false;
        }

        // Create(T[] items, int start, int length) of ints would pass the next test.
        var item = method.TypeArguments[0];
        return (method.Parameters.Length == 1 || !method.Parameters.Any(p => p.Type is IArrayTypeSymbol)) && method.Parameters.All(p => SymbolEqualityComparer.Default.Equals(p.Type, item)
            || (p.Type is IArrayTypeSymbol { Rank: 1 } array && SymbolEqualityComparer.Default.Equals(array.ElementType, item))
            || (method.Name == "CreateRange" && p.Type is INamedTypeSymbol { Name: "IEnumerable", TypeArguments.Length: 1 } sequence && SymbolEqualityComparer.Default.Equals(sequence.TypeArguments[0], item)));
    }

    private static bool IsSeparator(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Char or SpecialType.System_String;

    /// <summary><c>new Builder().Hcp(…)</c>: the object is of exactly the type whose method is named, so that body runs.</summary>
    private static bool IsCalledOnItsOwnNewObject(IInvocationOperation invocation) =>
        !invocation.TargetMethod.IsAbstract
        && invocation.Instance is IObjectCreationOperation { Type: { } created }
        && SymbolEqualityComparer.Default.Equals(created, invocation.TargetMethod.ContainingType);

    private static bool MayRunAnotherBody(IMethodSymbol method) =>
        method.IsVirtual || method.IsAbstract || method.ContainingType?.TypeKind == TypeKind.Interface
        || (method.IsOverride && !method.IsSealed && method.ContainingType?.IsSealed != true);

    /// <summary>Items one LINQ call over known lists may make at the most (a <c>SelectMany</c> multiplies); more are unknown.</summary>
    private const int MaxProjectedItems = 4096;

    /// <summary>
    /// LINQ over lists the resolver knows — the C# form of an ARM property copy loop or a Bicep <c>for</c> expression:
    /// <c>fqdns.Select(f => new ApplicationRuleArgs { … TargetFqdns = { f } })</c>, <c>SelectMany</c>, <c>Concat</c>,
    /// <c>Append</c>, <c>Prepend</c>. The selector is a lambda returning one expression, or a helper method read as
    /// <see cref="FromInvocation"/> reads one. Null for anything else (<c>Where</c>, <c>Distinct</c>: what they keep is a
    /// run-time question), which the caller makes unknown. An item the resolver does not know projects to an unknown
    /// item: it may stand for any number of elements.
    /// </summary>
    private CSharpList? FromEnumerable(IInvocationOperation invocation, int depth)
    {
        var arguments = invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).ToList();
        if (arguments.Count != 2 || Resolve(arguments[0].Value, depth + 1) is not CSharpList source)
        {
            return null;
        }

        var syntax = invocation.Syntax;
        var items = new List<CSharpValue>();
        switch (invocation.TargetMethod.Name)
        {
            case "Concat" when Resolve(arguments[1].Value, depth + 1) is CSharpList other:
                items.AddRange(source.Items);
                items.AddRange(other.Items);
                break;
            case "Append" or "Prepend" when Resolve(arguments[1].Value, depth + 1) is { } added:
                items.AddRange(source.Items);
                items.Insert(invocation.TargetMethod.Name == "Append" ? items.Count : 0, added);
                break;
            case "Select" or "SelectMany":
                var flatten = invocation.TargetMethod.Name == "SelectMany";
                for (var index = 0; index < source.Items.Count; index++)
                {
                    var item = source.Items[index];
                    var projected = item is CSharpUnknown ? CSharpUnknown.Of(syntax) : Apply(arguments[1].Value, item, index, depth);
                    if (!flatten)
                    {
                        if (projected is not null)
                        {
                            items.Add(projected);
                        }
                    }
                    else if (projected is CSharpList inner)
                    {
                        items.AddRange(inner.Items);
                    }
                    else if (projected is not null)
                    {
                        // A selector whose list is unknown (or not a list): its items may be anything.
                        items.Add(CSharpUnknown.Of(projected.Syntax));
                    }

                    if (items.Count > MaxProjectedItems)
                    {
                        return null;
                    }
                }

                break;
            default:
                return null;
        }

        return new CSharpList(items, syntax);
    }

    /// <summary>
    /// A LINQ selector applied to one item (and its index, for <c>(x, i) =></c>): a lambda whose body is one returned
    /// expression, or a method group naming a helper of the program with one. Anything else is unknown.
    /// </summary>
    private CSharpValue? Apply(IOperation selector, CSharpValue item, int index, int depth)
    {
        var (parameters, body, scope) = selector is IDelegateCreationOperation creation
            ? creation.Target switch
            {
                IAnonymousFunctionOperation { Body.Operations.Length: 1 } lambda when lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } returned } =>
                    (lambda.Symbol.Parameters, returned, lambda.Syntax),
                IMethodReferenceOperation { Method: var method, Instance: null } when method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is { } declaration
                    && ReturnedExpression(declaration) is { } returnedSyntax =>
                    (method.Parameters, ModelFor(declaration.SyntaxTree).OperationOrNull(returnedSyntax, _cancellationToken), declaration),
                _ => (ImmutableArray<IParameterSymbol>.Empty, null, selector.Syntax),
            }
            : (ImmutableArray<IParameterSymbol>.Empty, null, selector.Syntax);
        if (body is null || parameters.Length is 0 or > 2)
        {
            return CSharpUnknown.Of(selector.Syntax);
        }

        // A parameter the selector assigns to is not the item by the time it is read.
        var reassigned = scope.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Where(ObjectChanges.IsAssignedBy).Select(i => i.Identifier.ValueText).ToList();
        var values = new Dictionary<IParameterSymbol, CSharpValue?>(SymbolEqualityComparer.Default)
        {
            [parameters[0].OriginalDefinition] = reassigned.Contains(parameters[0].Name) ? CSharpUnknown.Of(body.Syntax) : item,
        };
        if (parameters.Length == 2)
        {
            values[parameters[1].OriginalDefinition] = reassigned.Contains(parameters[1].Name)
                ? CSharpUnknown.Of(body.Syntax)
                : new CSharpScalar(index.ToString(CultureInfo.InvariantCulture), selector.Syntax);
        }

        _calls.Add(values);
        try
        {
            return Resolve(body, depth + 1);
        }
        finally
        {
            _calls.RemoveAt(_calls.Count - 1);
        }
    }

    /// <summary>
    /// The values a helper's parameters take in one call (optional ones their defaults, a params array its list). A
    /// parameter the helper assigns to, or passes by reference, is unknown: its value at the return is not the argument;
    /// so is an object the helper may change.
    /// </summary>
    private Dictionary<IParameterSymbol, CSharpValue?> ArgumentsOf(ImmutableArray<IArgumentOperation> arguments, SyntaxNode declaration, int depth)
    {
        var reassigned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var identifier in declaration.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (ObjectChanges.IsAssignedBy(identifier))
            {
                reassigned.Add(identifier.Identifier.ValueText);
            }
        }

        var values = new Dictionary<IParameterSymbol, CSharpValue?>(SymbolEqualityComparer.Default);
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { } parameter)
            {
                continue;
            }

            // An object the helper changes (groupArgs.RuleCollections.Add(…), or handed to a method that does) is not
            // what the caller's initializer says by the time the helper reads it.
            values[parameter.OriginalDefinition] = reassigned.Contains(parameter.Name) || parameter.RefKind is RefKind.Ref or RefKind.Out
                || (parameter.Type is { IsReferenceType: true, SpecialType: not SpecialType.System_String } && !ObjectChanges.IsResource(parameter.Type)
                    && ObjectChanges.ChangesParameter(declaration, parameter.Name, ModelFor, _cancellationToken))
                ? CSharpUnknown.Of(argument.Syntax)
                : Resolve(argument.Value, depth + 1);
        }

        return values;
    }

    /// <summary>A parameter of a helper being read takes its call's argument; any other parameter is unknown.</summary>
    private CSharpValue? FromParameter(IParameterReferenceOperation reference)
    {
        var parameter = reference.Parameter.OriginalDefinition;
        for (var i = _calls.Count - 1; i >= 0; i--)
        {
            if (_calls[i].TryGetValue(parameter, out var value))
            {
                return value;
            }
        }

        return CSharpUnknown.Of(reference.Syntax);
    }

    /// <summary><c>new Config("azure-native").Require("location")</c> / <c>new Config().Get("x")</c> from the stack files.</summary>
    private CSharpValue FromStackConfig(IInvocationOperation invocation, int depth)
    {
        var configObject = Resolve(invocation.Instance, depth + 1) as CSharpObject;
        var key = Resolve(invocation.Arguments[0].Value, depth + 1) as CSharpScalar;
        var ns = (configObject is { ConstructorArguments.Count: > 0 } ? configObject.ConstructorArguments[0] : null) switch
        {
            CSharpScalar s => s.Text,
            null => _config.ProjectName,
            _ => null,
        };
        if (configObject is null || key is null || ns is null)
        {
            return CSharpUnknown.Of(invocation.Syntax);
        }

        var qualified = key.Text.IndexOf(':') >= 0 ? key.Text : ns + ":" + key.Text;
        return _config.Get(qualified) is { } value ? new CSharpScalar(value, invocation.Syntax) : new CSharpUnknown($"the '{qualified}' stack setting", invocation.Syntax);
    }

    /// <summary>
    /// The one expression a method or local function returns: its expression body, or the single <c>return</c> of its
    /// block, at the block's top level (a return under a condition is one of several ways out). Null for anything else.
    /// </summary>
    private static ExpressionSyntax? ReturnedExpression(SyntaxNode declaration)
    {
        var (arrow, body) = declaration switch
        {
            MethodDeclarationSyntax method => (method.ExpressionBody, method.Body),
            LocalFunctionStatementSyntax local => (local.ExpressionBody, local.Body),
            _ => (null, null),
        };
        if (arrow is not null)
        {
            return arrow.Expression;
        }

        var returns = body?.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>().ToList();
        return returns is { Count: 1 } && returns[0].Parent == body ? returns[0].Expression : null;
    }

    private SemanticModel ModelFor(SyntaxTree tree) => _models.For(tree);
}

/// <summary><c>x.Id</c> / <c>x.Name</c> of a resource the program creates: readers turn it into a resource key.</summary>
internal sealed class CSharpResourceReference : CSharpValue
{
    public CSharpResourceReference(CSharpObject resource, string property, SyntaxNode syntax)
        : base(syntax)
    {
        Resource = resource;
        Property = property;
    }

    public CSharpObject Resource { get; }

    public string Property { get; }
}
