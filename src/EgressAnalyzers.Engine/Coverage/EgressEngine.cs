using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Coverage;

/// <summary>
/// The one place that decides, for every firewall or policy that serves AKS, which required endpoints are allowed,
/// missing or unknown, in Azure Firewall's processing order; plus the rule hygiene checks on the same subjects.
/// </summary>
public static class EgressEngine
{
    private const int ListedEndpoints = 3;

    private static readonly string[] AksDomains = { "azmk8s.io", "azk8s.cn", "aks.containerservice.azure.us" };

    public static IReadOnlyList<Finding> Analyze(InfrastructureModel model, EgressSettings settings, RequirementCatalog catalog, CancellationToken cancellationToken = default)
    {
        var findings = new List<Finding>();
        var clusters = ClusterContext.Build(model, settings);
        var requirements = catalog.For(settings.Profile, settings.Cloud).ToList();

        // Whether a requirement applies depends on the cluster only: decide it once, not once per rule set.
        var applicability = clusters.Select(c => requirements.Select(c.Evaluate).ToArray()).ToArray();
        foreach (var ruleSet in FirewallRuleSet.Resolve(model))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsInScope(ruleSet, model, settings))
            {
                continue;
            }

            findings.AddRange(RuleHygiene.Check(ruleSet, settings, catalog, clusters));
            findings.AddRange(CheckCoverage(ruleSet, requirements, clusters, applicability, cancellationToken));
        }

        findings.AddRange(CheckPolicyLinks(model, settings));
        return Finish(findings, model);
    }

    /// <summary>
    /// A subject is checked only when something says it serves AKS, so firewalls of other workloads stay silent.
    /// </summary>
    public static bool IsInScope(FirewallRuleSet ruleSet, InfrastructureModel model, EgressSettings settings) =>
        model.Clusters.Count > 0
        || settings.CheckAllFirewalls
        || ruleSet.Resource.OptedIn
        || ruleSet.Groups.Any(g => g.OptedIn)
        || ruleSet.Firewalls.Any(f => f.OptedIn)
        || MentionsAks(ruleSet);

    private static bool MentionsAks(FirewallRuleSet ruleSet)
    {
        foreach (var collection in ruleSet.Collections)
        {
            foreach (var rule in collection.Collection.ApplicationRules)
            {
                if (rule.TargetFqdns.Any(IsAksName) || rule.FqdnTags.Any(t => string.Equals(t.Text?.Trim(), RuleMatcher.AksFqdnTag, StringComparison.OrdinalIgnoreCase)))
                {
                    return true;
                }
            }

            if (collection.Collection.NetworkRules.Any(r => r.DestinationFqdns.Any(IsAksName)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAksName(ModelValue value) =>
        value.Text is { } text && AksDomains.Any(d => text.IndexOf(d, StringComparison.OrdinalIgnoreCase) >= 0);

    private static IEnumerable<Finding> CheckPolicyLinks(InfrastructureModel model, EgressSettings settings)
    {
        foreach (var firewall in model.Firewalls)
        {
            if (firewall.FirewallPolicy is not { } link
                || (link.Key is { } key && model.Policies.Any(p => p.Key == key))
                || !(model.Clusters.Count > 0 || settings.CheckAllFirewalls || firewall.OptedIn))
            {
                continue;
            }

            yield return new Finding(
                EgressRules.EGR1006_CoverageCannotBeProven,
                link.Span.IsEmpty ? firewall.NameSpan : link.Span,
                $"Azure Firewall '{firewall.DisplayName}'",
                "the AKS egress requirements",
                $"its rules (in policy '{link.Text}', which is not among the analyzed files)")
            {
                Subject = firewall.Key,
            };
        }
    }

    private static List<Finding> CheckCoverage(
        FirewallRuleSet ruleSet,
        List<Requirement> requirements,
        IReadOnlyList<ClusterContext> clusters,
        Applicability[][] applicabilities,
        CancellationToken cancellationToken)
    {
        var evaluations = new Evaluations(ruleSet, requirements.Count);
        var results = new Dictionary<(RequirementKind, string, string), EndpointResult>();
        var order = new List<(RequirementKind, string, string)>();
        for (var c = 0; c < clusters.Count; c++)
        {
            var cluster = clusters[c];
            for (var r = 0; r < requirements.Count; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var requirement = requirements[r];
                var applicability = applicabilities[c][r];
                if (!applicability.Applies)
                {
                    continue;
                }

                var result = Decide(evaluations, requirement, cluster, applicability);
                var key = (requirement.Kind, result.Instance.Endpoint, result.Instance.ProtocolPort);
                if (!results.TryGetValue(key, out var existing))
                {
                    results[key] = result;
                    order.Add(key);
                }
                else if (result.Severity > existing.Severity)
                {
                    results[key] = result;
                }
                else if (result.Severity == existing.Severity && result.Status == CoverageStatus.Unknown)
                {
                    existing.Causes.AddRange(result.Causes.Where(c => !existing.Causes.Contains(c)));
                }
            }
        }

        var findings = new List<Finding>();
        var unknownEndpoints = new Dictionary<UnknownCause, List<string>>();
        var causeOrder = new List<UnknownCause>();
        foreach (var result in order.Select(k => results[k]))
        {
            switch (result.Status)
            {
                case CoverageStatus.Missing:
                    findings.Add(Missing(ruleSet, result));
                    break;
                case CoverageStatus.Blocked:
                    findings.Add(Blocked(ruleSet, result));
                    break;
                case CoverageStatus.Unknown:
                    foreach (var cause in result.Causes.Where(c => !c.Span.IsEmpty))
                    {
                        if (!unknownEndpoints.TryGetValue(cause, out var endpoints))
                        {
                            unknownEndpoints[cause] = endpoints = new List<string>();
                            causeOrder.Add(cause);
                        }

                        var quoted = $"'{result.Instance.Endpoint}'";
                        if (!endpoints.Contains(quoted))
                        {
                            endpoints.Add(quoted);
                        }
                    }

                    break;
            }
        }

        foreach (var cause in causeOrder)
        {
            findings.Add(new Finding(EgressRules.EGR1006_CoverageCannotBeProven, cause.Span, ruleSet.Display, ListEndpoints(unknownEndpoints[cause]), cause.Description)
            {
                Subject = ruleSet.Key,
            });
        }

        return findings;
    }

    private static EndpointResult Decide(Evaluations evaluations, Requirement requirement, ClusterContext cluster, Applicability applicability)
    {
        var (instance, outcome) = EvaluateAtLocation(evaluations, requirement, cluster);
        if (outcome.Kind == OutcomeKind.Allowed)
        {
            return new EndpointResult(instance, CoverageStatus.Allowed, applicability.Level, outcome);
        }

        if (outcome.Kind == OutcomeKind.Unknown)
        {
            return new EndpointResult(instance, CoverageStatus.Unknown, applicability.Level, outcome, outcome.Causes);
        }

        if (applicability.UnresolvedConditions.Count > 0)
        {
            // Missing only if the condition holds, and the inputs do not say whether it does.
            var causes = applicability.UnresolvedConditions
                .Where(f => !f.Span.IsEmpty)
                .Select(f => new UnknownCause(f.Span, f.UnresolvedExpression ?? "the cluster's configuration"));
            return new EndpointResult(instance, CoverageStatus.Unknown, applicability.Level, outcome, causes);
        }

        var blocked = outcome.Kind == OutcomeKind.Denied && outcome.ShadowedAllow is not null && applicability.Level == RequirementLevel.Required;
        return new EndpointResult(instance, blocked ? CoverageStatus.Blocked : CoverageStatus.Missing, applicability.Level, outcome);
    }

    /// <summary>
    /// Evaluates at the cluster's region; when it is unknown, at every region the rules name for this endpoint plus
    /// an unnamed one. The outcome counts only if it is the same whatever the region.
    /// </summary>
    private static (RequirementInstance Instance, Outcome Outcome) EvaluateAtLocation(Evaluations evaluations, Requirement requirement, ClusterContext cluster)
    {
        if (cluster.Location is not null || !requirement.IsLocationSpecific)
        {
            var location = cluster.Location ?? RequirementCatalog.LocationPlaceholder;
            return (evaluations.Instance(requirement, location), evaluations.Evaluate(requirement, location, cluster.Match));
        }

        var placeholder = evaluations.Instance(requirement, RequirementCatalog.LocationPlaceholder);
        var placeholderOutcome = evaluations.Evaluate(requirement, RequirementCatalog.LocationPlaceholder, cluster.Match);
        var outcomes = new List<Outcome> { placeholderOutcome };
        foreach (var candidate in evaluations.CandidateLocations(requirement))
        {
            outcomes.Add(evaluations.Evaluate(requirement, candidate, cluster.Match));
        }

        if (outcomes.All(o => o.Kind == OutcomeKind.Allowed) || outcomes.All(o => o.IsMissing) || outcomes.All(o => o.Kind == OutcomeKind.Unknown))
        {
            return (placeholder, outcomes.All(o => o.Kind == OutcomeKind.Unknown)
                ? Outcome.Unknown(outcomes.SelectMany(o => o.Causes))
                : placeholderOutcome);
        }

        var causes = outcomes.SelectMany(o => o.Causes).ToList();
        if (cluster.LocationValue is { } value && !value.Span.IsEmpty)
        {
            causes.Insert(0, new UnknownCause(value.Span, value.UnresolvedExpression ?? "the cluster's location"));
        }

        return (placeholder, Outcome.Unknown(causes));
    }

    private static List<string> CandidateLocations(FirewallRuleSet ruleSet, Requirement requirement)
    {
        var templates = LocationTemplate.For(requirement);
        var found = new List<string>();
        void Consider(IEnumerable<ModelValue> values, TemplateTarget target)
        {
            foreach (var value in values)
            {
                foreach (var template in templates.Where(t => t.Target == target))
                {
                    if (value.Text is { } text && template.TryMatch(text, out var label) && !found.Contains(label))
                    {
                        found.Add(label);
                    }
                }
            }
        }

        foreach (var collection in ruleSet.Collections.Select(c => c.Collection))
        {
            foreach (var rule in collection.ApplicationRules)
            {
                Consider(rule.TargetFqdns, TemplateTarget.Fqdn);
            }

            foreach (var rule in collection.NetworkRules)
            {
                Consider(rule.DestinationFqdns, TemplateTarget.Fqdn);
                Consider(rule.DestinationAddresses, TemplateTarget.ServiceTag);
            }
        }

        return found;
    }

    /// <summary>
    /// The evaluations of one rule set, each done once: clusters in the same region with the same node prefixes and
    /// DNS servers get the same outcome for a requirement, and every cluster of unknown region asks for the same
    /// candidate regions. Outcomes and requirement instances are immutable, so sharing them changes no finding.
    /// </summary>
    private sealed class Evaluations
    {
        private readonly FirewallRuleSet ruleSet;
        private readonly Dictionary<(Requirement, string), RequirementInstance> instances;
        private readonly Dictionary<(Requirement, string, MatchContext), Outcome> outcomes;
        private readonly Dictionary<Requirement, List<string>> candidateLocations = new();
        private readonly Dictionary<MatchContext, MatchContext> canonicalContexts = new();
        private readonly List<MatchContext> distinctContexts = new();

        public Evaluations(FirewallRuleSet ruleSet, int requirements)
        {
            this.ruleSet = ruleSet;

            // At least one entry per requirement; sized up front rather than grown step by step.
            instances = new(requirements * 2);
            outcomes = new(requirements * 2);
        }

        public RequirementInstance Instance(Requirement requirement, string location)
        {
            if (!instances.TryGetValue((requirement, location), out var instance))
            {
                instances[(requirement, location)] = instance = RequirementInstance.For(requirement, location);
            }

            return instance;
        }

        public Outcome Evaluate(Requirement requirement, string location, MatchContext context)
        {
            var key = (requirement, location, Canonical(context));
            if (!outcomes.TryGetValue(key, out var outcome))
            {
                outcomes[key] = outcome = FirstMatchEvaluator.Evaluate(ruleSet, Instance(requirement, location), key.Item3);
            }

            return outcome;
        }

        public List<string> CandidateLocations(Requirement requirement)
        {
            if (!candidateLocations.TryGetValue(requirement, out var found))
            {
                candidateLocations[requirement] = found = EgressEngine.CandidateLocations(ruleSet, requirement);
            }

            return found;
        }

        private MatchContext Canonical(MatchContext context)
        {
            if (!canonicalContexts.TryGetValue(context, out var canonical))
            {
                canonical = distinctContexts.Find(c => c.IsEquivalentTo(context));
                if (canonical is null)
                {
                    distinctContexts.Add(canonical = context);
                }

                canonicalContexts[context] = canonical;
            }

            return canonical;
        }
    }

    private static Finding Missing(FirewallRuleSet ruleSet, EndpointResult result)
    {
        var instance = result.Instance;
        var application = instance.Kind == RequirementKind.Application;
        var rule = result.Level == RequirementLevel.Recommended ? EgressRules.EGR1003_RecommendedEgressNotAllowed
            : application ? EgressRules.EGR1001_RequiredApplicationEgressNotAllowed
            : EgressRules.EGR1002_RequiredNetworkEgressNotAllowed;
        var wanted = application ? RuleCollectionKind.Application : RuleCollectionKind.Network;
        var anchor = ruleSet.OrderedCollections(unknownPriorityFirst: true)
            .LastOrDefault(c => c.Collection.Action == RuleAction.Allow && c.Collection.Kind == wanted);
        return new Finding(rule, anchor?.Collection.NameSpan ?? ruleSet.Resource.NameSpan, ruleSet.Display, $"'{instance.Endpoint}'", instance.ProtocolPort, instance.Requirement.Purpose)
        {
            Subject = ruleSet.Key,
            RequirementId = instance.Requirement.Id,
            Endpoint = instance.Endpoint,
            RequirementLocation = instance.Location,
        };
    }

    private static Finding Blocked(FirewallRuleSet ruleSet, EndpointResult result)
    {
        var instance = result.Instance;
        var deny = result.Outcome.DecidedBy!.Collection;
        var allow = result.Outcome.ShadowedAllow!.Collection;
        return new Finding(
            EgressRules.EGR1004_RequiredEgressBlockedByEarlierDeny,
            deny.NameSpan,
            ruleSet.Display,
            $"'{instance.Endpoint}'",
            instance.ProtocolPort,
            allow.Name,
            deny.Name,
            instance.Requirement.Purpose)
        {
            Subject = ruleSet.Key,
            RequirementId = instance.Requirement.Id,
            Endpoint = instance.Endpoint,
            AdditionalLocations = new[] { allow.NameSpan },
        };
    }

    private static string ListEndpoints(List<string> endpoints) =>
        endpoints.Count <= ListedEndpoints
            ? string.Join(", ", endpoints)
            : $"{string.Join(", ", endpoints.Take(ListedEndpoints))} and {endpoints.Count - ListedEndpoints} more";

    /// <summary>Suppressions, duplicates (collections shared by several subjects), and a stable order.</summary>
    internal static List<Finding> Finish(List<Finding> findings, InfrastructureModel model)
    {
        var seen = new HashSet<(string, SourceSpan, string)>();
        var result = new List<Finding>();
        // Few resources carry suppressions; look only at those for each finding.
        var suppressing = model.All.Concat(model.Subnets).Where(r => r.Suppressions.Count > 0).ToList();
        foreach (var finding in findings)
        {
            // Every empty span prints as "(none)": they are one location here too.
            if (!seen.Add((finding.Rule.Id, finding.Location.IsEmpty ? SourceSpan.None : finding.Location, finding.Message)))
            {
                continue;
            }

            result.Add(FindSuppression(finding, suppressing) is { } suppression ? finding.WithSuppression(suppression) : finding);
        }

        return result
            .OrderBy(f => f.Location.FilePath ?? "", StringComparer.Ordinal)
            .ThenBy(f => f.Location.Start)
            .ThenBy(f => f.Rule.Id, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToList();
    }

    private static Suppression? FindSuppression(Finding finding, List<ModelResource> suppressing)
    {
        foreach (var resource in suppressing)
        {
            if (!(resource.Span.Contains(finding.Location) || (!finding.Subject.IsEmpty && resource.Key == finding.Subject)))
            {
                continue;
            }

            var suppression = resource.Suppressions.FirstOrDefault(s => string.Equals(s.RuleId, finding.Rule.Id, StringComparison.OrdinalIgnoreCase));
            if (suppression is not null)
            {
                return suppression;
            }
        }

        return null;
    }

    private enum CoverageStatus
    {
        Allowed = 0,
        Unknown = 1,
        Missing = 2,
        Blocked = 3,
    }

    private sealed class EndpointResult
    {
        public EndpointResult(RequirementInstance instance, CoverageStatus status, RequirementLevel level, Outcome outcome, IEnumerable<UnknownCause>? causes = null)
        {
            Instance = instance;
            Status = status;
            Level = level;
            Outcome = outcome;
            Causes = causes is null ? new List<UnknownCause>() : new List<UnknownCause>(causes);
        }

        public RequirementInstance Instance { get; }

        public CoverageStatus Status { get; }

        public RequirementLevel Level { get; }

        public Outcome Outcome { get; }

        public List<UnknownCause> Causes { get; }

        /// <summary>Most severe wins when clusters disagree: required missing/blocked, recommended missing, unknown, allowed.</summary>
        public int Severity => Status switch
        {
            CoverageStatus.Missing or CoverageStatus.Blocked => Level == RequirementLevel.Required ? 4 : 3,
            CoverageStatus.Unknown => 2,
            _ => 1,
        };
    }
}
