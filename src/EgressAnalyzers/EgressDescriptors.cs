using System.Collections.Generic;
using System.Collections.Immutable;
using EgressAnalyzers.Engine.Diagnostics;
using Microsoft.CodeAnalysis;

namespace EgressAnalyzers;

/// <summary>
/// The Roslyn face of the engine's rule catalog (<see cref="EgressRules"/>): one descriptor per ID, with the engine's
/// title and message so the analyzer, the MSBuild task and SARIF say the same thing. IDs, categories and severities are
/// written as constants here because release tracking (RS2008) reads them from the descriptor creation.
/// </summary>
internal static class EgressDescriptors
{
    // Findings are computed across every input of the compilation (a cluster in one file changes what a firewall in
    // another needs), so they are reported once the whole set is known: the IDE shows them with full analysis on.
    private static readonly string[] CoverageTags = { WellKnownDiagnosticTags.CompilationEnd };

    public static readonly DiagnosticDescriptor EGR0001_InvalidConfigurationValue = new(
        EgressRuleIds.EGR0001,
        EgressRules.EGR0001_InvalidConfigurationValue.Title,
        EgressRules.EGR0001_InvalidConfigurationValue.MessageFormat,
        EgressRules.CategoryConfiguration,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: EgressRules.EGR0001_InvalidConfigurationValue.Description,
        helpLinkUri: EgressRules.EGR0001_InvalidConfigurationValue.HelpLink,
        customTags: CoverageTags);

    public static readonly DiagnosticDescriptor EGR0002_TemplateCouldNotBeRead = new(
        EgressRuleIds.EGR0002,
        EgressRules.EGR0002_TemplateCouldNotBeRead.Title,
        EgressRules.EGR0002_TemplateCouldNotBeRead.MessageFormat,
        EgressRules.CategoryConfiguration,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: EgressRules.EGR0002_TemplateCouldNotBeRead.Description,
        helpLinkUri: EgressRules.EGR0002_TemplateCouldNotBeRead.HelpLink,
        customTags: CoverageTags);

    public static readonly DiagnosticDescriptor EGR1001_RequiredApplicationEgressNotAllowed = new(
        EgressRuleIds.EGR1001,
        EgressRules.EGR1001_RequiredApplicationEgressNotAllowed.Title,
        EgressRules.EGR1001_RequiredApplicationEgressNotAllowed.MessageFormat,
        EgressRules.CategoryCoverage,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: EgressRules.EGR1001_RequiredApplicationEgressNotAllowed.Description,
        helpLinkUri: EgressRules.EGR1001_RequiredApplicationEgressNotAllowed.HelpLink,
        customTags: CoverageTags);

    public static readonly DiagnosticDescriptor EGR1002_RequiredNetworkEgressNotAllowed = new(
        EgressRuleIds.EGR1002,
        EgressRules.EGR1002_RequiredNetworkEgressNotAllowed.Title,
        EgressRules.EGR1002_RequiredNetworkEgressNotAllowed.MessageFormat,
        EgressRules.CategoryCoverage,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: EgressRules.EGR1002_RequiredNetworkEgressNotAllowed.Description,
        helpLinkUri: EgressRules.EGR1002_RequiredNetworkEgressNotAllowed.HelpLink,
        customTags: CoverageTags);

    public static readonly DiagnosticDescriptor EGR1003_RecommendedEgressNotAllowed = new(
        EgressRuleIds.EGR1003,
        EgressRules.EGR1003_RecommendedEgressNotAllowed.Title,
        EgressRules.EGR1003_RecommendedEgressNotAllowed.MessageFormat,
        EgressRules.CategoryCoverage,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: EgressRules.EGR1003_RecommendedEgressNotAllowed.Description,
        helpLinkUri: EgressRules.EGR1003_RecommendedEgressNotAllowed.HelpLink,
        customTags: CoverageTags);

    public static readonly DiagnosticDescriptor EGR1004_RequiredEgressBlockedByEarlierDeny = new(
        EgressRuleIds.EGR1004,
        EgressRules.EGR1004_RequiredEgressBlockedByEarlierDeny.Title,
        EgressRules.EGR1004_RequiredEgressBlockedByEarlierDeny.MessageFormat,
        EgressRules.CategoryCoverage,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: EgressRules.EGR1004_RequiredEgressBlockedByEarlierDeny.Description,
        helpLinkUri: EgressRules.EGR1004_RequiredEgressBlockedByEarlierDeny.HelpLink,
        customTags: CoverageTags);

    public static readonly DiagnosticDescriptor EGR1005_LocationSpecificEndpointForOtherRegion = new(
        EgressRuleIds.EGR1005,
        EgressRules.EGR1005_LocationSpecificEndpointForOtherRegion.Title,
        EgressRules.EGR1005_LocationSpecificEndpointForOtherRegion.MessageFormat,
        EgressRules.CategoryCoverage,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: EgressRules.EGR1005_LocationSpecificEndpointForOtherRegion.Description,
        helpLinkUri: EgressRules.EGR1005_LocationSpecificEndpointForOtherRegion.HelpLink,
        customTags: CoverageTags);

