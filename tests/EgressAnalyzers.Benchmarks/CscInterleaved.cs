using System.Diagnostics;

namespace EgressAnalyzers.Benchmarks;

/// <summary>
/// <c>--csc-interleaved [rounds]</c>: the compiler-server comparison of <see cref="PulumiCscBenchmarks"/>, measured in
/// rounds on one primed server — each round builds the project without an analyzer, with the idle analyzer and with
/// EgressAnalyzers, in a rotating order. BenchmarkDotNet measures each case in its own process, one after the other,
/// and a server's speed drifts by more than the few percent an analyzer adds (garbage-collector state, tiered JIT of
/// the compiler), so those ratios carry a ±10% noise; here each round's three builds are minutes closer together and
/// the per-round ratios are paired. Besides the wall time it records the server's CPU time per build (all its threads;
/// on Linux), which the client process's start-up and the scheduler's whims do not blur. A console measurement, like
/// <c>--task-memory</c>.
/// </summary>
public static class CscInterleaved
{
    private static readonly string[] Cases = { "CompileWithoutAnalyzer", "CompileWithIdleAnalyzer", "CompileWithAnalyzer", "CompileWithSdkDefaults", "CompileWithSdkDefaultsAndAnalyzer" };

    public static int Run(int rounds)
    {
        foreach (var shape in new[] { PulumiProjectShape.Hub, PulumiProjectShape.Dense })
        {
            var benchmark = new PulumiCscBenchmarks { CompilerMode = "server", Shape = shape };
            benchmark.Setup();
            try
            {
                var times = Cases.ToDictionary(c => c, _ => new List<double>());
                var cpu = Cases.ToDictionary(c => c, _ => new List<double>());
                using var server = benchmark.FindServer();
                // The first rounds bring the server to its steady state and are not counted.
                const int WarmUpRounds = 6;
                for (var round = -WarmUpRounds; round < rounds; round++)
                {
                    for (var k = 0; k < Cases.Length; k++)
                    {
                        var name = Cases[(round + WarmUpRounds + k) % Cases.Length];
                        server?.Refresh();
                        var cpuBefore = server?.TotalProcessorTime ?? TimeSpan.Zero;
                        var watch = Stopwatch.StartNew();
                        var exitCode = name switch
                        {
                            "CompileWithoutAnalyzer" => benchmark.CompileWithoutAnalyzer(),
                            "CompileWithIdleAnalyzer" => benchmark.CompileWithIdleAnalyzer(),
                            "CompileWithSdkDefaults" => benchmark.CompileWithSdkDefaults(),
                            "CompileWithSdkDefaultsAndAnalyzer" => benchmark.CompileWithSdkDefaultsAndAnalyzer(),
                            _ => benchmark.CompileWithAnalyzer(),
                        };
                        var elapsed = watch.Elapsed;
                        server?.Refresh();
                        if (round >= 0)
                        {
                            times[name].Add(elapsed.TotalMilliseconds);
                            cpu[name].Add(((server?.TotalProcessorTime ?? TimeSpan.Zero) - cpuBefore).TotalMilliseconds);
                        }
                        if (exitCode != 0)
                        {
                            throw new InvalidOperationException($"{name} failed with exit code {exitCode}.");
                        }
                    }
                }

                var without = times["CompileWithoutAnalyzer"];
                var idle = times["CompileWithIdleAnalyzer"];
                var with = times["CompileWithAnalyzer"];
                Console.WriteLine($"{shape}, {rounds} rounds on one server: median without {Median(without):F0} ms, idle analyzer {Median(idle):F0} ms, EgressAnalyzers {Median(with):F0} ms");
                Console.WriteLine($"  EgressAnalyzers / without: median of per-round ratios {Percent(Ratios(with, without))}, ratio of medians {Percent(Median(with) / Median(without))}");
                Console.WriteLine($"  EgressAnalyzers / idle:    median of per-round ratios {Percent(Ratios(with, idle))}, ratio of medians {Percent(Median(with) / Median(idle))}");
                Console.WriteLine($"  idle / without:            median of per-round ratios {Percent(Ratios(idle, without))}");
                var (sdk, sdkWith) = (times["CompileWithSdkDefaults"], times["CompileWithSdkDefaultsAndAnalyzer"]);
                Console.WriteLine($"  with the SDK's default analyzers: median {Median(sdk):F0} ms, + EgressAnalyzers {Median(sdkWith):F0} ms: per-round {Percent(Ratios(sdkWith, sdk))}, ratio of medians {Percent(Median(sdkWith) / Median(sdk))}");
                if (server is not null)
                {
                    var (cpuWithout, cpuIdle, cpuWith) = (cpu["CompileWithoutAnalyzer"], cpu["CompileWithIdleAnalyzer"], cpu["CompileWithAnalyzer"]);
                    Console.WriteLine($"  server CPU per build, median: without {Median(cpuWithout):F0} ms, idle {Median(cpuIdle):F0} ms, EgressAnalyzers {Median(cpuWith):F0} ms"
                        + $" (EgressAnalyzers / without {Percent(Ratios(cpuWith, cpuWithout))}, / idle {Percent(Ratios(cpuWith, cpuIdle))}, per-round)");
                    var (cpuSdk, cpuSdkWith) = (cpu["CompileWithSdkDefaults"], cpu["CompileWithSdkDefaultsAndAnalyzer"]);
                    Console.WriteLine($"  server CPU with the SDK's default analyzers: median {Median(cpuSdk):F0} ms, + EgressAnalyzers {Median(cpuSdkWith):F0} ms ({Percent(Ratios(cpuSdkWith, cpuSdk))} per-round)");
                }
                else
                {
                    Console.WriteLine("  (no server process found: CPU time not measured)");
                }
            }
            finally
            {
                benchmark.Cleanup();
            }
        }

        return 0;
    }

    private static double Ratios(List<double> numerators, List<double> denominators) =>
        Median(numerators.Zip(denominators, (n, d) => n / d).ToList());

    private static string Percent(double ratio) => $"{(ratio - 1) * 100:+0.0;-0.0;0.0}%";

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
