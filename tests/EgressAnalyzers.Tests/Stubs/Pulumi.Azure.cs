// Test stub of Pulumi.Azure (classic provider, v6): the public shapes of csharp-iac-api-shapes.md §3. Plain strings
// everywhere (no enum structs). Compiled only into test compilations.
#nullable enable
using System;
using System.Collections.Immutable;
using Pulumi;

namespace Pulumi.Azure.Network
{
    public partial class Firewall : global::Pulumi.CustomResource
    {
        public Output<string> Name { get; private set; } = null!;
        public Output<string> Location { get; private set; } = null!;
        public Firewall(string name, FirewallArgs args, CustomResourceOptions? options = null)
            : base("azure:network/firewall:Firewall", name, args ?? new FirewallArgs(), options)
        {
        }
        private Firewall(string name, Input<string> id, CustomResourceOptions? options = null)
            : base("azure:network/firewall:Firewall", name, null, options)
        {
        }
        public static Firewall Get(string name, Input<string> id, CustomResourceOptions? options = null) => new Firewall(name, id, options);
    }

    public sealed class FirewallArgs : global::Pulumi.ResourceArgs
    {
        public Input<bool>? DnsProxyEnabled { get; set; }
        private InputList<string>? _dnsServers;
        public InputList<string> DnsServers
        {
            get => _dnsServers ?? (_dnsServers = new InputList<string>());
            set => _dnsServers = value;
        }
        public Input<string>? FirewallPolicyId { get; set; }
        private InputList<Inputs.FirewallIpConfigurationArgs>? _ipConfigurations;
        public InputList<Inputs.FirewallIpConfigurationArgs> IpConfigurations
        {
            get => _ipConfigurations ?? (_ipConfigurations = new InputList<Inputs.FirewallIpConfigurationArgs>());
            set => _ipConfigurations = value;
        }
        public Input<string>? Location { get; set; }
        public Input<string>? Name { get; set; }
        private InputList<string>? _privateIpRanges;
        public InputList<string> PrivateIpRanges
        {
            get => _privateIpRanges ?? (_privateIpRanges = new InputList<string>());
            set => _privateIpRanges = value;
        }
        public Input<string> ResourceGroupName { get; set; } = null!;
        public Input<string> SkuName { get; set; } = null!;
        public Input<string> SkuTier { get; set; } = null!;
        private InputMap<string>? _tags;
        public InputMap<string> Tags
        {
            get => _tags ?? (_tags = new InputMap<string>());
            set => _tags = value;
        }
        public Input<string>? ThreatIntelMode { get; set; }
        private InputList<string>? _zones;
        public InputList<string> Zones
        {
            get => _zones ?? (_zones = new InputList<string>());
            set => _zones = value;
        }
        public FirewallArgs()
        {
        }
        public static new FirewallArgs Empty => new FirewallArgs();
    }

    public partial class FirewallPolicy : global::Pulumi.CustomResource
    {
        public Output<string> Name { get; private set; } = null!;
        public FirewallPolicy(string name, FirewallPolicyArgs args, CustomResourceOptions? options = null)
            : base("azure:network/firewallPolicy:FirewallPolicy", name, args ?? new FirewallPolicyArgs(), options)
        {
        }
        private FirewallPolicy(string name, Input<string> id, CustomResourceOptions? options = null)
            : base("azure:network/firewallPolicy:FirewallPolicy", name, null, options)
        {
        }
        public static FirewallPolicy Get(string name, Input<string> id, CustomResourceOptions? options = null) => new FirewallPolicy(name, id, options);
    }

    public sealed class FirewallPolicyArgs : global::Pulumi.ResourceArgs
    {
        public Input<string>? BasePolicyId { get; set; }
        public Input<string>? Location { get; set; }
        public Input<string>? Name { get; set; }
        public Input<string> ResourceGroupName { get; set; } = null!;
        public Input<string>? Sku { get; set; }
        private InputMap<string>? _tags;
        public InputMap<string> Tags
        {
            get => _tags ?? (_tags = new InputMap<string>());
            set => _tags = value;
        }
        public Input<string>? ThreatIntelligenceMode { get; set; }
        public FirewallPolicyArgs()
        {
        }
        public static new FirewallPolicyArgs Empty => new FirewallPolicyArgs();
    }

