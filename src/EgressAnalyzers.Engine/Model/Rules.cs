using System.Collections.Generic;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Model;

/// <summary>The kind of a rule collection; Azure Firewall processes DNAT, then network, then application rules.</summary>
public enum RuleCollectionKind
{
    Nat,
    Network,
    Application,
}

public enum RuleAction
{
    Allow,
    Deny,

    /// <summary>The action could not be resolved.</summary>
    Unknown,

    /// <summary>DNAT/SNAT and other non-filter actions.</summary>
    Other,
}

/// <summary>A protocol:port pair of an application rule (<c>{ protocolType: Https, port: 443 }</c>).</summary>
public sealed class ApplicationProtocol
{
    public ApplicationProtocol(ModelValue protocolType, ModelValue port, SourceSpan span)
    {
        ProtocolType = protocolType;
        Port = port;
        Span = span;
    }

    public ModelValue ProtocolType { get; }

    public ModelValue Port { get; }

    public SourceSpan Span { get; }
}

/// <summary>Common shape of application and network rules.</summary>
public abstract class FirewallRule
{
    protected FirewallRule(string name, SourceSpan span, IReadOnlyList<ModelValue> sourceAddresses, IReadOnlyList<ModelValue> sourceIpGroups)
    {
        Name = name;
        Span = span;
        SourceAddresses = sourceAddresses;
        SourceIpGroups = sourceIpGroups;
    }

    public string Name { get; }

    /// <summary>Where the rule is written (its object, or its name).</summary>
    public SourceSpan Span { get; }

    public IReadOnlyList<ModelValue> SourceAddresses { get; }

    /// <summary>IP group references: their addresses are not known to a rule, so they count as "may include the cluster".</summary>
    public IReadOnlyList<ModelValue> SourceIpGroups { get; }
}

public sealed class ApplicationRule : FirewallRule
{
    public ApplicationRule(
        string name,
        SourceSpan span,
        IReadOnlyList<ApplicationProtocol> protocols,
        IReadOnlyList<ModelValue> targetFqdns,
        IReadOnlyList<ModelValue> fqdnTags,
        IReadOnlyList<ModelValue> sourceAddresses,
        IReadOnlyList<ModelValue> sourceIpGroups)
        : base(name, span, sourceAddresses, sourceIpGroups)
    {
        Protocols = protocols;
        TargetFqdns = targetFqdns;
        FqdnTags = fqdnTags;
    }

    public IReadOnlyList<ApplicationProtocol> Protocols { get; }

    public IReadOnlyList<ModelValue> TargetFqdns { get; }

    public IReadOnlyList<ModelValue> FqdnTags { get; }

    /// <summary>
    /// <c>targetUrls</c> (Premium, with TLS inspection): a URL of the FQDN's host may let some or all of its traffic
    /// through; which paths AKS uses is not known, so coverage cannot decide it (reference §5.3).
    /// </summary>
    public IReadOnlyList<ModelValue> TargetUrls { get; init; } = System.Array.Empty<ModelValue>();

    /// <summary><c>webCategories</c>: which names a category holds is Microsoft's, not the template's (reference §5.3).</summary>
    public IReadOnlyList<ModelValue> WebCategories { get; init; } = System.Array.Empty<ModelValue>();
}

public sealed class NetworkRule : FirewallRule
{
    public NetworkRule(
        string name,
        SourceSpan span,
        IReadOnlyList<ModelValue> protocols,
        IReadOnlyList<ModelValue> destinationAddresses,
        IReadOnlyList<ModelValue> destinationFqdns,
        IReadOnlyList<ModelValue> destinationIpGroups,
        IReadOnlyList<ModelValue> destinationPorts,
        IReadOnlyList<ModelValue> sourceAddresses,
        IReadOnlyList<ModelValue> sourceIpGroups)
        : base(name, span, sourceAddresses, sourceIpGroups)
    {
        Protocols = protocols;
        DestinationAddresses = destinationAddresses;
        DestinationFqdns = destinationFqdns;
        DestinationIpGroups = destinationIpGroups;
        DestinationPorts = destinationPorts;
    }

    /// <summary>TCP, UDP, ICMP, Any (classic <c>protocols</c>, policy <c>ipProtocols</c>).</summary>
    public IReadOnlyList<ModelValue> Protocols { get; }

    public IReadOnlyList<ModelValue> DestinationAddresses { get; }

    public IReadOnlyList<ModelValue> DestinationFqdns { get; }

    public IReadOnlyList<ModelValue> DestinationIpGroups { get; }

    public IReadOnlyList<ModelValue> DestinationPorts { get; }
}

/// <summary>
/// A rule collection: classic (<c>applicationRuleCollections[]</c>, <c>networkRuleCollections[]</c>) or policy
/// (<c>FirewallPolicyFilterRuleCollection</c>, <c>FirewallPolicyNatRuleCollection</c>). The action belongs to the collection.
/// </summary>
public sealed class RuleCollection
{
    public RuleCollection(
        string name,
        RuleCollectionKind kind,
        int? priority,
        RuleAction action,
        SourceSpan span,
        IReadOnlyList<ApplicationRule> applicationRules,
        IReadOnlyList<NetworkRule> networkRules,
        SourceSpan nameSpan = default,
        SourceSpan rulesSpan = default)
    {
        Name = name;
        Kind = kind;
        Priority = priority;
        Action = action;
        Span = span;
        ApplicationRules = applicationRules;
        NetworkRules = networkRules;
        NameSpan = nameSpan.IsEmpty ? span : nameSpan;
        RulesSpan = rulesSpan;
    }

    public string Name { get; }

    /// <summary>Filter collections in policies may mix rule types; <see cref="Kind"/> is then the kind of the first rule.</summary>
    public RuleCollectionKind Kind { get; }

    /// <summary>100 (first) .. 65000 (last); null when unknown.</summary>
    public int? Priority { get; }

    public RuleAction Action { get; }

    /// <summary>The whole collection object.</summary>
    public SourceSpan Span { get; }

    /// <summary>The collection's name token: where "missing" findings point.</summary>
    public SourceSpan NameSpan { get; }

    /// <summary>The rules array (for fixes that append a rule); empty when the collection has none written.</summary>
    public SourceSpan RulesSpan { get; }

    public IReadOnlyList<ApplicationRule> ApplicationRules { get; }

    public IReadOnlyList<NetworkRule> NetworkRules { get; }

    /// <summary>DNAT rules of a NAT collection (topology checks: does public ingress come in through the firewall).</summary>
    public IReadOnlyList<NatRule> NatRules { get; init; } = System.Array.Empty<NatRule>();
}
