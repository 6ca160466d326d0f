using System.Text.Json;

namespace EgressAnalyzers.Build.Tests.Infrastructure;

/// <summary>
/// The SARIF multitool (Microsoft's reference validator, from the npm registry), installed once into the fixture's
/// temporary folder. <c>validate</c> checks the log against the SARIF 2.1.0 JSON schema (errors) and the spec's
/// authoring rules (warnings and notes, which are advice and not failures here).
/// </summary>
public static class SarifValidator
{
    public const string MultitoolPackage = "@microsoft/sarif-multitool@5.7.0";

    private static readonly object Gate = new();
    private static string? _installedIn;

    /// <summary>Messages of the validator's error-level results (empty when the log is valid).</summary>
    public static IReadOnlyList<string> SchemaErrors(string sarifFile, string workRoot)
    {
        var tool = Install(Path.Combine(workRoot, "npm"));
        var report = Path.Combine(workRoot, "validation-" + Guid.NewGuid().ToString("N") + ".sarif");
        var run = Command.Run(tool, $"validate \"{sarifFile}\" -o \"{report}\"", workRoot);
        if (!File.Exists(report))
        {
            throw new InvalidOperationException($"the SARIF multitool wrote no report (exit {run.ExitCode}):\n{run.Output}");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(report));
        var errors = new List<string>();
        foreach (var validationRun in document.RootElement.GetProperty("runs").EnumerateArray())
        {
            if (!validationRun.TryGetProperty("results", out var results))
            {
                continue;
            }

            foreach (var result in results.EnumerateArray())
            {
                var level = result.TryGetProperty("level", out var l) ? l.GetString() : "warning";
                if (level == "error")
                {
                    errors.Add(result.GetProperty("ruleId").GetString() + ": " + result.GetProperty("message").ToString());
                }
            }
        }

        return errors;
    }

    private static string Install(string directory)
    {
        lock (Gate)
        {
            var launcher = Path.Combine(directory, "node_modules", ".bin", "sarif-multitool");
            if (_installedIn != directory || !File.Exists(launcher))
            {
                Directory.CreateDirectory(directory);
                var install = Command.Run("npm", $"install --prefix \"{directory}\" --no-audit --no-fund --loglevel=error {MultitoolPackage}", directory);
                if (install.ExitCode != 0 || !File.Exists(launcher))
                {
                    throw new InvalidOperationException($"npm could not install {MultitoolPackage}:\n{install.Output}");
                }

                // npm may skip the package's postinstall (which only marks the native binary executable).
                foreach (var binary in Directory.GetFiles(Path.Combine(directory, "node_modules", "@microsoft"), "Sarif.Multitool", SearchOption.AllDirectories))
                {
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(binary, File.GetUnixFileMode(binary) | UnixFileMode.UserExecute);
                    }
                }

                _installedIn = directory;
            }

            return launcher;
        }
    }
}
