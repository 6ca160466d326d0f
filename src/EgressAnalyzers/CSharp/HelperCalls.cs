using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace EgressAnalyzers.CSharp;

/// <summary>One way into a helper: a call (an invocation, or an object creation for a constructor) and the helper it enters.</summary>
internal readonly struct HelperCall
{
    public HelperCall(IOperation call, BaseMethodDeclarationSyntax helper)
    {
        Call = call;
        Helper = helper;
    }

    /// <summary>An <see cref="IInvocationOperation"/> or an <see cref="IObjectCreationOperation"/>.</summary>
    public IOperation Call { get; }

    public BaseMethodDeclarationSyntax Helper { get; }
}

/// <summary>
/// Finds how a resource created inside a helper — a method or a constructor (a Pulumi <c>ComponentResource</c>) that
/// uses its parameters — is reached: every chain of calls from code that no helper of ours encloses, outermost first.
/// The resource is read once per chain, each time with that chain's arguments, so <c>new Hub("hub", new HubArgs { … })</c>
/// calling <c>AddAksRules(policy, args.Location)</c> gives a group of the hub's policy with the hub's region.
/// </summary>
internal static class HelperCalls
{
    /// <summary>Chains read for one creation at the most; with more, it is read once, its parameters unknown.</summary>
    public const int MaxChains = 32;

    /// <summary>Helpers followed outwards from the creation's own; past that, the outermost one's parameters are unknown.</summary>
    public const int MaxDepth = 4;

    public static ImmutableArray<IArgumentOperation> ArgumentsOf(IOperation call) => call switch
    {
        IInvocationOperation invocation => invocation.Arguments,
        IObjectCreationOperation creation => creation.Arguments,
        _ => ImmutableArray<IArgumentOperation>.Empty,
    };

    /// <summary>The method or constructor around <paramref name="node"/> when it has parameters its body uses; else null.</summary>
    public static BaseMethodDeclarationSyntax? EnclosingHelper(SyntaxNode node)
    {
        var helper = node.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>();
        return helper is MethodDeclarationSyntax or ConstructorDeclarationSyntax
            && helper.ParameterList.Parameters.Count > 0
            && ((SyntaxNode?)helper.Body ?? helper.ExpressionBody) is { } body
            && Mentions(helper, body)
            ? helper
            : null;
    }

    /// <summary>
    /// Every chain of calls that reaches <paramref name="helper"/>, outermost first; null when there is none to follow
    /// (no call in the compilation, a call that cannot be seen, or more than <see cref="MaxChains"/>).
    /// </summary>
    public static List<HelperCall[]>? ChainsInto(BaseMethodDeclarationSyntax helper, SemanticModelCache models, CancellationToken cancellationToken)
    {
        var chains = Expand(helper, models, 0, new HashSet<BaseMethodDeclarationSyntax>(), cancellationToken);
        return chains is { Count: > 0 } ? chains : null;
    }

    private static List<HelperCall[]>? Expand(BaseMethodDeclarationSyntax helper, SemanticModelCache models, int depth, HashSet<BaseMethodDeclarationSyntax> onPath, CancellationToken cancellationToken)
    {
        if (models.For(helper.SyntaxTree).GetDeclaredSymbol(helper, cancellationToken) is not IMethodSymbol method
            || models.CallsOf(method, m => FindCalls(m, models, cancellationToken)) is not { Count: > 0 } calls)
        {
            return null;
        }

        onPath.Add(helper);
        try
        {
            var chains = new List<HelperCall[]>();
            foreach (var call in calls)
            {
                var entry = new HelperCall(call, helper);

                // A call whose arguments use its own enclosing helper's parameters is read once per call of that helper
                // too (Stack → CreateHub(region) → AddAksRules(policy, region)); recursion is not followed.
                List<HelperCall[]>? outer = null;
                if (depth + 1 < MaxDepth
                    && EnclosingHelper(call.Syntax) is { } caller
                    && !onPath.Contains(caller)
                    && ArgumentListOf(call.Syntax) is { } arguments
                    && Mentions(caller, arguments))
                {
                    outer = Expand(caller, models, depth + 1, onPath, cancellationToken);
                }

                if (outer is null)
                {
                    chains.Add(new[] { entry });
                }
                else
                {
                    foreach (var chain in outer)
                    {
                        var longer = new HelperCall[chain.Length + 1];
                        chain.CopyTo(longer, 0);
                        longer[chain.Length] = entry;
                        chains.Add(longer);
                    }
                }

                if (chains.Count > MaxChains)
                {
                    return null;
                }
            }

            return chains;
        }
        finally
        {
            onPath.Remove(helper);
        }
    }

    private static ArgumentListSyntax? ArgumentListOf(SyntaxNode call) => call switch
    {
        InvocationExpressionSyntax invocation => invocation.ArgumentList,
        BaseObjectCreationExpressionSyntax creation => creation.ArgumentList,
        _ => null,
    };

