using System;
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

    private static string? ToRegex(string shape)
    {
        var builder = new StringBuilder("^");
        var depth = 0;
        var literal = new StringBuilder();
        foreach (var c in shape)
        {
            if (c == '{')
            {
                if (depth == 0)
                {
                    builder.Append(Regex.Escape(literal.ToString())).Append(".*");
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
            // Unbalanced: the shape is not one we wrote; claim nothing.
            return null;
        }

        builder.Append(Regex.Escape(literal.ToString())).Append('$');
        return builder.ToString().Replace(".*.*", ".*");
    }
}
