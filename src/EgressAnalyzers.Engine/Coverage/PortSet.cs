using System;
using System.Collections.Generic;
using System.Globalization;

namespace EgressAnalyzers.Engine.Coverage;

/// <summary>
/// Network rule <c>destinationPorts</c>: <c>443</c>, <c>443-444</c>, <c>1-65535</c>, <c>*</c>, or a comma-separated list
/// of those. Valid ports are 1..65535 (FW-LIMITS).
/// </summary>
public sealed class PortSet
{
    public const int MinPort = 1;
    public const int MaxPort = 65535;

    private readonly IReadOnlyList<(int First, int Last)> ranges;

    private PortSet(string text, IReadOnlyList<(int First, int Last)> ranges, string? error)
    {
        Text = text;
        this.ranges = ranges;
        Error = error;
    }

    public string Text { get; }

    /// <summary>Why the value is invalid (for EGR2002); null when valid.</summary>
    public string? Error { get; }

    public bool IsValid => Error is null;

    /// <summary>True when every port is included (<c>*</c>, <c>1-65535</c>).</summary>
    public bool IsAll => IsValid && Contains(MinPort, MaxPort);

    public bool Contains(int port) => Contains(port, port);

    private bool Contains(int first, int last)
    {
        // Ranges of one value may touch each other ("1-100,101-65535"); merge on the fly.
        var covered = first;
        var progress = true;
        while (progress && covered <= last)
        {
            progress = false;
            foreach (var range in ranges)
            {
                if (range.First <= covered && range.Last >= covered)
                {
                    covered = range.Last + 1;
                    progress = true;
                }
            }
        }

        return covered > last;
    }

    public static PortSet Parse(string text)
    {
        var ranges = new List<(int, int)>();
        var parts = text.Split(',');
        foreach (var raw in parts)
        {
            var part = raw.Trim();
            if (part.Length == 0)
            {
                return Invalid(text, "the port is empty");
            }

            if (part == "*")
            {
                ranges.Add((MinPort, MaxPort));
                continue;
            }

            var dash = part.IndexOf('-');
            if (dash < 0)
            {
                if (!TryParsePort(part, out var port, out var error))
                {
                    return Invalid(text, error);
                }

                ranges.Add((port, port));
                continue;
            }

            if (!TryParsePort(part.Substring(0, dash).Trim(), out var first, out var firstError))
            {
                return Invalid(text, firstError);
            }

            if (!TryParsePort(part.Substring(dash + 1).Trim(), out var last, out var lastError))
            {
                return Invalid(text, lastError);
            }

            if (last < first)
            {
                return Invalid(text, $"the range {first}-{last} is reversed");
            }

            ranges.Add((first, last));
        }

        return new PortSet(text, ranges, null);
    }

    /// <summary>One port number (application rule <c>port</c>), 1..65535.</summary>
    public static bool TryParsePort(string text, out int port, out string error)
    {
        port = 0;
        error = "";
        if (text.Length == 0 || text.Length > 9)
        {
            error = text.Length == 0 ? "the port is empty" : $"'{text}' is not a port number";
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                error = $"'{text}' is not a port number";
                return false;
            }
        }

        port = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        if (port is < MinPort or > MaxPort)
        {
            error = $"{port} is outside the port range {MinPort}-{MaxPort}";
            return false;
        }

        return true;
    }

    public override string ToString() => Text;

    private static PortSet Invalid(string text, string error) => new(text, Array.Empty<(int, int)>(), error);
}
