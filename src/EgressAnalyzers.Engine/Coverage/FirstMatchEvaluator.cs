using System;
using System.Collections.Generic;
using System.Linq;
using EgressAnalyzers.Engine.Model;

namespace EgressAnalyzers.Engine.Coverage;

public enum OutcomeKind
{
    /// <summary>The first matching rule is in an Allow collection.</summary>
    Allowed,

    /// <summary>The first matching rule is in a Deny collection.</summary>
    Denied,

    /// <summary>No rule matches: the firewall's default deny applies.</summary>
    NotAllowed,

    /// <summary>The outcome depends on values the inputs do not give.</summary>
    Unknown,
}

/// <summary>The decision for one requirement against one rule set.</summary>
public sealed class Outcome
{
    public Outcome(OutcomeKind kind, SubjectCollection? decidedBy = null, IReadOnlyList<UnknownCause>? causes = null)
    {
        Kind = kind;
        DecidedBy = decidedBy;
        Causes = causes ?? Array.Empty<UnknownCause>();
    }

    public OutcomeKind Kind { get; }

    /// <summary>The collection of the first matching rule (Allowed, Denied).</summary>
    public SubjectCollection? DecidedBy { get; }

    /// <summary>For Denied: an Allow collection processed later whose rule would have allowed the traffic (EGR1004).</summary>
    public SubjectCollection? ShadowedAllow { get; init; }

    /// <summary>For Unknown: the values that kept the outcome open.</summary>
    public IReadOnlyList<UnknownCause> Causes { get; }

    public bool IsMissing => Kind is OutcomeKind.NotAllowed or OutcomeKind.Denied;

    public static Outcome NotAllowed { get; } = new(OutcomeKind.NotAllowed);

    public static Outcome Unknown(IEnumerable<UnknownCause> causes) => new(OutcomeKind.Unknown, null, MatchResult.Distinct(causes));

    public override string ToString() => Kind == OutcomeKind.Unknown ? $"Unknown ({string.Join("; ", Causes)})" : Kind.ToString();
}

/// <summary>
/// Azure Firewall's first-match evaluation with three-valued matches (§5.1): the first rule that surely matches decides,
/// unless an earlier rule that may match would have decided differently.
/// </summary>
public static class FirstMatchEvaluator
{
    public static Outcome Evaluate(FirewallRuleSet ruleSet, RequirementInstance requirement, MatchContext context)
    {
        // Over the index's candidates only: the rules it leaves out never match, so the first match is the same.
        var outcome = Evaluate(ruleSet.Index(unknownPriorityFirst: true).Candidates(requirement), requirement, context);
        if (ruleSet.HasUnknownPriority)
        {
            var last = Evaluate(ruleSet.Index(unknownPriorityFirst: false).Candidates(requirement), requirement, context);
            if (last.Kind != outcome.Kind)
            {
                outcome = Outcome.Unknown(ruleSet.PriorityCauses().Concat(outcome.Causes).Concat(last.Causes));
            }
        }

        if (ruleSet.ExternalCauses.Count > 0 && outcome.IsMissing)
        {
            // The base policy's rules come first and are not in the inputs: they may allow the traffic.
            outcome = Outcome.Unknown(ruleSet.ExternalCauses);
        }

        if (outcome.IsMissing && ruleSet.DetachedRules.Count > 0)
        {
            // Rules written for a policy or firewall the inputs do not identify may be this one's, and may allow it.
            var detached = ruleSet.DetachedRules.Where(d => d.MayAllow(ruleSet, requirement, context)).Select(d => d.Cause).ToList();
            if (detached.Count > 0)
            {
                outcome = Outcome.Unknown(detached);
            }
        }

        return outcome;
    }

    public static Outcome Evaluate(IReadOnlyList<OrderedRule> rules, RequirementInstance requirement, MatchContext context)
    {
        // Allocated on the first Maybe only: most evaluations meet none.
        List<(RuleAction Action, IReadOnlyList<UnknownCause> Causes)>? maybes = null;
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var match = RuleMatcher.Match(requirement, rule.Rule, context, rule.Action);
            if (match.Value == Tri.No)
            {
                continue;
            }

            if (rule.Collection.ConditionCause is { } conditionCause)
            {
                // A rule deployed only under an unresolved condition may not exist: it may match.
                match = MatchResult.And(match, MatchResult.Maybe(new[] { conditionCause }));
            }

            var causes = rule.Action == RuleAction.Unknown
                ? match.Causes.Concat(new[] { rule.Collection.ActionCause }).ToList()
                : match.Causes;
            if (match.Value == Tri.Maybe)
            {
                (maybes ??= new()).Add((rule.Action, causes));
                continue;
            }

            if (rule.Action == RuleAction.Unknown)
            {
                return Outcome.Unknown(CausesOfMaybes(maybes, except: null).Concat(causes));
            }

            if (HasMaybeOtherThan(maybes, rule.Action))
            {
                return Outcome.Unknown(CausesOfMaybes(maybes, except: rule.Action));
            }

            if (rule.Action == RuleAction.Allow)
            {
                return new Outcome(OutcomeKind.Allowed, rule.Collection);
            }

            return new Outcome(OutcomeKind.Denied, rule.Collection) { ShadowedAllow = FindLaterAllow(rules, i + 1, requirement, context) };
        }

        return HasMaybeOtherThan(maybes, RuleAction.Deny)
            ? Outcome.Unknown(CausesOfMaybes(maybes, except: RuleAction.Deny))
            : Outcome.NotAllowed;
    }

    private static bool HasMaybeOtherThan(List<(RuleAction Action, IReadOnlyList<UnknownCause> Causes)>? maybes, RuleAction action)
    {
        if (maybes is not null)
        {
            foreach (var maybe in maybes)
            {
                if (maybe.Action != action)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The causes of the earlier Maybes, in order; those of the given action left out.</summary>
    private static List<UnknownCause> CausesOfMaybes(List<(RuleAction Action, IReadOnlyList<UnknownCause> Causes)>? maybes, RuleAction? except)
    {
        var causes = new List<UnknownCause>();
        if (maybes is not null)
        {
            foreach (var maybe in maybes)
            {
                if (maybe.Action != except)
                {
                    causes.AddRange(maybe.Causes);
                }
            }
        }

        return causes;
    }

    private static SubjectCollection? FindLaterAllow(IReadOnlyList<OrderedRule> rules, int start, RequirementInstance requirement, MatchContext context)
    {
        for (var i = start; i < rules.Count; i++)
        {
            if (rules[i].Action == RuleAction.Allow && RuleMatcher.Match(requirement, rules[i].Rule, context).Value == Tri.Yes)
            {
                return rules[i].Collection;
            }
        }

        return null;
    }
}
