using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Bicep;
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

    /// <summary>
    /// Bicep reads, keyed weakly by the text of the set's first file: one entry per project (a solution's projects do
    /// not evict each other, as one shared slot did), gone when that text is.
    /// </summary>
    private static readonly ConditionalWeakTable<SourceText, CachedBicepRead> BicepCache = new();

    public static bool IsCandidate(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonc", StringComparison.OrdinalIgnoreCase)
        || BicepReader.IsBicepFile(path) || BicepReader.IsBicepParametersFile(path);

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

        results.AddRange(ReadBicep(files, heads, settings, cancellationToken));
        return results;
    }

    /// <summary>
    /// Bicep entry points with their modules and parameters files. Modules link files together, so the Bicep inputs are
    /// read as one unit and reused while none of their texts (nor the JSON parameters files) changed.
    /// </summary>
    private static IReadOnlyList<TemplateReadResult> ReadBicep(IReadOnlyList<TemplateFile> files, List<TemplateInput> heads, EgressSettings settings, CancellationToken cancellationToken)
    {
        var relevant = new List<int>();
        var hasBicep = false;
        for (var i = 0; i < heads.Count; i++)
        {
            var path = heads[i].Path;
            if (BicepReader.IsBicepFile(path) || BicepReader.IsBicepParametersFile(path))
            {
                hasBicep |= BicepReader.IsBicepFile(path);
                relevant.Add(i);
            }
            else if (ArmTemplateReader.LooksLikeParametersFile(heads[i].Text))
            {
                relevant.Add(i);
            }
        }

        if (!hasBicep)
        {
            return Array.Empty<TemplateReadResult>();
        }

        var texts = relevant.Select(i => files[i].Text).ToArray();
        var optIns = string.Concat(relevant.Select(i => files[i].OptedIn ? '1' : '0'));
        var key = texts[0];
        lock (BicepCache)
        {
            if (BicepCache.TryGetValue(key, out var cached) && cached.Matches(texts, optIns, settings.Cloud))
            {
                return cached.Results;
            }
        }

        var inputs = relevant.Select(i => new TemplateInput(files[i].Path, files[i].Text.ToString(), files[i].OptedIn)).ToList();
        var results = BicepReader.Read(inputs, new ArmReadOptions { Cloud = settings.Cloud }, cancellationToken);
        lock (BicepCache)
        {
            BicepCache.Remove(key);
            BicepCache.Add(key, new CachedBicepRead(texts, optIns, settings.Cloud, results));
        }

        return results;
    }

    /// <summary>The part of a file the template and parameters-file sniffers read.</summary>
    private static string Head(SourceText text) => text.ToString(new TextSpan(0, Math.Min(text.Length, ArmTemplateReader.SniffLength)));

    /// <summary>One project's last Bicep read, reused while every text of the set is the same instance.</summary>
    private sealed class CachedBicepRead
    {
        private readonly SourceText[] _texts;
        private readonly string _optIns;
        private readonly string _cloud;

        public CachedBicepRead(SourceText[] texts, string optIns, string cloud, IReadOnlyList<TemplateReadResult> results)
        {
            _texts = texts;
            _optIns = optIns;
            _cloud = cloud;
            Results = results;
        }

        public IReadOnlyList<TemplateReadResult> Results { get; }

        public bool Matches(SourceText[] texts, string optIns, string cloud) =>
            string.Equals(optIns, _optIns, StringComparison.Ordinal) && string.Equals(cloud, _cloud, StringComparison.Ordinal)
            && texts.Length == _texts.Length && texts.Zip(_texts, (a, b) => ReferenceEquals(a, b)).All(same => same);
    }

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
