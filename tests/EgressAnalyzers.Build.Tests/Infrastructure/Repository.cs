using System.Reflection;

namespace EgressAnalyzers.Build.Tests.Infrastructure;

/// <summary>Where this clone is and how the test run built it (recorded at build time).</summary>
public static class Repository
{
    public static string Root { get; } = Metadata("EgressRepositoryRoot");

    public static string Configuration { get; } = Metadata("EgressConfiguration");

    public static string PackageProject => Path.Combine(Root, "src", "EgressAnalyzers.Package", "EgressAnalyzers.Package.csproj");

    public static string SampleInfra => Path.Combine(Root, "samples", "ArmHub", "infra");

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"assembly metadata {key} is missing");
}
