using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;
using Microsoft.CodeAnalysis;

namespace EgressAnalyzers.CSharp;

/// <summary>
/// Pulumi stack configuration from <c>Pulumi.yaml</c> / <c>Pulumi.&lt;stack&gt;.yaml</c> AdditionalFiles. A key resolves only
/// when every stack file that sets it agrees (a program deployed to two regions has no single location).
/// Only the flat <c>config:</c> map of scalar values is read; anything else is left unknown.
/// </summary>
internal sealed class PulumiStackConfig
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public static PulumiStackConfig Empty { get; } = new();

    /// <summary>The project name (namespace of <c>new Config()</c>).</summary>
    public string? ProjectName { get; private set; }

    public bool HasStacks { get; private set; }

    public static PulumiStackConfig Read(IEnumerable<AdditionalText> files, CancellationToken cancellationToken)
    {
        var config = new PulumiStackConfig();
        foreach (var file in files)
        {
            var fileName = Path.GetFileName(file.Path);
            if (!fileName.StartsWith("Pulumi.", StringComparison.OrdinalIgnoreCase)
                || !(fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var text = file.GetText(cancellationToken)?.ToString();
            if (text is null)
            {
                continue;
            }

            var isProject = fileName.Count(c => c == '.') == 1;
            config.ReadFile(text, isProject);
        }

        return config;
    }

    private void ReadFile(string text, bool isProject)
    {
        var inConfig = false;
        var configIndent = -1;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var content = StripComment(line);
            if (content.Trim().Length == 0)
            {
                continue;
            }

            var indent = content.Length - content.TrimStart().Length;
            var (key, value) = SplitPair(content.Trim());
            if (indent == 0)
            {
                inConfig = key == "config";
                configIndent = -1;
                if (isProject && key == "name" && value.Length > 0)
                {
                    ProjectName = value;
                }

                continue;
            }

            if (!inConfig)
            {
                continue;
            }

            if (configIndent < 0)
            {
                configIndent = indent;
            }

            if (indent != configIndent || key.Length == 0 || value.Length == 0)
            {
                continue;
            }

            if (!isProject)
            {
                HasStacks = true;
            }

            if (!_values.TryGetValue(key, out var list))
            {
                _values[key] = list = new List<string>();
            }

            if (!list.Contains(value))
            {
                list.Add(value);
            }
        }
    }

    /// <summary><c>azure-native:location</c> → its one value, or null when unset or set differently per stack.</summary>
    public string? Get(string qualifiedKey) =>
        _values.TryGetValue(qualifiedKey, out var values) && values.Count == 1 ? values[0] : null;

    /// <summary>The provider's default location (a resource without <c>Location</c> is deployed there).</summary>
    public ModelValue ProviderLocation(string provider, SourceSpan anchor) =>
        Get(provider + ":location") is { } location
            ? ModelValue.Known(Regions.Normalize(location), anchor)
            : ModelValue.Unknown($"the '{provider}:location' stack setting", anchor);

    private static string StripComment(string line)
    {
        var hash = line.IndexOf(" #", StringComparison.Ordinal);
        return hash >= 0 ? line.Substring(0, hash) : line.StartsWith("#", StringComparison.Ordinal) ? string.Empty : line;
    }

    private static (string Key, string Value) SplitPair(string text)
    {
        // Keys contain ':' themselves (azure-native:location: westeurope): split at the last ": " or a trailing ':'.
        var cut = text.LastIndexOf(": ", StringComparison.Ordinal);
        if (cut < 0)
        {
            return text.EndsWith(":", StringComparison.Ordinal) ? (text.TrimEnd(':').Trim(), string.Empty) : (string.Empty, string.Empty);
        }

        var value = text.Substring(cut + 2).Trim().Trim('"', '\'');
        return (text.Substring(0, cut).Trim().Trim('"', '\''), value);
    }
}
