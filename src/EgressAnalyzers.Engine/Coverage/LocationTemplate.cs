using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using EgressAnalyzers.Engine.Catalog;

namespace EgressAnalyzers.Engine.Coverage;

/// <summary>Where a location-specific template may appear in a rule.</summary>
public enum TemplateTarget
{
    /// <summary>An application rule's target FQDN (or a network rule's destination FQDN).</summary>
    Fqdn,

    /// <summary>A network rule's destination address (service tag).</summary>
    ServiceTag,
}

/// <summary>
/// A catalog pattern containing <c>&lt;location&gt;</c> (<c>*.hcp.&lt;location&gt;.azmk8s.io</c>,
/// <c>AzureCloud.&lt;location&gt;</c>), able to tell which region a rule value names.
/// </summary>
public sealed class LocationTemplate
{
    private readonly Regex regex;

    // The literal text around the one placeholder, when the template has exactly one and is ASCII (all catalog
    // templates): lets TryMatch decide without the regular expression. Null otherwise.
    private readonly string? prefix;
    private readonly string? suffix;

    private LocationTemplate(Requirement requirement, string template, TemplateTarget target)
    {
        Requirement = requirement;
        Template = template;
        Target = target;
        var escaped = Regex.Escape(template).Replace(RequirementCatalog.LocationPlaceholder, "([a-z0-9-]+)");
        regex = new Regex("^" + escaped + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var placeholder = template.IndexOf(RequirementCatalog.LocationPlaceholder, StringComparison.Ordinal);
        var afterPlaceholder = placeholder + RequirementCatalog.LocationPlaceholder.Length;
        if (placeholder >= 0 && template.IndexOf(RequirementCatalog.LocationPlaceholder, afterPlaceholder, StringComparison.Ordinal) < 0 && IsAscii(template))
        {
            prefix = template.Substring(0, placeholder);
            suffix = template.Substring(afterPlaceholder);
        }
    }

    public Requirement Requirement { get; }

    public string Template { get; }

    public TemplateTarget Target { get; }

    /// <summary>The region label the value names at the template's location position (lower case).</summary>
    public bool TryMatch(string value, out string location)
    {
        if (prefix is not null && TryMatchLiteral(value, out location) is { } decided)
        {
            return decided;
        }

        var match = regex.Match(value.Trim());
        location = match.Success ? match.Groups[1].Value.ToLowerInvariant() : "";
        return match.Success;
    }

    /// <summary>
    /// The regular expression's answer without running it, for ASCII text: <c>prefix [a-z0-9-]+ suffix</c> compared
    /// case-insensitively, the suffix first (where rule values of other services differ). Null when a non-ASCII
    /// character is met where it matters: the expression's case-insensitive comparison knows more than ASCII does.
    /// Every rule value of every firewall passes here, most failing on the suffix's last character.
    /// </summary>
    private bool? TryMatchLiteral(string value, out string location)
    {
        location = "";
        var start = 0;
        var end = value.Length;
        while (start < end && char.IsWhiteSpace(value[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(value[end - 1]))
        {
            end--;
        }

        var labelLength = end - start - prefix!.Length - suffix!.Length;
        if (labelLength < 1)
        {
            return false;
        }

        for (var i = 1; i <= suffix.Length; i++)
        {
            var same = SameAscii(value[end - i], suffix[suffix.Length - i]);
            if (same != true)
            {
                return same;
            }
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            var same = SameAscii(value[start + i], prefix[i]);
            if (same != true)
            {
                return same;
            }
        }

        var labelStart = start + prefix.Length;
        for (var i = labelStart; i < labelStart + labelLength; i++)
        {
            var c = value[i];
            if (c >= 128)
            {
                return null;
            }

            if (c is not (>= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-'))
            {
                return false;
            }
        }

        location = value.Substring(labelStart, labelLength).ToLowerInvariant();
        return true;
    }

    /// <summary>True or false for an ASCII character; null for another (the expression decides).</summary>
    private static bool? SameAscii(char c, char expected)
    {
        if (c >= 128)
        {
            return null;
        }

        if (c == expected)
        {
            return true;
        }

        var lower = (char)(c | 0x20);
        return lower >= 'a' && lower <= 'z' && lower == (char)(expected | 0x20);
    }

    private static bool IsAscii(string text)
    {
        foreach (var c in text)
        {
            if (c >= 128)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The requirement's location-specific patterns. Built once per requirement (catalog entries live as long as the
    /// catalog): every rule value of every firewall is tested against them, and building the regular expressions per
    /// test dominated the analysis of large hubs.
    /// </summary>
    public static IReadOnlyList<LocationTemplate> For(Requirement requirement) => Cache.GetValue(requirement, Build);

    private static readonly ConditionalWeakTable<Requirement, IReadOnlyList<LocationTemplate>> Cache = new();

    private static IReadOnlyList<LocationTemplate> Build(Requirement requirement)
    {
        var result = new List<LocationTemplate>();
        if (requirement.Fqdn is { } fqdn && HasPlaceholder(fqdn))
        {
            result.Add(new LocationTemplate(requirement, fqdn, TemplateTarget.Fqdn));
        }

        foreach (var form in requirement.Destinations)
        {
            if (!HasPlaceholder(form))
            {
                continue;
            }

            if (form.StartsWith(RequirementInstance.ServiceTagPrefix, StringComparison.OrdinalIgnoreCase))
            {
                result.Add(new LocationTemplate(requirement, form.Substring(RequirementInstance.ServiceTagPrefix.Length), TemplateTarget.ServiceTag));
            }
            else if (form.StartsWith(RequirementInstance.FqdnPrefix, StringComparison.OrdinalIgnoreCase))
            {
                result.Add(new LocationTemplate(requirement, form.Substring(RequirementInstance.FqdnPrefix.Length), TemplateTarget.Fqdn));
            }
        }

        return result;
    }

    private static bool HasPlaceholder(string text) =>
        text.IndexOf(RequirementCatalog.LocationPlaceholder, StringComparison.Ordinal) >= 0;

    public override string ToString() => Template;
}
