using System;
using System.Collections.Generic;
using System.Linq;
using EgressAnalyzers.Engine.Diagnostics;

namespace EgressAnalyzers.Build;

/// <summary>
/// <c>EgressWarningsAsErrors</c>: <c>true</c> makes every warning-level finding an error; a list of IDs
/// (<c>EGR1001;EGR1002</c>) makes exactly those IDs errors, whatever their default level. Anything else (empty,
/// <c>false</c>) leaves the defaults; MSBuild's own <c>-warnaserror</c> still applies on top.
/// </summary>
internal sealed class Gating
{
    private static readonly char[] Separators = { ';', ',', ' ' };

    private readonly bool _allWarnings;
    private readonly HashSet<string> _ids;

    private Gating(bool allWarnings, HashSet<string> ids)
    {
        _allWarnings = allWarnings;
        _ids = ids;
    }

    public static Gating Parse(string? setting)
    {
        var text = setting?.Trim() ?? "";
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            return new Gating(true, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        }

        if (text.Length == 0 || string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            return new Gating(false, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        }

        var ids = text.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Select(id => id.Trim());
        return new Gating(false, new HashSet<string>(ids, StringComparer.OrdinalIgnoreCase));
    }

    public RuleSeverity Apply(string ruleId, RuleSeverity severity)
    {
        if (_ids.Contains(ruleId) || (_allWarnings && severity == RuleSeverity.Warning))
        {
            return RuleSeverity.Error;
        }

        return severity;
    }
}
