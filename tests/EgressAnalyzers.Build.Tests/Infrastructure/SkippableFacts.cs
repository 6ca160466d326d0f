namespace EgressAnalyzers.Build.Tests.Infrastructure;

/// <summary>A fact that needs npm (to install the SARIF multitool): skipped, with the reason, when npm is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NpmFactAttribute : FactAttribute
{
    public NpmFactAttribute()
    {
        if (!Command.IsOnPath("npm"))
        {
            Skip = "npm is not on PATH: the SARIF multitool (@microsoft/sarif-multitool) cannot be installed to validate the SARIF log.";
        }
    }
}

/// <summary>
/// A fact that needs the real Bicep CLI: it uses the Azure.Bicep.CommandLine package already in the machine's NuGet
/// cache (restoring the 40 MB package into the test's isolated cache would double this project's run time); skipped,
/// with the reason, when it is not there.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BicepCliFactAttribute : FactAttribute
{
    public BicepCliFactAttribute()
    {
        if (BicepCli.Path is null)
        {
            Skip = $"No Bicep CLI in {BicepCli.SearchedFolder} (restore Azure.Bicep.CommandLine.{BicepCli.RuntimeId} once to enable this test).";
        }
    }
}

public static class BicepCli
{
    public static string RuntimeId => OperatingSystem.IsWindows() ? "win-x64" : OperatingSystem.IsMacOS() ? "osx-x64" : "linux-x64";

    public static string SearchedFolder => System.IO.Path.Combine(
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        "azure.bicep.commandline." + RuntimeId);

    public static string? Path { get; } = Find();

    private static string? Find()
    {
        if (!Directory.Exists(SearchedFolder))
        {
            return null;
        }

        return Directory.GetDirectories(SearchedFolder)
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .Select(d => System.IO.Path.Combine(d, "tools", OperatingSystem.IsWindows() ? "bicep.exe" : "bicep"))
            .FirstOrDefault(File.Exists);
    }
}