    /// <summary>Whether <paramref name="scope"/> names one of <paramref name="helper"/>'s parameters.</summary>
    private static bool Mentions(BaseMethodDeclarationSyntax helper, SyntaxNode scope)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in helper.ParameterList.Parameters)
        {
            names.Add(parameter.Identifier.ValueText);
        }

        foreach (var identifier in scope.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (names.Contains(identifier.Identifier.ValueText))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The calls of <paramref name="method"/> in the compilation's source, found by name in the text of each file and then
    /// bound; null when there are more than <see cref="MaxChains"/>, or when the method may be entered in a way whose
    /// arguments cannot be seen: a method group passed on, a virtual or interface method (called through another
    /// type); for a constructor, a subclass (its <c>base(…)</c>), a <c>this(…)</c> chain or <c>typeof</c> (reflection). Missing a call would lose the resources it creates, so any
    /// doubt means "read once, parameters unknown".
    /// </summary>
    private static List<IOperation>? FindCalls(IMethodSymbol method, SemanticModelCache models, CancellationToken cancellationToken)
    {
        var isConstructor = method.MethodKind == MethodKind.Constructor;
        if (isConstructor && HasThisInitializer(method, cancellationToken))
        {
            return null;
        }

        if (method.IsVirtual || method.IsOverride || method.IsAbstract || ImplementsAnInterface(method))
        {
            // A call through the base type or the interface binds to another method: it would not be listed.
            return null;
        }

        var name = isConstructor ? method.ContainingType.Name : method.Name;
        var definition = method.OriginalDefinition;
        var calls = new List<IOperation>();
        foreach (var tree in models.Compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = models.TextOf(tree, cancellationToken);
            var namesIt = text.IndexOf(name, StringComparison.Ordinal) >= 0;
            if (!namesIt && !(isConstructor && CSharpResourceSyntaxFilter.TargetTypedNewPositions(text).Any()))
            {
                continue;
            }

            var model = models.For(tree);
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                IOperation? call;
                var found = isConstructor
                    ? ConstructorUse(node, name, definition, model, out call, cancellationToken)
                    : MethodUse(node, name, definition, model, out call, cancellationToken);
                if (found == Use.Opaque)
                {
                    return null;
                }

                if (call is not null)
                {
                    calls.Add(call);
                    if (calls.Count > MaxChains)
                    {
                        return null;
                    }
                }
            }
        }

        return calls;
    }

    private enum Use
    {
        None,
        Call,
        Opaque,
    }

    private static Use MethodUse(SyntaxNode node, string name, IMethodSymbol definition, SemanticModel model, out IOperation? call, CancellationToken cancellationToken)
    {
        call = null;
        if (node is not SimpleNameSyntax simple || simple.Identifier.ValueText != name)
        {
            return Use.None;
        }

        var expression = simple.Parent is MemberAccessExpressionSyntax access && access.Name == simple ? (ExpressionSyntax)access : simple;
        if (expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression)
        {
            if (model.OperationOrNull(invocation, cancellationToken) is IInvocationOperation invoked
                && SymbolEqualityComparer.Default.Equals(invoked.TargetMethod.OriginalDefinition, definition))
            {
                call = invoked;
                return Use.Call;
            }

            return Use.None;
        }

        return SymbolEqualityComparer.Default.Equals((model.SymbolOrNull(simple, cancellationToken) as IMethodSymbol)?.OriginalDefinition, definition)
            ? Use.Opaque
            : Use.None;
    }

    private static Use ConstructorUse(SyntaxNode node, string typeName, IMethodSymbol definition, SemanticModel model, out IOperation? call, CancellationToken cancellationToken)
    {
        call = null;
        switch (node)
        {
            case ObjectCreationExpressionSyntax creation when RightmostName(creation.Type) == typeName:
            case ImplicitObjectCreationExpressionSyntax:
                if (model.OperationOrNull(node, cancellationToken) is IObjectCreationOperation created
                    && SymbolEqualityComparer.Default.Equals(created.Constructor?.OriginalDefinition, definition))
                {
                    call = created;
                    return Use.Call;
                }

                return Use.None;
            case SimpleNameSyntax simple when simple.Identifier.ValueText == typeName
                && (simple.FirstAncestorOrSelf<BaseListSyntax>() is not null || simple.FirstAncestorOrSelf<TypeOfExpressionSyntax>() is not null):
                // A subclass enters the constructor through base(…); typeof hands the type to reflection.
                return SymbolEqualityComparer.Default.Equals(model.SymbolOrNull(simple, cancellationToken)?.OriginalDefinition, definition.ContainingType.OriginalDefinition)
                    ? Use.Opaque
                    : Use.None;
            default:
                return Use.None;
        }
    }

    private static string? RightmostName(TypeSyntax type) => type switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
        _ => null,
    };

    private static bool ImplementsAnInterface(IMethodSymbol method) =>
        !method.ExplicitInterfaceImplementations.IsEmpty
        || method.ContainingType.AllInterfaces.Any(i => i.GetMembers(method.Name).Any(m => SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(m), method)));

    /// <summary>Whether another constructor of the type chains into <paramref name="constructor"/> with <c>: this(…)</c>.</summary>
    private static bool HasThisInitializer(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        foreach (var reference in constructor.ContainingType.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax type
                && type.Members.OfType<ConstructorDeclarationSyntax>().Any(c => c.Initializer?.ThisOrBaseKeyword.IsKind(SyntaxKind.ThisKeyword) == true))
            {
                return true;
            }
        }

        return false;
    }
}
