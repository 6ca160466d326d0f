using System;
using System.Collections.Generic;
using System.Linq;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Coverage;

/// <summary>Whether a requirement applies to a cluster, and at what level.</summary>
public sealed class Applicability
{
    public Applicability(bool applies, RequirementLevel level, IReadOnlyList<Fact> unresolvedConditions)
    {
        Applies = applies;
        Level = level;
        UnresolvedConditions = unresolvedConditions;
    }

    public bool Applies { get; }

    public RequirementLevel Level { get; }

    /// <summary>Conditions that may or may not hold: a "missing" outcome then becomes unprovable.</summary>
    public IReadOnlyList<Fact> UnresolvedConditions { get; }

    public static Applicability Skip { get; } = new(false, RequirementLevel.Recommended, Array.Empty<Fact>());
}

/// <summary>
/// The facts requirement applicability depends on, for one cluster of the inputs (or, when there is none, for the
/// cluster the settings describe).
/// </summary>
public sealed class ClusterContext
{
    public const string PrivateClusterCondition = "privateCluster";
    public const string CustomDnsCondition = "customDns";
    public const string LegacyTunnelCondition = "legacyTunnel";

    private readonly IReadOnlyDictionary<string, Fact> features;

    private ClusterContext(
        AksClusterResource? cluster,
        string displayName,
        string? location,
        ModelValue? locationValue,
        Fact privateCluster,
        IReadOnlyDictionary<string, Fact> features,
        Fact customDns,
        bool legacyTunnel,
        MatchContext match)
    {
        Cluster = cluster;
        DisplayName = displayName;
        Location = location;
        LocationValue = locationValue;
        PrivateCluster = privateCluster;
        this.features = features;
        CustomDns = customDns;
        LegacyTunnel = legacyTunnel;
        Match = match;
    }

    /// <summary>The cluster resource; null for the cluster described by settings only.</summary>
    public AksClusterResource? Cluster { get; }

    public string DisplayName { get; }

    /// <summary>Normalised region; null when unknown.</summary>
    public string? Location { get; }

    /// <summary>The cluster's <c>location</c> value (to point at when it is unknown).</summary>
    public ModelValue? LocationValue { get; }

    public Fact PrivateCluster { get; }

    public Fact CustomDns { get; }

    public bool LegacyTunnel { get; }

    public MatchContext Match { get; }

    public Fact Feature(string name) =>
        features.TryGetValue(name, out var fact) ? fact : Fact.No;

    /// <summary>A catalog condition name (<c>privateCluster</c>, <c>customDns</c>, <c>legacyTunnel</c>, or a feature).</summary>
    public Fact Condition(string name)
    {
        if (string.Equals(name, PrivateClusterCondition, StringComparison.OrdinalIgnoreCase))
        {
            return PrivateCluster;
        }

        if (string.Equals(name, CustomDnsCondition, StringComparison.OrdinalIgnoreCase))
        {
            return CustomDns;
        }

        if (string.Equals(name, LegacyTunnelCondition, StringComparison.OrdinalIgnoreCase))
        {
            return LegacyTunnel ? Fact.Yes(SourceSpan.None) : Fact.No;
        }

        return Feature(name);
    }

    public Applicability Evaluate(Requirement requirement)
    {
        var unresolved = new List<Fact>();
        foreach (var shape in requirement.NotFor)
        {
            var fact = Condition(shape);
            if (fact.Value == Tri.Yes)
            {
                return Applicability.Skip;
            }

            if (fact.Value == Tri.Maybe)
            {
                unresolved.Add(fact);
            }
        }

        if (requirement.OnlyWhen is { } condition)
        {
            var fact = Condition(condition);
            if (fact.Value == Tri.No)
            {
                return Applicability.Skip;
            }

            if (fact.Value == Tri.Maybe)
            {
                unresolved.Add(fact);
            }
        }

        var level = requirement.Level;
        if (requirement.RequiredWhen is { } escalation && Condition(escalation).Value == Tri.Yes)
        {
            level = RequirementLevel.Required;
        }

        return new Applicability(true, level, unresolved);
    }

    public static IReadOnlyList<ClusterContext> Build(InfrastructureModel model, EgressSettings settings)
    {
        if (model.Clusters.Count == 0)
        {
            return new[] { FromSettings(settings) };
        }

        return model.Clusters.Select(c => FromCluster(c, model, settings)).ToList();
    }

