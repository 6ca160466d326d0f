using System.Collections;
using System.Diagnostics;
using EgressAnalyzers.Build;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace EgressAnalyzers.Benchmarks;

/// <summary>
/// <c>--task-memory</c>: runs the package's MSBuild task (<see cref="EgressAnalyzeTemplates"/>, its own code path: file
/// reading, ARM and native Bicep readers, analysis, findings file) once over every corpus template in one fresh
/// process, and prints the process's peak working set and the bytes the runtime allocated. A console measurement, not a
/// BenchmarkDotNet job: a peak is a property of one process, not of an iteration.
/// </summary>
public static class TaskMemory
{
    public static int Run()
    {
        var corpus = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "corpus"));
        var files = Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".jsonc", StringComparison.OrdinalIgnoreCase)
                || p.EndsWith(".bicep", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".bicepparam", StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
        var megabytes = files.Sum(f => new FileInfo(f).Length) / (1024.0 * 1024.0);
        var scratch = Path.Combine(Path.GetTempPath(), "egress-task-memory-" + Environment.ProcessId);
        Directory.CreateDirectory(scratch);
        try
        {
            var engine = new CountingBuildEngine();
            var task = new EgressAnalyzeTemplates
            {
                BuildEngine = engine,
                Templates = files.Select(f => (ITaskItem)new TaskItem(f)).ToArray(),
                FindingsFile = Path.Combine(scratch, "findings.txt"),
                ProjectDirectory = corpus,
                IntermediateDirectory = scratch,
                CheckAllFirewalls = "true",
            };

            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var succeeded = task.Execute();
            clock.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            using var process = Process.GetCurrentProcess();
            process.Refresh();

            var findings = File.Exists(task.FindingsFile) ? File.ReadLines(task.FindingsFile).Count() : 0;
            Console.WriteLine($"files: {files.Count} ({megabytes:F2} MB of ARM JSON, parameters, Bicep)");
            Console.WriteLine($"task succeeded: {succeeded}; findings recorded: {findings}; task errors logged: {engine.Errors}; time: {clock.Elapsed.TotalSeconds:F2} s");
            Console.WriteLine($"allocated: {allocated / (1024.0 * 1024.0):F1} MB ({allocated / (1024.0 * 1024.0) / megabytes:F1} MB per MB of template)");
            Console.WriteLine($"peak working set of the process: {process.PeakWorkingSet64 / (1024.0 * 1024.0):F1} MB");
            return succeeded ? 0 : 1;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EgressAnalyzers.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("EgressAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The host side MSBuild would provide: counts errors, drops messages (their cost is MSBuild's, not ours).</summary>
    private sealed class CountingBuildEngine : IBuildEngine
    {
        public int Errors { get; private set; }

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public void LogErrorEvent(BuildErrorEventArgs e)
        {
            Errors++;
            Console.Error.WriteLine("task error: " + e.Message);
        }

        public void LogMessageEvent(BuildMessageEventArgs e)
        {
        }

        public void LogWarningEvent(BuildWarningEventArgs e)
        {
        }
    }
}
