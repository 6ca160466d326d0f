using System;
using System.Collections.Generic;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Coverage;

/// <summary>
/// A value that kept an outcome from being decided: an unresolved expression, or a known value whose meaning the
/// templates cannot tell (an IP group's members, whether an address is the region's). EGR1006 points at it.
/// </summary>
public sealed class UnknownCause : IEquatable<UnknownCause>
{
    public UnknownCause(SourceSpan span, string description)
    {
        Span = span;
        Description = description;
    }

    public SourceSpan Span { get; }

    /// <summary>What could not be resolved, as the EGR1006 message shows it.</summary>
    public string Description { get; }

    public static UnknownCause From(ModelValue value) =>
        new(value.Span, value.UnresolvedExpression ?? value.Text ?? "");

    public bool Equals(UnknownCause? other) =>
        other is not null && Span == other.Span && string.Equals(Description, other.Description, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as UnknownCause);

    public override int GetHashCode() => Span.GetHashCode() ^ StringComparer.Ordinal.GetHashCode(Description);

    public override string ToString() => $"{Description} at {Span}";
}

/// <summary>A three-valued match with the causes of a Maybe.</summary>
public sealed class MatchResult
{
    private MatchResult(Tri value, IReadOnlyList<UnknownCause> causes)
    {
        Value = value;
        Causes = causes;
    }

    public Tri Value { get; }

    /// <summary>Empty unless <see cref="Value"/> is <see cref="Tri.Maybe"/>.</summary>
    public IReadOnlyList<UnknownCause> Causes { get; }

    public static MatchResult Yes { get; } = new(Tri.Yes, Array.Empty<UnknownCause>());

    public static MatchResult No { get; } = new(Tri.No, Array.Empty<UnknownCause>());

    public static MatchResult Maybe(IEnumerable<UnknownCause> causes) => new(Tri.Maybe, Distinct(causes));

    public static MatchResult Maybe(UnknownCause cause) => new(Tri.Maybe, new[] { cause });

    public static MatchResult Maybe(ModelValue value) => Maybe(UnknownCause.From(value));

    public static MatchResult Of(bool value) => value ? Yes : No;

    /// <summary>All must hold: any No wins, then any Maybe.</summary>
    /// <remarks>The two- and three-part forms avoid the array and list on the hot path of known values.</remarks>
    public static MatchResult And(MatchResult first, MatchResult second)
    {
        if (first.Value == Tri.No || second.Value == Tri.No)
        {
            return No;
        }

        return first.Value == Tri.Yes ? second : second.Value == Tri.Yes ? first : And(new[] { first, second });
    }

    /// <inheritdoc cref="And(MatchResult, MatchResult)"/>
    public static MatchResult And(MatchResult first, MatchResult second, MatchResult third) => And(And(first, second), third);

    /// <inheritdoc cref="And(MatchResult, MatchResult)"/>
    public static MatchResult And(params MatchResult[] parts)
    {
        var causes = new List<UnknownCause>();
        var maybe = false;
        foreach (var part in parts)
        {
            if (part.Value == Tri.No)
            {
                return No;
            }

            if (part.Value == Tri.Maybe)
            {
                maybe = true;
                causes.AddRange(part.Causes);
            }
        }

        return maybe ? Maybe(causes) : Yes;
    }

    public override string ToString() => Value == Tri.Maybe ? $"Maybe ({string.Join("; ", Causes)})" : Value.ToString();

    internal static IReadOnlyList<UnknownCause> Distinct(IEnumerable<UnknownCause> causes)
    {
        // First occurrences in order. Most lists are a handful of causes: compare pairwise below a small size
        // instead of hashing every span and description.
        var result = new List<UnknownCause>();
        HashSet<UnknownCause>? seen = null;
        foreach (var cause in causes)
        {
            if (seen is null && result.Count < 8)
            {
                if (!result.Contains(cause))
                {
                    result.Add(cause);
                }

                continue;
            }

            seen ??= new HashSet<UnknownCause>(result);
            if (seen.Add(cause))
            {
                result.Add(cause);
            }
        }

        return result;
    }
}

/// <summary>Accumulates "any one of" alternatives: any Yes wins, else any Maybe, else No.</summary>
/// <remarks>A struct held in a local (pass it by <c>ref</c>): one is needed per value list of every rule match.</remarks>
internal struct AnyOf
{
    // Allocated on the first unknown only: most values are known, and this runs for every rule and requirement.
    private List<UnknownCause>? causes;
    private bool yes;
    private bool maybe;

    public void Add(MatchResult result)
    {
        if (result.Value == Tri.Yes)
        {
            yes = true;
        }
        else if (result.Value == Tri.Maybe)
        {
            maybe = true;
            (causes ??= new List<UnknownCause>()).AddRange(result.Causes);
        }
    }

    public void Add(bool value)
    {
        yes |= value;
    }

    public void AddMaybe(UnknownCause cause)
    {
        maybe = true;
        (causes ??= new List<UnknownCause>()).Add(cause);
    }

    public bool IsYes => yes;

    public MatchResult Result => yes ? MatchResult.Yes : maybe ? MatchResult.Maybe(causes!) : MatchResult.No;
}
