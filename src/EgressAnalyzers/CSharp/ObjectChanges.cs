using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EgressAnalyzers.CSharp;

/// <summary>
/// Whether code may change an object the resolver read from its initializer: an <c>Args</c> object handed to a method
/// that adds rule collections to it would otherwise be read without them, and every endpoint they allow reported missing.
/// Changes the resolver applies itself (<c>x.P = v</c>, <c>x.P.Add(v)</c> in the method that made the object) are not
/// asked about here.
/// </summary>
internal static class ObjectChanges
{
    // Parameters followed into, through objects passed on; past that, a call is taken to change its argument.
    private const int MaxVisits = 16;

    /// <summary>The (method, parameter) pairs asked about in one question, so recursion ends and the work is bounded.</summary>
    private sealed class Visits
    {
        private readonly HashSet<(SyntaxNode Helper, string Name)> _seen = new();

        public bool TooDeep => _seen.Count >= MaxVisits;

        public bool Enter(SyntaxNode helper, string name) => !TooDeep && _seen.Add((helper, name));
    }

    /// <summary>
    /// Whether the body of <paramref name="helper"/> may change the object its parameter <paramref name="name"/> refers to:
    /// a statement that starts at it (<c>p.P = v</c>, <c>p.P.Add(v)</c>, <c>p.Configure()</c>, also inside a lambda), one
    /// of its members passed to a method, or the parameter passed to a method that may change it.
    /// </summary>
    public static bool ChangesParameter(SyntaxNode helper, string name, Func<SyntaxTree, SemanticModel> models, CancellationToken cancellationToken) =>
        ChangesParameter(helper, name, models, new Visits(), cancellationToken);

