using System.Text;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Tests.Bicep;
using EgressAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Text;

namespace EgressAnalyzers.Tests;

/// <summary>
/// The IDE builds a new compilation on every keystroke; unchanged additional files keep their <see cref="SourceText"/>
/// instance. These tests show that the reader's result for such files is reused (same instance), and that an edit,
/// or an edit to a template's parameters file, is re-read; Bicep files (read as one linked set per project) likewise.
/// </summary>
public class TemplateFilesCacheTests
{
    private static readonly EgressSettings Settings = EgressSettings.Default;

    [Fact]
    public void OneCharacterEdit_OfAOneMegabyteTemplate_ReusesTheParsedModelOfEveryUnchangedFile()
    {
        var large = SourceText.From(LargeFirewallTemplate(minimumLength: 1024 * 1024));
        Assert.True(large.Length >= 1024 * 1024);
        var cluster = SourceText.From(ArmFixtures.Cluster());
        var hub = SourceText.From(ArmFixtures.ClassicFirewall(ArmFixtures.AppCollection("\"aks\"", 100, "Allow", ArmFixtures.HttpsRule(ArmFixtures.CoreFqdnsExcept()))));

        var before = TemplateFiles.Read(Files(("large.json", large), ("cluster.json", cluster), ("hub.json", hub)), Settings, CancellationToken.None);
        var position = large.ToString().IndexOf("rule-00001", StringComparison.Ordinal);
        var edited = large.WithChanges(new TextChange(new TextSpan(position, 1), "R"));
        var after = TemplateFiles.Read(Files(("large.json", edited), ("cluster.json", cluster), ("hub.json", hub)), Settings, CancellationToken.None);

        Assert.Equal(3, before.Count);
        Assert.NotSame(before[0], after[0]);
        Assert.Same(before[1], after[1]);
        Assert.Same(before[2], after[2]);
    }

    [Fact]
    public void EditOfAParametersFile_RereadsItsTemplate_ButNotTheOthers()
    {
        var template = SourceText.From(ArmFixtures.Cluster(location: "\"[parameters('location')]\"", parameters: "\"location\": { \"type\": \"string\" }"));
        var parameters = SourceText.From(ParametersFile("westeurope"));
        var hub = SourceText.From(ArmFixtures.ClassicFirewall(ArmFixtures.AppCollection("\"aks\"", 100, "Allow", ArmFixtures.HttpsRule(ArmFixtures.CoreFqdnsExcept()))));

        var before = TemplateFiles.Read(Files(("cluster.json", template), ("cluster.parameters.json", parameters), ("hub.json", hub)), Settings, CancellationToken.None);
        var after = TemplateFiles.Read(Files(("cluster.json", template), ("cluster.parameters.json", SourceText.From(ParametersFile("northeurope"))), ("hub.json", hub)), Settings, CancellationToken.None);

        Assert.Equal(2, before.Count);
        Assert.NotSame(before[0], after[0]);
        Assert.Same(before[1], after[1]);
    }

    [Fact]
    public void ChangedCloudSetting_RereadsEveryTemplate()
    {
        var hub = SourceText.From(ArmFixtures.ClassicFirewall(ArmFixtures.AppCollection("\"aks\"", 100, "Allow", ArmFixtures.HttpsRule(ArmFixtures.CoreFqdnsExcept()))));
        var before = TemplateFiles.Read(Files(("hub.json", hub)), Settings, CancellationToken.None);
        var problems = new List<string>();
        var china = EgressSettings.Parse(key => key == EgressSettings.CloudKey ? "AzureChinaCloud" : null, EgressAnalyzers.Engine.Catalog.RequirementCatalog.Default, problems);
        Assert.Empty(problems);
        var after = TemplateFiles.Read(Files(("hub.json", hub)), china, CancellationToken.None);

        Assert.NotSame(Assert.Single(before), Assert.Single(after));
    }

    [Fact]
    public void UnchangedBicepFiles_ReuseTheirRead_AndAnEditedModuleIsReread()
    {
        var cluster = SourceText.From(BicepFixtures.Cluster);
        var hub = SourceText.From(BicepFixtures.ClassicHub("'aks'", BicepFixtures.CoreFqdnsExcept()));

        var first = TemplateFiles.Read(Files(("cluster.bicep", cluster), ("hub.bicep", hub)), Settings, CancellationToken.None);
        var again = TemplateFiles.Read(Files(("cluster.bicep", cluster), ("hub.bicep", hub)), Settings, CancellationToken.None);
        var editedHub = SourceText.From(BicepFixtures.ClassicHub("'aks-egress'", BicepFixtures.CoreFqdnsExcept()));
        var afterEdit = TemplateFiles.Read(Files(("cluster.bicep", cluster), ("hub.bicep", editedHub)), Settings, CancellationToken.None);

        Assert.Equal(2, first.Count);
        Assert.Same(first[0], again[0]);
        Assert.Same(first[1], again[1]);
        Assert.NotSame(first[1], afterEdit[1]);
    }

    [Fact]
    public void TwoBicepProjectsAnalyzedInTurn_EachReuseTheirOwnRead()
    {
        // A solution's projects are re-analyzed in turn; one project's read must not evict the other's.
        var westHub = SourceText.From(BicepFixtures.ClassicHub("'aks'", BicepFixtures.CoreFqdnsExcept()));
        var northHub = SourceText.From(BicepFixtures.ClassicHub("'aks'", BicepFixtures.CoreFqdnsExcept("mcr.microsoft.com")));
        var west = Files(("hub.bicep", westHub));
        var north = Files(("hub.bicep", northHub));

        var westFirst = TemplateFiles.Read(west, Settings, CancellationToken.None);
        var northFirst = TemplateFiles.Read(north, Settings, CancellationToken.None);
        var westAgain = TemplateFiles.Read(west, Settings, CancellationToken.None);
        var northAgain = TemplateFiles.Read(north, Settings, CancellationToken.None);

        Assert.Same(Assert.Single(westFirst), Assert.Single(westAgain));
        Assert.Same(Assert.Single(northFirst), Assert.Single(northAgain));
        Assert.NotSame(westFirst[0], northFirst[0]);
    }

    private static List<TemplateFile> Files(params (string Name, SourceText Text)[] files) =>
        files.Select(f => new TemplateFile("/repo/infra/" + f.Name, f.Text, optedIn: false)).ToList();

    private static string ParametersFile(string location) => $$"""
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
          "contentVersion": "1.0.0.0",
          "parameters": { "location": { "value": "{{location}}" } }
        }
        """;

    /// <summary>A classic firewall with as many application rules as it takes to reach the size.</summary>
    private static string LargeFirewallTemplate(int minimumLength)
    {
        var rules = new StringBuilder();
        for (var i = 0; rules.Length < minimumLength; i++)
        {
            if (i > 0)
            {
                rules.Append(',').Append('\n');
            }

            rules.Append(ArmFixtures.HttpsRule($"\"app{i:D5}.contoso.example\"", name: $"rule-{i:D5}"));
        }

        return ArmFixtures.ClassicFirewall(ArmFixtures.AppCollection("\"workloads\"", 300, "Allow", rules.ToString()), name: "fw-large");
    }
}
