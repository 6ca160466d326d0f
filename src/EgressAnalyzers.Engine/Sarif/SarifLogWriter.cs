using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Sarif;

/// <summary>One text replacement of a fix: the span to delete (possibly empty) and the text to insert there.</summary>
public sealed class SarifReplacement
{
    public SarifReplacement(SourceSpan deleted, string inserted)
    {
        Deleted = deleted;
        Inserted = inserted;
    }

    public SourceSpan Deleted { get; }

    public string Inserted { get; }
}

/// <summary>A proposed fix for one finding (SARIF <c>fixes[]</c>).</summary>
public sealed class SarifFix
{
    public SarifFix(string description, IReadOnlyList<SarifReplacement> replacements)
    {
        Description = description;
        Replacements = replacements;
    }

    public string Description { get; }

    public IReadOnlyList<SarifReplacement> Replacements { get; }
}

/// <summary>What one SARIF log describes.</summary>
public sealed class SarifLogInput
{
    /// <summary>Every finding, including suppressed ones (they become <c>suppressions[]</c>).</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = Array.Empty<Finding>();

    /// <summary>The text a file was analyzed with (for line/column); null when unknown (the region is then omitted).</summary>
    public Func<string, string?> TextOf { get; init; } = _ => null;

    /// <summary>The folder <c>%SRCROOT%</c> stands for; file URIs under it are written relative to it.</summary>
    public string SourceRoot { get; init; } = "";

    public string ToolVersion { get; init; } = "0.0.0";

    /// <summary>The level a finding was reported with (gating can raise warnings to errors); defaults to the rule's.</summary>
    public Func<Finding, RuleSeverity>? EffectiveSeverity { get; init; }

    /// <summary>Fixes for a finding, when a fix engine is available.</summary>
    public Func<Finding, IReadOnlyList<SarifFix>>? Fixes { get; init; }
}

/// <summary>
/// Writes findings as one SARIF 2.1.0 run: relative artifact URIs under <c>%SRCROOT%</c>, the rule catalog with help
/// URIs, logical locations (firewall/policy and endpoint), suppressed findings with <c>suppressions[]</c>, and
/// <c>partialFingerprints</c> that stay the same when lines move (they hash the rule, the relative file and the logical
/// location, never a line number), so code-scanning services track a finding across commits.
/// </summary>
public static class SarifLogWriter
{
    public const string SourceRootBaseId = "%SRCROOT%";

    /// <summary>The key under <c>partialFingerprints</c>; the version suffix changes if the hashed content ever does.</summary>
    public const string FingerprintKey = "egressFindingHash/v1";

    public const string InformationUri = "https://github.com/egressanalyzers/egressanalyzers";

    public static string Write(SarifLogInput input)
    {
        var root = NormalizeRoot(input.SourceRoot);
        var rules = EgressRules.All;
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            ruleIndex[rules[i].Id] = i;
        }

        var lineMaps = new Dictionary<string, LineMap?>(StringComparer.Ordinal);
        LineMap? MapOf(string path)
        {
            if (!lineMaps.TryGetValue(path, out var map))
            {
                var text = input.TextOf(path);
                lineMaps[path] = map = text is null ? null : new LineMap(text);
            }

            return map;
        }

