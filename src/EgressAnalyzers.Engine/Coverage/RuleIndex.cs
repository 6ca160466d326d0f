using System;
using System.Collections.Generic;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Model;

namespace EgressAnalyzers.Engine.Coverage;

/// <summary>
/// The rules of one processing order, bucketed by what their destinations can match, so that a requirement visits
/// only the rules that might match it instead of every rule of a large hub.
/// </summary>
/// <remarks>
/// The index is a sound over-approximation of <see cref="RuleMatcher.Match"/>: every rule it leaves out is one the
/// matcher would answer No for. <see cref="Candidates"/> keeps processing order, so first-match evaluation over the
/// candidates gives exactly the outcome of evaluation over all rules: skipped rules never match, and the matcher
/// still decides patterns, protocols, ports, sources, unknown values and actions for the rules that remain.
/// <para>Buckets per destination value:</para>
/// <list type="bullet">
/// <item>application rules by target text, case-insensitively, as written: a target <c>x</c> can only cover the name
/// x, <c>*.x</c> and <c>*x</c> only names ending with x (<see cref="FqdnPattern.Covers(string)"/>), so a requirement looks up its
/// own name and <c>*</c> followed by each of its suffixes. <c>*</c>, unknown targets and non-ASCII text (where
/// case-insensitive comparison and lower-casing may disagree) go in a bucket every FQDN requirement visits; rules
/// with FQDN tags in one only tag-covered HTTPS requirements visit. Invalid targets may be listed: the matcher
/// rejects them;</item>
/// <item>network rules, as seen by an FQDN requirement: by destination FQDN (case-insensitive), and in the visited
/// bucket when a destination address is <c>*</c>, a service tag or unknown, or a destination FQDN is unknown; a rule
/// whose destinations are all known IP addresses never lets an FQDN through;</item>
/// <item>network requirements visit every network rule and no application rule (those never match them).</item>
/// </list>
/// </remarks>
internal sealed class RuleIndex
{
    private readonly IReadOnlyList<OrderedRule> rules;

    private readonly TargetTable targets;
    private readonly HashSet<int> wildcardTargetLengths = new();
    private readonly List<int> anyFqdn = new();
    private readonly List<int> tagged = new();

    private readonly Buckets networkByFqdn = new(0);
    private readonly List<int> networkForAnyFqdn = new();
    private readonly List<int> network = new();

    // Candidates depend only on the requirement's kind, FQDN and tag eligibility, and every cluster (and candidate
    // region) asks again for the same ones: answer each once.
    private readonly Dictionary<string, IReadOnlyList<OrderedRule>> forFqdn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<OrderedRule>> forTaggedFqdn = new(StringComparer.Ordinal);
    private IReadOnlyList<OrderedRule>? forNetwork;
    private IReadOnlyList<OrderedRule>? forNoFqdn;
    private IReadOnlyList<OrderedRule>? forTaggedNoFqdn;

    public RuleIndex(IReadOnlyList<OrderedRule> rules)
    {
        this.rules = rules;

        // About one target per rule: sized once instead of grown (and copied) a dozen times on a large hub.
        targets = new TargetTable(rules.Count);
        for (var position = 0; position < rules.Count; position++)
        {
            switch (rules[position].Rule)
            {
                case ApplicationRule application:
                    AddApplication(application, position);
                    break;
                case NetworkRule networkRule:
                    AddNetwork(networkRule, position);
                    break;
            }
        }
    }

    /// <summary>The rules that may match the requirement, in processing order.</summary>
    public IReadOnlyList<OrderedRule> Candidates(RequirementInstance requirement)
    {
        if (requirement.Kind != RequirementKind.Application)
        {
            return forNetwork ??= Select(network);
        }

        var withTags = requirement.Requirement.CoveredByAksFqdnTag && requirement.IsHttps;
        if (requirement.Fqdn is not { } fqdn)
        {
            return withTags ? forTaggedNoFqdn ??= Build(null, withTags) : forNoFqdn ??= Build(null, withTags);
        }

        var cache = withTags ? forTaggedFqdn : forFqdn;
        if (!cache.TryGetValue(fqdn, out var candidates))
        {
            cache[fqdn] = candidates = Build(fqdn, withTags);
        }

        return candidates;
    }

