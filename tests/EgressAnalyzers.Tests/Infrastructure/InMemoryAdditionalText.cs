using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace EgressAnalyzers.Tests.Infrastructure;

/// <summary>An additional file as the compiler hands it to analyzers.</summary>
internal sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryAdditionalText(string path, SourceText text)
    {
        Path = path;
        _text = text;
    }

    public InMemoryAdditionalText(string path, string text)
        : this(path, SourceText.From(text))
    {
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
