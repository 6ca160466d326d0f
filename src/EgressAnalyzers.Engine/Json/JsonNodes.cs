using System;
using System.Collections.Generic;

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

public sealed class JsonObject : JsonNode
{
    private Dictionary<string, JsonProperty>? _index;

    public JsonObject(IReadOnlyList<JsonProperty> properties, int start, int length)
        : base(start, length)
    {
        Properties = properties;
    }

    public override JsonNodeKind Kind => JsonNodeKind.Object;

    public IReadOnlyList<JsonProperty> Properties { get; }

    /// <summary>Case-insensitive lookup (ARM property names are case-insensitive); the last duplicate wins.</summary>
    public JsonProperty? GetProperty(string name)
    {
        // Most template objects are small (a rule has four or five properties): a scan is cheaper than building an
        // index for each of them. Duplicate names resolve to the last one, as the index does.
        if (Properties.Count <= SmallObjectSize)
        {
            for (var i = Properties.Count - 1; i >= 0; i--)
            {
                if (string.Equals(Properties[i].Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return Properties[i];
                }
            }

            return null;
        }

        if (_index is null)
        {
            var index = new Dictionary<string, JsonProperty>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in Properties)
            {
                index[property.Name] = property;
            }

            _index = index;
        }

        return _index.TryGetValue(name, out var found) ? found : null;
    }

    public JsonNode? this[string name] => GetProperty(name)?.Value;

    private const int SmallObjectSize = 8;
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
