namespace EgressAnalyzers.Tests.Infrastructure;

/// <summary>
/// The real-world templates in <c>../shared/corpus</c> (beside the clone; CI has it). They are read in place, never
/// copied. Where the folder is absent, corpus tests are reported as skipped with the reason.
/// </summary>
internal static class Corpus
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string? Directory
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus"));
            return System.IO.Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>The corpus folder; only called from <see cref="CorpusFactAttribute"/> tests, which are skipped without it.</summary>
    public static string Require() => Directory ?? throw new InvalidOperationException("corpus tests must use [CorpusFact]/[CorpusTheory]");

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EgressAnalyzers.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("EgressAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
