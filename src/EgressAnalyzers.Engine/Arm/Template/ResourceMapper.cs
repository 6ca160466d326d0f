using System;
using System.Collections.Generic;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Template;

/// <summary>
/// One resource declaration as a front end read it: identity, spans, and its top-level properties evaluated on
/// demand. The ARM walker makes these from JSON, the Bicep reader from Bicep syntax; both feed the same mapper, so the
/// same rules give the same model whatever the input language.
/// </summary>
internal sealed class ResourceDeclaration
{
    private readonly Func<string, ArmValue?> _property;
    private readonly Func<ResourceDeclaration, IReadOnlyList<Suppression>> _suppressions;

    public ResourceDeclaration(
        ResourceKey key,
        ArmValue? nameValue,
        string displayName,
        SourceSpan span,
        SourceSpan nameSpan,
        Func<string, ArmValue?> property,
        Func<ResourceDeclaration, IReadOnlyList<Suppression>> suppressions)
    {
        Key = key;
        NameValue = nameValue;
        DisplayName = displayName;
        Span = span;
        NameSpan = nameSpan;
        _property = property;
        _suppressions = suppressions;
    }

    public ResourceKey Key { get; }

    public ArmValue? NameValue { get; }

    public string DisplayName { get; }

    public SourceSpan Span { get; }

    public SourceSpan NameSpan { get; }

    /// <summary>The deployment condition around the declaration that could not be resolved; null when it is deployed.</summary>
    public ModelValue? UnresolvedCondition { get; init; }

    /// <summary>A top-level property (<c>properties</c>, <c>location</c>) evaluated; null when absent.</summary>
    public ArmValue? Property(string name) => _property(name);

    /// <summary>The user's suppressions on this resource (read only for the resources the model keeps).</summary>
    public IReadOnlyList<Suppression> Suppressions() => _suppressions(this);

    /// <summary>
    /// For an unresolved value such as <c>reference(…).ipConfigurations[0]…</c>: the resource it reads from, when the
    /// front end can tell (route next hops name their firewall this way). Null when the front end cannot.
    /// </summary>
    public Func<ArmUnknown, ResourceKey?>? ReferencedResource { get; init; }
}

/// <summary>
/// Maps the resource types the engine cares about to the model, whatever front end declared them. Clusters are
/// built at the end, when separate agent pool and extension resources have been merged in.
/// </summary>
internal sealed class ResourceMapper
{
    private readonly FileReadState _file;

    // Model resources in document order; clusters are built at the end (agent pools and extensions merge in).
    private readonly List<object> _entries = new();
    private readonly List<(ResourceKey Cluster, ArmValue Properties)> _agentPools = new();
    private readonly List<SourceSpan> _extensions = new();

    public ResourceMapper(FileReadState file)
    {
        _file = file;
    }

    /// <summary>Adds the declaration to the model when its type is one the engine reasons about.</summary>
    public void Map(ResourceDeclaration declaration)
    {
        var key = declaration.Key;
        switch (key.Type)
        {
            case ResourceKey.AzureFirewallType:
                MapFirewall(declaration);
                break;
            case ResourceKey.FirewallPolicyType:
                MapPolicy(declaration);
                break;
            case ResourceKey.RuleCollectionGroupType:
                MapRuleCollectionGroup(declaration, legacy: false);
                break;
            case "microsoft.network/firewallpolicies/rulegroups":
                MapRuleCollectionGroup(declaration, legacy: true);
                break;
            case ResourceKey.ManagedClusterType:
                MapCluster(declaration);
                break;
            case "microsoft.containerservice/managedclusters/agentpools":
                _agentPools.Add((key.Parent, declaration.Property("properties") ?? ArmValue.Null(declaration.Span)));
                break;
            case "microsoft.kubernetesconfiguration/extensions":
                _extensions.Add(declaration.NameSpan);
                break;
            case ResourceKey.VirtualNetworkType:
                MapVirtualNetwork(declaration);
                break;
            case ResourceKey.SubnetType:
                _entries.Add(ReadSubnet(
                    key, declaration.DisplayName, declaration.Span, declaration.NameSpan, declaration.Property("properties"), declaration.Suppressions()));
                break;
            case ResourceKey.IpGroupType:
                _entries.Add(new IpGroupResource(
                    key,
                    declaration.DisplayName,
                    declaration.Span,
                    declaration.NameSpan,
                    ArmNav.ToModelValues(ArmNav.Path(declaration.Property("properties"), "ipAddresses"))));
                break;
            case ResourceKey.RouteTableType:
            case ResourceKey.RouteType:
            case ResourceKey.PublicIpAddressType:
            case ResourceKey.ApplicationGatewayType:
            case ResourceKey.LoadBalancerType:
                _entries.Add(TopologyMapper.Read(
                    key, declaration.DisplayName, declaration.Span, declaration.NameSpan, declaration.Property("properties"), declaration.ReferencedResource, _file, declaration.Suppressions()));
                break;
        }
    }

