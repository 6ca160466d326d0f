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
        var region = new RegionCheck(ruleSet, catalog, settings, clusters);
        var deprecated = string.Equals(settings.Profile, "current", StringComparison.OrdinalIgnoreCase) ? new DeprecatedNames(catalog) : null;
        foreach (var collection in ruleSet.Collections.Select(c => c.Collection).Where(c => c.Kind != RuleCollectionKind.Nat))
        {
            var allow = collection.Action == RuleAction.Allow;
            foreach (var rule in collection.ApplicationRules)
            {
                CheckValues(ruleSet, rule, findings);
                var applied = ruleSet.IpGroups.Expand(rule);
                if (applied is null)
                {
                    ReportEmptyGroups(ruleSet, rule, findings);
                }
                else if (allow)
                {
                    if (MayCarryClusterTraffic(applied, clusters))
                    {
                        CheckAllowEverything(ruleSet, rule, findings);
                    }

                    if (deprecated is not null)
                    {
                        CheckDeprecated(ruleSet, rule, deprecated, findings);
                    }

                    region.Check(rule.TargetFqdns, TemplateTarget.Fqdn, findings);
                }
            }

            foreach (var rule in collection.NetworkRules)
            {
                CheckValues(ruleSet, rule, findings);
                var applied = ruleSet.IpGroups.Expand(rule);
                if (applied is null)
                {
                    ReportEmptyGroups(ruleSet, rule, findings);
                }
                else if (allow)
                {
                    // With its IP groups' addresses in place: a group holding 0.0.0.0/0 opens every address too.
                    if (MayCarryClusterTraffic(applied, clusters))
                    {
                        CheckAllowEverything(ruleSet, (NetworkRule)applied, findings);
                    }

                    region.Check(rule.DestinationFqdns, TemplateTarget.Fqdn, findings);
                    region.Check(rule.DestinationAddresses, TemplateTarget.ServiceTag, findings);
                }
            }
        }

        return findings;
    }

    // The per-rule checks below run for every rule of every hub: index loops (no boxed enumerators) and checks that
    // build nothing for valid values.
    private static void CheckValues(FirewallRuleSet ruleSet, ApplicationRule rule, List<Finding> findings)
    {
        for (var i = 0; i < rule.Protocols.Count; i++)
        {
            var protocol = rule.Protocols[i];
            if (protocol.ProtocolType.Text is { } type && !IsOneOf(ApplicationProtocols, type))
            {
                findings.Add(Invalid(ruleSet, protocol.ProtocolType, "application rule protocol", "expected Http, Https or Mssql"));
            }

            if (protocol.Port.Text is { } port && !PortSet.TryParsePort(port.Trim(), out _, out var error))
            {
                findings.Add(Invalid(ruleSet, protocol.Port, "application rule port", error));
            }
        }

        for (var i = 0; i < rule.TargetFqdns.Count; i++)
        {
            var target = rule.TargetFqdns[i];
            if (target.Text is { } text && FqdnPattern.Validate(text, out _) is { } error)
            {
                findings.Add(Invalid(ruleSet, target, "target FQDN", error));
            }
        }

        CheckSources(ruleSet, rule, findings);
    }

    private static void CheckValues(FirewallRuleSet ruleSet, NetworkRule rule, List<Finding> findings)
    {
        for (var i = 0; i < rule.Protocols.Count; i++)
        {
            var protocol = rule.Protocols[i];
            if (protocol.Text is { } text && !IsOneOf(NetworkProtocols, text))
            {
                findings.Add(Invalid(ruleSet, protocol, "network rule protocol", "expected TCP, UDP, ICMP or Any"));
            }
        }

        for (var i = 0; i < rule.DestinationPorts.Count; i++)
        {
            var port = rule.DestinationPorts[i];
            if (port.Text is { } text && PortSet.Parse(text) is { IsValid: false } set)
            {
                findings.Add(Invalid(ruleSet, port, "destination port", set.Error!));
            }
        }

        for (var i = 0; i < rule.DestinationFqdns.Count; i++)
        {
            var fqdn = rule.DestinationFqdns[i];
            if (fqdn.Text is not { } text)
            {
                continue;
            }

            var error = FqdnPattern.Validate(text, out var kind);
            if (error is null && kind is FqdnPatternKind.Any or FqdnPatternKind.Subdomains or FqdnPatternKind.Suffix)
            {
                findings.Add(Invalid(ruleSet, fqdn, "destination FQDN", "network rule FQDNs do not support wildcards; use an application rule"));
            }
            else if (error is not null)
            {
                findings.Add(Invalid(ruleSet, fqdn, "destination FQDN", error));
            }
        }

        for (var i = 0; i < rule.DestinationAddresses.Count; i++)
        {
            var address = rule.DestinationAddresses[i];
            if (address.Text is { } text && !AddressRange.TryParse(text.Trim(), out _) && !ServiceTag.IsServiceTag(text.Trim()))
            {
                findings.Add(Invalid(ruleSet, address, "destination address", "expected an IPv4 address, CIDR prefix, range, '*' or a service tag"));
            }
        }

        CheckSources(ruleSet, rule, findings);
    }

    /// <summary>
    /// Whether the rule may carry a cluster's egress: false only when every cluster's node subnets are known and none of
    /// the rule's sources includes them (a jump box's allow-everything rule does not open AKS egress).
    /// </summary>
    private static bool MayCarryClusterTraffic(FirewallRule rule, IReadOnlyList<ClusterContext> clusters)
    {
        if (clusters.Count == 0)
        {
            return true;
        }

        foreach (var cluster in clusters)
        {
            if (RuleMatcher.MayApplyToNodes(rule, cluster.Match))
            {
                return true;
            }
        }

        return false;
    }

    private static void ReportEmptyGroups(FirewallRuleSet ruleSet, FirewallRule rule, List<Finding> findings)
    {
        foreach (var reference in ruleSet.IpGroups.EmptyGroupsNamedBy(rule))
        {
            findings.Add(Invalid(ruleSet, reference, "IP group for rule '" + rule.Name + "'", "the group holds no addresses, and Azure Firewall skips a rule whose IP group is empty"));
        }
    }

    private static void CheckSources(FirewallRuleSet ruleSet, FirewallRule rule, List<Finding> findings)
    {
        for (var i = 0; i < rule.SourceAddresses.Count; i++)
        {
            var source = rule.SourceAddresses[i];
            if (source.Text is { } text && !AddressRange.TryParse(text.Trim(), out _))
            {
                findings.Add(Invalid(ruleSet, source, "source address", "expected an IPv4 address, CIDR prefix, range or '*'"));
            }
        }
    }

    private static void CheckAllowEverything(FirewallRuleSet ruleSet, ApplicationRule rule, List<Finding> findings)
    {
        for (var i = 0; i < rule.TargetFqdns.Count; i++)
        {
            var target = rule.TargetFqdns[i];
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

    private static void CheckDeprecated(FirewallRuleSet ruleSet, ApplicationRule rule, DeprecatedNames deprecated, List<Finding> findings)
    {
        for (var i = 0; i < rule.TargetFqdns.Count; i++)
        {
            var target = rule.TargetFqdns[i];
            if (target.Text is { } text && deprecated.Find(text) is { } endpoint)
            {
                findings.Add(new Finding(EgressRules.EGR2003_DeprecatedEndpointAllowed, target.Span, text, endpoint.Note) { Subject = ruleSet.Key, Endpoint = text.Trim() });
            }
        }
    }

    /// <summary>
    /// The catalog's deprecated names ready for lookup: plain names in a hash table, location-specific ones as compiled
    /// templates; the first entry in catalog order that matches a value is the one reported.
    /// </summary>
    private sealed class DeprecatedNames
    {
        private readonly Dictionary<string, int> plain = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<int> plainLengths = new();
        private readonly List<(int Index, IReadOnlyList<LocationTemplate> Templates)> located = new();
        private readonly IReadOnlyList<DeprecatedEndpoint> endpoints;

        public DeprecatedNames(RequirementCatalog catalog)
        {
            endpoints = catalog.Deprecated;
            for (var i = 0; i < endpoints.Count; i++)
            {
                var fqdn = endpoints[i].Fqdn;
                if (fqdn.IndexOf(RequirementCatalog.LocationPlaceholder, StringComparison.Ordinal) >= 0)
                {
                    located.Add((i, DeprecatedTemplates.GetOrAdd(fqdn, t => LocationTemplate.For(new Requirement { Fqdn = t }))));
                }
                else if (!plain.ContainsKey(fqdn))
                {
                    plain.Add(fqdn, i);
                    plainLengths.Add(fqdn.Length);
                }
            }
        }

        public DeprecatedEndpoint? Find(string text)
        {
            // Most values have no deprecated name's length: no hashing for them.
            var trimmed = text.Trim();
            var first = plainLengths.Contains(trimmed.Length) && plain.TryGetValue(trimmed, out var index) ? index : int.MaxValue;
            foreach (var (i, templates) in located)
            {
                if (i > first)
                {
                    break;
                }

                for (var t = 0; t < templates.Count; t++)
                {
                    if (templates[t].TryMatch(text, out _))
                    {
                        return endpoints[i];
                    }
                }
            }

            return first == int.MaxValue ? null : endpoints[first];
        }
    }

    /// <summary>
    /// Compiled patterns of the catalog's location-specific deprecated names, built once: every rule value is tested
    /// against them, and building a pattern per value dominated the analysis of large hubs. Bounded by the catalogs.
    /// </summary>
    private static readonly ConcurrentDictionary<string, IReadOnlyList<LocationTemplate>> DeprecatedTemplates = new(StringComparer.Ordinal);

    /// <summary>
    /// EGR1005 for one rule set: which rule values name a location-specific endpoint of a region no cluster is in.
    /// What does not change from value to value (located clusters, the templates per target) is worked out once.
    /// </summary>
    private sealed class RegionCheck
    {
        private readonly FirewallRuleSet ruleSet;
        private readonly RequirementCatalog catalog;
        private readonly EgressSettings settings;
        private readonly List<ClusterContext> located;
        private readonly List<LocationTemplate> fqdnTemplates = new();
        private readonly List<LocationTemplate> serviceTagTemplates = new();

        public RegionCheck(FirewallRuleSet ruleSet, RequirementCatalog catalog, EgressSettings settings, IReadOnlyList<ClusterContext> clusters)
        {
            this.ruleSet = ruleSet;
            this.catalog = catalog;
            this.settings = settings;
            located = clusters.Where(c => c.Location is not null).ToList();
            if (located.Count == 0)
            {
                return;
            }

            // Many requirements share a template (AzureCloud.<location>): the first one decides for a value, so a
            // later copy is never reached and testing it again is only cost.
            var seen = new HashSet<(string, TemplateTarget)>();
            foreach (var template in catalog.For(settings.Profile, settings.Cloud).SelectMany(LocationTemplate.For))
            {
                if (seen.Add((template.Template, template.Target)))
                {
                    (template.Target == TemplateTarget.Fqdn ? fqdnTemplates : serviceTagTemplates).Add(template);
                }
            }
        }

        public void Check(IReadOnlyList<ModelValue> values, TemplateTarget target, List<Finding> findings)
        {
            if (located.Count == 0)
            {
                return;
            }

            var templates = target == TemplateTarget.Fqdn ? fqdnTemplates : serviceTagTemplates;
            for (var i = 0; i < values.Count; i++)
            {
                var value = values[i];
                if (value.Text is not { } text)
                {
                    continue;
                }

                foreach (var template in templates)
                {
                    if (!template.TryMatch(text, out var region)
                        || located.Exists(c => c.Location == region)
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
    }

    private static bool IsOneOf(string[] names, string text)
    {
        var trimmed = text.Trim();
        foreach (var name in names)
        {
            if (string.Equals(name, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static Finding Invalid(FirewallRuleSet ruleSet, ModelValue value, string what, string reason) =>
        new(EgressRules.EGR2002_InvalidRuleValue, value.Span, value.Text ?? "", what, reason) { Subject = ruleSet.Key };
}