        var json = new JsonTextWriter();
        json.StartObject()
            .Property("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
            .Property("version", "2.1.0")
            .Name("runs").StartArray().StartObject();

        json.Name("tool").StartObject().Name("driver").StartObject()
            .Property("name", "EgressAnalyzers")
            .Property("version", input.ToolVersion)
            .Property("semanticVersion", input.ToolVersion)
            .Property("informationUri", InformationUri)
            .Name("rules").StartArray();
        foreach (var rule in rules)
        {
            json.StartObject()
                .Property("id", rule.Id)
                .Property("name", RuleName(rule))
                .Name("shortDescription").StartObject().Property("text", rule.Title).EndObject()
                .Name("fullDescription").StartObject().Property("text", rule.Description).EndObject()
                .Property("helpUri", rule.HelpLink)
                .Name("defaultConfiguration").StartObject().Property("level", Level(rule.DefaultSeverity)).EndObject()
                .Name("properties").StartObject().Property("category", rule.Category).EndObject()
                .EndObject();
        }

        json.EndArray().EndObject().EndObject();

        json.Name("originalUriBaseIds").StartObject()
            .Name(SourceRootBaseId).StartObject().Property("uri", ToFileUri(root, directory: true)).EndObject()
            .EndObject();
        json.Property("columnKind", "utf16CodeUnits");

        json.Name("results").StartArray();
        foreach (var finding in input.Findings)
        {
            var severity = input.EffectiveSeverity?.Invoke(finding) ?? finding.EffectiveSeverity;
            json.StartObject()
                .Property("ruleId", finding.Rule.Id)
                .Property("ruleIndex", ruleIndex.TryGetValue(finding.Rule.Id, out var index) ? index : -1)
                .Property("level", Level(severity))
                .Name("message").StartObject().Property("text", finding.Message).EndObject();

            json.Name("locations").StartArray();
            if (!finding.Location.IsEmpty)
            {
                json.StartObject();
                WritePhysicalLocation(json, finding.Location, root, MapOf(finding.Location.FilePath));
                WriteLogicalLocations(json, finding);
                json.EndObject();
            }

            json.EndArray();

            var related = finding.AdditionalLocations.Where(l => !l.IsEmpty).ToList();
            if (related.Count > 0)
            {
                json.Name("relatedLocations").StartArray();
                for (var i = 0; i < related.Count; i++)
                {
                    json.StartObject().Property("id", i + 1);
                    WritePhysicalLocation(json, related[i], root, MapOf(related[i].FilePath));
                    json.EndObject();
                }

                json.EndArray();
            }

            json.Name("partialFingerprints").StartObject().Property(FingerprintKey, Fingerprint(finding, root)).EndObject();

            if (finding.SuppressedBy is { } suppression)
            {
                json.Name("suppressions").StartArray().StartObject()
                    .Property("kind", "inSource")
                    .Property("status", "accepted")
                    .Property("justification", suppression.Justification);
                if (!suppression.Span.IsEmpty)
                {
                    json.Name("location").StartObject();
                    WritePhysicalLocation(json, suppression.Span, root, MapOf(suppression.Span.FilePath));
                    json.EndObject();
                }

                json.EndObject().EndArray();
            }

            var fixes = input.Fixes?.Invoke(finding) ?? Array.Empty<SarifFix>();
            if (fixes.Count > 0)
            {
                WriteFixes(json, fixes, root, MapOf);
            }

            json.EndObject();
        }

        json.EndArray();
        json.EndObject().EndArray().EndObject();
        return json.ToString() + "\n";
    }

