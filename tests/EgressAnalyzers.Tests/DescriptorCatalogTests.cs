using System.Text.RegularExpressions;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace EgressAnalyzers.Tests;

/// <summary>The descriptors, the engine's rule catalog, the rule pages and release tracking say the same thing.</summary>
public class DescriptorCatalogTests
{
    public static TheoryData<string> DescriptorIds()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in EgressDescriptors.All)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Fact]
    public void EveryEngineRule_HasExactlyOneDescriptor()
    {
        Assert.Equal(
            EgressRules.All.Select(r => r.Id).OrderBy(id => id),
            EgressDescriptors.All.Select(d => d.Id).OrderBy(id => id));
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_UsesTheEngineTitleMessageAndSeverity(string id)
    {
        var descriptor = EgressDescriptors.All.Single(d => d.Id == id);
        var rule = EgressRules.All.Single(r => r.Id == id);
        Assert.Equal(rule.Title, descriptor.Title.ToString());
        Assert.Equal(rule.MessageFormat, descriptor.MessageFormat.ToString());
        Assert.Equal(rule.Category, descriptor.Category);
        var expectedSeverity = rule.DefaultSeverity switch
        {
            RuleSeverity.Info => DiagnosticSeverity.Info,
            RuleSeverity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Error,
        };
        Assert.Equal(expectedSeverity, descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_IdFollowsTheEgrFamilyScheme(string id)
    {
        Assert.Matches(new Regex("^EGR[0-3][0-9]{3}$"), id);
        var descriptor = EgressDescriptors.All.Single(d => d.Id == id);
        var expectedCategory = id[3] switch
        {
            '0' => EgressRules.CategoryConfiguration,
            '1' => EgressRules.CategoryCoverage,
            '2' => EgressRules.CategoryHygiene,
            _ => EgressRules.CategoryTopology,
        };
        Assert.Equal(expectedCategory, descriptor.Category);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void HelpLink_PointsAtTheRulePageInTheRepository(string id)
    {
        var descriptor = EgressDescriptors.All.Single(d => d.Id == id);
        Assert.Equal(EgressRules.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        var page = Path.Combine(Corpus.RepositoryRoot, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{page} is missing");
        Assert.Contains(descriptor.Title.ToString(), File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void ReleaseTracking_ListsTheRuleWithItsCategoryAndSeverity(string id)
    {
        var descriptor = EgressDescriptors.All.Single(d => d.Id == id);
        var unshipped = File.ReadAllLines(Path.Combine(Corpus.RepositoryRoot, "src", "EgressAnalyzers", "AnalyzerReleases.Unshipped.md"));
        var line = Assert.Single(unshipped, l => l.StartsWith(id + " ", StringComparison.Ordinal));
        var cells = line.Split('|').Select(c => c.Trim()).ToArray();
        Assert.Equal(descriptor.Category, cells[1]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[2]);
    }
}
