using System;

namespace EgressAnalyzers.Engine.Coverage;

public enum FqdnPatternKind
{
    /// <summary>No wildcard: matches the name only.</summary>
    Exact,

    /// <summary><c>*</c>: matches every name.</summary>
    Any,

    /// <summary><c>*.x</c>: every name below x, at any depth, but not x itself.</summary>
    Subdomains,

    /// <summary><c>*x</c> (no dot after the star): every name ending with "x", look-alikes included.</summary>
    Suffix,

    Invalid,
}

/// <summary>
/// An application rule's <c>targetFqdns</c> entry with Azure Firewall's wildcard semantics (reference §5.2).
/// Names are compared case-insensitively (DNS names are).
/// </summary>
public sealed class FqdnPattern
{
    private const int MaxNameLength = 253;
    private const int MaxLabelLength = 63;

    private FqdnPattern(string text, FqdnPatternKind kind, string body, string? error)
    {
        Text = text;
        Kind = kind;
        Body = body;
        Error = error;
    }

    /// <summary>What the user wrote.</summary>
    public string Text { get; }

    public FqdnPatternKind Kind { get; }

    /// <summary>Lower-case text after the wildcard part (<c>contoso.com</c> for <c>*.contoso.com</c> and <c>*contoso.com</c>).</summary>
    public string Body { get; }

    /// <summary>Why the pattern is invalid (for EGR2002); null when valid.</summary>
    public string? Error { get; }

    public bool IsValid => Kind != FqdnPatternKind.Invalid;

    public bool HasWildcard => Kind is FqdnPatternKind.Any or FqdnPatternKind.Subdomains or FqdnPatternKind.Suffix;

    /// <summary>
    /// Parses a rule's FQDN pattern. Not memoised: coverage parses only the targets of a requirement's candidate rules
    /// (see <see cref="RuleIndex"/>) and hygiene each target once, and a per-string cache (one GC handle per rule
    /// value) cost more in collections on large hubs than parsing does.
    /// </summary>
    public static FqdnPattern Parse(string text)
    {
        var error = Classify(text, out var kind, out var lower);
        return error is not null ? Invalid(text, error) : kind switch
        {
            FqdnPatternKind.Any => new FqdnPattern(text, kind, "", null),
            FqdnPatternKind.Exact => new FqdnPattern(text, kind, lower, null),
            FqdnPatternKind.Subdomains => new FqdnPattern(text, kind, lower.Substring(2), null),
            _ => new FqdnPattern(text, kind, lower.Substring(1), null),
        };
    }

    /// <summary>
    /// What <see cref="Parse"/> would say about the text (why it is invalid, or null and its kind) without building the
    /// pattern: hygiene asks this of every target of every rule.
    /// </summary>
    internal static string? Validate(string text, out FqdnPatternKind kind) => Classify(text, out kind, out _);

    private static string? Classify(string text, out FqdnPatternKind kind, out string lower)
    {
        kind = FqdnPatternKind.Invalid;
        lower = text;
        if (text.Length == 0)
        {
            return "the FQDN is empty";
        }

        int star;
        if (IsLowerCaseName(text))
        {
            // The common case in one pass: no spaces, nothing to lower-case, at most a leading star.
            star = text[0] == '*' ? 0 : -1;
        }
        else
        {
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    return "an FQDN cannot contain spaces";
                }
            }

