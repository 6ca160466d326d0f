namespace EgressAnalyzers.Engine.Tests.Bicep;

/// <summary>The real-world corpus beside the repository (../shared/corpus); null when it is absent.</summary>
internal static class BicepCorpus
{
    public static string? Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EgressAnalyzers.sln")))
            {
                var corpus = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "corpus"));
                return Directory.Exists(corpus) ? corpus : null;
            }
        }

        return null;
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EgressAnalyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (EgressAnalyzers.sln) was not found above the test assembly");
    }

    public static IReadOnlyList<string> BicepFiles(string corpus) =>
        Directory.EnumerateFiles(corpus, "*.bicep", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal).ToList();
}
