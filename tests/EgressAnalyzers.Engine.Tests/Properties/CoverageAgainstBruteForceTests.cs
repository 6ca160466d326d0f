using CsCheck;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Coverage;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Tests.Coverage;
using static EgressAnalyzers.Engine.Tests.Coverage.TestModel;

namespace EgressAnalyzers.Engine.Tests.Properties;

/// <summary>
/// The coverage engine against a brute-force reference on random classic rule sets (wildcards, ports, protocols,
/// service tags, order, deny, unknown values). The reference is written from Azure Firewall's documented behaviour
/// (reference §5), independently of the engine: it decides each concrete "world" by a plain first-match loop, and an
/// unknown value is replaced in turn by every value of a small domain that includes both a matching and a
/// non-matching one. The engine must say Allowed exactly when every world allows, Missing exactly when every world
/// misses, and Unknown exactly when the worlds disagree.
/// </summary>
public class CoverageAgainstBruteForceTests
{
    private const string Location = "westeurope";

    private static readonly string[] TargetPatterns =
    {
        "*", "mcr.microsoft.com", "MCR.Microsoft.COM", "*.microsoft.com", "*.mcr.microsoft.com", "*.data.mcr.microsoft.com",
        "data.mcr.microsoft.com", "microsoft.com", "other.example", "*.example", "eastus.data.mcr.microsoft.com",
    };

    private static readonly string[] AppProtocols = { "Https:443", "Http:80", "Https:8443", "https:443", "Http:443" };

    private static readonly string[] NetProtocols = { "TCP", "UDP", "Any", "ICMP", "tcp" };

    private static readonly string[] NetDestinations = { "*", "AzureCloud.westeurope", "AzureCloud.WestEurope", "AzureCloud.eastus", "Storage" };

    private static readonly string[] NetPorts = { "*", "443", "1194", "1-65535", "400-500", "80", "1000-2000" };

    /// <summary>Values an unknown application target may take: matches everything, nothing, or exactly the name.</summary>
    private static readonly string[] UnknownTargetWorlds = { "*", "other.example", "mcr.microsoft.com" };

    /// <summary>Values an unknown network destination may take.</summary>
    private static readonly string[] UnknownDestinationWorlds = { "*", "Storage" };

    private static readonly Requirement[] Requirements = { TestCatalog.Mcr, TestCatalog.McrData, TestCatalog.Tunnel };

    private enum Verdict
    {
        Allowed,
        Missing,
        Unknown,
    }

    /// <summary>A generated rule: a value is either known text or (null) an unknown that ranges over a domain.</summary>
    private sealed record GenRule(bool IsNetwork, string Protocol, string? Target, bool Tag, string Port);

    private sealed record GenCollection(bool IsNetwork, bool Allow, int Priority, GenRule[] Rules);

    private static readonly Gen<GenRule> AppRule =
        Gen.Select(Gen.OneOf(AppProtocols), Gen.Int[0, TargetPatterns.Length], Gen.Int[0, 9])
            .Select((protocol, target, tag) => new GenRule(false, protocol, target == TargetPatterns.Length ? null : TargetPatterns[target], tag == 0, ""));

    private static readonly Gen<GenRule> NetRule =
        Gen.Select(Gen.OneOf(NetProtocols), Gen.Int[0, NetDestinations.Length], Gen.OneOf(NetPorts))
            .Select((protocol, destination, port) => new GenRule(true, protocol, destination == NetDestinations.Length ? null : NetDestinations[destination], false, port));

    private static readonly Gen<GenCollection> Collection =
        Gen.Bool.SelectMany(isNetwork =>
            Gen.Select(Gen.Bool, Gen.Int[100, 110], (isNetwork ? NetRule : AppRule).Array[1, 3])
                .Select((allow, priority, rules) => new GenCollection(isNetwork, allow, priority, rules)));

    private static readonly Gen<(GenCollection[] Collections, int Requirement)> Case =
        Gen.Select(Collection.Array[0, 5], Gen.Int[0, Requirements.Length - 1]);

    [Fact]
    public void RandomRuleSets_EngineVerdict_EqualsTheBruteForceVerdictOverAllWorlds()
    {
        Case.Sample(
            sample =>
            {
                var requirement = RequirementInstance.For(Requirements[sample.Requirement], Location);
                var engine = EngineVerdict(sample.Collections, requirement);
                var reference = ReferenceVerdict(sample.Collections, requirement);
                Assert.True(
                    engine == reference,
                    $"engine {engine}, reference {reference} for {requirement.Endpoint} over {Describe(sample.Collections)}");
            },
            iter: 3000,
            threads: 1);
    }

