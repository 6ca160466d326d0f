using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EgressAnalyzers.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace EgressAnalyzers.CSharp;

/// <summary>One object creation → a model resource, the same way for the analyzer and the code fixes.</summary>
internal static class CSharpResourceCollector
{
    /// <summary>
    /// One candidate of <see cref="CSharpResourceSyntaxFilter"/> → a resource, or null when it creates none (the analyzer
    /// and the code fixes read candidates through here, so a fix sees exactly what the analyzer saw).
    /// </summary>
    public static ModelResource? ReadCandidate(BaseObjectCreationExpressionSyntax candidate, SemanticModel model, CSharpSdkSymbols symbols, PulumiStackConfig config, SemanticModelCache models, CancellationToken cancellationToken)
    {
        var operation = model.OperationOrNull(candidate, cancellationToken);
        if (operation is IObjectCreationOperation creation)
        {
            if (symbols.Classify(creation.Type).Kind != CSharpResourceKind.None && PerCall(creation, candidate, symbols, config, models, cancellationToken) is { } perCall)
            {
                return perCall;
            }

            return TryRead(creation, symbols, config, models, cancellationToken) ?? ReadUnbound(candidate, creation.Type, symbols, config);
        }

        return ReadUnbound(candidate, model.TypeOrNull(candidate, cancellationToken), symbols, config);
    }

    /// <summary>Calls of one helper read at the most; a helper called more often is read once, its parameters unknown.</summary>
    public const int MaxCallsPerHelper = 32;

    /// <summary>
    /// A resource created inside a helper method that uses its parameters (<c>AddAksRules(FirewallPolicy policy)</c>) is
    /// one resource per call, each with that call's arguments: read once with the parameters unknown, a group whose
    /// policy is a parameter belongs to no policy. Null when the creation is not in such a method, or the method has no
    /// call in the compilation (or more than <see cref="MaxCallsPerHelper"/>): it is then read once, as written.
    /// </summary>
    private static ModelResource? PerCall(IObjectCreationOperation creation, BaseObjectCreationExpressionSyntax candidate, CSharpSdkSymbols symbols, PulumiStackConfig config, SemanticModelCache models, CancellationToken cancellationToken)
    {
        if (candidate.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { ParameterList.Parameters.Count: > 0 } helper
            || creation.SemanticModel?.GetDeclaredSymbol(helper, cancellationToken) is not { } method
            || !UsesAParameter(helper))
        {
            return null;
        }

        var calls = models.CallsOf(method, m => CallsOf(m, models, cancellationToken));
        if (calls is null || calls.Count == 0)
        {
            return null;
        }

        var resources = new List<ModelResource>();
        foreach (var call in calls)
        {
            if (TryRead(creation, symbols, config, models, cancellationToken, (call, helper)) is { } resource)
            {
                resources.AddRange(resource is CSharpResourceBundle bundle ? bundle.Resources : new[] { resource });
            }
        }

        return resources.Count == 0 ? null : resources.Count == 1 ? resources[0] : new CSharpResourceBundle(resources);
    }