    public partial class FirewallApplicationRuleCollection : global::Pulumi.CustomResource
    {
        public Output<string> Name { get; private set; } = null!;
        public FirewallApplicationRuleCollection(string name, FirewallApplicationRuleCollectionArgs args, CustomResourceOptions? options = null)
            : base("azure:network/firewallApplicationRuleCollection:FirewallApplicationRuleCollection", name, args ?? new FirewallApplicationRuleCollectionArgs(), options)
        {
        }
        private FirewallApplicationRuleCollection(string name, Input<string> id, CustomResourceOptions? options = null)
            : base("azure:network/firewallApplicationRuleCollection:FirewallApplicationRuleCollection", name, null, options)
        {
        }
        public static FirewallApplicationRuleCollection Get(string name, Input<string> id, CustomResourceOptions? options = null) => new FirewallApplicationRuleCollection(name, id, options);
    }

    public sealed class FirewallApplicationRuleCollectionArgs : global::Pulumi.ResourceArgs
    {
        public Input<string> Action { get; set; } = null!;
        public Input<string> AzureFirewallName { get; set; } = null!;
        public Input<string>? Name { get; set; }
        public Input<int> Priority { get; set; } = null!;
        public Input<string> ResourceGroupName { get; set; } = null!;
        private InputList<Inputs.FirewallApplicationRuleCollectionRuleArgs>? _rules;
        public InputList<Inputs.FirewallApplicationRuleCollectionRuleArgs> Rules
        {
            get => _rules ?? (_rules = new InputList<Inputs.FirewallApplicationRuleCollectionRuleArgs>());
            set => _rules = value;
        }
        public FirewallApplicationRuleCollectionArgs()
        {
        }
        public static new FirewallApplicationRuleCollectionArgs Empty => new FirewallApplicationRuleCollectionArgs();
    }

    public partial class FirewallNetworkRuleCollection : global::Pulumi.CustomResource
    {
        public Output<string> Name { get; private set; } = null!;
        public FirewallNetworkRuleCollection(string name, FirewallNetworkRuleCollectionArgs args, CustomResourceOptions? options = null)
            : base("azure:network/firewallNetworkRuleCollection:FirewallNetworkRuleCollection", name, args ?? new FirewallNetworkRuleCollectionArgs(), options)
        {
        }
        private FirewallNetworkRuleCollection(string name, Input<string> id, CustomResourceOptions? options = null)
            : base("azure:network/firewallNetworkRuleCollection:FirewallNetworkRuleCollection", name, null, options)
        {
        }
        public static FirewallNetworkRuleCollection Get(string name, Input<string> id, CustomResourceOptions? options = null) => new FirewallNetworkRuleCollection(name, id, options);
    }

    public sealed class FirewallNetworkRuleCollectionArgs : global::Pulumi.ResourceArgs
    {
        public Input<string> Action { get; set; } = null!;
        public Input<string> AzureFirewallName { get; set; } = null!;
        public Input<string>? Name { get; set; }
        public Input<int> Priority { get; set; } = null!;
        public Input<string> ResourceGroupName { get; set; } = null!;
        private InputList<Inputs.FirewallNetworkRuleCollectionRuleArgs>? _rules;
        public InputList<Inputs.FirewallNetworkRuleCollectionRuleArgs> Rules
        {
            get => _rules ?? (_rules = new InputList<Inputs.FirewallNetworkRuleCollectionRuleArgs>());
            set => _rules = value;
        }
        public FirewallNetworkRuleCollectionArgs()
        {
        }
        public static new FirewallNetworkRuleCollectionArgs Empty => new FirewallNetworkRuleCollectionArgs();
    }

    public partial class IPGroup : global::Pulumi.CustomResource
    {
        public Output<ImmutableArray<string>> Cidrs { get; private set; } = null!;
        public Output<string> Name { get; private set; } = null!;
        public IPGroup(string name, IPGroupArgs args, CustomResourceOptions? options = null)
            : base("azure:network/iPGroup:IPGroup", name, args ?? new IPGroupArgs(), options)
        {
        }
        private IPGroup(string name, Input<string> id, CustomResourceOptions? options = null)
            : base("azure:network/iPGroup:IPGroup", name, null, options)
        {
        }
        public static IPGroup Get(string name, Input<string> id, CustomResourceOptions? options = null) => new IPGroup(name, id, options);
    }

