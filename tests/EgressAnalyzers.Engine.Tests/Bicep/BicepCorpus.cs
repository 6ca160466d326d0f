namespace EgressAnalyzers.Engine.Tests.Bicep;

/// <summary>Paths the Bicep tests read: the repository root (own fixtures, samples) and the corpus's .bicep files.</summary>
internal static class BicepCorpus
{
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
