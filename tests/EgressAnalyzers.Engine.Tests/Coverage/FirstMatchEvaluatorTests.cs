using EgressAnalyzers.Engine.Coverage;
using static EgressAnalyzers.Engine.Tests.Coverage.TestModel;

namespace EgressAnalyzers.Engine.Tests.Coverage;

public class FirstMatchEvaluatorTests
{
    private static readonly RequirementInstance Mcr = RequirementInstance.For(TestCatalog.Mcr, "westeurope");

    private static Outcome Evaluate(FirewallRuleSet set) => FirstMatchEvaluator.Evaluate(set, Mcr, MatchContext.Unknown);

    [Fact]
    public void NoMatchingRule_IsNotAllowed() =>
        Assert.Equal(OutcomeKind.NotAllowed, Evaluate(RuleSet(Allow("apps", 100, App("other.com")))).Kind);

    [Fact]
    public void FirstMatchWins_AllowBeforeDeny()
    {
        var outcome = Evaluate(RuleSet(Deny("deny", 200, App("*.microsoft.com")), Allow("allow", 100, App("mcr.microsoft.com"))));
        Assert.Equal(OutcomeKind.Allowed, outcome.Kind);
        Assert.Equal("allow", outcome.DecidedBy!.Collection.Name);
    }

    [Fact]
    public void DenyProcessedFirst_BlocksALaterAllow_AndNamesIt()
    {
        var outcome = Evaluate(RuleSet(Deny("deny", 100, App("*.microsoft.com")), Allow("allow", 200, App("mcr.microsoft.com"))));
        Assert.Equal(OutcomeKind.Denied, outcome.Kind);
        Assert.Equal("deny", outcome.DecidedBy!.Collection.Name);
        Assert.Equal("allow", outcome.ShadowedAllow!.Collection.Name);
    }

    [Fact]
    public void NetworkRules_AreProcessedBeforeApplicationRules_WhateverThePriority()
    {
        var outcome = Evaluate(RuleSet(Allow("apps", 100, App("mcr.microsoft.com")), Deny("net-deny", 65000, Net("TCP", "*", "443"))));
        Assert.Equal(OutcomeKind.Denied, outcome.Kind);
        Assert.Equal("net-deny", outcome.DecidedBy!.Collection.Name);
    }

    [Fact]
    public void RulesWithinACollection_AreTopDown()
    {
        var set = RuleSet(Allow("apps", 100, App("other.com", name: "first"), App("mcr.microsoft.com", name: "second")));
        Assert.Equal(OutcomeKind.Allowed, Evaluate(set).Kind);
    }

    [Fact]
    public void MaybeAllow_ThenNothing_IsUnknown()
    {
        var unknown = U("[parameters('fqdns')]");
        var outcome = Evaluate(RuleSet(Allow("apps", 100, App(new[] { unknown }))));
        Assert.Equal(OutcomeKind.Unknown, outcome.Kind);
        Assert.Equal(unknown.Span, Assert.Single(outcome.Causes).Span);
    }

    [Fact]
    public void MaybeDeny_ThenNothing_IsNotAllowed() =>
        Assert.Equal(OutcomeKind.NotAllowed, Evaluate(RuleSet(Deny("deny", 100, App(new[] { U("[parameters('blocked')]") })))).Kind);

    [Fact]
    public void MaybeDeny_ThenAllow_IsUnknown() =>
        Assert.Equal(
            OutcomeKind.Unknown,
            Evaluate(RuleSet(Deny("deny", 100, App(new[] { U("[parameters('blocked')]") })), Allow("allow", 200, App("mcr.microsoft.com")))).Kind);

    [Fact]
    public void MaybeAllow_ThenAllow_IsAllowed() =>
        Assert.Equal(
            OutcomeKind.Allowed,
            Evaluate(RuleSet(Allow("a", 100, App(new[] { U("[parameters('x')]") })), Allow("b", 200, App("mcr.microsoft.com")))).Kind);

    [Fact]
    public void UnknownPriority_ThatChangesTheOutcome_IsUnknown()
    {
        var outcome = Evaluate(RuleSet(Deny("deny", null, App("mcr.microsoft.com")), Allow("allow", 200, App("mcr.microsoft.com"))));
        Assert.Equal(OutcomeKind.Unknown, outcome.Kind);
        Assert.Contains(outcome.Causes, c => c.Description.Contains("priority of rule collection 'deny'", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownPriority_OfACollectionWithNoName_IsDescribedAsUnnamed()
    {
        // A collection being typed, or named by an expression, has no name to quote: "rule collection ''" reads like a bug.
        var outcome = Evaluate(RuleSet(Deny("", null, App("mcr.microsoft.com")), Allow("allow", 200, App("mcr.microsoft.com"))));
        Assert.Contains(outcome.Causes, c => c.Description == "the priority of an unnamed rule collection");
    }

    [Fact]
    public void UnknownPriority_ThatDoesNotChangeTheOutcome_IsIgnored() =>
        Assert.Equal(
            OutcomeKind.Allowed,
            Evaluate(RuleSet(Allow("a", null, App("other.com")), Allow("b", 200, App("mcr.microsoft.com")))).Kind);

    [Fact]
    public void UnknownAction_OnAMatchingRule_IsUnknown() =>
        Assert.Equal(
            OutcomeKind.Unknown,
            Evaluate(RuleSet(Collection("c", EgressAnalyzers.Engine.Model.RuleAction.Unknown, 100, App("mcr.microsoft.com")))).Kind);
}