    /// <summary>
    /// Rule collection groups whose policy is unknown (<see cref="FirewallRuleSet.DetachedRules"/>) may belong to the
    /// rule set or not, and when they do their group priority may put them before or after its own collections: the
    /// reference adds each group absent, first or last, in every combination. Their Deny collections are left out on both
    /// sides: the engine does not hold a group it cannot place against what the policy allows (documented on EGR1006).
    /// </summary>
    [Fact]
    public void RandomRuleSets_WithDetachedGroups_EngineVerdict_EqualsTheBruteForceVerdictOverAllWorldsAndPlacements()
    {
        // Not vacuous: the detached groups must turn some missing verdicts into unknown ones, and leave others missing.
        var turnedUnknown = 0;
        var stayedMissing = 0;
        Gen.Select(Collection.Array[0, 4], Collection.Array[1, 2].Array[1, 2], Gen.Int[0, Requirements.Length - 1]).Sample(
            sample =>
            {
                var (own, detached, requirementIndex) = sample;
                var requirement = RequirementInstance.For(Requirements[requirementIndex], Location);
                var engine = EngineVerdict(own, requirement, detached);
                var allowOnly = detached.Select(group => group.Where(c => c.Allow).ToArray()).ToArray();
                var outcomes = new HashSet<Verdict>();
                foreach (var placement in Placements(allowOnly.Length))
                {
                    var placed = own.Concat(allowOnly.SelectMany((group, g) => placement[g] switch
                    {
                        0 => Array.Empty<GenCollection>(),
                        1 => group.Select(c => c with { Priority = 0 }),
                        _ => group.Select(c => c with { Priority = 1000 }),
                    })).ToArray();
                    outcomes.Add(ReferenceVerdict(placed, requirement));
                }

                var reference = outcomes.Count == 1 ? outcomes.Single() : Verdict.Unknown;
                if (EngineVerdict(own, requirement) == Verdict.Missing)
                {
                    _ = engine == Verdict.Unknown ? turnedUnknown++ : stayedMissing++;
                }

                Assert.True(
                    engine == reference,
                    $"engine {engine}, reference {reference} for {requirement.Endpoint} over {Describe(own)} with detached {string.Join(" / ", detached.Select(Describe))}");
            },
            iter: 1500,
            threads: 1);
        Assert.True(turnedUnknown > 100 && stayedMissing > 100, $"{turnedUnknown} missing verdicts turned unknown, {stayedMissing} stayed missing");
    }

    /// <summary>Every assignment of absent (0), first (1) or last (2) to each detached group.</summary>
    private static IEnumerable<int[]> Placements(int groups)
    {
        var total = (int)Math.Pow(3, groups);
        for (var code = 0; code < total; code++)
        {
            var placement = new int[groups];
            for (int g = 0, rest = code; g < groups; g++, rest /= 3)
            {
                placement[g] = rest % 3;
            }

            yield return placement;
        }
    }

    private static Verdict EngineVerdict(GenCollection[] collections, RequirementInstance requirement, GenCollection[][]? detachedGroups = null)
    {
        if (detachedGroups is not null)
        {
            var own = RuleSet(collections.Select((c, i) => ToModel(c, i)).ToArray());
            var detached = detachedGroups
                .Select((group, g) => new DetachedRules(RuleSet(group.Select((c, i) => ToModel(c, 100 + (10 * g) + i)).ToArray()), new UnknownCause(Span(), $"group {g}")))
                .ToList();
            return ToVerdict(FirstMatchEvaluator.Evaluate(new FirewallRuleSet(own.Resource, own.Collections) { DetachedRules = detached }, requirement, MatchContext.Unknown));
        }

        var model = collections.Select((c, i) => ToModel(c, i)).ToArray();
        return ToVerdict(FirstMatchEvaluator.Evaluate(RuleSet(model), requirement, MatchContext.Unknown));
    }

    private static Verdict ToVerdict(Outcome outcome)
    {
        return outcome.Kind switch
        {
            OutcomeKind.Allowed => Verdict.Allowed,
            OutcomeKind.Unknown => Verdict.Unknown,
            _ => Verdict.Missing,
        };
    }

    private static RuleCollection ToModel(GenCollection collection, int index)
    {
        var rules = collection.Rules.Select<GenRule, FirewallRule>(rule => rule.IsNetwork
            ? Net(
                new[] { V(rule.Protocol) },
                new[] { rule.Target is null ? U("parameters('destination')") : V(rule.Target) },
                new[] { V(rule.Port) })
            : App(
                new[] { rule.Target is null ? U("parameters('fqdn')") : V(rule.Target) },
                rule.Protocol,
                tags: rule.Tag ? "AzureKubernetesService" : "")).ToArray();
        var name = $"c{index}";
        return collection.Allow ? Allow(name, collection.Priority, rules) : Deny(name, collection.Priority, rules);
    }

    // ---- the reference: concrete worlds and a plain first-match loop ----

    private static Verdict ReferenceVerdict(GenCollection[] collections, RequirementInstance requirement)
    {
        var unknowns = collections.SelectMany(c => c.Rules).Count(r => r.Target is null);
        var outcomes = new HashSet<bool>();
        foreach (var world in Worlds(collections, unknowns))
        {
            outcomes.Add(AllowedInWorld(world, requirement));
        }

        return outcomes.Count > 1 ? Verdict.Unknown : outcomes.Single() ? Verdict.Allowed : Verdict.Missing;
    }

