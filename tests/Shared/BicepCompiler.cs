using System.Diagnostics;
using System.Reflection;

namespace EgressAnalyzers.TestSupport;

/// <summary>
/// The real Bicep compiler from the restored NuGet package Azure.Bicep.CommandLine.linux-x64 (its path is baked into
/// the including assembly at build time as <c>AssemblyMetadata("BicepExecutable", …)</c>; nothing is downloaded at run
/// time). Linked into the engine tests and the benchmarks, which both run it.
/// </summary>
internal static class BicepCompiler
{
    private static readonly Lazy<string?> Executable = new(Locate);

    public static string? Path => Executable.Value;

    private static string? Locate()
    {
        var path = typeof(BicepCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepExecutable")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path) || !OperatingSystem.IsLinux())
        {
            return null;
        }

        // NuGet extracts the binary without its execute bits.
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }

    /// <summary>Compiles <paramref name="bicepFile"/> to ARM JSON; null with the compiler's errors when it does not build.</summary>
    public static string? Build(string bicepFile, out string errors)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("bicep is not available"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("build");
        start.ArgumentList.Add("--stdout");
        start.ArgumentList.Add(bicepFile);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            errors = "timed out";
            return null;
        }

        errors = error.Result;
        return process.ExitCode == 0 ? output.Result : null;
    }
}
