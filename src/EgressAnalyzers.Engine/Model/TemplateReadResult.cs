using System;
using System.Collections.Generic;
using EgressAnalyzers.Engine.Diagnostics;

namespace EgressAnalyzers.Engine.Model;

/// <summary>What a reader (ARM, Bicep, C#) made of one input: the resources it found and its own diagnostics.</summary>
public sealed class TemplateReadResult
{
    public TemplateReadResult(string filePath, bool isTemplate, IReadOnlyList<ModelResource> resources, IReadOnlyList<Finding> diagnostics)
    {
        FilePath = filePath;
        IsTemplate = isTemplate;
        Resources = resources;
        Diagnostics = diagnostics;
    }

    public string FilePath { get; }

    /// <summary>False for files the reader does not handle (other JSON); those are ignored silently.</summary>
    public bool IsTemplate { get; }

    public IReadOnlyList<ModelResource> Resources { get; }

    /// <summary>Reader diagnostics: EGR0002 (cannot read), EGR0001 (bad suppression), EGR2002 found while reading, …</summary>
    public IReadOnlyList<Finding> Diagnostics { get; }

    /// <summary>
    /// Suppressions that cover a range of the file rather than a resource (Bicep's <c>#disable-next-line EGRnnnn</c>
    /// covers the next line): a finding that starts inside <see cref="Suppression.Span"/> with that rule ID is suppressed.
    /// </summary>
    public IReadOnlyList<Suppression> LineSuppressions { get; init; } = Array.Empty<Suppression>();

    public static TemplateReadResult NotATemplate(string filePath) =>
        new(filePath, false, Array.Empty<ModelResource>(), Array.Empty<Finding>());
}