    /// <summary>
    /// The stable identity of a finding: rule, file relative to the source root, and the logical location (the
    /// firewall/policy and the endpoint or requirement); findings without a subject fall back to the message.
    /// </summary>
    public static string Fingerprint(Finding finding, string sourceRoot)
    {
        var root = NormalizeRoot(sourceRoot);
        var file = finding.Location.IsEmpty ? "" : RelativeOrAbsolute(finding.Location.FilePath, root).Relative ?? "";
        var logical = LogicalName(finding) ?? finding.Message;
        var identity = string.Join("\u001f", finding.Rule.Id, file, logical);
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(identity));
        var builder = new StringBuilder(32);
        for (var i = 0; i < 16; i++)
        {
            builder.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static void WriteFixes(JsonTextWriter json, IReadOnlyList<SarifFix> fixes, string root, Func<string, LineMap?> mapOf)
    {
        json.Name("fixes").StartArray();
        foreach (var fix in fixes)
        {
            json.StartObject()
                .Name("description").StartObject().Property("text", fix.Description).EndObject()
                .Name("artifactChanges").StartArray();
            foreach (var byFile in fix.Replacements.Where(r => !r.Deleted.IsEmpty).GroupBy(r => r.Deleted.FilePath, StringComparer.Ordinal))
            {
                json.StartObject();
                WriteArtifactLocation(json, byFile.Key, root);
                json.Name("replacements").StartArray();
                foreach (var replacement in byFile)
                {
                    json.StartObject();
                    json.Name("deletedRegion").StartObject();
                    WriteRegion(json, replacement.Deleted, mapOf(byFile.Key), includeOffsets: true);
                    json.EndObject();
                    json.Name("insertedContent").StartObject().Property("text", replacement.Inserted).EndObject();
                    json.EndObject();
                }

                json.EndArray().EndObject();
            }

            json.EndArray().EndObject();
        }

        json.EndArray();
    }

    private static void WritePhysicalLocation(JsonTextWriter json, SourceSpan span, string root, LineMap? map)
    {
        json.Name("physicalLocation").StartObject();
        WriteArtifactLocation(json, span.FilePath, root);
        if (map is not null)
        {
            json.Name("region").StartObject();
            WriteRegion(json, span, map, includeOffsets: false);
            json.EndObject();
        }

        json.EndObject();
    }

    private static void WriteRegion(JsonTextWriter json, SourceSpan span, LineMap? map, bool includeOffsets)
    {
        if (map is not null)
        {
            var (startLine, startColumn) = map.GetPosition(span.Start);
            var (endLine, endColumn) = map.GetPosition(span.End);
            json.Property("startLine", startLine + 1)
                .Property("startColumn", startColumn + 1)
                .Property("endLine", endLine + 1)
                .Property("endColumn", endColumn + 1);
        }

        if (includeOffsets || map is null)
        {
            json.Property("charOffset", span.Start).Property("charLength", span.Length);
        }
    }

    private static void WriteArtifactLocation(JsonTextWriter json, string path, string root)
    {
        var (relative, absolute) = RelativeOrAbsolute(path, root);
        json.Name("artifactLocation").StartObject();
        if (relative is not null)
        {
            json.Property("uri", EscapeUriPath(relative)).Property("uriBaseId", SourceRootBaseId);
        }
        else
        {
            json.Property("uri", ToFileUri(absolute, directory: false));
        }

        json.EndObject();
    }

    private static void WriteLogicalLocations(JsonTextWriter json, Finding finding)
    {
        var name = LogicalName(finding);
        if (name is null)
        {
            return;
        }

        json.Name("logicalLocations").StartArray().StartObject()
            .Property("fullyQualifiedName", name)
            .Property("kind", "resource")
            .EndObject().EndArray();
    }

    /// <summary><c>azurefirewalls/fw-hub/*.hcp.westeurope.azmk8s.io</c>: the subject and the endpoint, when known.</summary>
    private static string? LogicalName(Finding finding)
    {
        if (finding.Subject.IsEmpty)
        {
            return null;
        }

        var type = finding.Subject.Type;
        var slash = type.IndexOf('/');
        var shortType = slash < 0 ? type : type.Substring(slash + 1);
        var endpoint = finding.Endpoint ?? finding.RequirementId;
        return endpoint is null ? $"{shortType}/{finding.Subject.Name}" : $"{shortType}/{finding.Subject.Name}/{endpoint}";
    }

    private static (string? Relative, string Absolute) RelativeOrAbsolute(string path, string root)
    {
        var absolute = Path.GetFullPath(path).Replace('\\', '/');
        if (root.Length > 0 && absolute.StartsWith(root, StringComparison.Ordinal))
        {
            return (absolute.Substring(root.Length), absolute);
        }

        return (null, absolute);
    }

    private static string NormalizeRoot(string root)
    {
        if (string.IsNullOrEmpty(root))
        {
            return "";
        }

        var full = Path.GetFullPath(root).Replace('\\', '/');
        return full.EndsWith("/", StringComparison.Ordinal) ? full : full + "/";
    }

    private static string ToFileUri(string absolutePath, bool directory)
    {
        var path = absolutePath.Replace('\\', '/');
        if (directory && !path.EndsWith("/", StringComparison.Ordinal))
        {
            path += "/";
        }

        // Windows drive paths (C:/x) need the extra slash: file:///C:/x.
        var prefix = path.StartsWith("/", StringComparison.Ordinal) ? "file://" : "file:///";
        return prefix + EscapeUriPath(path);
    }

    private static string EscapeUriPath(string path)
    {
        var builder = new StringBuilder(path.Length);
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            var plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '/' || c == '-' || c == '_' || c == '.' || c == '~' || c == ':';
            if (plain)
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string RuleName(RuleInfo rule)
    {
        // SARIF wants an identifier-like name; derive it from the title ("Required AKS ..." → "RequiredAks...").
        var builder = new StringBuilder();
        var upperNext = true;
        foreach (var c in rule.Title)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
            else
            {
                upperNext = true;
            }
        }

        return builder.ToString();
    }

    private static string Level(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => "error",
        RuleSeverity.Warning => "warning",
        _ => "note",
    };
}
