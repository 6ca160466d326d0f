// Test stub of Azure.ResourceManager.Network (GA 1.x) and the Azure.Core / Azure.ResourceManager types it uses:
// csharp-iac-api-shapes.md §4. Every list is a get-only IList<T>; enum structs convert implicitly from string.
#nullable enable
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Azure
{
    public enum WaitUntil
    {
        Completed,
        Started,
    }

    public readonly struct ETag
    {
        public ETag(string etag) { }
    }
}

namespace Azure.Core
{
    public readonly partial struct AzureLocation : IEquatable<AzureLocation>
    {
        private readonly string _value;
        public AzureLocation(string value) { _value = value ?? throw new ArgumentNullException(nameof(value)); }
        public static AzureLocation WestEurope { get; } = new AzureLocation("westeurope");
        public static AzureLocation NorthEurope { get; } = new AzureLocation("northeurope");
        public static AzureLocation WestUS2 { get; } = new AzureLocation("westus2");
        public static AzureLocation EastUS { get; } = new AzureLocation("eastus");
        public static bool operator ==(AzureLocation left, AzureLocation right) => left.Equals(right);
        public static bool operator !=(AzureLocation left, AzureLocation right) => !left.Equals(right);
        public static implicit operator AzureLocation(string value) => new AzureLocation(value);
        public override bool Equals(object? obj) => obj is AzureLocation other && Equals(other);
        public bool Equals(AzureLocation other) => string.Equals(_value, other._value, StringComparison.InvariantCultureIgnoreCase);
        public override int GetHashCode() => _value != null ? StringComparer.InvariantCultureIgnoreCase.GetHashCode(_value) : 0;
        public override string ToString() => _value;
    }

    public sealed class ResourceIdentifier
    {
        public ResourceIdentifier(string resourceId) { }
        public static implicit operator string(ResourceIdentifier id) => id.ToString()!;
    }

    public readonly struct ResourceType
    {
    }
}

namespace Azure.ResourceManager
{
    public abstract class ArmOperation<T>
    {
        public abstract T Value { get; }
    }

    public class ArmClient
    {
        public Azure.ResourceManager.Network.FirewallPolicyResource GetFirewallPolicyResource(Azure.Core.ResourceIdentifier id) => new Azure.ResourceManager.Network.FirewallPolicyResource();
    }
}

namespace Azure.ResourceManager.Resources
{
    public class ResourceGroupResource
    {
    }
}

namespace Azure.ResourceManager.Network
{
    using Azure.Core;
    using Azure.ResourceManager.Network.Models;

    public partial class AzureFirewallData : NetworkTrackedResourceData
    {
        public AzureFirewallData()
        {
            Zones = new List<string>();
            ApplicationRuleCollections = new List<AzureFirewallApplicationRuleCollectionData>();
            NatRuleCollections = new List<AzureFirewallNatRuleCollectionData>();
            NetworkRuleCollections = new List<AzureFirewallNetworkRuleCollectionData>();
            IPConfigurations = new List<AzureFirewallIPConfiguration>();
            AdditionalProperties = new Dictionary<string, string>();
        }
        public IList<string> Zones { get; }
        public IList<AzureFirewallApplicationRuleCollectionData> ApplicationRuleCollections { get; }
        public IList<AzureFirewallNatRuleCollectionData> NatRuleCollections { get; }
        public IList<AzureFirewallNetworkRuleCollectionData> NetworkRuleCollections { get; }
        public IList<AzureFirewallIPConfiguration> IPConfigurations { get; }
        public AzureFirewallThreatIntelMode? ThreatIntelMode { get; set; }
        public ResourceIdentifier? VirtualHubId { get; set; }
        public ResourceIdentifier? FirewallPolicyId { get; set; }
        public IDictionary<string, string> AdditionalProperties { get; }
    }

    public partial class FirewallPolicyRuleCollectionGroupData : NetworkResourceData
    {
        public FirewallPolicyRuleCollectionGroupData()
        {
            RuleCollections = new List<FirewallPolicyRuleCollectionInfo>();
        }
        public int? Priority { get; set; }
        public IList<FirewallPolicyRuleCollectionInfo> RuleCollections { get; }
    }

    public class AzureFirewallResource
    {
        public virtual AzureFirewallData Data { get; } = new AzureFirewallData();
    }

