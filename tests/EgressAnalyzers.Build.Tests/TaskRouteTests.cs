using EgressAnalyzers.Build.Tests.Infrastructure;
using static EgressAnalyzers.Build.Tests.Infrastructure.BuildOutput;

namespace EgressAnalyzers.Build.Tests;

/// <summary>A project without C# (templates only): the package's MSBuild task analyzes the templates.</summary>
public class TaskRouteTests
{
    // The incomplete sample hub allows the registry and ARM only; its "aks-core" collection is where EGR1001 points.
    private const string IncompleteHub = "hub-incomplete.json";

    private readonly PackageFeedFixture _feed = PackageFeedFixture.Instance;

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
    public void BicepFilesWithoutTheCompilerOption_AreReadNatively_WithWarningsOnTheBicepSource()
    {
        var project = BicepProject("BicepNative");

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.Output);
        var warnings = TaskFindings(build.Output, "warning");
        // hub.bicep is a module of main.bicep: the firewall's finding points into the module's own source.
        var login = Assert.Single(warnings, w => w.Id == "EGR1001" && w.Message.Contains("'login.microsoftonline.com'", StringComparison.Ordinal));
        Assert.EndsWith("/infra/hub.bicep", login.File, StringComparison.Ordinal);
        Assert.Contains("Azure Firewall 'fw-hub'", login.Message, StringComparison.Ordinal);
        Assert.Contains("aks-core", TextAt(login.File, login.Line, login.Column), StringComparison.Ordinal);
        Assert.DoesNotContain(warnings, w => w.Message.Contains("'mcr.microsoft.com'", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.File.Contains("/obj/", StringComparison.Ordinal));
    }

    [Fact]
    public void BicepTemplatesOnlyProject_GatedBuildFails_AndPassesAfterEgressFixRewritesTheBicepModule()
    {
        // %3B is MSBuild's escape for ';' on the command line (a bare ';' separates properties).
        const string Gate = "-p:EgressWarningsAsErrors=EGR1001%3BEGR1002";
        var project = BicepProject("BicepFixed");
        var hub = project.PathOf(Path.Combine("infra", "hub.bicep"));
        var original = File.ReadAllText(hub);

        var gated = project.Build(Gate);

        Assert.Equal(1, gated.ExitCode);
        Assert.Contains(TaskFindings(gated.Output, "error"), e => e.Id == "EGR1001" && e.File.EndsWith("/infra/hub.bicep", StringComparison.Ordinal));

        var fixing = project.Build(Gate + " -p:EgressFix=true");

        Assert.True(fixing.ExitCode == 0, fixing.Output);
        Assert.Contains("EgressAnalyzers: fixed", fixing.Output, StringComparison.Ordinal);
        Assert.NotEqual(original, File.ReadAllText(hub));
        Assert.Contains("login.microsoftonline.com", File.ReadAllText(hub), StringComparison.Ordinal);
        Assert.DoesNotContain(TaskFindings(fixing.Output, "error"), e => e.Id is "EGR1001" or "EGR1002");
    }

    private ConsumerProject BicepProject(string name) =>
        _feed.NewConsumer(name, withCSharp: false)
            .WithFile("infra/main.bicep", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "main.bicep")))
            .WithFile("infra/hub.bicep", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "hub.bicep")));
}
