using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Coverage;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Model;

namespace EgressAnalyzers.Engine.Fixes;

/// <summary>
/// What a writer can edit. The planner asks before it chooses a target, so a plan never names a place the writer
/// cannot write (a rules array computed by an expression or a copy loop, a resource in another file, …).
/// </summary>
public interface IFixTargets
{
    /// <summary>Can rules be appended to this collection's rules array?</summary>
    bool CanAppendRules(RuleCollection collection);

    /// <summary>Can a classic collection be added to this firewall?</summary>
    bool CanAddClassicCollection(AzureFirewallResource firewall, RuleCollectionKind kind);

    /// <summary>Can a filter collection be added to this group's <c>ruleCollections</c>?</summary>
    bool CanAddPolicyCollection(RuleCollectionGroupResource group);

    /// <summary>Can a rule collection group be added for this policy?</summary>
    bool CanAddGroup(FirewallPolicyResource policy);
}

/// <summary>
/// Builds the <see cref="FixPlan"/> for EGR1001/EGR1002 findings: which rules to write (one per group of missing
/// endpoints) and where (an existing Allow collection processed before every Deny that matches the traffic, else a
/// new collection or rule collection group whose priority puts it after the existing Allows and before those Denies).
/// </summary>
public static class FixPlanner
{
    public const string DefaultName = "aks-egress";

    private const int MinPriority = 100;
    private const int MaxPriority = 65000;

    /// <summary>The rule IDs a fix handles.</summary>
    public static bool IsFixable(Finding finding) =>
        finding.SuppressedBy is null
        && finding.RequirementId is not null
        && !finding.Subject.IsEmpty
        && (finding.Rule.Id == EgressRuleIds.EGR1001 || finding.Rule.Id == EgressRuleIds.EGR1002);

