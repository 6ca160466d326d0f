using System;
using System.Collections.Generic;
using System.Linq;
using EgressAnalyzers.Engine.Model;

namespace EgressAnalyzers.Engine.Coverage;

/// <summary>A rule collection of a subject, with what its processing order depends on.</summary>
public sealed class SubjectCollection
{
    public SubjectCollection(RuleCollection collection, int depth, RuleCollectionGroupResource? group, int documentIndex)
    {
        Collection = collection;
        Depth = depth;
        Group = group;
        DocumentIndex = documentIndex;
        UnresolvedCondition = group?.UnresolvedCondition;
    }

    public RuleCollection Collection { get; }

    /// <summary>0 for the root of a policy inheritance chain (processed first), 1 for its child, …</summary>
    public int Depth { get; }

    /// <summary>The policy rule collection group; null for classic firewall collections.</summary>
    public RuleCollectionGroupResource? Group { get; }

    public int DocumentIndex { get; }

    public bool HasUnknownPriority => Collection.Priority is null || (Group is not null && Group.Priority is null);

    /// <summary>
    /// The unresolved condition its group (or classic firewall) is deployed under: its rules may not exist, so what they
    /// match is Maybe. Null when they are deployed for certain.
    /// </summary>
    public ModelValue? UnresolvedCondition { get; init; }

    /// <summary>Why a match in this collection is undecided when its deployment condition is unknown (built once).</summary>
    internal UnknownCause? ConditionCause =>
        UnresolvedCondition is not { } condition
            ? null
            : conditionCause ??= new UnknownCause(
                condition.Span,
                $"the condition of {(Group is { } group ? $"rule collection group '{group.DisplayName}'" : RuleCollectionDescriptions.Describe(Collection))} ({condition.UnresolvedExpression ?? condition.Text})");

    private UnknownCause? conditionCause;

    /// <summary>Why a match in this collection is undecided when its action is unknown (built once, shared by matches).</summary>
    internal UnknownCause ActionCause =>
        actionCause ??= new UnknownCause(Collection.NameSpan, "the action of " + RuleCollectionDescriptions.Describe(Collection));

    private UnknownCause? actionCause;
}

/// <summary>One rule in processing order, with the collection (and so the action) it belongs to.</summary>
public sealed class OrderedRule
{
    public OrderedRule(SubjectCollection collection, FirewallRule rule)
    {
        Collection = collection;
        Rule = rule;
    }

    public SubjectCollection Collection { get; }

    public FirewallRule Rule { get; }

    public RuleAction Action => Collection.Collection.Action;
}

/// <summary>
/// What is checked as one unit: a classic firewall's collections, or a firewall policy's rule collection groups
/// together with those it inherits.
/// </summary>
public sealed class FirewallRuleSet
{
    public FirewallRuleSet(ModelResource resource, IReadOnlyList<SubjectCollection> collections)
    {
        Resource = resource;
        Collections = collections;
    }

    public ModelResource Resource { get; }

    public ResourceKey Key => Resource.Key;

    /// <summary>"Firewall policy 'name'" or "Azure Firewall 'name'", as messages name the subject.</summary>
    public string Display => Resource is FirewallPolicyResource
        ? $"Firewall policy '{Resource.DisplayName}'"
        : $"Azure Firewall '{Resource.DisplayName}'";

    /// <summary>Every collection, in document order (depth first).</summary>
    public IReadOnlyList<SubjectCollection> Collections { get; }

    /// <summary>Groups (own and inherited) that contribute collections.</summary>
    public IReadOnlyList<RuleCollectionGroupResource> Groups { get; init; } = Array.Empty<RuleCollectionGroupResource>();

    /// <summary>Values whose absence makes any "not allowed" outcome unprovable (a base policy outside the inputs).</summary>
    public IReadOnlyList<UnknownCause> ExternalCauses { get; init; } = Array.Empty<UnknownCause>();

    /// <summary>
    /// Rules the inputs write for a policy (or a classic firewall) they do not identify, and which may therefore be this
    /// rule set's: a rule collection group whose policy name is a parameter without a value or computed at run time, or
    /// code that does not compile. A requirement one of them may allow is unknown, never missing (<see cref="FirstMatchEvaluator"/>).
    /// </summary>
    public IReadOnlyList<DetachedRules> DetachedRules { get; init; } = Array.Empty<DetachedRules>();

