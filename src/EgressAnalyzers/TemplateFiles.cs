using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Model;
using Microsoft.CodeAnalysis.Text;

namespace EgressAnalyzers;

/// <summary>One additional file handed to the readers.</summary>
internal sealed class TemplateFile
{
    public TemplateFile(string path, SourceText text, bool optedIn)
    {
        Path = path;
        Text = text;
        OptedIn = optedIn;
    }

    public string Path { get; }

    public SourceText Text { get; }

    public bool OptedIn { get; }
}

/// <summary>
/// Turns additional files into reader results, reusing the result of a template whose text (and parameters files)
/// did not change. The IDE creates a new compilation on every keystroke, but unchanged files keep their
/// <see cref="SourceText"/> instance, so a table keyed weakly by that instance skips re-reading them.
/// </summary>
internal static class TemplateFiles
{
    private static readonly ConditionalWeakTable<SourceText, CachedRead> Cache = new();

    public static bool IsCandidate(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonc", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<TemplateReadResult> Read(IReadOnlyList<TemplateFile> files, EgressSettings settings, CancellationToken cancellationToken)
    {
        // Sniffing and parameters-file matching look only at the head of each file, so a keystroke in a 1 MB template
        // does not copy every other file into a string: full texts are materialised only for a cache miss.
        var heads = files.Select(f => new TemplateInput(f.Path, Head(f.Text), f.OptedIn)).ToList();
        var fileByPath = files.ToDictionary(f => f.Path, f => f, StringComparer.Ordinal);
        var options = new ArmReadOptions { Cloud = settings.Cloud };
        var results = new List<TemplateReadResult>();
        foreach (var head in heads)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!ArmTemplateReader.LooksLikeTemplate(head.Text))
            {
                continue;
            }

            var parameterFiles = ArmTemplateReader.FindParameterFiles(head, heads).Select(p => fileByPath[p.Path]).ToList();
            var parameterTexts = parameterFiles.Select(p => p.Text).ToArray();
            var template = fileByPath[head.Path];
            if (Cache.TryGetValue(template.Text, out var cached) && cached.Matches(parameterTexts, template.OptedIn, settings.Cloud))
            {
                results.Add(cached.Result);
                continue;
            }

            var result = ArmTemplateReader.ReadTemplate(
                new TemplateInput(template.Path, template.Text.ToString(), template.OptedIn),
                parameterFiles.Select(p => new TemplateInput(p.Path, p.Text.ToString(), p.OptedIn)).ToList(),
                options,
                cancellationToken);
            Cache.Remove(template.Text);
            Cache.Add(template.Text, new CachedRead(parameterTexts, template.OptedIn, settings.Cloud, result));
            results.Add(result);
        }

        return results;
    }

    /// <summary>The part of a file the template and parameters-file sniffers read.</summary>
    private static string Head(SourceText text) => text.ToString(new TextSpan(0, Math.Min(text.Length, ArmTemplateReader.SniffLength)));

    private sealed class CachedRead
    {
        private readonly SourceText[] _parameterTexts;
        private readonly bool _optedIn;
        private readonly string _cloud;

        public CachedRead(SourceText[] parameterTexts, bool optedIn, string cloud, TemplateReadResult result)
        {
            _parameterTexts = parameterTexts;
            _optedIn = optedIn;
            _cloud = cloud;
            Result = result;
        }

        public TemplateReadResult Result { get; }

        public bool Matches(SourceText[] parameterTexts, bool optedIn, string cloud)
        {
            return optedIn == _optedIn && string.Equals(cloud, _cloud, StringComparison.Ordinal)
                && parameterTexts.Length == _parameterTexts.Length
                && parameterTexts.Zip(_parameterTexts, (a, b) => ReferenceEquals(a, b)).All(same => same);
        }
    }
}