    public sealed class IPGroupArgs : global::Pulumi.ResourceArgs
    {
        private InputList<string>? _cidrs;
        public InputList<string> Cidrs
        {
            get => _cidrs ?? (_cidrs = new InputList<string>());
            set => _cidrs = value;
        }
        public Input<string>? Location { get; set; }
        public Input<string>? Name { get; set; }
        public Input<string> ResourceGroupName { get; set; } = null!;
        private InputMap<string>? _tags;
        public InputMap<string> Tags
        {
            get => _tags ?? (_tags = new InputMap<string>());
            set => _tags = value;
        }
        public IPGroupArgs()
        {
        }
        public static new IPGroupArgs Empty => new IPGroupArgs();
    }

    public partial class FirewallPolicyRuleCollectionGroup : global::Pulumi.CustomResource
    {
        public Output<string> Name { get; private set; } = null!;
        public FirewallPolicyRuleCollectionGroup(string name, FirewallPolicyRuleCollectionGroupArgs args, CustomResourceOptions? options = null)
            : base("azure:network/firewallPolicyRuleCollectionGroup:FirewallPolicyRuleCollectionGroup", name, args ?? new FirewallPolicyRuleCollectionGroupArgs(), options)
        {
        }
        private FirewallPolicyRuleCollectionGroup(string name, Input<string> id, CustomResourceOptions? options = null)
            : base("azure:network/firewallPolicyRuleCollectionGroup:FirewallPolicyRuleCollectionGroup", name, null, options)
        {
        }
        public static FirewallPolicyRuleCollectionGroup Get(string name, Input<string> id, CustomResourceOptions? options = null) => new FirewallPolicyRuleCollectionGroup(name, id, options);
    }

    public sealed class FirewallPolicyRuleCollectionGroupArgs : global::Pulumi.ResourceArgs
    {
        private InputList<Inputs.FirewallPolicyRuleCollectionGroupApplicationRuleCollectionArgs>? _applicationRuleCollections;
        public InputList<Inputs.FirewallPolicyRuleCollectionGroupApplicationRuleCollectionArgs> ApplicationRuleCollections
        {
            get => _applicationRuleCollections ?? (_applicationRuleCollections = new InputList<Inputs.FirewallPolicyRuleCollectionGroupApplicationRuleCollectionArgs>());
            set => _applicationRuleCollections = value;
        }
        public Input<string> FirewallPolicyId { get; set; } = null!;
        public Input<string>? Name { get; set; }
        private InputList<Inputs.FirewallPolicyRuleCollectionGroupNatRuleCollectionArgs>? _natRuleCollections;
        public InputList<Inputs.FirewallPolicyRuleCollectionGroupNatRuleCollectionArgs> NatRuleCollections
        {
            get => _natRuleCollections ?? (_natRuleCollections = new InputList<Inputs.FirewallPolicyRuleCollectionGroupNatRuleCollectionArgs>());
            set => _natRuleCollections = value;
        }
        private InputList<Inputs.FirewallPolicyRuleCollectionGroupNetworkRuleCollectionArgs>? _networkRuleCollections;
        public InputList<Inputs.FirewallPolicyRuleCollectionGroupNetworkRuleCollectionArgs> NetworkRuleCollections
        {
            get => _networkRuleCollections ?? (_networkRuleCollections = new InputList<Inputs.FirewallPolicyRuleCollectionGroupNetworkRuleCollectionArgs>());
            set => _networkRuleCollections = value;
        }
        public Input<int> Priority { get; set; } = null!;
        public FirewallPolicyRuleCollectionGroupArgs()
        {
        }
        public static new FirewallPolicyRuleCollectionGroupArgs Empty => new FirewallPolicyRuleCollectionGroupArgs();
    }
}

