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

    public static readonly DiagnosticDescriptor EGR0001_InvalidConfigurationValue = Create(
        EgressRules.EGR0001_InvalidConfigurationValue, EgressRuleIds.EGR0001, EgressRules.CategoryConfiguration, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor EGR0002_TemplateCouldNotBeRead = Create(
        EgressRules.EGR0002_TemplateCouldNotBeRead, EgressRuleIds.EGR0002, EgressRules.CategoryConfiguration, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor EGR1001_RequiredApplicationEgressNotAllowed = Create(
        EgressRules.EGR1001_RequiredApplicationEgressNotAllowed, EgressRuleIds.EGR1001, EgressRules.CategoryCoverage, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor EGR1002_RequiredNetworkEgressNotAllowed = Create(
        EgressRules.EGR1002_RequiredNetworkEgressNotAllowed, EgressRuleIds.EGR1002, EgressRules.CategoryCoverage, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor EGR1003_RecommendedEgressNotAllowed = Create(
        EgressRules.EGR1003_RecommendedEgressNotAllowed, EgressRuleIds.EGR1003, EgressRules.CategoryCoverage, DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor EGR1004_RequiredEgressBlockedByEarlierDeny = Create(
        EgressRules.EGR1004_RequiredEgressBlockedByEarlierDeny, EgressRuleIds.EGR1004, EgressRules.CategoryCoverage, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor EGR1005_LocationSpecificEndpointForOtherRegion = Create(
        EgressRules.EGR1005_LocationSpecificEndpointForOtherRegion, EgressRuleIds.EGR1005, EgressRules.CategoryCoverage, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor EGR1006_CoverageCannotBeProven = Create(
        EgressRules.EGR1006_CoverageCannotBeProven, EgressRuleIds.EGR1006, EgressRules.CategoryCoverage, DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor EGR2001_AllowEverythingRule = Create(
        EgressRules.EGR2001_AllowEverythingRule, EgressRuleIds.EGR2001, EgressRules.CategoryHygiene, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor EGR2002_InvalidRuleValue = Create(
        EgressRules.EGR2002_InvalidRuleValue, EgressRuleIds.EGR2002, EgressRules.CategoryHygiene, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor EGR2003_DeprecatedEndpointAllowed = Create(
        EgressRules.EGR2003_DeprecatedEndpointAllowed, EgressRuleIds.EGR2003, EgressRules.CategoryHygiene, DiagnosticSeverity.Info);

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
        EGR2003_DeprecatedEndpointAllowed);

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = CreateIndex();

    /// <summary>The descriptor for an engine rule.</summary>
    public static DiagnosticDescriptor For(RuleInfo rule) => ById[rule.Id];

    private static DiagnosticDescriptor Create(RuleInfo rule, string id, string category, DiagnosticSeverity severity) =>
        new(
            id,
            rule.Title,
            rule.MessageFormat,
            category,
            severity,
            isEnabledByDefault: true,
            description: rule.Description,
            helpLinkUri: rule.HelpLink,
            customTags: CoverageTags);

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
