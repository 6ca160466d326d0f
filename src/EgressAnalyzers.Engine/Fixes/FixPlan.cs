using System;
using System.Collections.Generic;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Model;

namespace EgressAnalyzers.Engine.Fixes;

/// <summary>
/// What a fix for missing AKS egress (EGR1001, EGR1002) should insert, decided once for every input language. Writers
/// (ARM JSON, Bicep, C#) turn a plan into text edits in their own syntax; they decide nothing about coverage.
/// <para>
/// A plan has one <see cref="PlannedInsertion"/> per place that receives rules: an existing Allow collection, a new
/// collection in a classic firewall or in an existing rule collection group, or a new rule collection group. Each
/// insertion carries the rules to write (<see cref="PlannedRule"/>) and the findings it fixes. Findings that no
/// insertion can fix are in <see cref="NotFixable"/> with the reason.
/// </para>
/// </summary>
public sealed class FixPlan
{
    public FixPlan(IReadOnlyList<PlannedInsertion> insertions, IReadOnlyList<UnfixableFinding> notFixable)
    {
        Insertions = insertions;
        NotFixable = notFixable;
    }

    /// <summary>Insertions in a stable order (subject, then network before application).</summary>
    public IReadOnlyList<PlannedInsertion> Insertions { get; }

    public IReadOnlyList<UnfixableFinding> NotFixable { get; }

    public bool IsEmpty => Insertions.Count == 0;

    public static FixPlan Empty { get; } = new(Array.Empty<PlannedInsertion>(), Array.Empty<UnfixableFinding>());
}

/// <summary>A finding the plan leaves alone, and why (shown by hosts that report what a fix did not do).</summary>
public sealed class UnfixableFinding
{
    public UnfixableFinding(Finding finding, string reason)
    {
        Finding = finding;
        Reason = reason;
    }

    public Finding Finding { get; }

    public string Reason { get; }

    public override string ToString() => $"{Finding.Rule.Id} {Finding.Endpoint}: {Reason}";
}

/// <summary>Where an insertion goes.</summary>
public enum InsertionTargetKind
{
    /// <summary>Append rules to <see cref="PlannedInsertion.ExistingCollection"/>'s rules.</summary>
    ExistingCollection,

    /// <summary>Add a collection to a classic firewall's <c>applicationRuleCollections</c> / <c>networkRuleCollections</c>.</summary>
    NewClassicCollection,

    /// <summary>Add a filter rule collection to <see cref="PlannedInsertion.Group"/>'s <c>ruleCollections</c>.</summary>
    NewPolicyCollection,

    /// <summary>Add a rule collection group (with one filter collection) to <see cref="PlannedInsertion.Policy"/>.</summary>
    NewRuleCollectionGroup,
}

/// <summary>One place that receives rules, with everything a writer needs to write it.</summary>
public sealed class PlannedInsertion
{
    public PlannedInsertion(
        InsertionTargetKind target,
        RuleCollectionKind kind,
        ModelResource subject,
        IReadOnlyList<PlannedRule> rules,
        IReadOnlyList<Finding> findings)
    {
        Target = target;
        Kind = kind;
        Subject = subject;
        Rules = rules;
        Findings = findings;
    }

    public InsertionTargetKind Target { get; }

    /// <summary>Application or network rules.</summary>
    public RuleCollectionKind Kind { get; }

    /// <summary>The firewall (<see cref="AzureFirewallResource"/>) or policy (<see cref="FirewallPolicyResource"/>) checked.</summary>
    public ModelResource Subject { get; }

    /// <summary>Classic targets: the firewall that owns the collections.</summary>
    public AzureFirewallResource? Firewall { get; init; }

    /// <summary>Policy targets: the policy that owns (or will own) the group.</summary>
    public FirewallPolicyResource? Policy { get; init; }

    /// <summary>
    /// <see cref="InsertionTargetKind.ExistingCollection"/> and <see cref="InsertionTargetKind.NewPolicyCollection"/>: the
    /// group written to. <see cref="InsertionTargetKind.NewRuleCollectionGroup"/>: the policy's last group in document
    /// order, if any (writers place the new group after it and make it depend on it: Azure updates one group of a
    /// policy at a time).
    /// </summary>
    public RuleCollectionGroupResource? Group { get; init; }

    /// <summary><see cref="InsertionTargetKind.ExistingCollection"/>: the collection whose rules array receives the rules.</summary>
    public RuleCollection? ExistingCollection { get; init; }

    /// <summary>New collections: the collection's name (<c>aks-egress</c> unless taken).</summary>
    public string? CollectionName { get; init; }

    /// <summary>New collections: their priority (chosen so that no matching Deny is processed before them).</summary>
    public int? CollectionPriority { get; init; }

    /// <summary><see cref="InsertionTargetKind.NewRuleCollectionGroup"/>: the group's short name (<c>aks-egress</c> unless taken).</summary>
    public string? GroupName { get; init; }

    /// <summary><see cref="InsertionTargetKind.NewRuleCollectionGroup"/>: the group's priority.</summary>
    public int? GroupPriority { get; init; }

    /// <summary>Rules to write, in order.</summary>
    public IReadOnlyList<PlannedRule> Rules { get; }