    public static FixPlan Plan(
        IEnumerable<Finding> findings,
        InfrastructureModel model,
        EgressSettings settings,
        RequirementCatalog catalog,
        IFixTargets targets)
    {
        var fixable = findings.Where(IsFixable).ToList();
        if (fixable.Count == 0)
        {
            return FixPlan.Empty;
        }

        var requirements = catalog.For(settings.Profile, settings.Cloud).ToList();
        var clusters = ClusterContext.Build(model, settings);
        var ruleSets = FirewallRuleSet.Resolve(model);
        var shared = SharedText.Of(model);
        var insertions = new List<PlannedInsertion>();
        var notFixable = new List<UnfixableFinding>();

        foreach (var subjectFindings in fixable.GroupBy(f => f.Subject))
        {
            // Several files may declare the same firewall (template variants): take the one the findings point into.
            var sameKey = ruleSets.Where(r => r.Key == subjectFindings.Key).ToList();
            var at = subjectFindings.First().Location;
            var ruleSet = sameKey.FirstOrDefault(r => r.Resource.Span.Contains(at) || r.Collections.Any(c => c.Collection.Span.Contains(at)))
                ?? sameKey.FirstOrDefault(r => string.Equals(r.Resource.Span.FilePath, at.FilePath, StringComparison.Ordinal))
                ?? sameKey.FirstOrDefault();
            if (ruleSet is null)
            {
                notFixable.AddRange(subjectFindings.Select(f => new UnfixableFinding(f, "its firewall or policy is not among the analyzed resources")));
                continue;
            }

            var missing = new List<MissingEndpoint>();
            // Catalog order, so rules list endpoints as the documentation does.
            foreach (var finding in subjectFindings.OrderBy(f => requirements.FindIndex(r => string.Equals(r.Id, f.RequirementId, StringComparison.Ordinal))))
            {
                var requirement = requirements.FirstOrDefault(r => string.Equals(r.Id, finding.RequirementId, StringComparison.Ordinal));
                if (requirement is null)
                {
                    notFixable.Add(new UnfixableFinding(finding, $"requirement '{finding.RequirementId}' is not in the catalog for the configured profile and cloud"));
                    continue;
                }

                var location = finding.RequirementLocation ?? RequirementCatalog.LocationPlaceholder;
                var cluster = clusters.FirstOrDefault(c => string.Equals(c.Location ?? RequirementCatalog.LocationPlaceholder, location, StringComparison.Ordinal))
                    ?? (clusters.Count > 0 ? clusters[0] : null);
                var instance = RequirementInstance.For(requirement, location);
                var endpoint = Describe(instance, cluster, model, out var reason);
                if (endpoint is null)
                {
                    notFixable.Add(new UnfixableFinding(finding, reason!));
                    continue;
                }

                endpoint.Finding = finding;
                missing.Add(endpoint);
            }

            var reserved = new Reservations();
            foreach (var kind in new[] { RuleCollectionKind.Network, RuleCollectionKind.Application })
            {
                var ofKind = missing.Where(m => m.Kind == kind).ToList();
                if (ofKind.Count == 0)
                {
                    continue;
                }

                var insertion = PlanInsertion(ruleSet, kind, ofKind, model, targets, reserved, shared, out var reason);
                if (insertion is null)
                {
                    // Together, the endpoints must all go before the first Deny that matches any of them. Each Deny only
                    // blocks the endpoints it matches first: plan the endpoints of each first-matching Deny (and those no
                    // Deny matches) on their own, so a Deny that leaves no place before it leaves only its own unfixed.
                    var byFirstDeny = ofKind.GroupBy(e => FirstMatchingDeny(ruleSet, kind, e)).ToList();
                    if (byFirstDeny.Count == 1)
                    {
                        notFixable.AddRange(ofKind.Select(m => new UnfixableFinding(m.Finding!, reason!)));
                        continue;
                    }

                    foreach (var sameDeny in byFirstDeny)
                    {
                        if (PlanInsertion(ruleSet, kind, sameDeny.ToList(), model, targets, reserved, shared, out var partReason) is { } part)
                        {
                            insertions.Add(part);
                        }
                        else
                        {
                            notFixable.AddRange(sameDeny.Select(m => new UnfixableFinding(m.Finding!, partReason!)));
                        }
                    }
                }
                else
                {
                    insertions.Add(insertion);
                }
            }
        }

        return new FixPlan(MergeSharedTargets(insertions), notFixable);
    }

    // ---- endpoints -------------------------------------------------------------------------------------------------

    private sealed class MissingEndpoint
    {
        public MissingEndpoint(RequirementInstance instance, ClusterContext? cluster)
        {
            Instance = instance;
            Cluster = cluster;
        }

        public RequirementInstance Instance { get; }

        public ClusterContext? Cluster { get; }

        public Finding? Finding { get; set; }

        public RuleCollectionKind Kind => Instance.Kind == RequirementKind.Application ? RuleCollectionKind.Application : RuleCollectionKind.Network;

        public PlannedValue? Fqdn { get; set; }

        public List<PlannedValue> Addresses { get; } = new();

        public List<PlannedValue> DestinationFqdns { get; } = new();
    }

