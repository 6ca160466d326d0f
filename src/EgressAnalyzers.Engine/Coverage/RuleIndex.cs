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
/// still decides protocols, ports, sources, unknown values and actions for the rules that remain.
/// <para>Buckets per destination value:</para>
/// <list type="bullet">
/// <item>application rules by target pattern (<see cref="FqdnPattern"/>): exact names, <c>*.x</c> bodies and <c>*x</c>
/// suffixes in hash tables; <c>*</c> and unknown targets in a bucket every FQDN requirement visits; rules with FQDN
/// tags in a bucket only tag-covered HTTPS requirements visit; invalid patterns nowhere (they match nothing);</item>
/// <item>network rules, as seen by an FQDN requirement: by destination FQDN (case-insensitive), and in the visited
/// bucket when a destination address is <c>*</c>, a service tag or unknown, or a destination FQDN is unknown; a rule
/// whose destinations are all known IP addresses never lets an FQDN through;</item>
/// <item>network requirements visit every network rule and no application rule (those never match them).</item>
/// </list>
/// </remarks>
internal sealed class RuleIndex
{
    private readonly IReadOnlyList<OrderedRule> rules;

    private readonly Dictionary<string, List<int>> exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> subdomains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> suffixes = new(StringComparer.Ordinal);
    private readonly List<int> anyFqdn = new();
    private readonly List<int> tagged = new();

    private readonly Dictionary<string, List<int>> networkByFqdn = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<int> networkForAnyFqdn = new();
    private readonly List<int> network = new();

    public RuleIndex(IReadOnlyList<OrderedRule> rules)
    {
        this.rules = rules;
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
            return Select(network);
        }

        var positions = new List<int>();
        positions.AddRange(networkForAnyFqdn);
        positions.AddRange(anyFqdn);
        if (requirement.Requirement.CoveredByAksFqdnTag && requirement.IsHttps)
        {
            positions.AddRange(tagged);
        }

        if (requirement.Fqdn is { } fqdn)
        {
            AddFrom(networkByFqdn, fqdn, positions);
            AddPatternCandidates(fqdn.ToLowerInvariant(), positions);
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

    /// <summary>The keys under which a pattern that covers <paramref name="required"/> is filed (mirrors <see cref="FqdnPattern.Covers"/>).</summary>
    private void AddPatternCandidates(string required, List<int> positions)
    {
        if (required.StartsWith("*.", StringComparison.Ordinal))
        {
            // "*.d" is covered by "*.b" when ".d" ends with ".b", and by "*b" when ".d" ends with "b".
            var dotted = required.Substring(1);
            AddBodiesAfterDots(dotted, firstDot: 0, positions);
            AddSuffixes(dotted, positions);
        }
        else if (required.StartsWith("*", StringComparison.Ordinal))
        {
            AddSuffixes(required.Substring(1), positions);
        }
        else
        {
            AddFrom(exact, required, positions);

            // "*.b" matches names below b only, so the dot must have a label before it.
            AddBodiesAfterDots(required, firstDot: 1, positions);
            AddSuffixes(required, positions);
        }
    }

    private void AddBodiesAfterDots(string name, int firstDot, List<int> positions)
    {
        if (subdomains.Count == 0)
        {
            return;
        }

        for (var dot = name.IndexOf('.', firstDot); dot >= 0; dot = name.IndexOf('.', dot + 1))
        {
            AddFrom(subdomains, name.Substring(dot + 1), positions);
        }
    }

    private void AddSuffixes(string name, List<int> positions)
    {
        if (suffixes.Count == 0)
        {
            return;
        }

        for (var start = 0; start < name.Length; start++)
        {
            AddFrom(suffixes, name.Substring(start), positions);
        }
    }

    private static void AddFrom(Dictionary<string, List<int>> bucket, string key, List<int> positions)
    {
        if (bucket.TryGetValue(key, out var found))
        {
            positions.AddRange(found);
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
        foreach (var target in rule.TargetFqdns)
        {
            if (target.Text is null)
            {
                AddOnce(anyFqdn, position);
                continue;
            }

            var pattern = FqdnPattern.Parse(target.Text);
            switch (pattern.Kind)
            {
                case FqdnPatternKind.Any:
                    AddOnce(anyFqdn, position);
                    break;
                case FqdnPatternKind.Exact:
                    AddTo(exact, pattern.Body, position);
                    break;
                case FqdnPatternKind.Subdomains:
                    AddTo(subdomains, pattern.Body, position);
                    break;
                case FqdnPatternKind.Suffix:
                    AddTo(suffixes, pattern.Body, position);
                    break;
            }
        }

        if (rule.FqdnTags.Count > 0)
        {
            tagged.Add(position);
        }
    }

    private void AddNetwork(NetworkRule rule, int position)
    {
        network.Add(position);
        var forAnyFqdn = false;
        foreach (var address in rule.DestinationAddresses)
        {
            forAnyFqdn |= address.Text is null || RuleMatcher.IsAnyAddress(address.Text) || ServiceTag.IsServiceTag(address.Text);
        }

        foreach (var fqdn in rule.DestinationFqdns)
        {
            if (fqdn.Text is null)
            {
                forAnyFqdn = true;
            }
            else
            {
                AddTo(networkByFqdn, fqdn.Text, position);
            }
        }

        if (forAnyFqdn)
        {
            networkForAnyFqdn.Add(position);
        }
    }

    private static void AddTo(Dictionary<string, List<int>> bucket, string key, int position)
    {
        if (!bucket.TryGetValue(key, out var positions))
        {
            bucket[key] = positions = new List<int>(1);
        }

        AddOnce(positions, position);
    }

    /// <summary>Positions arrive in increasing order, so a rule listed under one key twice is the last entry.</summary>
    private static void AddOnce(List<int> positions, int position)
    {
        if (positions.Count == 0 || positions[positions.Count - 1] != position)
        {
            positions.Add(position);
        }
    }
}