    /// <summary>The IP groups of the inputs, whose addresses the rules are matched with.</summary>
    public IpGroupDirectory IpGroups { get; init; } = IpGroupDirectory.Empty;

    /// <summary>Firewalls in the inputs that use this rule set (the firewall itself for classic rules).</summary>
    public IReadOnlyList<AzureFirewallResource> Firewalls { get; init; } = Array.Empty<AzureFirewallResource>();

    /// <summary>
    /// True when the processing order is not fully known: a priority could not be resolved, or two rule collection groups
    /// of one policy share a priority (which of them Azure Firewall processes first is not documented).
    /// </summary>
    public bool HasUnknownPriority => _hasUnknownPriority ??= Collections.Any(c => c.HasUnknownPriority) || TiedGroups().Count > 0;

    private bool? _hasUnknownPriority;

    /// <summary>
    /// Rules in Azure Firewall processing order (§5.1): every network rule before every application rule, then parent
    /// policy before child, group priority, collection priority, document order; rules top-down. Unknown priorities are
    /// placed first or last as asked, so callers can test both extremes.
    /// </summary>
    public IReadOnlyList<OrderedRule> OrderedRules(bool unknownPriorityFirst)
    {
        // Every requirement of every cluster walks the same order: sort once per rule set and extreme. The rule set is
        // immutable once resolved, so the cached lists never go stale.
        ref var cached = ref unknownPriorityFirst ? ref _orderedUnknownFirst : ref _orderedUnknownLast;
        return cached ??= BuildOrderedRules(unknownPriorityFirst);
    }

    private IReadOnlyList<OrderedRule>? _orderedUnknownFirst;
    private IReadOnlyList<OrderedRule>? _orderedUnknownLast;

    /// <summary>
    /// <see cref="OrderedRules"/> indexed by destination, so each requirement visits only the rules that may match it.
    /// Built once per rule set and extreme, like the order itself. Like the other caches here it is not synchronised:
    /// rule sets are resolved per analysis and used by that analysis only.
    /// </summary>
    internal RuleIndex Index(bool unknownPriorityFirst)
    {
        ref var cached = ref unknownPriorityFirst ? ref _indexUnknownFirst : ref _indexUnknownLast;
        return cached ??= new RuleIndex(OrderedRules(unknownPriorityFirst));
    }

    private RuleIndex? _indexUnknownFirst;
    private RuleIndex? _indexUnknownLast;

    private List<OrderedRule> BuildOrderedRules(bool unknownPriorityFirst)
    {
        var ordered = OrderedCollections(unknownPriorityFirst);
        var result = new List<OrderedRule>();
        foreach (var collection in ordered)
        {
            AddRules(result, collection, collection.Collection.NetworkRules);
        }

        foreach (var collection in ordered)
        {
            AddRules(result, collection, collection.Collection.ApplicationRules);
        }

        return result;
    }

    private void AddRules(List<OrderedRule> result, SubjectCollection collection, IEnumerable<FirewallRule> rules)
    {
        foreach (var rule in rules)
        {
            // Rules are matched with their IP groups' addresses in place; a rule naming an empty group is skipped.
            if (IpGroups.Expand(rule) is { } applied)
            {
                result.Add(new OrderedRule(collection, applied));
            }
        }
    }

    /// <summary>Filter collections (NAT and non-filter actions excluded) in processing order within one rule type.</summary>
    public IReadOnlyList<SubjectCollection> OrderedCollections(bool unknownPriorityFirst)
    {
        // Asked for again for every missing endpoint (the anchor of EGR1001-1003): sort once per extreme.
        ref var cached = ref unknownPriorityFirst ? ref _collectionsUnknownFirst : ref _collectionsUnknownLast;
        return cached ??= BuildOrderedCollections(unknownPriorityFirst);
    }

    private IReadOnlyList<SubjectCollection>? _collectionsUnknownFirst;
    private IReadOnlyList<SubjectCollection>? _collectionsUnknownLast;

