using System.Collections.Generic;

namespace EgressAnalyzers.Engine.Text;

/// <summary>Zero-based line/column lookup for a text, for hosts that have no Roslyn <c>SourceText</c> (MSBuild task, SARIF).</summary>
public sealed class LineMap
{
    private readonly int[] _lineStarts;

    public LineMap(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
            else if (c == '\n' || c == '\u2028' || c == '\u2029' || c == '\u0085')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = starts.ToArray();
    }

    /// <summary>Zero-based (line, column) of an offset.</summary>
    public (int Line, int Column) GetPosition(int offset)
    {
        var index = System.Array.BinarySearch(_lineStarts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index, offset - _lineStarts[index]);
    }
}
