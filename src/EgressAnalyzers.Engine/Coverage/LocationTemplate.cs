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

    private LocationTemplate(Requirement requirement, string template, TemplateTarget target)
    {
        Requirement = requirement;
        Template = template;
        Target = target;
        var escaped = Regex.Escape(template).Replace(RequirementCatalog.LocationPlaceholder, "([a-z0-9-]+)");
        regex = new Regex("^" + escaped + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public Requirement Requirement { get; }

    public string Template { get; }

    public TemplateTarget Target { get; }

    /// <summary>The region label the value names at the template's location position (lower case).</summary>
    public bool TryMatch(string value, out string location)
    {
        var match = regex.Match(value.Trim());
        location = match.Success ? match.Groups[1].Value.ToLowerInvariant() : "";
        return match.Success;
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