namespace Pulumi.Azure.Network.Inputs
{
    public sealed class FirewallIpConfigurationArgs : global::Pulumi.ResourceArgs
    {
        public Input<string> Name { get; set; } = null!;
        public Input<string>? PrivateIpAddress { get; set; }
        public Input<string>? PublicIpAddressId { get; set; }
        public Input<string>? SubnetId { get; set; }
        public FirewallIpConfigurationArgs()
        {
        }
        public static new FirewallIpConfigurationArgs Empty => new FirewallIpConfigurationArgs();
    }

    public sealed class FirewallApplicationRuleCollectionRuleArgs : global::Pulumi.ResourceArgs
    {
        public Input<string>? Description { get; set; }
        private InputList<string>? _fqdnTags;
        public InputList<string> FqdnTags
        {
            get => _fqdnTags ?? (_fqdnTags = new InputList<string>());
            set => _fqdnTags = value;
        }
        public Input<string> Name { get; set; } = null!;
        private InputList<Inputs.FirewallApplicationRuleCollectionRuleProtocolArgs>? _protocols;
        public InputList<Inputs.FirewallApplicationRuleCollectionRuleProtocolArgs> Protocols
        {
            get => _protocols ?? (_protocols = new InputList<Inputs.FirewallApplicationRuleCollectionRuleProtocolArgs>());
            set => _protocols = value;
        }
        private InputList<string>? _sourceAddresses;
        public InputList<string> SourceAddresses
        {
            get => _sourceAddresses ?? (_sourceAddresses = new InputList<string>());
            set => _sourceAddresses = value;
        }
        private InputList<string>? _sourceIpGroups;
        public InputList<string> SourceIpGroups
        {
            get => _sourceIpGroups ?? (_sourceIpGroups = new InputList<string>());
            set => _sourceIpGroups = value;
        }
        private InputList<string>? _targetFqdns;
        public InputList<string> TargetFqdns
        {
            get => _targetFqdns ?? (_targetFqdns = new InputList<string>());
            set => _targetFqdns = value;
        }
        public FirewallApplicationRuleCollectionRuleArgs()
        {
        }
        public static new FirewallApplicationRuleCollectionRuleArgs Empty => new FirewallApplicationRuleCollectionRuleArgs();
    }

    public sealed class FirewallApplicationRuleCollectionRuleProtocolArgs : global::Pulumi.ResourceArgs
    {
        public Input<int> Port { get; set; } = null!;
        public Input<string> Type { get; set; } = null!;
        public FirewallApplicationRuleCollectionRuleProtocolArgs()
        {
        }
        public static new FirewallApplicationRuleCollectionRuleProtocolArgs Empty => new FirewallApplicationRuleCollectionRuleProtocolArgs();
    }

    public sealed class FirewallNetworkRuleCollectionRuleArgs : global::Pulumi.ResourceArgs
    {
        public Input<string>? Description { get; set; }
        private InputList<string>? _destinationAddresses;
        public InputList<string> DestinationAddresses
        {
            get => _destinationAddresses ?? (_destinationAddresses = new InputList<string>());
            set => _destinationAddresses = value;
        }
        private InputList<string>? _destinationFqdns;
        public InputList<string> DestinationFqdns
        {
            get => _destinationFqdns ?? (_destinationFqdns = new InputList<string>());
            set => _destinationFqdns = value;
        }
        private InputList<string>? _destinationIpGroups;
        public InputList<string> DestinationIpGroups
        {
            get => _destinationIpGroups ?? (_destinationIpGroups = new InputList<string>());
            set => _destinationIpGroups = value;
        }
        private InputList<string>? _destinationPorts;
        public InputList<string> DestinationPorts
        {
            get => _destinationPorts ?? (_destinationPorts = new InputList<string>());
            set => _destinationPorts = value;
        }
        public Input<string> Name { get; set; } = null!;
        private InputList<string>? _protocols;
        public InputList<string> Protocols
        {
            get => _protocols ?? (_protocols = new InputList<string>());
            set => _protocols = value;
        }
        private InputList<string>? _sourceAddresses;
        public InputList<string> SourceAddresses
        {
            get => _sourceAddresses ?? (_sourceAddresses = new InputList<string>());
            set => _sourceAddresses = value;
        }
        private InputList<string>? _sourceIpGroups;
        public InputList<string> SourceIpGroups
        {
            get => _sourceIpGroups ?? (_sourceIpGroups = new InputList<string>());
            set => _sourceIpGroups = value;
        }
        public FirewallNetworkRuleCollectionRuleArgs()
        {
        }
        public static new FirewallNetworkRuleCollectionRuleArgs Empty => new FirewallNetworkRuleCollectionRuleArgs();
    }

