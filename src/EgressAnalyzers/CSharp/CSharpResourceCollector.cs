using System;
using System.Collections.Generic;
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
            return TryRead(creation, symbols, config, models, cancellationToken) ?? ReadUnbound(candidate, creation.Type, symbols, config);
        }

        return ReadUnbound(candidate, model.TypeOrNull(candidate, cancellationToken), symbols, config);
    }

    public static ModelResource? TryRead(IObjectCreationOperation creation, CSharpSdkSymbols symbols, PulumiStackConfig config, SemanticModelCache models, CancellationToken cancellationToken)
    {
        var (kind, sdk) = symbols.Classify(creation.Type);
        if (kind == CSharpResourceKind.None)
        {
            return null;
        }

        var resolver = new CSharpValueResolver(models, config, cancellationToken);
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
