using System.Collections.Generic;

namespace EgressAnalyzers.Engine.Diagnostics;

/// <summary>
/// The diagnostic catalog: every ID, its meaning, default severity and message. Families (docs/rules/README.md):
/// 0xxx configuration and analyzer health, 1xxx egress coverage, 2xxx rule hygiene, 3xxx network topology.
/// Names carry ID and meaning, so a grep for either finds the rule.
/// </summary>
public static class EgressRules
{
    public const string HelpLinkBase = "https://github.com/egressanalyzers/egressanalyzers/blob/main/docs/rules/";

    public const string CategoryConfiguration = "EgressAnalyzers.Configuration";
    public const string CategoryCoverage = "EgressAnalyzers.Coverage";
    public const string CategoryHygiene = "EgressAnalyzers.RuleHygiene";
    public const string CategoryTopology = "EgressAnalyzers.Topology";

    public static readonly RuleInfo EGR0001_InvalidConfigurationValue = new(
        EgressRuleIds.EGR0001,
        "Invalid EgressAnalyzers configuration value",
        "{0}",
        CategoryConfiguration,
        RuleSeverity.Warning,
        "A configuration value (MSBuild property, .globalconfig key, file metadata or suppression) is not one the analyzer understands, so it was ignored.");

    public static readonly RuleInfo EGR0002_TemplateCouldNotBeRead = new(
        EgressRuleIds.EGR0002,
        "Template could not be read",
        "'{0}' looks like a deployment template but could not be read: {1}",
        CategoryConfiguration,
        RuleSeverity.Warning,
        "A file that looks like an ARM or Bicep template has a syntax error or exceeds a safety limit; the parts before the error were analyzed, the rest was not.");

    public static readonly RuleInfo EGR1001_RequiredApplicationEgressNotAllowed = new(
        EgressRuleIds.EGR1001,
        "Required AKS application egress is not allowed",
        "{0} does not allow {1} ({2}), which AKS needs: {3}",
        CategoryCoverage,
        RuleSeverity.Warning,
        "An FQDN that AKS nodes must reach is not allowed by any rule of the firewall or policy, so cluster creation, scaling or upgrade will fail behind it.");

    public static readonly RuleInfo EGR1002_RequiredNetworkEgressNotAllowed = new(
        EgressRuleIds.EGR1002,
        "Required AKS network egress is not allowed",
        "{0} does not allow {1} ({2}), which AKS needs: {3}",
        CategoryCoverage,
        RuleSeverity.Warning,
        "A protocol and port that AKS nodes must use is not allowed by any network rule of the firewall or policy.");

    public static readonly RuleInfo EGR1003_RecommendedEgressNotAllowed = new(
        EgressRuleIds.EGR1003,
        "Recommended or conditional AKS egress is not allowed",
        "{0} does not allow {1} ({2}), which AKS uses: {3}",
        CategoryCoverage,
        RuleSeverity.Info,
        "An endpoint AKS recommends, or needs only in some configurations, is not allowed. The cluster works without it in the configuration the analyzer can see.");

    public static readonly RuleInfo EGR1004_RequiredEgressBlockedByEarlierDeny = new(
        EgressRuleIds.EGR1004,
        "Required AKS egress is blocked by an earlier Deny",
        "{0} allows {1} ({2}) in '{3}', but the Deny collection '{4}' is processed first and blocks it; AKS needs it: {5}",
        CategoryCoverage,
        RuleSeverity.Warning,
        "Azure Firewall stops at the first matching rule. A Deny collection that is processed before the Allow that covers a required endpoint blocks it.");

    public static readonly RuleInfo EGR1005_LocationSpecificEndpointForOtherRegion = new(
        EgressRuleIds.EGR1005,
        "Location-specific endpoint names another region",
        "'{0}' names region '{1}', but the AKS cluster '{2}' is in '{3}'",
        CategoryCoverage,
        RuleSeverity.Warning,
        "A rule allows a region-specific AKS endpoint for a region other than the cluster's, so the cluster's own endpoint is not covered by it.");

    public static readonly RuleInfo EGR1006_CoverageCannotBeProven = new(
        EgressRuleIds.EGR1006,
        "AKS egress coverage cannot be proven",
        "{0}: coverage of {1} cannot be proven because {2} could not be resolved",
        CategoryCoverage,
        RuleSeverity.Info,
        "A value the coverage depends on could not be resolved statically (a parameter without a value, reference(), a module output, …). It is never reported as missing.");

