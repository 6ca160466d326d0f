using System.Threading;
using EgressAnalyzers.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace EgressAnalyzers.CSharp;

/// <summary>One object creation → a model resource, the same way for the analyzer and the code fixes.</summary>
internal static class CSharpResourceCollector
{
    public static ModelResource? TryRead(IObjectCreationOperation creation, CSharpSdkSymbols symbols, PulumiStackConfig config, Compilation compilation, CancellationToken cancellationToken)
    {
        var kind = symbols.KindOf(creation.Type);
        if (kind == CSharpResourceKind.None)
        {
            return null;
        }

        var resolver = new CSharpValueResolver(compilation, config, cancellationToken);
        return resolver.Resolve(creation) is CSharpObject resolved ? PulumiAzureNativeReader.Read(kind, resolved, config) : null;
    }
}
