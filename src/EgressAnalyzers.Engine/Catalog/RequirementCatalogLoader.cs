using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EgressAnalyzers.Engine.Json;

namespace EgressAnalyzers.Engine.Catalog;

public sealed partial class RequirementCatalog
{
    /// <summary>Condition names besides the feature names (<see cref="Requirement.OnlyWhen"/>).</summary>
    public const string CustomDnsCondition = "customDns";

    /// <summary>The only <see cref="Requirement.RequiredWhen"/> condition.</summary>
    public const string LegacyTunnelCondition = "legacyTunnel";

    /// <summary>The only <see cref="Requirement.NotFor"/> cluster shape.</summary>
    public const string PrivateClusterShape = "privateCluster";

    /// <summary>
    /// Parses catalog data (the embedded file's format, described in its top-level <c>$comment</c>). The catalog is our
    /// own data, so anything unexpected (syntax error, unknown key, unknown condition, duplicate id …) throws
    /// <see cref="InvalidOperationException"/> naming the offending entry instead of being skipped silently.
    /// </summary>
    public static RequirementCatalog Parse(string json) => CatalogReader.Read(json);

    internal static class CatalogReader
    {
        private static readonly string[] TopLevelKeys =
            { "$comment", "version", "profiles", "clouds", "features", "sources", "regions", "requirements", "deprecated" };

        private static readonly string[] RequirementKeys =
        {
            "id", "fqdn", "protocol", "port", "destinations", "level", "onlyWhen", "requiredWhen", "notFor",
            "coveredByAksFqdnTag", "purpose", "source", "note",
        };

        private static readonly string[] DeprecatedKeys = { "fqdn", "note", "source" };

        private static readonly string[] SourceKeys = { "text", "date" };

        private static readonly string[] PlainDestinations = { "*", "ipAddresses", "customDnsServers" };

        public static RequirementCatalog Read(string json)
        {
            var document = JsonDocument.Parse(json);
            if (document.Errors.Count > 0)
            {
                var error = document.Errors[0];
                throw Fail($"syntax error at offset {error.Start}: {error.Message}");
            }

            var root = document.Root as JsonObject ?? throw Fail("the root must be an object");
            CheckKeys(root, TopLevelKeys, "the root");

            var version = RequiredString(root, "version", "the root");
            var profiles = StringList(root, "profiles", "the root", required: true);
            var clouds = StringList(root, "clouds", "the root", required: true);
            var features = StringList(root, "features", "the root", required: true);
            var sources = ReadSources(RequiredObject(root, "sources", "the root"));
            var regions = ReadRegions(RequiredObject(root, "regions", "the root"), clouds);
            foreach (var cloud in clouds)
            {
                if (!regions.ContainsKey(cloud))
                {
                    throw Fail($"cloud '{cloud}' has no region list");
                }
            }

            var requirements = ReadRequirements(RequiredObject(root, "requirements", "the root"), profiles, clouds, features, sources);
            var deprecated = ReadDeprecated(root["deprecated"]);

            return new RequirementCatalog
            {
                Version = version,
                Profiles = profiles,
                Clouds = clouds,
                Features = features,
                Regions = regions,
                Requirements = requirements,
                Deprecated = deprecated,
            };
        }

        private static Dictionary<string, (string Text, string Date)> ReadSources(JsonObject node)
        {
            var sources = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            foreach (var property in node.Properties)
            {
                var where = $"source '{property.Name}'";
                var source = property.Value as JsonObject ?? throw Fail($"{where} must be an object");
                CheckKeys(source, SourceKeys, where);
                sources[property.Name] = (RequiredString(source, "text", where), RequiredString(source, "date", where));
            }

            return sources;
        }

