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

    /// <summary>
    /// A resource created inside a helper that uses its parameters — a method (<c>AddAksRules(FirewallPolicy policy)</c>)
    /// or a constructor (a Pulumi <c>ComponentResource</c>) — is one resource per call, each with that call's arguments,
    /// following callers that pass their own parameters on (see <see cref="HelperCalls"/>): read once with the parameters
    /// unknown, a group whose policy is a parameter belongs to no policy. Null when the creation is not in such a helper,
    /// or its calls cannot all be seen: it is then read once, as written.
    /// </summary>
    private static ModelResource? PerCall(IObjectCreationOperation creation, BaseObjectCreationExpressionSyntax candidate, CSharpSdkSymbols symbols, PulumiStackConfig config, SemanticModelCache models, CancellationToken cancellationToken)
    {
        if (HelperCalls.EnclosingHelper(candidate) is not { } helper
            || HelperCalls.ChainsInto(helper, models, cancellationToken) is not { } chains)
        {
            return null;
        }

        var resources = new List<ModelResource>();
        var read = false;
        foreach (var chain in chains)
        {
            // One budget of loop iterations for all the chains: 32 chains of 256 iterations each would be 8,192 reads.
            if (TryRead(creation, symbols, config, models, cancellationToken, chain, Math.Max(1, ForEachLoops.MaxIterations / chains.Count)) is { } resource)
            {
                read = true;
                resources.AddRange(resource is CSharpResourceBundle bundle ? bundle.Resources : new[] { resource });
            }
        }

        return !read ? null : resources.Count == 0 ? CSharpResourceBundle.NoneCreated(candidate) : resources.Count == 1 ? resources[0] : new CSharpResourceBundle(resources);
    }

    /// <summary>
    /// Reads one creation (inside the helpers of <paramref name="chain"/>, when given): once per iteration of the
    /// <c>foreach</c> loops around it, or around a call of the chain, whose collections are known
    /// (<see cref="ForEachLoops"/>), so <c>foreach (var region in Regions) new FirewallPolicy($"fw-{region}", …)</c>, or
    /// <c>AddHub(region)</c> in such a loop, is one policy per region, as an ARM copy loop or a Bicep <c>for</c> is. A
    /// bundle when that makes several resources.
    /// </summary>
    public static ModelResource? TryRead(IObjectCreationOperation creation, CSharpSdkSymbols symbols, PulumiStackConfig config, SemanticModelCache models, CancellationToken cancellationToken, IReadOnlyList<HelperCall>? chain = null, int maxIterations = ForEachLoops.MaxIterations)
    {
        var (kind, sdk) = symbols.Classify(creation.Type);
        if (kind == CSharpResourceKind.None)
        {
            return null;
        }

        // The loops around each call of the chain (foreach (var region in Regions) AddHub(region)), outermost first,
        // then those around the creation itself; and the conditions inside them that each runs under.
        var scopes = (chain ?? Array.Empty<HelperCall>()).Select(call => ForEachLoops.Around(call.Call.Syntax)).ToList();
        scopes.Add(ForEachLoops.Around(creation.Syntax));
        var loops = scopes.SelectMany(s => s.Loops).ToList();
        var guards = scopes.SelectMany(s => s.Guards).ToList();
        CSharpValueResolver Prepare(IReadOnlyList<(ILocalSymbol Variable, CSharpValue Item)> iteration)
        {
            var resolver = new CSharpValueResolver(models, config, cancellationToken);

            // Bound first: entering a call reads its arguments, which may be the loop's variable.
            foreach (var (variable, item) in iteration)
            {
                resolver.BindLoopItem(variable, item);
            }

            if (sdk != CSharpSdk.AzureResourceManager)
            {
                // A Pulumi resource takes its Args when it is created; an Azure SDK data object is sent later
                // (CreateOrUpdate), so every change in its method counts.
                resolver.ReadAt(creation.Syntax);
            }

            foreach (var call in chain ?? Array.Empty<HelperCall>())
            {
                resolver.EnterCall(call.Call, call.Helper);
            }

            return resolver;
        }

        var iterations = loops.Count == 0 ? null : Iterations(loops, Prepare, maxIterations);
        if (guards.Count > 0)
        {
            // if (region != "northeurope") new FirewallPolicy(…) in the loop: one policy per item the condition holds for,
            // as a Bicep `for … if` makes. When the reader cannot decide it for some iteration, the loops outside the
            // conditions are read once, their variables unknown.
            var decisions = iterations?.Select(iteration => (Iteration: iteration, Holds: Prepare(iteration).Holds(guards))).ToList();
            if (decisions is null || decisions.Any(d => d.Holds is null))
            {
                var unguarded = scopes.SelectMany(s => s.UnguardedLoops).ToList();
                iterations = unguarded.Count == 0 ? null : Iterations(unguarded, Prepare, maxIterations);
            }
            else
            {
                iterations = decisions.Where(d => d.Holds == true).Select(d => d.Iteration).ToList();
                if (iterations.Count == 0)
                {
                    return CSharpResourceBundle.NoneCreated(creation.Syntax);
                }
            }
        }

        if (iterations is null)
        {
            return ReadOnce(creation, kind, sdk, config, Prepare(Array.Empty<(ILocalSymbol, CSharpValue)>()));
        }

        var resources = new List<ModelResource>();
        foreach (var iteration in iterations)
        {
            if (ReadOnce(creation, kind, sdk, config, Prepare(iteration)) is { } resource)
            {
                resources.Add(resource);
            }
        }

        return resources.Count == 0 ? null : resources.Count == 1 ? resources[0] : new CSharpResourceBundle(resources);
    }

    /// <summary>
    /// The iterations of <paramref name="loops"/> (outermost first) to read a creation in: each binds every loop variable
    /// to one item. An inner loop's collection is read in its outer loop's iteration (<c>foreach (var f in hub.Fqdns)</c>).
    /// Null when the outermost loop is not expanded; expansion stops at the first loop that is not, or past
    /// <paramref name="maxIterations"/>, and the loops from there are read with their variables unknown.
    /// </summary>
    private static List<List<(ILocalSymbol Variable, CSharpValue Item)>>? Iterations(List<StatementSyntax> loops, Func<IReadOnlyList<(ILocalSymbol, CSharpValue)>, CSharpValueResolver> prepare, int maxIterations)
    {
        List<List<(ILocalSymbol Variable, CSharpValue Item)>>? iterations = null;
        foreach (var loop in loops)
        {
            var next = new List<List<(ILocalSymbol Variable, CSharpValue Item)>>();
            foreach (var outer in iterations ?? new List<List<(ILocalSymbol Variable, CSharpValue Item)>> { new() })
            {
                if (prepare(outer).LoopItems(loop) is not { Items.Count: > 0 } expansion)
                {
                    return iterations;
                }

                foreach (var item in expansion.Items)
                {
                    var iteration = new List<(ILocalSymbol Variable, CSharpValue Item)>(outer);
                    iteration.AddRange(expansion.Bind(item));
                    next.Add(iteration);
                }

                if (next.Count > maxIterations)
                {
                    return iterations;
                }
            }

            iterations = next;
        }

        return iterations;
    }

    private static ModelResource? ReadOnce(IObjectCreationOperation creation, CSharpResourceKind kind, CSharpSdk sdk, PulumiStackConfig config, CSharpValueResolver resolver)
    {
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
