using System;
using System.Collections.Generic;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Template;

/// <summary>
/// Collects the facts of one <c>managedClusters</c> resource. Separate <c>agentPools</c> resources and
/// <c>KubernetesConfiguration/extensions</c> resources of the same file are merged in before it becomes a model resource.
/// </summary>
internal sealed class ClusterBuilder
{
    /// <summary>Catalog feature names this reader detects.</summary>
    public static readonly string[] FeatureNames =
    {
        "gpu", "windows", "monitoring", "policy", "defender", "keyvault", "workloadIdentity", "extensions",
    };

    private readonly Dictionary<string, FactAccumulator> _features = new(StringComparer.Ordinal);
    private readonly List<SubnetReference> _nodeSubnets = new();
    private readonly FileReadState _file;
    private readonly FactAccumulator _nodePublicIp = new();
    private readonly FactAccumulator _ingressAddOn = new();

    public ClusterBuilder(FileReadState file, ResourceKey key, string displayName, SourceSpan span, SourceSpan nameSpan)
    {
        _file = file;
        Key = key;
        DisplayName = displayName;
        Span = span;
        NameSpan = nameSpan;
        foreach (var name in FeatureNames)
        {
            _features[name] = new FactAccumulator();
        }
    }

    public ResourceKey Key { get; }

    public string DisplayName { get; }

    public SourceSpan Span { get; }

    public SourceSpan NameSpan { get; }

    public ModelValue? Location { get; private set; }

    public Fact PrivateCluster { get; private set; } = Fact.No;

    public ModelValue? OutboundType { get; private set; }

    public IReadOnlyList<Suppression> Suppressions { get; set; } = Array.Empty<Suppression>();

    public void ReadCluster(ArmValue? location, ArmValue? properties)
    {
        Location = location switch
        {
            ArmString s => ModelValue.Known(Regions.Normalize(s.Value), s.Origin),
            ArmUnknown u => ModelValue.Unknown(u.Reason, u.Origin),
            _ => null,
        };

        PrivateCluster = BoolFact(ArmNav.Path(properties, "apiServerAccessProfile", "enablePrivateCluster"));
        var outboundType = ArmNav.Path(properties, "networkProfile", "outboundType");
        OutboundType = outboundType is ArmNull ? null : ArmNav.ToModelValue(outboundType);

        _ingressAddOn.Add(BoolFact(ArmNav.Path(properties, "addonProfiles", "httpApplicationRouting", "enabled")));
        _ingressAddOn.Add(BoolFact(ArmNav.Path(properties, "ingressProfile", "webAppRouting", "enabled")));

        var pools = ArmNav.Get(properties, "agentPoolProfiles");
        foreach (var pool in ArmNav.Items(pools))
        {
            AddPool(pool);
        }

        Feature("monitoring").Add(BoolFact(ArmNav.Path(properties, "addonProfiles", "omsagent", "enabled")));
        Feature("monitoring").Add(BoolFact(ArmNav.Path(properties, "azureMonitorProfile", "metrics", "enabled")));
        Feature("monitoring").Add(BoolFact(ArmNav.Path(properties, "azureMonitorProfile", "containerInsights", "enabled")));
        Feature("policy").Add(BoolFact(ArmNav.Path(properties, "addonProfiles", "azurepolicy", "enabled")));
        Feature("defender").Add(BoolFact(ArmNav.Path(properties, "securityProfile", "defender", "securityMonitoring", "enabled")));
        Feature("keyvault").Add(BoolFact(ArmNav.Path(properties, "addonProfiles", "azureKeyvaultSecretsProvider", "enabled")));
        Feature("workloadIdentity").Add(BoolFact(ArmNav.Path(properties, "securityProfile", "workloadIdentity", "enabled")));
    }

