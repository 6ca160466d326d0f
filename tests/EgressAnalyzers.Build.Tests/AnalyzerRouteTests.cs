using EgressAnalyzers.Build.Tests.Infrastructure;
using static EgressAnalyzers.Build.Tests.Infrastructure.BuildOutput;

namespace EgressAnalyzers.Build.Tests;

/// <summary>A project with C# and a PackageReference: the compiler runs the analyzer over the templates.</summary>
public class AnalyzerRouteTests
{
    // The incomplete sample hub allows the registry and ARM only; its "aks-core" collection is where EGR1001 points.
    private const string IncompleteHub = "hub-incomplete.json";

    private readonly PackageFeedFixture _feed = PackageFeedFixture.Instance;

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

    [Fact]
    public void CSharpProjectWithEgressRunTask_ReportsThroughTheTaskOnly_AndModeNoneSilencesEverything()
    {
        var project = _feed.NewConsumer("CSharpWithTask", withCSharp: true).WithSampleTemplates();

        var withTask = project.Build("-p:EgressRunTask=true");

        Assert.True(withTask.ExitCode == 0, withTask.Output);
        Assert.Contains(TaskFindings(withTask.Output, "warning"), w => w.Id == "EGR1001" && w.File.EndsWith(IncompleteHub, StringComparison.Ordinal));
        // The task took the templates away from the compiler: no second copy of each finding.
        Assert.Empty(CompilerWarnings(withTask.Output));

        var none = project.Build("-p:EgressAnalysisMode=none");

        Assert.True(none.ExitCode == 0, none.Output);
        Assert.DoesNotContain("EGR", none.Output, StringComparison.Ordinal);
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
}