    /// <summary>The findings this insertion fixes.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>True for policy targets (rules then carry <c>ruleType</c>, network protocols are <c>ipProtocols</c>).</summary>
    public bool IsPolicy => Policy is not null;

    public override string ToString() =>
        $"{Target} {Kind} in {Subject.DisplayName}: {ExistingCollection?.Name ?? CollectionName} ({Rules.Count} rules)";
}

/// <summary>
/// One rule to write. Values are <see cref="PlannedValue"/>s: literal text, or a catalog template with the
/// <c>&lt;location&gt;</c> placeholder that writers may render as an expression over the cluster's location.
/// </summary>
public sealed class PlannedRule
{
    public PlannedRule(string name, RuleCollectionKind kind, IReadOnlyList<Finding> findings)
    {
        Name = name;
        Kind = kind;
        Findings = findings;
    }

    /// <summary>Unique in its collection (e.g. <c>aks-core-fqdns</c>, <c>aks-dns</c>).</summary>
    public string Name { get; }

    public RuleCollectionKind Kind { get; }

    /// <summary>Application rules: protocol and port pairs (<c>Https</c>, 443).</summary>
    public IReadOnlyList<PlannedProtocol> ApplicationProtocols { get; init; } = Array.Empty<PlannedProtocol>();

    /// <summary>Application rules: the FQDNs.</summary>
    public IReadOnlyList<PlannedValue> TargetFqdns { get; init; } = Array.Empty<PlannedValue>();

    /// <summary>Network rules: <c>TCP</c>, <c>UDP</c>.</summary>
    public IReadOnlyList<string> NetworkProtocols { get; init; } = Array.Empty<string>();

    /// <summary>Network rules: addresses or service tags.</summary>
    public IReadOnlyList<PlannedValue> DestinationAddresses { get; init; } = Array.Empty<PlannedValue>();

    /// <summary>Network rules: FQDNs (network-rule FQDN filtering).</summary>
    public IReadOnlyList<PlannedValue> DestinationFqdns { get; init; } = Array.Empty<PlannedValue>();

    /// <summary>Network rules: ports as text (<c>53</c>).</summary>
    public IReadOnlyList<string> DestinationPorts { get; init; } = Array.Empty<string>();

    /// <summary>Source addresses (the node subnets' prefixes when known, else <c>*</c>); ignored when <see cref="SourcesLike"/> is set and the writer can copy it.</summary>
    public IReadOnlyList<string> SourceAddresses { get; init; } = Array.Empty<string>();

    /// <summary>
    /// An existing rule of the target collection whose sources surely include the cluster's nodes: writers should copy
    /// its <c>sourceAddresses</c>/<c>sourceIpGroups</c> as written (a parameter stays a parameter). Null when none.
    /// </summary>
    public FirewallRule? SourcesLike { get; init; }

    /// <summary>The findings this rule fixes.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    public override string ToString() => $"{Name} ({Kind})";
}

/// <summary>An application rule's protocol and port.</summary>
public sealed class PlannedProtocol
{
    public PlannedProtocol(string protocolType, int port)
    {
        ProtocolType = protocolType;
        Port = port;
    }

    /// <summary><c>Https</c> or <c>Http</c>, as Azure spells it.</summary>
    public string ProtocolType { get; }

    public int Port { get; }

    public override string ToString() => $"{ProtocolType}:{Port}";
}

/// <summary>
/// A value to write: <see cref="Literal"/> always; for location-specific endpoints also the catalog
/// <see cref="LocationTemplate"/> (<c>*.hcp.&lt;location&gt;.azmk8s.io</c>) and the cluster whose location fills it, so a
/// writer can produce <c>[format('*.hcp.{0}.azmk8s.io', parameters('location'))]</c> (ARM) or
/// <c>'*.hcp.${location}.azmk8s.io'</c> (Bicep) when the cluster's location is an expression it can reuse.
/// </summary>
public sealed class PlannedValue : IEquatable<PlannedValue>
{
    public PlannedValue(string literal, string? locationTemplate = null, string? location = null, AksClusterResource? cluster = null)
    {
        Literal = literal;
        LocationTemplate = locationTemplate;
        Location = location;
        Cluster = cluster;
    }

    /// <summary>The value with the region filled in; contains <c>&lt;location&gt;</c> when the region is unknown.</summary>
    public string Literal { get; }

    /// <summary>The catalog form with <c>&lt;location&gt;</c>; null for values that do not depend on the region.</summary>
    public string? LocationTemplate { get; }

    /// <summary>The normalised region (<c>westeurope</c>); null when unknown.</summary>
    public string? Location { get; }

    /// <summary>The cluster whose <c>location</c> fills the template (its <see cref="AksClusterResource.Location"/> span locates the expression).</summary>
    public AksClusterResource? Cluster { get; }

    public bool IsLocationSpecific => LocationTemplate is not null;

    /// <summary>True when the literal still holds the placeholder: only an expression can write it.</summary>
    public bool NeedsExpression => Literal.IndexOf(Catalog.RequirementCatalog.LocationPlaceholder, StringComparison.Ordinal) >= 0;

    public bool Equals(PlannedValue? other) => other is not null && string.Equals(Literal, other.Literal, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => Equals(obj as PlannedValue);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Literal);

    public override string ToString() => Literal;
}
