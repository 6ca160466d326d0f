using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace EgressAnalyzers.CSharp;

/// <summary>
/// One semantic model per syntax tree for a whole analysis. Values flow across files (a <c>static readonly</c> array
/// used by every rule, a resource group's name): a fresh model per lookup re-bound the same field or method each time,
/// which was the analyzer's largest cost on the 500-file benchmark. Semantic models are safe for concurrent queries.
/// </summary>
internal sealed class SemanticModelCache
{
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
    private readonly ConcurrentDictionary<SyntaxTree, string> _texts = new();
    private readonly ConcurrentDictionary<IMethodSymbol, System.Lazy<List<IOperation>?>> _callsOf = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IFieldSymbol, bool> _fieldMayChange = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _setsMembersItself = new(SymbolEqualityComparer.Default);

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

    /// <summary>A tree's text as one string, made once per analysis (searched for names by <see cref="CSharpResourceCollector"/>).</summary>
    public string TextOf(SyntaxTree tree, System.Threading.CancellationToken cancellationToken) =>
        _texts.GetOrAdd(tree, t => t.GetText(cancellationToken).ToString());

    /// <summary>
    /// The calls of a helper (method or constructor), found once per analysis by <paramref name="find"/>: every resource a helper creates
    /// needs them, and finding them reads every file. A cancelled search is not kept (publication only).
    /// </summary>
    /// <summary>Whether a readonly field's object may be changed somewhere in the program, found once per analysis by <paramref name="find"/>.</summary>
    public bool FieldMayChange(IFieldSymbol field, System.Func<IFieldSymbol, bool> find) => _fieldMayChange.GetOrAdd(field, find);

    /// <summary>Whether a class of the program fills its own members, found once per analysis by <paramref name="find"/>.</summary>
    public bool SetsMembersItself(INamedTypeSymbol type, System.Func<INamedTypeSymbol, bool> find) => _setsMembersItself.GetOrAdd(type, find);

    public List<IOperation>? CallsOf(IMethodSymbol method, System.Func<IMethodSymbol, List<IOperation>?> find) =>
        _callsOf.GetOrAdd(method, m => new System.Lazy<List<IOperation>?>(() => find(m), System.Threading.LazyThreadSafetyMode.PublicationOnly)).Value;
}
