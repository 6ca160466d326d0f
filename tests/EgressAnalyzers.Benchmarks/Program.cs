using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(EgressAnalyzers.Benchmarks.PulumiCompilationBenchmarks).Assembly).Run(args);
