using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Expressions;

/// <summary>Comparisons and conversions on <see cref="ArmValue"/> trees with ARM semantics.</summary>
internal static class ArmValueOperations
{
    /// <summary>
    /// ARM <c>equals</c>: deep, strings case-sensitive (Bicep's <c>==</c> compiles to it; <c>=~</c> is the
    /// case-insensitive one), object keys case-insensitive. Null when an unknown part decides the outcome.
    /// </summary>
    public static bool? DeepEquals(ArmValue left, ArmValue right)
    {
        if (left is ArmUnknown || right is ArmUnknown || left is ArmResourceId || right is ArmResourceId)
        {
            return null;
        }

        if (left.Kind != right.Kind)
        {
            return false;
        }

        switch (left)
        {
            case ArmNull:
                return true;
            case ArmBool b:
                return b.Value == ((ArmBool)right).Value;
            case ArmInteger i:
                return i.Value == ((ArmInteger)right).Value;
            case ArmString s:
                return string.Equals(s.Value, ((ArmString)right).Value, StringComparison.Ordinal);
            case ArmArray a:
                {
                    var other = (ArmArray)right;
                    if (a.Items.Count != other.Items.Count)
                    {
                        return false;
                    }

                    var undecided = false;
                    for (var k = 0; k < a.Items.Count; k++)
                    {
                        var equal = DeepEquals(a.Items[k], other.Items[k]);
                        if (equal == false)
                        {
                            return false;
                        }

                        undecided |= equal is null;
                    }

                    return undecided ? null : true;
                }

            case ArmObject o:
                {
                    var other = (ArmObject)right;
                    if (CountDistinctNames(o) != CountDistinctNames(other))
                    {
                        return false;
                    }

                    var undecided = false;
                    foreach (var property in o.Properties)
                    {
                        var otherValue = other[property.Name];
                        if (otherValue is null)
                        {
                            return false;
                        }

                        var equal = DeepEquals(o[property.Name]!, otherValue);
                        if (equal == false)
                        {
                            return false;
                        }

                        undecided |= equal is null;
                    }

                    return undecided ? null : true;
                }

            default:
                return null;
        }
    }

    /// <summary>Compact JSON as ARM's <c>string()</c> renders arrays and objects; false when an unknown part is inside.</summary>
    public static bool TryWriteJson(ArmValue value, StringBuilder builder)
    {
        switch (value)
        {
            case ArmNull:
                builder.Append("null");
                return true;
            case ArmBool b:
                builder.Append(b.Value ? "true" : "false");
                return true;
            case ArmInteger i:
                builder.Append(i.Value.ToString(CultureInfo.InvariantCulture));
                return true;
            case ArmString s:
                WriteJsonString(s.Value, builder);
                return true;
            case ArmArray a:
                builder.Append('[');
                for (var k = 0; k < a.Items.Count; k++)
                {
                    if (k > 0)
                    {
                        builder.Append(',');
                    }

                    if (!TryWriteJson(a.Items[k], builder))
                    {
                        return false;
                    }
                }

                builder.Append(']');
                return true;
            case ArmObject o:
                builder.Append('{');
                var first = true;
                foreach (var property in o.Properties)
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    WriteJsonString(property.Name, builder);
                    builder.Append(':');
                    if (!TryWriteJson(property.Value, builder))
                    {
                        return false;
                    }
                }

                builder.Append('}');
                return true;
            default:
                return false;
        }
    }

    /// <summary>A JSON node as a literal value (what <c>json()</c> returns): strings are not expressions here.</summary>
    public static ArmValue FromJsonLiteral(JsonNode node, SourceSpan origin)
    {
        switch (node)
        {
            case JsonString s:
                return ArmValue.String(s.Value, origin);
            case JsonNumber n:
                return n.IntegerValue is long integer ? ArmValue.Integer(integer, origin) : ArmValue.Unknown("non-integer number " + n.RawText, origin);
            case JsonArray a:
                var items = new ArmValue[a.Items.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = FromJsonLiteral(a.Items[i], origin);
                }

                return ArmValue.Array(items, origin);
            case JsonObject o:
                var properties = new List<ArmProperty>(o.Properties.Count);
                foreach (var property in o.Properties)
                {
                    properties.Add(new ArmProperty(property.Name, FromJsonLiteral(property.Value, origin), origin));
                }

                return new ArmObject(properties, origin);
            default:
                return node.Kind switch
                {
                    JsonNodeKind.True => ArmValue.Bool(true, origin),
                    JsonNodeKind.False => ArmValue.Bool(false, origin),
                    _ => ArmValue.Null(origin),
                };
        }
    }

    private static int CountDistinctNames(ArmObject obj)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in obj.Properties)
        {
            names.Add(property.Name);
        }

        return names.Count;
    }

    private static void WriteJsonString(string value, StringBuilder builder)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
