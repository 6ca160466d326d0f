using System.Collections.Generic;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EgressAnalyzers.Configuration;

/// <summary>
/// Reads <see cref="EgressSettings"/> from the compiler's analyzer options. The same key works as an MSBuild property
/// (made visible by <c>build/EgressAnalyzers.props</c> as <c>build_property.Key</c>) and as a plain <c>Key = value</c> line
/// in a <c>.globalconfig</c>; the MSBuild property wins when both are set.
/// </summary>
internal static class AnalyzerSettings
{
    /// <summary>Per-file opt-in: <c>&lt;AdditionalFiles Include="hub.json" EgressServesAks="true" /&gt;</c>.</summary>
    public const string ServesAksMetadataKey = "build_metadata.AdditionalFiles.EgressServesAks";

    public static EgressSettings Read(AnalyzerConfigOptions globalOptions, RequirementCatalog catalog, List<string> problems) =>
        EgressSettings.Parse(key => Lookup(globalOptions, key), catalog, problems);

    public static bool IsOptedIn(AnalyzerOptions options, AdditionalText file) =>
        options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(ServesAksMetadataKey, out var value)
        && bool.TryParse(value, out var optedIn) && optedIn;

    private static string? Lookup(AnalyzerConfigOptions options, string key)
    {
        if (options.TryGetValue("build_property." + key, out var fromMsBuild) && !string.IsNullOrWhiteSpace(fromMsBuild))
        {
            return fromMsBuild;
        }

        return options.TryGetValue(key, out var fromGlobalConfig) ? fromGlobalConfig : null;
    }
}