    private static bool ChangesParameter(SyntaxNode helper, string name, Func<SyntaxTree, SemanticModel> models, Visits visits, CancellationToken cancellationToken)
    {
        if (!visits.Enter(helper, name))
        {
            // Being asked already, further out (a helper that passes its parameter to itself): this use adds nothing,
            // or the method calls too many others to follow.
            return visits.TooDeep;
        }

        var body = helper switch
        {
            BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
            LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
            _ => null,
        };
        var initializer = (helper as ConstructorDeclarationSyntax)?.Initializer;
        foreach (var scope in new SyntaxNode?[] { initializer, body })
        {
            if (scope is null)
            {
                continue;
            }

            foreach (var identifier in scope.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText == name && !IsMemberName(identifier)
                    && UseMayChange(identifier, models(identifier.SyntaxTree), models, visits, cancellationToken))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether this use of a variable (as the start of an expression) may change the object it refers to.</summary>
    public static bool UseMayChange(IdentifierNameSyntax identifier, SemanticModel model, Func<SyntaxTree, SemanticModel> models, CancellationToken cancellationToken) =>
        UseMayChange(identifier, model, models, new Visits(), cancellationToken);

    private static bool UseMayChange(IdentifierNameSyntax identifier, SemanticModel model, Func<SyntaxTree, SemanticModel> models, Visits visits, CancellationToken cancellationToken)
    {
        // A field also as Type.x or this.x.
        var start = identifier.Parent is MemberAccessExpressionSyntax qualified && qualified.Name == identifier ? (ExpressionSyntax)qualified : identifier;
        return ExpressionMayChange(start, model, models, visits, elementsOnly: false, cancellationToken);
    }

    /// <summary>
    /// Whether this use of <paramref name="start"/> may change the object it refers to — or, with
    /// <paramref name="elementsOnly"/>, the objects a collection holds (a rule put in <c>new[] { rule }</c>): through the
    /// member accesses and calls that start at it, through another name it is given (<c>var fqdns = rule.TargetFqdns;</c>,
    /// <c>rule is { } r</c>, <c>foreach (var r in rules)</c>), or by being passed on.
    /// </summary>
    private static bool ExpressionMayChange(ExpressionSyntax start, SemanticModel model, Func<SyntaxTree, SemanticModel> models, Visits visits, bool elementsOnly, CancellationToken cancellationToken)
    {
        // Follow the member accesses and calls that start at it: x, x.P, x.P.Q, x.P[0], x.Name.ToLower(); casts and
        // parentheses are the same object.
        ExpressionSyntax chain = start;
        ExpressionSyntax self = start;
        var steps = 0;

        // Past a call, the chain is the call's result (Core.Concat(more).ToArray() is a new array), not the object.
        var called = false;
        while (true)
        {
            switch (chain.Parent)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    chain = parenthesized;
                    self = steps == 0 ? chain : self;
                    continue;
                case CastExpressionSyntax cast when cast.Expression == chain:
                    chain = cast;
                    self = steps == 0 ? chain : self;
                    continue;
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AsExpression) && binary.Left == chain:
                    chain = binary;
                    self = steps == 0 ? chain : self;
                    continue;
                case PostfixUnaryExpressionSyntax bang when bang.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    chain = bang;
                    self = steps == 0 ? chain : self;
                    continue;
                case MemberAccessExpressionSyntax access when access.Expression == chain:
                    chain = access;
                    steps++;
                    continue;
                case ElementAccessExpressionSyntax element when element.Expression == chain:
                    chain = element;
                    steps++;
                    continue;
                case ConditionalAccessExpressionSyntax conditional when conditional.Expression == chain:
                    // x?.P.Add(v): not followed further.
                    return true;
                case InvocationExpressionSyntax invocation when invocation.Expression == chain:
                    // A method called on the object or on an object it holds (x.Configure(), x.P.Add(v), an extension
                    // method) may change it; one called on a string or a value (x.Name.ToLower()) works on a copy. A
                    // collection's own Add or Remove changes which objects it holds, not them, unless it is handed a
                    // function (rules.ForEach(r => …)).
                    if (chain is MemberAccessExpressionSyntax { Expression: var receiver } && IsObject(receiver, model, cancellationToken)
                        && !IsReadOnlyCall(invocation, model, cancellationToken)
                        && !(elementsOnly && receiver == self && ChangesOnlyTheCollection(invocation, model, cancellationToken)))
                    {
                        return true;
                    }

                    chain = invocation;
                    called = true;
                    continue;
            }

            break;
        }

        if (chain.Parent is RefExpressionSyntax)
        {
            // ref var first = ref regions[0]: written through the reference, out of sight.
            return true;
        }

        if (chain != start && (chain.Parent is AssignmentExpressionSyntax assignment && assignment.Left == chain || chain.Parent is PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax))
        {
            // x.P = v; x.P[0] = v; x.Count++ (rules[0] = other replaces what a collection holds, it does not change it).
            return !(elementsOnly && steps == 1 && chain is ElementAccessExpressionSyntax);
        }

        if (!called && IsObject(chain, model, cancellationToken) && Alias(chain, elementsOnly && steps == 0, model, models, visits, cancellationToken) is { } aliased)
        {
            return aliased;
        }

        if (chain.Parent is not ArgumentSyntax argument)
        {
            return false;
        }

        if (argument.RefKindKeyword.RawKind != 0)
        {
            return true;
        }

        // x or x.P passed on: a string or a value copied is no way in; an object may be changed by the method.
        return (chain == start || IsObject(chain, model, cancellationToken))
            && MayChange(argument, model, models, visits, cancellationToken);
    }

