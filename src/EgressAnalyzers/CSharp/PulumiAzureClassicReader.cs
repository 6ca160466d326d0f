using System;
using System.Collections.Generic;
using System.Linq;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.CSharp;

/// <summary>
/// Pulumi classic Azure (<c>Pulumi.Azure.Network</c>, <c>Pulumi.Azure.ContainerService</c>) → the engine model. Classic
/// firewall rule collections are separate resources naming their firewall; they become
/// <see cref="ClassicCollectionPart"/>s that <see cref="CSharpModelAssembler"/> attaches to the firewall.
/// </summary>
internal static class PulumiAzureClassicReader
{
    public static ModelResource? Read(CSharpResourceKind kind, CSharpObject creation, PulumiStackConfig config)
    {
        var args = creation.ConstructorArguments.Count > 1 ? creation.ConstructorArguments[1] : null;
        var argsObject = args as CSharpObject;
        var anchor = argsObject?.Span ?? creation.Span;
        switch (kind)
        {
            case CSharpResourceKind.Firewall:
            {
                var name = PulumiAzureNativeReader.ResourceName(creation, "Name");
                var policy = PolicyReference(argsObject?.Get("FirewallPolicyId"));
                return new AzureFirewallResource(new ResourceKey(ResourceKey.AzureFirewallType, name), name, creation.Span, anchor, Array.Empty<RuleCollection>(), policy);
            }

            case CSharpResourceKind.FirewallPolicy:
            {
                var name = PulumiAzureNativeReader.ResourceName(creation, "Name");
                return new FirewallPolicyResource(new ResourceKey(ResourceKey.FirewallPolicyType, name), name, creation.Span, anchor, PolicyReference(argsObject?.Get("BasePolicyId")));
            }

            case CSharpResourceKind.RuleCollectionGroup:
            {
                var name = PulumiAzureNativeReader.ResourceName(creation, "Name");
                var policyName = PolicyName(argsObject?.Get("FirewallPolicyId"));
                var collections = new List<RuleCollection>();
                if (argsObject is not null)
                {
                    collections.AddRange(argsObject.Get("NetworkRuleCollections").Items().Select(c => CSharpRuleMapper.ReadCollection(c, RuleCollectionKind.Network)));
                    collections.AddRange(argsObject.Get("ApplicationRuleCollections").Items().Select(c => CSharpRuleMapper.ReadCollection(c, RuleCollectionKind.Application)));
                    collections.AddRange(argsObject.Get("NatRuleCollections").Items().Select(c => CSharpRuleMapper.ReadCollection(c, RuleCollectionKind.Nat)));
                }
                else if (args is not null)
                {
                    collections.AddRange(CSharpRuleMapper.ReadPolicyCollection(args));
                }

                return new RuleCollectionGroupResource(
                    new ResourceKey(ResourceKey.RuleCollectionGroupType, policyName + "/" + name), name, creation.Span, anchor,
                    new ResourceKey(ResourceKey.FirewallPolicyType, policyName), argsObject?.Get("Priority").AsInt(), collections);
            }

            case CSharpResourceKind.IpGroup:
            {
                // Without Cidrs the group is not known to be empty: IPGroupCIDR resources may add its addresses.
                var name = PulumiAzureNativeReader.ResourceName(creation, PulumiAzureNativeReader.IpGroupNameProperties);
                var cidrs = argsObject is not null ? argsObject.Get("Cidrs") : args;
                var addresses = cidrs is null
                    ? new[] { ModelValue.Unknown($"the CIDRs of IP group '{name}' (IPGroupCIDR resources may add them)", anchor) }
                    : cidrs.ToModels();
                return new IpGroupResource(new ResourceKey(ResourceKey.IpGroupType, name), name, creation.Span, anchor, addresses);
            }

            case CSharpResourceKind.ClassicApplicationCollection:
            case CSharpResourceKind.ClassicNetworkCollection:
            {
                var collectionKind = kind == CSharpResourceKind.ClassicApplicationCollection ? RuleCollectionKind.Application : RuleCollectionKind.Network;
                // Args known only at run time: the collection is a placeholder whose rules may be anything.
                var collectionValue = (CSharpValue?)argsObject ?? args ?? creation;
                var collection = CSharpRuleMapper.ReadCollection(collectionValue, collectionKind);
                if (argsObject is not null && argsObject.Get("Name") is null)
                {
                    // The collection's Azure name defaults to the Pulumi logical name.
                    var logical = PulumiAzureNativeReader.ResourceName(creation);
                    collection = new RuleCollection(logical, collection.Kind, collection.Priority, collection.Action, collection.Span, collection.ApplicationRules, collection.NetworkRules, collection.NameSpan, collection.RulesSpan);
                }

                var firewallName = argsObject?.Get("AzureFirewallName") switch
                {
                    CSharpScalar s => s.Text,
                    CSharpResourceReference r => PulumiAzureNativeReader.ResourceName(r.Resource, "Name"),
                    null => "?",
                    var other => "{" + CSharpValue.TextOf(other.Syntax) + "}",
                };
                return new ClassicCollectionPart(new ResourceKey(ResourceKey.AzureFirewallType, firewallName), firewallName, creation.Span, anchor, collection);
            }

            case CSharpResourceKind.Cluster:
                return ReadCluster(creation, argsObject, anchor, config);
            default:
                return null;
        }
    }

