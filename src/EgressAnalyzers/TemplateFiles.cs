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

    private static readonly object BicepCacheGate = new();
    private static CachedBicepRead? _bicepCache;

    public static bool IsCandidate(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonc", StringComparison.OrdinalIgnoreCase)
        || BicepReader.IsBicepFile(path) || BicepReader.IsBicepParametersFile(path);

    public static IReadOnlyList<TemplateReadResult> Read(IReadOnlyList<TemplateFile> files, EgressSettings settings, CancellationToken cancellationToken)
    {
        var inputs = files.Select(f => new TemplateInput(f.Path, f.Text.ToString(), f.OptedIn)).ToList();
        var textByPath = files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        var options = new ArmReadOptions { Cloud = settings.Cloud };
        var results = new List<TemplateReadResult>();
        foreach (var input in inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!ArmTemplateReader.LooksLikeTemplate(input.Text))
            {
                continue;
            }

            var parameterFiles = ArmTemplateReader.FindParameterFiles(input, inputs);
            var parameterTexts = parameterFiles.Select(p => textByPath[p.Path]).ToArray();
            var templateText = textByPath[input.Path];
            if (Cache.TryGetValue(templateText, out var cached) && cached.Matches(parameterTexts, input.OptedIn, settings.Cloud))
            {
                results.Add(cached.Result);
                continue;
            }

            var result = ArmTemplateReader.ReadTemplate(input, parameterFiles, options, cancellationToken);
            Cache.Remove(templateText);
            Cache.Add(templateText, new CachedRead(parameterTexts, input.OptedIn, settings.Cloud, result));
            results.Add(result);
        }

        results.AddRange(ReadBicep(files, inputs, settings, cancellationToken));
        return results;
    }

    /// <summary>
    /// Bicep entry points with their modules and parameters files. Modules link files together, so the Bicep inputs are
    /// read as one unit and reused while none of their texts (nor the JSON parameters files) changed.
    /// </summary>
    private static IReadOnlyList<TemplateReadResult> ReadBicep(IReadOnlyList<TemplateFile> files, List<TemplateInput> inputs, EgressSettings settings, CancellationToken cancellationToken)
    {
        var relevant = new List<int>();
        var hasBicep = false;
        for (var i = 0; i < inputs.Count; i++)
        {
            var path = inputs[i].Path;
            if (BicepReader.IsBicepFile(path) || BicepReader.IsBicepParametersFile(path))
            {
                hasBicep |= BicepReader.IsBicepFile(path);
                relevant.Add(i);
            }
            else if (ArmTemplateReader.LooksLikeParametersFile(inputs[i].Text))
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
        lock (BicepCacheGate)
        {
            if (_bicepCache is { } cached && cached.Matches(texts, optIns, settings.Cloud))
            {
                Interlocked.Increment(ref _cacheHits);
                return cached.Results;
            }
        }

        var results = BicepReader.Read(relevant.Select(i => inputs[i]).ToList(), new ArmReadOptions { Cloud = settings.Cloud }, cancellationToken);
        lock (BicepCacheGate)
        {
            _bicepCache = new CachedBicepRead(texts, optIns, settings.Cloud, results);
        }

        return results;
    }

    /// <summary>Count of reads served from the cache since the process started (for the IDE-reuse test).</summary>
    internal static int CacheHits => _cacheHits;

    private static int _cacheHits;

    /// <summary>The last Bicep read (one slot: the IDE re-analyzes one project's files over and over).</summary>
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
            var matches = optedIn == _optedIn && string.Equals(cloud, _cloud, StringComparison.Ordinal)
                && parameterTexts.Length == _parameterTexts.Length
                && parameterTexts.Zip(_parameterTexts, (a, b) => ReferenceEquals(a, b)).All(same => same);
            if (matches)
            {
                Interlocked.Increment(ref _cacheHits);
            }

            return matches;
        }
    }
}
