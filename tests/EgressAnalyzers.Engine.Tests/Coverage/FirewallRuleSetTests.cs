using EgressAnalyzers.Engine.Coverage;
using EgressAnalyzers.Engine.Model;
using static EgressAnalyzers.Engine.Tests.Coverage.TestModel;

namespace EgressAnalyzers.Engine.Tests.Coverage;

public class FirewallRuleSetTests
{
    private static string[] CollectionOrder(FirewallRuleSet set, bool unknownFirst = true) =>
        set.OrderedRules(unknownFirst).Select(r => r.Collection.Collection.Name).Distinct().ToArray();

    [Fact]
    public void ClassicFirewall_NetworkCollectionsComeBeforeApplicationCollections_ThenPriority()
    {
        var set = RuleSet(
            Allow("app-100", 100, App("a.com")),
            Allow("net-300", 300, Net("TCP", "*", "443")),
            Allow("net-200", 200, Net("TCP", "*", "443")),
            Allow("app-50", 50, App("b.com")));
        Assert.Equal(new[] { "net-200", "net-300", "app-50", "app-100" }, CollectionOrder(set));
    }

    [Fact]
    public void EqualPriorities_KeepDocumentOrder()
    {
        var set = RuleSet(Allow("second", 100, App("a.com")), Allow("first", 100, App("b.com")));
        Assert.Equal(new[] { "second", "first" }, CollectionOrder(set));
    }

    [Fact]
    public void Policy_GroupPriorityComesBeforeCollectionPriority()
    {
        var model = Infra(
            Policy("p"),
            Group("p", "late", 500, Allow("late-100", 100, App("a.com"))),
            Group("p", "early", 200, Allow("early-900", 900, App("b.com"))));
        var set = FirewallRuleSet.Resolve(model).Single();
        Assert.Equal(new[] { "early-900", "late-100" }, CollectionOrder(set));
    }

    [Fact]
    public void PolicyInheritance_ParentGroupsComeFirst_RegardlessOfPriority()
    {
        var model = Infra(
            Policy("child", basePolicy: "parent"),
            Policy("parent"),
            Group("child", "child-group", 100, Allow("child-app", 100, App("a.com"))),
            Group("parent", "parent-group", 65000, Allow("parent-app", 65000, App("b.com"))));
        var set = Assert.Single(FirewallRuleSet.Resolve(model));
        Assert.Equal("child", set.Resource.DisplayName);
        Assert.Equal(new[] { "parent-app", "child-app" }, CollectionOrder(set));
    }

    [Fact]
    public void PolicyInheritance_NetworkRulesOfTheChildStillComeBeforeApplicationRulesOfTheParent()
    {
        var model = Infra(
            Policy("child", basePolicy: "parent"),
            Policy("parent"),
            Group("child", "g", 100, Allow("child-net", 100, Net("TCP", "*", "443"))),
            Group("parent", "g", 100, Allow("parent-app", 100, App("b.com"))));
        var set = FirewallRuleSet.Resolve(model).Single();
        Assert.Equal(new[] { "child-net", "parent-app" }, CollectionOrder(set));
    }

    [Fact]
    public void OnlyLeafPolicies_AreSubjects()
    {
        var model = Infra(Policy("base"), Policy("a", "base"), Policy("b", "base"));
        Assert.Equal(new[] { "a", "b" }, FirewallRuleSet.Resolve(model).Select(s => s.Resource.DisplayName).OrderBy(n => n).ToArray());
    }

    [Fact]
    public void BasePolicyUsedDirectlyByAFirewall_IsAlsoASubject()
    {
        var model = Infra(Policy("base"), Policy("a", "base"), FirewallWithPolicy("fw", "base"));
        Assert.Equal(new[] { "a", "base" }, FirewallRuleSet.Resolve(model).Select(s => s.Resource.DisplayName).OrderBy(n => n).ToArray());
    }

    [Fact]
    public void PolicyWithAnUnresolvedBaseLink_MakesUnusedPoliciesPossibleBases_NotSubjects()
    {
        var child = new FirewallPolicyResource(
            PolicyKey("child"), "child", OwnSpan("child"), Span(),
            new PolicyReference(PolicyKey("{parameters('basePolicyName')}"), "[parameters('basePolicyResourceId')]", Span()));
        var model = Infra(Policy("base"), child);
        Assert.Equal(new[] { "child" }, FirewallRuleSet.Resolve(model).Select(s => s.Resource.DisplayName).ToArray());
    }

    [Fact]
    public void PolicyWithAnUnresolvedBaseLink_LeavesPoliciesThatAFirewallUsesAsSubjects()
    {
        var child = new FirewallPolicyResource(PolicyKey("child"), "child", OwnSpan("child"), Span(), new PolicyReference(null, "[variables('unknown')]", Span()));
        var model = Infra(Policy("other"), child, FirewallWithPolicy("fw", "other"));
        Assert.Equal(new[] { "child", "other" }, FirewallRuleSet.Resolve(model).Select(s => s.Resource.DisplayName).OrderBy(n => n).ToArray());
    }

    [Fact]
    public void PolicyWithAResolvedExternalBase_LeavesOtherPoliciesAsSubjects()
    {
        var model = Infra(Policy("a"), Policy("child", "external-base"));
        Assert.Equal(new[] { "a", "child" }, FirewallRuleSet.Resolve(model).Select(s => s.Resource.DisplayName).OrderBy(n => n).ToArray());
    }

    [Fact]
    public void InheritanceCycles_AreWalkedOnce()
    {
        var model = Infra(
            Policy("leaf", "b"),
            Policy("b", "c"),
            Policy("c", "b"),
            Group("b", "gb", 100, Allow("b-app", 100, App("a.com"))),
            Group("c", "gc", 100, Allow("c-app", 100, App("a.com"))),
            Group("leaf", "gl", 100, Allow("leaf-app", 100, App("a.com"))));
        var set = FirewallRuleSet.Resolve(model).Single(s => s.Resource.DisplayName == "leaf");
        Assert.Equal(new[] { "c-app", "b-app", "leaf-app" }, CollectionOrder(set));
    }

    [Fact]
    public void FirewallLinkedToPolicy_IsNotASubjectItself()
    {
        var model = Infra(Policy("p"), FirewallWithPolicy("fw", "p"));
        var set = Assert.Single(FirewallRuleSet.Resolve(model));
        Assert.IsType<FirewallPolicyResource>(set.Resource);
        Assert.Equal("fw", Assert.Single(set.Firewalls).DisplayName);
    }

    [Fact]
    public void BasePolicyOutsideTheInputs_IsAnExternalCause()
    {
        var set = FirewallRuleSet.Resolve(Infra(Policy("child", basePolicy: "elsewhere"))).Single();
        Assert.Contains("elsewhere", Assert.Single(set.ExternalCauses).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownPriorities_ArePlacedFirstOrLast()
    {
        var set = RuleSet(Allow("known", 200, App("a.com")), Allow("unknown", null, App("b.com")));
        Assert.True(set.HasUnknownPriority);
        Assert.Equal(new[] { "unknown", "known" }, CollectionOrder(set, unknownFirst: true));
        Assert.Equal(new[] { "known", "unknown" }, CollectionOrder(set, unknownFirst: false));
    }

    [Fact]
    public void Display_NamesTheKindOfSubject()
    {
        Assert.Equal("Azure Firewall 'fw'", RuleSet().Display);
        Assert.Equal("Firewall policy 'p'", FirewallRuleSet.Resolve(Infra(Policy("p"))).Single().Display);
    }
}
