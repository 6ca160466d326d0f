using EgressAnalyzers.Engine.Diagnostics;

namespace EgressAnalyzers.Engine.Tests.Catalog;

public class RulePagesTests
{
    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var rule in EgressRules.All)
        {
            data.Add(rule.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void RulePage_Exists_WithHeaderTableAndEverySection(string id)
    {
        var rule = EgressRules.All.Single(r => r.Id == id);
        var path = Path.Combine(RepositoryRoot(), rule.DocumentationPath.Replace('/', Path.DirectorySeparatorChar));

        Assert.True(File.Exists(path), $"missing rule page {rule.DocumentationPath}");
        var lines = File.ReadAllLines(path);
        var headings = lines.Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();

        Assert.Equal($"# {rule.Id}: {rule.Title}", lines[0]);
        Assert.Contains($"| Rule ID | {rule.Id} |", lines);
        Assert.Contains($"| Category | {rule.Category} |", lines);
        Assert.Contains($"| Default severity | {rule.DefaultSeverity} |", lines);
        Assert.Contains($"| Title | {rule.Title} |", lines);
        var descriptionHeading = rule.Id.StartsWith("EGR1", StringComparison.Ordinal) ? "## Why AKS needs this" : "## Rule description";
        Assert.Equal(
            new[] { "## Cause", descriptionHeading, "## Example", "## How to fix", "## How to configure", "## How to suppress" },
            headings);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void RulePage_SaysEditorConfigSeveritiesDoNotReachTemplateDiagnostics(string id)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "rules", id + ".md"));

        Assert.Contains($"dotnet_diagnostic.{id}.severity = error", text, StringComparison.Ordinal);
        Assert.Contains("`.editorconfig` severities do **not** reach", text, StringComparison.Ordinal);
        Assert.Contains($"\"egressAnalyzers.suppress\": {{ \"{id}\":", text, StringComparison.Ordinal);
        Assert.Contains($"#pragma warning disable {id}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesReadme_ListsEveryRuleAndFamily()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "rules", "README.md"));

        Assert.All(EgressRules.All, rule => Assert.Contains($"| [{rule.Id}]({rule.Id}.md) | {rule.Title} |", text, StringComparison.Ordinal));
        Assert.All(new[] { "0xxx", "1xxx", "2xxx", "3xxx" }, family => Assert.Contains($"| {family} |", text, StringComparison.Ordinal));
    }

    [Fact]
    public void CoveragePages_StateTheScopeRule()
    {
        foreach (var rule in EgressRules.All.Where(r => r.Category == EgressRules.CategoryCoverage))
        {
            var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "rules", rule.Id + ".md"));

            Assert.Contains("EgressCheckAllFirewalls=true", text, StringComparison.Ordinal);
            Assert.Contains("EgressServesAks", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("EGR1001", "current", "required")]
    [InlineData("EGR1001", "2019-preview", "required")]
    [InlineData("EGR1003", "current", "recommended")]
    [InlineData("EGR1003", "2019-preview", "recommended")]
    public void CoveragePages_ListEveryCatalogApplicationEntryOfTheirLevel(string id, string profile, string level)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "rules", id + ".md"));
        var entries = EgressAnalyzers.Engine.Catalog.RequirementCatalog.Default.Requirements.Where(r =>
            r.Profile == profile
            && r.Kind == EgressAnalyzers.Engine.Catalog.RequirementKind.Application
            && string.Equals(r.Level.ToString(), level, StringComparison.OrdinalIgnoreCase)
            && (profile != "current" || level == "required" || r.Cloud == "AzureCloud")).ToList();

        Assert.NotEmpty(entries);
        Assert.All(entries, r => Assert.Contains($"| `{r.Id}` | `{r.Fqdn}` | {r.Protocol}:{r.Port} |", text, StringComparison.Ordinal));
    }

    [Fact]
    public void DeprecatedPage_ListsEveryDeprecatedEndpoint()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "rules", "EGR2003.md"));

        Assert.All(EgressAnalyzers.Engine.Catalog.RequirementCatalog.Default.Deprecated, d => Assert.Contains($"| `{d.Fqdn}` |", text, StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EgressAnalyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("EgressAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
