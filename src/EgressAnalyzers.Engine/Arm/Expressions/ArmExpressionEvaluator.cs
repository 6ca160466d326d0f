using System;
using System.Collections.Generic;
using System.Globalization;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Expressions;

/// <summary>
/// Evaluates ARM template-language values: JSON nodes (with property copy loops) and <c>"[...]"</c> expression
/// strings. Anything that cannot be known statically becomes <see cref="ArmUnknown"/>, which propagates through
/// functions; the evaluator never throws on template content (only <see cref="OperationCanceledException"/>).
/// </summary>
public static class ArmExpressionEvaluator
{
    /// <summary>Longest expression string evaluated; longer ones are unknown (ARM's own limit is far lower).</summary>
    public const int MaxExpressionLength = 65536;

    /// <summary>ARM's limit on copy loop iterations.</summary>
    public const int MaxCopyCount = 800;

    /// <summary>
    /// Nested evaluations (JSON levels, expression nodes, and variables evaluated from inside expressions) on one
    /// thread. Each unit is a few stack frames, so this keeps a hostile template well inside a 1 MB stack.
    /// </summary>
    internal const int MaxEvaluationDepth = 400;

    /// <summary>Arrays at least this long are evaluated item by item as they are read, where the scope allows it.</summary>
    internal const int DeferredArrayLength = 16;

    [ThreadStatic]
    private static int t_depth;