    private static MissingEndpoint? Describe(RequirementInstance instance, ClusterContext? cluster, InfrastructureModel model, out string? reason)
    {
        reason = null;
        var endpoint = new MissingEndpoint(instance, cluster);
        var requirement = instance.Requirement;
        if (instance.Kind == RequirementKind.Application)
        {
            endpoint.Fqdn = Value(requirement.Fqdn!, instance, cluster);
            if (endpoint.Fqdn.NeedsExpression && cluster?.Cluster?.Location is null)
            {
                reason = "the cluster's region is not known, so the region-specific name cannot be written";
                return null;
            }

            return endpoint;
        }

        // Network: the most specific destination form a rule can state (service tag, FQDN, the DNS servers), '*' last.
        var forms = requirement.Destinations;
        foreach (var form in forms.Where(f => f.StartsWith(RequirementInstance.ServiceTagPrefix, StringComparison.OrdinalIgnoreCase)))
        {
            var value = Value(form.Substring(RequirementInstance.ServiceTagPrefix.Length), instance, cluster);
            if (!value.NeedsExpression || cluster?.Cluster?.Location is not null)
            {
                endpoint.Addresses.Add(value);
                return endpoint;
            }
        }

        var fqdnForm = forms.FirstOrDefault(f => f.StartsWith(RequirementInstance.FqdnPrefix, StringComparison.OrdinalIgnoreCase));
        if (fqdnForm is not null)
        {
            endpoint.DestinationFqdns.Add(Value(fqdnForm.Substring(RequirementInstance.FqdnPrefix.Length), instance, cluster));
            return endpoint;
        }

        if (forms.Contains(RequirementInstance.CustomDnsServersForm))
        {
            var servers = cluster?.Match.CustomDnsServers.KnownTexts().Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? new List<string>();
            if (servers.Count > 0)
            {
                endpoint.Addresses.AddRange(servers.Select(s => new PlannedValue(s)));
                return endpoint;
            }
        }

        if (forms.Contains(RequirementInstance.AnyDestination))
        {
            endpoint.Addresses.Add(new PlannedValue(RequirementInstance.AnyDestination));
            return endpoint;
        }

        reason = "no destination form of the requirement can be written without knowing the region's addresses";
        return null;
    }

    private static PlannedValue Value(string template, RequirementInstance instance, ClusterContext? cluster)
    {
        var literal = template.Replace(RequirementCatalog.LocationPlaceholder, instance.Location);
        if (template.IndexOf(RequirementCatalog.LocationPlaceholder, StringComparison.Ordinal) < 0)
        {
            return new PlannedValue(literal);
        }

        var known = instance.Location == RequirementCatalog.LocationPlaceholder ? null : instance.Location;
        return new PlannedValue(literal, template, known, cluster?.Cluster);
    }

    // ---- rules ---------------------------------------------------------------------------------------------------

    private static List<PlannedRule> BuildRules(
        RuleCollectionKind kind,
        List<MissingEndpoint> endpoints,
        IReadOnlyList<string> sources,
        FirewallRule? sourcesLike,
        ICollection<string> takenNames)
    {
        var rules = new List<PlannedRule>();
        if (kind == RuleCollectionKind.Application)
        {
            var groups = endpoints.GroupBy(e => (Group: ApplicationGroupName(e.Instance.Requirement), e.Instance.Protocol, e.Instance.Port));
            var groupList = groups.ToList();
            foreach (var group in groupList)
            {
                var baseName = group.Key.Group;
                if (!(string.Equals(group.Key.Protocol, "Https", StringComparison.OrdinalIgnoreCase) && group.Key.Port == 443))
                {
                    baseName += "-" + group.Key.Protocol.ToLowerInvariant() + (IsDefaultPort(group.Key.Protocol, group.Key.Port) ? "" : "-" + group.Key.Port.ToString(CultureInfo.InvariantCulture));
                }

                var protocolName = string.Equals(group.Key.Protocol, "Http", StringComparison.OrdinalIgnoreCase) ? "Http" : "Https";
                rules.Add(new PlannedRule(Unique(baseName, takenNames), kind, group.Select(e => e.Finding!).ToList())
                {
                    ApplicationProtocols = new[] { new PlannedProtocol(protocolName, group.Key.Port) },
                    TargetFqdns = group.Select(e => e.Fqdn!).Distinct().ToList(),
                    SourceAddresses = sources,
                    SourcesLike = sourcesLike,
                });
            }

            return rules;
        }

        var networkGroups = endpoints
            .GroupBy(e => (Purpose: NetworkPurposeName(e.Instance), Protocol: e.Instance.Protocol.ToUpperInvariant(),
                Destinations: string.Join("|", e.Addresses.Select(a => a.Literal)) + "#" + string.Join("|", e.DestinationFqdns.Select(a => a.Literal))))
            .ToList();
        foreach (var group in networkGroups)
        {
            var sharesPurpose = networkGroups.Count(g => g.Key.Purpose == group.Key.Purpose) > 1;
            var baseName = sharesPurpose ? group.Key.Purpose + "-" + group.Key.Protocol.ToLowerInvariant() : group.Key.Purpose;
            var first = group.First();
            rules.Add(new PlannedRule(Unique(baseName, takenNames), kind, group.Select(e => e.Finding!).ToList())
            {
                NetworkProtocols = new[] { group.Key.Protocol },
                DestinationAddresses = first.Addresses.ToList(),
                DestinationFqdns = first.DestinationFqdns.ToList(),
                DestinationPorts = group.Select(e => e.Instance.Port.ToString(CultureInfo.InvariantCulture)).Distinct().ToList(),
                SourceAddresses = sources,
                SourcesLike = sourcesLike,
            });
        }

        return rules;
    }

