namespace EgressAnalyzers.Engine.Tests.Infrastructure;

/// <summary>
/// The real-world templates in <c>../shared/corpus</c> beside the clone (CI has it). Read in place, never copied;
/// where the folder is absent the corpus tests are reported as skipped, with the reason, instead of passing.
/// </summary>
internal static class EngineCorpus
{
    public static string? Directory { get; } = Find();

    public static string SkipReason => "The corpus is not beside the repository at ../shared/corpus (CI has it there).";

    /// <summary>The corpus folder; only called from corpus tests, which are skipped without it.</summary>
    public static string Require() => Directory ?? throw new InvalidOperationException("corpus tests must use [CorpusFact]/[CorpusTheory]");

    private static string? Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EgressAnalyzers.sln")))
            {
                var corpus = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "corpus"));
                return System.IO.Directory.Exists(corpus) ? corpus : null;
            }
        }

        return null;
    }
}

/// <summary>A fact over the corpus: skipped, with the reason, when the corpus is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (EngineCorpus.Directory is null)
        {
            Skip = EngineCorpus.SkipReason;
        }
    }
}

/// <summary>A theory over the corpus: skipped, with the reason, when the corpus is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (EngineCorpus.Directory is null)
        {
            Skip = EngineCorpus.SkipReason;
        }
    }
}
