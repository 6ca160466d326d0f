using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace EgressAnalyzers.Engine.Fixes.Arm;

/// <summary>A JSON value to insert, rendered in the file's style by <see cref="JsonLayout.Render"/>.</summary>
internal abstract class JsonFragment
{
    public static JsonFragment String(string value) => new RawFragment(Quote(value));

    public static JsonFragment Number(int value) => new RawFragment(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Text copied from the file as written (a sibling rule's sources, an apiVersion).</summary>
    public static JsonFragment Raw(string text) => new RawFragment(text);

    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    public abstract bool IsScalar { get; }
}

internal sealed class RawFragment : JsonFragment
{
    public RawFragment(string text)
    {
        Text = text;
    }

    public string Text { get; }

    public override bool IsScalar => true;
}

internal sealed class ArrayFragment : JsonFragment
{
    public ArrayFragment(IEnumerable<JsonFragment> items)
    {
        Items = items.ToList();
    }

    public List<JsonFragment> Items { get; }

    public override bool IsScalar => false;
}

internal sealed class ObjectFragment : JsonFragment
{
    public List<KeyValuePair<string, JsonFragment>> Properties { get; } = new();

    public override bool IsScalar => false;

    public ObjectFragment Add(string name, JsonFragment value)
    {
        Properties.Add(new KeyValuePair<string, JsonFragment>(name, value));
        return this;
    }
}

/// <summary>How inserted JSON is laid out: the file's line ending, indentation and bracket spacing.</summary>
internal sealed class JsonLayout
{
    public JsonLayout(string newLine, string indentUnit, bool spaceInsideBrackets)
    {
        NewLine = newLine;
        IndentUnit = indentUnit;
        SpaceInsideBrackets = spaceInsideBrackets;
    }

    public string NewLine { get; }

    public string IndentUnit { get; }

    public bool SpaceInsideBrackets { get; }

    /// <summary>Objects on one line (<c>{ "name": "x", … }</c>), as the siblings are written.</summary>
    public bool Compact { get; init; }

    /// <summary>Arrays of strings one item per line, as the siblings are written.</summary>
    public bool MultiLineScalarArrays { get; init; }

    /// <summary>Objects of scalars on one line (<c>{ "protocolType": "Https", "port": 443 }</c>), as the siblings are written.</summary>
    public bool InlineLeafObjects { get; init; }

    public JsonLayout With(bool compact, bool multiLineScalarArrays, bool inlineLeafObjects = false) =>
        new(NewLine, IndentUnit, SpaceInsideBrackets) { Compact = compact, MultiLineScalarArrays = multiLineScalarArrays, InlineLeafObjects = inlineLeafObjects };

    /// <summary>Renders <paramref name="fragment"/> as if it started at a line indented by <paramref name="indent"/>.</summary>
    public string Render(JsonFragment fragment, string indent)
    {
        var builder = new StringBuilder();
        Write(builder, fragment, indent, Compact);
        return builder.ToString();
    }

    private void Write(StringBuilder builder, JsonFragment fragment, string indent, bool compact)
    {
        var pad = SpaceInsideBrackets ? " " : "";
        switch (fragment)
        {
            case RawFragment raw:
                builder.Append(raw.Text);
                break;
            case ArrayFragment array:
                if (array.Items.Count == 0)
                {
                    builder.Append("[]");
                }
                else if (compact || (array.Items.All(i => i.IsScalar) && !MultiLineScalarArrays && InlineLength(array) <= MaxInlineArrayLength)
                    || (InlineLeafObjects && array.Items.Count == 1 && array.Items[0] is ObjectFragment leaf && leaf.Properties.All(p => p.Value.IsScalar)))
                {
                    builder.Append('[').Append(pad);
                    for (var i = 0; i < array.Items.Count; i++)
                    {
                        builder.Append(i == 0 ? "" : ", ");
                        Write(builder, array.Items[i], indent, true);
                    }

                    builder.Append(pad).Append(']');
                }
                else
                {
                    var inner = indent + IndentUnit;
                    builder.Append('[');
                    for (var i = 0; i < array.Items.Count; i++)
                    {
                        builder.Append(i == 0 ? "" : ",").Append(NewLine).Append(inner);
                        Write(builder, array.Items[i], inner, false);
                    }

                    builder.Append(NewLine).Append(indent).Append(']');
                }

                break;
            case ObjectFragment obj:
                if (obj.Properties.Count == 0)
                {
                    builder.Append("{}");
                }
                else if (compact || (InlineLeafObjects && obj.Properties.All(p => p.Value.IsScalar)))
                {
                    builder.Append('{').Append(pad);
                    for (var i = 0; i < obj.Properties.Count; i++)
                    {
                        builder.Append(i == 0 ? "" : ", ").Append(Quote(obj.Properties[i].Key)).Append(": ");
                        Write(builder, obj.Properties[i].Value, indent, true);
                    }

                    builder.Append(pad).Append('}');
                }
                else
                {
                    var inner = indent + IndentUnit;
                    builder.Append('{');
                    for (var i = 0; i < obj.Properties.Count; i++)
                    {
                        builder.Append(i == 0 ? "" : ",").Append(NewLine).Append(inner).Append(Quote(obj.Properties[i].Key)).Append(": ");
                        Write(builder, obj.Properties[i].Value, inner, false);
                    }

                    builder.Append(NewLine).Append(indent).Append('}');
                }

                break;
        }
    }

    private static string Quote(string value) => JsonFragment.Quote(value);

    /// <summary>Longer lists of names read better one per line.</summary>
    private const int MaxInlineArrayLength = 100;

    private static int InlineLength(ArrayFragment array) =>
        array.Items.Sum(i => i is RawFragment raw ? raw.Text.Length + 2 : MaxInlineArrayLength);
}