    public class AzureFirewallCollection
    {
        public virtual Task<ArmOperation<AzureFirewallResource>> CreateOrUpdateAsync(WaitUntil waitUntil, string azureFirewallName, AzureFirewallData data, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public virtual ArmOperation<AzureFirewallResource> CreateOrUpdate(WaitUntil waitUntil, string azureFirewallName, AzureFirewallData data, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    public class FirewallPolicyRuleCollectionGroupResource
    {
        public virtual FirewallPolicyRuleCollectionGroupData Data { get; } = new FirewallPolicyRuleCollectionGroupData();
        public virtual Task<ArmOperation<FirewallPolicyRuleCollectionGroupResource>> UpdateAsync(WaitUntil waitUntil, FirewallPolicyRuleCollectionGroupData data, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    public class FirewallPolicyRuleCollectionGroupCollection
    {
        public virtual Task<ArmOperation<FirewallPolicyRuleCollectionGroupResource>> CreateOrUpdateAsync(WaitUntil waitUntil, string ruleCollectionGroupName, FirewallPolicyRuleCollectionGroupData data, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    public class FirewallPolicyResource
    {
        public virtual FirewallPolicyRuleCollectionGroupCollection GetFirewallPolicyRuleCollectionGroups() => new FirewallPolicyRuleCollectionGroupCollection();
    }

    public static class NetworkExtensions
    {
        public static AzureFirewallCollection GetAzureFirewalls(this Azure.ResourceManager.Resources.ResourceGroupResource resourceGroupResource) => new AzureFirewallCollection();
    }
}

namespace Azure.ResourceManager.Network.Models
{
    using Azure.Core;

    public partial class NetworkTrackedResourceData
    {
        public NetworkTrackedResourceData()
        {
            Tags = new Dictionary<string, string>();
        }
        public ResourceIdentifier? Id { get; set; }
        public string? Name { get; internal set; }
        public AzureLocation? Location { get; set; }
        public IDictionary<string, string> Tags { get; }
    }

    public partial class NetworkResourceData
    {
        public NetworkResourceData()
        {
        }
        public ResourceIdentifier? Id { get; set; }
        public string? Name { get; set; }
    }

    public partial class AzureFirewallIPConfiguration
    {
        public AzureFirewallIPConfiguration()
        {
        }
        public string? Name { get; set; }
        public ResourceIdentifier? SubnetId { get; set; }
        public ResourceIdentifier? PublicIPAddressId { get; set; }
    }

    public partial class AzureFirewallApplicationRuleCollectionData : NetworkResourceData
    {
        public AzureFirewallApplicationRuleCollectionData()
        {
            Rules = new List<AzureFirewallApplicationRule>();
        }
        public int? Priority { get; set; }
        public AzureFirewallRCActionType? ActionType { get; set; }
        public IList<AzureFirewallApplicationRule> Rules { get; }
    }

    public partial class AzureFirewallApplicationRule
    {
        public AzureFirewallApplicationRule()
        {
            SourceAddresses = new List<string>();
            Protocols = new List<AzureFirewallApplicationRuleProtocol>();
            TargetFqdns = new List<string>();
            FqdnTags = new List<string>();
            SourceIPGroups = new List<string>();
        }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public IList<string> SourceAddresses { get; }
        public IList<AzureFirewallApplicationRuleProtocol> Protocols { get; }
        public IList<string> TargetFqdns { get; }
        public IList<string> FqdnTags { get; }
        public IList<string> SourceIPGroups { get; }
    }

    public partial class AzureFirewallApplicationRuleProtocol
    {
        public AzureFirewallApplicationRuleProtocol()
        {
        }
        public AzureFirewallApplicationRuleProtocolType? ProtocolType { get; set; }
        public int? Port { get; set; }
    }

    public partial class AzureFirewallNetworkRuleCollectionData : NetworkResourceData
    {
        public AzureFirewallNetworkRuleCollectionData()
        {
            Rules = new List<AzureFirewallNetworkRule>();
        }
        public int? Priority { get; set; }
        public AzureFirewallRCActionType? ActionType { get; set; }
        public IList<AzureFirewallNetworkRule> Rules { get; }
    }

    public partial class AzureFirewallNetworkRule
    {
        public AzureFirewallNetworkRule()
        {
            Protocols = new List<AzureFirewallNetworkRuleProtocol>();
            SourceAddresses = new List<string>();
            DestinationAddresses = new List<string>();
            DestinationPorts = new List<string>();
            DestinationFqdns = new List<string>();
            SourceIPGroups = new List<string>();
            DestinationIPGroups = new List<string>();
        }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public IList<AzureFirewallNetworkRuleProtocol> Protocols { get; }
        public IList<string> SourceAddresses { get; }
        public IList<string> DestinationAddresses { get; }
        public IList<string> DestinationPorts { get; }
        public IList<string> DestinationFqdns { get; }
        public IList<string> SourceIPGroups { get; }
        public IList<string> DestinationIPGroups { get; }
    }

    public partial class AzureFirewallNatRuleCollectionData : NetworkResourceData
    {
        public AzureFirewallNatRuleCollectionData()
        {
            Rules = new List<AzureFirewallNatRule>();
        }
        public int? Priority { get; set; }
        public AzureFirewallNatRCActionType? ActionType { get; set; }
        public IList<AzureFirewallNatRule> Rules { get; }
    }

    public partial class AzureFirewallNatRule
    {
        public AzureFirewallNatRule()
        {
            Protocols = new List<AzureFirewallNetworkRuleProtocol>();
            SourceAddresses = new List<string>();
            DestinationAddresses = new List<string>();
            DestinationPorts = new List<string>();
        }
        public string? Name { get; set; }
        public IList<AzureFirewallNetworkRuleProtocol> Protocols { get; }
        public IList<string> SourceAddresses { get; }
        public IList<string> DestinationAddresses { get; }
        public IList<string> DestinationPorts { get; }
        public string? TranslatedAddress { get; set; }
        public string? TranslatedPort { get; set; }
        public string? TranslatedFqdn { get; set; }
    }

    public abstract partial class FirewallPolicyRuleCollectionInfo
    {
        protected FirewallPolicyRuleCollectionInfo()
        {
        }
        public string? Name { get; set; }
        public int? Priority { get; set; }
    }

    public partial class FirewallPolicyFilterRuleCollectionInfo : FirewallPolicyRuleCollectionInfo
    {
        public FirewallPolicyFilterRuleCollectionInfo()
        {
            Rules = new List<FirewallPolicyRule>();
        }
        public FirewallPolicyFilterRuleCollectionActionType? ActionType { get; set; }
        public IList<FirewallPolicyRule> Rules { get; }
    }

    public abstract partial class FirewallPolicyRule
    {
        protected FirewallPolicyRule()
        {
        }
        public string? Name { get; set; }
        public string? Description { get; set; }
    }

    public partial class ApplicationRule : FirewallPolicyRule
    {
        public ApplicationRule()
        {
            SourceAddresses = new List<string>();
            DestinationAddresses = new List<string>();
            Protocols = new List<FirewallPolicyRuleApplicationProtocol>();
            TargetFqdns = new List<string>();
            TargetUrls = new List<string>();
            FqdnTags = new List<string>();
            SourceIPGroups = new List<string>();
            WebCategories = new List<string>();
        }
        public IList<string> SourceAddresses { get; }
        public IList<string> DestinationAddresses { get; }
        public IList<FirewallPolicyRuleApplicationProtocol> Protocols { get; }
        public IList<string> TargetFqdns { get; }
        public IList<string> TargetUrls { get; }
        public IList<string> FqdnTags { get; }
        public IList<string> SourceIPGroups { get; }
        public IList<string> WebCategories { get; }
        public bool? TerminateTLS { get; set; }
    }

    public partial class NetworkRule : FirewallPolicyRule
    {
        public NetworkRule()
        {
            IPProtocols = new List<FirewallPolicyRuleNetworkProtocol>();
            SourceAddresses = new List<string>();
            DestinationAddresses = new List<string>();
            DestinationPorts = new List<string>();
            SourceIPGroups = new List<string>();
            DestinationIPGroups = new List<string>();
            DestinationFqdns = new List<string>();
        }
        public IList<FirewallPolicyRuleNetworkProtocol> IPProtocols { get; }
        public IList<string> SourceAddresses { get; }
        public IList<string> DestinationAddresses { get; }
        public IList<string> DestinationPorts { get; }
        public IList<string> SourceIPGroups { get; }
        public IList<string> DestinationIPGroups { get; }
        public IList<string> DestinationFqdns { get; }
    }

    public partial class FirewallPolicyRuleApplicationProtocol
    {
        public FirewallPolicyRuleApplicationProtocol()
        {
        }
        public FirewallPolicyRuleApplicationProtocolType? ProtocolType { get; set; }
        public int? Port { get; set; }
    }

    public readonly partial struct AzureFirewallApplicationRuleProtocolType : IEquatable<AzureFirewallApplicationRuleProtocolType>
    {
        private readonly string _value;
        public AzureFirewallApplicationRuleProtocolType(string value) { _value = value ?? throw new ArgumentNullException(nameof(value)); }
        public static AzureFirewallApplicationRuleProtocolType Http { get; } = new AzureFirewallApplicationRuleProtocolType("Http");
        public static AzureFirewallApplicationRuleProtocolType Https { get; } = new AzureFirewallApplicationRuleProtocolType("Https");
        public static AzureFirewallApplicationRuleProtocolType Mssql { get; } = new AzureFirewallApplicationRuleProtocolType("Mssql");
        public static bool operator ==(AzureFirewallApplicationRuleProtocolType left, AzureFirewallApplicationRuleProtocolType right) => left.Equals(right);
        public static bool operator !=(AzureFirewallApplicationRuleProtocolType left, AzureFirewallApplicationRuleProtocolType right) => !left.Equals(right);
        public static implicit operator AzureFirewallApplicationRuleProtocolType(string value) => new AzureFirewallApplicationRuleProtocolType(value);
        public override bool Equals(object? obj) => obj is AzureFirewallApplicationRuleProtocolType other && Equals(other);
        public bool Equals(AzureFirewallApplicationRuleProtocolType other) => string.Equals(_value, other._value, StringComparison.InvariantCultureIgnoreCase);
        public override int GetHashCode() => _value != null ? StringComparer.InvariantCultureIgnoreCase.GetHashCode(_value) : 0;
        public override string ToString() => _value;
    }

    public readonly partial struct AzureFirewallNetworkRuleProtocol : IEquatable<AzureFirewallNetworkRuleProtocol>
    {
        private readonly string _value;
        public AzureFirewallNetworkRuleProtocol(string value) { _value = value ?? throw new ArgumentNullException(nameof(value)); }
        public static AzureFirewallNetworkRuleProtocol Tcp { get; } = new AzureFirewallNetworkRuleProtocol("TCP");
        public static AzureFirewallNetworkRuleProtocol Udp { get; } = new AzureFirewallNetworkRuleProtocol("UDP");
        public static AzureFirewallNetworkRuleProtocol Any { get; } = new AzureFirewallNetworkRuleProtocol("Any");
        public static AzureFirewallNetworkRuleProtocol Icmp { get; } = new AzureFirewallNetworkRuleProtocol("ICMP");
        public static bool operator ==(AzureFirewallNetworkRuleProtocol left, AzureFirewallNetworkRuleProtocol right) => left.Equals(right);
        public static bool operator !=(AzureFirewallNetworkRuleProtocol left, AzureFirewallNetworkRuleProtocol right) => !left.Equals(right);
        public static implicit operator AzureFirewallNetworkRuleProtocol(string value) => new AzureFirewallNetworkRuleProtocol(value);
        public override bool Equals(object? obj) => obj is AzureFirewallNetworkRuleProtocol other && Equals(other);
        public bool Equals(AzureFirewallNetworkRuleProtocol other) => string.Equals(_value, other._value, StringComparison.InvariantCultureIgnoreCase);
        public override int GetHashCode() => _value != null ? StringComparer.InvariantCultureIgnoreCase.GetHashCode(_value) : 0;
        public override string ToString() => _value;
    }

    public readonly partial struct AzureFirewallRCActionType : IEquatable<AzureFirewallRCActionType>
    {
        private readonly string _value;
        public AzureFirewallRCActionType(string value) { _value = value ?? throw new ArgumentNullException(nameof(value)); }
        public static AzureFirewallRCActionType Allow { get; } = new AzureFirewallRCActionType("Allow");
        public static AzureFirewallRCActionType Deny { get; } = new AzureFirewallRCActionType("Deny");
        public static bool operator ==(AzureFirewallRCActionType left, AzureFirewallRCActionType right) => left.Equals(right);
        public static bool operator !=(AzureFirewallRCActionType left, AzureFirewallRCActionType right) => !left.Equals(right);
        public static implicit operator AzureFirewallRCActionType(string value) => new AzureFirewallRCActionType(value);
        public override bool Equals(object? obj) => obj is AzureFirewallRCActionType other && Equals(other);
        public bool Equals(AzureFirewallRCActionType other) => string.Equals(_value, other._value, StringComparison.InvariantCultureIgnoreCase);
        public override int GetHashCode() => _value != null ? StringComparer.InvariantCultureIgnoreCase.GetHashCode(_value) : 0;
        public override string ToString() => _value;
    }

    public readonly partial struct AzureFirewallNatRCActionType : IEquatable<AzureFirewallNatRCActionType>
    {
        private readonly string _value;
        public AzureFirewallNatRCActionType(string value) { _value = value ?? throw new ArgumentNullException(nameof(value)); }
        public static AzureFirewallNatRCActionType Dnat { get; } = new AzureFirewallNatRCActionType("Dnat");
        public static AzureFirewallNatRCActionType Snat { get; } = new AzureFirewallNatRCActionType("Snat");
        public static bool operator ==(AzureFirewallNatRCActionType left, AzureFirewallNatRCActionType right) => left.Equals(right);
        public static bool operator !=(AzureFirewallNatRCActionType left, AzureFirewallNatRCActionType right) => !left.Equals(right);
        public static implicit operator AzureFirewallNatRCActionType(string value) => new AzureFirewallNatRCActionType(value);
        public override bool Equals(object? obj) => obj is AzureFirewallNatRCActionType other && Equals(other);
        public bool Equals(AzureFirewallNatRCActionType other) => string.Equals(_value, other._value, StringComparison.InvariantCultureIgnoreCase);
        public override int GetHashCode() => _value != null ? StringComparer.InvariantCultureIgnoreCase.GetHashCode(_value) : 0;
        public override string ToString() => _value;
    }

    public readonly partial struct AzureFirewallThreatIntelMode : IEquatable<AzureFirewallThreatIntelMode>
    {
        private readonly string _value;
        public AzureFirewallThreatIntelMode(string value) { _value = value ?? throw new ArgumentNullException(nameof(value)); }
        public static AzureFirewallThreatIntelMode Alert { get; } = new AzureFirewallThreatIntelMode("Alert");
        public static AzureFirewallThreatIntelMode Deny { get; } = new AzureFirewallThreatIntelMode("Deny");
        public static AzureFirewallThreatIntelMode Off { get; } = new AzureFirewallThreatIntelMode("Off");
        public static bool operator ==(AzureFirewallThreatIntelMode left, AzureFirewallThreatIntelMode right) => left.Equals(right);
        public static bool operator !=(AzureFirewallThreatIntelMode left, AzureFirewallThreatIntelMode right) => !left.Equals(right);
        public static implicit operator AzureFirewallThreatIntelMode(string value) => new AzureFirewallThreatIntelMode(value);
        public override bool Equals(object? obj) => obj is AzureFirewallThreatIntelMode other && Equals(other);
        public bool Equals(AzureFirewallThreatIntelMode other) => string.Equals(_value, other._value, StringComparison.InvariantCultureIgnoreCase);
        public override int GetHashCode() => _value != null ? StringComparer.InvariantCultureIgnoreCase.GetHashCode(_value) : 0;
        public override string ToString() => _value;
    }

    public readonly partial struct FirewallPolicyRuleApplicationProtocolType : IEquatable<FirewallPolicyRuleApplicationProtocolType>
    {
        private readonly string _value;
        public FirewallPolicyRuleApplicationProtocolType(string value) { _value = value ?? throw new ArgumentNullException(nameof(value)); }
        public static FirewallPolicyRuleApplicationProtocolType Http { get; } = new FirewallPolicyRuleApplicationProtocolType("Http");
        public static FirewallPolicyRuleApplicationProtocolType Https { get; } = new FirewallPolicyRuleApplicationProtocolType("Https");
        public static bool operator ==(FirewallPolicyRuleApplicationProtocolType left, FirewallPolicyRuleApplicationProtocolType right) => left.Equals(right);
        public static bool operator !=(FirewallPolicyRuleApplicationProtocolType left, FirewallPolicyRuleApplicationProtocolType right) => !left.Equals(right);
        public static implicit operator FirewallPolicyRuleApplicationProtocolType(string value) => new FirewallPolicyRuleApplicationProtocolType(value);
        public override bool Equals(object? obj) => obj is FirewallPolicyRuleApplicationProtocolType other && Equals(other);
        public bool Equals(FirewallPolicyRuleApplicationProtocolType other) => string.Equals(_value, other._value, StringComparison.InvariantCultureIgnoreCase);
        public override int GetHashCode() => _value != null ? StringComparer.InvariantCultureIgnoreCase.GetHashCode(_value) : 0;
        public override string ToString() => _value;
    }

    public readonly partial struct FirewallPolicyRuleNetworkProtocol : IEquatable<FirewallPolicyRuleNetworkProtocol>
    {
        private readonly string _value;
        public FirewallPolicyRuleNetworkProtocol(string value) { _value = value ?? throw new ArgumentNullException(nameof(value)); }
        public static FirewallPolicyRuleNetworkProtocol Tcp { get; } = new FirewallPolicyRuleNetworkProtocol("TCP");
        public static FirewallPolicyRuleNetworkProtocol Udp { get; } = new FirewallPolicyRuleNetworkProtocol("UDP");
        public static FirewallPolicyRuleNetworkProtocol Any { get; } = new FirewallPolicyRuleNetworkProtocol("Any");
        public static FirewallPolicyRuleNetworkProtocol Icmp { get; } = new FirewallPolicyRuleNetworkProtocol("ICMP");
        public static bool operator ==(FirewallPolicyRuleNetworkProtocol left, FirewallPolicyRuleNetworkProtocol right) => left.Equals(right);
        public static bool operator !=(FirewallPolicyRuleNetworkProtocol left, FirewallPolicyRuleNetworkProtocol right) => !left.Equals(right);
        public static implicit operator FirewallPolicyRuleNetworkProtocol(string value) => new FirewallPolicyRuleNetworkProtocol(value);
        public override bool Equals(object? obj) => obj is FirewallPolicyRuleNetworkProtocol other && Equals(other);
        public bool Equals(FirewallPolicyRuleNetworkProtocol other) => string.Equals(_value, other._value, StringComparison.InvariantCultureIgnoreCase);
        public override int GetHashCode() => _value != null ? StringComparer.InvariantCultureIgnoreCase.GetHashCode(_value) : 0;
        public override string ToString() => _value;
    }

    public readonly partial struct FirewallPolicyFilterRuleCollectionActionType : IEquatable<FirewallPolicyFilterRuleCollectionActionType>
    {
        private readonly string _value;
        public FirewallPolicyFilterRuleCollectionActionType(string value) { _value = value ?? throw new ArgumentNullException(nameof(value)); }
        public static FirewallPolicyFilterRuleCollectionActionType Allow { get; } = new FirewallPolicyFilterRuleCollectionActionType("Allow");
        public static FirewallPolicyFilterRuleCollectionActionType Deny { get; } = new FirewallPolicyFilterRuleCollectionActionType("Deny");
        public static bool operator ==(FirewallPolicyFilterRuleCollectionActionType left, FirewallPolicyFilterRuleCollectionActionType right) => left.Equals(right);
        public static bool operator !=(FirewallPolicyFilterRuleCollectionActionType left, FirewallPolicyFilterRuleCollectionActionType right) => !left.Equals(right);
        public static implicit operator FirewallPolicyFilterRuleCollectionActionType(string value) => new FirewallPolicyFilterRuleCollectionActionType(value);
        public override bool Equals(object? obj) => obj is FirewallPolicyFilterRuleCollectionActionType other && Equals(other);
        public bool Equals(FirewallPolicyFilterRuleCollectionActionType other) => string.Equals(_value, other._value, StringComparison.InvariantCultureIgnoreCase);
        public override int GetHashCode() => _value != null ? StringComparer.InvariantCultureIgnoreCase.GetHashCode(_value) : 0;
        public override string ToString() => _value;
    }
}