    private IReadOnlyList<OrderedRule> Build(string? fqdn, bool withTags)
    {
        if (fqdn is not null && !IsAscii(fqdn))
        {
            // Lower-casing and case-insensitive comparison may disagree beyond ASCII: let the matcher see every rule.
            return rules;
        }

        var positions = new List<int>();
        positions.AddRange(networkForAnyFqdn);
        positions.AddRange(anyFqdn);
        if (withTags)
        {
            positions.AddRange(tagged);
        }

        if (fqdn is not null)
        {
            networkByFqdn.CollectInto(fqdn, positions);
            AddTargetCandidates(fqdn, positions);
        }

        positions.Sort();
        var result = new List<OrderedRule>(positions.Count);
        for (var i = 0; i < positions.Count; i++)
        {
            if (i == 0 || positions[i] != positions[i - 1])
            {
                result.Add(rules[positions[i]]);
            }
        }

        return result;
    }

    /// <summary>
    /// Targets that may cover the requirement (<see cref="FqdnPattern.Covers(string)"/>): the name itself (not for a wildcard
    /// requirement, which no exact target covers), and <c>*</c> followed by any suffix of the name (after its own
    /// leading <c>*</c>): that is every <c>*.x</c> and <c>*x</c> whose x the name ends with.
    /// </summary>
    private void AddTargetCandidates(string fqdn, List<int> positions)
    {
        var name = fqdn;
        if (fqdn.StartsWith("*", StringComparison.Ordinal))
        {
            name = fqdn.Substring(1);
        }
        else
        {
            targets.CollectInto(fqdn, 0, wildcard: false, positions);
        }

        if (wildcardTargetLengths.Count == 0)
        {
            return;
        }

        for (var start = 0; start < name.Length; start++)
        {
            // Only lengths some wildcard target has: most suffixes need no lookup (and no string).
            if (wildcardTargetLengths.Contains(name.Length - start + 1))
            {
                targets.CollectInto(name, start, wildcard: true, positions);
            }
        }
    }

    private List<OrderedRule> Select(List<int> positions)
    {
        var result = new List<OrderedRule>(positions.Count);
        foreach (var position in positions)
        {
            result.Add(rules[position]);
        }

        return result;
    }

    private void AddApplication(ApplicationRule rule, int position)
    {
        var fqdns = rule.TargetFqdns;
        for (var i = 0; i < fqdns.Count; i++)
        {
            var text = fqdns[i].Text;
            // An empty target is invalid, but which rules the matcher answers is its call: keep it visited.
            if (text is null || text.Length == 0 || text == "*" || !targets.TryAdd(text, position))
            {
                AddOnce(anyFqdn, position);
            }
            else if (text[0] == '*')
            {
                wildcardTargetLengths.Add(text.Length);
            }
        }

        if (rule.FqdnTags.Count > 0)
        {
            tagged.Add(position);
        }

        // A URL or web category may hold any name: the matcher decides (Maybe or No) for every requirement.
        if (rule.TargetUrls.Count > 0 || rule.WebCategories.Count > 0)
        {
            AddOnce(anyFqdn, position);
        }
    }

