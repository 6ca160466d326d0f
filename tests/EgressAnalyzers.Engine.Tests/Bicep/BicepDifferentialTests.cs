using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Bicep;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EgressAnalyzers.Engine.Tests.Bicep;

/// <summary>
/// The native Bicep reader against the real Bicep compiler: for every entry point that compiles offline, the findings
/// from reading the .bicep file equal the findings from reading its compiled ARM JSON (same rule IDs, endpoints and
/// firewalls or policies; compared as sets, because locations differ by construction).
/// </summary>
public class BicepDifferentialTests
{
    private static readonly EgressSettings Settings = new() { CheckAllFirewalls = true };

    private readonly ITestOutputHelper _output;

    public BicepDifferentialTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static IEnumerable<object[]> CorpusRepositories()
    {
        var corpus = EngineCorpus.Directory;
        if (corpus is null)
        {
            // The theory is skipped without the corpus; one row keeps xUnit from reporting "no data".
            yield return new object[] { string.Empty };
            yield break;
        }

        foreach (var repository in Directory.EnumerateDirectories(corpus).OrderBy(d => d, StringComparer.Ordinal))
        {
            if (Directory.EnumerateFiles(repository, "*.bicep", SearchOption.AllDirectories).Any())
            {
                yield return new object[] { System.IO.Path.GetFileName(repository) };
            }
        }
    }

    [BicepCompilerTheory(needsCorpus: true)]
    [MemberData(nameof(CorpusRepositories))]
    public void CorpusEntryPoint_NativeFindings_EqualCompiledArmFindings(string repository)
    {
        var corpus = EngineCorpus.Require();

        var root = System.IO.Path.Combine(corpus, repository);
        var inputs = Directory.EnumerateFiles(root, "*.bicep", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(root, "*.bicepparam", SearchOption.AllDirectories))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new TemplateInput(p, File.ReadAllText(p)))
            .ToList();
        var compared = 0;
        foreach (var native in BicepReader.Read(inputs, new ArmReadOptions()))
        {
            var json = BicepCompiler.Build(native.FilePath, out var errors);
            if (json is null)
            {
                _output.WriteLine($"not compared (does not compile offline): {System.IO.Path.GetRelativePath(corpus, native.FilePath)}: {FirstLine(errors)}");
                continue;
            }

            AssertSameFindings(native, json, System.IO.Path.GetRelativePath(corpus, native.FilePath));
            compared++;
        }

        // Modules that declare firewalls or policies, compiled on their own: their entry point may not compile offline
        // (registry modules), but the module itself does, and its rules are what matters.
        var entryPaths = BicepReader.Read(inputs, new ArmReadOptions()).Select(r => r.FilePath).ToHashSet(StringComparer.Ordinal);
        foreach (var module in inputs.Where(i => !entryPaths.Contains(i.Path) && BicepReader.IsBicepFile(i.Path)
            && (i.Text.Contains("Microsoft.Network/azureFirewalls@", StringComparison.OrdinalIgnoreCase)
                || i.Text.Contains("Microsoft.Network/firewallPolicies", StringComparison.OrdinalIgnoreCase))))
        {
            var json = BicepCompiler.Build(module.Path, out var errors);
            if (json is null)
            {
                _output.WriteLine($"not compared (does not compile offline): {System.IO.Path.GetRelativePath(corpus, module.Path)}: {FirstLine(errors)}");
                continue;
            }

            AssertSameFindings(BicepReader.ReadEntryPoint(module.Path, inputs, new ArmReadOptions()), json, System.IO.Path.GetRelativePath(corpus, module.Path) + " (as its own entry point)");
            compared++;
        }