    public sealed class FirewallPolicyRuleCollectionGroupApplicationRuleCollectionArgs : global::Pulumi.ResourceArgs
    {
        public Input<string> Action { get; set; } = null!;
        public Input<string> Name { get; set; } = null!;
        public Input<int> Priority { get; set; } = null!;
        private InputList<Inputs.FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRuleArgs>? _rules;
        public InputList<Inputs.FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRuleArgs> Rules
        {
            get => _rules ?? (_rules = new InputList<Inputs.FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRuleArgs>());
            set => _rules = value;
        }
        public FirewallPolicyRuleCollectionGroupApplicationRuleCollectionArgs()
        {
        }
        public static new FirewallPolicyRuleCollectionGroupApplicationRuleCollectionArgs Empty => new FirewallPolicyRuleCollectionGroupApplicationRuleCollectionArgs();
    }

    public sealed class FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRuleArgs : global::Pulumi.ResourceArgs
    {
        public Input<string>? Description { get; set; }
        private InputList<string>? _destinationAddresses;
        public InputList<string> DestinationAddresses
        {
            get => _destinationAddresses ?? (_destinationAddresses = new InputList<string>());
            set => _destinationAddresses = value;
        }
        private InputList<string>? _destinationFqdnTags;
        public InputList<string> DestinationFqdnTags
        {
            get => _destinationFqdnTags ?? (_destinationFqdnTags = new InputList<string>());
            set => _destinationFqdnTags = value;
        }
        private InputList<string>? _destinationFqdns;
        public InputList<string> DestinationFqdns
        {
            get => _destinationFqdns ?? (_destinationFqdns = new InputList<string>());
            set => _destinationFqdns = value;
        }
        private InputList<string>? _destinationUrls;
        public InputList<string> DestinationUrls
        {
            get => _destinationUrls ?? (_destinationUrls = new InputList<string>());
            set => _destinationUrls = value;
        }
        public Input<string> Name { get; set; } = null!;
        private InputList<Inputs.FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRuleProtocolArgs>? _protocols;
        public InputList<Inputs.FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRuleProtocolArgs> Protocols
        {
            get => _protocols ?? (_protocols = new InputList<Inputs.FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRuleProtocolArgs>());
            set => _protocols = value;
        }
        private InputList<string>? _sourceAddresses;
        public InputList<string> SourceAddresses
        {
            get => _sourceAddresses ?? (_sourceAddresses = new InputList<string>());
            set => _sourceAddresses = value;
        }
        private InputList<string>? _sourceIpGroups;
        public InputList<string> SourceIpGroups
        {
            get => _sourceIpGroups ?? (_sourceIpGroups = new InputList<string>());
            set => _sourceIpGroups = value;
        }
        public Input<bool>? TerminateTls { get; set; }
        private InputList<string>? _webCategories;
        public InputList<string> WebCategories
        {
            get => _webCategories ?? (_webCategories = new InputList<string>());
            set => _webCategories = value;
        }
        public FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRuleArgs()
        {
        }
        public static new FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRuleArgs Empty => new FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRuleArgs();
    }

    public sealed class FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRuleProtocolArgs : global::Pulumi.ResourceArgs
    {
        public Input<int> Port { get; set; } = null!;
        public Input<string> Type { get; set; } = null!;
        public FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRuleProtocolArgs()
        {
        }
        public static new FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRuleProtocolArgs Empty => new FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRuleProtocolArgs();
    }

