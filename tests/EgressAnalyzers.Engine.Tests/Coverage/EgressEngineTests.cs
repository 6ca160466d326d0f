using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Coverage;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;
using static EgressAnalyzers.Engine.Tests.Coverage.TestModel;

namespace EgressAnalyzers.Engine.Tests.Coverage;

public class EgressEngineTests
{
    private static IReadOnlyList<Finding> Analyze(EgressSettings? settings, RequirementCatalog catalog, params ModelResource[] resources) =>
        EgressEngine.Analyze(Infra(resources), settings ?? EgressSettings.Default, catalog);

    private static IReadOnlyList<Finding> Analyze(params ModelResource[] resources) => Analyze(null, TestCatalog.Core, resources);

    private static string[] Ids(IEnumerable<Finding> findings) => findings.Select(f => $"{f.Rule.Id} {f.RequirementId}".Trim()).ToArray();

    private static RuleCollection FullApplicationAllow() =>
        Allow("aks-app", 300, App("*.hcp.westeurope.azmk8s.io,mcr.microsoft.com,*.data.mcr.microsoft.com"), App("security.ubuntu.com", "Http:80"));

    private static RuleCollection FullNetworkAllow() =>
        Allow("aks-net", 200, Net("UDP", "AzureCloud.westeurope", "1194"), Net("UDP", "", "123", fqdns: "ntp.ubuntu.com"));

    [Fact]
    public void EverythingAllowed_HasNoFindings() =>
        Assert.Empty(Analyze(Cluster(), Firewall("fw", FullNetworkAllow(), FullApplicationAllow())));

    [Fact]
    public void MissingRequiredFqdn_IsEGR1001_AtTheLastAllowApplicationCollection()
    {
        var first = Allow("first-apps", 100, App("*.hcp.westeurope.azmk8s.io,*.data.mcr.microsoft.com"));
        var last = Allow("last-apps", 500, App("security.ubuntu.com", "Http:80"));
        var findings = Analyze(Cluster(), Firewall("fw", last, first, FullNetworkAllow()));
        var finding = Assert.Single(findings);
        Assert.Equal(EgressRuleIds.EGR1001, finding.Rule.Id);
        Assert.Equal(last.NameSpan, finding.Location);
        Assert.Equal("Azure Firewall 'fw' does not allow 'mcr.microsoft.com' (Https:443), which AKS needs: Microsoft Container Registry", finding.Message);
        Assert.Equal("G-A2", finding.RequirementId);
        Assert.Equal("mcr.microsoft.com", finding.Endpoint);
        Assert.Equal(FirewallKey("fw"), finding.Subject);
    }

