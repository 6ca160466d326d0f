using System;
using System.Collections.Generic;

namespace EgressAnalyzers.Engine.Catalog;

public enum RequirementKind
{
    /// <summary>An FQDN over Http/Https (application rules; a network rule for TCP to the same destination also covers it).</summary>
    Application,

    /// <summary>A protocol and port to a destination form (network rules only).</summary>
    Network,
}

public enum RequirementLevel
{
    /// <summary>Missing → EGR1001 (application) or EGR1002 (network).</summary>
    Required,

    /// <summary>Missing → EGR1003 (info).</summary>
    Recommended,
}

/// <summary>
/// One AKS egress requirement as the documentation states it, for one profile and one cloud. Data, not code:
/// every entry comes from <c>Catalog/Data/aks-egress-requirements.json</c> and carries its source.
/// </summary>
public sealed class Requirement
{
    /// <summary>Stable id, as in the reference tables (e.g. <c>G-A1</c>, <c>C-N3</c>, <c>P19-A4</c>).</summary>
    public string Id { get; init; } = "";

    public string Profile { get; init; } = "";

    public string Cloud { get; init; } = "";

    public RequirementKind Kind { get; init; }

    /// <summary>Application: the FQDN pattern, possibly with the <c>&lt;location&gt;</c> placeholder. Network: null.</summary>
    public string? Fqdn { get; init; }

    /// <summary>Application: <c>Http</c> or <c>Https</c>. Network: <c>TCP</c> or <c>UDP</c>.</summary>
    public string Protocol { get; init; } = "";

    public int Port { get; init; }

    /// <summary>
    /// Network requirements: the destination forms that satisfy it, as in the docs' "any one of" column:
    /// <c>*</c>; <c>serviceTag:AzureCloud.&lt;location&gt;</c>; <c>fqdn:ntp.ubuntu.com</c>; <c>ipAddresses</c> (region CIDRs or
    /// the API server IP: an IP destination may or may not be right, so it makes coverage unknown); <c>customDnsServers</c>.
    /// Application requirements: extra service tags a network rule may use (<c>serviceTag:AzureMonitor</c>).
    /// </summary>
    public IReadOnlyList<string> Destinations { get; init; } = Array.Empty<string>();

    public RequirementLevel Level { get; init; }

    /// <summary>Applies only when this condition holds: <c>customDns</c>, or a feature name (<c>gpu</c>, <c>windows</c>, …).</summary>
    public string? OnlyWhen { get; init; }

    /// <summary>Escalates a recommended entry to required when this condition holds (<c>legacyTunnel</c>).</summary>
    public string? RequiredWhen { get; init; }

    /// <summary>Cluster shapes the entry does not apply to (<c>privateCluster</c>).</summary>
    public IReadOnlyList<string> NotFor { get; init; } = Array.Empty<string>();

    /// <summary>True when an Https application rule with the <c>AzureKubernetesService</c> FQDN tag covers it (core entries only).</summary>
    public bool CoveredByAksFqdnTag { get; init; }

    /// <summary>Why AKS needs it (shown in messages).</summary>
    public string Purpose { get; init; } = "";

    /// <summary>The document the entry comes from (short name, path and commit).</summary>
    public string Source { get; init; } = "";

    /// <summary>The document's date (ms.date or commit date).</summary>
    public string SourceDate { get; init; } = "";

    public bool IsLocationSpecific => (Fqdn?.IndexOf(RequirementCatalog.LocationPlaceholder, StringComparison.Ordinal) ?? -1) >= 0
        || Destinations.Count > 0 && HasLocationDestination();

    private bool HasLocationDestination()
    {
        foreach (var destination in Destinations)
        {
            if (destination.IndexOf(RequirementCatalog.LocationPlaceholder, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => $"{Id} {Fqdn ?? string.Join("|", Destinations)} {Protocol}:{Port}";
}

/// <summary>An endpoint earlier guidance required and the current list no longer does (EGR2003).</summary>
public sealed class DeprecatedEndpoint
{
    public string Fqdn { get; init; } = "";

    /// <summary>When and why it left the list.</summary>
    public string Note { get; init; } = "";

    public string Source { get; init; } = "";
}