    /// <summary>An <c>agentPoolProfiles[]</c> item, or the <c>properties</c> of an <c>agentPools</c> resource.</summary>
    public void AddPool(ArmValue pool)
    {
        if (pool is ArmUnknown unknown)
        {
            Feature("gpu").Add(Fact.Unknown(unknown.Reason, unknown.Origin));
            Feature("windows").Add(Fact.Unknown(unknown.Reason, unknown.Origin));
            return;
        }

        if (pool is not ArmObject)
        {
            return;
        }

        var vmSize = ArmNav.Get(pool, "vmSize");
        Feature("gpu").Add(vmSize switch
        {
            ArmString s => VmSizes.GpuFact(s.Value, s.Origin),
            ArmUnknown u => Fact.Unknown(u.Reason, u.Origin),
            _ => Fact.No,
        });

        var osType = ArmNav.Get(pool, "osType");
        Feature("windows").Add(osType switch
        {
            ArmString s when string.Equals(s.Value, "Windows", StringComparison.OrdinalIgnoreCase) => Fact.Yes(s.Origin),
            ArmUnknown u => Fact.Unknown(u.Reason, u.Origin),
            _ => Fact.No,
        });

        _nodePublicIp.Add(BoolFact(ArmNav.Get(pool, "enableNodePublicIP")));
        var subnet = ArmNav.Get(pool, "vnetSubnetID") ?? ArmNav.Get(pool, "vnetSubnetId");
        if (subnet is not null and not ArmNull)
        {
            var key = ArmNav.ToResourceKey(subnet) ?? PartialSubnetKey(subnet);
            var text = _file.SourceOf(subnet.Origin) ?? ArmNav.NameText(subnet) ?? string.Empty;
            _nodeSubnets.Add(new SubnetReference(key, text, subnet.Origin));
        }
    }

    /// <summary>A <c>Microsoft.KubernetesConfiguration/extensions</c> resource in the same file.</summary>
    public void AddExtension(SourceSpan span) => Feature("extensions").Add(Fact.Yes(span));

    public AksClusterResource Build()
    {
        var features = new Dictionary<string, Fact>(StringComparer.Ordinal);
        foreach (var pair in _features)
        {
            features[pair.Key] = pair.Value.Result;
        }

        return new AksClusterResource(Key, DisplayName, Span, NameSpan)
        {
            Location = Location,
            PrivateCluster = PrivateCluster,
            OutboundType = OutboundType,
            Features = features,
            NodeSubnets = _nodeSubnets.ToArray(),
            NodePublicIp = _nodePublicIp.Result,
            PublicIngressAddOn = _ingressAddOn.Result,
            Suppressions = Suppressions,
        };
    }

    private FactAccumulator Feature(string name) => _features[name];

    /// <summary>
    /// <c>concat(parameters('vnetId'), '/subnets/snet-nodes')</c>: the VNet is unknown but the subnet's name is not.
    /// The key keeps the unknown VNet as a hole, so the model can still find the one subnet of that name in the inputs.
    /// </summary>
    private static ResourceKey? PartialSubnetKey(ArmValue subnet)
    {
        const string Marker = "/subnets/";
        if (subnet is not ArmUnknown { Symbol: { } symbol })
        {
            return null;
        }

        var at = symbol.LastIndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        if (at <= 0)
        {
            return null;
        }

        var name = symbol.Substring(at + Marker.Length);
        var network = symbol.Substring(0, at);
        return name.Length == 0 || name.IndexOf('/') >= 0 || name.IndexOf('{') >= 0 || network.IndexOf('{') < 0
            ? null
            : new ResourceKey(ResourceKey.SubnetType, network + "/" + name);
    }

    /// <summary>true → Yes, false/absent → No, unresolved → Unknown (with the expression and where it is written).</summary>
    public static Fact BoolFact(ArmValue? value)
    {
        if (value is ArmUnknown unknown)
        {
            return Fact.Unknown(unknown.Reason, unknown.Origin);
        }

        return ArmNav.AsBool(value) == true ? Fact.Yes(value!.Origin) : Fact.No;
    }

    /// <summary>Any Yes wins; else any Unknown; else No. The first fact of the winning kind is kept.</summary>
    private sealed class FactAccumulator
    {
        public Fact Result { get; private set; } = Fact.No;

        public void Add(Fact fact)
        {
            if (fact.Value > Result.Value)
            {
                Result = fact;
            }
        }
    }
}