    private static bool IsDefaultPort(string protocol, int port) =>
        (string.Equals(protocol, "Http", StringComparison.OrdinalIgnoreCase) && port == 80)
        || (string.Equals(protocol, "Https", StringComparison.OrdinalIgnoreCase) && port == 443);

    /// <summary><c>aks-core-fqdns</c> for the core list, <c>aks-&lt;feature&gt;-fqdns</c> for a feature's endpoints.</summary>
    private static string ApplicationGroupName(Requirement requirement)
    {
        if (requirement.OnlyWhen is { } condition)
        {
            return "aks-" + condition.ToLowerInvariant() + "-fqdns";
        }

        return requirement.Id.IndexOf("-OS-", StringComparison.Ordinal) >= 0 ? "aks-os-update-fqdns" : "aks-core-fqdns";
    }

    private static string NetworkPurposeName(RequirementInstance instance) => instance.Port switch
    {
        53 => "aks-dns",
        123 => "aks-ntp",
        1194 or 9000 or 22 => "aks-tunnel",
        443 => "aks-apiserver",
        _ => $"aks-{instance.Protocol.ToLowerInvariant()}-{instance.Port.ToString(CultureInfo.InvariantCulture)}",
    };

    private static string Unique(string name, ICollection<string> taken)
    {
        var candidate = name;
        for (var i = 2; taken.Contains(candidate); i++)
        {
            candidate = name + "-" + i.ToString(CultureInfo.InvariantCulture);
        }

        taken.Add(candidate);
        return candidate;
    }

    // ---- targets ---------------------------------------------------------------------------------------------------

