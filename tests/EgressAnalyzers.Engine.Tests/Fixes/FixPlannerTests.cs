using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Fixes;
using EgressAnalyzers.Engine.Model;
using static EgressAnalyzers.Engine.Tests.Fixes.FixVerifier;

namespace EgressAnalyzers.Engine.Tests.Fixes;

/// <summary>The language-neutral plan: targets, priorities, rule grouping and names, values for writers.</summary>
public class FixPlannerTests
{
    private static string Hub(string clusterProperties, string firewallProperties) => $$"""
        {
          "$schema": "{{Schema}}",
          "contentVersion": "1.0.0.0",
          "resources": [
            { "type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-05-01", "name": "aks", "location": "westeurope",
              "properties": { "dnsPrefix": "aks"{{clusterProperties}} } },
            { "type": "Microsoft.Network/azureFirewalls", "apiVersion": "2024-05-01", "name": "fw-hub", "location": "westeurope",
              "properties": { {{firewallProperties}} } }
          ]
        }
        """;

    private sealed class Targets : IFixTargets
    {
        private readonly bool _writable;

        public Targets(bool writable)
        {
            _writable = writable;
        }

        public bool CanAppendRules(RuleCollection collection) => _writable;

        public bool CanAddClassicCollection(AzureFirewallResource firewall, RuleCollectionKind kind) => _writable;

        public bool CanAddPolicyCollection(RuleCollectionGroupResource group) => _writable;

        public bool CanAddGroup(FirewallPolicyResource policy) => _writable;
    }

    private static FixPlan Plan(string text, bool writable = true, EgressSettings? settings = null)
    {
        settings ??= EgressSettings.Default;
        var (findings, model) = Analyze(new[] { new TemplateInput(HubPath, text) }, settings);
        return FixPlanner.Plan(findings, model, settings, RequirementCatalog.Default, new Targets(writable));
    }

    [Theory]
    [InlineData(99, 65001, new int[0], 100)]
    [InlineData(200, 300, new int[0], 210)]
    [InlineData(200, 300, new[] { 210, 220 }, 230)]
    [InlineData(200, 202, new int[0], 201)]
    [InlineData(300, 400, new[] { 300 }, 310)]
    [InlineData(64990, 65001, new int[0], 65000)]
    public void FreePriority_PrefersRoundNumbersStrictlyBetweenTheBounds(int low, int high, int[] used, int expected) =>
        Assert.Equal(expected, FixPlanner.FreePriority(low, high, used));

    [Theory]
    [InlineData(200, 201)]
    [InlineData(65000, 65001)]
    [InlineData(99, 100)]
    public void FreePriority_WithNoRoom_IsNull(int low, int high) =>
        Assert.Null(FixPlanner.FreePriority(low, high, Array.Empty<int>()));

    [Fact]
    public void EndpointsOfTheCoreListAndOfAFeature_BecomeOneNamedRuleEach()
    {
        var plan = Plan(Hub(", \"addonProfiles\": { \"omsagent\": { \"enabled\": true } }", ""));

        var insertion = Assert.Single(plan.Insertions);
        Assert.Equal(InsertionTargetKind.NewClassicCollection, insertion.Target);
        Assert.Equal(RuleCollectionKind.Application, insertion.Kind);
        Assert.Equal(FixPlanner.DefaultName, insertion.CollectionName);
        Assert.Equal(new[] { "aks-core-fqdns", "aks-monitoring-fqdns" }, insertion.Rules.Select(r => r.Name));
        Assert.Equal(insertion.Findings.Count, insertion.Rules.Sum(r => r.Findings.Count));
        Assert.All(insertion.Rules, r => Assert.Equal("Https:443", Assert.Single(r.ApplicationProtocols).ToString()));
    }

    [Fact]
    public void RegionSpecificName_CarriesItsTemplate_TheRegion_AndTheCluster()
    {
        var plan = Plan(Hub("", ""));

        var hcp = plan.Insertions.SelectMany(i => i.Rules).SelectMany(r => r.TargetFqdns).Single(v => v.IsLocationSpecific);
        Assert.Equal("*.hcp.westeurope.azmk8s.io", hcp.Literal);
        Assert.Equal("*.hcp.<location>.azmk8s.io", hcp.LocationTemplate);
        Assert.Equal("westeurope", hcp.Location);
        Assert.Equal("aks", hcp.Cluster?.DisplayName);
        Assert.False(hcp.NeedsExpression);
    }

    [Fact]
    public void LegacyTunnelPorts_AreNetworkRulesToTheRegionsServiceTag_PlannedBeforeApplicationRules()
    {
        var plan = Plan(Hub("", ""), settings: new EgressSettings { LegacyTunnel = true });

        Assert.Equal(new[] { RuleCollectionKind.Network, RuleCollectionKind.Application }, plan.Insertions.Select(i => i.Kind));
        var network = plan.Insertions[0];
        Assert.Equal(new[] { "aks-tunnel-udp", "aks-tunnel-tcp" }, network.Rules.Select(r => r.Name));
        Assert.All(network.Rules, r => Assert.Equal("AzureCloud.westeurope", Assert.Single(r.DestinationAddresses).Literal));
        Assert.NotEqual(network.CollectionName, plan.Insertions[1].CollectionName);
    }

