using System;
using System.Collections.Generic;
using System.Threading;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Template;

/// <summary>
/// The ARM JSON front end: translates deployment templates (hand-written or compiled from Bicep) into the model.
/// It decides nothing about coverage; it resolves what the input determines and marks the rest unknown.
/// </summary>
public static class ArmTemplateReader
{
    /// <summary>How much of a file the template and parameters-file sniffers read (hosts may pass only this much).</summary>
    public const int SniffLength = 4096;

    /// <summary>
    /// Reads every deployment template among <paramref name="files"/> (each with the parameters files that match it by
    /// name). Returns one result per input file, in input order; files that are not templates (parameters files, other
    /// JSON) get <see cref="TemplateReadResult.NotATemplate"/>.
    /// </summary>
    public static IReadOnlyList<TemplateReadResult> Read(IReadOnlyList<TemplateInput> files, ArmReadOptions options, CancellationToken ct = default)
    {
        var results = new List<TemplateReadResult>(files.Count);
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            results.Add(LooksLikeTemplate(file.Text)
                ? ReadTemplate(file, FindParameterFiles(file, files), options, ct)
                : TemplateReadResult.NotATemplate(file.Path));
        }

        return results;
    }

    /// <summary>
    /// The parameters files among <paramref name="files"/> that belong to <paramref name="template"/>
    /// (<c>x.parameters.json</c> or <c>x.parameters.&lt;anything&gt;.json</c> beside <c>x.json</c>).
    /// </summary>
    public static IReadOnlyList<TemplateInput> FindParameterFiles(TemplateInput template, IReadOnlyList<TemplateInput> files)
    {
        var matching = new List<TemplateInput>();
        foreach (var candidate in files)
        {
            if (ParametersFile.IsParametersFileName(template.Path, candidate.Path)
                && !LooksLikeTemplate(candidate.Text) && LooksLikeParametersFile(candidate.Text))
            {
                matching.Add(candidate);
            }
        }

        return matching;
    }

    /// <summary>Reads one template with its already-matched parameters files (hosts cache the result per file text).</summary>
    public static TemplateReadResult ReadTemplate(
        TemplateInput template,
        IReadOnlyList<TemplateInput> parameterFiles,
        ArmReadOptions options,
        CancellationToken ct = default)
    {
        var file = new FileReadState(template.Path, template.Text, options?.Cloud ?? "AzureCloud", template.OptedIn, ct, options?.MapsLiteralsDirectly ?? true);
        if (template.Text.Length > FileReadState.MaxFileLength)
        {
            file.ReportCouldNotRead(new SourceSpan(template.Path, 0, 0), $"the file is larger than {FileReadState.MaxFileLength / (1024 * 1024)} MB, the most this analyzer reads");
            return new TemplateReadResult(template.Path, true, Array.Empty<ModelResource>(), file.Diagnostics);
        }

        var document = JsonDocument.Parse(template.Text, ct);
        if (document.Errors.Count > 0)
        {
            var error = document.Errors[0];
            file.ReportCouldNotRead(new SourceSpan(template.Path, error.Start, error.Length), error.Message);
        }

        if (document.Root is not JsonObject root || !IsDeploymentTemplate(root))
        {
            // A file whose beginning looked like a template but whose $schema says otherwise is someone else's JSON.
            return document.Errors.Count > 0 || document.Root is null
                ? new TemplateReadResult(template.Path, true, Array.Empty<ModelResource>(), file.Diagnostics)
                : TemplateReadResult.NotATemplate(template.Path);
        }

        var supplied = ParametersFile.ReadValues(parameterFiles ?? Array.Empty<TemplateInput>(), ct);
        var context = new TemplateContext(file, root, supplied, unsuppliedAreUnknown: false, depth: 0);
        var resources = new TemplateWalker(file).Read(context);
        return new TemplateReadResult(template.Path, true, resources, file.Diagnostics);
    }

    /// <summary>Cheap check: do the first 4 KB mention <c>$schema</c> and <c>deploymentTemplate</c>?</summary>
    public static bool LooksLikeTemplate(string text) => Sniff(text, "deploymentTemplate");

    /// <summary>Cheap check: do the first 4 KB mention <c>$schema</c> and <c>deploymentParameters</c>?</summary>
    public static bool LooksLikeParametersFile(string text) => Sniff(text, "deploymentParameters");

    private static bool Sniff(string text, string schemaName)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        // Searched in place: hosts sniff every file against every template, a copy of the head each time adds up.
        var headLength = Math.Min(text.Length, SniffLength);
        return text.IndexOf("$schema", 0, headLength, StringComparison.OrdinalIgnoreCase) >= 0
            && text.IndexOf(schemaName, 0, headLength, StringComparison.OrdinalIgnoreCase) >= 0;
    }

    // subscriptionDeploymentTemplate.json, managementGroupDeploymentTemplate.json and tenantDeploymentTemplate.json
    // all end in "deploymentTemplate.json".
    private static bool IsDeploymentTemplate(JsonObject root) =>
        root["$schema"] is JsonString schema
        && schema.Value.IndexOf("deploymentTemplate.json", StringComparison.OrdinalIgnoreCase) >= 0;
}