    /// <summary>Every assignment of domain values to the unknowns, in rule order.</summary>
    private static IEnumerable<GenCollection[]> Worlds(GenCollection[] collections, int unknowns)
    {
        var choices = new int[unknowns];
        while (true)
        {
            var next = 0;
            yield return collections.Select(c => c with
            {
                Rules = c.Rules.Select(r => r.Target is not null ? r : r with { Target = (r.IsNetwork ? UnknownDestinationWorlds : UnknownTargetWorlds)[choices[next++]] }).ToArray(),
            }).ToArray();

            // Odometer over the unknowns' domains.
            var position = 0;
            var flat = collections.SelectMany(c => c.Rules).Where(r => r.Target is null).ToArray();
            while (position < unknowns)
            {
                var size = flat[position].IsNetwork ? UnknownDestinationWorlds.Length : UnknownTargetWorlds.Length;
                if (++choices[position] < size)
                {
                    break;
                }

                choices[position++] = 0;
            }

            if (position == unknowns)
            {
                yield break;
            }
        }
    }

    private static bool AllowedInWorld(GenCollection[] collections, RequirementInstance requirement)
    {
        // Network rule collections are processed before application rule collections; then by priority, ties in
        // document order (OrderBy is stable).
        var ordered = collections.OrderBy(c => c.IsNetwork ? 0 : 1).ThenBy(c => c.Priority);
        foreach (var collection in ordered)
        {
            foreach (var rule in collection.Rules)
            {
                if (Matches(rule, requirement))
                {
                    return collection.Allow;
                }
            }
        }

        return false;
    }

    private static bool Matches(GenRule rule, RequirementInstance requirement)
    {
        var isHttps = requirement.Requirement.Kind == RequirementKind.Application;
        var protocol = isHttps ? "TCP" : requirement.Protocol;
        if (rule.IsNetwork)
        {
            var protocolMatches = string.Equals(rule.Protocol, "Any", StringComparison.OrdinalIgnoreCase) || string.Equals(rule.Protocol, protocol, StringComparison.OrdinalIgnoreCase);
            if (!protocolMatches || !PortCovers(rule.Port, requirement.Port))
            {
                return false;
            }

            if (rule.Target == "*")
            {
                return true;
            }

            // A service tag matches when it is one of the requirement's destination forms (the tunnel lists
            // AzureCloud.<location>; the registry lists none).
            return !isHttps && string.Equals(rule.Target, "AzureCloud." + Location, StringComparison.OrdinalIgnoreCase);
        }

        if (!isHttps)
        {
            return false;
        }

        var parts = rule.Protocol.Split(':');
        if (!string.Equals(parts[0], requirement.Protocol, StringComparison.OrdinalIgnoreCase) || int.Parse(parts[1]) != requirement.Port)
        {
            return false;
        }

        return (rule.Tag && requirement.Requirement.CoveredByAksFqdnTag) || PatternCovers(rule.Target!, requirement.Fqdn!);
    }

    private static bool PortCovers(string ports, int port)
    {
        if (ports == "*")
        {
            return true;
        }

        var range = ports.Split('-');
        return range.Length == 2 ? int.Parse(range[0]) <= port && port <= int.Parse(range[1]) : int.Parse(ports) == port;
    }

    /// <summary>
    /// Does a target pattern allow every name the requirement stands for? A bare <c>*</c> allows all; <c>*.x</c> allows
    /// names at any depth below x but not x itself; other patterns are exact names. A wildcard requirement
    /// (<c>*.x</c>) is allowed only by a pattern that allows all of its names.
    /// </summary>
    private static bool PatternCovers(string pattern, string fqdn)
    {
        pattern = pattern.ToLowerInvariant();
        fqdn = fqdn.ToLowerInvariant();
        if (pattern == "*")
        {
            return true;
        }

        if (fqdn.StartsWith("*.", StringComparison.Ordinal))
        {
            return pattern.StartsWith("*.", StringComparison.Ordinal) && (fqdn == pattern || fqdn.EndsWith(pattern.Substring(1), StringComparison.Ordinal));
        }

        return pattern.StartsWith("*.", StringComparison.Ordinal) ? fqdn.EndsWith(pattern.Substring(1), StringComparison.Ordinal) : fqdn == pattern;
    }

    private static string Describe(GenCollection[] collections) =>
        string.Join(" | ", collections.Select(c =>
            $"{(c.IsNetwork ? "net" : "app")} {(c.Allow ? "Allow" : "Deny")} {c.Priority}: " +
            string.Join(", ", c.Rules.Select(r => $"{r.Protocol} {r.Target ?? "<unknown>"}{(r.Tag ? " +tag" : "")} {r.Port}"))));
}