            lower = text.ToLowerInvariant();
            star = lower.IndexOf('*');
            if (star > 0 || (star == 0 && lower.IndexOf('*', 1) >= 0))
            {
                return "a wildcard '*' is allowed only once, at the left-most position (for example '*.contoso.com')";
            }
        }

        if (lower == "*")
        {
            kind = FqdnPatternKind.Any;
            return null;
        }

        var (candidate, bodyStart, allowLeadingHyphen) = star < 0 ? (FqdnPatternKind.Exact, 0, false)
            : lower.StartsWith("*.", StringComparison.Ordinal) ? (FqdnPatternKind.Subdomains, 2, false)
            : (FqdnPatternKind.Suffix, 1, true);
        var error = CheckName(lower, bodyStart, allowLeadingHyphen);
        kind = error is null ? candidate : FqdnPatternKind.Invalid;
        return error;
    }

    /// <summary>Only lower-case letters, digits, '.', '-' and '_', after an optional leading '*'.</summary>
    private static bool IsLowerCaseName(string text)
    {
        for (var i = text[0] == '*' ? 1 : 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is not (>= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the pattern matches one concrete host name.</summary>
    public bool Matches(string hostName)
    {
        var name = hostName.ToLowerInvariant();
        return Kind switch
        {
            FqdnPatternKind.Any => name.Length > 0,
            FqdnPatternKind.Exact => name == Body,
            FqdnPatternKind.Subdomains => name.Length > Body.Length + 1 && name.EndsWith("." + Body, StringComparison.Ordinal),
            FqdnPatternKind.Suffix => name.EndsWith(Body, StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>
    /// True when every name the requirement names is matched by this pattern. A requirement that is itself a
    /// wildcard (<c>*.data.mcr.microsoft.com</c>) is covered only by a pattern that matches all of its names;
    /// an exact rule name never covers a wildcard requirement.
    /// </summary>
    public bool Covers(string requirement) => IsValid && Covers(Kind, Body, 0, requirement);

    /// <summary>
    /// <c>Parse(patternText).Covers(requirement)</c> without building the pattern: the matcher asks it for every target
    /// of every candidate rule.
    /// </summary>
    internal static bool Covers(string patternText, string requirement) =>
        Classify(patternText, out var kind, out var lower) is null
        && Covers(kind, lower, kind switch { FqdnPatternKind.Subdomains => 2, FqdnPatternKind.Suffix => 1, _ => 0 }, requirement);

    /// <summary>The coverage rule for a valid pattern whose lower-case body is <paramref name="text"/>[bodyStart..].</summary>
    private static bool Covers(FqdnPatternKind kind, string text, int bodyStart, string requirement)
    {
        if (kind == FqdnPatternKind.Any)
        {
            return true;
        }

        var required = requirement.ToLowerInvariant();
        var bodyLength = text.Length - bodyStart;
        bool EndsWithBody(string name) =>
            name.Length >= bodyLength && string.CompareOrdinal(name, name.Length - bodyLength, text, bodyStart, bodyLength) == 0;
        bool DotBeforeBody(string name) => name[name.Length - bodyLength - 1] == '.';

        if (required.StartsWith("*.", StringComparison.Ordinal))
        {
            // The names below x: covered by "*.b" when ".x" ends with ".b", by "*b" when ".x" ends with "b".
            return kind switch
            {
                FqdnPatternKind.Subdomains => required.Length - 1 >= bodyLength + 1 && EndsWithBody(required) && DotBeforeBody(required),
                FqdnPatternKind.Suffix => required.Length - 1 >= bodyLength && EndsWithBody(required),
                _ => false,
            };
        }

        if (required.StartsWith("*", StringComparison.Ordinal))
        {
            // "*x" also matches x itself and look-alikes, which only another suffix pattern covers.
            return kind == FqdnPatternKind.Suffix && required.Length - 1 >= bodyLength && EndsWithBody(required);
        }

        return kind switch
        {
            FqdnPatternKind.Exact => required.Length == bodyLength && EndsWithBody(required),
            FqdnPatternKind.Subdomains => required.Length > bodyLength + 1 && EndsWithBody(required) && DotBeforeBody(required),
            FqdnPatternKind.Suffix => EndsWithBody(required),
            _ => false,
        };
    }

    public override string ToString() => Text;

    private static FqdnPattern Invalid(string text, string error) => new(text, FqdnPatternKind.Invalid, "", error);

    /// <summary>Checks the name <paramref name="name"/>[start..] label by label, without splitting.</summary>
    private static string? CheckName(string name, int start, bool allowLeadingHyphen)
    {
        if (name.Length == start)
        {
            return "the name after the wildcard is empty";
        }

        if (name.Length - start > MaxNameLength)
        {
            return "an FQDN is at most 253 characters long";
        }

        var labelStart = start;
        for (var i = start; i <= name.Length; i++)
        {
            if (i < name.Length && name[i] != '.')
            {
                continue;
            }

            var length = i - labelStart;
            if (length == 0)
            {
                return "an FQDN cannot have empty labels ('..', or a leading or trailing '.')";
            }

            if (length > MaxLabelLength)
            {
                return "a label is at most 63 characters long";
            }

            for (var j = labelStart; j < i; j++)
            {
                var c = name[j];
                if (c is not (>= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_'))
                {
                    return $"'{c}' is not allowed in an FQDN (letters, digits, '-', '.' and a leading '*' only)";
                }
            }

            if ((name[labelStart] == '-' && !(allowLeadingHyphen && labelStart == start)) || name[i - 1] == '-')
            {
                return "a label cannot start or end with '-'";
            }

            labelStart = i + 1;
        }

        return null;
    }
}