        _output.WriteLine($"{compared} entry points compared");
    }

    public static IEnumerable<object[]> OwnFixtureFolders() => new[]
    {
        new object[] { "tests/EgressAnalyzers.Engine.Tests/Bicep/Fixtures" },
        new object[] { "samples/BicepHub/infra" },
    };

    [BicepCompilerTheory(needsCorpus: false)]
    [MemberData(nameof(OwnFixtureFolders))]
    public void OwnFixture_NativeFindings_EqualCompiledArmFindings(string folder)
    {
        var root = System.IO.Path.Combine(BicepCorpus.RepositoryRoot(), folder);
        var inputs = Directory.EnumerateFiles(root, "*.bicep", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new TemplateInput(p, File.ReadAllText(p)))
            .ToList();
        var entryPoints = BicepReader.Read(inputs, new ArmReadOptions());
        Assert.NotEmpty(entryPoints);

        // Files of exports only (shared FQDN lists) are read as the files that import them; alone they hold nothing.
        var imported = inputs
            .SelectMany(i => BicepParser.Parse(i.Text).Statements
                .Where(st => st.Kind == BicepStatementKind.Import && st.TypeOrPath is BicepString { Literal: not null })
                .Select(st => System.IO.Path.GetFullPath(BicepReader.ResolvePath(i.Path, ((BicepString)st.TypeOrPath!).Literal!))))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var native in entryPoints.Where(e => !imported.Contains(System.IO.Path.GetFullPath(e.FilePath))))
        {
            // Our own files must compile: a fixture the compiler rejects proves nothing.
            var json = BicepCompiler.Build(native.FilePath, out var errors);
            Assert.True(json is not null, $"{native.FilePath} does not compile: {errors}");
            Assert.NotEmpty(Comparable(native));
            AssertSameFindings(native, json!, System.IO.Path.GetFileName(native.FilePath));
        }
    }

    internal static IReadOnlyList<string> Comparable(TemplateReadResult result) =>
        EgressAnalysis.Analyze(new[] { result }, Array.Empty<ModelResource>(), Settings, RequirementCatalog.Default)
            .Where(f => f.Rule.Id != EgressRuleIds.EGR0002)
            .Select(f => $"{f.Rule.Id} {LanguageNeutral(f.Subject.ToString())} {f.RequirementId} {f.Endpoint}{(f.SuppressedBy is null ? string.Empty : " (suppressed)")}")
            .Distinct()
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// An unresolved part of a resource name is kept as the text of its expression, written in the file's own language:
    /// <c>uniqueString(…, location)</c> in Bicep is <c>uniqueString(…, parameters('location'))</c> in the compiled ARM.
    /// Both identify the same resource within their own inputs; compare them without the ARM accessor syntax.
    /// </summary>
    private static string LanguageNeutral(string key) =>
        System.Text.RegularExpressions.Regex.Replace(key, @"(?:parameters|variables)\('([^']*)'\)", "$1", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    private void AssertSameFindings(TemplateReadResult native, string compiledJson, string name)
    {
        var compiled = ArmTemplateReader.ReadTemplate(new TemplateInput(native.FilePath + ".json", compiledJson), Array.Empty<TemplateInput>(), new ArmReadOptions());
        var fromBicep = Comparable(native);
        var fromArm = Comparable(compiled);
        var onlyBicep = fromBicep.Except(fromArm).ToList();
        var onlyArm = fromArm.Except(fromBicep).ToList();
        _output.WriteLine($"{name}: {fromBicep.Count} findings from Bicep, {fromArm.Count} from the compiled JSON");
        if (onlyBicep.Count + onlyArm.Count > 0)
        {
            foreach (var finding in EgressAnalysis.Analyze(new[] { native, compiled }, Array.Empty<ModelResource>(), Settings, RequirementCatalog.Default))
            {
                _output.WriteLine($"  {finding}");
            }
        }

        Assert.True(
            onlyBicep.Count == 0 && onlyArm.Count == 0,
            $"{name}:\n only from the Bicep reader:\n  {string.Join("\n  ", onlyBicep)}\n only from the compiled ARM:\n  {string.Join("\n  ", onlyArm)}");
    }

    private static string FirstLine(string text) => text.Split('\n').FirstOrDefault(l => l.Contains("Error", StringComparison.Ordinal))?.Trim() ?? text.Trim();
}
