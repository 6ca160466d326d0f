using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace EgressAnalyzers.CSharp;

/// <summary>The infrastructure resource kinds the C# readers understand.</summary>
internal enum CSharpResourceKind
{
    None,
    Firewall,
    FirewallPolicy,
    RuleCollectionGroup,
    Cluster,

    /// <summary>Pulumi classic <c>FirewallApplicationRuleCollection</c>: a collection resource attached to a firewall by name.</summary>
    ClassicApplicationCollection,

    /// <summary>Pulumi classic <c>FirewallNetworkRuleCollection</c>.</summary>
    ClassicNetworkCollection,

    /// <summary><c>IpGroup</c> (Azure Native) / <c>IPGroup</c> (classic): addresses that rules name by the group's ID.</summary>
    IpGroup,
}

/// <summary>The SDK a recognised type belongs to (property names and conventions differ).</summary>
internal enum CSharpSdk
{
    PulumiAzureNative,
    PulumiAzureClassic,
    AzureResourceManager,
}

/// <summary>
/// The SDK types of one compilation, resolved once at compilation start. <see cref="IsEmpty"/> lets the analyzer skip
/// C# analysis entirely in projects that reference none of the SDKs (the common case).
/// </summary>
internal sealed class CSharpSdkSymbols
{
    private static readonly (string MetadataName, CSharpResourceKind Kind)[] PulumiAzureNativeResources =
    {
        ("Pulumi.AzureNative.Network.AzureFirewall", CSharpResourceKind.Firewall),
        ("Pulumi.AzureNative.Network.FirewallPolicy", CSharpResourceKind.FirewallPolicy),
        ("Pulumi.AzureNative.Network.FirewallPolicyRuleCollectionGroup", CSharpResourceKind.RuleCollectionGroup),
        ("Pulumi.AzureNative.ContainerService.ManagedCluster", CSharpResourceKind.Cluster),
        ("Pulumi.AzureNative.Network.IpGroup", CSharpResourceKind.IpGroup),
    };

    private static readonly (string MetadataName, CSharpResourceKind Kind)[] PulumiAzureClassicResources =
    {
        ("Pulumi.Azure.Network.Firewall", CSharpResourceKind.Firewall),
        ("Pulumi.Azure.Network.FirewallPolicy", CSharpResourceKind.FirewallPolicy),
        ("Pulumi.Azure.Network.FirewallPolicyRuleCollectionGroup", CSharpResourceKind.RuleCollectionGroup),
        ("Pulumi.Azure.Network.FirewallApplicationRuleCollection", CSharpResourceKind.ClassicApplicationCollection),
        ("Pulumi.Azure.Network.FirewallNetworkRuleCollection", CSharpResourceKind.ClassicNetworkCollection),
        ("Pulumi.Azure.ContainerService.KubernetesCluster", CSharpResourceKind.Cluster),
        ("Pulumi.Azure.Network.IPGroup", CSharpResourceKind.IpGroup),
    };

    private static readonly (string MetadataName, CSharpResourceKind Kind)[] AzureResourceManagerResources =
    {
        ("Azure.ResourceManager.Network.AzureFirewallData", CSharpResourceKind.Firewall),
        ("Azure.ResourceManager.Network.FirewallPolicyRuleCollectionGroupData", CSharpResourceKind.RuleCollectionGroup),
    };

    /// <summary>
    /// The simple names of every resource type above (versioned Azure Native namespaces reuse them): the seed of the
    /// syntactic pre-filter that keeps the analyzer from binding code that cannot create a resource.
    /// </summary>
    public static IEnumerable<string> ResourceTypeSimpleNames
    {
        get
        {
            foreach (var table in new[] { PulumiAzureNativeResources, PulumiAzureClassicResources, AzureResourceManagerResources })
            {
                foreach (var (name, _) in table)
                {
                    yield return name.Substring(name.LastIndexOf('.') + 1);
                }
            }
        }
    }

    private readonly Dictionary<INamedTypeSymbol, CSharpResourceKind> _resources = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<INamedTypeSymbol, CSharpSdk> _sdks = new(SymbolEqualityComparer.Default);

