using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Bicep;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Fixes;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Sarif;
using EgressAnalyzers.Engine.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace EgressAnalyzers.Build;

/// <summary>
/// Runs the engine over a project's template files (the same inputs and settings as the analyzer) and leaves the
/// findings for <see cref="EgressReportFindings"/>; optionally writes SARIF, compiles Bicep entry points with the real
/// Bicep CLI first (otherwise Bicep is read natively), and applies fixes. The target around it is incremental (Inputs/Outputs), so this runs only when a
/// template, a setting or the task itself changed.
/// </summary>
public sealed class EgressAnalyzeTemplates : Task
{
    /// <summary>Template files (ARM JSON, parameters files, egress-requirements.json, Bicep); metadata <c>EgressServesAks</c> opts a file in.</summary>
    [Required]
    public ITaskItem[] Templates { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Where the findings go for the report target (a file in obj).</summary>
    [Required]
    public string FindingsFile { get; set; } = "";

    public string? Cloud { get; set; }

    public string? AksProfile { get; set; }

    public string? AksLocation { get; set; }

    public string? AksFeatures { get; set; }

    public string? AksTunnel { get; set; }

    public string? AksPrivateCluster { get; set; }

    public string? AksCustomDns { get; set; }

    public string? CheckAllFirewalls { get; set; }

    /// <summary>Gating setting, so that SARIF levels say what the build reported.</summary>
    public string? WarningsAsErrors { get; set; }

    /// <summary>Write one SARIF 2.1.0 run here when set.</summary>
    public string? SarifFile { get; set; }

    /// <summary>The folder SARIF's <c>%SRCROOT%</c> stands for; default: the repository root above <see cref="ProjectDirectory"/> (the folder holding .git), else the project folder.</summary>
    public string? SourceRoot { get; set; }

    public string? ProjectDirectory { get; set; }

    /// <summary>Scratch folder (obj) for compiled Bicep.</summary>
    public string? IntermediateDirectory { get; set; }

    public bool UseBicepCompiler { get; set; }

    public string? BicepCompilerPath { get; set; }

    /// <summary>Rewrite the templates with the fix engine, then re-check them.</summary>
    public bool Fix { get; set; }

    /// <summary>Shown in SARIF; defaults to this assembly's version (the package version).</summary>
    public string ToolVersion { get; set; } = OwnVersion();

    public override bool Execute()
    {
        try
        {
            Run();
        }
        catch (Exception unexpected) when (unexpected is not OutOfMemoryException)
        {
            // A bug in the analysis must be visible (and not silently pass a gated build), but never as a stack dump.
            Log.LogError($"EgressAnalyzers: the analysis failed unexpectedly: {unexpected.GetType().Name}: {unexpected.Message}");
        }

        return !Log.HasLoggedErrors;
    }

    private void Run()
    {
        var findings = new List<Finding>();
        var configurationProblems = new List<string>();
        var settings = EgressSettings.Parse(Lookup, RequirementCatalog.Default, configurationProblems);

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var armInputs = new List<TemplateInput>();
        var requirementFiles = new List<(string, string)>();
        var bicepFiles = new List<ITaskItem>();
        foreach (var item in Templates.OrderBy(i => i.GetMetadata("FullPath"), StringComparer.Ordinal))
        {
            var path = item.GetMetadata("FullPath");
            var extension = Path.GetExtension(path);
            var isBicep = BicepReader.IsBicepFile(path) || BicepReader.IsBicepParametersFile(path);
            if (BicepReader.IsBicepFile(path))
            {
                bicepFiles.Add(item);
            }

            if (isBicep && UseBicepCompiler)
            {
                // The compiled ARM JSON of each entry point is analyzed instead (below); reading the sources natively
                // as well would report every finding twice.
                continue;
            }

            if (!isBicep && !extension.Equals(".json", StringComparison.OrdinalIgnoreCase) && !extension.Equals(".jsonc", StringComparison.OrdinalIgnoreCase))
            {
                // Pulumi YAML: no reader in this version.
                continue;
            }

            if (!TryRead(path, out var text))
            {
                continue;
            }

            texts[path] = text;
            if (CustomRequirements.IsRequirementsFile(path))
            {
                requirementFiles.Add((path, text));
            }
            else
            {
                armInputs.Add(new TemplateInput(path, text, IsOptedIn(item)));
            }
        }

        if (UseBicepCompiler)
        {
            CompileBicep(bicepFiles, armInputs, texts, findings, configurationProblems);
        }

        var custom = CustomRequirements.Apply(RequirementCatalog.Default, requirementFiles);
        findings.AddRange(custom.Problems);
        findings.AddRange(configurationProblems.Select(p => new Finding(EgressRules.EGR0001_InvalidConfigurationValue, SourceSpan.None, p)));

        if (Fix)
        {
            armInputs = ApplyFixes(armInputs, texts, settings, custom.Catalog);
        }

        var readResults = ReadTemplates(armInputs, settings);
        var analysis = EgressAnalysis.Analyze(readResults, Array.Empty<ModelResource>(), settings, custom.Catalog);
        findings.AddRange(analysis);

        var gating = Gating.Parse(WarningsAsErrors);
        var lineMaps = texts.ToDictionary(t => t.Key, t => new LineMap(t.Value), StringComparer.Ordinal);
        FindingRecord.WriteAll(FindingsFile, findings.Where(f => f.SuppressedBy is null).Select(f => ToRecord(f, lineMaps)));

        if (!string.IsNullOrWhiteSpace(SarifFile))
        {
            var sarif = SarifLogWriter.Write(new SarifLogInput
            {
                Findings = findings,
                TextOf = path => texts.TryGetValue(path, out var text) ? text : null,
                SourceRoot = ResolveSourceRoot(),
                ToolVersion = ToolVersion,
                EffectiveSeverity = f => gating.Apply(f.Rule.Id, f.EffectiveSeverity),
                Fixes = SarifFixes(analysis, readResults, texts, settings, custom.Catalog),
            });
            var sarifPath = Path.GetFullPath(SarifFile);
            Directory.CreateDirectory(Path.GetDirectoryName(sarifPath)!);
            File.WriteAllText(sarifPath, sarif, new UTF8Encoding(false));
            Log.LogMessage(MessageImportance.Normal, $"EgressAnalyzers: SARIF written to {sarifPath}");
        }
    }

    /// <summary>
    /// ARM templates and, natively, Bicep entry points (with their modules, .bicepparam and JSON parameters files) from
    /// the same inputs — the readers the analyzer and the fix engine use, so the task gives the same answers.
    /// </summary>
    private static List<TemplateReadResult> ReadTemplates(IReadOnlyList<TemplateInput> inputs, EgressSettings settings)
    {
        var options = new ArmReadOptions { Cloud = settings.Cloud };
        var results = ArmTemplateReader.Read(inputs, options).ToList();
        if (inputs.Any(i => BicepReader.IsBicepFile(i.Path)))
        {
            results.AddRange(BicepReader.Read(inputs, options));
        }

        return results;
    }

    private static string OwnVersion()
    {
        var informational = typeof(EgressAnalyzeTemplates).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
            .FirstOrDefault()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+');
        return plus < 0 ? informational : informational.Substring(0, plus);
    }

    /// <summary>
    /// <c>EgressFix</c>: rewrites each template with the fix engine's edits (the missing rules added in the file's own
    /// style), then returns the inputs with the new texts so the analysis that follows checks the fixed files. Compiled
    /// Bicep output is never rewritten (the fix belongs in the .bicep source).
    /// </summary>
    private List<TemplateInput> ApplyFixes(List<TemplateInput> inputs, Dictionary<string, string> texts, EgressSettings settings, RequirementCatalog catalog)
    {
        var editable = inputs.Where(i => !IsCompiledOutput(i.Path)).ToList();
        var updated = inputs.ToDictionary(i => i.Path, i => i, StringComparer.Ordinal);
        foreach (var file in TemplateFixer.FixFiles(editable, settings, catalog))
        {
            foreach (var skipped in file.Result.NotApplied)
            {
                Log.LogMessage(MessageImportance.High, $"EgressAnalyzers: not fixed in {file.Path}: {skipped}");
            }

            if (!file.Result.Changed)
            {
                continue;
            }

            File.WriteAllText(file.Path, file.Result.NewText, new UTF8Encoding(HasUtf8Bom(file.Path)));
            texts[file.Path] = file.Result.NewText;
            updated[file.Path] = new TemplateInput(file.Path, file.Result.NewText, updated[file.Path].OptedIn);
            Log.LogMessage(MessageImportance.High, $"EgressAnalyzers: fixed {file.Result.AppliedFindings.Count} finding(s) in {file.Path}");
        }

        return inputs.Select(i => updated[i.Path]).ToList();
    }

    /// <summary>SARIF <c>fixes[]</c>: for each fixable finding, the edits the fix engine would make for it alone.</summary>
    private Func<Finding, IReadOnlyList<SarifFix>> SarifFixes(
        IReadOnlyList<Finding> findings, IReadOnlyList<TemplateReadResult> readResults, Dictionary<string, string> texts, EgressSettings settings, RequirementCatalog catalog)
    {
        var model = InfrastructureModel.From(readResults.Where(r => r.IsTemplate));
        return finding =>
        {
            if (finding.SuppressedBy is not null || finding.Location.IsEmpty || IsCompiledOutput(finding.Location.FilePath)
                || !texts.TryGetValue(finding.Location.FilePath, out var text))
            {
                return Array.Empty<SarifFix>();
            }

            var path = finding.Location.FilePath;
            var result = TemplateFixer.Fix(text, path, new[] { finding }, model, settings, catalog);
            if (!result.Changed)
            {
                return Array.Empty<SarifFix>();
            }

            var replacements = result.Edits.Select(e => new SarifReplacement(new SourceSpan(path, e.Start, e.Length), e.NewText)).ToList();
            return new[] { new SarifFix($"Allow {finding.Endpoint ?? finding.RequirementId} in the firewall rules", replacements) };
        };
    }

    private bool IsCompiledOutput(string path) =>
        !string.IsNullOrEmpty(IntermediateDirectory) && path.StartsWith(Path.GetFullPath(IntermediateDirectory), StringComparison.Ordinal);

    private static bool HasUtf8Bom(string path)
    {
        var head = new byte[3];
        using var stream = File.OpenRead(path);
        return stream.Read(head, 0, 3) == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF;
    }

    private string? Lookup(string key) => key switch
    {
        EgressSettings.CloudKey => Cloud,
        EgressSettings.ProfileKey => AksProfile,
        EgressSettings.LocationKey => AksLocation,
        EgressSettings.FeaturesKey => AksFeatures,
        EgressSettings.TunnelKey => AksTunnel,
        EgressSettings.PrivateClusterKey => AksPrivateCluster,
        EgressSettings.CustomDnsKey => AksCustomDns,
        EgressSettings.CheckAllFirewallsKey => CheckAllFirewalls,
        _ => null,
    };

    private static bool IsOptedIn(ITaskItem item) =>
        bool.TryParse(item.GetMetadata("EgressServesAks"), out var optedIn) && optedIn;

    private bool TryRead(string path, out string text)
    {
        try
        {
            text = File.ReadAllText(path);
            return true;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            Log.LogWarning(null, EgressRuleIds.EGR0002, null, path, 0, 0, 0, 0, "{0}", $"'{path}' could not be read: {failure.Message}");
            text = "";
            return false;
        }
    }

    private void CompileBicep(List<ITaskItem> bicepFiles, List<TemplateInput> armInputs, Dictionary<string, string> texts, List<Finding> findings, List<string> problems)
    {
        if (bicepFiles.Count == 0)
        {
            return;
        }

        var compiler = BicepCompiler.Locate(BicepCompilerPath);
        if (compiler is null)
        {
            problems.Add($"EgressUseBicepCompiler is true but no Bicep CLI was found (EgressBicepCompilerPath='{BicepCompilerPath}'); reference Azure.Bicep.CommandLine.<rid> or set EgressBicepCompilerPath. Bicep files were not analyzed.");
            return;
        }

        var outputRoot = Path.Combine(IntermediateDirectory ?? Path.Combine(Path.GetTempPath(), "egress"), "bicep");
        var paths = bicepFiles.Select(b => b.GetMetadata("FullPath")).ToList();
        foreach (var entry in BicepCompiler.EntryPoints(paths))
        {
            var item = bicepFiles.First(b => b.GetMetadata("FullPath") == entry);
            var outFile = Path.Combine(outputRoot, BicepCompiler.OutputName(entry, ProjectDirectory));
            var result = BicepCompiler.Build(compiler, entry, outFile);
            if (!result.Succeeded)
            {
                findings.Add(new Finding(EgressRules.EGR0002_TemplateCouldNotBeRead, new SourceSpan(entry, 0, 0), Path.GetFileName(entry), "the Bicep CLI failed: " + result.Error));
                texts[entry] = File.Exists(entry) ? File.ReadAllText(entry) : "";
                continue;
            }

            var json = File.ReadAllText(outFile);
            texts[outFile] = json;
            armInputs.Add(new TemplateInput(outFile, json, IsOptedIn(item)));
            Log.LogMessage(MessageImportance.Low, $"EgressAnalyzers: compiled {entry} to {outFile}");
        }
    }

    private string ResolveSourceRoot()
    {
        if (!string.IsNullOrWhiteSpace(SourceRoot))
        {
            return Path.GetFullPath(SourceRoot);
        }

        var start = string.IsNullOrWhiteSpace(ProjectDirectory) ? Directory.GetCurrentDirectory() : Path.GetFullPath(ProjectDirectory);
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var git = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return dir.FullName;
            }
        }

        return start;
    }

    private static FindingRecord ToRecord(Finding finding, Dictionary<string, LineMap> lineMaps)
    {
        var severity = finding.EffectiveSeverity.ToString();
        if (finding.Location.IsEmpty || !lineMaps.TryGetValue(finding.Location.FilePath, out var map))
        {
            return new FindingRecord(severity, finding.Rule.Id, finding.Location.IsEmpty ? "" : finding.Location.FilePath, 0, 0, 0, 0, finding.Rule.HelpLink, finding.Message);
        }

        var (line, column) = map.GetPosition(finding.Location.Start);
        var (endLine, endColumn) = map.GetPosition(finding.Location.End);
        return new FindingRecord(severity, finding.Rule.Id, finding.Location.FilePath, line + 1, column + 1, endLine + 1, endColumn + 1, finding.Rule.HelpLink, finding.Message);
    }
}
