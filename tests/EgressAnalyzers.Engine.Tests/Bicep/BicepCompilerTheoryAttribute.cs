using EgressAnalyzers.Engine.Tests.Infrastructure;
using EgressAnalyzers.TestSupport;

namespace EgressAnalyzers.Engine.Tests.Bicep;

/// <summary>A theory that needs the real Bicep compiler (and optionally the corpus): skipped, with the reason, without them.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BicepCompilerTheoryAttribute : TheoryAttribute
{
    public BicepCompilerTheoryAttribute(bool needsCorpus)
    {
        if (needsCorpus && EngineCorpus.Directory is null)
        {
            Skip = EngineCorpus.SkipReason;
        }
        else if (BicepCompiler.Path is null)
        {
            Skip = "The Bicep compiler package (Azure.Bicep.CommandLine.linux-x64) runs only on linux-x64.";
        }
    }
}