    public List<ModelResource> Finish()
    {
        var clusters = new List<ClusterBuilder>();
        foreach (var entry in _entries)
        {
            if (entry is ClusterBuilder cluster)
            {
                clusters.Add(cluster);
            }
        }

        foreach (var (clusterKey, properties) in _agentPools)
        {
            foreach (var cluster in clusters)
            {
                if (cluster.Key == clusterKey)
                {
                    cluster.AddPool(properties);
                }
            }
        }

        foreach (var cluster in clusters)
        {
            foreach (var extension in _extensions)
            {
                cluster.AddExtension(extension);
            }
        }

        var result = new List<ModelResource>(_entries.Count);
        foreach (var entry in _entries)
        {
            result.Add(entry as ModelResource ?? ((ClusterBuilder)entry).Build());
        }

        return result;
    }

    private void MapFirewall(ResourceDeclaration declaration)
    {
        var properties = declaration.Property("properties");
        var policy = ArmNav.Path(properties, "firewallPolicy", "id");
        _entries.Add(new AzureFirewallResource(
            declaration.Key,
            declaration.DisplayName,
            declaration.Span,
            declaration.NameSpan,
            RuleMapper.ReadClassicCollections(properties),
            ToPolicyReference(policy))
        {
            UnresolvedCondition = declaration.UnresolvedCondition,
            PrivateIpAddresses = TopologyMapper.FirewallPrivateIps(properties),
            Subnets = TopologyMapper.IpConfigurationReferences(properties, "ipConfigurations", "subnet", _file),
            PublicIpAddresses = TopologyMapper.IpConfigurationReferences(properties, "ipConfigurations", "publicIPAddress", _file),
            Suppressions = declaration.Suppressions(),
            OptedIn = _file.OptedIn,
        });
    }

    private void MapPolicy(ResourceDeclaration declaration)
    {
        var properties = declaration.Property("properties");
        _entries.Add(new FirewallPolicyResource(
            declaration.Key,
            declaration.DisplayName,
            declaration.Span,
            declaration.NameSpan,
            ToPolicyReference(ArmNav.Path(properties, "basePolicy", "id")))
        {
            Suppressions = declaration.Suppressions(),
            OptedIn = _file.OptedIn,
        });
    }

    private void MapRuleCollectionGroup(ResourceDeclaration declaration, bool legacy)
    {
        var properties = declaration.Property("properties");
        var collections = legacy ? RuleMapper.ReadLegacyRuleGroupRules(properties) : RuleMapper.ReadPolicyCollections(properties);
        _entries.Add(new RuleCollectionGroupResource(
            declaration.Key,
            declaration.DisplayName,
            declaration.Span,
            declaration.NameSpan,
            declaration.Key.Parent,
            ArmNav.AsPriority(ArmNav.Get(properties, "priority")),
            collections)
        {
            UnresolvedCondition = declaration.UnresolvedCondition,
            Suppressions = declaration.Suppressions(),
            OptedIn = _file.OptedIn,
        });
    }

    private void MapCluster(ResourceDeclaration declaration)
    {
        var builder = new ClusterBuilder(_file, declaration.Key, declaration.DisplayName, declaration.Span, declaration.NameSpan)
        {
            Suppressions = declaration.Suppressions(),
        };
        builder.ReadCluster(declaration.Property("location"), declaration.Property("properties"));
        _entries.Add(builder);
    }

