using System;
using System.Collections.Generic;
using EgressAnalyzers.Engine.Arm.Expressions;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Template;

/// <summary>
/// Literal JSON (no <c>"[...]"</c> expression where a value is read) mapped straight to model values, without an
/// evaluated <see cref="ArmValue"/> in between: most rule properties in real templates are plain strings, numbers
/// and arrays of them, and building each value twice was most of the cost of reading large rule sets.
/// Each method gives exactly what <see cref="ArmNav"/> gives for the evaluated node, or returns false when the node
/// needs the evaluator (an expression string where a value is read, or a node kind it does not know); the caller then
/// evaluates. Callers make sure the evaluation depth limit cannot be reached inside the node (the evaluator would
/// make such a value unknown).
/// </summary>
internal static class LiteralJson
{
    /// <summary>As <see cref="ArmNav.ToModelValue"/> of the evaluated node.</summary>
    public static bool TryModelValue(JsonNode node, string filePath, out ModelValue? value)
    {
        switch (node)
        {
            case JsonString text:
                if (text.Value is null)
                {
                    // Evaluates to null, which is no value.
                    value = null;
                    return true;
                }

                if (ArmExpressionEvaluator.IsExpression(text.Value))
                {
                    value = null;
                    return false;
                }

                value = ModelValue.Known(ArmExpressionEvaluator.LiteralText(text.Value), Span(node, filePath));
                return true;
            case JsonNumber number:
                value = number.IntegerValue is long integer
                    ? ModelValue.Known(ArmInteger.Text(integer), Span(node, filePath))
                    : ModelValue.Unknown(NonIntegerReason(number), Span(node, filePath));
                return true;
            case JsonLiteral literal:
                value = literal.Kind switch
                {
                    JsonNodeKind.True => ModelValue.Known("True", Span(node, filePath)),
                    JsonNodeKind.False => ModelValue.Known("False", Span(node, filePath)),
                    _ => null,
                };
                return true;
            case JsonArray or JsonObject:
                // An array or object where a scalar belongs is no value, whatever it holds.
                value = null;
                return true;
            default:
                value = null;
                return false;
        }
    }

    /// <summary>As <see cref="ArmNav.ToModelValues"/> of the evaluated node.</summary>
    public static bool TryModelValues(JsonNode node, string filePath, out IReadOnlyList<ModelValue> values)
    {
        values = Array.Empty<ModelValue>();
        if (node is not JsonArray array)
        {
            if (node is JsonNumber number && number.IntegerValue is null)
            {
                // The one literal that evaluates to an unknown: an unknown list is a single unknown value.
                values = new[] { ModelValue.Unknown(NonIntegerReason(number), Span(node, filePath)) };
                return true;
            }

            // A scalar (or object) where a list belongs is an empty list; an expression needs the evaluator.
            return !IsExpressionString(node);
        }

        var items = array.Items;
        if (items.Count == 0)
        {
            return true;
        }

        // An exact array, as ArmNav.ToModelValues makes.
        var result = new ModelValue[items.Count];
        var count = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (!TryModelValue(items[i], filePath, out var item))
            {
                return false;
            }

            if (item is not null)
            {
                result[count++] = item;
            }
        }

        if (count < result.Length)
        {
            Array.Resize(ref result, count);
        }

