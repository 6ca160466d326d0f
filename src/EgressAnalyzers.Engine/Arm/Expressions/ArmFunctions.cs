using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using EgressAnalyzers.Engine.Json;

namespace EgressAnalyzers.Engine.Arm.Expressions;

/// <summary>
/// ARM template functions. Unknown inputs give unknown results (reason = the unknown input's reason), except
/// where ARM semantics let the result be known anyway: <c>if</c> with a known condition, <c>and</c>/<c>or</c>
/// decided by a known operand, arrays/objects holding unknown items, and string building (<c>concat</c>,
/// <c>format</c>, string functions) which keeps a canonical <see cref="ArmUnknown.Symbol"/> so names built from
/// the same unresolved parameter still match.
/// </summary>
internal static class ArmFunctions
{
    /// <summary>ARM's limit for <c>range()</c>.</summary>
    private const int MaxRangeCount = 10000;

    /// <summary>Functions implemented here, and those known to be unresolvable statically (opaque).</summary>
    private static readonly Dictionary<string, string> Names = BuildNames(
        "parameters", "variables", "concat", "format", "tolower", "toupper", "replace", "string", "int", "bool", "json",
        "createarray", "createobject", "array", "union", "if", "equals", "not", "and", "or", "empty", "contains",
        "coalesce", "split", "first", "last", "substring", "length", "indexof", "lastindexof", "startswith", "endswith",
        "trim", "take", "skip", "range", "min", "max", "add", "sub", "mul", "div", "mod", "less", "lessorequals",
        "greater", "greaterorequals", "copyindex", "environment", "resourceid", "subscriptionresourceid",
        "tenantresourceid", "extensionresourceid", "tryget", "objectkeys", "items", "join", "padleft", "null", "true",
        "false", "filter", "map", "lambdavariables", "flatten", "shallowmerge");

