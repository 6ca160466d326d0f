using System;
using System.Collections.Generic;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Model;

/// <summary>
/// One route (<c>routes[]</c> of a route table, or a <c>routeTables/routes</c> child resource). Values a reader could
/// not resolve are unknown, never guessed.
/// </summary>
public sealed class RouteEntry
{
    public RouteEntry(string name, SourceSpan span)
    {
        Name = name;
        Span = span;
    }

    public string Name { get; }

    public SourceSpan Span { get; }

    /// <summary><c>addressPrefix</c> (e.g. <c>0.0.0.0/0</c>); null when not written.</summary>
    public ModelValue? AddressPrefix { get; init; }

    /// <summary><c>nextHopType</c>: <c>VirtualAppliance</c>, <c>Internet</c>, <c>VirtualNetworkGateway</c>, <c>VnetLocal</c>, <c>None</c>.</summary>
    public ModelValue? NextHopType { get; init; }

    /// <summary><c>nextHopIpAddress</c>; typically unknown because it flows from the firewall (<c>reference(...)</c>, a module output).</summary>
    public ModelValue? NextHopIpAddress { get; init; }

    /// <summary>
    /// The resource the next-hop address is read from, when the reader can tell (ARM <c>reference(resourceId(...))</c>,
    /// Bicep <c>fw.properties.ipConfigurations[0]...</c>, a C# output of the firewall): links an unknown address to a firewall.
    /// </summary>
    public ResourceKey? NextHopSource { get; init; }

    public bool IsDefaultRoute => AddressPrefix?.Text is { } prefix && IsDefaultPrefix(prefix);

    /// <summary>A route whose prefix could not be resolved might be the default route.</summary>
    public bool MayBeDefaultRoute => AddressPrefix is { IsKnown: false };

    public bool IsNextHop(string type) =>
        NextHopType?.Text is { } text && string.Equals(text.Trim(), type, StringComparison.OrdinalIgnoreCase);

    public static bool IsDefaultPrefix(string prefix) =>
        string.Equals(prefix.Trim(), "0.0.0.0/0", StringComparison.Ordinal);

    public const string VirtualAppliance = "VirtualAppliance";
    public const string Internet = "Internet";
}

/// <summary><c>Microsoft.Network/routeTables</c> with the routes written inline.</summary>
public sealed class RouteTableResource : ModelResource
{
    public RouteTableResource(ResourceKey key, string displayName, SourceSpan span, SourceSpan nameSpan)
        : base(key, displayName, span, nameSpan)
    {
    }

    public IReadOnlyList<RouteEntry> Routes { get; init; } = Array.Empty<RouteEntry>();

    /// <summary>Set when the routes list itself is an expression that could not be resolved.</summary>
    public ModelValue? UnresolvedRoutes { get; init; }
}

/// <summary><c>Microsoft.Network/routeTables/routes</c> declared as its own resource; its parent is the table.</summary>
public sealed class RouteResource : ModelResource
{
    public RouteResource(ResourceKey key, string displayName, SourceSpan span, SourceSpan nameSpan, RouteEntry route)
        : base(key, displayName, span, nameSpan)
    {
        Route = route;
    }

    public RouteEntry Route { get; }
}

/// <summary>A reference from one resource to another by ID (<c>subnet.id</c>, <c>publicIPAddress.id</c>, …).</summary>
public class ResourceReference
{
    public ResourceReference(ResourceKey? key, string text, SourceSpan span)
    {
        Key = key;
        Text = text;
        Span = span;
    }

    /// <summary>The referenced resource; null when the ID could not be resolved at all.</summary>
    public ResourceKey? Key { get; }

    public string Text { get; }

    public SourceSpan Span { get; }
}

/// <summary><c>Microsoft.Network/publicIPAddresses</c>.</summary>
public sealed class PublicIpAddressResource : ModelResource
{
    public PublicIpAddressResource(ResourceKey key, string displayName, SourceSpan span, SourceSpan nameSpan)
        : base(key, displayName, span, nameSpan)
    {
    }
}

/// <summary>An ingress resource that can receive traffic from the internet: application gateway or load balancer.</summary>
public abstract class IngressResource : ModelResource
{
    protected IngressResource(ResourceKey key, string displayName, SourceSpan span, SourceSpan nameSpan)
        : base(key, displayName, span, nameSpan)
    {
    }

    /// <summary>Frontend IP configurations' <c>publicIPAddress.id</c> (or public IP prefix) references.</summary>
    public IReadOnlyList<ResourceReference> PublicFrontends { get; init; } = Array.Empty<ResourceReference>();

    /// <summary>Subnets the resource sits in (application gateway) or serves (load balancer frontends/backends).</summary>
    public IReadOnlyList<ResourceReference> Subnets { get; init; } = Array.Empty<ResourceReference>();

    /// <summary>Yes with a public frontend; Maybe when the frontends could not be resolved.</summary>
    public Tri HasPublicFrontend { get; init; }
}

/// <summary><c>Microsoft.Network/applicationGateways</c>.</summary>
public sealed class ApplicationGatewayResource : IngressResource
{
    public ApplicationGatewayResource(ResourceKey key, string displayName, SourceSpan span, SourceSpan nameSpan)
        : base(key, displayName, span, nameSpan)
    {
    }
}

/// <summary><c>Microsoft.Network/loadBalancers</c>.</summary>
public sealed class LoadBalancerResource : IngressResource
{
    public LoadBalancerResource(ResourceKey key, string displayName, SourceSpan span, SourceSpan nameSpan)
        : base(key, displayName, span, nameSpan)
    {
    }
}

/// <summary>A DNAT rule (classic <c>natRuleCollections[].rules[]</c>, policy <c>NatRule</c>).</summary>
public sealed class NatRule : FirewallRule
{
    public NatRule(
        string name,
        SourceSpan span,
        IReadOnlyList<ModelValue> protocols,
        IReadOnlyList<ModelValue> destinationAddresses,
        IReadOnlyList<ModelValue> destinationPorts,
        IReadOnlyList<ModelValue> sourceAddresses,
        IReadOnlyList<ModelValue> sourceIpGroups)
        : base(name, span, sourceAddresses, sourceIpGroups)
    {
        Protocols = protocols;
        DestinationAddresses = destinationAddresses;
        DestinationPorts = destinationPorts;
    }

    public IReadOnlyList<ModelValue> Protocols { get; }

    /// <summary>The firewall's public IP(s) the rule listens on.</summary>
    public IReadOnlyList<ModelValue> DestinationAddresses { get; }

    public IReadOnlyList<ModelValue> DestinationPorts { get; }

    /// <summary><c>translatedAddress</c> (or <c>translatedFqdn</c>): where the traffic goes, e.g. a load balancer frontend.</summary>
    public ModelValue? TranslatedAddress { get; init; }

    public ModelValue? TranslatedPort { get; init; }
}
