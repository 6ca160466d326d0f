using EgressAnalyzers.Build.Tests.Infrastructure;
using static EgressAnalyzers.Build.Tests.Infrastructure.BuildOutput;

namespace EgressAnalyzers.Build.Tests;

/// <summary>Gating a merge: findings become errors and fail the build; EgressFix repairs the templates.</summary>
public class GatingTests
{
    // The incomplete sample hub allows the registry and ARM only; its "aks-core" collection is where EGR1001 points.
    private const string IncompleteHub = "hub-incomplete.json";

    private readonly PackageFeedFixture _feed = PackageFeedFixture.Instance;

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
}
