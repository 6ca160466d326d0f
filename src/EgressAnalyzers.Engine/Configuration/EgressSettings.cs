using System;
using System.Collections.Generic;
using System.Linq;

namespace EgressAnalyzers.Engine.Configuration;

/// <summary>
/// The user's configuration, the same keys whatever the host: MSBuild properties (made visible to the analyzer as
/// <c>build_property.X</c>), <c>.globalconfig</c> keys of the same name, and the MSBuild task's parameters.
/// </summary>
public sealed class EgressSettings
{
    public const string CloudKey = "EgressCloud";
    public const string ProfileKey = "EgressAksProfile";
    public const string LocationKey = "EgressAksLocation";
    public const string FeaturesKey = "EgressAksFeatures";
    public const string TunnelKey = "EgressAksTunnel";
    public const string PrivateClusterKey = "EgressAksPrivateCluster";
    public const string CustomDnsKey = "EgressAksCustomDns";
    public const string CheckAllFirewallsKey = "EgressCheckAllFirewalls";

    /// <summary>Every key, for hosts that forward them (CompilerVisibleProperty, task parameters).</summary>
    public static IReadOnlyList<string> AllKeys { get; } = new[]
    {
        CloudKey, ProfileKey, LocationKey, FeaturesKey, TunnelKey, PrivateClusterKey, CustomDnsKey, CheckAllFirewallsKey,
    };

    public string Cloud { get; init; } = "AzureCloud";

    public string Profile { get; init; } = "current";

    /// <summary>Normalised region (e.g. <c>eastus</c>) that overrides what the templates say; null when not set.</summary>
    public string? Location { get; init; }

    /// <summary>Features the user says the cluster uses (catalog feature names), in addition to those detected.</summary>
    public IReadOnlyCollection<string> Features { get; init; } = Array.Empty<string>();

    /// <summary>True when the user says the cluster still uses the legacy tunnel (tunnelfront/aks-link, UDP 1194 and TCP 9000).</summary>
    public bool LegacyTunnel { get; init; }

    /// <summary>Overrides the cluster's private/public fact; null when not set.</summary>
    public bool? PrivateCluster { get; init; }

    /// <summary>Custom DNS server addresses the nodes use, when the VNet is not among the inputs; empty when not set.</summary>
    public IReadOnlyList<string> CustomDnsServers { get; init; } = Array.Empty<string>();

    /// <summary>Check every firewall and policy, even when nothing in the inputs says it serves AKS.</summary>
    public bool CheckAllFirewalls { get; init; }

    private static readonly char[] ListSeparators = { ',', ';' };

    public static EgressSettings Default { get; } = new();

    /// <summary>
    /// Reads settings through <paramref name="lookup"/> (returns null for an unset key). Invalid values are reported
    /// in <paramref name="problems"/> (EGR0001) and the default is used instead.
    /// </summary>
    public static EgressSettings Parse(Func<string, string?> lookup, Catalog.RequirementCatalog catalog, List<string> problems)
    {
        string? Get(string key)
        {
            var value = lookup(key);
            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }

        var cloud = "AzureCloud";
        if (Get(CloudKey) is { } cloudText)
        {
            var match = catalog.Clouds.FirstOrDefault(c => string.Equals(c, cloudText, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                problems.Add($"{CloudKey} '{cloudText}' is not a known cloud; expected one of: {string.Join(", ", catalog.Clouds)}");
            }
            else
            {
                cloud = match;
            }
        }

        var profile = "current";
        if (Get(ProfileKey) is { } profileText)
        {
            var match = catalog.Profiles.FirstOrDefault(p => string.Equals(p, profileText, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                problems.Add($"{ProfileKey} '{profileText}' is not a known profile; expected one of: {string.Join(", ", catalog.Profiles)}");
            }
            else if (!catalog.HasRequirements(match, cloud))
            {
                problems.Add($"{ProfileKey} '{match}' has no requirements for cloud '{cloud}'; using 'current'");
            }
            else
            {
                profile = match;
            }
        }

        string? location = null;
        if (Get(LocationKey) is { } locationText)
        {
            var normalized = Regions.Normalize(locationText);
            if (!catalog.IsKnownRegion(cloud, normalized))
            {
                problems.Add($"{LocationKey} '{locationText}' is not a known region of {cloud}");
            }
            else
            {
                location = normalized;
            }
        }

        var features = new List<string>();
        if (Get(FeaturesKey) is { } featureList)
        {
            foreach (var raw in featureList.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries))
            {
                var name = raw.Trim();
                var match = catalog.Features.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    problems.Add($"{FeaturesKey} names unknown feature '{name}'; expected some of: {string.Join(", ", catalog.Features)}");
                }
                else if (!features.Contains(match))
                {
                    features.Add(match);
                }
            }
        }

        var legacyTunnel = false;
        if (Get(TunnelKey) is { } tunnel)
        {
            if (string.Equals(tunnel, "legacy", StringComparison.OrdinalIgnoreCase))
            {
                legacyTunnel = true;
            }
            else if (!string.Equals(tunnel, "konnectivity", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{TunnelKey} '{tunnel}' is not valid; expected 'konnectivity' or 'legacy'");
            }
        }

        var dnsServers = new List<string>();
        if (Get(CustomDnsKey) is { } dnsList)
        {
            foreach (var raw in dnsList.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries))
            {
                var address = raw.Trim();
                if (Coverage.AddressRange.TryParse(address, out _))
                {
                    dnsServers.Add(address);
                }
                else
                {
                    problems.Add($"{CustomDnsKey} '{address}' is not an IPv4 address");
                }
            }
        }

        return new EgressSettings
        {
            Cloud = cloud,
            Profile = profile,
            Location = location,
            Features = features,
            LegacyTunnel = legacyTunnel,
            PrivateCluster = ParseBool(Get(PrivateClusterKey), PrivateClusterKey, problems),
            CustomDnsServers = dnsServers,
            CheckAllFirewalls = ParseBool(Get(CheckAllFirewallsKey), CheckAllFirewallsKey, problems) ?? false,
        };
    }

    private static bool? ParseBool(string? text, string key, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add($"{key} '{text}' is not valid; expected 'true' or 'false'");
        return null;
    }
}
