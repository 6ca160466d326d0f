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

    /// <summary>
    /// <c>Parse(text)</c> is valid and contains the port, without building the set: network rule ports are tested for
    /// every requirement against every candidate rule. Mirrors <see cref="Parse"/> part by part.
    /// </summary>
    internal static bool Includes(string text, int port)
    {
        var contains = false;
        var partStart = 0;
        while (true)
        {
            var comma = text.IndexOf(',', partStart);
            var start = partStart;
            var end = comma < 0 ? text.Length : comma;
            Trim(text, ref start, ref end);
            if (start == end)
            {
                return false;
            }

            if (end - start == 1 && text[start] == '*')
            {
                contains = true;
            }
            else
            {
                var dash = text.IndexOf('-', start, end - start);
                if (dash < 0)
                {
                    if (!TryParsePort(text, start, end, out var single))
                    {
                        return false;
                    }

                    contains |= single == port;
                }
                else
                {
                    int firstStart = start, firstEnd = dash, lastStart = dash + 1, lastEnd = end;
                    Trim(text, ref firstStart, ref firstEnd);
                    Trim(text, ref lastStart, ref lastEnd);
                    if (!TryParsePort(text, firstStart, firstEnd, out var first) || !TryParsePort(text, lastStart, lastEnd, out var last) || last < first)
                    {
                        return false;
                    }

                    contains |= first <= port && port <= last;
                }
            }

            if (comma < 0)
            {
                return contains;
            }

            partStart = comma + 1;
        }
    }

    private static void Trim(string text, ref int start, ref int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
    }

    /// <summary><see cref="TryParsePort(string, out int, out string)"/> on text[start, end), without the error text.</summary>
    private static bool TryParsePort(string text, int start, int end, out int port)
    {
        port = 0;
        if (end - start is 0 or > 9)
        {
            return false;
        }

        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            port = (port * 10) + (c - '0');
        }

        return port is >= MinPort and <= MaxPort;
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
