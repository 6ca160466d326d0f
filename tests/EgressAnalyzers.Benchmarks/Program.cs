using System.Runtime.Loader;
using BenchmarkDotNet.Running;

namespace EgressAnalyzers.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "--task-memory")
        {
            // The analyzer project keeps the engine out of its consumers' deps.json (it ships beside the analyzer), so
            // the host does not find it on its own; it is in this folder all the same.
            AssemblyLoadContext.Default.Resolving += (context, name) =>
            {
                var candidate = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
                return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
            };

            return TaskMemory.Run();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
