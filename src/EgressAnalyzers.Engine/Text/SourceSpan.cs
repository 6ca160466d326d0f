namespace EgressAnalyzers.Engine.Text;

/// <summary>
/// A character range in one input file. Readers create spans; the engine only carries them, so every
/// finding points at the exact token the user wrote. Offsets are UTF-16 code-unit offsets into the text the
/// reader was given (the same offsets as Roslyn's <c>SourceText</c>).
/// </summary>
public readonly struct SourceSpan : System.IEquatable<SourceSpan>
{
    public SourceSpan(string filePath, int start, int length)
    {
        FilePath = filePath;
        Start = start;
        Length = length;
    }

    public string FilePath { get; }

    public int Start { get; }

    public int Length { get; }

    public int End => Start + Length;

    public bool IsEmpty => FilePath is null;

    public static SourceSpan None => default;

    public bool Contains(SourceSpan other) =>
        !IsEmpty && !other.IsEmpty && string.Equals(FilePath, other.FilePath, System.StringComparison.Ordinal)
        && other.Start >= Start && other.End <= End;

    public bool Equals(SourceSpan other) =>
        string.Equals(FilePath, other.FilePath, System.StringComparison.Ordinal) && Start == other.Start && Length == other.Length;

    public override bool Equals(object? obj) => obj is SourceSpan other && Equals(other);

    public override int GetHashCode() => ((FilePath?.GetHashCode() ?? 0) * 31 + Start) * 31 + Length;

    public static bool operator ==(SourceSpan left, SourceSpan right) => left.Equals(right);

    public static bool operator !=(SourceSpan left, SourceSpan right) => !left.Equals(right);

    public override string ToString() => IsEmpty ? "(none)" : $"{FilePath}[{Start}..{End})";
}
