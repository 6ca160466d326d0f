using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Bicep;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Model;
using SharpFuzz;

namespace EgressAnalyzers.Fuzz;

/// <summary>
/// One fuzz input is one template file: ARM JSON, or Bicep with <c>--bicep</c> as the first argument; or one C# file
/// with <c>--csharp</c> (<see cref="CSharpTarget"/>). Any exception that escapes the engine is a crash for AFL++; the
/// engine's contract is to turn every bad input into findings (EGR0002) instead.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var mode = args.Length > 0 && args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "--arm";
        Func<string, string> analyze = mode switch
        {
            "--arm" => AnalyzeTemplate,
            "--bicep" => AnalyzeBicep,
            "--csharp" => CSharpMode(replay: args.Length > 1),
            _ => throw new ArgumentException($"unknown mode {mode}: --arm (default), --bicep or --csharp"),
        };
        var replays = args.SkipWhile(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (replays.Length > 0)
        {
            // Replay: run the given inputs once (a crash from findings/default/crashes, or the seeds) — from an
            // uninstrumented build; the instrumented engine in bin/fuzz only runs under AFL++.
            foreach (var path in replays)
            {
                var summary = analyze(File.ReadAllText(path));
                Console.WriteLine($"ok {path} {summary}".TrimEnd());
            }

            return;
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var reader = new StreamReader(stream);
            _ = analyze(reader.ReadToEnd());
        });
    }

    private static Func<string, string> CSharpMode(bool replay)
    {
        var target = new CSharpTarget(applyFixes: true);
        return text => target.Run(text, describe: replay);
    }

    /// <summary>
    /// The input is the entry point and also every module the Bicep sample hub names, so that module references
    /// resolve — to the input itself, which also exercises module depth and cycles.
    /// </summary>
    private static string AnalyzeBicep(string text)
    {
        var files = new[] { "/fuzz/main.bicep", "/fuzz/modules/firewall.bicep", "/fuzz/modules/cluster.bicep" }
            .Select(path => new TemplateInput(path, text, optedIn: true))
            .ToList();
        var reads = BicepReader.Read(files, new ArmReadOptions());
        foreach (var finding in reads.SelectMany(r => r.Diagnostics))
        {
            CheckInside(finding.Location.Start, finding.Location.End, text.Length);
        }

        var findings = EgressAnalysis.Analyze(reads, Array.Empty<ModelResource>(), EgressSettings.Default, RequirementCatalog.Default);
        foreach (var finding in findings)
        {
            CheckInside(finding.Location.Start, finding.Location.End, text.Length);
        }

        return Describe(reads.SelectMany(r => r.Diagnostics).Concat(findings));
    }

    private static string AnalyzeTemplate(string text)
    {
        var input = new TemplateInput("/fuzz/template.json", text, optedIn: true);
        var read = ArmTemplateReader.ReadTemplate(input, Array.Empty<TemplateInput>(), new ArmReadOptions());
        foreach (var finding in read.Diagnostics)
        {
            CheckInside(finding.Location.Start, finding.Location.End, text.Length);
        }

        var findings = EgressAnalysis.Analyze(new[] { read }, Array.Empty<ModelResource>(), EgressSettings.Default, RequirementCatalog.Default);
        foreach (var finding in findings)
        {
            CheckInside(finding.Location.Start, finding.Location.End, text.Length);
        }

        return Describe(read.Diagnostics.Concat(findings));
    }

    /// <summary>
    /// What a replay prints: the count per rule ID, and with <c>EGRESS_FUZZ_VERBOSE=1</c> every finding, the same as
    /// the C# mode prints (for probing an input by hand, not only for crashes).
    /// </summary>
    private static string Describe(IEnumerable<Finding> findings)
    {
        var all = findings.ToList();
        if (Environment.GetEnvironmentVariable("EGRESS_FUZZ_VERBOSE") == "1")
        {
            Console.WriteLine(string.Join("\n", all));
        }

        return string.Join(", ", all.GroupBy(f => f.Rule.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}"));
    }

    private static void CheckInside(int start, int end, int length)
    {
        if (start < 0 || end < start || end > length)
        {
            throw new InvalidOperationException($"location [{start}..{end}) outside a text of {length} characters");
        }
    }
}
