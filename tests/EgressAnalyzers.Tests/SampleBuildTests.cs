using System.Diagnostics;
using System.Text.RegularExpressions;
using EgressAnalyzers.Tests.Infrastructure;

namespace EgressAnalyzers.Tests;

/// <summary>
/// The README's first command, as a new user runs it: <c>dotnet build samples/ArmHub</c> consumes the analyzer through
/// the ProjectReference contract and prints EGR1001 lines with file(line,col) for the incomplete hub only.
/// </summary>
public class SampleBuildTests
{
    [Fact]
    public void DotnetBuildOfTheArmSample_ReportsTheIncompleteHubOnly()
    {
        var output = BuildSample("ArmHub");

        var warnings = Regex.Matches(output, @"(?<file>[^\s:]+\.json)\((?<line>\d+),(?<col>\d+)\): warning (?<id>EGR\d{4}): (?<message>[^\[\r\n]+)")
            .Select(m => (File: Path.GetFileName(m.Groups["file"].Value), Id: m.Groups["id"].Value, Message: m.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();

        Assert.Contains(warnings, w => w.File == "hub-incomplete.json" && w.Id == "EGR1001" && w.Message.Contains("'*.hcp.westeurope.azmk8s.io'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.File == "hub-incomplete.json" && w.Id == "EGR1001" && w.Message.Contains("'login.microsoftonline.com'", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Message.Contains("'mcr.microsoft.com'", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.File != "hub-incomplete.json");
    }

    [Fact]
    public void DotnetBuildOfTheBicepSample_ReportsThePolicysGaps_AtTheBicepTokens()
    {
        var output = BuildSample("BicepHub");

        var warnings = Regex.Matches(output, @"(?<file>[^\s:]+\.bicep)\((?<line>\d+),(?<col>\d+)\): warning (?<id>EGR\d{4}): (?<message>[^\[\r\n]+)")
            .Select(m => (File: Path.GetFileName(m.Groups["file"].Value), Line: m.Groups["line"].Value, Id: m.Groups["id"].Value, Message: m.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();

        // Both gaps point at the collection's name in main.bicep (line 32: name: 'aks-fqdns').
        Assert.Contains(warnings, w => w is { File: "main.bicep", Line: "32", Id: "EGR1001" } && w.Message.Contains("'login.microsoftonline.com'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w is { File: "main.bicep", Line: "32", Id: "EGR1001" } && w.Message.Contains("'packages.aks.azure.com'", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Message.Contains("'*.hcp.westeurope.azmk8s.io'", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Message.Contains("'mcr.microsoft.com'", StringComparison.Ordinal));
    }

    // Only the sample is rebuilt (--no-dependencies): the analyzer it references was just built by the test run, and
    // rebuilding it here would overwrite assemblies the test host has loaded.
    [Fact]
    public void GlobalConfigSeverity_ReachesDiagnosticsInTemplates_ButEditorConfigDoesNot()
    {
        // What the README promises about gating: .globalconfig severities apply to diagnostics located in additional
        // files; .editorconfig sections apply only to the source files under them, so a [*.json] section does nothing.
        var withGlobalConfig = CopySample("ArmHub", ".globalconfig", "is_global = true\ndotnet_diagnostic.EGR1001.severity = error\n");
        var errors = Build(withGlobalConfig, expectSuccess: false);
        Assert.Matches(@"hub-incomplete\.json\(\d+,\d+\): error EGR1001", errors);

        var withEditorConfig = CopySample("ArmHub", ".editorconfig", "root = true\n[*.json]\ndotnet_diagnostic.EGR1001.severity = error\n");
        var warnings = Build(withEditorConfig, expectSuccess: true);
        Assert.Matches(@"hub-incomplete\.json\(\d+,\d+\): warning EGR1001", warnings);
        Assert.DoesNotMatch(@"error EGR1001", warnings);
    }

    /// <summary>A copy of a sample in a temp folder (references rewritten to this clone), with one extra file.</summary>
    private static string CopySample(string name, string extraFile, string extraText)
    {
        var source = Path.Combine(Corpus.RepositoryRoot, "samples", name);
        var target = Path.Combine(Path.GetTempPath(), "egress-sample-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        var projectFile = Path.Combine(target, name + ".csproj");
        File.WriteAllText(projectFile, File.ReadAllText(projectFile).Replace(@"..\..\", Corpus.RepositoryRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(target, extraFile), extraText);
        return target;
    }

    internal static string BuildSample(string name) => Build(Path.Combine(Corpus.RepositoryRoot, "samples", name), expectSuccess: true);

    private static string Build(string project, bool expectSuccess)
    {
        var start = new ProcessStartInfo("dotnet", $"build \"{project}\" --no-incremental --no-dependencies -nologo -v:q -clp:NoSummary")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "dotnet build of the sample did not finish");
        var output = stdout.Result + stderr.Result;
        Assert.True((process.ExitCode == 0) == expectSuccess, $"dotnet build exited with {process.ExitCode}:\n" + output);
        return output;
    }
}
