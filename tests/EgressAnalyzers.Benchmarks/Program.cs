using System.Runtime.Loader;
using BenchmarkDotNet.Running;

namespace EgressAnalyzers.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] is "--task-memory" or "--csc-interleaved")
        {
            // The analyzer project keeps the engine out of its consumers' deps.json (it ships beside the analyzer), so
            // the host does not find it on its own; it is in this folder all the same. (BenchmarkDotNet's generated
            // projects reference it directly.)
            AssemblyLoadContext.Default.Resolving += (context, name) =>
            {
                var candidate = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
                return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
            };
        }

        if (args.Length == 1 && args[0] == "--task-memory")
        {
            return TaskMemory.Run();
        }

        if (args.Length is 1 or 2 && args[0] == "--csc-interleaved")
        {
            return CscInterleaved.Run(args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