        private static Dictionary<string, IReadOnlyCollection<string>> ReadRegions(JsonObject node, IReadOnlyList<string> clouds)
        {
            var regions = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in node.Properties)
            {
                var where = $"regions of '{property.Name}'";
                if (!clouds.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw Fail($"{where}: '{property.Name}' is not a declared cloud");
                }

                var names = Strings(property.Value, where);
                if (names.Count == 0)
                {
                    throw Fail($"{where}: the list is empty");
                }

                foreach (var name in names)
                {
                    if (!string.Equals(name, Configuration.Regions.Normalize(name), StringComparison.Ordinal))
                    {
                        throw Fail($"{where}: '{name}' is not normalised (lower case, no spaces)");
                    }
                }

                regions[property.Name] = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
            }

            return regions;
        }

        private static List<Requirement> ReadRequirements(
            JsonObject node,
            IReadOnlyList<string> profiles,
            IReadOnlyList<string> clouds,
            IReadOnlyList<string> features,
            Dictionary<string, (string Text, string Date)> sources)
        {
            var requirements = new List<Requirement>();
            foreach (var profileProperty in node.Properties)
            {
                var profile = profileProperty.Name;
                if (!profiles.Contains(profile, StringComparer.Ordinal))
                {
                    throw Fail($"requirements: '{profile}' is not a declared profile");
                }

                var byCloud = profileProperty.Value as JsonObject ?? throw Fail($"requirements of '{profile}' must be an object keyed by cloud");
                foreach (var cloudProperty in byCloud.Properties)
                {
                    var cloud = cloudProperty.Name;
                    if (!clouds.Contains(cloud, StringComparer.Ordinal))
                    {
                        throw Fail($"requirements of '{profile}': '{cloud}' is not a declared cloud");
                    }

                    var entries = cloudProperty.Value as JsonArray ?? throw Fail($"requirements of '{profile}/{cloud}' must be an array");
                    var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var item in entries.Items)
                    {
                        var requirement = ReadRequirement(item, profile, cloud, features, sources);
                        if (!ids.Add(requirement.Id))
                        {
                            throw Fail($"requirement '{profile}/{cloud}/{requirement.Id}': the id is used twice");
                        }

                        requirements.Add(requirement);
                    }
                }
            }

