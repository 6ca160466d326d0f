using System;
using System.Globalization;

namespace EgressAnalyzers.Engine.Coverage;

/// <summary>
/// An IPv4 range as Azure Firewall accepts it in source and destination addresses: a single address
/// (<c>10.0.0.4</c>), a CIDR prefix (<c>10.0.0.0/24</c>), a range (<c>10.0.0.1-10.0.0.9</c>) or <c>*</c> (every address).
/// </summary>
public readonly struct AddressRange : IEquatable<AddressRange>
{
    public AddressRange(uint first, uint last)
    {
        First = first;
        Last = last;
    }

    public uint First { get; }

    public uint Last { get; }

    /// <summary>Every IPv4 address (<c>*</c>, <c>0.0.0.0/0</c>).</summary>
    public static AddressRange Any { get; } = new(0, uint.MaxValue);

    public bool IsAny => First == 0 && Last == uint.MaxValue;

    public bool Contains(AddressRange other) => other.First >= First && other.Last <= Last;

    public bool Overlaps(AddressRange other) => other.First <= Last && other.Last >= First;

    public static bool TryParse(string? text, out AddressRange range)
    {
        range = default;
        if (text is null)
        {
            return false;
        }

        var value = text.Trim();
        if (value.Length == 0 || value.Length != text.Length)
        {
            return false;
        }

        if (value == "*")
        {
            range = Any;
            return true;
        }

        // Index ranges instead of substrings and splits: every source and destination of every rule passes here.
        var slash = value.IndexOf('/');
        if (slash >= 0)
        {
            if (!TryParseAddress(value, 0, slash, out var network)
                || !TryParseNumber(value, slash + 1, value.Length, 32, out var prefixLength))
            {
                return false;
            }

            // Azure normalises host bits away (10.0.0.5/24 is 10.0.0.0/24), so the range is the whole prefix.
            var mask = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
            range = new AddressRange(network & mask, (network & mask) | ~mask);
            return true;
        }

        var dash = value.IndexOf('-');
        if (dash >= 0)
        {
            if (!TryParseAddress(value, 0, dash, out var first)
                || !TryParseAddress(value, dash + 1, value.Length, out var last)
                || last < first)
            {
                return false;
            }

            range = new AddressRange(first, last);
            return true;
        }

        if (!TryParseAddress(value, 0, value.Length, out var single))
        {
            return false;
        }

        range = new AddressRange(single, single);
        return true;
    }

    /// <summary>True when the text has the shape of an address form (digits, dots, '/', '-') even if it is malformed.</summary>
    public static bool LooksLikeAddress(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(c is >= '0' and <= '9' || c is '.' or '/' or '-' or '*' || char.IsWhiteSpace(c)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Four dot-separated octets in <paramref name="text"/>[start, end).</summary>
    private static bool TryParseAddress(string text, int start, int end, out uint address)
    {
        address = 0;
        var octets = 0;
        var partStart = start;
        for (var i = start; i <= end; i++)
        {
            if (i < end && text[i] != '.')
            {
                continue;
            }

            if (++octets > 4 || !TryParseNumber(text, partStart, i, 255, out var octet))
            {
                return false;
            }

            address = (address << 8) | (uint)octet;
            partStart = i + 1;
        }

        return octets == 4;
    }

    /// <summary>One to three decimal digits in <paramref name="text"/>[start, end), at most <paramref name="max"/>.</summary>
    private static bool TryParseNumber(string text, int start, int end, int max, out int value)
    {
        value = 0;
        var length = end - start;
        if (length is 0 or > 3)
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

            value = (value * 10) + (c - '0');
        }

        return value <= max;
    }

    public bool Equals(AddressRange other) => First == other.First && Last == other.Last;

    public override bool Equals(object? obj) => obj is AddressRange other && Equals(other);

    public override int GetHashCode() => unchecked((int)(First * 397) ^ (int)Last);

    public static bool operator ==(AddressRange left, AddressRange right) => left.Equals(right);

    public static bool operator !=(AddressRange left, AddressRange right) => !left.Equals(right);

    public override string ToString() => IsAny ? "*" : First == Last ? Format(First) : $"{Format(First)}-{Format(Last)}";

    private static string Format(uint address) =>
        string.Format(CultureInfo.InvariantCulture, "{0}.{1}.{2}.{3}", address >> 24, (address >> 16) & 255, (address >> 8) & 255, address & 255);
}
