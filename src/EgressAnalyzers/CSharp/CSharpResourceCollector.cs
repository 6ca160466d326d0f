using System.Threading;
using EgressAnalyzers.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace EgressAnalyzers.CSharp;

/// <summary>One object creation → a model resource, the same way for the analyzer and the code fixes.</summary>
internal static class CSharpResourceCollector
{
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
}
