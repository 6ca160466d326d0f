using CsCheck;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Coverage;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Tests.Coverage;
using static EgressAnalyzers.Engine.Tests.Coverage.TestModel;

namespace EgressAnalyzers.Engine.Tests.Properties;

/// <summary>
/// The rule index against a full scan of the processing order, on random rule sets with every kind of destination
/// (exact, <c>*.x</c>, <c>*x</c>, <c>*</c>, invalid and unknown targets with and without shapes, FQDN tags, network
/// rules to addresses, service tags and FQDNs, unknown actions and priorities): every rule the matcher does not
/// answer No for is a candidate, candidates keep processing order, and first-match evaluation over the candidates
/// gives the same outcome, deciding collection, shadowed allow and causes as over all rules.
/// </summary>
public class RuleIndexAgainstFullScanTests
{
    /// <summary>"?" starts an unknown value; the rest, when present, is its shape.</summary>
    private static readonly string[] Targets =
    {
        "*", "mcr.microsoft.com", "MCR.Microsoft.COM", "*.microsoft.com", "*.mcr.microsoft.com", "*.data.mcr.microsoft.com",
        "*microsoft.com", "*crosoft.com", "*.com", "*data.mcr.microsoft.com", "*MCR.microsoft.com", "microsoft.com",
        "eastus.data.mcr.microsoft.com", "westeurope.data.mcr.microsoft.com", "*.hcp.westeurope.azmk8s.io", "x.hcp.westeurope.azmk8s.io",
        "*azmk8s.io", "*.azmk8s.io", "nvidia.github.io", "security.ubuntu.com", "other.example", "mcr..microsoft.com", "*.*.com",
        " mcr.microsoft.com", "", "?", "?{p}.microsoft.com", "?mcr.{p}", "?*.{p}.azmk8s.io", "?{p}",
    };

    private static readonly string[] Tags = { "AzureKubernetesService", "azurekubernetesservice", "WindowsUpdate", "?" };

    private static readonly string[] AppProtocols = { "Https:443", "Http:80", "Https:8443", "Mssql:1433", "https:443" };

    private static readonly string[] NetProtocols = { "TCP", "UDP", "Any", "ICMP", "tcp", "?" };

    private static readonly string[] NetAddresses =
    {
        "*", "0.0.0.0/0", "10.0.0.0/8", "1.2.3.4", "AzureCloud.westeurope", "AzureCloud", "AzureMonitor", "Storage", "?", "?AzureCloud.{p}", "?{p}",
    };

    private static readonly string[] NetFqdns = { "", "mcr.microsoft.com", "MCR.MICROSOFT.COM", "ntp.ubuntu.com", "*.microsoft.com", "?", "?{p}.ubuntu.com" };

    private static readonly string[] NetPorts = { "*", "443", "1194", "123", "80", "1-65535", "400-500", "?" };

    private static readonly RuleAction[] Actions = { RuleAction.Allow, RuleAction.Allow, RuleAction.Deny, RuleAction.Deny, RuleAction.Unknown };

    private static readonly Requirement[] Requirements =
    {
        TestCatalog.Mcr, TestCatalog.McrData, TestCatalog.Hcp, TestCatalog.Tunnel, TestCatalog.Ntp, TestCatalog.Gpu, TestCatalog.UbuntuSecurity,
        new()
        {
            Id = "T-A1", Kind = RequirementKind.Application, Fqdn = "*crosoft.com", Protocol = "Https", Port = 443, CoveredByAksFqdnTag = true,
            Destinations = new[] { "serviceTag:AzureMonitor" },
        },
        new() { Id = "T-A2", Kind = RequirementKind.Application, Protocol = "Https", Port = 443 },
    };

    private static readonly string[] Locations = { "westeurope", RequirementCatalog.LocationPlaceholder };

    private static readonly Gen<FirewallRule> AppRule =
        Gen.Select(Gen.OneOf(Targets).Array[0, 3], Gen.OneOf(AppProtocols).Array[1, 2], Gen.OneOf(Tags).Array[0, 1])
            .Select(FirewallRule (targets, protocols, tags) => new ApplicationRule(
                "app",
                Span(),
                protocols.Select(p => p.Split(':')).Select(p => new ApplicationProtocol(V(p[0]), V(p[1]), Span())).ToList(),
                targets.Select(Value).ToList(),
                tags.Select(Value).ToList(),
                new[] { V("*") },
                Array.Empty<ModelValue>()));

