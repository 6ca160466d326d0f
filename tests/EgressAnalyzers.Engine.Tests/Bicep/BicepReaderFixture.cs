using EgressAnalyzers.Engine.Arm;
using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Bicep;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Model;

namespace EgressAnalyzers.Engine.Tests.Bicep;

/// <summary>Helpers: evaluate a Bicep variable, read Bicep files, analyze them.</summary>
internal static class BicepReaderFixture
{
    public const string MainFile = "/infra/main.bicep";

    /// <summary>The value of <c>var result</c> in <paramref name="text"/> (other declarations may precede it).</summary>
    public static ArmValue Variable(string text, string name = "result", string cloud = "AzureCloud", IReadOnlyDictionary<string, ArmValue>? supplied = null)
    {
        var parsed = BicepParser.Parse(text);
        Assert.True(parsed.Errors.Count == 0, string.Join("; ", parsed.Errors));
        var context = new BicepFileContext(MainFile, parsed, cloud, supplied ?? new Dictionary<string, ArmValue>(), unsuppliedAreUnknown: false, CancellationToken.None);
        return context.GetVariable(name);
    }

    public static IReadOnlyList<TemplateReadResult> Read(params (string Path, string Text)[] files) =>
        BicepReader.Read(files.Select(f => new TemplateInput(f.Path, f.Text)).ToList(), new ArmReadOptions());

    public static IReadOnlyList<ModelResource> Resources(params (string Path, string Text)[] files) =>
        Read(files).SelectMany(r => r.Resources).ToList();

    public static IReadOnlyList<Finding> Analyze(params (string Path, string Text)[] files) =>
        EgressAnalysis.Analyze(Read(files), Array.Empty<ModelResource>(), EgressSettings.Default, RequirementCatalog.Default);

    /// <summary>
    /// The findings of our own differential fixtures (<c>Bicep/Fixtures</c>, paths relative to it), read natively with
    /// every firewall opted in: the same files <see cref="BicepDifferentialTests"/> compares with the real compiler.
    /// </summary>
    public static IReadOnlyList<Finding> AnalyzeOwnFixtures(params string[] relativePaths)
    {
        var folder = System.IO.Path.Combine(BicepCorpus.RepositoryRoot(), "tests", "EgressAnalyzers.Engine.Tests", "Bicep", "Fixtures");
        var inputs = relativePaths
            .Select(relative => System.IO.Path.Combine(folder, relative))
            .Select(path => new TemplateInput(path, File.ReadAllText(path), optedIn: true))
            .ToList();
        return EgressAnalysis.Analyze(BicepReader.Read(inputs, new ArmReadOptions()), Array.Empty<ModelResource>(), EgressSettings.Default, RequirementCatalog.Default);
    }
}
