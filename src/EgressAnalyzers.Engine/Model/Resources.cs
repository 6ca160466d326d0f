using System;
using System.Collections.Generic;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Model;

/// <summary>
/// Identity of a resource across files: its ARM type and full name (for child resources, <c>parent/child</c>),
/// compared case-insensitively as Azure does. A name the reader could not resolve is kept as the symbolic text of its
/// expression (for example <c>{parameters('policyName')}/rcg</c>) so that two references written the same way still link.
/// </summary>
public readonly struct ResourceKey : IEquatable<ResourceKey>
{
    public ResourceKey(string type, string name, string? otherResourceGroup = null)
    {
        Type = type.ToLowerInvariant();
        Name = name.ToLowerInvariant();
        OtherResourceGroup = otherResourceGroup?.ToLowerInvariant();
    }

    public string Type { get; }

    public string Name { get; }

    /// <summary>
    /// For a reference into a resource group that may not be the deployment's (<c>resourceId('rg-security', …)</c>): that
    /// group. Null for the resources the inputs declare and for references to them. Keys of different groups differ.
    /// </summary>
    public string? OtherResourceGroup { get; }

    public bool IsEmpty => Type is null;

    /// <summary>The parent resource's key (<c>firewallPolicies/p/ruleCollectionGroups/g</c> → <c>firewallPolicies/p</c>).</summary>
    public ResourceKey Parent
    {
        get
        {
            var typeCut = Type.LastIndexOf('/');
            var nameCut = Name.LastIndexOf('/');
            return typeCut <= 0 || nameCut <= 0 ? default : new ResourceKey(Type.Substring(0, typeCut), Name.Substring(0, nameCut), OtherResourceGroup);
        }
    }

    /// <summary>The last segment of the name (what the portal shows).</summary>
    public string ShortName
    {
        get
        {
            var cut = Name.LastIndexOf('/');
            return cut < 0 ? Name : Name.Substring(cut + 1);
        }
    }

    public bool Equals(ResourceKey other) =>
        string.Equals(Type, other.Type, StringComparison.Ordinal) && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && string.Equals(OtherResourceGroup, other.OtherResourceGroup, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ResourceKey other && Equals(other);

    public override int GetHashCode() => ((Type?.GetHashCode() ?? 0) * 397) ^ (Name?.GetHashCode() ?? 0) ^ (OtherResourceGroup?.GetHashCode() ?? 0);

    public static bool operator ==(ResourceKey left, ResourceKey right) => left.Equals(right);

    public static bool operator !=(ResourceKey left, ResourceKey right) => !left.Equals(right);

    public override string ToString() => $"{Type}/{Name}";

    /// <summary>
    /// The key a resource ID names: a full ID (<c>/subscriptions/…/providers/Microsoft.Network/ipGroups/g</c>) or the
    /// readers' short form of one (<c>Microsoft.Network/ipGroups/g</c>, what <c>resourceId()</c> and a Bicep
    /// <c>.id</c> become). Subscription and resource group are not part of a key. Null when the text is not an ID.
    /// </summary>
    public static ResourceKey? FromResourceId(string text)
    {
        const string Marker = "/providers/";
        var at = text.LastIndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        var path = at < 0 ? text : text.Substring(at + Marker.Length);
        var segments = path.Trim('/').Split('/');

        // Provider namespace, then type and name pairs: "Microsoft.Network", "ipGroups", "g". Without "/providers/" only
        // a namespace that looks like one ("Microsoft.Network") makes the text an ID rather than any path.
        if (segments.Length < 3 || segments.Length % 2 == 0 || (at < 0 && segments[0].IndexOf('.') < 0))
        {
            return null;
        }

        var type = new System.Text.StringBuilder(segments[0]);
        var name = new System.Text.StringBuilder();
        for (var i = 1; i < segments.Length; i += 2)
        {
            type.Append('/').Append(segments[i]);
            if (name.Length > 0)
            {
                name.Append('/');
            }

            name.Append(segments[i + 1]);
        }

        return new ResourceKey(type.ToString(), name.ToString());
    }

    public const string AzureFirewallType = "microsoft.network/azurefirewalls";
    public const string FirewallPolicyType = "microsoft.network/firewallpolicies";
    public const string RuleCollectionGroupType = "microsoft.network/firewallpolicies/rulecollectiongroups";
    public const string ManagedClusterType = "microsoft.containerservice/managedclusters";
    public const string VirtualNetworkType = "microsoft.network/virtualnetworks";
    public const string SubnetType = "microsoft.network/virtualnetworks/subnets";
    public const string IpGroupType = "microsoft.network/ipgroups";
    public const string RouteTableType = "microsoft.network/routetables";
    public const string RouteType = "microsoft.network/routetables/routes";
    public const string PublicIpAddressType = "microsoft.network/publicipaddresses";
    public const string ApplicationGatewayType = "microsoft.network/applicationgateways";
    public const string LoadBalancerType = "microsoft.network/loadbalancers";
}

/// <summary>Anything the engine reasons about that came from one place in one file.</summary>
public abstract class ModelResource
{
    protected ModelResource(ResourceKey key, string displayName, SourceSpan span, SourceSpan nameSpan)
    {
        Key = key;
        DisplayName = displayName;
        Span = span;
        NameSpan = nameSpan.IsEmpty ? span : nameSpan;
    }

    public ResourceKey Key { get; }

    /// <summary>The name as the user sees it (resolved short name, or the expression when unknown).</summary>
    public string DisplayName { get; }

    /// <summary>The whole resource declaration.</summary>
    public SourceSpan Span { get; }

    /// <summary>The token that names the resource (where firewall-level findings point).</summary>
    public SourceSpan NameSpan { get; }

    /// <summary>Rule IDs suppressed on this resource by the user, with their justification.</summary>
    public IReadOnlyList<Suppression> Suppressions { get; init; } = Array.Empty<Suppression>();

    /// <summary>Set when the user opted this firewall/policy into checking (per-file metadata or a resource-level marker).</summary>
    public bool OptedIn { get; init; }

    /// <summary>
    /// The condition the resource (or the module or nested deployment around it) is deployed under, when the reader
    /// could not resolve it; null when it is deployed for certain. Rules of such a resource may or may not exist.
    /// </summary>
    public ModelValue? UnresolvedCondition { get; init; }
}

/// <summary>A suppression the user wrote in the input file (ARM <c>metadata</c>, Bicep <c>#disable-next-line</c>, …).</summary>
public sealed class Suppression
{
    public Suppression(string ruleId, string justification, SourceSpan span)
    {
        RuleId = ruleId;
        Justification = justification;
        Span = span;
    }

    public string RuleId { get; }

    public string Justification { get; }

    public SourceSpan Span { get; }
}

/// <summary><c>Microsoft.Network/azureFirewalls</c>: classic rule collections, or a link to a firewall policy.</summary>
public sealed class AzureFirewallResource : ModelResource
{
    public AzureFirewallResource(
        ResourceKey key,
        string displayName,
        SourceSpan span,
        SourceSpan nameSpan,
        IReadOnlyList<RuleCollection> collections,
        PolicyReference? firewallPolicy)
        : base(key, displayName, span, nameSpan)
    {
        Collections = collections;
        FirewallPolicy = firewallPolicy;
    }

    /// <summary>Classic application, network and NAT collections, in document order.</summary>
    public IReadOnlyList<RuleCollection> Collections { get; }

    /// <summary><c>properties.firewallPolicy.id</c>, when set.</summary>
    public PolicyReference? FirewallPolicy { get; }

    /// <summary>
    /// The firewall's private IP as written (<c>ipConfigurations[].properties.privateIPAddress</c>); usually empty, since
    /// Azure assigns it (topology checks then derive it from <see cref="Subnets"/>). Unknown values stay unknown.
    /// </summary>
    public IReadOnlyList<ModelValue> PrivateIpAddresses { get; init; } = Array.Empty<ModelValue>();

    /// <summary>
    /// True for a firewall the inputs do not declare, made up from rule collections written as their own resources
    /// that name it (Pulumi Azure classic): its rules are known, the rest of it is not.
    /// </summary>
    public bool IsStandIn { get; init; }

    /// <summary><c>ipConfigurations[].properties.subnet.id</c> (the <c>AzureFirewallSubnet</c>).</summary>
    public IReadOnlyList<ResourceReference> Subnets { get; init; } = Array.Empty<ResourceReference>();

    /// <summary><c>ipConfigurations[].properties.publicIPAddress.id</c>.</summary>
    public IReadOnlyList<ResourceReference> PublicIpAddresses { get; init; } = Array.Empty<ResourceReference>();
}

/// <summary>A firewall's <c>firewallPolicy.id</c> or a policy's <c>basePolicy.id</c>.</summary>
public sealed class PolicyReference : ResourceReference
{
    public PolicyReference(ResourceKey? key, string text, SourceSpan span)
        : base(key, text, span)
    {
    }
}

/// <summary><c>Microsoft.Network/firewallPolicies</c>.</summary>
public sealed class FirewallPolicyResource : ModelResource
{
    public FirewallPolicyResource(ResourceKey key, string displayName, SourceSpan span, SourceSpan nameSpan, PolicyReference? basePolicy)
        : base(key, displayName, span, nameSpan)
    {
        BasePolicy = basePolicy;
    }

    public PolicyReference? BasePolicy { get; }
}

/// <summary><c>Microsoft.Network/firewallPolicies/ruleCollectionGroups</c> (top level, or nested under its policy).</summary>
public sealed class RuleCollectionGroupResource : ModelResource
{
    public RuleCollectionGroupResource(
        ResourceKey key,
        string displayName,
        SourceSpan span,
        SourceSpan nameSpan,
        ResourceKey policy,
        int? priority,
        IReadOnlyList<RuleCollection> collections)
        : base(key, displayName, span, nameSpan)
    {
        Policy = policy;
        Priority = priority;
        Collections = collections;
    }

    /// <summary>The policy the group belongs to.</summary>
    public ResourceKey Policy { get; }

    public int? Priority { get; }

    public IReadOnlyList<RuleCollection> Collections { get; }
}

/// <summary>
/// <c>Microsoft.Network/ipGroups</c>: addresses, ranges and CIDRs that network rules name as sources or destinations
/// (<c>sourceIpGroups</c>, <c>destinationIpGroups</c>) by the group's ID (reference §5.4).
/// </summary>
public sealed class IpGroupResource : ModelResource
{
    public IpGroupResource(ResourceKey key, string displayName, SourceSpan span, SourceSpan nameSpan, IReadOnlyList<ModelValue> addresses)
        : base(key, displayName, span, nameSpan)
    {
        Addresses = addresses;
    }

    /// <summary><c>properties.ipAddresses</c>; a list that could not be resolved is one unknown value.</summary>
    public IReadOnlyList<ModelValue> Addresses { get; }
}

/// <summary><c>Microsoft.ContainerService/managedClusters</c>: the facts AKS egress requirements depend on.</summary>
public sealed class AksClusterResource : ModelResource
{
    public AksClusterResource(ResourceKey key, string displayName, SourceSpan span, SourceSpan nameSpan)
        : base(key, displayName, span, nameSpan)
    {
    }

    /// <summary>Region; unknown for <c>resourceGroup().location</c>.</summary>
    public ModelValue? Location { get; init; }

    /// <summary><c>apiServerAccessProfile.enablePrivateCluster</c>.</summary>
    public Fact PrivateCluster { get; init; } = Fact.No;

    /// <summary><c>networkProfile.outboundType</c>; null when not set (AKS then uses <c>loadBalancer</c>).</summary>
    public ModelValue? OutboundType { get; init; }

    /// <summary>Detected features (catalog feature names such as <c>gpu</c>, <c>windows</c>, <c>monitoring</c>).</summary>
    public IReadOnlyDictionary<string, Fact> Features { get; init; } = new Dictionary<string, Fact>();

    /// <summary>Agent pools' <c>vnetSubnetID</c> references (subnet keys), when the cluster uses a BYO VNet.</summary>
    public IReadOnlyList<SubnetReference> NodeSubnets { get; init; } = Array.Empty<SubnetReference>();

    /// <summary>Any agent pool's <c>enableNodePublicIP</c>: nodes reachable from the internet on their own public IPs.</summary>
    public Fact NodePublicIp { get; init; } = Fact.No;

    /// <summary>
    /// An ingress add-on that publishes a public load balancer by default (<c>addonProfiles.httpApplicationRouting</c>,
    /// <c>ingressProfile.webAppRouting</c>): the visible sign of public <c>LoadBalancer</c> services.
    /// </summary>
    public Fact PublicIngressAddOn { get; init; } = Fact.No;
}

/// <summary>A reference from an agent pool to its subnet.</summary>
public sealed class SubnetReference : ResourceReference
{
    public SubnetReference(ResourceKey? key, string text, SourceSpan span)
        : base(key, text, span)
    {
    }
}

/// <summary><c>Microsoft.Network/virtualNetworks</c>: custom DNS servers and subnets (prefixes).</summary>
public sealed class VirtualNetworkResource : ModelResource
{
    public VirtualNetworkResource(ResourceKey key, string displayName, SourceSpan span, SourceSpan nameSpan)
        : base(key, displayName, span, nameSpan)
    {
    }

    /// <summary><c>dhcpOptions.dnsServers</c>; empty when Azure-provided DNS is used.</summary>
    public IReadOnlyList<ModelValue> DnsServers { get; init; } = Array.Empty<ModelValue>();

    public IReadOnlyList<SubnetResource> Subnets { get; init; } = Array.Empty<SubnetResource>();
}

/// <summary>A subnet (inline in a VNet, or a <c>virtualNetworks/subnets</c> child resource).</summary>
public sealed class SubnetResource : ModelResource
{
    public SubnetResource(ResourceKey key, string displayName, SourceSpan span, SourceSpan nameSpan)
        : base(key, displayName, span, nameSpan)
    {
    }

    public IReadOnlyList<ModelValue> AddressPrefixes { get; init; } = Array.Empty<ModelValue>();

    /// <summary><c>routeTable.id</c>, for topology checks.</summary>
    public ResourceKey? RouteTable { get; init; }

    /// <summary><c>routeTable.id</c> as written (null when the subnet has no route table): tells "none" from "unresolved".</summary>
    public ModelValue? RouteTableId { get; init; }
}
