using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Coverage;
using EgressAnalyzers.Engine.Model;
using static EgressAnalyzers.Engine.Tests.Coverage.TestModel;

namespace EgressAnalyzers.Engine.Tests.Coverage;

/// <summary>
/// The rule index may leave out only rules the matcher answers No for, and must keep processing order: these name
/// the buckets one by one (the property test <c>RuleIndexAgainstFullScanTests</c> checks the same on random rules).
/// </summary>
public class RuleIndexTests
{
    private static readonly RequirementInstance Mcr = RequirementInstance.For(TestCatalog.Mcr, "westeurope");
    private static readonly RequirementInstance McrData = RequirementInstance.For(TestCatalog.McrData, "westeurope");
    private static readonly RequirementInstance Tunnel = RequirementInstance.For(TestCatalog.Tunnel, "westeurope");
    private static readonly RequirementInstance Gpu = RequirementInstance.For(TestCatalog.Gpu, "westeurope");

    private static IReadOnlyList<string> CandidateNames(FirewallRuleSet set, RequirementInstance requirement, bool unknownPriorityFirst = true) =>
        set.Index(unknownPriorityFirst).Candidates(requirement).Select(r => r.Rule.Name).ToList();

    [Fact]
    public void ExactTarget_IsACandidateForThatNameInAnyCase_AndForNoOther()
    {
        var set = RuleSet(Allow("apps", 100, App("MCR.Microsoft.COM", name: "mcr"), App("other.example", name: "other")));
        Assert.Equal(new[] { "mcr" }, CandidateNames(set, Mcr));
        Assert.Empty(CandidateNames(set, Gpu));
    }

    [Fact]
    public void SubdomainWildcard_IsACandidateForNamesBelowIt_ButNotForItsOwnName()
    {
        var set = RuleSet(Allow("apps", 100, App("*.microsoft.com", name: "below-microsoft"), App("*.mcr.microsoft.com", name: "below-mcr")));
        Assert.Equal(new[] { "below-microsoft" }, CandidateNames(set, Mcr));
        Assert.Equal(new[] { "below-microsoft", "below-mcr" }, CandidateNames(set, McrData));
    }

    [Fact]
    public void WildcardRequirement_IsNotMatchedThroughExactTargets()
    {
        var set = RuleSet(Allow("apps", 100, App("westeurope.data.mcr.microsoft.com", name: "one-region"), App("*.data.mcr.microsoft.com", name: "all")));
        Assert.Equal(new[] { "all" }, CandidateNames(set, McrData));
    }

    [Fact]
    public void SuffixWildcardWithoutDot_IsACandidateForEveryNameEndingWithIt()
    {
        var set = RuleSet(Allow("apps", 100, App("*microsoft.com", name: "suffix"), App("*soft.org", name: "elsewhere")));
        Assert.Equal(new[] { "suffix" }, CandidateNames(set, Mcr));
        Assert.Equal(new[] { "suffix" }, CandidateNames(set, McrData));
    }

    [Fact]
    public void AnyTarget_AndUnknownTarget_AreCandidatesForEveryName()
    {
        var set = RuleSet(Allow("apps", 100, App("*", name: "any"), App(new[] { U("[parameters('fqdn')]") }, name: "unknown"), App("other.example", name: "other")));
        Assert.Equal(new[] { "any", "unknown" }, CandidateNames(set, Mcr));
        Assert.Equal(new[] { "any", "unknown" }, CandidateNames(set, Gpu));
    }

    [Fact]
    public void NonAsciiTarget_IsACandidateForEveryName_TheMatcherDecides()
    {
        // U+212A KELVIN SIGN lower-cases to 'k': case-insensitive comparison and lower-casing disagree on it.
        var set = RuleSet(Allow("apps", 100, App("*.azm\u212A8s.io", name: "kelvin")));
        Assert.Equal(new[] { "kelvin" }, CandidateNames(set, Mcr));
    }

    [Fact]
    public void EmptyTarget_IsLeftToTheMatcher_AndTheNamedRuleIsStillFound()
    {
        // Found by the AFL++ fuzzer: an empty target text indexed its first character.
        var set = RuleSet(Allow("apps", 100, App(new[] { V("") }, name: "empty"), App("mcr.microsoft.com", name: "mcr")));
        Assert.Equal(new[] { "empty", "mcr" }, CandidateNames(set, Mcr));
    }