    private static readonly Gen<FirewallRule> NetRule =
        Gen.Select(Gen.OneOf(NetProtocols).Array[1, 2], Gen.OneOf(NetAddresses).Array[0, 2], Gen.OneOf(NetFqdns).Array[0, 2], Gen.OneOf(NetPorts).Array[1, 2], Gen.Int[0, 5])
            .Select(FirewallRule (protocols, addresses, fqdns, ports, ipGroup) => new NetworkRule(
                "net",
                Span(),
                protocols.Select(Value).ToList(),
                addresses.Select(Value).ToList(),
                fqdns.Select(Value).ToList(),
                ipGroup == 0 ? new[] { V("ipg-destinations") } : Array.Empty<ModelValue>(),
                ports.Select(Value).ToList(),
                new[] { V("*") },
                Array.Empty<ModelValue>()));

    private static readonly Gen<RuleCollection> Collection =
        Gen.Bool.SelectMany(isNetwork =>
            Gen.Select(Gen.OneOf(Actions), Gen.Int[99, 110], (isNetwork ? NetRule : AppRule).Array[1, 4])
                .Select((action, priority, rules) => TestModel.Collection($"c{priority}", action, priority == 99 ? null : priority, rules)));

    private static readonly Gen<(RuleCollection[] Collections, int Requirement, int Location)> Case =
        Gen.Select(Collection.Array[0, 6], Gen.Int[0, Requirements.Length - 1], Gen.Int[0, Locations.Length - 1]);

    [Fact]
    public void RandomRuleSets_IndexedEvaluation_EqualsTheFullScan()
    {
        Case.Sample(
            sample =>
            {
                var set = RuleSet(sample.Collections);
                var requirement = RequirementInstance.For(Requirements[sample.Requirement], Locations[sample.Location]);
                foreach (var unknownPriorityFirst in new[] { true, false })
                {
                    var all = set.OrderedRules(unknownPriorityFirst);
                    var candidates = set.Index(unknownPriorityFirst).Candidates(requirement);

                    var positions = candidates.Select(c => IndexOf(all, c)).ToList();
                    Assert.True(positions.Zip(positions.Skip(1), (a, b) => a < b).All(x => x), $"candidates out of order for {requirement}");
                    foreach (var rule in all)
                    {
                        var match = RuleMatcher.Match(requirement, rule.Rule, MatchContext.Unknown);
                        Assert.True(
                            match.Value == Tri.No || candidates.Contains(rule),
                            $"{requirement}: rule in '{rule.Collection.Collection.Name}' matches {match.Value} but is no candidate ({Describe(rule.Rule)})");
                    }

                    var indexed = FirstMatchEvaluator.Evaluate(candidates, requirement, MatchContext.Unknown);
                    var scanned = FirstMatchEvaluator.Evaluate(all, requirement, MatchContext.Unknown);
                    Assert.Equal(scanned.Kind, indexed.Kind);
                    Assert.Same(scanned.DecidedBy, indexed.DecidedBy);
                    Assert.Same(scanned.ShadowedAllow, indexed.ShadowedAllow);
                    Assert.Equal(scanned.Causes, indexed.Causes);
                }
            },
            iter: 2000,
            threads: 1);
    }

    private static ModelValue Value(string spec) =>
        spec.StartsWith('?')
            ? ModelValue.Unknown("[parameters('value')]", Span(), spec.Length > 1 ? spec.Substring(1) : null)
            : V(spec);

    private static int IndexOf(IReadOnlyList<OrderedRule> rules, OrderedRule rule)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            if (ReferenceEquals(rules[i], rule))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Describe(FirewallRule rule) => rule switch
    {
        ApplicationRule app => $"targets [{string.Join(", ", app.TargetFqdns)}] tags [{string.Join(", ", app.FqdnTags)}]",
        NetworkRule net => $"addresses [{string.Join(", ", net.DestinationAddresses)}] fqdns [{string.Join(", ", net.DestinationFqdns)}]",
        _ => rule.Name,
    };
}