    private void AddNetwork(NetworkRule rule, int position)
    {
        network.Add(position);
        var forAnyFqdn = false;
        var addresses = rule.DestinationAddresses;
        for (var i = 0; i < addresses.Count && !forAnyFqdn; i++)
        {
            var text = addresses[i].Text;
            forAnyFqdn = text is null || RuleMatcher.IsAnyAddress(text) || ServiceTag.IsServiceTag(text);
        }

        // An IP group may hold every address, and addresses may add up to every address ("0.0.0.0/1", "128.0.0.0/1").
        forAnyFqdn = forAnyFqdn || rule.DestinationIpGroups.Count > 0 || RuleMatcher.CoversEveryAddress(addresses);

        var fqdns = rule.DestinationFqdns;
        for (var i = 0; i < fqdns.Count; i++)
        {
            if (fqdns[i].Text is { } text)
            {
                networkByFqdn.Add(text, position);
            }
            else
            {
                forAnyFqdn = true;
            }
        }

        if (forAnyFqdn)
        {
            networkForAnyFqdn.Add(position);
        }
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

    /// <summary>Positions arrive in increasing order, so a rule listed twice is the last entry.</summary>
    private static void AddOnce(List<int> positions, int position)
    {
        if (positions.Count == 0 || positions[positions.Count - 1] != position)
        {
            positions.Add(position);
        }
    }

    /// <summary>
    /// Target texts (ASCII, case-insensitive) with their rules' positions: a multimap in two arrays, hashed once per
    /// target while checking it is ASCII, and looked up for <c>*</c> + a suffix of the requirement without building
    /// that string. A hub has about as many targets as rules, so this is the index's main cost.
    /// </summary>
    private sealed class TargetTable
    {
        private int[] buckets;
        private Entry[] entries;
        private int count;

        public TargetTable(int capacity)
        {
            var size = 16;
            while (size < capacity * 2)
            {
                size *= 2;
            }

            buckets = new int[size];
            entries = new Entry[Math.Max(capacity, 4)];
        }

        /// <summary>False (and nothing added) when the text is not ASCII.</summary>
        public bool TryAdd(string text, int position)
        {
            if (!TryHash(text, 0, false, out var hash))
            {
                return false;
            }

            if (count == entries.Length)
            {
                Array.Resize(ref entries, entries.Length * 2);
            }

            if (count * 2 > buckets.Length)
            {
                Rehash(buckets.Length * 2);
            }

            ref var bucket = ref buckets[hash & (buckets.Length - 1)];
            entries[count] = new Entry(text, hash, position, bucket - 1);
            bucket = ++count;
            return true;
        }

        /// <summary>The positions of targets equal to <paramref name="name"/>[start..], with a leading '*' when asked.</summary>
        public void CollectInto(string name, int start, bool wildcard, List<int> positions)
        {
            if (!TryHash(name, start, wildcard, out var hash))
            {
                return;
            }

            var length = name.Length - start + (wildcard ? 1 : 0);
            for (var i = buckets[hash & (buckets.Length - 1)] - 1; i >= 0; i = entries[i].Next)
            {
                var key = entries[i].Key;
                if (entries[i].Hash == hash && key.Length == length && SameText(key, name, start, wildcard))
                {
                    positions.Add(entries[i].Position);
                }
            }
        }

        private void Rehash(int size)
        {
            buckets = new int[size];
            for (var i = 0; i < count; i++)
            {
                ref var bucket = ref buckets[entries[i].Hash & (size - 1)];
                entries[i] = new Entry(entries[i].Key, entries[i].Hash, entries[i].Position, bucket - 1);
                bucket = i + 1;
            }
        }

        /// <summary>FNV-1a over the ASCII-lower-cased characters ('*' first when asked); false on a non-ASCII one.</summary>
        private static bool TryHash(string text, int start, bool wildcard, out int hash)
        {
            var h = 2166136261u;
            if (wildcard)
            {
                h = (h ^ '*') * 16777619u;
            }

            for (var i = start; i < text.Length; i++)
            {
                var c = text[i];
                if (c >= 128)
                {
                    hash = 0;
                    return false;
                }

                h = (h ^ Lower(c)) * 16777619u;
            }

            hash = (int)(h & 0x7FFFFFFF);
            return true;
        }

        private static bool SameText(string key, string name, int start, bool wildcard)
        {
            var offset = 0;
            if (wildcard)
            {
                if (key[0] != '*')
                {
                    return false;
                }

                offset = 1;
            }

            for (var i = offset; i < key.Length; i++)
            {
                if (Lower(key[i]) != Lower(name[start + i - offset]))
                {
                    return false;
                }
            }

            return true;
        }

        private static char Lower(char c) => c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;

        private readonly struct Entry
        {
            public Entry(string key, int hash, int position, int next)
            {
                Key = key;
                Hash = hash;
                Position = position;
                Next = next;
            }

            public string Key { get; }

            public int Hash { get; }

            public int Position { get; }

            public int Next { get; }
        }
    }

    /// <summary>
    /// Rule positions per key (case-insensitive), as chains in one array rather than a list per key: a hub has about
    /// as many keys as rules, and most keys have one rule.
    /// </summary>
    private sealed class Buckets
    {
        private readonly Dictionary<string, int> lastEntry;
        private readonly List<Entry> entries;

        public Buckets(int capacity)
        {
            lastEntry = new Dictionary<string, int>(capacity, StringComparer.OrdinalIgnoreCase);
            entries = new List<Entry>(capacity);
        }

        public void Add(string key, int position)
        {
            if (lastEntry.TryGetValue(key, out var last))
            {
                if (entries[last].Position == position)
                {
                    return;
                }

                entries.Add(new Entry(position, last));
            }
            else
            {
                entries.Add(new Entry(position, -1));
            }

            lastEntry[key] = entries.Count - 1;
        }

        public void CollectInto(string key, List<int> positions)
        {
            if (!lastEntry.TryGetValue(key, out var entry))
            {
                return;
            }

            for (; entry >= 0; entry = entries[entry].Previous)
            {
                positions.Add(entries[entry].Position);
            }
        }

        private readonly struct Entry
        {
            public Entry(int position, int previous)
            {
                Position = position;
                Previous = previous;
            }

            public int Position { get; }

            public int Previous { get; }
        }
    }
}