    private void MapVirtualNetwork(ResourceDeclaration declaration)
    {
        var properties = declaration.Property("properties");
        var subnets = new List<SubnetResource>();
        foreach (var subnet in ArmNav.Items(ArmNav.Get(properties, "subnets")))
        {
            if (subnet is not ArmObject)
            {
                continue;
            }

            var subnetName = ArmNav.Get(subnet, "name");
            var subnetNameText = ArmNav.NameText(subnetName) ?? string.Empty;
            subnets.Add(ReadSubnet(
                new ResourceKey(ResourceKey.SubnetType, declaration.Key.Name + "/" + subnetNameText),
                DisplayNameOf(subnetName, subnetNameText),
                subnet.Origin,
                ArmNav.OriginOr(subnetName, subnet.Origin),
                ArmNav.Get(subnet, "properties"),
                Array.Empty<Suppression>()));
        }

        _entries.Add(new VirtualNetworkResource(declaration.Key, declaration.DisplayName, declaration.Span, declaration.NameSpan)
        {
            DnsServers = ArmNav.ToModelValues(ArmNav.Path(properties, "dhcpOptions", "dnsServers")),
            Subnets = subnets,
            Suppressions = declaration.Suppressions(),
        });
    }

    private static SubnetResource ReadSubnet(
        ResourceKey key,
        string displayName,
        SourceSpan span,
        SourceSpan nameSpan,
        ArmValue? properties,
        IReadOnlyList<Suppression> suppressions)
    {
        var prefixes = new List<ModelValue>();
        if (ArmNav.ToModelValue(ArmNav.Get(properties, "addressPrefix")) is { } prefix)
        {
            prefixes.Add(prefix);
        }

        prefixes.AddRange(ArmNav.ToModelValues(ArmNav.Get(properties, "addressPrefixes")));
        return new SubnetResource(key, displayName, span, nameSpan)
        {
            AddressPrefixes = prefixes,
            RouteTable = ArmNav.ToResourceKey(ArmNav.Path(properties, "routeTable", "id")),
            RouteTableId = ArmNav.ToModelValue(ArmNav.Path(properties, "routeTable", "id")),
            Suppressions = suppressions,
        };
    }

    private PolicyReference? ToPolicyReference(ArmValue? id)
    {
        if (id is null or ArmNull)
        {
            return null;
        }

        // The source of a string includes its quotes; messages quote the reference themselves.
        var text = (_file.SourceOf(id.Origin) ?? ArmNav.NameText(id) ?? string.Empty).Trim().Trim('"', '\'');
        return new PolicyReference(ArmNav.ToResourceKey(id), text, id.Origin);
    }

    /// <summary>
    /// ARM's rule for child resources: a short type (<c>ruleCollectionGroups</c>) is appended to the parent's type, and
    /// a name with fewer segments than the type has levels is prefixed with the parent's name.
    /// </summary>
    public static string FullName(string fullType, string name, string? parentName)
    {
        if (parentName is null)
        {
            return name;
        }

        var levels = fullType.Split('/').Length - 1;
        var segments = name.Split('/').Length;
        return segments < levels ? parentName + "/" + name : name;
    }

    /// <summary>The short name as written, or the expression when the name is unknown.</summary>
    public static string DisplayNameOf(ArmValue? nameValue, string fullName)
    {
        var cut = fullName.LastIndexOf('/');
        var shortName = cut < 0 ? fullName : fullName.Substring(cut + 1);
        if (nameValue is not ArmUnknown unknown || (shortName.IndexOf('{') < 0 && shortName.Length > 0))
        {
            return shortName;
        }

        // An unresolved name reads best as its shape (fw-{parameters('region')}) when it has known text, else as its expression.
        return HasTextOutsideHoles(shortName) ? shortName : unknown.Reason;
    }

    private static bool HasTextOutsideHoles(string shape)
    {
        var depth = 0;
        foreach (var c in shape)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>ARM's child type rule: a short child type is appended to the parent's type.</summary>
    public static string FullType(string type, string? parentType) =>
        parentType is not null && type.IndexOf('/') < 0 ? parentType + "/" + type : type;
}
