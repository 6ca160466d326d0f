using System;
using System.Collections.Generic;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Diagnostics;

/// <summary>
/// One result of the engine, before any host turns it into a Roslyn diagnostic, an MSBuild log line or SARIF.
/// It knows its rule, where to point, its message arguments, and (for coverage findings) the requirement and the
/// firewall/policy it concerns, which fixes and SARIF fingerprints need.
/// </summary>
public sealed class Finding
{
    public Finding(RuleInfo rule, SourceSpan location, params object[] messageArguments)
    {
        Rule = rule;
        Location = location;
        MessageArguments = messageArguments;
    }

    public RuleInfo Rule { get; }

    public SourceSpan Location { get; }

    public IReadOnlyList<object> MessageArguments { get; }

    /// <summary>Formatted once: sorting, de-duplication and every host ask for it again.</summary>
    public string Message => message ??= Rule.FormatMessage(ToArray(MessageArguments));

    private string? message;

    /// <summary>The firewall or policy concerned (its key), for coverage and hygiene findings.</summary>
    public ResourceKey Subject { get; init; }

    /// <summary>The catalog requirement (e.g. <c>G-A2</c>) for coverage findings.</summary>
    public string? RequirementId { get; init; }

    /// <summary>The endpoint as the catalog writes it with the location filled in (e.g. <c>*.hcp.westeurope.azmk8s.io</c>).</summary>
    public string? Endpoint { get; init; }

    /// <summary>
    /// For coverage findings: the region the requirement was evaluated for (normalised, e.g. <c>westeurope</c>), or the
    /// <c>&lt;location&gt;</c> placeholder when it is unknown. Fixes use it to write location-specific names.
    /// </summary>
    public string? RequirementLocation { get; init; }

    /// <summary>Other places worth showing (the Deny that blocks, the unresolved value, …).</summary>
    public IReadOnlyList<SourceSpan> AdditionalLocations { get; init; } = Array.Empty<SourceSpan>();

    /// <summary>
    /// The severity of this finding when it differs from the rule's default: a topology check reports Info instead of
    /// Warning when part of the evidence (a route table, an address) is outside the analyzed files. Null: the default.
    /// </summary>
    public RuleSeverity? Severity { get; init; }

    /// <summary>The severity hosts report unless the user configured one.</summary>
    public RuleSeverity EffectiveSeverity => Severity ?? Rule.DefaultSeverity;

    /// <summary>Set when the user suppressed this finding in the input file; hosts then hide it (SARIF lists it as suppressed).</summary>
    public Suppression? SuppressedBy { get; init; }

    /// <summary>The same finding, marked as suppressed by the user (hosts hide it; SARIF lists it as suppressed).</summary>
    public Finding WithSuppression(Suppression suppression) =>
        new(Rule, Location, ToArray(MessageArguments))
        {
            Subject = Subject,
            RequirementId = RequirementId,
            Endpoint = Endpoint,
            RequirementLocation = RequirementLocation,
            AdditionalLocations = AdditionalLocations,
            Severity = Severity,
            SuppressedBy = suppression,
        };

    private static object[] ToArray(IReadOnlyList<object> items)
    {
        var result = new object[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            result[i] = items[i];
        }

        return result;
    }

    public override string ToString() => $"{Rule.Id} {Location}: {Message}";
}
