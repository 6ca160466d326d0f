namespace EgressAnalyzers.Tests.Infrastructure;

/// <summary>A fact over the real-world corpus: reported as skipped, with the reason, when the corpus is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (Corpus.Directory is null)
        {
            Skip = $"The corpus is not at {Path.GetFullPath(Path.Combine(Corpus.RepositoryRoot, "..", "shared", "corpus"))} (it sits beside the clone in CI).";
        }
    }
}

/// <summary>A theory over the real-world corpus: skipped, with the reason, when the corpus is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (Corpus.Directory is null)
        {
            Skip = $"The corpus is not at {Path.GetFullPath(Path.Combine(Corpus.RepositoryRoot, "..", "shared", "corpus"))} (it sits beside the clone in CI).";
        }
    }
}
