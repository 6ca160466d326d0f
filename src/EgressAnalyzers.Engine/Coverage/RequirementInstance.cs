using System;
using System.Collections.Generic;
using System.Linq;
using EgressAnalyzers.Engine.Catalog;

namespace EgressAnalyzers.Engine.Coverage;

/// <summary>A catalog requirement for one location: <c>&lt;location&gt;</c> filled in its FQDN and destination forms.</summary>
public sealed class RequirementInstance
{
    public const string AnyDestination = "*";
    public const string ServiceTagPrefix = "serviceTag:";
    public const string FqdnPrefix = "fqdn:";
    public const string IpAddressesForm = "ipAddresses";
    public const string CustomDnsServersForm = "customDnsServers";

    private RequirementInstance(Requirement requirement, string location)
    {
        Requirement = requirement;
        Location = location;
        Fqdn = requirement.Fqdn is null ? null : Fill(requirement.Fqdn, location);
        Destinations = requirement.Destinations.Select(d => Fill(d, location)).ToList();
    }

    public Requirement Requirement { get; }

    /// <summary>The region filled in (or the <c>&lt;location&gt;</c> placeholder itself when it is unknown).</summary>
    public string Location { get; }

    public string? Fqdn { get; }

    public IReadOnlyList<string> Destinations { get; }

    public RequirementKind Kind => Requirement.Kind;

    public string Protocol => Requirement.Protocol;

    public int Port => Requirement.Port;

    public bool IsHttps => string.Equals(Protocol, "Https", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>Https:443</c>, <c>UDP:1194</c>.</summary>
    public string ProtocolPort => protocolPort ??= $"{Protocol}:{Port}";

    // Both texts are asked for once per cluster and rule set; the instance is immutable, so build them once.
    private string? protocolPort;
    private string? endpoint;

    /// <summary>
    /// The endpoint as messages show it: the FQDN for application requirements; for network requirements
    /// <c>UDP 1194 to AzureCloud.westeurope</c>, naming the most specific destination form (a service tag or FQDN
    /// before <c>*</c>; never the IP form, whose addresses the templates cannot know).
    /// </summary>
    public string Endpoint => endpoint ??= BuildEndpoint();

    private string BuildEndpoint()
    {
        if (Kind == RequirementKind.Application)
        {
            return Fqdn ?? "";
        }

        var named = Destinations.FirstOrDefault(d => d != IpAddressesForm && d != AnyDestination)
            ?? Destinations.FirstOrDefault(d => d != IpAddressesForm)
            ?? "the API server or region addresses";
        return $"{Protocol} {Port} to {DestinationText(named)}";
    }

    public static RequirementInstance For(Requirement requirement, string location) => new(requirement, location);

    public static string DestinationText(string form)
    {
        if (form.StartsWith(ServiceTagPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return form.Substring(ServiceTagPrefix.Length);
        }

        if (form.StartsWith(FqdnPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return form.Substring(FqdnPrefix.Length);
        }

        return form == CustomDnsServersForm ? "the custom DNS servers" : form;
    }

    public override string ToString() => $"{Requirement.Id} {Endpoint} ({ProtocolPort})";

    private static string Fill(string template, string location) =>
        template.Replace(RequirementCatalog.LocationPlaceholder, location);
}