    public sealed class FirewallPolicyRuleCollectionGroupNetworkRuleCollectionArgs : global::Pulumi.ResourceArgs
    {
        public Input<string> Action { get; set; } = null!;
        public Input<string> Name { get; set; } = null!;
        public Input<int> Priority { get; set; } = null!;
        private InputList<Inputs.FirewallPolicyRuleCollectionGroupNetworkRuleCollectionRuleArgs>? _rules;
        public InputList<Inputs.FirewallPolicyRuleCollectionGroupNetworkRuleCollectionRuleArgs> Rules
        {
            get => _rules ?? (_rules = new InputList<Inputs.FirewallPolicyRuleCollectionGroupNetworkRuleCollectionRuleArgs>());
            set => _rules = value;
        }
        public FirewallPolicyRuleCollectionGroupNetworkRuleCollectionArgs()
        {
        }
        public static new FirewallPolicyRuleCollectionGroupNetworkRuleCollectionArgs Empty => new FirewallPolicyRuleCollectionGroupNetworkRuleCollectionArgs();
    }

    public sealed class FirewallPolicyRuleCollectionGroupNetworkRuleCollectionRuleArgs : global::Pulumi.ResourceArgs
    {
        public Input<string>? Description { get; set; }
        private InputList<string>? _destinationAddresses;
        public InputList<string> DestinationAddresses
        {
            get => _destinationAddresses ?? (_destinationAddresses = new InputList<string>());
            set => _destinationAddresses = value;
        }
        private InputList<string>? _destinationFqdns;
        public InputList<string> DestinationFqdns
        {
            get => _destinationFqdns ?? (_destinationFqdns = new InputList<string>());
            set => _destinationFqdns = value;
        }
        private InputList<string>? _destinationIpGroups;
        public InputList<string> DestinationIpGroups
        {
            get => _destinationIpGroups ?? (_destinationIpGroups = new InputList<string>());
            set => _destinationIpGroups = value;
        }
        private InputList<string>? _destinationPorts;
        public InputList<string> DestinationPorts
        {
            get => _destinationPorts ?? (_destinationPorts = new InputList<string>());
            set => _destinationPorts = value;
        }
        public Input<string> Name { get; set; } = null!;
        private InputList<string>? _protocols;
        public InputList<string> Protocols
        {
            get => _protocols ?? (_protocols = new InputList<string>());
            set => _protocols = value;
        }
        private InputList<string>? _sourceAddresses;
        public InputList<string> SourceAddresses
        {
            get => _sourceAddresses ?? (_sourceAddresses = new InputList<string>());
            set => _sourceAddresses = value;
        }
        private InputList<string>? _sourceIpGroups;
        public InputList<string> SourceIpGroups
        {
            get => _sourceIpGroups ?? (_sourceIpGroups = new InputList<string>());
            set => _sourceIpGroups = value;
        }
        public FirewallPolicyRuleCollectionGroupNetworkRuleCollectionRuleArgs()
        {
        }
        public static new FirewallPolicyRuleCollectionGroupNetworkRuleCollectionRuleArgs Empty => new FirewallPolicyRuleCollectionGroupNetworkRuleCollectionRuleArgs();
    }

    public sealed class FirewallPolicyRuleCollectionGroupNatRuleCollectionArgs : global::Pulumi.ResourceArgs
    {
        public Input<string> Action { get; set; } = null!;
        public Input<string> Name { get; set; } = null!;
        public Input<int> Priority { get; set; } = null!;
        public FirewallPolicyRuleCollectionGroupNatRuleCollectionArgs()
        {
        }
        public static new FirewallPolicyRuleCollectionGroupNatRuleCollectionArgs Empty => new FirewallPolicyRuleCollectionGroupNatRuleCollectionArgs();
    }
}

namespace Pulumi.Azure.ContainerService
{
    public partial class KubernetesCluster : global::Pulumi.CustomResource
    {
        public Output<string> Name { get; private set; } = null!;
        public Output<string> Location { get; private set; } = null!;
        public KubernetesCluster(string name, KubernetesClusterArgs args, CustomResourceOptions? options = null)
            : base("azure:containerservice/kubernetesCluster:KubernetesCluster", name, args ?? new KubernetesClusterArgs(), options)
        {
        }
        private KubernetesCluster(string name, Input<string> id, CustomResourceOptions? options = null)
            : base("azure:containerservice/kubernetesCluster:KubernetesCluster", name, null, options)
        {
        }
        public static KubernetesCluster Get(string name, Input<string> id, CustomResourceOptions? options = null) => new KubernetesCluster(name, id, options);
    }

