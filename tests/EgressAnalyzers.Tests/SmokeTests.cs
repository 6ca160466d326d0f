using EgressAnalyzers.Tests.Verifiers;

namespace EgressAnalyzers.Tests;

public class AnalyzerWiringTests
{
    [Fact]
    public async Task Compilation_WithoutAdditionalFiles_ReportsNothing()
    {
        await new EgressAnalyzerTest().RunAsync();
    }
}