    [Fact]
    public void ExistingAllowCollection_ReceivesTheRules_WithNewRuleNamesThatDoNotClash()
    {
        var plan = Plan(Hub("", """
            "applicationRuleCollections": [ { "name": "apps", "properties": { "priority": 100, "action": { "type": "Allow" }, "rules": [
              { "name": "aks-core-fqdns", "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": [ "mcr.microsoft.com" ], "sourceAddresses": [ "10.1.0.0/16" ] } ] } } ]
            """));

        var insertion = Assert.Single(plan.Insertions);
        Assert.Equal(InsertionTargetKind.ExistingCollection, insertion.Target);
        Assert.Equal("apps", insertion.ExistingCollection?.Name);
        var rule = Assert.Single(insertion.Rules);
        Assert.Equal("aks-core-fqdns-2", rule.Name);
        Assert.Equal("aks-core-fqdns", rule.SourcesLike?.Name);
    }

    [Fact]
    public void DenyAtTheLowestPriority_BlocksOnlyWhatItMatches_TheOtherEndpointsGoIntoTheAllowAfterIt()
    {
        // No collection can come before priority 100, so what the Deny matches cannot be fixed; the rest can.
        var plan = Plan(Hub("", """
            "applicationRuleCollections": [
              { "name": "deny-mgmt", "properties": { "priority": 100, "action": { "type": "Deny" }, "rules": [
                { "name": "mgmt", "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": [ "management.azure.com" ], "sourceAddresses": [ "*" ] } ] } },
              { "name": "apps", "properties": { "priority": 300, "action": { "type": "Allow" }, "rules": [
                { "name": "web", "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": [ "www.contoso.com" ], "sourceAddresses": [ "*" ] } ] } } ]
            """));

        var insertion = Assert.Single(plan.Insertions, i => i.Kind == RuleCollectionKind.Application);
        Assert.Equal("apps", insertion.ExistingCollection?.Name);
        var written = insertion.Rules.SelectMany(r => r.TargetFqdns).Select(f => f.Literal).ToList();
        Assert.Contains("mcr.microsoft.com", written);
        Assert.DoesNotContain("management.azure.com", written);
        var blocked = Assert.Single(plan.NotFixable, n => n.Finding.Message.Contains("'management.azure.com'", StringComparison.Ordinal));
        Assert.Contains("deny-mgmt", blocked.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EndpointsBehindDifferentDenies_ArePlacedBeforeTheirOwnDeny_EvenWhenALaterDenyMatchesEverything()
    {
        // Together, every endpoint would have to come before 'deny-mcr' (priority 100): no room. Alone, the others only
        // have to come before 'deny-all'. Found by RandomFirewallFixTests (seed 5DKKfygHRC25): FixAll fixed nothing.
        var plan = Plan(Hub("", """
            "applicationRuleCollections": [
              { "name": "deny-mcr", "properties": { "priority": 100, "action": { "type": "Deny" }, "rules": [
                { "name": "mcr", "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": [ "mcr.microsoft.com" ], "sourceAddresses": [ "*" ] } ] } },
              { "name": "deny-all", "properties": { "priority": 200, "action": { "type": "Deny" }, "rules": [
                { "name": "all", "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": [ "*" ], "sourceAddresses": [ "*" ] } ] } } ]
            """));

        var insertion = Assert.Single(plan.Insertions, i => i.Kind == RuleCollectionKind.Application);
        Assert.Equal(InsertionTargetKind.NewClassicCollection, insertion.Target);
        Assert.InRange(insertion.CollectionPriority!.Value, 101, 199);
        var written = insertion.Rules.SelectMany(r => r.TargetFqdns).Select(f => f.Literal).ToList();
        Assert.Contains("login.microsoftonline.com", written);
        Assert.DoesNotContain("mcr.microsoft.com", written);
        var blocked = Assert.Single(plan.NotFixable, n => n.Finding.Message.Contains("'mcr.microsoft.com'", StringComparison.Ordinal));
        Assert.Contains("deny-mcr", blocked.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CollectionsMadeFromOneText_AreNotAppendedTo_ANewCollectionIsPlannedInstead()
    {
        // A copy loop writes both collections with one text (as a Bicep module or a C# helper used twice): a rule
        // appended there would reach both, whatever each one's action is. The targets here would accept anything.
        var plan = Plan(Hub("", """
            "copy": [ { "name": "applicationRuleCollections", "count": 2, "input": {
              "name": "[format('apps-{0}', copyIndex('applicationRuleCollections'))]",
              "properties": { "priority": "[add(200, copyIndex('applicationRuleCollections'))]", "action": { "type": "Allow" }, "rules": [
                { "name": "web", "protocols": [ { "protocolType": "Https", "port": 443 } ], "targetFqdns": [ "www.contoso.com" ], "sourceAddresses": [ "*" ] } ] } } } ]
            """));

        var insertion = Assert.Single(plan.Insertions, i => i.Kind == RuleCollectionKind.Application);
        Assert.Equal(InsertionTargetKind.NewClassicCollection, insertion.Target);
    }

    [Fact]
    public void NothingWritable_LeavesEveryFindingNotFixable_WithAReason()
    {
        var plan = Plan(Hub("", ""), writable: false);

        Assert.True(plan.IsEmpty);
        Assert.NotEmpty(plan.NotFixable);
        Assert.All(plan.NotFixable, n => Assert.False(string.IsNullOrWhiteSpace(n.Reason)));
    }
}