    private List<SubjectCollection> BuildOrderedCollections(bool unknownPriorityFirst)
    {
        var unknown = unknownPriorityFirst ? int.MinValue : int.MaxValue;

        // Groups that share a priority are processed whole, one after the other, in document order at one extreme and
        // in reverse at the other: whichever order Azure Firewall uses, an outcome that differs between the two is unknown.
        var tied = TiedGroups();
        return Collections
            .Where(c => c.Collection.Kind != RuleCollectionKind.Nat && c.Collection.Action != RuleAction.Other)
            .OrderBy(c => c.Depth)
            .ThenBy(c => c.Group is null ? 0 : c.Group.Priority ?? unknown)
            .ThenBy(c => c.Group is not null && tied.Contains(c.Group) ? (unknownPriorityFirst ? 1 : -1) * FirstIndexOf(c.Group) : 0)
            .ThenBy(c => c.Collection.Priority ?? unknown)
            .ThenBy(c => c.DocumentIndex)
            .ToList();
    }

    /// <summary>Rule collection groups whose known priority another group of the same policy (and depth) also has.</summary>
    private HashSet<RuleCollectionGroupResource> TiedGroups()
    {
        if (_tiedGroups is not null)
        {
            return _tiedGroups;
        }

        var tied = new HashSet<RuleCollectionGroupResource>();
        var groups = Collections.Where(c => c.Group is { Priority: not null }).Select(c => (c.Depth, Group: c.Group!)).Distinct().ToList();
        foreach (var sameOrder in groups.GroupBy(g => (g.Depth, g.Group.Priority)))
        {
            if (sameOrder.Count() > 1)
            {
                tied.UnionWith(sameOrder.Select(g => g.Group));
            }
        }

        return _tiedGroups = tied;
    }

    private HashSet<RuleCollectionGroupResource>? _tiedGroups;

    private int FirstIndexOf(RuleCollectionGroupResource group)
    {
        for (var i = 0; i < Collections.Count; i++)
        {
            if (ReferenceEquals(Collections[i].Group, group))
            {
                return Collections[i].DocumentIndex;
            }
        }

        return 0;
    }

    /// <summary>The causes EGR1006 names when unknown priorities change an outcome.</summary>
    public IReadOnlyList<UnknownCause> PriorityCauses()
    {
        var causes = new List<UnknownCause>();
        foreach (var sameOrder in TiedGroups().GroupBy(g => g.Priority))
        {
            var quoted = sameOrder.Select(g => $"'{g.DisplayName}'").ToList();
            var names = string.Join(", ", quoted.Take(quoted.Count - 1)) + " and " + quoted[quoted.Count - 1];
            causes.Add(new UnknownCause(sameOrder.First().NameSpan, $"the order of rule collection groups {names}, which share priority {sameOrder.Key}"));
        }

        foreach (var collection in Collections)
        {
            if (collection.Group is { Priority: null } group)
            {
                causes.Add(new UnknownCause(group.NameSpan, $"the priority of rule collection group '{group.DisplayName}'"));
            }

            if (collection.Collection.Priority is null)
            {
                causes.Add(new UnknownCause(collection.Collection.NameSpan, "the priority of " + RuleCollectionDescriptions.Describe(collection.Collection)));
            }
        }

        return MatchResult.Distinct(causes);
    }

    public override string ToString() => Display;

