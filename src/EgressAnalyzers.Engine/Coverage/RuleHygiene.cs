using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Model;

namespace EgressAnalyzers.Engine.Coverage;

/// <summary>
/// Checks on the rules themselves, for subjects in scope: invalid values (EGR2002), allow-everything rules (EGR2001),
/// deprecated endpoints (EGR2003) and region-specific endpoints for another region (EGR1005).
/// </summary>
public static class RuleHygiene
{
    private static readonly string[] ApplicationProtocols = { "Http", "Https", "Mssql" };
    private static readonly string[] NetworkProtocols = { "TCP", "UDP", "ICMP", "Any" };

    public static IEnumerable<Finding> Check(
        FirewallRuleSet ruleSet,
        EgressSettings settings,
        RequirementCatalog catalog,
        IReadOnlyList<ClusterContext> clusters)
    {
        var findings = new List<Finding>();
        var templates = catalog.For(settings.Profile, settings.Cloud).SelectMany(LocationTemplate.For).ToList();
        var checkDeprecated = string.Equals(settings.Profile, "current", StringComparison.OrdinalIgnoreCase);
        foreach (var collection in ruleSet.Collections.Select(c => c.Collection).Where(c => c.Kind != RuleCollectionKind.Nat))
        {
            var allow = collection.Action == RuleAction.Allow;
            foreach (var rule in collection.ApplicationRules)
            {
                CheckValues(ruleSet, rule, findings);
                if (allow)
                {
                    CheckAllowEverything(ruleSet, rule, findings);
                    if (checkDeprecated)
                    {
                        CheckDeprecated(ruleSet, rule, catalog, findings);
                    }

                    CheckOtherRegion(ruleSet, rule.TargetFqdns, TemplateTarget.Fqdn, templates, catalog, settings, clusters, findings);
                }
            }

            foreach (var rule in collection.NetworkRules)
            {
                CheckValues(ruleSet, rule, findings);
                if (allow)
                {
                    CheckAllowEverything(ruleSet, rule, findings);
                    CheckOtherRegion(ruleSet, rule.DestinationFqdns, TemplateTarget.Fqdn, templates, catalog, settings, clusters, findings);
                    CheckOtherRegion(ruleSet, rule.DestinationAddresses, TemplateTarget.ServiceTag, templates, catalog, settings, clusters, findings);
                }
            }
        }

        return findings;
    }

