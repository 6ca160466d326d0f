using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Fixes.Arm;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Model;

namespace EgressAnalyzers.Engine.Fixes;

/// <summary>One file's fix, for hosts that fix several files at once.</summary>
public sealed class FileFixResult
{
    public FileFixResult(string path, FixResult result)
    {
        Path = path;
        Result = result;
    }

    public string Path { get; }

    public FixResult Result { get; }
}

/// <summary>
/// The public entry to template fixes (code fix, MSBuild task, tests): the EGR1001/EGR1002 findings located in one
/// file become one consistent, non-overlapping set of text edits that add the missing rules in the file's own style.
/// ARM JSON (<c>.json</c>, <c>.jsonc</c>) is written here; other languages add their writers over the same
/// <see cref="FixPlanner"/> plan.
/// </summary>
public static class TemplateFixer
{
    /// <summary>
    /// Fixes the findings located in <paramref name="path"/>. <paramref name="findings"/> and <paramref name="model"/> are
    /// those of the analysis that produced them (all inputs, since a cluster in one file decides what a firewall in
    /// another needs); findings of other files and other rules are ignored. Never throws on bad input: a file that
    /// cannot be fixed comes back unchanged, with the reasons in <see cref="FixResult.NotApplied"/>.
    /// </summary>
    public static FixResult Fix(
        string text,
        string path,
        IEnumerable<Finding> findings,
        InfrastructureModel model,
        EgressSettings settings,
        RequirementCatalog? catalog = null)
    {
        var mine = findings.Where(f => FixPlanner.IsFixable(f) && string.Equals(f.Location.FilePath, path, StringComparison.Ordinal)).ToList();
        if (mine.Count == 0)
        {
            return FixResult.Unchanged(text, Array.Empty<UnfixableFinding>());
        }

        if (!IsArmPath(path))
        {
            return FixResult.Unchanged(text, mine.Select(f => new UnfixableFinding(f, "no fix writer handles this file type")).ToList());
        }

        var document = ArmDocument.TryParse(path, text);
        if (document is null)
        {
            return FixResult.Unchanged(text, mine.Select(f => new UnfixableFinding(f, "the file has JSON syntax errors")).ToList());
        }

        IReadOnlyList<TextEdit> edits;
        IReadOnlyList<Finding> applied;
        IReadOnlyList<UnfixableFinding> notApplied;
        try
        {
            var plan = FixPlanner.Plan(mine, model, settings, catalog ?? RequirementCatalog.Default, new ArmFixTargets(document));
            (edits, applied, notApplied) = new ArmFixWriter(document).Write(plan);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A fixer bug must cost the fix, not the host (IDE, build).
            return FixResult.Unchanged(text, mine.Select(f => new UnfixableFinding(f, $"the fix failed ({ex.GetType().Name}: {ex.Message})")).ToList());
        }

        if (edits.Count == 0)
        {
            return FixResult.Unchanged(text, notApplied);
        }

        var newText = TextEdit.Apply(text, edits);
        if (JsonDocument.Parse(newText).Errors.Count > 0)
        {
            // A writer bug must never break the user's file.
            return FixResult.Unchanged(text, mine.Select(f => new UnfixableFinding(f, "the fix would not produce valid JSON")).ToList());
        }

        return new FixResult(text, newText, edits, applied, notApplied);
    }

    /// <summary>
    /// Reads and analyzes <paramref name="files"/> as the analyzer does, then fixes every file that has EGR1001/EGR1002
    /// findings. Returns only the files with fixable findings (changed or not, with reasons).
    /// </summary>
    public static IReadOnlyList<FileFixResult> FixFiles(
        IReadOnlyList<TemplateInput> files,
        EgressSettings settings,
        RequirementCatalog? catalog = null,
        CancellationToken cancellationToken = default)
    {
        catalog ??= RequirementCatalog.Default;
        var results = ArmTemplateReader.Read(files, new ArmReadOptions { Cloud = settings.Cloud }, cancellationToken);
        var findings = EgressAnalysis.Analyze(results, Array.Empty<ModelResource>(), settings, catalog, cancellationToken);
        var model = InfrastructureModel.From(results.Where(r => r.IsTemplate));
        var fixedFiles = new List<FileFixResult>();
        foreach (var file in files)
        {
            if (findings.Any(f => FixPlanner.IsFixable(f) && string.Equals(f.Location.FilePath, file.Path, StringComparison.Ordinal)))
            {
                fixedFiles.Add(new FileFixResult(file.Path, Fix(file.Text, file.Path, findings, model, settings, catalog)));
            }
        }

        return fixedFiles;
    }

    private static bool IsArmPath(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonc", StringComparison.OrdinalIgnoreCase);
}
