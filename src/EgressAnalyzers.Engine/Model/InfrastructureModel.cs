using System.Collections.Generic;
using System.Linq;

namespace EgressAnalyzers.Engine.Model;

/// <summary>Everything the readers found across all inputs of one compilation or build: the engine's only input.</summary>
public sealed class InfrastructureModel
{
    public InfrastructureModel(IEnumerable<ModelResource> resources)
    {
        var all = resources.ToList();
        Firewalls = all.OfType<AzureFirewallResource>().ToList();
        Policies = all.OfType<FirewallPolicyResource>().ToList();
        RuleCollectionGroups = all.OfType<RuleCollectionGroupResource>().ToList();
        Clusters = all.OfType<AksClusterResource>().ToList();
        VirtualNetworks = all.OfType<VirtualNetworkResource>().ToList();
        Subnets = all.OfType<SubnetResource>().Concat(VirtualNetworks.SelectMany(v => v.Subnets)).ToList();
        RouteTables = all.OfType<RouteTableResource>().ToList();
        Routes = all.OfType<RouteResource>().ToList();
        PublicIpAddresses = all.OfType<PublicIpAddressResource>().ToList();
        IngressResources = all.OfType<IngressResource>().ToList();
        IpGroups = all.OfType<IpGroupResource>().ToList();
        All = all;
    }

    public IReadOnlyList<RouteTableResource> RouteTables { get; }

    /// <summary>Routes declared as their own resources (<c>routeTables/routes</c>).</summary>
    public IReadOnlyList<RouteResource> Routes { get; }

    public IReadOnlyList<PublicIpAddressResource> PublicIpAddresses { get; }

    public IReadOnlyList<IpGroupResource> IpGroups { get; }

    /// <summary>Application gateways and load balancers.</summary>
    public IReadOnlyList<IngressResource> IngressResources { get; }

    /// <summary>Every route of a table: written inline, or as child resources anywhere in the inputs.</summary>
    public IReadOnlyList<RouteEntry> RoutesOf(RouteTableResource table) =>
        table.Routes.Concat(Routes.Where(r => r.Key.Parent == table.Key).Select(r => r.Route)).ToList();

    /// <summary>
    /// The subnet a reference points at: by key; else, when only the VNet part of the ID is unresolved
    /// (<c>{parameters('vnetId')}/subnets/snet-nodes</c>), the one subnet in the inputs with that name.
    /// </summary>
    public SubnetResource? ResolveSubnet(ResourceKey? key)
    {
        if (key is not { } k || k.IsEmpty)
        {
            return null;
        }

        var exact = Subnets.FirstOrDefault(s => s.Key == k);
        var cut = k.Name.LastIndexOf('/');
        var networkPart = cut < 0 ? string.Empty : k.Name.Substring(0, cut);
        if (exact is not null || k.Type != ResourceKey.SubnetType || networkPart.IndexOf('{') < 0 || k.ShortName.IndexOf('{') >= 0)
        {
            return exact;
        }

        var byName = Subnets.Where(s => string.Equals(s.Key.ShortName, k.ShortName, System.StringComparison.Ordinal)).ToList();
        return byName.Count == 1 ? byName[0] : null;
    }

    /// <summary>The VNet that holds a subnet (inline, or the parent of a child subnet resource).</summary>
    public VirtualNetworkResource? NetworkOf(SubnetResource subnet) =>
        VirtualNetworks.FirstOrDefault(v => v.Subnets.Contains(subnet) || v.Key == subnet.Key.Parent);

    public IReadOnlyList<ModelResource> All { get; }

    public IReadOnlyList<AzureFirewallResource> Firewalls { get; }

    public IReadOnlyList<FirewallPolicyResource> Policies { get; }

    public IReadOnlyList<RuleCollectionGroupResource> RuleCollectionGroups { get; }

    public IReadOnlyList<AksClusterResource> Clusters { get; }

    public IReadOnlyList<VirtualNetworkResource> VirtualNetworks { get; }

    /// <summary>Subnets written inline in VNets and as child resources.</summary>
    public IReadOnlyList<SubnetResource> Subnets { get; }

    public static InfrastructureModel From(IEnumerable<TemplateReadResult> results) =>
        new(results.SelectMany(r => r.Resources));
}