    private CSharpSdkSymbols(Compilation compilation)
    {
        // Namespace by namespace from the merged global namespace: one lookup of "Pulumi" and "Azure" across all
        // references, then only the assemblies that declare them. GetTypeByMetadataName searched every reference for
        // every name, 13 times per compilation, in every project built with the analyzer.
        var namespaces = new Dictionary<string, INamespaceSymbol?>(System.StringComparer.Ordinal);
        foreach (var (table, sdk) in new[] { (PulumiAzureNativeResources, CSharpSdk.PulumiAzureNative), (PulumiAzureClassicResources, CSharpSdk.PulumiAzureClassic), (AzureResourceManagerResources, CSharpSdk.AzureResourceManager) })
        {
            foreach (var (name, kind) in table)
            {
                if (FindType(compilation, namespaces, name) is { } type)
                {
                    _resources[type] = kind;
                    _sdks[type] = sdk;
                }
            }
        }

        CustomResource = FindType(compilation, namespaces, "Pulumi.CustomResource");
    }

    /// <summary>Pulumi's resource base class (versioned Azure Native namespaces such as <c>Network.V20230501</c> derive from it too).</summary>
    public INamedTypeSymbol? CustomResource { get; }

    public bool IsEmpty => _resources.Count == 0 && CustomResource is null;

    public static CSharpSdkSymbols Resolve(Compilation compilation) => new(compilation);

    /// <summary>The kind of resource a creation of <paramref name="type"/> (or of a user subclass) makes.</summary>
    public CSharpResourceKind KindOf(ITypeSymbol? type) => Classify(type).Kind;

    /// <summary>The kind and SDK of a creation of <paramref name="type"/>.</summary>
    public (CSharpResourceKind Kind, CSharpSdk Sdk) Classify(ITypeSymbol? type)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (_resources.TryGetValue(current, out var kind))
            {
                return (kind, _sdks[current]);
            }

            // Versioned Azure Native modules (Pulumi.AzureNative.Network.V20230501.AzureFirewall) have the same shapes.
            if (CustomResource is not null && current.ContainingNamespace?.ToDisplayString() is { } ns
                && (ns.StartsWith("Pulumi.AzureNative.Network.V", System.StringComparison.Ordinal) || ns.StartsWith("Pulumi.AzureNative.ContainerService.V", System.StringComparison.Ordinal)))
            {
                foreach (var (name, candidate) in PulumiAzureNativeResources)
                {
                    if (name.EndsWith("." + current.Name, System.StringComparison.Ordinal) && name.StartsWith(ns.Substring(0, ns.LastIndexOf('.')), System.StringComparison.Ordinal))
                    {
                        return (candidate, CSharpSdk.PulumiAzureNative);
                    }
                }
            }
        }

        return (CSharpResourceKind.None, CSharpSdk.PulumiAzureNative);
    }

    /// <summary>
    /// The one non-generic type of that full name visible to the compilation; null if there is none or several (as
    /// <see cref="Compilation.GetTypeByMetadataName"/> answers for a name declared in two references).
    /// </summary>
    private static INamedTypeSymbol? FindType(Compilation compilation, Dictionary<string, INamespaceSymbol?> namespaces, string fullName)
    {
        var lastDot = fullName.LastIndexOf('.');
        if (FindNamespace(compilation, namespaces, fullName.Substring(0, lastDot)) is not { } containing)
        {
            return null;
        }

        INamedTypeSymbol? found = null;
        foreach (var type in containing.GetTypeMembers(fullName.Substring(lastDot + 1)))
        {
            if (type.Arity != 0)
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            found = type;
        }

        return found;
    }

    private static INamespaceSymbol? FindNamespace(Compilation compilation, Dictionary<string, INamespaceSymbol?> namespaces, string name)
    {
        if (namespaces.TryGetValue(name, out var known))
        {
            return known;
        }

        var lastDot = name.LastIndexOf('.');
        var parent = lastDot < 0 ? compilation.GlobalNamespace : FindNamespace(compilation, namespaces, name.Substring(0, lastDot));
        INamespaceSymbol? result = null;
        if (parent is not null)
        {
            foreach (var member in parent.GetMembers(name.Substring(lastDot + 1)))
            {
                if (member is INamespaceSymbol childNamespace)
                {
                    result = childNamespace;
                    break;
                }
            }
        }

        namespaces[name] = result;
        return result;
    }
}
