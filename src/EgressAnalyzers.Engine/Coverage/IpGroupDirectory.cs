using System;
using System.Collections.Generic;
using EgressAnalyzers.Engine.Model;

namespace EgressAnalyzers.Engine.Coverage;

/// <summary>
/// The IP groups declared in the inputs, by key, and the rules that name them read as if their addresses were written
/// in place (reference §5.4). Coverage then decides a rule to an IP group exactly as it decides the same rule with the
/// group's addresses: <c>0.0.0.0/0</c> in a group is every address, a service tag is that tag.
/// </summary>
public sealed class IpGroupDirectory
{
    public static IpGroupDirectory Empty { get; } = new(Array.Empty<IpGroupResource>());

    // Null marks a key declared more than once: which declaration a rule reaches is not known.
    private readonly Dictionary<ResourceKey, IpGroupResource?> _groups = new();

    // A group whose name is not known may be the one a rule names, with other addresses.
    private readonly bool _hasUnnamedGroup;

    public IpGroupDirectory(IEnumerable<IpGroupResource> groups)
    {
        foreach (var group in groups)
        {
            _groups[group.Key] = _groups.ContainsKey(group.Key) ? null : group;
            _hasUnnamedGroup |= IsSymbolic(group.Key);
        }
    }

    /// <summary>
    /// The rule as Azure Firewall applies it: each IP group the directory knows becomes its addresses, the others stay
    /// references (unknown to coverage). Null when the rule names a group with no addresses: Azure Firewall skips such
    /// a rule (§5.4). The rule itself when it names no group the directory knows.
    /// </summary>
    public FirewallRule? Expand(FirewallRule rule)
    {
        if (_groups.Count == 0)
        {
            return rule;
        }

        var destinationGroups = (rule as NetworkRule)?.DestinationIpGroups ?? Array.Empty<ModelValue>();
        if (rule.SourceIpGroups.Count == 0 && destinationGroups.Count == 0)
        {
            return rule;
        }

        var sources = Resolve(rule.SourceAddresses, rule.SourceIpGroups);
        var destinations = Resolve((rule as NetworkRule)?.DestinationAddresses ?? Array.Empty<ModelValue>(), destinationGroups);
        if (sources.NamesEmptyGroup || destinations.NamesEmptyGroup)
        {
            return null;
        }

        if (!sources.Changed && !destinations.Changed)
        {
            return rule;
        }

        return rule switch
        {
            NetworkRule network => new NetworkRule(
                network.Name,
                network.Span,
                network.Protocols,
                destinations.Addresses,
                network.DestinationFqdns,
                destinations.Groups,
                network.DestinationPorts,
                sources.Addresses,
                sources.Groups),
            ApplicationRule application => new ApplicationRule(
                application.Name,
                application.Span,
                application.Protocols,
                application.TargetFqdns,
                application.FqdnTags,
                sources.Addresses,
                sources.Groups)
            {
                TargetUrls = application.TargetUrls,
                WebCategories = application.WebCategories,
            },
            _ => rule,
        };
    }

    /// <summary>The references of <paramref name="rule"/> to groups of the inputs that hold no addresses.</summary>
    public IEnumerable<ModelValue> EmptyGroupsNamedBy(FirewallRule rule)
    {
        var destinationGroups = (rule as NetworkRule)?.DestinationIpGroups ?? Array.Empty<ModelValue>();
        foreach (var reference in rule.SourceIpGroups)
        {
            if (Find(reference) is { Addresses.Count: 0 })
            {
                yield return reference;
            }
        }

        foreach (var reference in destinationGroups)
        {
            if (Find(reference) is { Addresses.Count: 0 })
            {
                yield return reference;
            }
        }
    }

    private Resolution Resolve(IReadOnlyList<ModelValue> addresses, IReadOnlyList<ModelValue> groups)
    {
        if (groups.Count == 0)
        {
            return new Resolution(addresses, groups, changed: false, namesEmptyGroup: false);
        }

        List<ModelValue>? merged = null;
        var unresolved = new List<ModelValue>();
        var namesEmptyGroup = false;
        foreach (var reference in groups)
        {
            if (Find(reference) is not { } group)
            {
                unresolved.Add(reference);
                continue;
            }

            if (group.Addresses.Count == 0)
            {
                namesEmptyGroup = true;
            }

            merged ??= new List<ModelValue>(addresses);
            merged.AddRange(group.Addresses);
        }

        return merged is null
            ? new Resolution(addresses, groups, changed: false, namesEmptyGroup)
            : new Resolution(merged, unresolved, changed: true, namesEmptyGroup);
    }

    private IpGroupResource? Find(ModelValue reference)
    {
        // An ID computed at run time, or with an unresolved name segment, may name any group: it stays unknown.
        if (_hasUnnamedGroup
            || reference.Text is not { } text
            || ResourceKey.FromResourceId(text) is not { } key
            || key.Type != ResourceKey.IpGroupType
            || IsSymbolic(key))
        {
            return null;
        }

        return _groups.TryGetValue(key, out var group) ? group : null;
    }

    /// <summary>A key built from an unresolved name (the readers keep such names as <c>{expression}</c> or <c>?</c>).</summary>
    private static bool IsSymbolic(ResourceKey key) => key.Name.IndexOf('{') >= 0 || key.Name.IndexOf('?') >= 0;

    private readonly struct Resolution
    {
        public Resolution(IReadOnlyList<ModelValue> addresses, IReadOnlyList<ModelValue> groups, bool changed, bool namesEmptyGroup)
        {
            Addresses = addresses;
            Groups = groups;
            Changed = changed;
            NamesEmptyGroup = namesEmptyGroup;
        }

        public IReadOnlyList<ModelValue> Addresses { get; }

        public IReadOnlyList<ModelValue> Groups { get; }

        public bool Changed { get; }

        public bool NamesEmptyGroup { get; }
    }
}