    public sealed class KubernetesClusterArgs : global::Pulumi.ResourceArgs
    {
        public Input<Inputs.KubernetesClusterApiServerAccessProfileArgs>? ApiServerAccessProfile { get; set; }
        public Input<bool>? AzurePolicyEnabled { get; set; }
        public Input<Inputs.KubernetesClusterDefaultNodePoolArgs> DefaultNodePool { get; set; } = null!;
        public Input<string>? DnsPrefix { get; set; }
        public Input<Inputs.KubernetesClusterIdentityArgs>? Identity { get; set; }
        public Input<Inputs.KubernetesClusterKeyVaultSecretsProviderArgs>? KeyVaultSecretsProvider { get; set; }
        public Input<string>? KubernetesVersion { get; set; }
        public Input<string>? Location { get; set; }
        public Input<string>? Name { get; set; }
        public Input<Inputs.KubernetesClusterNetworkProfileArgs>? NetworkProfile { get; set; }
        public Input<string>? NodeResourceGroup { get; set; }
        public Input<Inputs.KubernetesClusterOmsAgentArgs>? OmsAgent { get; set; }
        public Input<bool>? PrivateClusterEnabled { get; set; }
        public Input<string> ResourceGroupName { get; set; } = null!;
        public Input<string>? SkuTier { get; set; }
        private InputMap<string>? _tags;
        public InputMap<string> Tags
        {
            get => _tags ?? (_tags = new InputMap<string>());
            set => _tags = value;
        }
        public Input<bool>? WorkloadIdentityEnabled { get; set; }
        public KubernetesClusterArgs()
        {
        }
        public static new KubernetesClusterArgs Empty => new KubernetesClusterArgs();
    }

    public partial class KubernetesClusterNodePool : global::Pulumi.CustomResource
    {
        public Output<string> Name { get; private set; } = null!;
        public KubernetesClusterNodePool(string name, KubernetesClusterNodePoolArgs args, CustomResourceOptions? options = null)
            : base("azure:containerservice/kubernetesClusterNodePool:KubernetesClusterNodePool", name, args ?? new KubernetesClusterNodePoolArgs(), options)
        {
        }
        private KubernetesClusterNodePool(string name, Input<string> id, CustomResourceOptions? options = null)
            : base("azure:containerservice/kubernetesClusterNodePool:KubernetesClusterNodePool", name, null, options)
        {
        }
        public static KubernetesClusterNodePool Get(string name, Input<string> id, CustomResourceOptions? options = null) => new KubernetesClusterNodePool(name, id, options);
    }

    public sealed class KubernetesClusterNodePoolArgs : global::Pulumi.ResourceArgs
    {
        public Input<string> KubernetesClusterId { get; set; } = null!;
        public Input<string>? Name { get; set; }
        public Input<int>? NodeCount { get; set; }
        public Input<string>? OsType { get; set; }
        public Input<string>? VmSize { get; set; }
        public KubernetesClusterNodePoolArgs()
        {
        }
        public static new KubernetesClusterNodePoolArgs Empty => new KubernetesClusterNodePoolArgs();
    }
}

namespace Pulumi.Azure.ContainerService.Inputs
{
    public sealed class KubernetesClusterDefaultNodePoolArgs : global::Pulumi.ResourceArgs
    {
        public Input<bool>? AutoScalingEnabled { get; set; }
        public Input<int>? MaxCount { get; set; }
        public Input<int>? MinCount { get; set; }
        public Input<string> Name { get; set; } = null!;
        public Input<int>? NodeCount { get; set; }
        public Input<int>? OsDiskSizeGb { get; set; }
        public Input<string>? OsSku { get; set; }
        public Input<string>? Type { get; set; }
        public Input<string>? VmSize { get; set; }
        public Input<string>? VnetSubnetId { get; set; }
        private InputList<string>? _zones;
        public InputList<string> Zones
        {
            get => _zones ?? (_zones = new InputList<string>());
            set => _zones = value;
        }
        public KubernetesClusterDefaultNodePoolArgs()
        {
        }
        public static new KubernetesClusterDefaultNodePoolArgs Empty => new KubernetesClusterDefaultNodePoolArgs();
    }