            return requirements;
        }

        private static Requirement ReadRequirement(
            JsonNode node,
            string profile,
            string cloud,
            IReadOnlyList<string> features,
            Dictionary<string, (string Text, string Date)> sources) =>
            ReadRequirement(node, profile, cloud, features, sources, RequirementKeys, fixedSource: null);

        /// <summary>
        /// Reads one organisation requirement (<c>egress-requirements.json</c>) with exactly the catalog's rules, so a
        /// custom entry means what a catalog entry means. <paramref name="extraKeys"/> are the custom file's own keys
        /// (handled by the caller); the source is the custom file. Throws <see cref="InvalidOperationException"/> with
        /// the reason when the entry is invalid.
        /// </summary>
        internal static Requirement ReadCustomRequirement(
            JsonObject entry, string profile, string cloud, IReadOnlyList<string> features, IEnumerable<string> extraKeys, string sourceText) =>
            ReadRequirement(entry, profile, cloud, features, new Dictionary<string, (string, string)>(),
                RequirementKeys.Where(k => k != "source").Concat(extraKeys).ToArray(), fixedSource: (sourceText, ""));

        private static Requirement ReadRequirement(
            JsonNode node,
            string profile,
            string cloud,
            IReadOnlyList<string> features,
            Dictionary<string, (string Text, string Date)> sources,
            string[] allowedKeys,
            (string Text, string Date)? fixedSource)
        {
            var entry = node as JsonObject ?? throw Fail($"requirements of '{profile}/{cloud}' must hold objects");
            var id = RequiredString(entry, "id", $"an entry of '{profile}/{cloud}'");
            var where = $"requirement '{profile}/{cloud}/{id}'";
            CheckKeys(entry, allowedKeys, where);

            var fqdn = OptionalString(entry, "fqdn", where);
            var kind = fqdn is null ? RequirementKind.Network : RequirementKind.Application;
            var protocol = RequiredString(entry, "protocol", where);
            var validProtocols = kind == RequirementKind.Application ? new[] { "Http", "Https" } : new[] { "TCP", "UDP" };
            if (!validProtocols.Contains(protocol, StringComparer.Ordinal))
            {
                throw Fail($"{where}: protocol '{protocol}' is not one of {string.Join(", ", validProtocols)} ({kind} requirement)");
            }

            var port = RequiredInteger(entry, "port", where);
            if (port is < 1 or > 65535)
            {
                throw Fail($"{where}: port {port.ToString(CultureInfo.InvariantCulture)} is outside 1-65535");
            }

            var destinations = StringList(entry, "destinations", where, required: false);
            if (kind == RequirementKind.Network && destinations.Count == 0)
            {
                throw Fail($"{where}: a network requirement needs at least one destination form");
            }

            foreach (var destination in destinations)
            {
                CheckDestination(destination, kind, where);
            }

            var level = RequiredString(entry, "level", where) switch
            {
                "required" => RequirementLevel.Required,
                "recommended" => RequirementLevel.Recommended,
                var other => throw Fail($"{where}: level '{other}' is not 'required' or 'recommended'"),
            };

            var onlyWhen = OptionalString(entry, "onlyWhen", where);
            if (onlyWhen is not null && onlyWhen != CustomDnsCondition && !features.Contains(onlyWhen, StringComparer.Ordinal))
            {
                throw Fail($"{where}: onlyWhen '{onlyWhen}' is neither a declared feature nor '{CustomDnsCondition}'");
            }

            var requiredWhen = OptionalString(entry, "requiredWhen", where);
            if (requiredWhen is not null && requiredWhen != LegacyTunnelCondition)
            {
                throw Fail($"{where}: requiredWhen '{requiredWhen}' is not '{LegacyTunnelCondition}'");
            }

            if (requiredWhen is not null && level != RequirementLevel.Recommended)
            {
                throw Fail($"{where}: requiredWhen only makes sense on a recommended entry");
            }

            var notFor = StringList(entry, "notFor", where, required: false);
            foreach (var shape in notFor)
            {
                if (shape != PrivateClusterShape)
                {
                    throw Fail($"{where}: notFor '{shape}' is not '{PrivateClusterShape}'");
                }
            }

            var coveredByTag = OptionalBoolean(entry, "coveredByAksFqdnTag", where) ?? false;
            if (coveredByTag && kind != RequirementKind.Application)
            {
                throw Fail($"{where}: the AzureKubernetesService FQDN tag only exists on application rules");
            }

            (string Text, string Date) source;
            if (fixedSource is { } given)
            {
                source = given;
            }
            else
            {
                var sourceKey = RequiredString(entry, "source", where);
                if (!sources.TryGetValue(sourceKey, out source))
                {
                    throw Fail($"{where}: source '{sourceKey}' is not declared in 'sources'");
                }
            }

            return new Requirement
            {
                Id = id,
                Profile = profile,
                Cloud = cloud,
                Kind = kind,
                Fqdn = fqdn,
                Protocol = protocol,
                Port = (int)port,
                Destinations = destinations,
                Level = level,
                OnlyWhen = onlyWhen,
                RequiredWhen = requiredWhen,
                NotFor = notFor,
                CoveredByAksFqdnTag = coveredByTag,
                Purpose = RequiredString(entry, "purpose", where),
                Source = source.Text,
                SourceDate = source.Date,
            };
        }

        private static void CheckDestination(string destination, RequirementKind kind, string where)
        {
            const string ServiceTagPrefix = "serviceTag:";
            const string FqdnPrefix = "fqdn:";
            var isServiceTag = destination.StartsWith(ServiceTagPrefix, StringComparison.Ordinal) && destination.Length > ServiceTagPrefix.Length;
            if (kind == RequirementKind.Application)
            {
                if (!isServiceTag)
                {
                    throw Fail($"{where}: an application requirement may only list service tags as destinations, not '{destination}'");
                }

                return;
            }

            var isFqdn = destination.StartsWith(FqdnPrefix, StringComparison.Ordinal) && destination.Length > FqdnPrefix.Length;
            if (!isServiceTag && !isFqdn && !PlainDestinations.Contains(destination, StringComparer.Ordinal))
            {
                throw Fail($"{where}: destination '{destination}' is not '*', 'ipAddresses', 'customDnsServers', 'serviceTag:<tag>' or 'fqdn:<name>'");
            }
        }

        private static List<DeprecatedEndpoint> ReadDeprecated(JsonNode? node)
        {
            var result = new List<DeprecatedEndpoint>();
            if (node is null)
            {
                return result;
            }

            var items = node as JsonArray ?? throw Fail("'deprecated' must be an array");
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in items.Items)
            {
                var entry = item as JsonObject ?? throw Fail("'deprecated' must hold objects");
                var fqdn = RequiredString(entry, "fqdn", "a deprecated entry");
                var where = $"deprecated '{fqdn}'";
                CheckKeys(entry, DeprecatedKeys, where);
                if (!seen.Add(fqdn))
                {
                    throw Fail($"{where}: listed twice");
                }

                result.Add(new DeprecatedEndpoint
                {
                    Fqdn = fqdn,
                    Note = RequiredString(entry, "note", where),
                    Source = RequiredString(entry, "source", where),
                });
            }

            return result;
        }

        private static void CheckKeys(JsonObject node, string[] allowed, string where)
        {
            foreach (var property in node.Properties)
            {
                // Exact case: the loader is strict so that a misspelt key is an error, not a silently ignored field.
                if (!allowed.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw Fail($"{where}: unknown key '{property.Name}'");
                }
            }
        }

        private static JsonObject RequiredObject(JsonObject node, string key, string where) =>
            node[key] as JsonObject ?? throw Fail($"{where}: '{key}' must be an object");

        private static string RequiredString(JsonObject node, string key, string where) =>
            OptionalString(node, key, where) ?? throw Fail($"{where}: '{key}' is missing");

        private static string? OptionalString(JsonObject node, string key, string where)
        {
            switch (node[key])
            {
                case null:
                    return null;
                case JsonString text when !string.IsNullOrWhiteSpace(text.Value):
                    return text.Value;
                default:
                    throw Fail($"{where}: '{key}' must be a non-empty string");
            }
        }

        private static long RequiredInteger(JsonObject node, string key, string where) =>
            (node[key] as JsonNumber)?.IntegerValue ?? throw Fail($"{where}: '{key}' must be an integer");

        private static bool? OptionalBoolean(JsonObject node, string key, string where) => node[key] switch
        {
            null => null,
            { Kind: JsonNodeKind.True } => true,
            { Kind: JsonNodeKind.False } => false,
            _ => throw Fail($"{where}: '{key}' must be true or false"),
        };

        private static List<string> StringList(JsonObject node, string key, string where, bool required)
        {
            var value = node[key];
            if (value is null)
            {
                return required ? throw Fail($"{where}: '{key}' is missing") : new List<string>();
            }

            return Strings(value, $"{where}: '{key}'");
        }

        private static List<string> Strings(JsonNode node, string where)
        {
            var items = node as JsonArray ?? throw Fail($"{where} must be an array of strings");
            var result = new List<string>(items.Items.Count);
            foreach (var item in items.Items)
            {
                if (item is not JsonString text || string.IsNullOrWhiteSpace(text.Value))
                {
                    throw Fail($"{where} must hold non-empty strings");
                }

                if (result.Contains(text.Value, StringComparer.OrdinalIgnoreCase))
                {
                    throw Fail($"{where} lists '{text.Value}' twice");
                }

                result.Add(text.Value);
            }

            return result;
        }

        private static InvalidOperationException Fail(string message) =>
            new("Invalid AKS egress requirement catalog: " + message);
    }
}