    private static ClusterContext FromSettings(EgressSettings settings)
    {
        var features = new Dictionary<string, Fact>(StringComparer.OrdinalIgnoreCase);
        foreach (var feature in settings.Features)
        {
            features[feature] = Fact.Yes(SourceSpan.None);
        }

        var dnsServers = settings.CustomDnsServers.Select(s => ModelValue.Known(s, SourceSpan.None)).ToList();
        return new ClusterContext(
            null,
            $"configured by {EgressSettings.LocationKey}",
            settings.Location is null ? null : Regions.Normalize(settings.Location),
            null,
            settings.PrivateCluster is { } isPrivate ? FactOf(isPrivate) : new Fact(Tri.Maybe, SourceSpan.None),
            features,
            dnsServers.Count > 0 ? Fact.Yes(SourceSpan.None) : Fact.No,
            settings.LegacyTunnel,
            new MatchContext { CustomDnsServers = dnsServers });
    }

    private static ClusterContext FromCluster(AksClusterResource cluster, InfrastructureModel model, EgressSettings settings)
    {
        var features = new Dictionary<string, Fact>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in cluster.Features)
        {
            features[pair.Key] = pair.Value;
        }

        foreach (var feature in settings.Features)
        {
            features[feature] = Fact.Yes(SourceSpan.None);
        }

        string? location = settings.Location is not null ? Regions.Normalize(settings.Location)
            : cluster.Location?.Text is { } text ? Regions.Normalize(text)
            : null;

        var nodeSubnets = ResolveNodeSubnets(cluster, model);
        var (customDns, dnsServers) = ResolveCustomDns(cluster, model, settings);
        return new ClusterContext(
            cluster,
            cluster.DisplayName,
            location,
            cluster.Location,
            settings.PrivateCluster is { } isPrivate ? FactOf(isPrivate) : cluster.PrivateCluster,
            features,
            customDns,
            settings.LegacyTunnel,
            new MatchContext { NodePrefixes = NodePrefixes(nodeSubnets), CustomDnsServers = dnsServers });
    }

    /// <summary>The subjects of the node subnets; null entries for references not found in the model.</summary>
    private static List<SubnetResource?> ResolveNodeSubnets(AksClusterResource cluster, InfrastructureModel model)
    {
        var result = new List<SubnetResource?>();
        foreach (var reference in cluster.NodeSubnets)
        {
            result.Add(model.ResolveSubnet(reference.Key));
        }

        return result;
    }

    private static List<AddressRange>? NodePrefixes(List<SubnetResource?> subnets)
    {
        if (subnets.Count == 0)
        {
            return null;
        }

        var prefixes = new List<AddressRange>();
        foreach (var subnet in subnets)
        {
            if (subnet is null || subnet.AddressPrefixes.Count == 0)
            {
                return null;
            }

            foreach (var prefix in subnet.AddressPrefixes)
            {
                if (prefix.Text is null || !AddressRange.TryParse(prefix.Text, out var range))
                {
                    return null;
                }

                prefixes.Add(range);
            }
        }

        return prefixes;
    }

    private static (Fact Fact, IReadOnlyList<ModelValue> Servers) ResolveCustomDns(AksClusterResource cluster, InfrastructureModel model, EgressSettings settings)
    {
        if (settings.CustomDnsServers.Count > 0)
        {
            return (Fact.Yes(SourceSpan.None), settings.CustomDnsServers.Select(s => ModelValue.Known(s, SourceSpan.None)).ToList());
        }

        if (cluster.NodeSubnets.Count == 0)
        {
            return (Fact.No, Array.Empty<ModelValue>());
        }

        var servers = new List<ModelValue>();
        var visible = 0;
        foreach (var reference in cluster.NodeSubnets)
        {
            // By key, or by name when only the VNet part of the subnet ID is unresolved (model.ResolveSubnet).
            var subnet = model.ResolveSubnet(reference.Key);
            var network = subnet is not null ? model.NetworkOf(subnet)
                : reference.Key is { } key ? model.VirtualNetworks.FirstOrDefault(v => v.Key == key.Parent)
                : null;
            if (network is null)
            {
                continue;
            }

            visible++;
            foreach (var server in network.DnsServers)
            {
                if (!servers.Contains(server))
                {
                    servers.Add(server);
                }
            }
        }

        if (servers.Any(s => s.IsKnown))
        {
            return (Fact.Yes(SourceSpan.None), servers);
        }

        if (servers.Count > 0)
        {
            var unknown = servers[0];
            return (Fact.Unknown(unknown.UnresolvedExpression ?? "dnsServers", unknown.Span), servers);
        }

        // A node subnet whose VNet is not in the inputs may use custom DNS: unknown, with nothing to point at.
        return visible == cluster.NodeSubnets.Count ? (Fact.No, Array.Empty<ModelValue>()) : (new Fact(Tri.Maybe, SourceSpan.None), servers);
    }

    private static Fact FactOf(bool value) => value ? Fact.Yes(SourceSpan.None) : Fact.No;

    public override string ToString() => $"{DisplayName} ({Location ?? "location unknown"})";
}