    [Fact]
    public void InvalidTarget_IsNeverACandidate() =>
        Assert.Empty(CandidateNames(RuleSet(Allow("apps", 100, App("mcr..microsoft.com"), App("mcr.microsoft.com:443"))), Mcr));

    [Fact]
    public void FqdnTag_IsACandidateOnlyForTagCoveredHttpsRequirements()
    {
        var set = RuleSet(Allow("apps", 100, TagRule()));
        Assert.Single(CandidateNames(set, Mcr));
        Assert.Empty(CandidateNames(set, Gpu));
        var httpOnly = RequirementInstance.For(new Requirement { Id = "X", Kind = RequirementKind.Application, Fqdn = "mcr.microsoft.com", Protocol = "Http", Port = 80, CoveredByAksFqdnTag = true }, "westeurope");
        Assert.Empty(CandidateNames(set, httpOnly));
    }

    [Fact]
    public void NetworkRuleToIpAddressesOnly_IsNoCandidateForAnFqdn()
    {
        var set = RuleSet(
            Allow("net", 100, Net("TCP", "10.0.0.0/8,192.168.1.1", "443", name: "ips"), Net("TCP", "*", "443", name: "any"), Net("TCP", "AzureCloud", "443", name: "tag"),
                Net(new[] { V("TCP") }, new[] { U("[parameters('destination')]") }, new[] { V("443") }, name: "unknown-address"),
                Net("TCP", "", "443", fqdns: "MCR.microsoft.com", name: "same-fqdn"), Net("TCP", "", "443", fqdns: "other.example", name: "other-fqdn")));
        Assert.Equal(new[] { "any", "tag", "unknown-address", "same-fqdn" }, CandidateNames(set, Mcr));
    }

    [Fact]
    public void NetworkRequirement_VisitsEveryNetworkRule_AndNoApplicationRule()
    {
        var set = RuleSet(Allow("net", 100, Net("UDP", "10.0.0.0/8", "1194", name: "ips"), Net("TCP", "*", "443", name: "tcp")), Allow("apps", 100, App("*", name: "everything")));
        Assert.Equal(new[] { "ips", "tcp" }, CandidateNames(set, Tunnel));
    }

    [Fact]
    public void Candidates_KeepProcessingOrder_NetworkFirstThenByPriority()
    {
        var set = RuleSet(
            Allow("late-apps", 300, App("mcr.microsoft.com", name: "late")),
            Deny("early-apps", 100, App("*.microsoft.com", name: "early")),
            Allow("net", 65000, Net("TCP", "*", "443", name: "net")));
        Assert.Equal(new[] { "net", "early", "late" }, CandidateNames(set, Mcr));
    }

    [Fact]
    public void RuleListedUnderSeveralKeys_IsACandidateOnce()
    {
        var set = RuleSet(Allow("apps", 100, App("mcr.microsoft.com,*.microsoft.com,*", name: "many")));
        Assert.Equal(new[] { "many" }, CandidateNames(set, Mcr));
    }

    [Fact]
    public void UnknownPriority_IndexesBothExtremes()
    {
        var set = RuleSet(Allow("known", 200, App("mcr.microsoft.com", name: "known")), Deny("unknown", null, App("*.microsoft.com", name: "unknown")));
        Assert.Equal(new[] { "unknown", "known" }, CandidateNames(set, Mcr, unknownPriorityFirst: true));
        Assert.Equal(new[] { "known", "unknown" }, CandidateNames(set, Mcr, unknownPriorityFirst: false));
    }

    [Fact]
    public void DenyBeforeAllow_AmongManyUnrelatedRules_IsDeniedAndNamesTheShadowedAllow()
    {
        var unrelated = Enumerable.Range(0, 500).Select(i => (FirewallRule)App($"app{i}.contoso.example,*.svc{i}.contoso.example")).ToArray();
        var set = RuleSet(
            Allow("workloads", 100, unrelated),
            Deny("deny", 200, App("*.microsoft.com")),
            Allow("more-workloads", 300, unrelated),
            Allow("aks", 400, App("mcr.microsoft.com")));
        var outcome = FirstMatchEvaluator.Evaluate(set, Mcr, MatchContext.Unknown);
        Assert.Equal(OutcomeKind.Denied, outcome.Kind);
        Assert.Equal("deny", outcome.DecidedBy!.Collection.Name);
        Assert.Equal("aks", outcome.ShadowedAllow!.Collection.Name);
    }
}