        values = result;
        return true;
    }

    /// <summary>As <see cref="ArmNav.NameText"/> of the evaluated node.</summary>
    public static bool TryNameText(JsonNode node, out string? text)
    {
        switch (node)
        {
            case JsonString value:
                return TryLiteralText(value, out text);
            case JsonNumber number:
                text = number.IntegerValue is long integer ? ArmInteger.Text(integer) : "{" + NonIntegerReason(number) + "}";
                return true;
            case JsonLiteral literal:
                text = literal.Kind switch
                {
                    JsonNodeKind.True => "True",
                    JsonNodeKind.False => "False",
                    _ => null,
                };
                return true;
            case JsonArray or JsonObject:
                text = null;
                return true;
            default:
                text = null;
                return false;
        }
    }

    /// <summary>An ARM expression (<c>"[…]"</c>): only the evaluator can read it.</summary>
    private static bool IsExpressionString(JsonNode node) => node is JsonString { Value: { } text } && ArmExpressionEvaluator.IsExpression(text);

    /// <summary>The text of a string that is not an expression (<c>[[</c> unescaped); false for an expression.</summary>
    private static bool TryLiteralText(JsonString value, out string? text)
    {
        if (IsExpressionString(value))
        {
            text = null;
            return false;
        }

        text = value.Value is null ? null : ArmExpressionEvaluator.LiteralText(value.Value);
        return true;
    }

    /// <summary>As <see cref="ArmNav.AsString"/> of the evaluated node (known strings only).</summary>
    public static bool TryString(JsonNode node, out string? text)
    {
        switch (node)
        {
            case JsonString value:
                return TryLiteralText(value, out text);
            case JsonNumber or JsonLiteral or JsonArray or JsonObject:
                text = null;
                return true;
            default:
                text = null;
                return false;
        }
    }

    /// <summary>
    /// As <c>RuleMapper</c> reads an application rule's <c>protocols</c> from the evaluated node: objects with
    /// <c>protocolType</c> and <c>port</c>, <c>"Https:443"</c> strings, unknowns as unknown protocols.
    /// </summary>
    public static bool TryApplicationProtocols(JsonNode node, string filePath, out ApplicationProtocol[] protocols)
    {
        protocols = Array.Empty<ApplicationProtocol>();
        if (node is not JsonArray array)
        {
            if (node is JsonNumber number && number.IntegerValue is null)
            {
                var unknown = ModelValue.Unknown(NonIntegerReason(number), Span(node, filePath));
                protocols = new[] { new ApplicationProtocol(unknown, unknown, unknown.Span) };
                return true;
            }

            return !IsExpressionString(node);
        }

        var items = array.Items;
        var result = new ApplicationProtocol[items.Count];
        var count = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            switch (item)
            {
                case JsonObject protocol:
                    // A copy loop inside the object changes its members: the evaluator expands it.
                    if (ArmExpressionEvaluator.HasPropertyCopy(protocol)
                        || !TryMember(protocol, "protocolType", filePath, out var protocolType)
                        || !TryMember(protocol, "port", filePath, out var port))
                    {
                        return false;
                    }

                    var span = Span(item, filePath);
                    result[count++] = new ApplicationProtocol(
                        protocolType ?? ModelValue.Unknown("protocolType is not set", span),
                        port ?? ModelValue.Unknown("port is not set", span),
                        span);
                    break;
                case JsonString when IsExpressionString(item):
                    return false;
                case JsonString text when text.Value is not null:
                    var value = ArmExpressionEvaluator.LiteralText(text.Value);
                    var cut = value.IndexOf(':');
                    if (cut > 0)
                    {
                        // "Https:443", the short form some tools write.
                        var textSpan = Span(item, filePath);
                        result[count++] = new ApplicationProtocol(
                            ModelValue.Known(value.Substring(0, cut).Trim(), textSpan),
                            ModelValue.Known(value.Substring(cut + 1).Trim(), textSpan),
                            textSpan);
                    }

                    break;
                case JsonNumber number when number.IntegerValue is null:
                    var unknown = ModelValue.Unknown(NonIntegerReason(number), Span(item, filePath));
                    result[count++] = new ApplicationProtocol(unknown, unknown, unknown.Span);
                    break;
                case JsonString or JsonNumber or JsonLiteral or JsonArray:
                    // Not a protocol: left out, as the evaluated reading leaves it out.
                    break;
                default:
                    return false;
            }
        }

        if (count < result.Length)
        {
            Array.Resize(ref result, count);
        }

        protocols = result;
        return true;
    }

    private static bool TryMember(JsonObject obj, string name, string filePath, out ModelValue? value)
    {
        if (obj[name] is not { } member)
        {
            value = null;
            return true;
        }

        return TryModelValue(member, filePath, out value);
    }

    // The evaluator's words for a number it cannot use (ARM integers only).
    private static string NonIntegerReason(JsonNumber number) => "non-integer number " + number.RawText;

    private static SourceSpan Span(JsonNode node, string filePath) => new(filePath, node.Start, node.Length);
}
