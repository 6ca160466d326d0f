using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Bicep;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Model;
using SharpFuzz;

namespace EgressAnalyzers.Fuzz;

/// <summary>
/// One fuzz input is one template file: ARM JSON, or Bicep with <c>--bicep</c> as the first argument. Any exception
/// that escapes the engine is a crash for AFL++; the engine's contract is to turn every bad input into findings
/// (EGR0002) instead.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var bicep = args.Length > 0 && args[0] == "--bicep";
        Action<string> analyze = bicep ? AnalyzeBicep : AnalyzeTemplate;
        var replays = bicep ? args.Skip(1).ToArray() : args;
        if (replays.Length > 0)
        {
            // Replay: run the given inputs once (a crash from findings/default/crashes, or the seeds) — from an
            // uninstrumented build; the instrumented engine in bin/fuzz only runs under AFL++.
            foreach (var path in replays)
            {
                analyze(File.ReadAllText(path));
                Console.WriteLine($"ok {path}");
            }

            return;
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var reader = new StreamReader(stream);
            analyze(reader.ReadToEnd());
        });
    }

    /// <summary>
    /// The input is the entry point and also every module the Bicep sample hub names, so that module references
    /// resolve — to the input itself, which also exercises module depth and cycles.
    /// </summary>
    private static void AnalyzeBicep(string text)
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
    }

    private static void AnalyzeTemplate(string text)
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
    }

    private static void CheckInside(int start, int end, int length)
    {
        if (start < 0 || end < start || end > length)
        {
            throw new InvalidOperationException($"location [{start}..{end}) outside a text of {length} characters");
        }
    }
}