    private static void CheckValues(FirewallRuleSet ruleSet, ApplicationRule rule, List<Finding> findings)
    {
        foreach (var protocol in rule.Protocols)
        {
            if (protocol.ProtocolType.Text is { } type && !ApplicationProtocols.Any(p => string.Equals(p, type.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                findings.Add(Invalid(ruleSet, protocol.ProtocolType, "application rule protocol", "expected Http, Https or Mssql"));
            }

            if (protocol.Port.Text is { } port && !PortSet.TryParsePort(port.Trim(), out _, out var error))
            {
                findings.Add(Invalid(ruleSet, protocol.Port, "application rule port", error));
            }
        }

        foreach (var target in rule.TargetFqdns)
        {
            if (target.Text is { } text && FqdnPattern.Parse(text) is { IsValid: false } pattern)
            {
                findings.Add(Invalid(ruleSet, target, "target FQDN", pattern.Error!));
            }
        }

        CheckSources(ruleSet, rule, findings);
    }

    private static void CheckValues(FirewallRuleSet ruleSet, NetworkRule rule, List<Finding> findings)
    {
        foreach (var protocol in rule.Protocols)
        {
            if (protocol.Text is { } text && !NetworkProtocols.Any(p => string.Equals(p, text.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                findings.Add(Invalid(ruleSet, protocol, "network rule protocol", "expected TCP, UDP, ICMP or Any"));
            }
        }

        foreach (var port in rule.DestinationPorts)
        {
            if (port.Text is { } text && PortSet.Parse(text) is { IsValid: false } set)
            {
                findings.Add(Invalid(ruleSet, port, "destination port", set.Error!));
            }
        }

        foreach (var fqdn in rule.DestinationFqdns)
        {
            if (fqdn.Text is not { } text)
            {
                continue;
            }

            var pattern = FqdnPattern.Parse(text);
            if (pattern.IsValid && pattern.HasWildcard)
            {
                findings.Add(Invalid(ruleSet, fqdn, "destination FQDN", "network rule FQDNs do not support wildcards; use an application rule"));
            }
            else if (!pattern.IsValid)
            {
                findings.Add(Invalid(ruleSet, fqdn, "destination FQDN", pattern.Error!));
            }
        }

        foreach (var address in rule.DestinationAddresses)
        {
            if (address.Text is { } text && !AddressRange.TryParse(text.Trim(), out _) && !ServiceTag.IsServiceTag(text.Trim()))
            {
                findings.Add(Invalid(ruleSet, address, "destination address", "expected an IPv4 address, CIDR prefix, range, '*' or a service tag"));
            }
        }

        CheckSources(ruleSet, rule, findings);
    }

    private static void CheckSources(FirewallRuleSet ruleSet, FirewallRule rule, List<Finding> findings)
    {
        foreach (var source in rule.SourceAddresses)
        {
            if (source.Text is { } text && !AddressRange.TryParse(text.Trim(), out _))
            {
                findings.Add(Invalid(ruleSet, source, "source address", "expected an IPv4 address, CIDR prefix, range or '*'"));
            }
        }
    }

    private static void CheckAllowEverything(FirewallRuleSet ruleSet, ApplicationRule rule, List<Finding> findings)
    {
        foreach (var target in rule.TargetFqdns)
        {
            if (target.Text is { } text && text.Trim() == "*")
            {
                var protocols = rule.Protocols.Select(p => p.ProtocolType.Text).Where(p => p is not null).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                var kind = protocols.Count == 0 ? "HTTP(S)" : string.Join("/", protocols);
                findings.Add(new Finding(EgressRules.EGR2001_AllowEverythingRule, target.Span, ruleSet.Display, kind, rule.Name) { Subject = ruleSet.Key });
            }
        }
    }

    private static void CheckAllowEverything(FirewallRuleSet ruleSet, NetworkRule rule, List<Finding> findings)
    {
        var allPorts = rule.DestinationPorts.Any(p => p.Text is { } text && PortSet.Parse(text).IsAll);
        var anyProtocol = rule.Protocols.Any(p => string.Equals(p.Text?.Trim(), "Any", StringComparison.OrdinalIgnoreCase));
        var tcp = rule.Protocols.Any(p => string.Equals(p.Text?.Trim(), "TCP", StringComparison.OrdinalIgnoreCase));
        if (!allPorts || !(anyProtocol || tcp))
        {
            return;
        }

        foreach (var address in rule.DestinationAddresses)
        {
            if (address.Text is { } text && RuleMatcher.IsAnyAddress(text))
            {
                findings.Add(new Finding(EgressRules.EGR2001_AllowEverythingRule, address.Span, ruleSet.Display, anyProtocol ? "IP" : "TCP", rule.Name) { Subject = ruleSet.Key });
            }
        }
    }

    private static void CheckDeprecated(FirewallRuleSet ruleSet, ApplicationRule rule, RequirementCatalog catalog, List<Finding> findings)
    {
        foreach (var target in rule.TargetFqdns)
        {
            if (target.Text is not { } text)
            {
                continue;
            }

            foreach (var deprecated in catalog.Deprecated)
            {
                if (MatchesTemplate(deprecated.Fqdn, text))
                {
                    findings.Add(new Finding(EgressRules.EGR2003_DeprecatedEndpointAllowed, target.Span, text, deprecated.Note) { Subject = ruleSet.Key, Endpoint = text.Trim() });
                    break;
                }
            }
        }
    }

    private static bool MatchesTemplate(string template, string text)
    {
        if (template.IndexOf(RequirementCatalog.LocationPlaceholder, StringComparison.Ordinal) < 0)
        {
            return string.Equals(template, text.Trim(), StringComparison.OrdinalIgnoreCase);
        }

        var templates = DeprecatedTemplates.GetOrAdd(template, t => LocationTemplate.For(new Requirement { Fqdn = t }));
        return templates.Any(t => t.TryMatch(text, out _));
    }

    /// <summary>
    /// Compiled patterns of the catalog's location-specific deprecated names, built once: every rule value is tested
    /// against them, and building a pattern per value dominated the analysis of large hubs. Bounded by the catalogs.
    /// </summary>
    private static readonly ConcurrentDictionary<string, IReadOnlyList<LocationTemplate>> DeprecatedTemplates = new(StringComparer.Ordinal);

    private static void CheckOtherRegion(
        FirewallRuleSet ruleSet,
        IReadOnlyList<ModelValue> values,
        TemplateTarget target,
        IReadOnlyList<LocationTemplate> templates,
        RequirementCatalog catalog,
        EgressSettings settings,
        IReadOnlyList<ClusterContext> clusters,
        List<Finding> findings)
    {
        var located = clusters.Where(c => c.Location is not null).ToList();
        if (located.Count == 0)
        {
            return;
        }

        foreach (var value in values)
        {
            if (value.Text is not { } text)
            {
                continue;
            }

            foreach (var template in templates.Where(t => t.Target == target))
            {
                if (!template.TryMatch(text, out var region)
                    || located.Any(c => c.Location == region)
                    || (catalog.Regions.ContainsKey(settings.Cloud) && !catalog.IsKnownRegion(settings.Cloud, region)))
                {
                    continue;
                }

                var cluster = located[0];
                findings.Add(new Finding(EgressRules.EGR1005_LocationSpecificEndpointForOtherRegion, value.Span, text.Trim(), region, cluster.DisplayName, cluster.Location!)
                {
                    Subject = ruleSet.Key,
                    RequirementId = template.Requirement.Id,
                    Endpoint = text.Trim(),
                });
                break;
            }
        }
    }

    private static Finding Invalid(FirewallRuleSet ruleSet, ModelValue value, string what, string reason) =>
        new(EgressRules.EGR2002_InvalidRuleValue, value.Span, value.Text ?? "", what, reason) { Subject = ruleSet.Key };
}