    private static bool UsesAParameter(MethodDeclarationSyntax helper)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in helper.ParameterList.Parameters)
        {
            names.Add(parameter.Identifier.ValueText);
        }

        foreach (var identifier in ((SyntaxNode?)helper.Body ?? helper.ExpressionBody)?.DescendantNodes().OfType<IdentifierNameSyntax>() ?? Array.Empty<IdentifierNameSyntax>())
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
    /// bound; null when there are more than <see cref="MaxCallsPerHelper"/>, or when the method is also used other than
    /// by a call (a method group passed on), whose arguments cannot be seen.
    /// </summary>
    private static List<IInvocationOperation>? CallsOf(IMethodSymbol method, SemanticModelCache models, CancellationToken cancellationToken)
    {
        var calls = new List<IInvocationOperation>();
        var definition = method.OriginalDefinition;
        foreach (var tree in models.Compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (models.TextOf(tree, cancellationToken).IndexOf(method.Name, StringComparison.Ordinal) < 0)
            {
                continue;
            }

            foreach (var name in tree.GetRoot(cancellationToken).DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (name.Identifier.ValueText != method.Name)
                {
                    continue;
                }

                var model = models.For(tree);
                var expression = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? (ExpressionSyntax)access : name;
                if (expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression)
                {
                    if (model.OperationOrNull(invocation, cancellationToken) is IInvocationOperation call
                        && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, definition))
                    {
                        calls.Add(call);
                        if (calls.Count > MaxCallsPerHelper)
                        {
                            return null;
                        }
                    }
                }
                else if (SymbolEqualityComparer.Default.Equals((model.SymbolOrNull(name, cancellationToken) as IMethodSymbol)?.OriginalDefinition, definition))
                {
                    return null;
                }
            }
        }

        return calls;
    }

    public static ModelResource? TryRead(IObjectCreationOperation creation, CSharpSdkSymbols symbols, PulumiStackConfig config, SemanticModelCache models, CancellationToken cancellationToken, (IInvocationOperation Call, MethodDeclarationSyntax Helper)? call = null)
    {
        var (kind, sdk) = symbols.Classify(creation.Type);
        if (kind == CSharpResourceKind.None)
        {
            return null;
        }

        var resolver = new CSharpValueResolver(models, config, cancellationToken);
        if (call is { } enclosing)
        {
            resolver.EnterCall(enclosing.Call, enclosing.Helper);
        }

        if (sdk == CSharpSdk.AzureResourceManager)
        {
            // Azure SDK data objects are filled in after creation (get-only lists and .Add): read them with the later calls.
            return resolver.ResolveWithLaterMutations(creation) is CSharpObject data ? AzureResourceManagerReader.Read(kind, data, creation) : null;
        }

        if (resolver.Resolve(creation) is not CSharpObject resolved)
        {
            return null;
        }

        return sdk == CSharpSdk.PulumiAzureClassic ? PulumiAzureClassicReader.Read(kind, resolved, config) : PulumiAzureNativeReader.Read(kind, resolved, config);
    }

    /// <summary>
    /// A creation of a rule collection group or of a classic rule collection that could not be read: code that does not
    /// compile yet (an argument too many, a misspelt Args type), an Args object known only at run time, or code the
    /// compiler cannot build an operation tree for. Its rules may be any policy's (or firewall's), so it is kept with its
    /// parent and rules unknown: left out, the policy it is for would look as if it lacked them, and every endpoint they
    /// allow would be reported missing while the line is being typed. Firewalls, policies and clusters that cannot be read
    /// are left out: without them the analysis only says less.
    /// </summary>
    public static ModelResource? ReadUnbound(BaseObjectCreationExpressionSyntax syntax, ITypeSymbol? type, CSharpSdkSymbols symbols, PulumiStackConfig config)
    {
        var (kind, sdk) = symbols.Classify(type);
        if (kind is not (CSharpResourceKind.RuleCollectionGroup or CSharpResourceKind.ClassicApplicationCollection or CSharpResourceKind.ClassicNetworkCollection)
            || sdk == CSharpSdk.AzureResourceManager)
        {
            return null;
        }

        var arguments = syntax.ArgumentList?.Arguments ?? default;
        CSharpValue? logicalName = arguments.Count > 0 && arguments[0].Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression, Token.ValueText: var name }
            ? new CSharpScalar(name, arguments[0].Expression)
            : null;
        var unknownArgs = CSharpUnknown.Of(syntax);
        var creation = new CSharpObject(type, syntax, new Dictionary<string, CSharpValue>(StringComparer.OrdinalIgnoreCase), new[] { logicalName, unknownArgs });
        return sdk == CSharpSdk.PulumiAzureClassic ? PulumiAzureClassicReader.Read(kind, creation, config) : PulumiAzureNativeReader.Read(kind, creation, config);
    }
}
