using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace EgressAnalyzers.Build;

/// <summary>
/// The real Bicep CLI (<c>EgressUseBicepCompiler=true</c>): each entry point (a .bicep file no other file in the set uses
/// as a module) is built to ARM JSON in obj, which the ARM reader then analyzes, so constructs the native reader cannot
/// see (registry modules, complex loops) are covered.
/// </summary>
internal static class BicepCompiler
{
    private static readonly Regex ModuleReference = new(@"^\s*module\s+\S+\s+'(?<path>[^']+)'", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string? Locate(string? configuredPath) =>
        !string.IsNullOrWhiteSpace(configuredPath) && File.Exists(configuredPath) ? Path.GetFullPath(configuredPath) : null;

    public static IEnumerable<string> EntryPoints(IReadOnlyList<string> files)
    {
        var modules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (IOException)
            {
                continue;
            }

            foreach (Match match in ModuleReference.Matches(text))
            {
                var target = match.Groups["path"].Value;
                if (target.IndexOf(':') >= 0)
                {
                    continue; // br:, ts: registry modules: not files of this project
                }

                modules.Add(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, target)));
            }
        }

        return files.Where(f => !modules.Contains(f));
    }

    public static string OutputName(string entry, string? projectDirectory)
    {
        var relative = entry;
        if (!string.IsNullOrEmpty(projectDirectory) && entry.StartsWith(Path.GetFullPath(projectDirectory), StringComparison.Ordinal))
        {
            relative = entry.Substring(Path.GetFullPath(projectDirectory).Length).TrimStart(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        }
        else
        {
            relative = Path.GetFileName(entry);
        }

        return Path.ChangeExtension(relative, ".json");
    }

    public static (bool Succeeded, string Error) Build(string compiler, string entry, string outFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
        var start = new ProcessStartInfo(compiler)
        {
            Arguments = $"build \"{entry}\" --outfile \"{outFile}\"",
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit((int)Timeout.TotalMilliseconds))
            {
                process.Kill();
                return (false, $"timed out after {Timeout.TotalSeconds} s");
            }

            process.WaitForExit();
            var errors = stderr.Result.Split('\n').Where(l => l.IndexOf(": Error ", StringComparison.Ordinal) >= 0).ToList();
            if (process.ExitCode != 0 || !File.Exists(outFile))
            {
                var first = errors.FirstOrDefault() ?? stderr.Result.Split('\n').FirstOrDefault(l => l.Trim().Length > 0) ?? $"exit code {process.ExitCode}";
                return (false, first.Trim());
            }

            _ = stdout.Result;
            return (true, "");
        }
        catch (Exception failure) when (failure is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return (false, failure.Message);
        }
    }
}