    private static AksClusterResource ReadCluster(CSharpObject creation, CSharpObject? args, SourceSpan anchor, PulumiStackConfig config)
    {
        var name = PulumiAzureNativeReader.ResourceName(creation, "Name");
        var features = ClusterFeatures.Empty();
        var location = args?.Get("Location") switch
        {
            CSharpScalar s => ModelValue.Known(Regions.Normalize(s.Text), s.Span),
            null => config.ProviderLocation("azure", anchor),
            var other => other.ToModel(),
        };

        if (args?.Get("DefaultNodePool") is { } pool)
        {
            ClusterFeatures.AddPool(features, pool, "VmSize", "OsType");
        }

        ClusterFeatures.Add(features, "monitoring", Present(args?.Get("OmsAgent")));
        ClusterFeatures.Add(features, "policy", args?.Get("AzurePolicyEnabled").ToFact());
        ClusterFeatures.Add(features, "keyvault", Present(args?.Get("KeyVaultSecretsProvider")));
        ClusterFeatures.Add(features, "workloadIdentity", args?.Get("WorkloadIdentityEnabled").ToFact());
        return new AksClusterResource(new ResourceKey(ResourceKey.ManagedClusterType, name), name, creation.Span, anchor)
        {
            Location = location,
            PrivateCluster = args?.Get("PrivateClusterEnabled").ToFact() ?? Fact.No,
            OutboundType = (args?.Get("NetworkProfile") as CSharpObject)?.Get("OutboundType").ToModel(),
            Features = features,
        };
    }

    /// <summary>An add-on block written at all (<c>OmsAgent = new …Args { … }</c>) turns the add-on on.</summary>
    private static Fact? Present(CSharpValue? value) => value switch
    {
        null => null,
        CSharpObject obj => Fact.Yes(obj.Span),
        _ => value.ToFact(),
    };

    // Not written (yet), or the whole Args object unknown: detached, as in PulumiAzureNativeReader.
    private static string PolicyName(CSharpValue? value) => value switch
    {
        CSharpScalar s => LastSegment(s.Text),
        CSharpResourceReference r => PulumiAzureNativeReader.ResourceName(r.Resource, "Name"),
        null => "?",
        _ => "{" + CSharpValue.TextOf(value.Syntax) + "}",
    };

    private static PolicyReference? PolicyReference(CSharpValue? id) => id switch
    {
        null => null,
        CSharpResourceReference r => new PolicyReference(new ResourceKey(ResourceKey.FirewallPolicyType, PulumiAzureNativeReader.ResourceName(r.Resource, "Name")), CSharpValue.TextOf(r.Syntax), r.Span),
        CSharpScalar s => new PolicyReference(new ResourceKey(ResourceKey.FirewallPolicyType, LastSegment(s.Text)), s.Text, s.Span),
        _ => new PolicyReference(null, CSharpValue.TextOf(id.Syntax), id.Span),
    };

    private static string LastSegment(string idOrName)
    {
        var cut = idOrName.TrimEnd('/').LastIndexOf('/');
        return cut < 0 ? idOrName : idOrName.Substring(cut + 1);
    }
}

/// <summary>A classic collection resource, waiting to be attached to the firewall it names.</summary>
internal sealed class ClassicCollectionPart : ModelResource
{
    public ClassicCollectionPart(ResourceKey firewall, string firewallName, SourceSpan span, SourceSpan nameSpan, RuleCollection collection)
        : base(firewall, firewallName, span, nameSpan)
    {
        Collection = collection;
    }

    public RuleCollection Collection { get; }
}

/// <summary>Attaches classic collection resources to their firewall (or to a stand-in when the firewall is not in the inputs).</summary>
internal static class CSharpModelAssembler
{
    public static IReadOnlyList<ModelResource> Assemble(IReadOnlyList<ModelResource> resources)
    {
        resources = resources.SelectMany(r => r is CSharpResourceBundle bundle ? bundle.Resources : new[] { r }).ToList();
        var parts = resources.OfType<ClassicCollectionPart>().ToList();
        if (parts.Count == 0)
        {
            return resources;
        }

        var result = new List<ModelResource>();
        var attached = new HashSet<ClassicCollectionPart>();
        foreach (var resource in resources)
        {
            if (resource is ClassicCollectionPart)
            {
                continue;
            }

            if (resource is AzureFirewallResource firewall)
            {
                var mine = parts.Where(p => p.Key == firewall.Key).ToList();
                attached.UnionWith(mine);
                result.Add(mine.Count == 0 ? firewall : new AzureFirewallResource(
                    firewall.Key, firewall.DisplayName, firewall.Span, firewall.NameSpan,
                    firewall.Collections.Concat(mine.Select(p => p.Collection)).ToList(), firewall.FirewallPolicy)
                {
                    Suppressions = firewall.Suppressions,
                    OptedIn = firewall.OptedIn,
                });
                continue;
            }

            result.Add(resource);
        }

        foreach (var group in parts.Where(p => !attached.Contains(p)).GroupBy(p => p.Key))
        {
            var first = group.First();
            result.Add(new AzureFirewallResource(first.Key, first.DisplayName, first.Span, first.NameSpan, group.Select(p => p.Collection).ToList(), null) { IsStandIn = true });
        }

        return result;
    }
}
