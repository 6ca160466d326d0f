using System.Collections.Generic;

namespace EgressAnalyzers.Engine.Arm.Expressions;

/// <summary>
/// Parsed expressions of one template file by their text: the same expression string (compiled Bicep repeats
/// <c>[parameters('location')]</c> and its module wiring many times; copy loops evaluate one string per iteration) is
/// parsed once. A parse tree holds only offsets into its string, so it serves every string with the same text.
/// Not thread-safe: one file is read on one thread.
/// </summary>
internal sealed class ParsedExpressionCache
{
    /// <summary>
    /// Texts kept at most: a file whose expressions are all different (generated rule sets) would otherwise keep every
    /// tree alive for the whole read, for nothing. Real templates have a few hundred distinct expressions.
    /// </summary>
    public const int MaxEntries = 4096;

    private readonly Dictionary<string, ExpressionNode?> _parsed = new(System.StringComparer.Ordinal);

    /// <summary>How many strings were parsed (not found here): what the cache saves is the rest of the lookups.</summary>
    public int ParseCount { get; private set; }

    /// <summary>The parse of expression string <paramref name="value"/> (<c>[...]</c>, brackets included); null when it is not a valid expression.</summary>
    public ExpressionNode? GetOrParse(string value)
    {
        if (!_parsed.TryGetValue(value, out var root))
        {
            root = ExpressionParser.Parse(value, 1, value.Length - 1, out _);
            ParseCount++;
            if (_parsed.Count < MaxEntries)
            {
                _parsed[value] = root;
            }
        }

        return root;
    }
}

/// <summary>A scope that shares a <see cref="ParsedExpressionCache"/> (the template reader's: one per file).</summary>
internal interface IExpressionCachingScope
{
    ParsedExpressionCache ExpressionCache { get; }
}
