using System;
using System.Collections.Generic;
using System.Linq;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.CSharp;

/// <summary>
/// Pulumi Azure Native resources (<c>new AzureFirewall("name", new AzureFirewallArgs { … })</c> and friends) → the
/// engine model, with the same facts the ARM reader takes from the same resources.
/// </summary>
internal static class PulumiAzureNativeReader
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
                var name = ResourceName(creation, "AzureFirewallName");
                var collections = new List<RuleCollection>();
                if (argsObject is not null)
                {
                    collections.AddRange(argsObject.Get("ApplicationRuleCollections").Items().Select(c => CSharpRuleMapper.ReadCollection(c, RuleCollectionKind.Application)));
                    collections.AddRange(argsObject.Get("NetworkRuleCollections").Items().Select(c => CSharpRuleMapper.ReadCollection(c, RuleCollectionKind.Network)));
                    collections.AddRange(argsObject.Get("NatRuleCollections").Items().Select(c => CSharpRuleMapper.ReadCollection(c, RuleCollectionKind.Nat)));
                }
                else if (args is not null)
                {
                    // The whole Args object is unknown: its rules may be anything.
                    collections.Add(CSharpRuleMapper.ReadCollection(args, RuleCollectionKind.Application));
                    collections.Add(CSharpRuleMapper.ReadCollection(args, RuleCollectionKind.Network));
                }

                var policy = PolicyReferenceOf((argsObject?.Get("FirewallPolicy") as CSharpObject)?.Get("Id"));
                return new AzureFirewallResource(new ResourceKey(ResourceKey.AzureFirewallType, name), name, creation.Span, anchor, collections, policy);
            }

            case CSharpResourceKind.FirewallPolicy:
            {
                var name = ResourceName(creation, "FirewallPolicyName");
                var basePolicy = PolicyReferenceOf((argsObject?.Get("BasePolicy") as CSharpObject)?.Get("Id"));
                return new FirewallPolicyResource(new ResourceKey(ResourceKey.FirewallPolicyType, name), name, creation.Span, anchor, basePolicy);
            }

            case CSharpResourceKind.RuleCollectionGroup:
            {
                var name = ResourceName(creation, "RuleCollectionGroupName", "Name");
                var policyName = PolicyName(argsObject?.Get("FirewallPolicyName"));
                var collections = argsObject is not null
                    ? argsObject.Get("RuleCollections").Items().SelectMany(CSharpRuleMapper.ReadPolicyCollection).ToList()
                    : args is not null ? CSharpRuleMapper.ReadPolicyCollection(args).ToList() : new List<RuleCollection>();
                return new RuleCollectionGroupResource(
                    new ResourceKey(ResourceKey.RuleCollectionGroupType, policyName + "/" + name),
                    name,
                    creation.Span,
                    anchor,
                    new ResourceKey(ResourceKey.FirewallPolicyType, policyName),
                    argsObject?.Get("Priority").AsInt(),
                    collections);
            }

            case CSharpResourceKind.Cluster:
                return ReadCluster(creation, argsObject, anchor, config);
            case CSharpResourceKind.IpGroup:
            {
                var name = ResourceName(creation, IpGroupNameProperties);
                return new IpGroupResource(new ResourceKey(ResourceKey.IpGroupType, name), name, creation.Span, anchor, (argsObject is not null ? argsObject.Get("IpAddresses") : args).ToModels());
            }

            default:
                return null;
        }
    }

    private static AksClusterResource ReadCluster(CSharpObject creation, CSharpObject? args, SourceSpan anchor, PulumiStackConfig config)
    {
        var name = ResourceName(creation, "ResourceName");
        var features = ClusterFeatures.Empty();
        var location = args?.Get("Location") switch
        {
            CSharpScalar s => ModelValue.Known(Regions.Normalize(s.Text), s.Span),
            null => config.ProviderLocation("azure-native", anchor),
            var other => other.ToModel(),
        };

        var privateCluster = (args?.Get("ApiServerAccessProfile") as CSharpObject)?.Get("EnablePrivateCluster").ToFact() ?? Fact.No;
        var outbound = (args?.Get("NetworkProfile") as CSharpObject)?.Get("OutboundType").ToModel();
        foreach (var pool in args?.Get("AgentPoolProfiles").Items() ?? Array.Empty<CSharpValue>())
        {
            ClusterFeatures.AddPool(features, pool, "VmSize", "OsType");
        }

        if (args?.Get("AddonProfiles") is CSharpObject addons)
        {
            ClusterFeatures.Add(features, "monitoring", (addons.Get("omsagent") as CSharpObject)?.Get("Enabled").ToFact());
            ClusterFeatures.Add(features, "policy", (addons.Get("azurepolicy") as CSharpObject)?.Get("Enabled").ToFact());
            ClusterFeatures.Add(features, "keyvault", (addons.Get("azureKeyvaultSecretsProvider") as CSharpObject)?.Get("Enabled").ToFact());
        }
        else if (args?.Get("AddonProfiles") is { } unknownAddons)
        {
            ClusterFeatures.Add(features, "monitoring", unknownAddons.ToFact());
        }

        return new AksClusterResource(new ResourceKey(ResourceKey.ManagedClusterType, name), name, creation.Span, anchor)
        {
            Location = location,
            PrivateCluster = privateCluster,
            OutboundType = outbound,
            Features = features,
        };
    }

    /// <summary>The Args property that names an IP group in Azure: <c>IpGroupsName</c> (Azure Native), <c>Name</c> (classic).</summary>
    public static readonly string[] IpGroupNameProperties = { "IpGroupsName", "Name" };

    /// <summary>
    /// <c>ipGroup.Id</c> of an IP group the program creates, in the model's form of a resource ID
    /// (<c>Microsoft.Network/ipGroups/name</c>, as the ARM and Bicep readers write <c>resourceId()</c> and <c>.id</c>); any
    /// other value as <see cref="CSharpValueExtensions.ToModel"/> gives it.
    /// </summary>
    public static IReadOnlyList<ModelValue> IpGroupReferences(CSharpValue? groups) =>
        groups.Items().Select(group => group is CSharpResourceReference { Property: "Id", Resource.Type.Name: "IpGroup" or "IPGroup" } reference
            ? ModelValue.Known("Microsoft.Network/ipGroups/" + ResourceName(reference.Resource, IpGroupNameProperties), reference.Span)
            : group.ToModel()!).ToList();

    /// <summary>The Azure name when the Args set it, else the Pulumi logical name (first constructor argument), else the expression.</summary>
    public static string ResourceName(CSharpObject creation, params string[] azureNameProperties)
    {
        var args = creation.ConstructorArguments.Count > 1 ? creation.ConstructorArguments[1] as CSharpObject : null;
        var azureName = args?.Get(azureNameProperties);
        if (azureName is CSharpScalar scalar)
        {
            return scalar.Text;
        }

        var logical = creation.ConstructorArguments.Count > 0 ? creation.ConstructorArguments[0] : null;
        return logical switch
        {
            CSharpScalar s => s.Text,
            CSharpUnknown { Shape: { } shape } => shape,
            null => string.Empty,
            _ => "{" + CSharpValue.TextOf(logical.Syntax) + "}",
        };
    }

    // A group whose policy is not written (yet), or whose whole Args object is unknown, may be any policy's: "?" keeps
    // it detached (FirewallRuleSet.DetachedRules) rather than leaving the policy it is for looking empty.
    private static string PolicyName(CSharpValue? value) => value switch
    {
        CSharpScalar s => LastSegment(s.Text),
        CSharpResourceReference r => ResourceName(r.Resource, "FirewallPolicyName"),
        null => "?",
        _ => "{" + CSharpValue.TextOf(value.Syntax) + "}",
    };

    private static PolicyReference? PolicyReferenceOf(CSharpValue? id) => id switch
    {
        null => null,
        CSharpResourceReference r => new PolicyReference(new ResourceKey(ResourceKey.FirewallPolicyType, ResourceName(r.Resource, "FirewallPolicyName")), CSharpValue.TextOf(r.Syntax), r.Span),
        CSharpScalar s => new PolicyReference(new ResourceKey(ResourceKey.FirewallPolicyType, LastSegment(s.Text)), s.Text, s.Span),
        _ => new PolicyReference(null, CSharpValue.TextOf(id.Syntax), id.Span),
    };

    private static string LastSegment(string idOrName)
    {
        var cut = idOrName.TrimEnd('/').LastIndexOf('/');
        return cut < 0 ? idOrName : idOrName.Substring(cut + 1);
    }
}

