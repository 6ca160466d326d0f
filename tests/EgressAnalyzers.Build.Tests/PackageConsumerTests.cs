using System.Text.Json;
using System.Text.RegularExpressions;
using EgressAnalyzers.Build.Tests.Infrastructure;

namespace EgressAnalyzers.Build.Tests;

/// <summary>
/// What a user gets from <c>dotnet add package EgressAnalyzers</c>: real consumer projects, PackageReference only,
/// built with <c>dotnet build</c> against the package packed once for this class.
/// </summary>
public class PackageConsumerTests : IClassFixture<PackageFeedFixture>
{
    // The incomplete sample hub allows the registry and ARM only; its "aks-core" collection is where EGR1001 points.
    private const string IncompleteHub = "hub-incomplete.json";

    private readonly PackageFeedFixture _feed;

    public PackageConsumerTests(PackageFeedFixture feed)
    {
        _feed = feed;
    }

    [Fact]
    public void CSharpProjectWithArmTemplates_ReportsAnalyzerDiagnosticsInTheTemplates_IncludingOrganisationRequirements()
    {
        var project = _feed.NewConsumer("CSharpWithArm", withCSharp: true)
            .WithSampleTemplates()
            .WithFile("egress-requirements.json", """
                { "requirements": [ { "id": "ORG-ACR", "fqdn": "contosoregistry.azurecr.io", "protocol": "Https", "port": 443, "level": "required", "purpose": "private image registry" } ] }
                """);

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.Output);
        var warnings = CompilerWarnings(build.Output);
        Assert.Contains(warnings, w => w.File == IncompleteHub && w.Id == "EGR1001" && w.Message.Contains("'login.microsoftonline.com'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.File == IncompleteHub && w.Id == "EGR1001" && w.Message.Contains("'contosoregistry.azurecr.io'", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.File == "hub-complete.json" && w.Id == "EGR1001" && !w.Message.Contains("contosoregistry", StringComparison.Ordinal));
        // A project with C# keeps the analyzer route: the task does not run and nothing is reported twice.
        Assert.DoesNotContain("EgressAnalyzers warning", build.Output, StringComparison.Ordinal);
    }

    [Fact(Skip = "The native Bicep reader (branch 'bicep') is not merged yet: the analyzer does not read .bicep AdditionalFiles. Enable this test when it lands.")]
    public void CSharpProjectWithBicepTemplates_ReportsAnalyzerDiagnosticsInTheBicepFiles()
    {
        var project = _feed.NewConsumer("CSharpWithBicep", withCSharp: true)
            .WithFile("infra/hub.bicep", "resource fw 'Microsoft.Network/azureFirewalls@2024-05-01' = {\n  name: 'fw-hub'\n  location: 'westeurope'\n  properties: {\n    applicationRuleCollections: []\n  }\n}\n")
            .WithFile("infra/aks.bicep", "resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {\n  name: 'aks'\n  location: 'westeurope'\n  properties: {}\n}\n");

        var build = project.Build();

        Assert.Matches(@"hub\.bicep\(\d+,\d+\): warning EGR1001", build.Output);
    }

    [BicepCliFact]
    public void TemplatesOnlyBicepProject_WithTheBicepCompiler_AnalyzesTheCompiledEntryPointIncludingItsModules()
    {
        var project = _feed.NewConsumer("BicepCompiled", withCSharp: false)
            .WithFile("infra/main.bicep", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "main.bicep")))
            .WithFile("infra/hub.bicep", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "hub.bicep")));

        var build = project.Build($"-p:EgressUseBicepCompiler=true \"-p:EgressBicepCompilerPath={BicepCli.Path}\"");

        Assert.True(build.ExitCode == 0, build.Output);
        var warnings = TaskFindings(build.Output, "warning");
        // hub.bicep is a module of main.bicep: one entry point, compiled once, its firewall found in the nested deployment.
        Assert.Contains(warnings, w => w.Id == "EGR1001" && w.File.EndsWith("/bicep/infra/main.json", StringComparison.Ordinal)
            && w.Message.Contains("Azure Firewall 'fw-hub'", StringComparison.Ordinal) && w.Message.Contains("'login.microsoftonline.com'", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.File.EndsWith("hub.json", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Message.Contains("'mcr.microsoft.com'", StringComparison.Ordinal));
    }

    [Fact]
    public void BicepFilesWithoutTheCompilerOption_AreNotAnalyzedByTheTask()
    {
        var project = _feed.NewConsumer("BicepNative", withCSharp: false)
            .WithFile("infra/main.bicep", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "main.bicep")))
            .WithFile("infra/hub.bicep", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "hub.bicep")));

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotContain("EGR", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TemplatesOnlyProject_TaskLogsCanonicalWarningsAtTheRuleCollection_AndSkipsAnalysisWhenNothingChanged()
    {
        var project = _feed.NewConsumer("TemplatesOnly", withCSharp: false).WithSampleTemplates();

        var first = project.Build();

        Assert.True(first.ExitCode == 0, first.Output);
        var warnings = TaskFindings(first.Output, "warning");
        var login = Assert.Single(warnings, w => w.File.EndsWith(IncompleteHub, StringComparison.Ordinal) && w.Message.Contains("'login.microsoftonline.com'", StringComparison.Ordinal));
        Assert.Equal("EGR1001", login.Id);
        Assert.StartsWith("\"aks-core\"", TextAt(login.File, login.Line, login.Column), StringComparison.Ordinal);
        Assert.DoesNotContain(warnings, w => w.File.EndsWith("hub-complete.json", StringComparison.Ordinal));

        var second = project.Build("-v:d");

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("Skipping target \"_EgressRunAnalysis\" because all output files are up-to-date", second.Output, StringComparison.Ordinal);
        Assert.Equal(warnings.Select(w => w.ToString()).Distinct().Order(), TaskFindings(second.Output, "warning").Select(w => w.ToString()).Distinct().Order());
    }

    [Fact]
    public void Gating_TurnsTaskAndAnalyzerWarningsIntoErrors_AndFailsTheBuildWithExitCode1()
    {
        var templatesOnly = _feed.NewConsumer("Gated", withCSharp: false).WithSampleTemplates();

        var all = templatesOnly.Build("-p:EgressWarningsAsErrors=true");

        Assert.Equal(1, all.ExitCode);
        Assert.Contains(TaskFindings(all.Output, "error"), e => e.Id == "EGR1001" && e.File.EndsWith(IncompleteHub, StringComparison.Ordinal));
        Assert.DoesNotContain(TaskFindings(all.Output, "warning"), w => w.Id == "EGR1001");

        var listed = templatesOnly.Build("-p:EgressWarningsAsErrors=EGR1003");

        Assert.Equal(1, listed.ExitCode);
        Assert.All(TaskFindings(listed.Output, "error"), e => Assert.Equal("EGR1003", e.Id));
        Assert.Contains(TaskFindings(listed.Output, "warning"), w => w.Id == "EGR1001");

        var csharp = _feed.NewConsumer("GatedCSharp", withCSharp: true).WithSampleTemplates();
        var strict = csharp.Build("-p:EgressAnalysisMode=strict");

        Assert.Equal(1, strict.ExitCode);
        Assert.Matches(@"hub-incomplete\.json\(\d+,\d+\): error EGR1001", strict.Output);
    }

    [Fact]
    public void Gating_FailingBuild_PassesAfterEgressFixRewritesTheTemplate()
    {
        // %3B is MSBuild's escape for ';' on the command line (a bare ';' separates properties).
        const string Gate = "-p:EgressWarningsAsErrors=EGR1001%3BEGR1002";
        var project = _feed.NewConsumer("Fixed", withCSharp: false).WithSampleTemplates();
        var hub = project.PathOf(Path.Combine("infra", IncompleteHub));
        var original = File.ReadAllText(hub);

        var gated = project.Build(Gate);

        Assert.Equal(1, gated.ExitCode);
        Assert.Contains(TaskFindings(gated.Output, "error"), e => e.Id == "EGR1001");

        var fixing = project.Build(Gate + " -p:EgressFix=true");

        Assert.True(fixing.ExitCode == 0, fixing.Output);
        Assert.Contains("EgressAnalyzers: fixed", fixing.Output, StringComparison.Ordinal);
        Assert.Contains("login.microsoftonline.com", File.ReadAllText(hub).Replace(original, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(TaskFindings(fixing.Output, "error"), e => e.Id is "EGR1001" or "EGR1002");

        var after = project.Build(Gate);

        Assert.True(after.ExitCode == 0, after.Output);
    }

    [NpmFact]
    public void Sarif_ValidatesAgainstTheSarif210Schema_HasOneRun_AndKeepsFingerprintsWhenLinesMove()
    {
        var project = _feed.NewConsumer("Sarif", withCSharp: false).WithSampleTemplates();
        var hub = project.PathOf(Path.Combine("infra", IncompleteHub));
        var suppressed = File.ReadAllText(hub).Replace(
            "\"name\": \"fw-hub-incomplete\",",
            "\"name\": \"fw-hub-incomplete\",\n      \"metadata\": { \"egressAnalyzers.suppress\": { \"EGR1003\": \"the legacy tunnel is disabled on our clusters\" } },",
            StringComparison.Ordinal);
        File.WriteAllText(hub, suppressed);
        var sarifPath = project.PathOf("egress.sarif");

        var first = project.Build("-p:EgressSarifFile=egress.sarif");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Empty(SarifValidator.SchemaErrors(sarifPath, _feed.Root));
        var before = ReadSarif(sarifPath);
        Assert.NotEmpty(before);
        Assert.Contains(before, r => r.RuleId == "EGR1001" && r.Uri == "infra/" + IncompleteHub && r.UriBaseId == "%SRCROOT%");
        Assert.Contains(before, r => r.RuleId == "EGR1003" && r.Suppressed);
        Assert.Contains(before, r => r.RuleId == "EGR1001" && r.HasFix);
        Assert.DoesNotContain(TaskFindings(first.Output, "message"), m => m.Id == "EGR1003");

        // Three lines inserted above everything: every finding moves, no fingerprint may change.
        File.WriteAllText(hub, "\n\n\n" + suppressed);
        var second = project.Build("-p:EgressSarifFile=egress.sarif");

        Assert.True(second.ExitCode == 0, second.Output);
        var after = ReadSarif(sarifPath);
        Assert.Equal(before.Select(r => (r.RuleId, r.Fingerprint, r.Message)).Order(), after.Select(r => (r.RuleId, r.Fingerprint, r.Message)).Order());
        Assert.All(after.Where(r => r.Uri == "infra/" + IncompleteHub), r =>
            Assert.Equal(before.First(b => b.Fingerprint == r.Fingerprint && b.Message == r.Message).StartLine + 3, r.StartLine));
        Assert.Equal(before.Count, before.Select(r => r.Fingerprint).Distinct().Count());
    }

    private sealed record Reported(string File, int Line, int Column, string Id, string Message)
    {
        public override string ToString() => $"{File}({Line},{Column}) {Id} {Message}";
    }

    private sealed record SarifResult(string RuleId, string Message, string Fingerprint, string? Uri, string? UriBaseId, int StartLine, bool Suppressed, bool HasFix);

    /// <summary>The task's canonical lines: <c>path(line,col[,endLine,endCol]): EgressAnalyzers warning EGRnnnn: message</c>.</summary>
    private static List<Reported> TaskFindings(string output, string kind) =>
        Regex.Matches(output, $@"(?<file>/[^\s(]+)\((?<line>\d+),(?<col>\d+)(,\d+,\d+)?\): EgressAnalyzers {kind} (?<id>EGR\d{{4}}): (?<message>[^\[\r\n]+)")
            .Select(m => new Reported(m.Groups["file"].Value, int.Parse(m.Groups["line"].Value), int.Parse(m.Groups["col"].Value), m.Groups["id"].Value, m.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();

    /// <summary>The compiler's lines for diagnostics in additional files: <c>path(line,col): warning EGRnnnn: message</c>.</summary>
    private static List<Reported> CompilerWarnings(string output) =>
        Regex.Matches(output, @"(?<file>[^\s:(]+\.json)\((?<line>\d+),(?<col>\d+)\): warning (?<id>EGR\d{4}): (?<message>[^\[\r\n]+)")
            .Select(m => new Reported(Path.GetFileName(m.Groups["file"].Value), int.Parse(m.Groups["line"].Value), int.Parse(m.Groups["col"].Value), m.Groups["id"].Value, m.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();

    private static string TextAt(string file, int line, int column) => File.ReadAllLines(file)[line - 1].Substring(column - 1);

    private static List<SarifResult> ReadSarif(string path)
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