    public sealed class KubernetesClusterNetworkProfileArgs : global::Pulumi.ResourceArgs
    {
        public Input<string>? DnsServiceIp { get; set; }
        public Input<string>? LoadBalancerSku { get; set; }
        public Input<string> NetworkPlugin { get; set; } = null!;
        public Input<string>? NetworkPolicy { get; set; }
        public Input<string>? OutboundType { get; set; }
        public Input<string>? PodCidr { get; set; }
        public Input<string>? ServiceCidr { get; set; }
        public KubernetesClusterNetworkProfileArgs()
        {
        }
        public static new KubernetesClusterNetworkProfileArgs Empty => new KubernetesClusterNetworkProfileArgs();
    }

    public sealed class KubernetesClusterApiServerAccessProfileArgs : global::Pulumi.ResourceArgs
    {
        private InputList<string>? _authorizedIpRanges;
        public InputList<string> AuthorizedIpRanges
        {
            get => _authorizedIpRanges ?? (_authorizedIpRanges = new InputList<string>());
            set => _authorizedIpRanges = value;
        }
        public Input<string>? SubnetId { get; set; }
        public Input<bool>? VirtualNetworkIntegrationEnabled { get; set; }
        public KubernetesClusterApiServerAccessProfileArgs()
        {
        }
        public static new KubernetesClusterApiServerAccessProfileArgs Empty => new KubernetesClusterApiServerAccessProfileArgs();
    }

    public sealed class KubernetesClusterIdentityArgs : global::Pulumi.ResourceArgs
    {
        private InputList<string>? _identityIds;
        public InputList<string> IdentityIds
        {
            get => _identityIds ?? (_identityIds = new InputList<string>());
            set => _identityIds = value;
        }
        public Input<string> Type { get; set; } = null!;
        public KubernetesClusterIdentityArgs()
        {
        }
        public static new KubernetesClusterIdentityArgs Empty => new KubernetesClusterIdentityArgs();
    }

    public sealed class KubernetesClusterOmsAgentArgs : global::Pulumi.ResourceArgs
    {
        public Input<string>? LogAnalyticsWorkspaceId { get; set; }
        public Input<bool>? MsiAuthForMonitoringEnabled { get; set; }
        public KubernetesClusterOmsAgentArgs()
        {
        }
        public static new KubernetesClusterOmsAgentArgs Empty => new KubernetesClusterOmsAgentArgs();
    }

    public sealed class KubernetesClusterKeyVaultSecretsProviderArgs : global::Pulumi.ResourceArgs
    {
        public Input<bool>? SecretRotationEnabled { get; set; }
        public KubernetesClusterKeyVaultSecretsProviderArgs()
        {
        }
        public static new KubernetesClusterKeyVaultSecretsProviderArgs Empty => new KubernetesClusterKeyVaultSecretsProviderArgs();
    }
}

namespace Pulumi.Azure.Core
{
    public partial class ResourceGroup : global::Pulumi.CustomResource
    {
        public Output<string> Name { get; private set; } = null!;
        public Output<string> Location { get; private set; } = null!;
        public ResourceGroup(string name, ResourceGroupArgs args, CustomResourceOptions? options = null)
            : base("azure:core/resourceGroup:ResourceGroup", name, args ?? new ResourceGroupArgs(), options)
        {
        }
        private ResourceGroup(string name, Input<string> id, CustomResourceOptions? options = null)
            : base("azure:core/resourceGroup:ResourceGroup", name, null, options)
        {
        }
        public static ResourceGroup Get(string name, Input<string> id, CustomResourceOptions? options = null) => new ResourceGroup(name, id, options);
    }

    public sealed class ResourceGroupArgs : global::Pulumi.ResourceArgs
    {
        public Input<string>? Location { get; set; }
        public Input<string>? Name { get; set; }
        private InputMap<string>? _tags;
        public InputMap<string> Tags
        {
            get => _tags ?? (_tags = new InputMap<string>());
            set => _tags = value;
        }
        public ResourceGroupArgs()
        {
        }
        public static new ResourceGroupArgs Empty => new ResourceGroupArgs();
    }
}