    private static PlannedInsertion? PlanInsertion(
        FirewallRuleSet ruleSet,
        RuleCollectionKind kind,
        List<MissingEndpoint> endpoints,
        InfrastructureModel model,
        IFixTargets targets,
        Reservations reserved,
        SharedText shared,
        out string? reason)
    {
        reason = null;
        var ordered = ruleSet.OrderedCollections(unknownPriorityFirst: true).Where(c => c.Collection.Kind == kind).ToList();
        var firstDeny = ordered.FindIndex(c => c.Collection.Action == RuleAction.Deny && MatchesAny(c.Collection, endpoints));
        var beforeDeny = firstDeny < 0 ? ordered : ordered.Take(firstDeny).ToList();
        var findings = endpoints.Select(e => e.Finding!).ToList();
        var cluster = endpoints.Select(e => e.Cluster).FirstOrDefault(c => c is not null);
        var sources = DefaultSources(cluster, model);
        var policy = ruleSet.Resource as FirewallPolicyResource;

        if (firstDeny >= 0 && policy is not null && ordered[firstDeny].Group?.Policy != policy.Key)
        {
            reason = $"the Deny collection '{ordered[firstDeny].Collection.Name}' is in base policy '{ordered[firstDeny].Group?.Policy.ShortName}', whose rules are processed first";
            return null;
        }

        // 1. An existing Allow collection of the right kind, processed before the first matching Deny: the latest one.
        var existing = beforeDeny.LastOrDefault(c =>
            c.Collection.Action == RuleAction.Allow
            && !c.HasUnknownPriority
            && (policy is null || c.Group?.Policy == policy.Key)
            && !shared.Contains(c.Collection)
            && targets.CanAppendRules(c.Collection));
        if (existing is not null)
        {
            var taken = new HashSet<string>(RuleNames(existing.Collection), StringComparer.OrdinalIgnoreCase);
            var like = SourcesLike(existing.Collection, kind, cluster);
            return new PlannedInsertion(InsertionTargetKind.ExistingCollection, kind, ruleSet.Resource, BuildRules(kind, endpoints, sources, like, taken), findings)
            {
                Firewall = ruleSet.Resource as AzureFirewallResource,
                Policy = policy,
                Group = existing.Group,
                ExistingCollection = existing.Collection,
            };
        }

        var lastAllow = beforeDeny.LastOrDefault(c => c.Collection.Action == RuleAction.Allow && !c.HasUnknownPriority);
        var deny = firstDeny >= 0 ? ordered[firstDeny] : null;

        // 2. Classic: a new collection between the last Allow and the first matching Deny.
        if (ruleSet.Resource is AzureFirewallResource firewall)
        {
            if (shared.Contains(firewall) || !targets.CanAddClassicCollection(firewall, kind))
            {
                reason = shared.Contains(firewall)
                    ? "the firewall is written once for several firewalls (a module or a helper method used more than once), so its text is not edited"
                    : "the firewall's rule collections are computed (an expression or a copy loop) or not written in this file";
                return null;
            }

            // New collections planned earlier for this firewall and kind (endpoints behind different Denies) count as used.
            var planned = reserved.PrioritiesIn(new ResourceKey(firewall.Key.Type, firewall.Key.Name + "#" + kind));
            var written = firewall.Collections.Where(c => c.Kind == kind && c.Priority is not null).Select(c => c.Priority!.Value).ToList();
            var used = written.Concat(planned).ToList();
            var low = lastAllow?.Collection.Priority ?? (written.Count > 0 && deny is null ? written.Max() : MinPriority - 1);
            var high = deny?.Collection.Priority ?? MaxPriority + 1;
            var priority = FreePriority(low, high, used) ?? FreePriority(MinPriority - 1, high, used);
            if (priority is null)
            {
                reason = $"no free priority is processed before the Deny collection '{deny?.Collection.Name}'";
                return null;
            }

            planned.Add(priority.Value);

            var names = firewall.Collections.Select(c => c.Name).Concat(reserved.Names).ToList();
            return new PlannedInsertion(InsertionTargetKind.NewClassicCollection, kind, firewall, BuildRules(kind, endpoints, sources, null, new HashSet<string>(StringComparer.OrdinalIgnoreCase)), findings)
            {
                Firewall = firewall,
                CollectionName = reserved.Name(CollectionName(names, kind)),
                CollectionPriority = priority,
            };
        }

        if (policy is null)
        {
            reason = "the subject is neither a firewall nor a policy";
            return null;
        }

        var groups = model.RuleCollectionGroups.Where(g => g.Policy == policy.Key).ToList();

        // 3. Policy: a new filter collection in an existing group, placed after the last Allow and before the Deny.
        var denyGroupPriority = deny?.Group?.Priority;
        var candidates = new List<RuleCollectionGroupResource>();
        if (lastAllow?.Group is { } allowGroup && allowGroup.Policy == policy.Key)
        {
            candidates.Add(allowGroup);
        }

        candidates.AddRange(groups
            .Where(g => g.Priority is not null && (denyGroupPriority is null || g.Priority <= denyGroupPriority))
            .OrderByDescending(g => g.Priority));
        foreach (var group in candidates.Distinct())
        {
            if (group.Priority is null || shared.Contains(group) || !targets.CanAddPolicyCollection(group) || group.Collections.Any(c => c.Priority is null))
            {
                continue;
            }

            var used = group.Collections.Select(c => c.Priority!.Value).Concat(reserved.PrioritiesIn(group.Key)).ToList();
            var low = lastAllow?.Group == group ? lastAllow.Collection.Priority!.Value : MinPriority - 1;
            if (lastAllow is null && deny is null && used.Count > 0)
            {
                low = used.Max();
            }

            var high = deny?.Group == group ? deny.Collection.Priority ?? MinPriority : MaxPriority + 1;
            var priority = FreePriority(low, high, used) ?? FreePriority(MinPriority - 1, high, used);
            if (priority is null)
            {
                continue;
            }

            var names = group.Collections.Select(c => c.Name).Concat(reserved.Names).ToList();
            reserved.PrioritiesIn(group.Key).Add(priority.Value);
            return new PlannedInsertion(InsertionTargetKind.NewPolicyCollection, kind, policy, BuildRules(kind, endpoints, sources, null, new HashSet<string>(StringComparer.OrdinalIgnoreCase)), findings)
            {
                Policy = policy,
                Group = group,
                CollectionName = reserved.Name(CollectionName(names, kind)),
                CollectionPriority = priority,
            };
        }

        // 4. Policy: a new rule collection group.
        if (!targets.CanAddGroup(policy))
        {
            reason = "no rule collection group of the policy can take a new collection, and a new group cannot be added in this file";
            return null;
        }

        var groupPriorities = groups.Where(g => g.Priority is not null).Select(g => g.Priority!.Value).ToList();
        var groupLow = lastAllow?.Group?.Priority
            ?? (deny is null && groupPriorities.Count > 0 ? groupPriorities.Max() : MinPriority - 1);
        var groupHigh = denyGroupPriority ?? MaxPriority + 1;
        if (lastAllow?.Group is not null && lastAllow.Group == deny?.Group)
        {
            groupLow = MinPriority - 1;
        }

        // One new group takes both kinds' collections when its priority suits both.
        var groupPriority = reserved.NewGroup is { } sharedGroup && sharedGroup.Priority < groupHigh
            ? sharedGroup.Priority
            : FreePriority(groupLow, groupHigh, groupPriorities) ?? FreePriority(MinPriority - 1, groupHigh, groupPriorities);
        if (groupPriority is null)
        {
            reason = $"no free rule collection group priority is processed before the Deny collection '{deny?.Collection.Name}'";
            return null;
        }

        var groupNames = groups.Select(g => g.Key.ShortName).ToList();
        string groupName;
        if (reserved.NewGroup is { } newGroup && newGroup.Priority == groupPriority)
        {
            groupName = newGroup.Name;
        }
        else
        {
            groupName = Unique(DefaultName, new HashSet<string>(groupNames.Concat(reserved.GroupNames), StringComparer.OrdinalIgnoreCase));
            reserved.GroupNames.Add(groupName);
            reserved.NewGroup = (groupName, groupPriority.Value);
        }

        return new PlannedInsertion(InsertionTargetKind.NewRuleCollectionGroup, kind, policy, BuildRules(kind, endpoints, sources, null, new HashSet<string>(StringComparer.OrdinalIgnoreCase)), findings)
        {
            Policy = policy,
            Group = groups.LastOrDefault(),
            GroupName = groupName,
            GroupPriority = groupPriority,
            CollectionName = kind == RuleCollectionKind.Network ? DefaultName + "-network" : DefaultName,
            CollectionPriority = MinPriority * (kind == RuleCollectionKind.Network ? 1 : 2),
        };
    }

