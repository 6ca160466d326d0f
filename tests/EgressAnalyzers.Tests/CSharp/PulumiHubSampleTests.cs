using System.Text.RegularExpressions;
using EgressAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace EgressAnalyzers.Tests.CSharp;

/// <summary>
/// samples/PulumiHub cannot be built here (no Pulumi packages), so its Program.cs is compiled against the SDK stubs
/// with its stack files as AdditionalFiles, and must produce exactly the diagnostics its README documents.
/// </summary>
public class PulumiHubSampleTests
{
    private static readonly string SampleDirectory = Path.Combine(Corpus.RepositoryRoot, "samples", "PulumiHub");

    [Fact]
    public async Task ProgramCs_ProducesTheDiagnosticsItsReadmeDocuments()
    {
        var program = File.ReadAllText(Path.Combine(SampleDirectory, "Program.cs"));
        var stackFiles = Directory.GetFiles(SampleDirectory, "Pulumi*.yaml").Select(p => (p, File.ReadAllText(p))).ToArray();
        Assert.Equal(2, stackFiles.Length);

        var diagnostics = await CSharpAnalysisRunner.RunAsync(OutputKind.ConsoleApplication, new[] { (Path.Combine(SampleDirectory, "Program.cs"), program) }, stackFiles);

        var actual = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.Id + " " + Regex.Match(d.GetMessage(), "'[^']*'", RegexOptions.None, TimeSpan.FromSeconds(1)).NextMatch().Value)
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(DocumentedDiagnostics(), actual);
        Assert.All(diagnostics.Where(d => d.Id == "EGR1001"), d =>
            Assert.StartsWith("new Net.AzureFirewallApplicationRuleCollectionArgs", program[d.Location.SourceSpan.Start..], StringComparison.Ordinal));
    }

    /// <summary>"- EGR1001 'endpoint' — …" lines of the README's "Expected diagnostics" section.</summary>
    private static List<string> DocumentedDiagnostics()
    {
        var readme = File.ReadAllText(Path.Combine(SampleDirectory, "README.md"));
        var section = readme[readme.IndexOf("## Expected diagnostics", StringComparison.Ordinal)..];
        return Regex.Matches(section, @"^- (EGR\d{4}) ('[^']*')", RegexOptions.Multiline, TimeSpan.FromSeconds(1))
            .Select(m => m.Groups[1].Value + " " + m.Groups[2].Value)
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
    }
}
