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

    // Only the sample is rebuilt (--no-dependencies): the analyzer it references was just built by the test run, and
    // rebuilding it here would overwrite assemblies the test host has loaded.
    internal static string BuildSample(string name)
    {
        var project = Path.Combine(Corpus.RepositoryRoot, "samples", name);
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
        Assert.True(process.ExitCode == 0, "dotnet build of the sample failed:\n" + output);
        return output;
    }
}
