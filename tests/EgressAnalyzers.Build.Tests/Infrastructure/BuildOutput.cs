using System.Text.Json;
using System.Text.RegularExpressions;

namespace EgressAnalyzers.Build.Tests.Infrastructure;

/// <summary>What a consumer build printed, and what a SARIF log holds, as records the tests compare.</summary>
public static class BuildOutput
{
    public sealed record Reported(string File, int Line, int Column, string Id, string Message)
    {
        public override string ToString() => $"{File}({Line},{Column}) {Id} {Message}";
    }

    public sealed record SarifResult(string RuleId, string Message, string Fingerprint, string? Uri, string? UriBaseId, int StartLine, bool Suppressed, bool HasFix);

    /// <summary>The task's canonical lines: <c>path(line,col[,endLine,endCol]): EgressAnalyzers warning EGRnnnn: message</c>.</summary>
    public static List<Reported> TaskFindings(string output, string kind) =>
        Regex.Matches(output, $@"(?<file>[^\s()>]+\.(?:jsonc?|bicep|bicepparam))\((?<line>\d+),(?<col>\d+)(,\d+,\d+)?\): EgressAnalyzers {kind} (?<id>EGR\d{{4}}): (?<message>[^\[\r\n]+)")
            .Select(m => new Reported(m.Groups["file"].Value, int.Parse(m.Groups["line"].Value), int.Parse(m.Groups["col"].Value), m.Groups["id"].Value, m.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();

    /// <summary>The compiler's lines for diagnostics in additional files: <c>path(line,col): warning EGRnnnn: message</c>.</summary>
    public static List<Reported> CompilerWarnings(string output) =>
        Regex.Matches(output, @"(?<file>[^\s:(]+\.json)\((?<line>\d+),(?<col>\d+)\): warning (?<id>EGR\d{4}): (?<message>[^\[\r\n]+)")
            .Select(m => new Reported(Path.GetFileName(m.Groups["file"].Value), int.Parse(m.Groups["line"].Value), int.Parse(m.Groups["col"].Value), m.Groups["id"].Value, m.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();

    public static string TextAt(string file, int line, int column) => File.ReadAllLines(file)[line - 1].Substring(column - 1);

    public static List<SarifResult> ReadSarif(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var runs = document.RootElement.GetProperty("runs");
        Assert.Equal(1, runs.GetArrayLength());
        var run = runs[0];
        Assert.All(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray(),
            rule => Assert.StartsWith("https://", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal));
        return run.GetProperty("results").EnumerateArray().Select(result =>
        {
            var location = result.GetProperty("locations").EnumerateArray().Select(l => l.GetProperty("physicalLocation")).FirstOrDefault();
            var artifact = location.ValueKind == JsonValueKind.Object ? location.GetProperty("artifactLocation") : default;
            return new SarifResult(
                result.GetProperty("ruleId").GetString()!,
                result.GetProperty("message").GetProperty("text").GetString()!,
                result.GetProperty("partialFingerprints").EnumerateObject().Single().Value.GetString()!,
                artifact.ValueKind == JsonValueKind.Object ? artifact.GetProperty("uri").GetString() : null,
                artifact.ValueKind == JsonValueKind.Object && artifact.TryGetProperty("uriBaseId", out var baseId) ? baseId.GetString() : null,
                location.ValueKind == JsonValueKind.Object && location.TryGetProperty("region", out var region) ? region.GetProperty("startLine").GetInt32() : 0,
                result.TryGetProperty("suppressions", out var suppressions) && suppressions.GetArrayLength() > 0,
                result.TryGetProperty("fixes", out var fixes) && fixes.GetArrayLength() > 0);
        }).ToList();
    }
}