    public static readonly DiagnosticDescriptor EGR1006_CoverageCannotBeProven = new(
        EgressRuleIds.EGR1006,
        EgressRules.EGR1006_CoverageCannotBeProven.Title,
        EgressRules.EGR1006_CoverageCannotBeProven.MessageFormat,
        EgressRules.CategoryCoverage,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: EgressRules.EGR1006_CoverageCannotBeProven.Description,
        helpLinkUri: EgressRules.EGR1006_CoverageCannotBeProven.HelpLink,
        customTags: CoverageTags);

    public static readonly DiagnosticDescriptor EGR2001_AllowEverythingRule = new(
        EgressRuleIds.EGR2001,
        EgressRules.EGR2001_AllowEverythingRule.Title,
        EgressRules.EGR2001_AllowEverythingRule.MessageFormat,
        EgressRules.CategoryHygiene,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: EgressRules.EGR2001_AllowEverythingRule.Description,
        helpLinkUri: EgressRules.EGR2001_AllowEverythingRule.HelpLink,
        customTags: CoverageTags);

    public static readonly DiagnosticDescriptor EGR2002_InvalidRuleValue = new(
        EgressRuleIds.EGR2002,
        EgressRules.EGR2002_InvalidRuleValue.Title,
        EgressRules.EGR2002_InvalidRuleValue.MessageFormat,
        EgressRules.CategoryHygiene,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: EgressRules.EGR2002_InvalidRuleValue.Description,
        helpLinkUri: EgressRules.EGR2002_InvalidRuleValue.HelpLink,
        customTags: CoverageTags);

    public static readonly DiagnosticDescriptor EGR2003_DeprecatedEndpointAllowed = new(
        EgressRuleIds.EGR2003,
        EgressRules.EGR2003_DeprecatedEndpointAllowed.Title,
        EgressRules.EGR2003_DeprecatedEndpointAllowed.MessageFormat,
        EgressRules.CategoryHygiene,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: EgressRules.EGR2003_DeprecatedEndpointAllowed.Description,
        helpLinkUri: EgressRules.EGR2003_DeprecatedEndpointAllowed.HelpLink,
        customTags: CoverageTags);

    public static readonly DiagnosticDescriptor EGR3001_OutboundTypeDisagreesWithRoute = new(
        EgressRuleIds.EGR3001,
        EgressRules.EGR3001_OutboundTypeDisagreesWithRoute.Title,
        EgressRules.EGR3001_OutboundTypeDisagreesWithRoute.MessageFormat,
        EgressRules.CategoryTopology,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: EgressRules.EGR3001_OutboundTypeDisagreesWithRoute.Description,
        helpLinkUri: EgressRules.EGR3001_OutboundTypeDisagreesWithRoute.HelpLink,
        customTags: CoverageTags);

    public static readonly DiagnosticDescriptor EGR3002_PublicIngressWithoutDnat = new(
        EgressRuleIds.EGR3002,
        EgressRules.EGR3002_PublicIngressWithoutDnat.Title,
        EgressRules.EGR3002_PublicIngressWithoutDnat.MessageFormat,
        EgressRules.CategoryTopology,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: EgressRules.EGR3002_PublicIngressWithoutDnat.Description,
        helpLinkUri: EgressRules.EGR3002_PublicIngressWithoutDnat.HelpLink,
        customTags: CoverageTags);

    public static readonly DiagnosticDescriptor EGR3003_NextHopIsNotACheckedFirewall = new(
        EgressRuleIds.EGR3003,
        EgressRules.EGR3003_NextHopIsNotACheckedFirewall.Title,
        EgressRules.EGR3003_NextHopIsNotACheckedFirewall.MessageFormat,
        EgressRules.CategoryTopology,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: EgressRules.EGR3003_NextHopIsNotACheckedFirewall.Description,
        helpLinkUri: EgressRules.EGR3003_NextHopIsNotACheckedFirewall.HelpLink,
        customTags: CoverageTags);

    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
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
        EGR3003_NextHopIsNotACheckedFirewall);

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = CreateIndex();

    /// <summary>The descriptor for an engine rule.</summary>
    public static DiagnosticDescriptor For(RuleInfo rule) => ById[rule.Id];

    private static Dictionary<string, DiagnosticDescriptor> CreateIndex()
    {
        var index = new Dictionary<string, DiagnosticDescriptor>(System.StringComparer.Ordinal);
        foreach (var descriptor in All)
        {
            index[descriptor.Id] = descriptor;
        }

        return index;
    }
}
