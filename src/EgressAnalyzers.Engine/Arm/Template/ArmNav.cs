using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Template;

/// <summary>
/// Reading evaluated values the way the model needs them. Navigation through an unknown value yields that unknown
/// (so <c>addonProfiles: [parameters('addons')]</c> makes <c>addonProfiles.omsagent.enabled</c> unknown), and a
/// value of the wrong type reads as absent: the reader never throws on what ARM itself would reject.
/// </summary>
internal static class ArmNav
{
    public static ArmValue? Get(ArmValue? value, string name) => value switch
    {
        ArmObject obj => obj[name],
        ArmUnknown unknown => unknown,
        _ => null,
    };

    public static ArmValue? Path(ArmValue? value, params string[] names)
    {
        foreach (var name in names)
        {
            value = Get(value, name);
            if (value is null)
            {
                return null;
            }
        }

        return value;
    }

    /// <summary>The items of an array; an unknown array is one unknown item; anything else has none.</summary>
    public static IReadOnlyList<ArmValue> Items(ArmValue? value) => value switch
    {
        ArmArray array => array.Items,
        ArmUnknown unknown => new ArmValue[] { unknown },
        _ => Array.Empty<ArmValue>(),
    };

    public static long? AsInteger(ArmValue? value) => value switch
    {
        ArmInteger integer => integer.Value,
        ArmString text when long.TryParse(text.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public static int? AsPriority(ArmValue? value) =>
        AsInteger(value) is { } n && n >= int.MinValue && n <= int.MaxValue ? (int)n : null;

    /// <summary>A known boolean (ARM accepts <c>"true"</c> strings where booleans go); null when unknown or absent.</summary>
    public static bool? AsBool(ArmValue? value) => value switch
    {
        ArmBool b => b.Value,
        ArmString s when string.Equals(s.Value, "true", StringComparison.OrdinalIgnoreCase) => true,
        ArmString s when string.Equals(s.Value, "false", StringComparison.OrdinalIgnoreCase) => false,
        _ => null,
    };

    public static string? AsString(ArmValue? value) => value is ArmString s ? s.Value : null;

    /// <summary>Text that identifies a name: the string, or for an unknown the canonical symbol of its expression.</summary>
    public static string? NameText(ArmValue? value) => value switch
    {
        ArmString s => s.Value,
        ArmInteger or ArmBool => value.AsString(),
        ArmUnknown unknown => unknown.Symbol ?? "{" + unknown.Reason + "}",
        _ => null,
    };

    public static string UnknownText(ArmUnknown unknown) => unknown.Reason;

    /// <summary>A scalar as a model value; null for null/absent and for objects/arrays where a scalar belongs.</summary>
    public static ModelValue? ToModelValue(ArmValue? value) => value switch
    {
        ArmUnknown unknown => ModelValue.Unknown(unknown.Reason, unknown.Origin, unknown.Symbol),
        ArmString or ArmInteger or ArmBool => ModelValue.Known(value.AsString()!, value.Origin),
        ArmResourceId id => ModelValue.Known(ResourceIdText(id), id.Origin),
        _ => null,
    };

    /// <summary>A list of scalars; an unknown list is a single unknown value; a non-list is empty.</summary>
    public static IReadOnlyList<ModelValue> ToModelValues(ArmValue? value)
    {
        if (value is ArmUnknown unknown)
        {
            return new[] { ModelValue.Unknown(unknown.Reason, unknown.Origin, unknown.Symbol) };
        }

        if (value is not ArmArray array || array.Items.Count == 0)
        {
            return Array.Empty<ModelValue>();
        }

        // An exact array (no list slack): models of large rule sets hold hundreds of thousands of these.
        var items = array.Items;
        var result = new ModelValue[items.Count];
        var count = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (ToModelValue(items[i]) is { } modelValue)
            {
                result[count++] = modelValue;
            }
        }

        if (count < result.Length)
        {
            Array.Resize(ref result, count);
        }

        return result;
    }

    /// <summary>The key a resource ID points at: <c>resourceId()</c> values, literal ID strings, and symbolic unknowns.</summary>
    public static ResourceKey? ToResourceKey(ArmValue? value)
    {
        switch (value)
        {
            case ArmResourceId id:
                var names = new List<string>(id.Names.Count);
                foreach (var name in id.Names)
                {
                    names.Add(NameText(name) ?? "?");
                }

                // An ID into another resource group names no resource of the inputs (theirs are in the deployment's
                // group): its key carries that group, so it links to nothing declared under the same name.
                return id.ResourceType.Length == 0 ? null : new ResourceKey(id.ResourceType, string.Join("/", names), id.OtherResourceGroup);
            case ArmString s:
                return ParseResourceId(s.Value);
            case ArmUnknown unknown when unknown.Symbol is not null:
                return ParseResourceId(unknown.Symbol);
            default:
                return null;
        }
    }

    /// <summary>
    /// <c>/subscriptions/…/providers/Microsoft.Network/firewallPolicies/p/ruleCollectionGroups/g</c> →
    /// (<c>Microsoft.Network/firewallPolicies/ruleCollectionGroups</c>, <c>p/g</c>). Null when it is not an ID.
    /// </summary>
    public static ResourceKey? ParseResourceId(string text) =>
        text.IndexOf("/providers/", StringComparison.OrdinalIgnoreCase) < 0 ? null : ResourceKey.FromResourceId(text);

    public static string ResourceIdText(ArmResourceId id)
    {
        // "resourceGroups/rg-security/Microsoft.Network/ipGroups/g": readable, and no ID of a resource of the inputs.
        var builder = new StringBuilder();
        if (id.OtherResourceGroup is { } group)
        {
            builder.Append("resourceGroups/").Append(group).Append('/');
        }

        builder.Append(id.ResourceType);
        foreach (var name in id.Names)
        {
            builder.Append('/').Append(NameText(name) ?? "?");
        }

        return builder.ToString();
    }

    /// <summary>Where a value is written, or <paramref name="fallback"/> when it has no origin.</summary>
    public static SourceSpan OriginOr(ArmValue? value, SourceSpan fallback) =>
        value is null || value.Origin.IsEmpty ? fallback : value.Origin;
}
