using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.CodeAnalysis;

namespace EgressAnalyzers.Benchmarks;

/// <summary>
/// The compile time a user sees: the .NET SDK's own C# compiler (<c>csc.dll</c>) on the generated 500-file Pulumi
/// project written to disk, without and with <c>-analyzer:</c> EgressAnalyzers. Unlike
/// <see cref="PulumiCompilationBenchmarks"/>, the compiler feeds the analyzer driver from its own binding (the
/// in-process <c>CompilationWithAnalyzers</c> API binds the project a second time), so this is the ratio the issue's
/// "with and without the analyzer" asks for. Two modes: <c>server</c> is how <c>dotnet build</c> compiles (the
/// long-lived VBCSCompiler keeps analyzers loaded and jitted between builds); <c>process</c> is a compiler process per
/// build (<c>UseSharedCompilation=false</c>, some CI setups), which also pays for loading and jitting the analyzer.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 15)]
[MedianColumn]
public class PulumiCscBenchmarks
{
    private string _directory = "";
    private string _compiler = "";
    private string _pipeName = "";

    [Params("server", "process")]
    public string CompilerMode { get; set; } = "server";

    [Params(PulumiProjectShape.Hub, PulumiProjectShape.Dense)]
    public PulumiProjectShape Shape { get; set; } = PulumiProjectShape.Hub;

    [GlobalSetup]
    public void Setup()
    {
        _compiler = FindSdkCompiler();
        _pipeName = "egress-bench-" + Environment.ProcessId;
        _directory = Directory.CreateTempSubdirectory("egress-csc-bench-").FullName;
        var sources = Path.Combine(_directory, "src");
        Directory.CreateDirectory(sources);
        for (var i = 0; i < GeneratedPulumiProject.FileCount; i++)
        {
            File.WriteAllText(Path.Combine(sources, $"Stack{i:D3}.cs"), GeneratedPulumiProject.File(i, Shape));
        }

        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .ToList();
        var stubsPath = Path.Combine(_directory, "SdkStubs.dll");
        File.WriteAllBytes(stubsPath, GeneratedPulumiProject.CompileStubsImage(framework.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray()));

        var common = new List<string> { "-nologo", "-target:library", "-nullable:enable", "-langversion:latest", "-out:" + Path.Combine(_directory, "Infra.dll") };
        common.AddRange(framework.Select(p => "-r:" + p));
        common.Add("-r:" + stubsPath);
        common.Add(Path.Combine(sources, "*.cs"));
        File.WriteAllLines(Path.Combine(_directory, "without.rsp"), common);
        var analyzers = new[] { typeof(EgressCoverageAnalyzer).Assembly.Location, typeof(Engine.Hosting.EgressAnalysis).Assembly.Location };
        File.WriteAllLines(Path.Combine(_directory, "with.rsp"), common.Concat(analyzers.Select(a => "-analyzer:" + a)));

        // The driver's own cost in the real compiler: this assembly's IdleAnalyzer (registers what ours does, does nothing).
        File.WriteAllLines(Path.Combine(_directory, "idle.rsp"), common.Append("-analyzer:" + typeof(IdleAnalyzer).Assembly.Location));

        // What `dotnet build` of any net10.0 project already runs: the SDK's analyzers and the runtime's source
        // generators, with the SDK's default analysis-level configuration (for the interleaved measurement).
        var sdkDefaults = common.Concat(SdkDefaultAnalyzerArguments()).ToList();
        File.WriteAllLines(Path.Combine(_directory, "sdk.rsp"), sdkDefaults);
        File.WriteAllLines(Path.Combine(_directory, "sdk-with.rsp"), sdkDefaults.Concat(analyzers.Select(a => "-analyzer:" + a)));

        // Both must compile, and the analyzer must actually run: it reports the generated firewalls' gaps (the hub's
        // single one: packages.aks.azure.com).
        var (withoutOutput, _) = Compile("without.rsp");
        var (withOutput, _) = Compile("with.rsp");
        var warnings = withOutput.Split('\n').Where(l => l.Contains(": warning EGR", StringComparison.Ordinal)).ToList();
        var expected = Shape == PulumiProjectShape.Hub
            ? warnings.Count == 1 && warnings[0].Contains("EGR1001", StringComparison.Ordinal) && warnings[0].Contains("packages.aks.azure.com", StringComparison.Ordinal)
            : warnings.Count == 450;
        if (withoutOutput.Contains(": error ", StringComparison.Ordinal) || !expected)
        {
            throw new InvalidOperationException("The generated project did not compile as expected:\n" + withoutOutput + "\n" + withOutput);
        }

        Console.WriteLine($"// {Shape}: {warnings.Count} EgressAnalyzers warning(s)");

        if (CompilerMode == "server")
        {
            // A compiler server reaches its steady state (tiered JIT of the compiler and of loaded analyzers) only after
            // several builds; a developer's server has done many. Without this the iterations drift down by a third.
            for (var build = 0; build < 4; build++)
            {
                Compile("without.rsp");
                Compile("idle.rsp");
                Compile("with.rsp");
                Compile("sdk.rsp");
                Compile("sdk-with.rsp");
            }
        }

        // The compiler's own account of the analyzer's time in this build (-reportanalyzer), for the README.
        var (report, _) = Compile("with.rsp", "-reportanalyzer");
        var total = report.Split('\n').FirstOrDefault(l => l.StartsWith("Total analyzer execution time", StringComparison.Ordinal));
        Console.WriteLine($"// {CompilerMode}, {Shape}: {total?.Trim() ?? "no analyzer report"}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (CompilerMode == "server")
        {
            // The server outlives the build by design; this one is ours alone (its own pipe name).
            RunDotnet(Path.Combine(Path.GetDirectoryName(_compiler)!, "VBCSCompiler.dll"), "-shutdown", "-pipename:" + _pipeName);
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "csc, 500 files")]
    public int CompileWithoutAnalyzer() => Compile("without.rsp").ExitCode;

    [Benchmark(Description = "csc + an idle analyzer (driver only)")]
    public int CompileWithIdleAnalyzer() => Compile("idle.rsp").ExitCode;

    [Benchmark(Description = "csc + EgressAnalyzers, 500 files")]
    public int CompileWithAnalyzer() => Compile("with.rsp").ExitCode;

    /// <summary>The SDK's default analyzers and generators (see <see cref="CscInterleaved"/>; not a BenchmarkDotNet case).</summary>
    public int CompileWithSdkDefaults() => Compile("sdk.rsp").ExitCode;

    /// <summary>The SDK's defaults plus EgressAnalyzers: what adding the package to a project costs.</summary>
    public int CompileWithSdkDefaultsAndAnalyzer() => Compile("sdk-with.rsp").ExitCode;

    /// <summary>
    /// The analyzers a net10.0 library gets from the SDK beside <see cref="_compiler"/>: the runtime reference pack's
    /// generators, the SDK's NetAnalyzers and the newest default analysis-level configuration.
    /// </summary>
    private IEnumerable<string> SdkDefaultAnalyzerArguments()
    {
        var sdk = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(_compiler)!, "..", ".."));
        var dotnetRoot = Path.GetFullPath(Path.Combine(sdk, "..", ".."));
        var referencePack = Directory.EnumerateDirectories(Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref"))
            .OrderByDescending(p => Version.TryParse(Path.GetFileName(p), out var version) ? version : new Version(0, 0))
            .First();
        var sdkAnalyzers = Path.Combine(sdk, "Sdks", "Microsoft.NET.Sdk", "analyzers");
        var generators = Directory.EnumerateFiles(Path.Combine(referencePack, "analyzers", "dotnet", "cs"), "*.dll");
        var netAnalyzers = Directory.EnumerateFiles(sdkAnalyzers, "Microsoft.CodeAnalysis*NetAnalyzers.dll");
        var defaultLevel = Directory.EnumerateFiles(Path.Combine(sdkAnalyzers, "build", "config"), "analysislevel_*_default.globalconfig")
            .OrderByDescending(p => int.TryParse(Path.GetFileName(p).Split('_')[1], out var level) ? level : 0)
            .First();
        return generators.Concat(netAnalyzers).OrderBy(p => p, StringComparer.Ordinal).Select(a => "-analyzer:" + a)
            .Append("-analyzerconfig:" + defaultLevel);
    }

