using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Catalog;

/// <summary>The catalog an organisation's requirements file produced, and what was wrong in it (EGR0001 findings).</summary>
public sealed class CustomRequirementsResult
{
    public CustomRequirementsResult(RequirementCatalog catalog, IReadOnlyList<Finding> problems)
    {
        Catalog = catalog;
        Problems = problems;
    }

    public RequirementCatalog Catalog { get; }

    public IReadOnlyList<Finding> Problems { get; }
}

/// <summary>
/// An organisation's own requirements: the file <c>egress-requirements.json</c> (schema:
/// <c>docs/egress-requirements.schema.json</c>, documented in <c>docs/custom-requirements.md</c>). Its entries are read
/// by the catalog loader itself, so they take the same keys, levels and conditions as the built-in catalog; catalog
/// entries listed under <c>notApplicable</c> (with a justification) are dropped. Unlike the built-in catalog, the user's
/// file is input: each invalid entry is reported as EGR0001 at the entry and skipped, and the rest still applies.
/// </summary>
public static class CustomRequirements
{
    public const string FileName = "egress-requirements.json";

    private const string CatalogErrorPrefix = "Invalid AKS egress requirement catalog: ";

    private static readonly string[] TopLevelKeys = { "$schema", "$comment", "requirements", "notApplicable" };

    private static readonly string[] ScopeKeys = { "clouds", "profiles" };

    private static readonly string[] NotApplicableKeys = { "id", "justification", "clouds", "profiles" };

    public static bool IsRequirementsFile(string path) =>
        string.Equals(Path.GetFileName(path), FileName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Applies the files (in the order given) to <paramref name="catalog"/>.</summary>
    public static CustomRequirementsResult Apply(RequirementCatalog catalog, IEnumerable<(string Path, string Text)> files)
    {
        var problems = new List<Finding>();
        var current = catalog;
        foreach (var (path, text) in files)
        {
            current = ApplyOne(current, catalog, path, text, problems);
        }

        return new CustomRequirementsResult(current, problems);
    }

    private static RequirementCatalog ApplyOne(RequirementCatalog current, RequirementCatalog builtIn, string path, string text, List<Finding> problems)
    {
        void Report(int start, int length, string message) =>
            problems.Add(new Finding(EgressRules.EGR0001_InvalidConfigurationValue, new SourceSpan(path, start, length), $"{FileName}: {message}"));

        var document = JsonDocument.Parse(text);
        if (document.Errors.Count > 0)
        {
            var error = document.Errors[0];
            Report(error.Start, error.Length, $"syntax error: {error.Message}; the file is ignored");
            return current;
        }

        if (document.Root is not JsonObject root)
        {
            Report(0, 0, "the root must be an object with 'requirements' and/or 'notApplicable'; the file is ignored");
            return current;
        }

        foreach (var property in root.Properties)
        {
            if (!TopLevelKeys.Contains(property.Name, StringComparer.Ordinal))
            {
                Report(property.NameStart, property.NameLength, $"unknown key '{property.Name}' (expected {string.Join(", ", TopLevelKeys)})");
            }
        }

        var removed = ReadNotApplicable(root["notApplicable"], current, builtIn, Report);
        var added = ReadRequirements(root["requirements"], current, text, path, Report);

        return new RequirementCatalog
        {
            Version = current.Version,
            Profiles = current.Profiles,
            Clouds = current.Clouds,
            Features = current.Features,
            Regions = current.Regions,
            Deprecated = current.Deprecated,
            Requirements = current.Requirements.Where(r => !removed.Contains(r)).Concat(added).ToList(),
        };
    }

    private static HashSet<Requirement> ReadNotApplicable(JsonNode? node, RequirementCatalog current, RequirementCatalog builtIn, Action<int, int, string> report)
    {
        var removed = new HashSet<Requirement>();
        if (node is null)
        {
            return removed;
        }

        if (node is not JsonArray items)
        {
            report(node.Start, node.Length, "'notApplicable' must be an array of {id, justification}");
            return removed;
        }

        foreach (var item in items.Items)
        {
            if (item is not JsonObject entry)
            {
                report(item.Start, item.Length, "a 'notApplicable' entry must be an object {id, justification}");
                continue;
            }

            var unknownKey = entry.Properties.FirstOrDefault(p => !NotApplicableKeys.Contains(p.Name, StringComparer.Ordinal));
            if (unknownKey is not null)
            {
                report(unknownKey.NameStart, unknownKey.NameLength, $"unknown key '{unknownKey.Name}' in a 'notApplicable' entry (expected {string.Join(", ", NotApplicableKeys)}); the entry is ignored");
                continue;
            }

            if (entry["id"] is not JsonString { Value: { Length: > 0 } id } idNode)
            {
                report(entry.Start, 1, "a 'notApplicable' entry needs an 'id' naming a catalog requirement; the entry is ignored");
                continue;
            }

            if (entry["justification"] is not JsonString justification || string.IsNullOrWhiteSpace(justification.Value))
            {
                report(idNode.Start, idNode.Length, $"'notApplicable' entry '{id}' needs a non-empty 'justification'; the entry is ignored");
                continue;
            }

            if (!TryReadScope(entry, current, out var clouds, out var profiles, out var scopeError, out var scopeNode))
            {
                report(scopeNode!.Start, scopeNode.Length, $"'notApplicable' entry '{id}': {scopeError}; the entry is ignored");
                continue;
            }

            var matches = current.Requirements
                .Where(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase)
                    && clouds.Contains(r.Cloud, StringComparer.Ordinal) && profiles.Contains(r.Profile, StringComparer.Ordinal))
                .ToList();
            if (matches.Count == 0)
            {
                var known = builtIn.Requirements.Any(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
                report(idNode.Start, idNode.Length, known
                    ? $"'notApplicable' entry '{id}' matches no requirement of the clouds/profiles it names"
                    : $"'notApplicable' entry '{id}' is not a catalog requirement id (see docs/custom-requirements.md for the list)");
                continue;
            }

            removed.UnionWith(matches);
        }

        return removed;
    }

    private static List<Requirement> ReadRequirements(JsonNode? node, RequirementCatalog current, string text, string path, Action<int, int, string> report)
    {
        var added = new List<Requirement>();
        if (node is null)
        {
            return added;
        }

        if (node is not JsonArray items)
        {
            report(node.Start, node.Length, "'requirements' must be an array of requirement objects");
            return added;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items.Items)
        {
            if (item is not JsonObject entry)
            {
                report(item.Start, item.Length, "a 'requirements' entry must be an object");
                continue;
            }

            var idNode = entry["id"] as JsonString;
            var id = idNode?.Value;
            var at = (JsonNode?)idNode ?? entry;
            if (string.IsNullOrWhiteSpace(id))
            {
                report(entry.Start, 1, "a requirement needs a non-empty 'id'; the entry is ignored");
                continue;
            }

            if (!seen.Add(id!) || current.Requirements.Any(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase)))
            {
                report(at.Start, at.Length, $"requirement id '{id}' is already used (by the catalog or earlier in the file); the entry is ignored");
                continue;
            }

            if (!TryReadScope(entry, current, out var clouds, out var profiles, out var scopeError, out var scopeNode))
            {
                report(scopeNode!.Start, scopeNode.Length, $"requirement '{id}': {scopeError}; the entry is ignored");
                continue;
            }

            var source = $"{FileName} ({path})";
            try
            {
                var entryRequirements = new List<Requirement>();
                foreach (var profile in profiles)
                {
                    foreach (var cloud in clouds)
                    {
                        entryRequirements.Add(RequirementCatalog.CatalogReader.ReadCustomRequirement(entry, profile, cloud, current.Features, ScopeKeys, source));
                    }
                }

                added.AddRange(entryRequirements);
            }
            catch (InvalidOperationException invalid)
            {
                report(at.Start, at.Length, Describe(invalid.Message, id!));
            }
        }

        return added;
    }

