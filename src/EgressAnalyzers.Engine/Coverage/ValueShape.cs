using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace EgressAnalyzers.Engine.Coverage;

/// <summary>
/// Reasons about an unknown value through its shape (<see cref="Model.ModelValue.Shape"/>): known text with
/// <c>{…}</c> holes. <c>{location}.monitoring.azure.com</c> can never be <c>mcr.microsoft.com</c>, so a rule with that
/// value does not make the coverage of <c>mcr.microsoft.com</c> unknown.
/// </summary>
internal static class ValueShape
{
    /// <summary>False only when no value of the holes can make the shape equal <paramref name="candidate"/> (case-insensitive).</summary>
    public static bool CouldEqual(string? shape, string candidate)
    {
        if (shape is null)
        {
            return true;
        }

        if (IsAscii(shape) && IsAscii(candidate) && candidate.IndexOf('\n') < 0 && Literals(shape) is { } literals)
        {
            // The expression's answer without building it: the static regex cache holds 15 patterns, and a hub with
            // more unknown shapes than that parsed a new expression on every rule match.
            return GlobMatches(literals, candidate);
        }

        return CouldEqualByExpression(shape, candidate);
    }

    /// <summary>The general answer through a regular expression (the reference the fast path above must agree with).</summary>
    internal static bool CouldEqualByExpression(string shape, string candidate)
    {
        var pattern = ToRegex(shape);
        try
        {
            return pattern is null || Regex.IsMatch(candidate, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }

    /// <summary>
    /// False only when no value of the holes can make the shape a targetFqdn pattern that covers
    /// <paramref name="requirementFqdn"/>. Every name a pattern covers ends with the pattern's text after its last hole,
    /// and a pattern that starts with known text other than <c>*</c> covers only itself.
    /// </summary>
    public static bool CouldCoverFqdn(string? shape, string requirementFqdn)
    {
        if (shape is null)
        {
            return true;
        }

        var lastHole = shape.LastIndexOf('}');
        var suffix = lastHole < 0 ? shape : shape.Substring(lastHole + 1);
        if (!requirementFqdn.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return shape.StartsWith("{", StringComparison.Ordinal) || shape.StartsWith("*", StringComparison.Ordinal) || CouldEqual(shape, requirementFqdn);
    }

    /// <summary>True when the shape has known text (so it is not just one unknown hole).</summary>
    public static bool HasKnownText(string? shape) => shape is not null && ToRegex(shape) is { } regex && regex != "^.*$";

    /// <summary>The known text between the holes (one more than there are holes); null when braces are unbalanced.</summary>
    private static List<string>? Literals(string shape)
    {
        var literals = new List<string>();
        var depth = 0;
        var literal = new StringBuilder();
        foreach (var c in shape)
        {
            if (c == '{')
            {
                if (depth == 0)
                {
                    literals.Add(literal.ToString());
                    literal.Clear();
                }

                depth++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                literal.Append(c);
            }
        }

        if (depth != 0)
        {
            return null;
        }

        literals.Add(literal.ToString());
        return literals;
    }

    /// <summary>
    /// <c>^lit0.*lit1…litN$</c> for ASCII text, ignoring case: the first literal starts the candidate, the last ends
    /// it, and the others appear in order between (leftmost is enough when every hole matches anything).
    /// </summary>
    private static bool GlobMatches(List<string> literals, string candidate)
    {
        var first = literals[0];
        if (literals.Count == 1)
        {
            return string.Equals(first, candidate, StringComparison.OrdinalIgnoreCase);
        }

        var last = literals[literals.Count - 1];
        if (candidate.Length < first.Length + last.Length
            || string.Compare(candidate, 0, first, 0, first.Length, StringComparison.OrdinalIgnoreCase) != 0
            || string.Compare(candidate, candidate.Length - last.Length, last, 0, last.Length, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return false;
        }

        var position = first.Length;
        var end = candidate.Length - last.Length;
        for (var i = 1; i < literals.Count - 1; i++)
        {
            var literal = literals[i];
            if (literal.Length == 0)
            {
                continue;
            }

            var found = end - position < literal.Length ? -1 : candidate.IndexOf(literal, position, end - position, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }

            position = found + literal.Length;
        }

        return true;
    }

    private static bool IsAscii(string text)
    {
        foreach (var c in text)
        {
            if (c >= 128)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>^lit0.*lit1…litN$</c>; null when the braces are unbalanced (a shape we did not write: claim nothing).</summary>
    private static string? ToRegex(string shape)
    {
        if (Literals(shape) is not { } literals)
        {
            return null;
        }

        var builder = new StringBuilder("^");
        for (var i = 0; i < literals.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : ".*").Append(Regex.Escape(literals[i]));
        }

        return builder.Append('$').ToString().Replace(".*.*", ".*");
    }
}