    /// <summary>
    /// The subjects of a model: classic firewalls without a policy, and "leaf" policies (those no other policy in the
    /// inputs derives from, or that a firewall uses directly). A policy is checked through its children because the
    /// firewall enforces the child's merged rules.
    /// </summary>
    public static IReadOnlyList<FirewallRuleSet> Resolve(InfrastructureModel model)
    {
        var result = new List<FirewallRuleSet>();
        var ipGroups = model.IpGroups.Count == 0 ? IpGroupDirectory.Empty : new IpGroupDirectory(model.IpGroups);

        // Collections written as their own resources for a firewall whose name is not known (Pulumi classic, with the
        // firewall name computed at run time) may be any classic firewall's: they are not a subject of their own.
        var detachedClassic = model.Firewalls
            .Where(f => f.FirewallPolicy is null && f.IsStandIn && IsSymbolic(f.Key))
            .Select(f => new DetachedRules(
                new FirewallRuleSet(f, f.Collections.Select((c, i) => new SubjectCollection(c, 0, null, i) { UnresolvedCondition = f.UnresolvedCondition }).ToList()) { IpGroups = ipGroups },
                new UnknownCause(f.NameSpan, $"the firewall of {Describe(f.Collections)}, whose rules may allow this traffic,")))
            .ToList();
        foreach (var firewall in model.Firewalls)
        {
            if (firewall.FirewallPolicy is null && !(firewall.IsStandIn && IsSymbolic(firewall.Key)))
            {
                var index = 0;
                var collections = firewall.Collections.Select(c => new SubjectCollection(c, 0, null, index++) { UnresolvedCondition = firewall.UnresolvedCondition }).ToList();
                result.Add(new FirewallRuleSet(firewall, collections) { Firewalls = new[] { firewall }, DetachedRules = detachedClassic, IpGroups = ipGroups });
            }
        }

        var policies = new Dictionary<ResourceKey, FirewallPolicyResource>();
        foreach (var policy in model.Policies)
        {
            if (!policies.ContainsKey(policy.Key))
            {
                policies.Add(policy.Key, policy);
            }
        }

        // A group whose policy name could not be resolved, and that no policy of the inputs claims by the same symbolic
        // name, may belong to any policy: it is checked as part of none, and no policy's gap is "missing" if it may fill it.
        var detachedGroups = model.RuleCollectionGroups
            .Where(g => !g.Policy.IsEmpty && IsSymbolic(g.Policy) && !policies.ContainsKey(g.Policy))
            .Select(g => new DetachedRules(
                new FirewallRuleSet(g, g.Collections.Select((c, i) => new SubjectCollection(c, 0, g, i)).ToList()) { IpGroups = ipGroups },
                new UnknownCause(g.NameSpan, $"the policy of rule collection group '{g.DisplayName}', whose rules may allow this traffic,")))
            .ToList();

        var bases = new HashSet<ResourceKey>(policies.Values
            .Where(p => p.BasePolicy?.Key is { } key && key != p.Key)
            .Select(p => p.BasePolicy!.Key!.Value));

        // A policy whose basePolicy link could not be resolved may derive from any other policy in the inputs (CARML
        // and AVM modules pass the base as a parameter). A policy no firewall uses might then be that base: the
        // firewall enforces it only merged into the child, so checking it alone would report its gaps as missing
        // when the child fills them. The child's own check reports the unresolved link (EGR1006) instead.
        var unresolvedBaseLinks = policies.Values
            .Where(p => p.BasePolicy is { } link && (link.Key is not { } key || (!policies.ContainsKey(key) && IsSymbolic(key))))
            .Select(p => p.Key)
            .ToList();

        foreach (var policy in policies.Values)
        {
            var users = model.Firewalls.Where(f => f.FirewallPolicy?.Key is { } key && key == policy.Key).ToList();
            if (users.Count == 0 && (bases.Contains(policy.Key) || unresolvedBaseLinks.Any(child => child != policy.Key)))
            {
                continue;
            }

            result.Add(ForPolicy(policy, policies, model, users, detachedGroups, ipGroups));
        }

        return result;
    }

    /// <summary>A key built from an unresolved name (the reader keeps such names as <c>{expression}</c> or <c>?</c>).</summary>
    private static bool IsSymbolic(ResourceKey key) => key.Name.IndexOf('{') >= 0 || key.Name.IndexOf('?') >= 0;

    private static string Describe(IReadOnlyList<RuleCollection> collections) =>
        collections.Count == 1 ? RuleCollectionDescriptions.Describe(collections[0]) : $"{collections.Count} rule collections";

