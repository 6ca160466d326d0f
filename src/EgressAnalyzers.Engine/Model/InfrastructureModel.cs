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
        All = all;
    }

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
