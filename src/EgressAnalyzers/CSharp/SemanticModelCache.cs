using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace EgressAnalyzers.CSharp;

/// <summary>
/// One semantic model per syntax tree for a whole analysis. Values flow across files (a <c>static readonly</c> array
/// used by every rule, a resource group's name): a fresh model per lookup re-bound the same field or method each time,
/// which was the analyzer's largest cost on the 500-file benchmark. Semantic models are safe for concurrent queries.
/// </summary>
internal sealed class SemanticModelCache
{
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    public SemanticModelCache(Compilation compilation)
    {
        Compilation = compilation;
    }

    public Compilation Compilation { get; }

    /// <summary>Uses <paramref name="model"/> (the driver's own, already holding bound bodies) for its tree.</summary>
    public void Add(SemanticModel model) => _models.TryAdd(model.SyntaxTree, model);

    public SemanticModel For(SyntaxTree tree)
    {
        if (_models.TryGetValue(tree, out var model))
        {
            return model;
        }

#pragma warning disable RS1030 // Trees other than the one being analyzed need a model; this cache creates it once per analysis.
        return _models.GetOrAdd(tree, Compilation.GetSemanticModel(tree));
#pragma warning restore RS1030
    }
}
