using System;
using System.Collections.Generic;
using System.Linq;

namespace EgressAnalyzers.Engine.Catalog;

/// <summary>
/// The versioned AKS egress requirement catalog (embedded data file <c>Catalog/Data/aks-egress-requirements.json</c>).
/// A documentation change is a data change plus a test, not a code change.
/// </summary>
public sealed partial class RequirementCatalog
{
    public const string LocationPlaceholder = "<location>";

    private static readonly Lazy<RequirementCatalog> DefaultCatalog = new(LoadEmbedded);

    /// <summary>Catalog data version (date of the newest source it follows).</summary>
    public string Version { get; init; } = "";

    public IReadOnlyList<string> Profiles { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> Clouds { get; init; } = Array.Empty<string>();

    /// <summary>Feature names usable in <c>EgressAksFeatures</c> and detected on clusters.</summary>
    public IReadOnlyList<string> Features { get; init; } = Array.Empty<string>();

    /// <summary>Known region names per cloud (normalised, e.g. <c>westeurope</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> Regions { get; init; } = new Dictionary<string, IReadOnlyCollection<string>>();

    public IReadOnlyList<Requirement> Requirements { get; init; } = Array.Empty<Requirement>();

    /// <summary>Endpoints that earlier guidance required and the <c>current</c> profile does not (EGR2003).</summary>
    public IReadOnlyList<DeprecatedEndpoint> Deprecated { get; init; } = Array.Empty<DeprecatedEndpoint>();

    /// <summary>The catalog shipped with this build.</summary>
    public static RequirementCatalog Default => DefaultCatalog.Value;

    public IEnumerable<Requirement> For(string profile, string cloud) =>
        Requirements.Where(r => string.Equals(r.Profile, profile, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.Cloud, cloud, StringComparison.OrdinalIgnoreCase));

    public bool HasRequirements(string profile, string cloud) => For(profile, cloud).Any();

    public bool IsKnownRegion(string cloud, string normalizedRegion) =>
        Regions.TryGetValue(cloud, out var regions) && regions.Contains(normalizedRegion);

    private static RequirementCatalog LoadEmbedded()
    {
        using var stream = typeof(RequirementCatalog).Assembly.GetManifestResourceStream("EgressAnalyzers.Engine.Catalog.aks-egress-requirements.json")
            ?? throw new InvalidOperationException("The requirement catalog is not embedded in the engine assembly.");
        using var reader = new System.IO.StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