    /// <summary>Names and priorities already given to one subject's new collections and group (network is planned first).</summary>
    private sealed class Reservations
    {
        private readonly Dictionary<ResourceKey, List<int>> _priorities = new();

        public List<string> Names { get; } = new();

        public List<string> GroupNames { get; } = new();

        public (string Name, int Priority)? NewGroup { get; set; }

        public List<int> PrioritiesIn(ResourceKey group)
        {
            if (!_priorities.TryGetValue(group, out var list))
            {
                _priorities[group] = list = new List<int>();
            }

            return list;
        }

        public string Name(string name)
        {
            Names.Add(name);
            return name;
        }
    }

    private static string CollectionName(IEnumerable<string> taken, RuleCollectionKind kind)
    {
        var names = new HashSet<string>(taken, StringComparer.OrdinalIgnoreCase);
        if (!names.Contains(DefaultName))
        {
            return DefaultName;
        }

        return Unique(DefaultName + (kind == RuleCollectionKind.Network ? "-network" : "-application"), names);
    }

    /// <summary>A free priority strictly between <paramref name="low"/> and <paramref name="high"/>: a round one if possible.</summary>
    internal static int? FreePriority(int low, int high, IReadOnlyCollection<int> used)
    {
        var from = Math.Max(low + 1, MinPriority);
        var to = Math.Min(high - 1, MaxPriority);
        if (from > to)
        {
            return null;
        }

        foreach (var step in new[] { 100, 10, 1 })
        {
            var first = (from + step - 1) / step * step;
            for (var candidate = first; candidate <= to; candidate += step)
            {
                if (!used.Contains(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The position (in processing order, within the kind) of the first Deny that may match the endpoint; -1 for none.</summary>
    private static int FirstMatchingDeny(FirewallRuleSet ruleSet, RuleCollectionKind kind, MissingEndpoint endpoint)
    {
        var only = new List<MissingEndpoint> { endpoint };
        var ordered = ruleSet.OrderedCollections(unknownPriorityFirst: true).Where(c => c.Collection.Kind == kind).ToList();
        return ordered.FindIndex(c => c.Collection.Action == RuleAction.Deny && MatchesAny(c.Collection, only));
    }

    private static bool MatchesAny(RuleCollection collection, List<MissingEndpoint> endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            var context = endpoint.Cluster?.Match ?? MatchContext.Unknown;
            IEnumerable<FirewallRule> rules = collection.ApplicationRules.Cast<FirewallRule>().Concat(collection.NetworkRules);
            if (rules.Any(r => RuleMatcher.Match(endpoint.Instance, r, context).Value != Tri.No))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> RuleNames(RuleCollection collection) =>
        collection.ApplicationRules.Select(r => r.Name).Concat(collection.NetworkRules.Select(r => r.Name));

    /// <summary>The node subnets' prefixes as written, when every one is known; else <c>*</c>.</summary>
    private static IReadOnlyList<string> DefaultSources(ClusterContext? cluster, InfrastructureModel model)
    {
        var references = cluster?.Cluster?.NodeSubnets ?? Array.Empty<SubnetReference>();
        var prefixes = new List<string>();
        foreach (var reference in references)
        {
            var subnet = reference.Key is { } key ? model.Subnets.FirstOrDefault(s => s.Key == key) : null;
            if (subnet is null || subnet.AddressPrefixes.Count == 0 || subnet.AddressPrefixes.Any(p => !p.IsKnown))
            {
                return new[] { "*" };
            }

            prefixes.AddRange(subnet.AddressPrefixes.KnownTexts());
        }

        return prefixes.Count > 0 ? prefixes.Distinct(StringComparer.OrdinalIgnoreCase).ToList() : new[] { "*" };
    }

    /// <summary>A rule of the collection whose written sources surely include the nodes (so copying them keeps coverage).</summary>
    private static FirewallRule? SourcesLike(RuleCollection collection, RuleCollectionKind kind, ClusterContext? cluster)
    {
        IEnumerable<FirewallRule> rules = kind == RuleCollectionKind.Application ? collection.ApplicationRules : collection.NetworkRules;
        var prefixes = cluster?.Match.NodePrefixes;
        foreach (var rule in rules)
        {
            if (rule.SourceAddresses.Count == 0 && rule.SourceIpGroups.Count == 0)
            {
                continue;
            }

            if (prefixes is null || prefixes.Count == 0)
            {
                // Nothing is known about the nodes' addresses: any written source is taken to include them (as coverage does).
                return rule;
            }

            if (rule.SourceIpGroups.Count > 0 || rule.SourceAddresses.Any(s => !s.IsKnown))
            {
                continue;
            }

            var ranges = new List<AddressRange>();
            foreach (var text in rule.SourceAddresses.KnownTexts())
            {
                if (text.Trim() == "*")
                {
                    ranges.Add(AddressRange.Any);
                }
                else if (AddressRange.TryParse(text.Trim(), out var range))
                {
                    ranges.Add(range);
                }
            }

            if (prefixes.All(p => ranges.Any(r => r.Contains(p))))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>Two subjects (policies sharing a base group, say) may plan rules for the same collection: write them once.</summary>
    private static List<PlannedInsertion> MergeSharedTargets(List<PlannedInsertion> insertions)
    {
        var result = new List<PlannedInsertion>();
        foreach (var insertion in insertions)
        {
            var twin = insertion.Target == InsertionTargetKind.ExistingCollection
                ? result.FirstOrDefault(r => r.Target == InsertionTargetKind.ExistingCollection && r.Kind == insertion.Kind
                    && r.ExistingCollection!.Span == insertion.ExistingCollection!.Span)
                : null;
            if (twin is null)
            {
                result.Add(insertion);
                continue;
            }

            var known = new HashSet<string>(twin.Rules.SelectMany(Values).Select(v => v.Literal), StringComparer.OrdinalIgnoreCase);
            var extra = insertion.Rules.Where(r => Values(r).Any(v => !known.Contains(v.Literal))).ToList();
            var merged = new PlannedInsertion(twin.Target, twin.Kind, twin.Subject, twin.Rules.Concat(extra).ToList(), twin.Findings.Concat(insertion.Findings).ToList())
            {
                Firewall = twin.Firewall,
                Policy = twin.Policy,
                Group = twin.Group,
                ExistingCollection = twin.ExistingCollection,
            };
            result[result.IndexOf(twin)] = merged;
        }

        return result;
    }

    /// <summary>
    /// Text that stands for more than one collection or resource of the model, each with its own values: a Bicep module
    /// or a C# helper method used more than once, a loop, a rule list kept in a variable. A fix never edits it in place:
    /// the edit would reach every use, a Deny collection built from the same text included.
    /// </summary>
    private sealed class SharedText
    {
        // Model objects compare by reference (none overrides Equals): a set of them is a set of instances.
        private readonly HashSet<RuleCollection> _collections = new();
        private readonly HashSet<ModelResource> _resources = new();

        public static SharedText Of(InfrastructureModel model)
        {
            var result = new SharedText();
            var owners = model.Firewalls.Select(f => (Owner: (ModelResource)f, f.Collections))
                .Concat(model.RuleCollectionGroups.Select(g => (Owner: (ModelResource)g, g.Collections)))
                .ToList();

            // A collection read twice from one text has the same span and kind; the two halves of a policy collection that
            // mixes rule types have the same span but not the same kind. A rule list is shared when collections written in
            // different places use it.
            var collections = owners.SelectMany(o => o.Collections).Distinct().ToList();
            foreach (var sameText in collections.GroupBy(c => (c.Span, c.Kind)).Where(g => g.Count() > 1))
            {
                result._collections.UnionWith(sameText);
            }

            foreach (var sameList in collections.Where(c => !c.RulesSpan.IsEmpty).GroupBy(c => c.RulesSpan).Where(g => g.Select(c => c.Span).Distinct().Count() > 1))
            {
                result._collections.UnionWith(sameList);
            }

            foreach (var sameText in owners.Select(o => o.Owner).Distinct().GroupBy(r => (r.Key.Type, r.NameSpan)).Where(g => g.Count() > 1))
            {
                result._resources.UnionWith(sameText);
            }

            return result;
        }

        public bool Contains(RuleCollection collection) => _collections.Contains(collection);

        public bool Contains(ModelResource resource) => _resources.Contains(resource);
    }

    private static IEnumerable<PlannedValue> Values(PlannedRule rule) =>
        rule.TargetFqdns.Concat(rule.DestinationAddresses).Concat(rule.DestinationFqdns);
}