    /// <summary>Turns the loader's message (which names profile and cloud) into one about the user's entry.</summary>
    private static string Describe(string loaderMessage, string id)
    {
        var message = loaderMessage.StartsWith(CatalogErrorPrefix, StringComparison.Ordinal)
            ? loaderMessage.Substring(CatalogErrorPrefix.Length)
            : loaderMessage;
        var cut = message.IndexOf("': ", StringComparison.Ordinal);
        var reason = message.StartsWith("requirement '", StringComparison.Ordinal) && cut > 0 ? message.Substring(cut + 3) : message;
        return $"requirement '{id}': {reason}; the entry is ignored";
    }

    private static bool TryReadScope(
        JsonObject entry,
        RequirementCatalog catalog,
        out List<string> clouds,
        out List<string> profiles,
        out string? error,
        out JsonNode? errorNode)
    {
        clouds = catalog.Clouds.ToList();
        profiles = catalog.Profiles.ToList();
        error = null;
        errorNode = null;
        foreach (var (key, allowed, target) in new[] { ("clouds", catalog.Clouds, clouds), ("profiles", catalog.Profiles, profiles) })
        {
            var node = entry[key];
            if (node is null)
            {
                continue;
            }

            if (node is not JsonArray array || array.Items.Count == 0)
            {
                (error, errorNode) = ($"'{key}' must be a non-empty array of: {string.Join(", ", allowed)}", node);
                return false;
            }

            target.Clear();
            foreach (var item in array.Items)
            {
                var match = item is JsonString name ? allowed.FirstOrDefault(a => string.Equals(a, name.Value, StringComparison.OrdinalIgnoreCase)) : null;
                if (match is null)
                {
                    (error, errorNode) = ($"'{key}' may only name: {string.Join(", ", allowed)}", item);
                    return false;
                }

                target.Add(match);
            }
        }

        return true;
    }
}
