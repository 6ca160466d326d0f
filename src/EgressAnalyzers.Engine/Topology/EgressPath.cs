using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EgressAnalyzers.Engine.Model;

namespace EgressAnalyzers.Engine.Topology;

/// <summary>How much of a node subnet's routing the inputs show.</summary>
public enum RouteVisibility
{
    /// <summary>The subnet (or the reference to it) is not among the inputs.</summary>
    SubnetNotVisible,

    /// <summary>The subnet is visible and has no route table.</summary>
    NoRouteTable,

    /// <summary>The subnet names a route table that is not among the inputs (or whose ID could not be resolved).</summary>
    RouteTableNotVisible,

    /// <summary>The route table and its routes are visible.</summary>
    RouteTableVisible,
}

/// <summary>Where one node subnet's 0.0.0.0/0 traffic goes, as far as the inputs show.</summary>
public sealed class SubnetRoute
{
    public SubnetRoute(SubnetReference reference, SubnetResource? subnet, RouteTableResource? table, RouteVisibility visibility, RouteEntry? defaultRoute, bool mayHaveDefaultRoute)
    {
        Reference = reference;
        Subnet = subnet;
        Table = table;
        Visibility = visibility;
        DefaultRoute = defaultRoute;
        MayHaveDefaultRoute = mayHaveDefaultRoute;
    }

    public SubnetReference Reference { get; }

    public SubnetResource? Subnet { get; }

    public RouteTableResource? Table { get; }

    public RouteVisibility Visibility { get; }

    /// <summary>The table's <c>0.0.0.0/0</c> route; null when it has none (or it is not visible).</summary>
    public RouteEntry? DefaultRoute { get; }

    /// <summary>A route whose prefix (or the whole route list) could not be resolved may be the default route.</summary>
    public bool MayHaveDefaultRoute { get; }

    public bool IsForcedToAppliance => DefaultRoute is { } route && route.IsNextHop(RouteEntry.VirtualAppliance);

    /// <summary>The subnet's name; for a subnet outside the inputs, the name its ID ends with, else the reference as written.</summary>
    public string SubnetName =>
        Subnet?.DisplayName
        ?? (Reference.Key is { } key && key.ShortName.Length > 0 && key.ShortName.IndexOf('{') < 0 ? key.ShortName : Reference.Text.Trim('"'));

    /// <summary>Resolves one subnet's route: subnet, its route table, and that table's default route.</summary>
    public static SubnetRoute For(SubnetReference reference, InfrastructureModel model)
    {
        var subnet = model.ResolveSubnet(reference.Key);
        return subnet is null
            ? new SubnetRoute(reference, null, null, RouteVisibility.SubnetNotVisible, null, false)
            : For(reference, subnet, model);
    }

    public static SubnetRoute For(SubnetReference reference, SubnetResource subnet, InfrastructureModel model)
    {
        if (subnet.RouteTableId is null)
        {
            return new SubnetRoute(reference, subnet, null, RouteVisibility.NoRouteTable, null, false);
        }

        var table = subnet.RouteTable is { } key ? model.RouteTables.FirstOrDefault(t => t.Key == key) : null;
        if (table is null)
        {
            return new SubnetRoute(reference, subnet, null, RouteVisibility.RouteTableNotVisible, null, false);
        }

        var routes = model.RoutesOf(table);
        var defaultRoute = routes.FirstOrDefault(r => r.IsDefaultRoute);
        var mayHave = table.UnresolvedRoutes is not null || routes.Any(r => r.MayBeDefaultRoute);
        return new SubnetRoute(reference, subnet, table, RouteVisibility.RouteTableVisible, defaultRoute, mayHave);
    }

    /// <summary>The routes of every node subnet of a cluster, one per distinct subnet.</summary>
    public static IReadOnlyList<SubnetRoute> ForCluster(AksClusterResource cluster, InfrastructureModel model)
    {
        var result = new List<SubnetRoute>();
        foreach (var reference in cluster.NodeSubnets)
        {
            var route = For(reference, model);
            if (route.Subnet is not null && result.Any(r => ReferenceEquals(r.Subnet, route.Subnet)))
            {
                continue;
            }

            if (route.Subnet is null && result.Any(r => r.Subnet is null && r.Reference.Key == reference.Key && r.Reference.Text == reference.Text))
            {
                continue;
            }

            result.Add(route);
        }

        return result;
    }
}

/// <summary>A firewall and the private IPs it is known (or can be shown) to have.</summary>
public sealed class FirewallAddress
{
    public FirewallAddress(AzureFirewallResource firewall, IReadOnlyList<string> knownAddresses, bool hasUnknownAddress)
    {
        Firewall = firewall;
        KnownAddresses = knownAddresses;
        HasUnknownAddress = hasUnknownAddress;
    }

    public AzureFirewallResource Firewall { get; }

    public IReadOnlyList<string> KnownAddresses { get; }

    /// <summary>True when the firewall's private IP could not be determined (so any address might be it).</summary>
    public bool HasUnknownAddress { get; }

    /// <summary>
    /// Written <c>privateIPAddress</c> values; otherwise the address Azure assigns: the first usable one of the
    /// <c>AzureFirewallSubnet</c> (Azure reserves .0–.3, so the firewall gets .4), when that subnet's prefix is known.
    /// </summary>
    public static IReadOnlyList<FirewallAddress> Build(InfrastructureModel model)
    {
        var result = new List<FirewallAddress>();
        foreach (var firewall in model.Firewalls)
        {
            var known = firewall.PrivateIpAddresses.KnownTexts().Select(t => t.Trim()).ToList();
            var unknown = firewall.PrivateIpAddresses.Any(v => !v.IsKnown);
            if (firewall.PrivateIpAddresses.Count == 0)
            {
                foreach (var reference in firewall.Subnets)
                {
                    var subnet = model.ResolveSubnet(reference.Key);
                    var prefix = subnet is { AddressPrefixes.Count: > 0 } ? subnet.AddressPrefixes[0] : null;
                    if (prefix?.Text is { } text && FirstUsableAddress(text) is { } address)
                    {
                        known.Add(address);
                    }
                    else
                    {
                        unknown = true;
                    }
                }

                unknown |= firewall.Subnets.Count == 0;
            }

            result.Add(new FirewallAddress(firewall, known, unknown && known.Count == 0));
        }

        return result;
    }

    /// <summary><c>10.0.1.0/26</c> → <c>10.0.1.4</c>; null when the text is not an IPv4 prefix with room for it.</summary>
    public static string? FirstUsableAddress(string prefix)
    {
        var slash = prefix.IndexOf('/');
        if (slash < 0
            || !int.TryParse(prefix.Substring(slash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || length < 0 || length > 29
            || ParseAddress(prefix.Substring(0, slash).Trim()) is not { } network)
        {
            return null;
        }

        var mask = length == 0 ? 0u : uint.MaxValue << (32 - length);
        return FormatAddress((network & mask) + 4);
    }

    public static uint? ParseAddress(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return null;
        }

        uint value = 0;
        foreach (var part in parts)
        {
            if (!byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet))
            {
                return null;
            }

            value = (value << 8) | octet;
        }

        return value;
    }

    private static string FormatAddress(uint value) =>
        string.Join(".", new[] { value >> 24, (value >> 16) & 255, (value >> 8) & 255, value & 255 }.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Same IPv4 address (ignoring formatting); falls back to text equality.</summary>
    public static bool SameAddress(string a, string b) =>
        ParseAddress(a.Trim()) is { } x && ParseAddress(b.Trim()) is { } y ? x == y : string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