/// <summary>Cluster feature facts as the ARM reader names them (catalog feature names).</summary>
internal static class ClusterFeatures
{
    private static readonly string[] Names = { "gpu", "windows", "monitoring", "policy", "defender", "keyvault", "workloadIdentity", "extensions" };

    public static Dictionary<string, Fact> Empty() => Names.ToDictionary(n => n, _ => Fact.No, StringComparer.Ordinal);

    /// <summary>Any Yes wins; else any Unknown; else No (as the ARM reader accumulates).</summary>
    public static void Add(Dictionary<string, Fact> features, string name, Fact? fact)
    {
        if (fact is not null && fact.Value > features[name].Value)
        {
            features[name] = fact;
        }
    }

    public static void AddPool(Dictionary<string, Fact> features, CSharpValue pool, string vmSizeProperty, string osTypeProperty)
    {
        if (pool is not CSharpObject obj)
        {
            var unknown = pool.ToFact();
            Add(features, "gpu", unknown);
            Add(features, "windows", unknown);
            return;
        }

        Add(features, "gpu", obj.Get(vmSizeProperty) switch
        {
            CSharpScalar s => VmSizes.GpuFact(s.Text, s.Span),
            var other => other.ToFact(),
        });
        Add(features, "windows", obj.Get(osTypeProperty) switch
        {
            CSharpScalar s when string.Equals(s.Text, "Windows", StringComparison.OrdinalIgnoreCase) => Fact.Yes(s.Span),
            CSharpScalar => Fact.No,
            var other => other.ToFact(),
        });
    }
}
