using System;
using System.Collections.Generic;
using System.Threading;

namespace EgressAnalyzers.Engine.Json;

public enum JsonNodeKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// A JSON value with its exact position in the text (UTF-16 offsets). The reader is our own (see
/// <c>JsonDocument</c>): System.Text.Json is not part of what every compiler host provides, and we need
/// comments, error recovery and exact token spans.
/// </summary>
public abstract class JsonNode
{
    protected JsonNode(int start, int length)
    {
        Start = start;
        Length = length;
    }

    public abstract JsonNodeKind Kind { get; }

    /// <summary>Offset of the first character (for strings: the opening quote).</summary>
    public int Start { get; }

    public int Length { get; }

    public int End => Start + Length;
}

public sealed class JsonObject : JsonNode, INamedMembers
{
    // An object read from text keeps its members compactly, names and values alternating ([name0, value0, name1, …])
    // with the name tokens' spans beside them ([start0, length0, …]); the JsonProperty objects are made only when
    // Properties (or GetProperty) is read. Large templates have millions of members, most only ever looked up.
    private readonly object[]? _members;
    private readonly int[]? _nameSpans;

    private IReadOnlyList<JsonProperty>? _properties;
    private Dictionary<string, int>? _index;

    public JsonObject(IReadOnlyList<JsonProperty> properties, int start, int length)
        : base(start, length)
    {
        _properties = properties;
    }

    internal JsonObject(object[] members, int[] nameSpans, int start, int length)
        : base(start, length)
    {
        _members = members;
        _nameSpans = nameSpans;
    }

    public override JsonNodeKind Kind => JsonNodeKind.Object;

    public IReadOnlyList<JsonProperty> Properties =>
        _properties ?? Interlocked.CompareExchange(ref _properties, MakeProperties(), null) ?? _properties!;

    /// <summary>Number of members (duplicates included), as in <see cref="Properties"/>.</summary>
    internal int Count => _members is null ? _properties!.Count : _members.Length / 2;

    /// <summary>Case-insensitive lookup (ARM property names are case-insensitive); the last duplicate wins.</summary>
    public JsonProperty? GetProperty(string name) => IndexOf(name) is var i && i >= 0 ? Properties[i] : null;

    public JsonNode? this[string name] => IndexOf(name) is var i && i >= 0 ? ValueAt(i) : null;

    /// <summary>The name of member <paramref name="i"/>, as <see cref="JsonProperty.Name"/>.</summary>
    internal string NameAt(int i) => _members is null ? _properties![i].Name : (string)_members[2 * i];

    internal JsonNode ValueAt(int i) => _members is null ? _properties![i].Value : (JsonNode)_members[(2 * i) + 1];

    internal int NameStartAt(int i) => _members is null ? _properties![i].NameStart : _nameSpans![2 * i];

    internal int NameLengthAt(int i) => _members is null ? _properties![i].NameLength : _nameSpans![(2 * i) + 1];

    private JsonProperty[] MakeProperties()
    {
        var properties = new JsonProperty[Count];
        for (var i = 0; i < properties.Length; i++)
        {
            properties[i] = new JsonProperty(NameAt(i), NameStartAt(i), NameLengthAt(i), ValueAt(i));
        }

        return properties;
    }

    /// <summary>Position of the property named <paramref name="name"/> (case-insensitive; the last duplicate wins).</summary>
    private int IndexOf(string name) => NamedMembers.IndexOf(this, name, ref _index);

    int INamedMembers.MemberCount => Count;

    string INamedMembers.MemberNameAt(int index) => NameAt(index);
}

public sealed class JsonProperty
{
    public JsonProperty(string name, int nameStart, int nameLength, JsonNode value)
    {
        Name = name;
        NameStart = nameStart;
        NameLength = nameLength;
        Value = value;
    }

    public string Name { get; }

    /// <summary>Offset of the name token, including its opening quote.</summary>
    public int NameStart { get; }

    public int NameLength { get; }

    public JsonNode Value { get; }
}

public sealed class JsonArray : JsonNode
{
    public JsonArray(IReadOnlyList<JsonNode> items, int start, int length)
        : base(start, length)
    {
        Items = items;
    }

    public override JsonNodeKind Kind => JsonNodeKind.Array;

    public IReadOnlyList<JsonNode> Items { get; }
}

public sealed class JsonString : JsonNode
{
    public JsonString(string value, int start, int length)
        : base(start, length)
    {
        Value = value;
    }

    public override JsonNodeKind Kind => JsonNodeKind.String;

    /// <summary>The unescaped value.</summary>
    public string Value { get; }
}

public sealed class JsonNumber : JsonNode
{
    public JsonNumber(string rawText, int start, int length)
        : base(start, length)
    {
        RawText = rawText;
    }

    public override JsonNodeKind Kind => JsonNodeKind.Number;

    public string RawText { get; }

    /// <summary>The value when it is an integer that fits in 64 bits.</summary>
    public long? IntegerValue =>
        long.TryParse(RawText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}

/// <summary><c>true</c>, <c>false</c> or <c>null</c>.</summary>
public sealed class JsonLiteral : JsonNode
{
    public JsonLiteral(JsonNodeKind kind, int start, int length)
        : base(start, length)
    {
        if (kind is not (JsonNodeKind.True or JsonNodeKind.False or JsonNodeKind.Null))
        {
            throw new ArgumentOutOfRangeException(nameof(kind));
        }

        Kind = kind;
    }

    public override JsonNodeKind Kind { get; }
}

/// <summary>A <c>//</c> or <c>/* */</c> comment (kept for suppressions and for fixes that must keep comments).</summary>
public sealed class JsonComment
{
    public JsonComment(string text, int start, int length)
    {
        Text = text;
        Start = start;
        Length = length;
    }

    /// <summary>The comment body without its delimiters.</summary>
    public string Text { get; }

    public int Start { get; }

    public int Length { get; }
}

/// <summary>A syntax error, with the position to point at.</summary>
public sealed class JsonSyntaxError
{
    public JsonSyntaxError(string message, int start, int length)
    {
        Message = message;
        Start = start;
        Length = length;
    }

    public string Message { get; }

    public int Start { get; }

    public int Length { get; }
}