    [Fact]
    public void MissingEverything_PointsAtTheSubjectName_WhenThereIsNoAllowCollection()
    {
        var firewall = Firewall("fw");
        var findings = Analyze(Cluster(), firewall);
        Assert.All(findings, f => Assert.Equal(firewall.NameSpan, f.Location));
        Assert.Equal(
            new[] { "EGR1001 G-A1", "EGR1001 G-A2", "EGR1001 G-A3", "EGR1003 G-N1", "EGR1003 G-N3", "EGR1003 OS-A1" },
            Ids(findings).OrderBy(s => s, StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void MissingNetworkRequirement_UnderLegacyTunnel_IsEGR1002_NamingTheServiceTag()
    {
        var network = Allow("aks-net", 200, Net("UDP", "", "123", fqdns: "ntp.ubuntu.com"));
        var findings = Analyze(new EgressSettings { LegacyTunnel = true }, TestCatalog.Core, Cluster(), Firewall("fw", network, FullApplicationAllow()));
        var finding = Assert.Single(findings);
        Assert.Equal(EgressRuleIds.EGR1002, finding.Rule.Id);
        Assert.Equal(network.NameSpan, finding.Location);
        Assert.Equal("Azure Firewall 'fw' does not allow 'UDP 1194 to AzureCloud.westeurope' (UDP:1194), which AKS needs: Tunneled node to control plane traffic", finding.Message);
    }

    [Fact]
    public void MissingRecommended_IsEGR1003()
    {
        var findings = Analyze(Cluster(), Firewall("fw", Allow("aks-net", 200, Net("UDP", "", "123", fqdns: "ntp.ubuntu.com")), FullApplicationAllow()));
        Assert.Equal(new[] { "EGR1003 G-N1" }, Ids(findings));
        Assert.StartsWith("Azure Firewall 'fw' does not allow 'UDP 1194 to AzureCloud.westeurope' (UDP:1194), which AKS uses:", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AksFqdnTag_CoversCoreEntries_ButNotFeatureEntries()
    {
        var settings = new EgressSettings { Features = new[] { "gpu" } };
        var findings = Analyze(settings, TestCatalog.With(TestCatalog.Hcp, TestCatalog.Mcr, TestCatalog.McrData, TestCatalog.Gpu), Cluster(), Firewall("fw", Allow("tag", 100, TagRule())));
        Assert.Equal(new[] { "EGR1001 GPU-A1" }, Ids(findings));
    }

    [Fact]
    public void DenyProcessedBeforeAllow_IsEGR1004_AtTheDeny()
    {
        var deny = Deny("block-microsoft", 100, App("*.microsoft.com"));
        var allow = Allow("aks-app", 200, App("mcr.microsoft.com"));
        var finding = Assert.Single(Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), Firewall("fw", deny, allow)));
        Assert.Equal(EgressRuleIds.EGR1004, finding.Rule.Id);
        Assert.Equal(deny.NameSpan, finding.Location);
        Assert.Equal(
            "Azure Firewall 'fw' allows 'mcr.microsoft.com' (Https:443) in 'aks-app', but the Deny collection 'block-microsoft' is processed first and blocks it; AKS needs it: Microsoft Container Registry",
            finding.Message);
        Assert.Equal(allow.NameSpan, Assert.Single(finding.AdditionalLocations));
    }

    [Fact]
    public void AnotherSpokesDenyBeforeTheAllow_WithTheNodeSubnetUnknown_IsUnknownNotBlocking()
    {
        // The cluster's subnet is not in the inputs: the Allow is taken to be written for the nodes, and a Deny for
        // 10.50.0.0/16 may be another spoke's. Reported as blocking (EGR1004), it was a false finding whenever it is.
        var deny = Deny("deny-dev-spoke", 100, App("*", sources: "10.50.0.0/16"));
        var allow = Allow("aks-app", 200, App("mcr.microsoft.com", sources: "10.240.0.0/16"));
        var finding = Assert.Single(Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), Firewall("fw", deny, allow)));
        Assert.Equal(EgressRuleIds.EGR1006, finding.Rule.Id);
        Assert.Contains("whether source '10.50.0.0/16' includes the nodes", finding.Message, StringComparison.Ordinal);

        // A Deny from every source still blocks, and one for other sources blocks nothing the firewall would allow anyway.
        Assert.Equal(EgressRuleIds.EGR1004, Assert.Single(Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), Firewall("fw", Deny("deny-all", 100, App("*")), allow))).Rule.Id);
        Assert.Equal(EgressRuleIds.EGR1001, Assert.Single(Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), Firewall("fw", deny))).Rule.Id);
    }

    private static ApplicationRule WebCategoryRule(string category) =>
        new("by-category", Span(), App("").Protocols, Vs(), Vs(), Vs("*"), Vs()) { WebCategories = Vs(category) };

    [Fact]
    public void A_web_category_Allow_alone_is_unknown_not_missing()
    {
        var finding = Assert.Single(Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), Firewall("fw", Allow("web", 100, WebCategoryRule("ComputersAndTechnology")))));

        Assert.Equal(EgressRuleIds.EGR1006, finding.Rule.Id);
        Assert.Contains("whether web category 'ComputersAndTechnology' includes mcr.microsoft.com", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_web_category_Deny_before_the_Allow_is_unknown_not_allowed()
    {
        var findings = Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), Firewall("fw", Deny("deny-web", 100, WebCategoryRule("ComputersAndTechnology")), Allow("aks", 200, App("mcr.microsoft.com"))));

        Assert.Equal(EgressRuleIds.EGR1006, Assert.Single(findings).Rule.Id);
    }

    [Fact]
    public void Rule_collection_groups_that_share_a_priority_make_an_Allow_against_a_Deny_unknown()
    {
        var finding = Assert.Single(Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), Policy("p"), FirewallWithPolicy("fw", "p"),
            Group("p", "aks", 200, Allow("aks", 200, App("mcr.microsoft.com"))),
            Group("p", "deny", 200, Deny("deny-web", 100, App("*")))));

        Assert.Equal(EgressRuleIds.EGR1006, finding.Rule.Id);
        Assert.Contains("the order of rule collection groups 'aks' and 'deny', which share priority 200", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_collection_groups_that_share_a_priority_but_agree_change_nothing()
    {
        Assert.Empty(Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), Policy("p"), FirewallWithPolicy("fw", "p"),
            Group("p", "aks", 300, Allow("aks", 200, App("mcr.microsoft.com"))),
            Group("p", "more", 300, Allow("more", 100, App("*.microsoft.com")))));
    }

    [Fact]
    public void DenyProcessedAfterAllow_IsAllowed() =>
        Assert.Empty(Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), Firewall("fw", Deny("deny", 300, App("*.microsoft.com")), Allow("aks", 200, App("mcr.microsoft.com")))));

    [Fact]
    public void NetworkAllowForTcp443_CoversHttpsRequirements_BeforeApplicationDeny() =>
        Assert.Empty(Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), Firewall("fw", Deny("deny-apps", 100, App("*")), Allow("net", 65000, Net("TCP", "*", "443")))));

    [Fact]
    public void UnknownTargetFqdns_AreEGR1006_NeverEGR1001_ListingTheEndpoints()
    {
        var unknown = U("[parameters('allowedFqdns')]");
        var findings = Analyze(null, TestCatalog.With(TestCatalog.Hcp, TestCatalog.Mcr, TestCatalog.McrData, TestCatalog.UbuntuSecurity, TestCatalog.Gpu), Cluster(), Firewall("fw", Allow("apps", 100, App(new[] { unknown }, "Https:443,Http:80"))));
        var finding = Assert.Single(findings);
        Assert.Equal(EgressRuleIds.EGR1006, finding.Rule.Id);
        Assert.Equal(unknown.Span, finding.Location);
        Assert.Equal(
            "Azure Firewall 'fw': coverage of '*.hcp.westeurope.azmk8s.io', 'mcr.microsoft.com', '*.data.mcr.microsoft.com' and 1 more cannot be proven because [parameters('allowedFqdns')] could not be resolved",
            finding.Message);
    }

    [Fact]
    public void Scope_FirewallWithoutAksMentions_IsSilent_WhenNoClusterIsInTheInputs() =>
        Assert.Empty(Analyze(Firewall("web-fw", Allow("web", 100, App("www.contoso.com,bad..name")))));

    [Fact]
    public void Scope_FirewallMentioningAks_IsChecked_WithoutACluster()
    {
        var findings = Analyze(new EgressSettings { Location = "westeurope", PrivateCluster = false }, TestCatalog.With(TestCatalog.Hcp, TestCatalog.Mcr), Firewall("fw", Allow("aks", 100, App("*.hcp.westeurope.azmk8s.io"))));
        Assert.Equal(new[] { "EGR1001 G-A2" }, Ids(findings));
    }

    [Fact]
    public void Scope_OptedInOrCheckAll_IsChecked()
    {
        var catalog = TestCatalog.With(TestCatalog.Mcr);
        var optedIn = new AzureFirewallResource(FirewallKey("fw"), "fw", Span(), Span(), Array.Empty<RuleCollection>(), null) { OptedIn = true };
        Assert.Equal(new[] { "EGR1001 G-A2" }, Ids(Analyze(null, catalog, optedIn)));
        Assert.Equal(new[] { "EGR1001 G-A2" }, Ids(Analyze(new EgressSettings { CheckAllFirewalls = true }, catalog, Firewall("fw"))));
    }

    [Fact]
    public void PrivateCluster_DoesNotNeedTheApiServerFqdnOrTunnel()
    {
        var cluster = new AksClusterResource(new ResourceKey(ResourceKey.ManagedClusterType, "aks"), "aks", Span(), Span()) { Location = V("westeurope"), PrivateCluster = Fact.Yes(Span()) };
        var findings = Analyze(null, TestCatalog.With(TestCatalog.Hcp, TestCatalog.Tunnel, TestCatalog.Mcr), cluster, Firewall("fw", Allow("apps", 100, App("mcr.microsoft.com"))));
        Assert.Empty(findings);
    }

    [Fact]
    public void UnknownPrivateCluster_MakesMissingEntriesEGR1006_AtTheFact()
    {
        var fact = Fact.Unknown("[parameters('enablePrivateCluster')]", Span());
        var cluster = new AksClusterResource(new ResourceKey(ResourceKey.ManagedClusterType, "aks"), "aks", Span(), Span()) { Location = V("westeurope"), PrivateCluster = fact };
        var finding = Assert.Single(Analyze(null, TestCatalog.With(TestCatalog.Hcp, TestCatalog.Mcr), cluster, Firewall("fw", Allow("apps", 100, App("mcr.microsoft.com")))));
        Assert.Equal(EgressRuleIds.EGR1006, finding.Rule.Id);
        Assert.Equal(fact.Span, finding.Location);
        Assert.Contains("[parameters('enablePrivateCluster')]", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntheticCluster_EntriesNotForPrivateClusters_AreSilent_UnlessSettingsSayPublic()
    {
        var firewall = Firewall("fw", Allow("apps", 100, App("mcr.microsoft.com,login.azmk8s.io")));
        var catalog = TestCatalog.With(TestCatalog.Hcp, TestCatalog.Mcr);
        Assert.Empty(Analyze(new EgressSettings { Location = "westeurope" }, catalog, firewall));
        Assert.Equal(new[] { "EGR1001 G-A1" }, Ids(Analyze(new EgressSettings { Location = "westeurope", PrivateCluster = false }, catalog, firewall)));
    }

    [Fact]
    public void UnknownLocation_AllCandidatesAllowed_IsAllowed() =>
        Assert.Empty(Analyze(null, TestCatalog.With(TestCatalog.Hcp), ClusterAt(U("[resourceGroup().location]")), Firewall("fw", Allow("apps", 100, App("*.azmk8s.io")))));

    [Fact]
    public void UnknownLocation_AllCandidatesMissing_IsMissing_WithThePlaceholder()
    {
        var finding = Assert.Single(Analyze(null, TestCatalog.With(TestCatalog.Hcp), ClusterAt(U("[resourceGroup().location]")), Firewall("fw", Allow("apps", 100, App("mcr.microsoft.com")))));
        Assert.Equal(EgressRuleIds.EGR1001, finding.Rule.Id);
        Assert.Contains("'*.hcp.<location>.azmk8s.io'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownLocation_MixedCandidates_IsEGR1006_AtTheClusterLocation()
    {
        var location = U("[resourceGroup().location]");
        var finding = Assert.Single(Analyze(null, TestCatalog.With(TestCatalog.Hcp), ClusterAt(location), Firewall("fw", Allow("apps", 100, App("*.hcp.eastus.azmk8s.io")))));
        Assert.Equal(EgressRuleIds.EGR1006, finding.Rule.Id);
        Assert.Equal(location.Span, finding.Location);
        Assert.Contains("[resourceGroup().location]", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomDns_FromTheVNet_RequiresUdp53ToTheServers()
    {
        var cluster = new AksClusterResource(new ResourceKey(ResourceKey.ManagedClusterType, "aks"), "aks", Span(), Span())
        {
            Location = V("westeurope"),
            NodeSubnets = new[] { SubnetRef("vnet", "nodes") },
        };
        var vnet = VNet("vnet", Vs("10.0.0.4"), Subnet("vnet", "nodes", "10.240.0.0/16"));
        var catalog = TestCatalog.With(TestCatalog.CustomDns);
        var missing = Assert.Single(Analyze(null, catalog, cluster, vnet, Firewall("fw", Allow("net", 100, Net("UDP", "10.9.0.0/16", "53")))));
        Assert.Equal(EgressRuleIds.EGR1002, missing.Rule.Id);
        Assert.Contains("'UDP 53 to the custom DNS servers'", missing.Message, StringComparison.Ordinal);
        Assert.Empty(Analyze(null, catalog, cluster, vnet, Firewall("fw", Allow("net", 100, Net("UDP", "10.0.0.0/24", "53")))));
    }

    [Fact]
    public void Sources_NotContainingTheNodeSubnet_DoNotAllow()
    {
        var cluster = new AksClusterResource(new ResourceKey(ResourceKey.ManagedClusterType, "aks"), "aks", Span(), Span())
        {
            Location = V("westeurope"),
            NodeSubnets = new[] { SubnetRef("vnet", "nodes") },
        };
        var vnet = VNet("vnet", Array.Empty<ModelValue>(), Subnet("vnet", "nodes", "10.240.0.0/16"));
        var catalog = TestCatalog.With(TestCatalog.Mcr);
        Assert.Equal(new[] { "EGR1001 G-A2" }, Ids(Analyze(null, catalog, cluster, vnet, Firewall("fw", Allow("a", 100, App("mcr.microsoft.com", sources: "192.168.0.0/16"))))));
        Assert.Empty(Analyze(null, catalog, cluster, vnet, Firewall("fw", Allow("a", 100, App("mcr.microsoft.com", sources: "10.240.0.0/12")))));
    }

    [Fact]
    public void PolicyInheritance_ChecksOnlyTheChild_IncludingParentRules()
    {
        var findings = Analyze(
            null,
            TestCatalog.With(TestCatalog.Mcr, TestCatalog.McrData),
            Cluster(),
            Policy("base"),
            Policy("child", "base"),
            Group("base", "base-rules", 100, Allow("base-apps", 100, App("mcr.microsoft.com"))),
            Group("child", "child-rules", 100, Allow("child-apps", 100, App("other.com"))));
        var finding = Assert.Single(findings);
        Assert.Equal("G-A3", finding.RequirementId);
        Assert.Equal(PolicyKey("child"), finding.Subject);
        Assert.StartsWith("Firewall policy 'child' does not allow", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParentDeny_BlocksChildAllow_WhateverThePriorities()
    {
        var deny = Deny("parent-deny", 65000, App("*.microsoft.com"));
        var findings = Analyze(
            null,
            TestCatalog.With(TestCatalog.Mcr),
            Cluster(),
            Policy("base"),
            Policy("child", "base"),
            Group("base", "g", 65000, deny),
            Group("child", "g", 100, Allow("child-apps", 100, App("mcr.microsoft.com"))));
        Assert.Equal(EgressRuleIds.EGR1004, Assert.Single(findings).Rule.Id);
    }

    [Fact]
    public void BasePolicyOutsideTheInputs_TurnsMissingIntoEGR1006()
    {
        var child = Policy("child", "external");
        var finding = Assert.Single(Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), child, Group("child", "g", 100, Allow("apps", 100, App("other.com")))));
        Assert.Equal(EgressRuleIds.EGR1006, finding.Rule.Id);
        Assert.Equal(child.BasePolicy!.Span, finding.Location);
    }

    [Fact]
    public void GroupWhosePolicyIsUnresolved_MayFillAPolicysGap_SoTheGapIsEGR1006_AtTheGroup()
    {
        var detached = Group("{parameters('policyName')}", "aks", 200, Allow("aks-app", 100, App("mcr.microsoft.com")));
        var finding = Assert.Single(Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), Policy("hub"), Group("hub", "web", 100, Allow("web", 100, App("www.contoso.com"))), detached));
        Assert.Equal(EgressRuleIds.EGR1006, finding.Rule.Id);
        Assert.Equal(detached.NameSpan, finding.Location);
        Assert.Contains("the policy of rule collection group 'aks', whose rules may allow this traffic, could not be resolved", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupWhosePolicyIsUnresolved_ButWhoseRulesCannotAllowTheEndpoint_LeavesTheGapMissing()
    {
        var detached = Group("{parameters('policyName')}", "web", 200, Allow("web", 100, App("www.contoso.com")));
        var finding = Assert.Single(Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), Policy("hub"), detached));
        Assert.Equal(EgressRuleIds.EGR1001, finding.Rule.Id);
    }

    [Fact]
    public void GroupWhosePolicyIsUnresolved_DenyingTheEndpoint_LeavesTheGapMissing()
    {
        var detached = Group("{parameters('policyName')}", "block", 200, Deny("block", 100, App("mcr.microsoft.com")));
        var finding = Assert.Single(Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), Policy("hub"), detached));
        Assert.Equal(EgressRuleIds.EGR1001, finding.Rule.Id);
    }

    [Fact]
    public void GroupLinkedByTheSameSymbolicName_BelongsToThatPolicy_AndToNoOther()
    {
        // Both written with the same parameter: the same policy. The literal 'hub' policy gets nothing from the group.
        var findings = Analyze(
            null,
            TestCatalog.With(TestCatalog.Mcr),
            Cluster(),
            Policy("{parameters('policyName')}"),
            Group("{parameters('policyName')}", "aks", 200, Allow("aks-app", 100, App("mcr.microsoft.com"))),
            FirewallWithPolicy("fw", "hub"),
            Policy("hub"));
        var finding = Assert.Single(findings);
        Assert.Equal(EgressRuleIds.EGR1001, finding.Rule.Id);
        Assert.Contains("Firewall policy 'hub'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupWithALiteralPolicyOutsideTheInputs_IsNotDetached()
    {
        var finding = Assert.Single(Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), Policy("hub"), Group("spoke", "aks", 200, Allow("aks-app", 100, App("mcr.microsoft.com")))));
        Assert.Equal(EgressRuleIds.EGR1001, finding.Rule.Id);
    }

    [Fact]
    public void StandInFirewallWithAnUnresolvedName_IsNoSubject_AndMayFillAClassicFirewallsGap()
    {
        var standIn = new AzureFirewallResource(FirewallKey("{firewallName}"), "{firewallName}", OwnSpan("stand-in"), Span(), new[] { Allow("aks-app", 100, App("mcr.microsoft.com")) }, null) { IsStandIn = true };
        var finding = Assert.Single(Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), Firewall("fw", Allow("web", 100, App("www.contoso.com"))), standIn));
        Assert.Equal(EgressRuleIds.EGR1006, finding.Rule.Id);
        Assert.Equal(standIn.NameSpan, finding.Location);
        Assert.Contains("Azure Firewall 'fw'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("the firewall of rule collection 'aks-app', whose rules may allow this traffic,", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FirewallWithAnUnresolvedName_ThatIsNoStandIn_IsItsOwnSubject()
    {
        // An ARM firewall named by a parameter is a whole firewall with its own rules, not a fragment of another.
        var findings = Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), Firewall("fw"), Firewall("{parameters('name')}", Allow("aks-app", 100, App("mcr.microsoft.com"))));
        var finding = Assert.Single(findings);
        Assert.Equal(EgressRuleIds.EGR1001, finding.Rule.Id);
        Assert.Contains("Azure Firewall 'fw'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FirewallLinkedToAPolicyOutsideTheInputs_IsEGR1006_AtTheReference()
    {
        var firewall = FirewallWithPolicy("fw", "missing-policy");
        var finding = Assert.Single(Analyze(Cluster(), firewall));
        Assert.Equal(EgressRuleIds.EGR1006, finding.Rule.Id);
        Assert.Equal(firewall.FirewallPolicy!.Span, finding.Location);
        Assert.Contains("not among the analyzed files", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FirewallLinkedToAPolicyOutsideTheInputs_IsSilent_OutOfScope() =>
        Assert.Empty(Analyze(FirewallWithPolicy("fw", "missing-policy")));

    [Fact]
    public void SeveralClusters_WithTheSameEndpoint_GiveOneFinding()
    {
        var findings = Analyze(null, TestCatalog.With(TestCatalog.Mcr, TestCatalog.Hcp), Cluster("a"), Cluster("b"), Cluster("c", "eastus"), Firewall("fw"));
        Assert.Equal(
            new[] { "*.hcp.eastus.azmk8s.io", "*.hcp.westeurope.azmk8s.io", "mcr.microsoft.com" },
            findings.Select(f => f.Endpoint!).OrderBy(e => e, StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void SeveralClusters_KeepTheMostSevereOutcome()
    {
        var unknownPrivate = new AksClusterResource(new ResourceKey(ResourceKey.ManagedClusterType, "p"), "p", Span(), Span())
        {
            Location = V("westeurope"),
            PrivateCluster = Fact.Unknown("[parameters('private')]", Span()),
        };
        var findings = Analyze(null, TestCatalog.With(TestCatalog.Hcp), unknownPrivate, Cluster("public"), Firewall("fw"));
        Assert.Equal(new[] { "EGR1001 G-A1" }, Ids(findings));
    }

    [Fact]
    public void OtherRegionEndpoint_IsEGR1005_AtTheValue()
    {
        var value = V("*.hcp.westus.azmk8s.io");
        var findings = Analyze(null, TestCatalog.With(TestCatalog.Hcp), Cluster(), Firewall("fw", Allow("apps", 100, App(new[] { value }))));
        var finding = findings.Single(f => f.Rule.Id == EgressRuleIds.EGR1005);
        Assert.Equal(value.Span, finding.Location);
        Assert.Equal("'*.hcp.westus.azmk8s.io' names region 'westus', but the AKS cluster 'aks' is in 'westeurope'", finding.Message);
        Assert.Contains(findings, f => f.Rule.Id == EgressRuleIds.EGR1001);
    }

    [Fact]
    public void OtherRegionServiceTag_IsEGR1005()
    {
        var tag = V("AzureCloud.WestUS");
        var findings = Analyze(null, TestCatalog.With(TestCatalog.Tunnel), Cluster(), Firewall("fw", Allow("net", 100, Net(Vs("UDP"), new[] { tag }, Vs("1194")))));
        Assert.Equal(tag.Span, findings.Single(f => f.Rule.Id == EgressRuleIds.EGR1005).Location);
    }

    [Fact]
    public void AllowEverything_IsEGR2001()
    {
        var star = V("*");
        var anyDestination = V("*");
        var findings = Analyze(
            null,
            TestCatalog.With(TestCatalog.Mcr),
            Cluster(),
            Firewall("fw", Allow("net", 100, Net(Vs("Any"), new[] { anyDestination }, Vs("*"))), Allow("apps", 100, App(new[] { star }))));
        var hygiene = findings.Where(f => f.Rule.Id == EgressRuleIds.EGR2001).ToList();
        Assert.Equal(new[] { star.Span, anyDestination.Span }, hygiene.Select(f => f.Location).ToArray());
        Assert.Equal("Azure Firewall 'fw' allows all Https egress in rule 'app-rule', which defeats locking down AKS egress", hygiene[0].Message);
        Assert.Equal("Azure Firewall 'fw' allows all IP egress in rule 'net-rule', which defeats locking down AKS egress", hygiene[1].Message);
    }

    [Fact]
    public void AllowEverything_NotReported_ForNarrowPortsOrDeny()
    {
        var findings = Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), Firewall("fw", Allow("net", 100, Net("TCP", "*", "443")), Deny("deny", 200, App("*"))));
        Assert.DoesNotContain(findings, f => f.Rule.Id == EgressRuleIds.EGR2001);
    }

    [Fact]
    public void InvalidValues_AreEGR2002_AtEachValue()
    {
        var badFqdn = V("www.contoso.*");
        var badPort = V("70000");
        var badProtocol = V("SCTP");
        var wildcardNetworkFqdn = V("*.ubuntu.com");
        var badAddress = V("10.0.0.300");
        var firewall = Firewall(
            "fw",
            Allow("apps", 100, App(new[] { badFqdn })),
            Allow("net", 100, Net(new[] { badProtocol }, new[] { badAddress }, new[] { badPort }), Net(Vs("UDP"), Array.Empty<ModelValue>(), Vs("123"), fqdns: "")),
            Allow("net2", 200, new NetworkRule("r", Span(), Vs("UDP"), Array.Empty<ModelValue>(), new[] { wildcardNetworkFqdn }, Array.Empty<ModelValue>(), Vs("123"), Vs("*"), Array.Empty<ModelValue>())));
        var invalid = Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), firewall).Where(f => f.Rule.Id == EgressRuleIds.EGR2002).ToList();
        Assert.Equal(
            new[] { badFqdn.Span, badProtocol.Span, badAddress.Span, badPort.Span, wildcardNetworkFqdn.Span }.OrderBy(s => s.Start),
            invalid.Select(f => f.Location));
        Assert.StartsWith("'www.contoso.*' is not a valid target FQDN: ", invalid[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeprecatedEndpoint_IsEGR2003_ForTheCurrentProfileOnly()
    {
        var old = V("aksrepos.azurecr.io");
        var tun = V("*.tun.eastus.azmk8s.io");
        var firewall = Firewall("fw", Allow("apps", 100, App(new[] { old, tun, V("mcr.microsoft.com") })));
        var findings = Analyze(null, TestCatalog.With(TestCatalog.Mcr), Cluster(), firewall).Where(f => f.Rule.Id == EgressRuleIds.EGR2003).ToList();
        Assert.Equal(new[] { old.Span, tun.Span }, findings.Select(f => f.Location).ToArray());
        Assert.Equal("'aksrepos.azurecr.io' is no longer an AKS egress requirement (removed in 2020); the rule can be removed", findings[0].Message);

        var legacyProfile = new EgressSettings { Profile = "preview2019" };
        Assert.DoesNotContain(Analyze(legacyProfile, TestCatalog.With(TestCatalog.Mcr), Cluster(), firewall), f => f.Rule.Id == EgressRuleIds.EGR2003);
    }

    [Fact]
    public void Suppression_OnTheSubject_MarksTheFinding_AndKeepsIt()
    {
        var suppression = new Suppression(EgressRuleIds.EGR1001, "mirrored elsewhere", Span());
        var firewall = new AzureFirewallResource(FirewallKey("fw"), "fw", Span(), Span(), Array.Empty<RuleCollection>(), null) { Suppressions = new[] { suppression } };
        var findings = Analyze(null, TestCatalog.With(TestCatalog.Mcr, TestCatalog.UbuntuSecurity), Cluster(), firewall);
        Assert.Same(suppression, findings.Single(f => f.Rule.Id == EgressRuleIds.EGR1001).SuppressedBy);
        Assert.Null(findings.Single(f => f.Rule.Id == EgressRuleIds.EGR1003).SuppressedBy);
    }

    [Fact]
    public void Suppression_OnAnEnclosingResource_MarksFindingsInsideIt()
    {
        var star = V("*");
        var enclosing = new SourceSpan(TestModel.File, 0, int.MaxValue);
        var suppression = new Suppression(EgressRuleIds.EGR2001, "egress inspected by proxy", Span());
        var group = new RuleCollectionGroupResource(
            new ResourceKey(ResourceKey.RuleCollectionGroupType, "p/g"), "g", enclosing, Span(), PolicyKey("p"), 100, new[] { Allow("apps", 100, App(new[] { star })) })
        {
            Suppressions = new[] { suppression },
        };
        var finding = Analyze(null, TestCatalog.With(), Cluster(), Policy("p"), group).Single();
        Assert.Equal(EgressRuleIds.EGR2001, finding.Rule.Id);
        Assert.Same(suppression, finding.SuppressedBy);
    }

    [Fact]
    public void Findings_AreSortedByFilePositionAndRule()
    {
        var findings = Analyze(Cluster(), Firewall("fw", Allow("apps", 100, App("www.contoso.*,*")), Allow("net", 100, Net("TCP", "*", "80"))));
        var keys = findings.Select(f => (f.Location.FilePath, f.Location.Start, f.Rule.Id)).ToList();
        Assert.Equal(keys.OrderBy(k => k.FilePath, StringComparer.Ordinal).ThenBy(k => k.Start).ThenBy(k => k.Id, StringComparer.Ordinal), keys);
        Assert.True(findings.Count >= 3);
    }

    [Fact]
    public void Cancellation_IsHonoured()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.Throws<OperationCanceledException>(() => EgressEngine.Analyze(Infra(Cluster(), Firewall("fw")), EgressSettings.Default, TestCatalog.Core, source.Token));
    }

    private static AksClusterResource ClusterAt(ModelValue location) =>
        new(new ResourceKey(ResourceKey.ManagedClusterType, "aks"), "aks", Span(), Span()) { Location = location };
}
