using System.Collections.Generic;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Model;

/// <summary>
/// One value a reader took from the input: either known text, or unknown with the expression that could not be
/// resolved. This is how "allowed, missing or unknown" starts: readers never guess, they say "unknown".
/// </summary>
public sealed class ModelValue
{
    // The known text, or for an unknown value its UnknownParts: one field instead of three, because models of large
    // rule sets hold millions of values and most of them are known (40 bytes a value instead of 56).
    private readonly object? _value;

    private ModelValue(object? value, SourceSpan span)
    {
        _value = value;
        Span = span;
    }

    /// <summary>The resolved text, or null when the value is unknown.</summary>
    public string? Text => _value as string;

    /// <summary>For an unknown value: what the user wrote (e.g. <c>[parameters('fqdns')]</c>), for EGR1006.</summary>
    public string? UnresolvedExpression => (_value as UnknownParts)?.Expression;

    public SourceSpan Span { get; }

    /// <summary>
    /// For an unknown value built from known and unknown parts: its known text with each unknown part written as
    /// <c>{…}</c> (e.g. <c>{resourceGroup().location}.monitoring.azure.com</c>). Lets coverage rule out matches that no
    /// value of the unknown parts could produce, instead of calling everything "unknown".
    /// </summary>
    public string? Shape => (_value as UnknownParts)?.Shape;

    public bool IsKnown => Text is not null;

    public static ModelValue Known(string text, SourceSpan span) => new(text, span);

    public static ModelValue Unknown(string expression, SourceSpan span, string? shape = null) => new(new UnknownParts(expression, shape), span);

    public override string ToString() => Text ?? $"<unknown: {UnresolvedExpression}>";

    private sealed class UnknownParts
    {
        public UnknownParts(string? expression, string? shape)
        {
            Expression = expression;
            Shape = shape;
        }

        public string? Expression { get; }

        public string? Shape { get; }
    }
}

/// <summary>A three-valued truth: a fact can be proven true, proven false, or not provable from the input.</summary>
public enum Tri
{
    No,
    Maybe,
    Yes,
}

/// <summary>A boolean fact about a cluster with the place it came from (so an unknown fact can be pointed at).</summary>
public sealed class Fact
{
    public Fact(Tri value, SourceSpan span, string? unresolvedExpression = null)
    {
        Value = value;
        Span = span;
        UnresolvedExpression = unresolvedExpression;
    }

    public Tri Value { get; }

    public SourceSpan Span { get; }

    public string? UnresolvedExpression { get; }

    public static Fact No { get; } = new(Tri.No, SourceSpan.None);

    public static Fact Yes(SourceSpan span) => new(Tri.Yes, span);

    public static Fact Unknown(string expression, SourceSpan span) => new(Tri.Maybe, span, expression);
}

internal static class ModelValueExtensions
{
    public static IEnumerable<string> KnownTexts(this IEnumerable<ModelValue> values)
    {
        foreach (var value in values)
        {
            if (value.Text is not null)
            {
                yield return value.Text;
            }
        }
    }
}
