using EgressAnalyzers.Build.Tests.Infrastructure;
using static EgressAnalyzers.Build.Tests.Infrastructure.BuildOutput;

namespace EgressAnalyzers.Build.Tests;

/// <summary>The SARIF 2.1.0 log the task writes, checked by the SARIF multitool.</summary>
public class SarifTests
{
    // The incomplete sample hub allows the registry and ARM only; its "aks-core" collection is where EGR1001 points.
    private const string IncompleteHub = "hub-incomplete.json";

    private readonly PackageFeedFixture _feed = PackageFeedFixture.Instance;

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
}