    /// <summary>The compiler server of this benchmark (server mode, after <see cref="Setup"/>), found by its pipe name.</summary>
    internal Process? FindServer()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var id))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains("VBCSCompiler", StringComparison.Ordinal) && commandLine.Contains(_pipeName, StringComparison.Ordinal))
                {
                    return Process.GetProcessById(id);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // The process ended while we looked.
            }
        }

        return null;
    }

    private (string Output, int ExitCode) Compile(string responseFile, string? extraArgument = null)
    {
        var arguments = new List<string> { "@" + Path.Combine(_directory, responseFile) };
        if (CompilerMode == "server")
        {
            arguments.Add("-shared:" + _pipeName);
        }
        if (extraArgument is not null)
        {
            arguments.Add(extraArgument);
        }

        return RunDotnet(_compiler, arguments.ToArray());
    }

    private (string Output, int ExitCode) RunDotnet(string assembly, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (output + error.Result, process.ExitCode);
    }

    /// <summary>The csc.dll of the newest SDK beside the running runtime (…/dotnet/sdk/&lt;version&gt;/Roslyn/bincore).</summary>
    private static string FindSdkCompiler()
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        return Directory.EnumerateDirectories(Path.Combine(dotnetRoot, "sdk"))
            .Select(sdk => Path.Combine(sdk, "Roslyn", "bincore", "csc.dll"))
            .Where(File.Exists)
            .OrderByDescending(p => p, StringComparer.Ordinal)
            .FirstOrDefault() ?? throw new InvalidOperationException("No SDK compiler (sdk/*/Roslyn/bincore/csc.dll) under " + dotnetRoot);
    }
}
