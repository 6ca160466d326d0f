using System.Diagnostics;

namespace EgressAnalyzers.Build.Tests.Infrastructure;

/// <summary>The result of one external command.</summary>
public sealed record CommandResult(int ExitCode, string Output);

/// <summary>Runs external commands (dotnet, npm, the SARIF multitool) with a timeout and captured output.</summary>
public static class Command
{
    public static CommandResult Run(string fileName, string arguments, string workingDirectory, IDictionary<string, string>? environment = null, int timeoutMinutes = 5)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(timeoutMinutes)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {arguments}' did not finish in {timeoutMinutes} minutes");
        }

        process.WaitForExit();
        return new CommandResult(process.ExitCode, stdout.Result + stderr.Result);
    }

    public static bool IsOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)) || File.Exists(Path.Combine(dir, program + ".cmd")) || File.Exists(Path.Combine(dir, program + ".exe")));
}