    public static readonly RuleInfo EGR2001_AllowEverythingRule = new(
        EgressRuleIds.EGR2001,
        "Allow-everything rule defeats the egress lockdown",
        "{0} allows all {1} egress in rule '{2}', which defeats locking down AKS egress",
        CategoryHygiene,
        RuleSeverity.Warning,
        "An Allow rule for every destination makes the firewall pointless for the cluster's egress and hides missing rules.");

    public static readonly RuleInfo EGR2002_InvalidRuleValue = new(
        EgressRuleIds.EGR2002,
        "Invalid firewall rule value",
        "'{0}' is not a valid {1}: {2}",
        CategoryHygiene,
        RuleSeverity.Warning,
        "Azure Firewall rejects, or never matches, this value (malformed FQDN or wildcard, port out of range, unknown protocol).");

    public static readonly RuleInfo EGR2003_DeprecatedEndpointAllowed = new(
        EgressRuleIds.EGR2003,
        "Deprecated AKS endpoint still allowed",
        "'{0}' is no longer an AKS egress requirement ({1}); the rule can be removed",
        CategoryHygiene,
        RuleSeverity.Info,
        "The endpoint was required by earlier AKS guidance but is not in the current list; allowing it widens egress for nothing.");

    public static readonly RuleInfo EGR3001_OutboundTypeDisagreesWithRoute = new(
        EgressRuleIds.EGR3001,
        "Cluster outbound type and node subnet default route disagree",
        "AKS cluster '{0}': {1}",
        CategoryTopology,
        RuleSeverity.Warning,
        "A node subnet that sends 0.0.0.0/0 to a virtual appliance needs outboundType userDefinedRouting, and userDefinedRouting needs such a route; otherwise egress bypasses the firewall or cluster creation fails. Reported as Info when the node subnet's route table is not among the analyzed files.");

    public static readonly RuleInfo EGR3002_PublicIngressWithoutDnat = new(
        EgressRuleIds.EGR3002,
        "Public ingress is routed asymmetrically through the egress firewall",
        "{0} accepts traffic from the internet, but {1} sends replies through {2}, which has no DNAT rule for it: the stateful firewall never saw the inbound connection and drops the replies (asymmetric routing). {3}",
        CategoryTopology,
        RuleSeverity.Warning,
        "With a default route to the firewall, replies to connections that arrived on a public IP of the cluster's side leave through the firewall, which drops them. Public ingress must come in through a DNAT rule on the firewall's public IP (or the ingress must not share the forced route).");

    public static readonly RuleInfo EGR3003_NextHopIsNotACheckedFirewall = new(
        EgressRuleIds.EGR3003,
        "Default route's next hop is not a firewall whose rules were checked",
        "The default route '{0}' of AKS cluster '{1}' {2}",
        CategoryTopology,
        RuleSeverity.Warning,
        "The node subnet's 0.0.0.0/0 route goes to a virtual appliance that is not the private IP of any Azure Firewall among the analyzed files, so the egress rules that were checked may not be the ones the cluster's traffic meets. Reported as Info when the next-hop address cannot be resolved.");

    /// <summary>Every rule, in ID order.</summary>
    public static IReadOnlyList<RuleInfo> All { get; } = new[]
    {
        EGR0001_InvalidConfigurationValue,
        EGR0002_TemplateCouldNotBeRead,
        EGR1001_RequiredApplicationEgressNotAllowed,
        EGR1002_RequiredNetworkEgressNotAllowed,
        EGR1003_RecommendedEgressNotAllowed,
        EGR1004_RequiredEgressBlockedByEarlierDeny,
        EGR1005_LocationSpecificEndpointForOtherRegion,
        EGR1006_CoverageCannotBeProven,
        EGR2001_AllowEverythingRule,
        EGR2002_InvalidRuleValue,
        EGR2003_DeprecatedEndpointAllowed,
        EGR3001_OutboundTypeDisagreesWithRoute,
        EGR3002_PublicIngressWithoutDnat,
        EGR3003_NextHopIsNotACheckedFirewall,
    };
}