    /// <summary>Opaque functions whose result is a string: their unknown gets a symbol so names still link.</summary>
    private static readonly HashSet<string> OpaqueStringFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "uniqueString", "guid", "newGuid", "utcNow", "base64", "base64ToString", "dataUri", "dataUriToString", "uri",
        "uriComponent", "uriComponentToString", "dateTimeAdd", "cidrSubnet", "cidrHost", "managementGroupResourceId",
    };

    /// <summary>Functions returning strings: an unknown input yields an unknown with a canonical symbol.</summary>
    private static readonly HashSet<string> StringResultFunctions = new(StringComparer.Ordinal)
    {
        "tolower", "toupper", "replace", "string", "substring", "trim", "padleft",
    };

    private static ArmValue[] EvaluateArguments(EvaluationContext ctx, CallNode call)
    {
        var args = new ArmValue[call.Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = ctx.Evaluate(call.Arguments[i]);
        }

        return args;
    }

    public static ArmValue Invoke(EvaluationContext ctx, CallNode call)
    {
        if (!Names.TryGetValue(call.Name, out var name))
        {
            if (call.Name.IndexOf('.') > 0 && ctx.Scope is Template.IUserFunctionScope functions)
            {
                // namespace.name(…): a user-defined function of the template (Bicep's func compiles to __bicep.name).
                if (functions.InvokeUserFunction(call.Name, EvaluateArguments(ctx, call), ctx.Origin) is { } result)
                {
                    return result;
                }
            }

            // reference(), list*(), resourceGroup(), uniqueString(), …: not knowable here.
            return ctx.UnknownAt(call, OpaqueStringFunctions.Contains(call.Name) ? "{" + ctx.TextOf(call) + "}" : null);
        }

        switch (name)
        {
            case "if":
                return If(ctx, call);
            case "and":
            case "or":
                return AndOr(ctx, call, isAnd: name == "and");
            case "coalesce":
                return Coalesce(ctx, call);
            case "filter":
            case "map":
                return FilterOrMap(ctx, call, isFilter: name == "filter");
            case "lambdavariables":
                return LambdaVariable(ctx, call);
        }

        var args = EvaluateArguments(ctx, call);
        switch (name)
        {
            case "concat":
                return Concat(ctx, call, args);
            case "format":
                return Format(ctx, call, args);
            case "createarray":
                return ArmValue.Array(args, ctx.Origin);
            case "createobject":
                return CreateObject(ctx, call, args);
            case "resourceid":
                return ResourceId(ctx, call, args, maxLeading: 2);
            case "subscriptionresourceid":
                return ResourceId(ctx, call, args, maxLeading: 1);
            case "tenantresourceid":
                return ResourceId(ctx, call, args, maxLeading: 0);
            case "extensionresourceid":
                return args.Length >= 2 ? ResourceIdFrom(ctx, call, args, typeIndex: 1) : ctx.UnknownAt(call);
        }

        foreach (var arg in args)
        {
            if (arg is ArmUnknown unknown)
            {
                return ctx.Propagate(unknown, StringResultFunctions.Contains(name) ? CanonicalSymbol(name, args) : null);
            }
        }

        return Apply(ctx, call, name, args) ?? ctx.UnknownAt(call);
    }

    /// <summary>Functions over known top-level arguments; null means ARM would reject the call.</summary>
    private static ArmValue? Apply(EvaluationContext ctx, CallNode call, string name, ArmValue[] args)
    {
        var origin = ctx.Origin;
        switch (name)
        {
            case "parameters":
                return args.Length == 1 && args[0] is ArmString parameter ? ctx.Scope.GetParameter(parameter.Value) : null;
            case "variables":
                return args.Length == 1 && args[0] is ArmString variable ? ctx.Scope.GetVariable(variable.Value) : null;
            case "tolower":
                return args.Length == 1 && args[0] is ArmString lower ? ArmValue.String(lower.Value.ToLowerInvariant(), origin) : null;
            case "toupper":
                return args.Length == 1 && args[0] is ArmString upper ? ArmValue.String(upper.Value.ToUpperInvariant(), origin) : null;
            case "replace":
                return args.Length == 3 && args[0] is ArmString input && args[1] is ArmString old && args[2] is ArmString replacement
                    && old.Value.Length > 0
                    ? ArmValue.String(input.Value.Replace(old.Value, replacement.Value), origin)
                    : null;
            case "string":
                return args.Length == 1 ? ToStringValue(args[0], ctx, call) : null;
            case "int":
                return args.Length == 1 ? ToInt(args[0], origin) : null;
            case "bool":
                return args.Length == 1 ? ToBool(args[0], origin) : null;
            case "json":
                return args.Length == 1 && args[0] is ArmString json ? ParseJson(json.Value, origin) : null;
            case "array":
                return args.Length == 1 ? (args[0] is ArmArray ? args[0] : ArmValue.Array(new[] { args[0] }, origin)) : null;
            case "union":
                return Union(args, origin);
            case "flatten":
                return args.Length == 1 && args[0] is ArmArray nested ? Flatten(ctx, nested) : null;
            case "shallowmerge":
                return args.Length == 1 && args[0] is ArmArray objects ? ShallowMerge(ctx, objects) : null;
            case "equals":
                return args.Length == 2 ? Decided(ArmValueOperations.DeepEquals(args[0], args[1]), args, ctx, call) : null;
            case "not":
                return args.Length == 1 && args[0] is ArmBool negated ? ArmValue.Bool(!negated.Value, origin) : null;
            case "empty":
                return args.Length == 1 ? Empty(args[0], origin) : null;
            case "contains":
                return args.Length == 2 ? Contains(ctx, call, args[0], args[1]) : null;
            case "split":
                return args.Length == 2 ? Split(args[0], args[1], origin) : null;
            case "first":
            case "last":
                return args.Length == 1 ? FirstOrLast(args[0], name == "first", origin) : null;
            case "substring":
                return Substring(args, origin);
            case "length":
                return args.Length == 1 ? Length(args[0], origin) : null;
            case "indexof":
            case "lastindexof":
                return args.Length == 2 ? IndexOf(args[0], args[1], name == "indexof", origin) : null;
            case "startswith":
            case "endswith":
                return args.Length == 2 && args[0] is ArmString whole && args[1] is ArmString part
                    ? ArmValue.Bool(
                        name == "startswith"
                            ? whole.Value.StartsWith(part.Value, StringComparison.OrdinalIgnoreCase)
                            : whole.Value.EndsWith(part.Value, StringComparison.OrdinalIgnoreCase),
                        origin)
                    : null;
            case "trim":
                return args.Length == 1 && args[0] is ArmString trimmed ? ArmValue.String(trimmed.Value.Trim(), origin) : null;
            case "take":
            case "skip":
                return args.Length == 2 && args[1] is ArmInteger count ? TakeOrSkip(args[0], count.Value, name == "take", origin) : null;
            case "range":
                return Range(args, origin);
            case "min":
            case "max":
                return MinMax(args, name == "min", origin);
            case "add":
            case "sub":
            case "mul":
            case "div":
            case "mod":
                return args.Length == 2 && args[0] is ArmInteger a && args[1] is ArmInteger b ? Arithmetic(name, a.Value, b.Value, origin) : null;
            case "less":
            case "lessorequals":
            case "greater":
            case "greaterorequals":
                return args.Length == 2 ? Compare(name, args[0], args[1], origin) : null;
            case "copyindex":
                return CopyIndex(ctx, call, args);
            case "environment":
                return args.Length == 0 ? ArmEnvironments.Create(ctx.Scope.Cloud ?? string.Empty, origin) : null;
            case "tryget":
                return TryGet(args, origin);
            case "objectkeys":
                return args.Length == 1 && args[0] is ArmObject keysOf ? ObjectKeys(keysOf, origin) : null;
            case "items":
                return args.Length == 1 && args[0] is ArmObject itemsOf ? Items(itemsOf, origin) : null;
            case "join":
                return Join(ctx, args);
            case "padleft":
                return PadLeft(args, origin);
            case "null":
                return args.Length == 0 ? ArmValue.Null(origin) : null;
            case "true":
                return args.Length == 0 ? ArmValue.Bool(true, origin) : null;
            case "false":
                return args.Length == 0 ? ArmValue.Bool(false, origin) : null;
            default:
                return null;
        }
    }

    // ---- lazy functions ----------------------------------------------------------------------------------------

    private static ArmValue If(EvaluationContext ctx, CallNode call)
    {
        if (call.Arguments.Count != 3)
        {
            return ctx.UnknownAt(call);
        }

        var condition = ctx.Evaluate(call.Arguments[0]);
        return condition switch
        {
            ArmBool { Value: true } => ctx.Evaluate(call.Arguments[1]),
            ArmBool { Value: false } => ctx.Evaluate(call.Arguments[2]),
            ArmUnknown unknown => ctx.Propagate(unknown),
            _ => ctx.UnknownAt(call),
        };
    }

    private static ArmValue AndOr(EvaluationContext ctx, CallNode call, bool isAnd)
    {
        if (call.Arguments.Count < 2)
        {
            return ctx.UnknownAt(call);
        }

        ArmUnknown? firstUnknown = null;
        foreach (var argument in call.Arguments)
        {
            switch (ctx.Evaluate(argument))
            {
                case ArmBool { Value: var value } when value != isAnd:
                    // and(…, false, …) is false and or(…, true, …) is true whatever the unknowns are.
                    return ArmValue.Bool(value, ctx.Origin);
                case ArmBool:
                    break;
                case ArmUnknown unknown:
                    firstUnknown ??= unknown;
                    break;
                default:
                    return ctx.UnknownAt(call);
            }
        }

        return firstUnknown is null ? ArmValue.Bool(isAnd, ctx.Origin) : ctx.Propagate(firstUnknown);
    }

    private static ArmValue Coalesce(EvaluationContext ctx, CallNode call)
    {
        foreach (var argument in call.Arguments)
        {
            var value = ctx.Evaluate(argument);
            if (value is ArmNull)
            {
                continue;
            }

            // An unknown may be null or not: the first non-null cannot be decided past it.
            return value is ArmUnknown unknown ? ctx.Propagate(unknown, unknown.Symbol) : value;
        }

        return ArmValue.Null(ctx.Origin);
    }

    private static ArmValue FilterOrMap(EvaluationContext ctx, CallNode call, bool isFilter)
    {
        if (call.Arguments.Count != 2
            || call.Arguments[1] is not CallNode lambda
            || !string.Equals(lambda.Name, "lambda", StringComparison.OrdinalIgnoreCase)
            || lambda.Arguments.Count is < 2 or > 3
            || lambda.Arguments[0] is not StringLiteralNode itemName)
        {
            return ctx.UnknownAt(call);
        }

        string? indexName = null;
        if (lambda.Arguments.Count == 3)
        {
            if (lambda.Arguments[1] is not StringLiteralNode indexLiteral)
            {
                return ctx.UnknownAt(call);
            }

            indexName = indexLiteral.Value;
        }

        var source = ctx.Evaluate(call.Arguments[0]);
        if (source is ArmUnknown unknownSource)
        {
            return ctx.Propagate(unknownSource);
        }

        if (source is not ArmArray array)
        {
            return ctx.UnknownAt(call);
        }

        var body = lambda.Arguments[lambda.Arguments.Count - 1];
        var results = new List<ArmValue>(array.Items.Count);
        for (var i = 0; i < array.Items.Count; i++)
        {
            var inner = ctx.WithLambdaVariable(itemName.Value, array.Items[i]);
            if (indexName is not null)
            {
                inner = inner.WithLambdaVariable(indexName, ArmValue.Integer(i, ctx.Origin));
            }

            var result = inner.Evaluate(body);
            if (!isFilter)
            {
                results.Add(result);
            }
            else if (result is ArmBool { Value: var keep })
            {
                if (keep)
                {
                    results.Add(array.Items[i]);
                }
            }
            else
            {
                return result is ArmUnknown unknown ? ctx.Propagate(unknown) : ctx.UnknownAt(call);
            }
        }

        return ArmValue.Array(results, ctx.Origin);
    }

    private static ArmValue LambdaVariable(EvaluationContext ctx, CallNode call)
    {
        if (call.Arguments.Count == 1 && call.Arguments[0] is StringLiteralNode name && ctx.GetLambdaVariable(name.Value) is { } value)
        {
            return value;
        }

        return ctx.UnknownAt(call);
    }

    // ---- strings -----------------------------------------------------------------------------------------------

    private static ArmValue Concat(EvaluationContext ctx, CallNode call, ArmValue[] args)
    {
        if (args.Length == 0)
        {
            return ctx.UnknownAt(call);
        }

        var anyArray = false;
        foreach (var arg in args)
        {
            anyArray |= arg is ArmArray;
        }

        if (anyArray)
        {
            var items = new List<ArmValue>();
            foreach (var arg in args)
            {
                switch (arg)
                {
                    case ArmArray array:
                        items.AddRange(array.Items);
                        break;
                    case ArmNull:
                        break;
                    case ArmUnknown unknown:
                        return ctx.Propagate(unknown);
                    default:
                        // ARM refuses to mix arrays and strings.
                        return ctx.UnknownAt(call);
                }
            }

            return ArmValue.Array(items, ctx.Origin);
        }

        if (args[0] is ArmResourceId parent)
        {
            if (args.Length == 1)
            {
                return parent.WithOrigin(ctx.Origin);
            }

            if (TryChildResourceId(ctx, parent, args) is { } child)
            {
                return child;
            }
        }

        var builder = new StringPartsBuilder();
        foreach (var arg in args)
        {
            if (!builder.Add(arg))
            {
                return ctx.UnknownAt(call);
            }
        }

        return builder.ToValue(ctx, call);
    }

    /// <summary>
    /// .NET composite formatting (<c>{0}</c>, <c>{0,-8}</c>, <c>{0:N0}</c>, <c>{{</c>), as ARM's <c>format()</c>.
    /// Unknown arguments become their symbol in the result's symbol.
    /// </summary>
    private static ArmValue Format(EvaluationContext ctx, CallNode call, ArmValue[] args)
    {
        if (args.Length == 0)
        {
            return ctx.UnknownAt(call);
        }

        if (args[0] is ArmUnknown unknownFormat)
        {
            return ctx.Propagate(unknownFormat);
        }

        if (args[0] is not ArmString { Value: var format })
        {
            return ctx.UnknownAt(call);
        }

        var builder = new StringPartsBuilder(format.Length + 16);
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            if (c == '{' && i + 1 < format.Length && format[i + 1] == '{')
            {
                builder.AddText("{");
                i += 2;
            }
            else if (c == '}' && i + 1 < format.Length && format[i + 1] == '}')
            {
                builder.AddText("}");
                i += 2;
            }
            else if (c == '{')
            {
                var close = format.IndexOf('}', i + 1);
                if (close < 0 || !TryParseFormatItem(format, i + 1, close, out var index, out var alignment, out var itemFormat)
                    || index + 1 >= args.Length)
                {
                    return ctx.UnknownAt(call);
                }

                var arg = args[index + 1];
                if (arg is ArmInteger integer && itemFormat is not null)
                {
                    string formatted;
                    try
                    {
                        formatted = integer.Value.ToString(itemFormat, CultureInfo.InvariantCulture);
                    }
                    catch (FormatException)
                    {
                        return ctx.UnknownAt(call);
                    }

                    builder.AddText(Align(formatted, alignment));
                }
                else if (arg.AsString() is { } text)
                {
                    builder.AddText(Align(text, alignment));
                }
                else if (!builder.Add(arg))
                {
                    return ctx.UnknownAt(call);
                }

                i = close + 1;
            }
            else if (c == '}')
            {
                return ctx.UnknownAt(call);
            }
            else
            {
                var next = i + 1;
                while (next < format.Length && format[next] != '{' && format[next] != '}')
                {
                    next++;
                }

                builder.AddText(format, i, next - i);
                i = next;
            }
        }

        return builder.ToValue(ctx, call);
    }

    private static bool TryParseFormatItem(string format, int start, int end, out int index, out int alignment, out string? itemFormat)
    {
        index = 0;
        alignment = 0;
        itemFormat = null;
        var colon = format.IndexOf(':', start, end - start);
        var specEnd = colon < 0 ? end : colon;
        if (colon >= 0)
        {
            itemFormat = format.Substring(colon + 1, end - colon - 1);
        }

        var comma = format.IndexOf(',', start, specEnd - start);
        var indexText = format.Substring(start, (comma < 0 ? specEnd : comma) - start).Trim();
        if (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            return false;
        }

        if (comma >= 0)
        {
            var alignmentText = format.Substring(comma + 1, specEnd - comma - 1).Trim();
            if (!int.TryParse(alignmentText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out alignment) || Math.Abs(alignment) > 10000)
            {
                return false;
            }
        }

        return true;
    }

    private static string Align(string text, int alignment) =>
        alignment > 0 ? text.PadLeft(alignment) : alignment < 0 ? text.PadRight(-alignment) : text;

    /// <summary>
    /// <c>concat(resourceId('…/virtualNetworks', vnet), '/subnets/', subnet)</c> — the usual way to write a child
    /// resource's id — as the child's <see cref="ArmResourceId"/>, so it still links by type and name.
    /// </summary>
    private static ArmResourceId? TryChildResourceId(EvaluationContext ctx, ArmResourceId parent, ArmValue[] args)
    {
        var segments = new List<ArmValue>();
        var text = new StringBuilder();
        ArmUnknown? pendingUnknown = null;
        for (var k = 1; k < args.Length; k++)
        {
            if (args[k] is ArmUnknown unknown)
            {
                if (text.Length > 0 || pendingUnknown is not null)
                {
                    return null;
                }

                pendingUnknown = unknown;
                continue;
            }

            if (args[k] is not ArmString { Value: var piece })
            {
                return null;
            }

            foreach (var c in piece)
            {
                if (c == '/')
                {
                    segments.Add(pendingUnknown ?? ArmValue.String(text.ToString(), ctx.Origin));
                    pendingUnknown = null;
                    text.Clear();
                }
                else if (pendingUnknown is not null)
                {
                    // An unknown must be a whole segment: "{p}-x" is not a name we can carry.
                    return null;
                }
                else
                {
                    text.Append(c);
                }
            }
        }

        segments.Add(pendingUnknown ?? ArmValue.String(text.ToString(), ctx.Origin));

        // "/subnets/name" → ["", "subnets", "name"]: an empty head, then type/name pairs.
        if (segments.Count < 3 || segments.Count % 2 == 0 || segments[0] is not ArmString { Value.Length: 0 })
        {
            return null;
        }

        var type = new StringBuilder(parent.ResourceType);
        var names = new List<ArmValue>(parent.Names);
        for (var k = 1; k < segments.Count; k += 2)
        {
            if (segments[k] is not ArmString { Value: var childType } || childType.Length == 0
                || segments[k + 1] is ArmString { Value.Length: 0 })
            {
                return null;
            }

            type.Append('/').Append(childType);
            names.Add(segments[k + 1]);
        }

        return new ArmResourceId(type.ToString(), names, ctx.Origin);
    }

    private static ArmValue ToStringValue(ArmValue value, EvaluationContext ctx, CallNode call)
    {
        if (value is ArmString)
        {
            return value.WithOrigin(ctx.Origin);
        }

        if (value.AsString() is { } scalar)
        {
            return ArmValue.String(scalar, ctx.Origin);
        }

        if (value is ArmResourceId resourceId)
        {
            var symbol = ResourceIdSymbol(resourceId);
            return new ArmUnknown(symbol is null ? ctx.TextOf(call) : symbol.Substring(1, symbol.Length - 2), symbol, ctx.Origin);
        }

        var builder = new StringBuilder();
        if (ArmValueOperations.TryWriteJson(value, builder))
        {
            return ArmValue.String(builder.ToString(), ctx.Origin);
        }

        return ctx.UnknownAt(call);
    }

    private static ArmValue? ToInt(ArmValue value, Text.SourceSpan origin) => value switch
    {
        ArmInteger => value.WithOrigin(origin),
        ArmString s when long.TryParse(s.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => ArmValue.Integer(parsed, origin),
        _ => null,
    };

    private static ArmValue? ToBool(ArmValue value, Text.SourceSpan origin) => value switch
    {
        ArmBool => value.WithOrigin(origin),
        ArmInteger i => ArmValue.Bool(i.Value != 0, origin),
        ArmString s when string.Equals(s.Value, "true", StringComparison.OrdinalIgnoreCase) => ArmValue.Bool(true, origin),
        ArmString s when string.Equals(s.Value, "false", StringComparison.OrdinalIgnoreCase) => ArmValue.Bool(false, origin),
        _ => null,
    };

    private static ArmValue? ParseJson(string text, Text.SourceSpan origin)
    {
        var document = JsonDocument.Parse(text);
        return document.Errors.Count == 0 && document.Root is { } root ? ArmValueOperations.FromJsonLiteral(root, origin) : null;
    }

    private static ArmValue? Split(ArmValue input, ArmValue delimiter, Text.SourceSpan origin)
    {
        if (input is not ArmString { Value: var text })
        {
            return null;
        }

        string[] delimiters;
        if (delimiter is ArmString single)
        {
            delimiters = new[] { single.Value };
        }
        else if (delimiter is ArmArray many)
        {
            delimiters = new string[many.Items.Count];
            for (var i = 0; i < delimiters.Length; i++)
            {
                if (many.Items[i] is not ArmString { Value: var d })
                {
                    return null;
                }

                delimiters[i] = d;
            }
        }
        else
        {
            return null;
        }

        var parts = text.Split(delimiters, StringSplitOptions.None);
        var items = new ArmValue[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            items[i] = ArmValue.String(parts[i], origin);
        }

        return ArmValue.Array(items, origin);
    }

    private static ArmValue? Substring(ArmValue[] args, Text.SourceSpan origin)
    {
        if (args.Length is < 1 or > 3 || args[0] is not ArmString { Value: var text })
        {
            return null;
        }

        long start = 0;
        if (args.Length >= 2)
        {
            if (args[1] is not ArmInteger startValue)
            {
                return null;
            }

            start = startValue.Value;
        }

        var length = text.Length - start;
        if (args.Length == 3)
        {
            if (args[2] is not ArmInteger lengthValue)
            {
                return null;
            }

            length = lengthValue.Value;
        }

        if (start < 0 || length < 0 || start > text.Length || start + length > text.Length)
        {
            return null;
        }

        return ArmValue.String(text.Substring((int)start, (int)length), origin);
    }

    private static ArmValue? IndexOf(ArmValue container, ArmValue item, bool first, Text.SourceSpan origin)
    {
        if (container is ArmString { Value: var text } && item is ArmString { Value: var find })
        {
            if (find.Length == 0)
            {
                return ArmValue.Integer(first ? 0 : Math.Max(0, text.Length - 1), origin);
            }

            return ArmValue.Integer(
                first ? text.IndexOf(find, StringComparison.OrdinalIgnoreCase) : text.LastIndexOf(find, StringComparison.OrdinalIgnoreCase),
                origin);
        }

        if (container is ArmArray array)
        {
            var found = -1;
            for (var i = 0; i < array.Items.Count; i++)
            {
                var equal = ArmValueOperations.DeepEquals(array.Items[i], item);
                if (equal is null)
                {
                    // An unknown item before the match might itself be the match.
                    if (first || found < 0)
                    {
                        return null;
                    }
                }
                else if (equal.Value)
                {
                    found = i;
                    if (first)
                    {
                        break;
                    }
                }
            }

            return ArmValue.Integer(found, origin);
        }

        return null;
    }

    private static ArmValue? Join(EvaluationContext ctx, ArmValue[] args)
    {
        if (args.Length != 2 || args[0] is not ArmArray array || args[1] is not ArmString { Value: var delimiter })
        {
            return null;
        }

        var builder = new StringPartsBuilder();
        for (var i = 0; i < array.Items.Count; i++)
        {
            if (i > 0)
            {
                builder.AddText(delimiter);
            }

            if (!builder.Add(array.Items[i]))
            {
                return null;
            }
        }

        return builder.IsKnown ? ArmValue.String(builder.Text, ctx.Origin) : new ArmUnknown(builder.FirstUnknownReason!, builder.Symbol, ctx.Origin);
    }

    private static ArmValue? PadLeft(ArmValue[] args, Text.SourceSpan origin)
    {
        if (args.Length is < 2 or > 3 || args[0].AsString() is not { } text || args[0] is ArmNull
            || args[1] is not ArmInteger { Value: var total } || total > 10000)
        {
            return null;
        }

        var padding = ' ';
        if (args.Length == 3)
        {
            if (args[2] is not ArmString { Value.Length: 1 } pad)
            {
                return null;
            }

            padding = pad.Value[0];
        }

        return ArmValue.String(text.PadLeft((int)Math.Max(0, total), padding), origin);
    }

    // ---- arrays and objects ------------------------------------------------------------------------------------

    private static ArmValue CreateObject(EvaluationContext ctx, CallNode call, ArmValue[] args)
    {
        if (args.Length % 2 != 0)
        {
            return ctx.UnknownAt(call);
        }

        var properties = new List<ArmProperty>(args.Length / 2);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (args[i] is ArmUnknown unknownKey)
            {
                return ctx.Propagate(unknownKey);
            }

            if (args[i] is not ArmString { Value: var key })
            {
                return ctx.UnknownAt(call);
            }

            properties.Add(new ArmProperty(key, args[i + 1], ctx.Origin));
        }

        return new ArmObject(properties, ctx.Origin);
    }

    private static ArmValue? Union(ArmValue[] args, Text.SourceSpan origin)
    {
        var objects = 0;
        var arrays = 0;
        foreach (var arg in args)
        {
            switch (arg)
            {
                case ArmObject:
                    objects++;
                    break;
                case ArmArray:
                    arrays++;
                    break;
                case ArmNull:
                    break;
                default:
                    return null;
            }
        }

        if (objects > 0 && arrays > 0)
        {
            return null;
        }

        if (arrays > 0)
        {
            var items = new List<ArmValue>();
            foreach (var arg in args)
            {
                if (arg is not ArmArray array)
                {
                    continue;
                }

                foreach (var item in array.Items)
                {
                    var duplicate = false;
                    foreach (var existing in items)
                    {
                        if (ArmValueOperations.DeepEquals(existing, item) == true)
                        {
                            duplicate = true;
                            break;
                        }
                    }

                    if (!duplicate)
                    {
                        items.Add(item);
                    }
                }
            }

            return ArmValue.Array(items, origin);
        }

        ArmObject? merged = null;
        foreach (var arg in args)
        {
            if (arg is ArmObject obj)
            {
                merged = merged is null ? obj : MergeObjects(merged, obj, origin);
            }
        }

        return merged is null ? ArmValue.Null(origin) : merged.WithOrigin(origin);
    }

    /// <summary>
    /// <c>flatten([[a], [b, c]])</c> → <c>[a, b, c]</c>; the Bicep compiler writes an array spread (<c>[...core, 'x']</c>)
    /// as <c>flatten(createArray(variables('core'), createArray('x')))</c>. An inner array that is not known leaves the
    /// result unknown; an item that is not an array is an error in ARM (null).
    /// </summary>
    private static ArmValue? Flatten(EvaluationContext ctx, ArmArray nested)
    {
        var items = new List<ArmValue>();
        foreach (var item in nested.Items)
        {
            switch (item)
            {
                case ArmArray inner:
                    items.AddRange(inner.Items);
                    break;
                case ArmUnknown unknown:
                    return ctx.Propagate(unknown);
                default:
                    return null;
            }
        }

        return ArmValue.Array(items, ctx.Origin);
    }

    /// <summary>
    /// <c>shallowMerge([o1, o2])</c>: the objects' properties, a later one replacing an earlier one of the same name (no
    /// nested merge, unlike <c>union</c>); the Bicep compiler writes an object spread (<c>{ ...base, b: 1 }</c>) this way.
    /// </summary>
    private static ArmValue? ShallowMerge(EvaluationContext ctx, ArmArray objects)
    {
        var properties = new MergedProperties();
        foreach (var item in objects.Items)
        {
            switch (item)
            {
                case ArmObject obj:
                    foreach (var property in obj.Properties)
                    {
                        properties.Put(property);
                    }

                    break;
                case ArmNull:
                    break;
                case ArmUnknown unknown:
                    return ctx.Propagate(unknown);
                default:
                    return null;
            }
        }

        return properties.ToObject(ctx.Origin);
    }

    /// <summary>ARM's object union: later values win, nested objects merge recursively, nested arrays are replaced.</summary>
    private static ArmObject MergeObjects(ArmObject first, ArmObject second, Text.SourceSpan origin)
    {
        var properties = new MergedProperties();
        foreach (var property in first.Properties)
        {
            properties.Put(property);
        }

        foreach (var property in second.Properties)
        {
            properties.Put(properties.Get(property.Name)?.Value is ArmObject existing && property.Value is ArmObject incoming
                ? new ArmProperty(property.Name, MergeObjects(existing, incoming, origin), property.NameSpan)
                : property);
        }

        return properties.ToObject(origin);
    }

    private static ArmValue Empty(ArmValue value, Text.SourceSpan origin) => ArmValue.Bool(
        value switch
        {
            ArmNull => true,
            ArmString s => s.Value.Length == 0,
            ArmArray a => a.Items.Count == 0,
            ArmObject o => o.Properties.Count == 0,
            _ => false,
        },
        origin);

    private static ArmValue? Contains(EvaluationContext ctx, CallNode call, ArmValue container, ArmValue item)
    {
        switch (container)
        {
            case ArmString { Value: var text }:
                return item.AsString() is { } find && item is not ArmNull
                    ? ArmValue.Bool(text.IndexOf(find, StringComparison.Ordinal) >= 0, ctx.Origin)
                    : null;
            case ArmObject obj:
                return item is ArmString { Value: var key } ? ArmValue.Bool(obj[key] is not null, ctx.Origin) : null;
            case ArmArray array:
                ArmUnknown? undecided = null;
                foreach (var element in array.Items)
                {
                    var equal = ArmValueOperations.DeepEquals(element, item);
                    if (equal == true)
                    {
                        return ArmValue.Bool(true, ctx.Origin);
                    }

                    if (equal is null)
                    {
                        undecided ??= element as ArmUnknown ?? ctx.UnknownAt(call);
                    }
                }

                return undecided is null ? ArmValue.Bool(false, ctx.Origin) : ctx.Propagate(undecided);
            default:
                return null;
        }
    }

    private static ArmValue? FirstOrLast(ArmValue value, bool first, Text.SourceSpan origin)
    {
        switch (value)
        {
            case ArmArray array:
                return array.Items.Count == 0 ? ArmValue.Null(origin) : array.Items[first ? 0 : array.Items.Count - 1];
            case ArmString { Value: var text }:
                return ArmValue.String(text.Length == 0 ? string.Empty : text.Substring(first ? 0 : text.Length - 1, 1), origin);
            default:
                return null;
        }
    }

    private static ArmValue? Length(ArmValue value, Text.SourceSpan origin) => value switch
    {
        ArmString s => ArmValue.Integer(s.Value.Length, origin),
        ArmArray a => ArmValue.Integer(a.Items.Count, origin),
        ArmObject o => ArmValue.Integer(o.Properties.Count, origin),
        _ => null,
    };

    private static ArmValue? TakeOrSkip(ArmValue value, long count, bool take, Text.SourceSpan origin)
    {
        switch (value)
        {
            case ArmArray array:
                {
                    var n = (int)Math.Max(0, Math.Min(count, array.Items.Count));
                    var items = new ArmValue[take ? n : array.Items.Count - n];
                    for (var i = 0; i < items.Length; i++)
                    {
                        items[i] = array.Items[take ? i : n + i];
                    }

                    return ArmValue.Array(items, origin);
                }

            case ArmString { Value: var text }:
                {
                    var n = (int)Math.Max(0, Math.Min(count, text.Length));
                    return ArmValue.String(take ? text.Substring(0, n) : text.Substring(n), origin);
                }

            default:
                return null;
        }
    }

    private static ArmValue? Range(ArmValue[] args, Text.SourceSpan origin)
    {
        if (args.Length != 2 || args[0] is not ArmInteger { Value: var start } || args[1] is not ArmInteger { Value: var count }
            || count < 0 || count > MaxRangeCount || start + count > int.MaxValue)
        {
            return null;
        }

        var items = new ArmValue[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = ArmValue.Integer(start + i, origin);
        }

        return ArmValue.Array(items, origin);
    }

    private static ArmValue? TryGet(ArmValue[] args, Text.SourceSpan origin)
    {
        if (args.Length < 2)
        {
            return null;
        }

        var current = args[0];
        for (var i = 1; i < args.Length; i++)
        {
            ArmValue? next = (current, args[i]) switch
            {
                (ArmObject obj, ArmString key) => obj[key.Value],
                (ArmArray array, ArmInteger index) => index.Value >= 0 && index.Value < array.Items.Count ? array.Items[(int)index.Value] : null,
                (ArmUnknown, _) => current,
                _ => null,
            };

            if (next is null)
            {
                return ArmValue.Null(origin);
            }

            current = next;
        }

        return current;
    }

    private static ArmValue ObjectKeys(ArmObject obj, Text.SourceSpan origin)
    {
        var keys = new ArmValue[obj.Properties.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ArmValue.String(obj.Properties[i].Name, origin);
        }

        return ArmValue.Array(keys, origin);
    }

    private static ArmValue Items(ArmObject obj, Text.SourceSpan origin)
    {
        var properties = new List<ArmProperty>(obj.Properties);

        // ARM returns items() sorted by key.
        properties.Sort((a, b) => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase));
        var items = new ArmValue[properties.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new ArmObject(
                new[]
                {
                    new ArmProperty("key", ArmValue.String(properties[i].Name, origin), properties[i].NameSpan),
                    new ArmProperty("value", properties[i].Value, properties[i].NameSpan),
                },
                origin);
        }

        return ArmValue.Array(items, origin);
    }

    // ---- numbers and comparisons -------------------------------------------------------------------------------

    private static ArmValue? MinMax(ArmValue[] args, bool min, Text.SourceSpan origin)
    {
        IReadOnlyList<ArmValue> values = args.Length == 1 && args[0] is ArmArray array ? array.Items : args;
        if (values.Count == 0)
        {
            return null;
        }

        long result = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not ArmInteger { Value: var value })
            {
                return null;
            }

            result = i == 0 ? value : min ? Math.Min(result, value) : Math.Max(result, value);
        }

        return ArmValue.Integer(result, origin);
    }

    private static ArmValue? Arithmetic(string name, long a, long b, Text.SourceSpan origin)
    {
        try
        {
            return name switch
            {
                "add" => ArmValue.Integer(checked(a + b), origin),
                "sub" => ArmValue.Integer(checked(a - b), origin),
                "mul" => ArmValue.Integer(checked(a * b), origin),
                "div" => b == 0 ? null : ArmValue.Integer(checked(a / b), origin),
                _ => b == 0 ? null : ArmValue.Integer(a % b, origin),
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static ArmValue? Compare(string name, ArmValue left, ArmValue right, Text.SourceSpan origin)
    {
        int order;
        if (left is ArmInteger a && right is ArmInteger b)
        {
            order = a.Value.CompareTo(b.Value);
        }
        else if (left is ArmString s && right is ArmString t)
        {
            // ARM compares strings culturally: its docs show greater('A', 'a') is true.
            order = CultureInfo.InvariantCulture.CompareInfo.Compare(s.Value, t.Value, CompareOptions.None);
        }
        else
        {
            return null;
        }

        var result = name switch
        {
            "less" => order < 0,
            "lessorequals" => order <= 0,
            "greater" => order > 0,
            _ => order >= 0,
        };

        return ArmValue.Bool(result, origin);
    }

    private static ArmValue Decided(bool? result, ArmValue[] args, EvaluationContext ctx, CallNode call)
    {
        if (result is bool known)
        {
            return ArmValue.Bool(known, ctx.Origin);
        }

        foreach (var arg in args)
        {
            if (FindUnknown(arg) is { } unknown)
            {
                return ctx.Propagate(unknown);
            }
        }

        return ctx.UnknownAt(call);
    }

    private static ArmUnknown? FindUnknown(ArmValue value)
    {
        switch (value)
        {
            case ArmUnknown unknown:
                return unknown;
            case ArmArray array:
                foreach (var item in array.Items)
                {
                    if (FindUnknown(item) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case ArmObject obj:
                foreach (var property in obj.Properties)
                {
                    if (FindUnknown(property.Value) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    // ---- deployment functions ----------------------------------------------------------------------------------

    private static ArmValue? CopyIndex(EvaluationContext ctx, CallNode call, ArmValue[] args)
    {
        string? loopName = null;
        long offset = 0;
        switch (args.Length)
        {
            case 0:
                break;
            case 1 when args[0] is ArmString name:
                loopName = name.Value;
                break;
            case 1 when args[0] is ArmInteger single:
                offset = single.Value;
                break;
            case 2 when args[0] is ArmString name && args[1] is ArmInteger second:
                loopName = name.Value;
                offset = second.Value;
                break;
            default:
                return null;
        }

        var index = ctx.Scope.GetCopyIndex(loopName);
        return index is int i ? ArmValue.Integer(i + offset, ctx.Origin) : ctx.UnknownAt(call);
    }

    private static ArmValue ResourceId(EvaluationContext ctx, CallNode call, ArmValue[] args, int maxLeading)
    {
        // The optional leading subscriptionId / resourceGroupName are recognised by the type being the first
        // argument that contains '/'.
        for (var i = 0; i <= maxLeading && i < args.Length; i++)
        {
            if (args[i] is ArmString { Value: var type } && type.IndexOf('/') >= 0)
            {
                return ResourceIdFrom(ctx, call, args, i);
            }
        }

        return ctx.UnknownAt(call);
    }

    private static ArmValue ResourceIdFrom(EvaluationContext ctx, CallNode call, ArmValue[] args, int typeIndex)
    {
        if (args[typeIndex] is ArmUnknown unknownType)
        {
            return ctx.Propagate(unknownType);
        }

        if (args[typeIndex] is not ArmString { Value: var type } || type.IndexOf('/') < 0)
        {
            return ctx.UnknownAt(call);
        }

        var names = new ArmValue[args.Length - typeIndex - 1];
        Array.Copy(args, typeIndex + 1, names, 0, names.Length);
        var deploymentGroup = (ctx.Scope as IResourceGroupScope)?.ResourceGroup;
        return new ArmResourceId(type, names, ctx.Origin)
        {
            OtherResourceGroup = call.Name.Equals("resourceId", StringComparison.OrdinalIgnoreCase)
                ? typeIndex > 0 ? OtherResourceGroup(args[typeIndex - 1], deploymentGroup) : deploymentGroup
                : call.Name.Equals("extensionResourceId", StringComparison.OrdinalIgnoreCase) ? ResourceGroupOfScope(args[0], deploymentGroup) : null,
        };
    }

    /// <summary>
    /// The resource group of an <c>extensionResourceId</c> scope that is a resource group
    /// (<c>/subscriptions/{…}/resourceGroups/rg-security</c>, what Bicep writes for an <c>existing</c> resource with a
    /// <c>scope</c>), as <see cref="OtherResourceGroup"/> labels it; null for another kind of scope.
    /// </summary>
    private static string? ResourceGroupOfScope(ArmValue scope, string? deploymentGroup)
    {
        const string Marker = "/resourceGroups/";
        var text = scope switch
        {
            ArmString s => s.Value,
            ArmUnknown unknown => unknown.Symbol,
            _ => null,
        };
        var at = text?.IndexOf(Marker, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var start = at + Marker.Length;
        var end = text!.IndexOf('/', start);
        var group = end < 0 ? text.Substring(start) : text.Substring(start, end - start);
        return group.IndexOf("resourceGroup().name", StringComparison.OrdinalIgnoreCase) >= 0
            || string.Equals(group, deploymentGroup, StringComparison.OrdinalIgnoreCase)
            ? deploymentGroup
            : group;
    }

    /// <summary>
    /// The resource group argument of <c>resourceId(…)</c> as a label: <paramref name="deploymentGroup"/> (the label of
    /// the group the expression's deployment targets; null for the root deployment's) for <c>resourceGroup().name</c>
    /// and for that group's own name, else the name given, or the unresolved expression in braces.
    /// </summary>
    internal static string? OtherResourceGroup(ArmValue resourceGroup, string? deploymentGroup) => resourceGroup switch
    {
        ArmString { Value: var name } when string.Equals(name, deploymentGroup, StringComparison.OrdinalIgnoreCase) => deploymentGroup,
        ArmString { Value: var name } => name,
        ArmUnknown unknown when (unknown.Symbol ?? unknown.Reason).IndexOf("resourceGroup().name", StringComparison.OrdinalIgnoreCase) >= 0 => deploymentGroup,
        ArmUnknown unknown => "{" + unknown.Reason + "}",
        _ => "{" + resourceGroup.AsString() + "}",
    };

    // ---- symbols -----------------------------------------------------------------------------------------------

    /// <summary><c>{fn(arg, …)}</c> with known arguments quoted and unknown ones as their symbols; null if one has none.</summary>
    private static string? CanonicalSymbol(string name, ArmValue[] args)
    {
        var builder = new StringBuilder("{").Append(name).Append('(');
        for (var i = 0; i < args.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            if (!AppendSymbolPart(args[i], builder))
            {
                return null;
            }
        }

        return builder.Append(")}").ToString();
    }

    private static bool AppendSymbolPart(ArmValue value, StringBuilder builder)
    {
        switch (value)
        {
            case ArmString s:
                builder.Append('\'').Append(s.Value.Replace("'", "''")).Append('\'');
                return true;
            case ArmInteger or ArmBool:
                builder.Append(value.AsString());
                return true;
            case ArmUnknown { Symbol: { } symbol }:
                builder.Append(symbol);
                return true;
            case ArmResourceId resourceId when ResourceIdSymbol(resourceId) is { } symbol:
                builder.Append(symbol);
                return true;
            default:
                return false;
        }
    }

    /// <summary><c>{resourceId('type','name',…)}</c>: a resource id in string context, where its text is not known.</summary>
    internal static string? ResourceIdSymbol(ArmResourceId resourceId)
    {
        var builder = new StringBuilder("{resourceId('").Append(resourceId.ResourceType.Replace("'", "''")).Append('\'');
        foreach (var name in resourceId.Names)
        {
            builder.Append(',');
            if (!AppendSymbolPart(name, builder))
            {
                return null;
            }
        }

        return builder.Append(")}").ToString();
    }

    private static Dictionary<string, string> BuildNames(params string[] names)
    {
        var map = new Dictionary<string, string>(names.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            map[name] = name;
        }

        return map;
    }

    /// <summary>
    /// Builds a string from parts, some of which may be unknown: the known text, and the symbol where unknown
    /// parts are written as their own symbols (<c>{parameters('p')}/rcg</c>).
    /// </summary>
    private sealed class StringPartsBuilder
    {
        private readonly StringBuilder _text;

        // The symbol is the text until the first unknown part: it gets its own builder only then.
        private StringBuilder? _symbol;

        // An unknown part without a symbol: the result has no symbol either.
        private bool _symbolLost;

        public StringPartsBuilder(int capacity = 16)
        {
            _text = new StringBuilder(capacity);
        }

        public bool IsKnown => FirstUnknownReason is null;

        public string? FirstUnknownReason { get; private set; }

        public string Text => _text.ToString();

        public string? Symbol => _symbolLost ? null : (_symbol ?? _text).ToString();

        public void AddText(string text)
        {
            _text.Append(text);
            _symbol?.Append(text);
        }

        public void AddText(string text, int start, int length)
        {
            _text.Append(text, start, length);
            _symbol?.Append(text, start, length);
        }

        /// <summary>False for values that cannot be part of a string (arrays, objects).</summary>
        public bool Add(ArmValue value)
        {
            switch (value)
            {
                case ArmUnknown unknown:
                    FirstUnknownReason ??= unknown.Reason;
                    AddSymbol(unknown.Symbol);
                    return true;
                case ArmResourceId resourceId:
                    var symbol = ResourceIdSymbol(resourceId);
                    FirstUnknownReason ??= symbol is null ? "resourceId('" + resourceId.ResourceType + "', …)" : symbol.Substring(1, symbol.Length - 2);
                    AddSymbol(symbol);
                    return true;
                default:
                    if (value.AsString() is not { } text)
                    {
                        return false;
                    }

                    AddText(text);
                    return true;
            }
        }

        private void AddSymbol(string? symbol)
        {
            if (_symbolLost)
            {
                return;
            }

            if (symbol is null)
            {
                _symbolLost = true;
                _symbol = null;
                return;
            }

            _symbol ??= new StringBuilder(_text.ToString(), _text.Length + symbol.Length + 16);
            _symbol.Append(symbol);
        }

        public ArmValue ToValue(EvaluationContext ctx, CallNode call) =>
            IsKnown
                ? ArmValue.String(_text.ToString(), ctx.Origin)
                : new ArmUnknown(FirstUnknownReason ?? ctx.TextOf(call), Symbol, ctx.Origin);
    }
}