    /// <summary>
    /// When <paramref name="value"/> (an object) is given another name or put in a collection, whether it may change
    /// through that; null when it is not.
    /// </summary>
    private static bool? Alias(ExpressionSyntax value, bool elementsOnly, SemanticModel model, Func<SyntaxTree, SemanticModel> models, Visits visits, CancellationToken cancellationToken)
    {
        switch (value.Parent)
        {
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax alias }:
                return NamedMayChange(alias.Identifier.ValueText, alias, elementsOnly, model, models, visits, cancellationToken);
            case AssignmentExpressionSyntax assignment when assignment.Right == value:
                if (assignment.Parent is InitializerExpressionSyntax { Parent: ExpressionSyntax dictionary } && assignment.Left is ImplicitElementAccessSyntax)
                {
                    // new Dictionary<string, T> { ["https"] = rule }: an item of a collection, as below.
                    return ExpressionMayChange(dictionary, model, models, visits, elementsOnly: true, cancellationToken);
                }

                if (assignment.Parent is InitializerExpressionSyntax)
                {
                    // Rules = rules in an object initializer: read with the object it is put in.
                    return false;
                }

                // Another local (copy = rule), or somewhere the reader does not look (a field, another object's member).
                return assignment.Left is IdentifierNameSyntax local && model.SymbolOrNull(local, cancellationToken) is ILocalSymbol
                    ? NamedMayChange(local.Identifier.ValueText, assignment, elementsOnly, model, models, visits, cancellationToken)
                    : true;
            case IsPatternExpressionSyntax pattern when pattern.Expression == value:
                return DesignationsMayChange(pattern.Pattern, model, models, visits, cancellationToken);
            case SwitchStatementSyntax statement when statement.Expression == value:
                return statement.Sections.SelectMany(s => s.Labels).Any(l => DesignationsMayChange(l, model, models, visits, cancellationToken));
            case SwitchExpressionSyntax expression when expression.GoverningExpression == value:
                return expression.Arms.Any(a => DesignationsMayChange(a.Pattern, model, models, visits, cancellationToken));
            case ForEachStatementSyntax loop when loop.Expression == value:
                // foreach (var r in rules) r.TargetFqdns.Add(…): each item goes by the loop's name.
                return NamedMayChange(loop.Identifier.ValueText, loop, elementsOnly: false, model, models, visits, cancellationToken);
            case ForEachVariableStatementSyntax loop when loop.Expression == value:
                return DesignationsMayChange(loop.Variable, model, models, visits, cancellationToken);
            case InitializerExpressionSyntax initializer when !initializer.IsKind(SyntaxKind.ObjectInitializerExpression):
                // An item of a collection: new[] { rule }, new List<T> { rule }, string[] a = { … }. In an object
                // initializer's member (Rules = { rule }) it is read with that object; elsewhere the collection's uses
                // decide (a loop over it, an item taken out, a method it is passed to).
                return initializer.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax }
                    ? false
                    : initializer.Parent is ExpressionSyntax collection
                        ? ExpressionMayChange(collection, model, models, visits, elementsOnly: true, cancellationToken)
                        : initializer.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax array }
                            ? NamedMayChange(array.Identifier.ValueText, array, elementsOnly: true, model, models, visits, cancellationToken)
                            : true;
            case ExpressionElementSyntax { Parent: CollectionExpressionSyntax items }:
                return items.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax }
                    ? false
                    : ExpressionMayChange(items, model, models, visits, elementsOnly: true, cancellationToken);
            default:
                return null;
        }
    }

    /// <summary>Whether the object may change through the variables a pattern or a deconstruction declares.</summary>
    private static bool DesignationsMayChange(SyntaxNode pattern, SemanticModel model, Func<SyntaxTree, SemanticModel> models, Visits visits, CancellationToken cancellationToken) =>
        pattern.DescendantNodesAndSelf().OfType<SingleVariableDesignationSyntax>()
            .Any(d => NamedMayChange(d.Identifier.ValueText, d, elementsOnly: false, model, models, visits, cancellationToken));

    /// <summary>
    /// Whether a use of the variable <paramref name="name"/> that <paramref name="declaration"/> declares (or assigns),
    /// after it in the same body, may change the object (or, with <paramref name="elementsOnly"/>, the objects it holds)
    /// it refers to. A field is not followed (it may be used anywhere): it may.
    /// </summary>
    private static bool NamedMayChange(string name, SyntaxNode declaration, bool elementsOnly, SemanticModel model, Func<SyntaxTree, SemanticModel> models, Visits visits, CancellationToken cancellationToken)
    {
        var symbol = declaration switch
        {
            AssignmentExpressionSyntax assignment => model.SymbolOrNull(assignment.Left, cancellationToken),
            _ => model.GetDeclaredSymbol(declaration, cancellationToken),
        };
        if (symbol is not ILocalSymbol local)
        {
            return true;
        }

        // A string or a value taken apart from the object (foreach (var (region, i) in …)) is a copy: no way in. A span
        // (Span<string> s = regions) is not: it is a view of the array.
        if (!elementsOnly && !(local.Type is { IsReferenceType: true } type && type.SpecialType != SpecialType.System_String)
            && local.Type is not null && local.Type.TypeKind != TypeKind.Error && local.Type.Name is not ("Span" or "Memory"))
        {
            return false;
        }

        if (!visits.Enter(declaration, name))
        {
            return visits.TooDeep;
        }

        var body = declaration.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax
            or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax);
        if (body is null)
        {
            return true;
        }

        foreach (var use in body.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (use.Identifier.ValueText == name && use.SpanStart > declaration.SpanStart && !IsMemberName(use) && !IsAssignedBy(use)
                && SymbolEqualityComparer.Default.Equals(model.SymbolOrNull(use, cancellationToken), local)
                && ExpressionMayChange(use, model, models, visits, elementsOnly, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A .NET collection's own method (Add, Remove, Insert, …) given no function: it changes which objects the collection holds, not them.</summary>
    private static bool ChangesOnlyTheCollection(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken) =>
        model.SymbolOrNull(invocation, cancellationToken) is IMethodSymbol method && IsTrustedLibrary(method)
        && !invocation.ArgumentList.Arguments.Any(a => a.Expression is AnonymousFunctionExpressionSyntax
            || model.GetTypeInfo(a.Expression, cancellationToken).ConvertedType?.TypeKind == TypeKind.Delegate);

    /// <summary>Whether the identifier names a member of something (<c>other.x</c>): then it is not a local or a parameter.</summary>
    public static bool IsMemberName(IdentifierNameSyntax identifier) =>
        identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier
        || identifier.Parent is MemberBindingExpressionSyntax;

    /// <summary>
    /// Whether this occurrence of a variable or field gives it a new value: the left of an assignment (also as
    /// <c>this.x</c> or <c>Type.x</c>, and inside a deconstruction <c>(x, y) = …</c>), <c>++</c>/<c>--</c>, or a
    /// <c>ref</c>/<c>out</c> argument.
    /// </summary>
    public static bool IsAssignedBy(IdentifierNameSyntax identifier)
    {
        SyntaxNode node = identifier;
        if (node.Parent is MemberAccessExpressionSyntax access && access.Name == node)
        {
            node = access;
        }

        if (node.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not 0 })
        {
            return true;
        }

        while (node.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax tuple })
        {
            node = tuple;
        }

        return node.Parent is AssignmentExpressionSyntax assignment && assignment.Left == node
            || node.Parent is PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax;
    }

    /// <summary>
    /// Calls that read a collection or an output without changing it: LINQ (<c>CoreFqdns.Concat(more)</c>), Pulumi's
    /// <c>Output</c> methods (<c>policy.Name.Apply(…)</c>), and the read-only members of .NET's collections.
    /// </summary>
    private static bool IsReadOnlyCall(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.SymbolOrNull(invocation, cancellationToken) is not IMethodSymbol method)
        {
            return false;
        }

        var type = (method.ReducedFrom ?? method).ContainingType;
        if (type is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } }
            || type is { Name: "Output", ContainingNamespace: { Name: "Pulumi", ContainingNamespace.IsGlobalNamespace: true } })
        {
            return true;
        }

        return IsTrustedLibrary(method) && method.Name is "Contains" or "IndexOf" or "LastIndexOf" or "ToArray" or "ToList" or "ToString"
            or "Equals" or "GetHashCode" or "GetEnumerator" or "Exists" or "Find" or "FindAll" or "FindIndex" or "TrueForAll"
            or "ConvertAll" or "GetRange" or "Apply";
    }

    /// <summary>
    /// Pulumi resources: a resource object is read from its constructor's arguments, which nothing done to it later
    /// changes (its outputs are read-only).
    /// </summary>
    public static bool IsResource(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current is { Name: "Resource", ContainingNamespace: { Name: "Pulumi", ContainingNamespace.IsGlobalNamespace: true } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether an expression's value is an object that can be changed through it (not a string, not a value).</summary>
    private static bool IsObject(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetTypeInfo(expression, cancellationToken).Type is not { } type
        || (type.IsReferenceType && type.SpecialType != SpecialType.System_String);

    /// <summary>
    /// Whether passing <paramref name="argument"/> (by value) may change the object it refers to: true for a method of the
    /// program (or of a library other than .NET, Pulumi and the Azure SDK) that changes its parameter or passes it on to
    /// one that may; false for .NET, Pulumi and Azure SDK members (a resource constructor reads its Args, it does not
    /// change them).
    /// </summary>
    private static bool MayChange(ArgumentSyntax argument, SemanticModel model, Func<SyntaxTree, SemanticModel> models, Visits visits, CancellationToken cancellationToken)
    {
        var call = argument.Parent?.Parent;
        var target = call switch
        {
            InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or ConstructorInitializerSyntax => model.SymbolOrNull(call, cancellationToken) as IMethodSymbol,
            _ => null,
        };
        if (target is null)
        {
            // An argument of something that is not a call (an indexer, a collection expression) or a call that does not bind.
            return call is not (ElementAccessExpressionSyntax or BracketedArgumentListSyntax);
        }

        if (target.MethodKind == MethodKind.DelegateInvoke)
        {
            // configure(rule), with Action<T> configure = r => r.TargetFqdns.Add(…): the delegate's body is not followed.
            return true;
        }

        if (target.DeclaringSyntaxReferences.IsEmpty)
        {
            return !IsTrustedLibrary(target) || WritesInto(target, argument, model, cancellationToken);
        }

        if (Parameter(target, argument, model, cancellationToken) is not { } parameter)
        {
            return true;
        }

        var declaration = target.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        return ChangesParameter(declaration, parameter.Name, models, visits, cancellationToken);
    }

    private static IParameterSymbol? Parameter(IMethodSymbol target, ArgumentSyntax argument, SemanticModel model, CancellationToken cancellationToken)
    {
        if (argument.NameColon is { } named)
        {
            return target.Parameters.FirstOrDefault(p => p.Name == named.Name.Identifier.ValueText);
        }

        if (argument.Parent is not BaseArgumentListSyntax list)
        {
            return null;
        }

        var index = list.Arguments.IndexOf(argument);

        // An extension method called as one: its first parameter is the receiver, not the first argument.
        var reduced = target.ReducedFrom is not null ? 1 : 0;
        target = target.ReducedFrom ?? target;
        index += reduced;
        return index < target.Parameters.Length ? target.Parameters[index] : target.Parameters.LastOrDefault(p => p.IsParams);
    }

    /// <summary>
    /// .NET methods that write into an array (or a span over one) they are given: <c>Array.Reverse</c>, <c>Sort</c>,
    /// <c>Fill</c>, <c>Clear</c>, the destination of <c>Array.Copy</c> and of <c>CopyTo</c>.
    /// </summary>
    private static bool WritesInto(IMethodSymbol target, ArgumentSyntax argument, SemanticModel model, CancellationToken cancellationToken)
    {
        if (target.ContainingType is { Name: "Array", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }
            && target.Name is "Reverse" or "Sort" or "Fill" or "Clear" or "Resize")
        {
            return true;
        }

        return target.Name is "CopyTo" or "TryCopyTo"
            || Parameter(target, argument, model, cancellationToken)?.Name.StartsWith("destination", StringComparison.Ordinal) == true;
    }

    /// <summary>.NET, Pulumi and the Azure SDK: what they do with an argument is not to change a program's Args objects.</summary>
    private static bool IsTrustedLibrary(IMethodSymbol method)
    {
        var root = method.ContainingNamespace;
        while (root is { ContainingNamespace.IsGlobalNamespace: false })
        {
            root = root.ContainingNamespace;
        }

        return root?.Name is "System" or "Microsoft" or "Pulumi" or "Azure";
    }
}