    private static FirewallRuleSet ForPolicy(FirewallPolicyResource leaf, Dictionary<ResourceKey, FirewallPolicyResource> policies, InfrastructureModel model, IReadOnlyList<AzureFirewallResource> users, IReadOnlyList<DetachedRules> detachedGroups, IpGroupDirectory ipGroups)
    {
        // Walk up the basePolicy chain; a policy seen twice ends the walk (a cycle is not deployable).
        var chain = new List<FirewallPolicyResource> { leaf };
        var seen = new HashSet<ResourceKey> { leaf.Key };
        var external = new List<UnknownCause>();
        var current = leaf;
        while (current.BasePolicy is { } reference)
        {
            if (reference.Key is { } key && policies.TryGetValue(key, out var parent))
            {
                if (!seen.Add(key))
                {
                    break;
                }

                chain.Add(parent);
                current = parent;
                continue;
            }

            external.Add(new UnknownCause(reference.Span, $"the rules of base policy '{reference.Text}', which is not among the analyzed files"));
            break;
        }

        chain.Reverse();
        var collections = new List<SubjectCollection>();
        var groups = new List<RuleCollectionGroupResource>();
        var index = 0;
        for (var depth = 0; depth < chain.Count; depth++)
        {
            foreach (var group in model.RuleCollectionGroups.Where(g => g.Policy == chain[depth].Key))
            {
                groups.Add(group);
                foreach (var collection in group.Collections)
                {
                    collections.Add(new SubjectCollection(collection, depth, group, index++));
                }
            }
        }

        return new FirewallRuleSet(leaf, collections) { Groups = groups, ExternalCauses = external, Firewalls = users, DetachedRules = detachedGroups, IpGroups = ipGroups };
    }
}

/// <summary>Rules that may belong to a rule set, because the inputs do not say which firewall or policy they are for.</summary>
public sealed class DetachedRules
{
    public DetachedRules(FirewallRuleSet rules, UnknownCause cause)
    {
        Rules = rules;
        Cause = cause;
    }

    /// <summary>The detached group's (or classic collections') own rules, in their processing order.</summary>
    public FirewallRuleSet Rules { get; }

    /// <summary>What EGR1006 names when these rules keep a requirement open.</summary>
    public UnknownCause Cause { get; }

    /// <summary>
    /// True when these rules may allow the requirement that <paramref name="owner"/>'s own rules leave missing. Placed
    /// first (their group priority is as unknown as their policy), in Azure Firewall's order: network rules before
    /// application rules, so an own network rule that denies still comes first. First is the placement most likely to
    /// allow: if these rules cannot allow there, they cannot anywhere. Their Deny rules are left out: the engine does
    /// not hold rules it cannot place against what the policy allows.
    /// </summary>
    public bool MayAllow(FirewallRuleSet owner, RequirementInstance requirement, MatchContext context)
    {
        var detached = Rules.Index(unknownPriorityFirst: true).Candidates(requirement);
        var allowing = new List<OrderedRule>(detached.Count);
        foreach (var rule in detached)
        {
            if (rule.Action is RuleAction.Allow or RuleAction.Unknown)
            {
                allowing.Add(rule);
            }
        }

        if (allowing.Count == 0)
        {
            return false;
        }

        return MayAllowBefore(owner.Index(unknownPriorityFirst: true).Candidates(requirement), allowing, requirement, context)
            || (owner.HasUnknownPriority && MayAllowBefore(owner.Index(unknownPriorityFirst: false).Candidates(requirement), allowing, requirement, context));
    }

    private static bool MayAllowBefore(IReadOnlyList<OrderedRule> own, List<OrderedRule> allowing, RequirementInstance requirement, MatchContext context)
    {
        // Both lists are in processing order, network rules first: merge them with the detached rules ahead in each part.
        var merged = new List<OrderedRule>(own.Count + allowing.Count);
        merged.AddRange(allowing.Where(r => r.Rule is NetworkRule));
        merged.AddRange(own.Where(r => r.Rule is NetworkRule));
        merged.AddRange(allowing.Where(r => r.Rule is not NetworkRule));
        merged.AddRange(own.Where(r => r.Rule is not NetworkRule));
        return FirstMatchEvaluator.Evaluate(merged, requirement, context).Kind is OutcomeKind.Allowed or OutcomeKind.Unknown;
    }
}

internal static class RuleCollectionDescriptions
{
    // A collection being typed, or whose name is computed, may have no name to show: "rule collection ''" reads like a bug.
    public static string Describe(RuleCollection collection) =>
        string.IsNullOrEmpty(collection.Name) ? "an unnamed rule collection" : $"rule collection '{collection.Name}'";
}
