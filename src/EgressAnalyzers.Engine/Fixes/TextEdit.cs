using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using EgressAnalyzers.Engine.Diagnostics;

namespace EgressAnalyzers.Engine.Fixes;

/// <summary>Replace <see cref="Length"/> characters at <see cref="Start"/> (UTF-16 offsets, as Roslyn's <c>TextChange</c>) with <see cref="NewText"/>.</summary>
public sealed class TextEdit
{
    public TextEdit(int start, int length, string newText)
    {
        Start = start;
        Length = length;
        NewText = newText;
    }

    public int Start { get; }

    public int Length { get; }

    public int End => Start + Length;

    public string NewText { get; }

    /// <summary>Applies non-overlapping edits (any order; inserts at one offset keep their given order).</summary>
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var ordered = edits.Select((e, i) => (Edit: e, Index: i)).OrderBy(p => p.Edit.Start).ThenBy(p => p.Index).Select(p => p.Edit).ToList();
        var builder = new StringBuilder(text.Length + ordered.Sum(e => e.NewText.Length));
        var position = 0;
        foreach (var edit in ordered)
        {
            if (edit.Start < position || edit.End > text.Length)
            {
                throw new ArgumentException($"Edits overlap or run past the text at offset {edit.Start}.", nameof(edits));
            }

            builder.Append(text, position, edit.Start - position);
            builder.Append(edit.NewText);
            position = edit.End;
        }

        builder.Append(text, position, text.Length - position);
        return builder.ToString();
    }

    public override string ToString() => $"[{Start}..{End}) -> \"{NewText}\"";
}

/// <summary>
/// The outcome of fixing one file: the new text, the edits that produce it from the old text (sorted, non-overlapping),
/// the findings they fix, and the findings left alone with the reason.
/// </summary>
public sealed class FixResult
{
    public FixResult(string originalText, string newText, IReadOnlyList<TextEdit> edits, IReadOnlyList<Finding> appliedFindings, IReadOnlyList<UnfixableFinding> notApplied)
    {
        OriginalText = originalText;
        NewText = newText;
        Edits = edits;
        AppliedFindings = appliedFindings;
        NotApplied = notApplied;
    }

    public string OriginalText { get; }

    public string NewText { get; }

    /// <summary>Sorted by offset, non-overlapping; apply them all at once (they are offsets into <see cref="OriginalText"/>).</summary>
    public IReadOnlyList<TextEdit> Edits { get; }

    public IReadOnlyList<Finding> AppliedFindings { get; }

    public IReadOnlyList<UnfixableFinding> NotApplied { get; }

    public bool Changed => Edits.Count > 0;

    public static FixResult Unchanged(string text, IReadOnlyList<UnfixableFinding> notApplied) =>
        new(text, text, Array.Empty<TextEdit>(), Array.Empty<Finding>(), notApplied);
}