    /// <summary>
    /// A template string value: <c>"[...]"</c> is an expression, <c>"[[..."</c> an escaped literal <c>[</c>,
    /// anything else a literal string. <paramref name="origin"/> is the span of the JSON string token.
    /// </summary>
    public static ArmValue EvaluateString(string value, SourceSpan origin, IArmEvaluationScope scope)
    {
        if (value is null)
        {
            return ArmValue.Null(origin);
        }

        if (!IsExpression(value))
        {
            return ArmValue.String(LiteralText(value), origin);
        }

        scope.CancellationToken.ThrowIfCancellationRequested();
        if (value.Length > MaxExpressionLength)
        {
            return ArmValue.Unknown(
                "expression longer than " + MaxExpressionLength.ToString(CultureInfo.InvariantCulture) + " characters: " + Shorten(value),
                origin);
        }

        if (!TryEnter())
        {
            return TooDeep(value, origin);
        }

        try
        {
            var root = scope is IExpressionCachingScope caching
                ? caching.ExpressionCache.GetOrParse(value)
                : ExpressionParser.Parse(value, 1, value.Length - 1, out _);
            if (root is null)
            {
                return ArmValue.Unknown(value, origin);
            }

            return new EvaluationContext(value, origin, scope).Evaluate(root);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Any JSON node as an <see cref="ArmValue"/> tree, each value's origin being its node's span in
    /// <see cref="IArmEvaluationScope.FilePath"/>. Objects expand ARM property copy loops
    /// (<c>"copy": [ { "name", "count", "input" } ]</c>).
    /// </summary>
    public static ArmValue EvaluateNode(JsonNode node, IArmEvaluationScope scope)
    {
        if (node is null)
        {
            return ArmValue.Null(SourceSpan.None);
        }

        var origin = new SourceSpan(scope.FilePath, node.Start, node.Length);
        if (!TryEnter())
        {
            return TooDeep("value", origin);
        }

        try
        {
            switch (node)
            {
                case JsonString text:
                    return EvaluateString(text.Value, origin, scope);
                case JsonNumber number:
                    return number.IntegerValue is long integer
                        ? ArmValue.Integer(integer, origin)
                        : ArmValue.Unknown("non-integer number " + number.RawText, origin);
                case JsonArray array:
                    if (array.Items.Count >= DeferredArrayLength && scope is IDeferringScope { DefersLongArrays: true })
                    {
                        return ArmValue.Array(new DeferredJsonItems(array, scope, t_depth, null), origin);
                    }

                    var items = new ArmValue[array.Items.Count];
                    for (var i = 0; i < items.Length; i++)
                    {
                        items[i] = EvaluateNode(array.Items[i], scope);
                    }

                    return ArmValue.Array(items, origin);
                case JsonObject obj:
                    return EvaluateObject(obj, origin, scope);
                default:
                    return node.Kind switch
                    {
                        JsonNodeKind.True => ArmValue.Bool(true, origin),
                        JsonNodeKind.False => ArmValue.Bool(false, origin),
                        _ => ArmValue.Null(origin),
                    };
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary><see cref="EvaluateNode"/> as if <paramref name="depth"/> evaluations were open on this thread.</summary>
    internal static ArmValue EvaluateAtDepth(JsonNode node, IArmEvaluationScope scope, int depth)
    {
        var saved = t_depth;
        t_depth = depth;
        try
        {
            return EvaluateNode(node, scope);
        }
        finally
        {
            t_depth = saved;
        }
    }

    /// <summary>
    /// The text of a template string that is not an expression: as written, except that a leading <c>[[</c> escape
    /// (<c>"[[x]"</c>) stands for one <c>[</c>.
    /// </summary>
    internal static string LiteralText(string value) =>
        value.Length >= 2 && value[0] == '[' && value[1] == '[' && value[value.Length - 1] == ']' ? value.Substring(1) : value;

    /// <summary>True when <paramref name="value"/> is an expression: <c>[...]</c> but not the <c>[[</c> escape.</summary>
    public static bool IsExpression(string value) =>
        value is not null && value.Length >= 2 && value[0] == '[' && value[1] != '[' && value[value.Length - 1] == ']';

    internal static bool TryEnter()
    {
        if (t_depth >= MaxEvaluationDepth)
        {
            return false;
        }

        t_depth++;
        return true;
    }

    internal static void Exit() => t_depth--;

    internal static ArmValue TooDeep(string what, SourceSpan origin) =>
        ArmValue.Unknown("evaluation nested deeper than " + MaxEvaluationDepth.ToString(CultureInfo.InvariantCulture) + " levels: " + Shorten(what), origin);

    internal static string Shorten(string text) => text.Length <= 200 ? text : text.Substring(0, 200) + "…";

    private static ArmObject EvaluateObject(JsonObject obj, SourceSpan origin, IArmEvaluationScope scope)
    {
        if (!HasPropertyCopy(obj))
        {
            // The usual object: one value per JSON member, names as written.
            var values = new ArmValue[obj.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = EvaluateNode(obj.ValueAt(i), scope);
            }

            return new ArmObject(obj, values, scope.FilePath, origin);
        }

        var members = obj.Properties;
        var properties = new List<ArmProperty>(members.Count);
        foreach (var property in members)
        {
            if (property.Value is JsonArray loops
                && string.Equals(property.Name, "copy", StringComparison.OrdinalIgnoreCase)
                && IsPropertyCopy(loops))
            {
                foreach (var loop in loops.Items)
                {
                    var expanded = ExpandCopy((JsonObject)loop, scope);
                    if (expanded is not null)
                    {
                        properties.Add(expanded);
                    }
                }

                continue;
            }

            properties.Add(new ArmProperty(
                property.Name,
                EvaluateNode(property.Value, scope),
                new SourceSpan(scope.FilePath, property.NameStart, property.NameLength)));
        }

        return new ArmObject(properties, origin);
    }

    /// <summary>True when the object has a property copy loop (<c>"copy": [ { name, count, input } ]</c>), which evaluation expands.</summary>
    internal static bool HasPropertyCopy(JsonObject obj)
    {
        for (var i = 0; i < obj.Count; i++)
        {
            // The name first: it rules out nearly every member without touching its value.
            if (string.Equals(obj.NameAt(i), "copy", StringComparison.OrdinalIgnoreCase)
                && obj.ValueAt(i) is JsonArray loops
                && IsPropertyCopy(loops))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPropertyCopy(JsonArray loops)
    {
        if (loops.Items.Count == 0)
        {
            return false;
        }

        foreach (var item in loops.Items)
        {
            if (item is not JsonObject loop || loop["name"] is not JsonString || loop["count"] is null || loop["input"] is null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One <c>{ name, count, input }</c> entry → the property <c>name</c> holding <c>count</c> evaluations of <c>input</c>.</summary>
    private static ArmProperty? ExpandCopy(JsonObject loop, IArmEvaluationScope scope)
    {
        var nameNode = (JsonString)loop["name"]!;
        var nameValue = EvaluateNode(nameNode, scope);
        if (nameValue is not ArmString { Value: var name })
        {
            // ARM requires a literal loop name; without one there is no property to produce.
            return null;
        }

        var nameSpan = new SourceSpan(scope.FilePath, nameNode.Start, nameNode.Length);
        var loopOrigin = new SourceSpan(scope.FilePath, loop.Start, loop.Length);
        var countNode = loop["count"]!;
        var count = EvaluateNode(countNode, scope);
        ArmValue value;
        if (count is ArmUnknown unknownCount)
        {
            value = new ArmUnknown(unknownCount.Reason, null, loopOrigin);
        }
        else if (count is not ArmInteger { Value: var n } || n < 0 || n > MaxCopyCount)
        {
            value = ArmValue.Unknown(
                "copy count of '" + name + "' is not an integer between 0 and " + MaxCopyCount.ToString(CultureInfo.InvariantCulture),
                loopOrigin);
        }
        else
        {
            var input = loop["input"]!;
            var items = new ArmValue[n];
            for (var i = 0; i < n; i++)
            {
                scope.CancellationToken.ThrowIfCancellationRequested();
                items[i] = EvaluateNode(input, scope.WithCopyIndex(name, i));
            }

            value = ArmValue.Array(items, loopOrigin);
        }

        return new ArmProperty(name, value, nameSpan);
    }
}

/// <summary>
/// A scope whose long JSON arrays may be evaluated lazily (<see cref="DeferredArmItems"/>). Only for values that
/// nothing else refers to (resource properties): parameters and variables are evaluated in full, once.
/// </summary>
internal interface IDeferringScope
{
    bool DefersLongArrays { get; }
}

/// <summary>The items of a JSON array, each evaluated when read (never cached: the reader reads each item once).</summary>
internal sealed class DeferredJsonItems : DeferredArmItems
{
    private readonly Func<ArmValue, int, ArmValue>? _then;

    public DeferredJsonItems(JsonArray array, IArmEvaluationScope scope, int depth, Func<ArmValue, int, ArmValue>? then)
        : this(array, scope, depth, then, itemsReadAlone: false)
    {
    }

    private DeferredJsonItems(JsonArray array, IArmEvaluationScope scope, int depth, Func<ArmValue, int, ArmValue>? then, bool itemsReadAlone)
    {
        Array = array;
        Scope = scope;
        Depth = depth;
        _then = then;
        ItemsReadAlone = itemsReadAlone;
    }

    /// <summary>The JSON array whose items these are.</summary>
    public JsonArray Array { get; }

    public IArmEvaluationScope Scope { get; }

    /// <summary>The evaluation nesting depth the array was read at (each item is evaluated as if at this depth).</summary>
    public int Depth { get; }

    /// <summary>
    /// True when item <c>i</c> reads exactly as its JSON item evaluated on its own by the template reader: evaluated
    /// at <see cref="Depth"/>, then its unknowns pointed at that JSON item (and nothing else applied). Readers may
    /// then read an item's members straight from its JSON.
    /// </summary>
    public bool ItemsReadAlone { get; }

    public override int Count => Array.Items.Count;

    public override ArmValue this[int index]
    {
        get
        {
            // Evaluated at the nesting depth the array was read at, so the depth limit cuts where it would have.
            var value = ArmExpressionEvaluator.EvaluateAtDepth(Array.Items[index], Scope, Depth);
            return _then is null ? value : _then(value, index);
        }
    }

    public override DeferredArmItems Then(Func<ArmValue, int, ArmValue> step) => Compose(step, itemsReadAlone: false);

    /// <summary>
    /// <see cref="Then"/> for a step that points each item's unknowns at its own JSON item: applied to items that
    /// were not transformed before, the items then read as <see cref="ItemsReadAlone"/> says.
    /// </summary>
    public DeferredJsonItems ThenRelocatedToOwnItems(Func<ArmValue, int, ArmValue> step) =>
        Compose(step, itemsReadAlone: _then is null || ItemsReadAlone);

    private DeferredJsonItems Compose(Func<ArmValue, int, ArmValue> step, bool itemsReadAlone)
    {
        var first = _then;
        return new DeferredJsonItems(Array, Scope, Depth, first is null ? step : (value, index) => step(first(value, index), index), itemsReadAlone);
    }
}
