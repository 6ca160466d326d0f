using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Configuration;
using EgressAnalyzers.Engine.Hosting;
using EgressAnalyzers.Engine.Model;
using SharpFuzz;

namespace EgressAnalyzers.Fuzz;

/// <summary>
/// One fuzz input is one template file. Any exception that escapes the engine is a crash for AFL++; the engine's
/// contract is to turn every bad input into findings (EGR0002) instead.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0)
        {
            // Replay: run the given inputs once (a crash from findings/default/crashes, or the seeds) — from an
            // uninstrumented build; the instrumented engine in bin/fuzz only runs under AFL++.
            foreach (var path in args)
            {
                AnalyzeTemplate(File.ReadAllText(path));
                Console.WriteLine($"ok {path}");
            }

            return;
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var reader = new StreamReader(stream);
            AnalyzeTemplate(reader.ReadToEnd());
        });
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
