using EgressAnalyzers.Tests.Verifiers;

namespace EgressAnalyzers.Tests.Rules;

public class EGR0002TemplateCouldNotBeReadTests
{
    [Fact]
    public async Task SyntaxError_IsReportedAtTheOffendingToken()
    {
        var broken = $$"""
            {
              "$schema": "{{ArmFixtures.Schema}}",
              "contentVersion": "1.0.0.0",
              "resources": [ {|#0:}|} ]
            }
            """;
        await new EgressAnalyzerTest()
            .WithTemplate("broken.json", broken)
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR0002_TemplateCouldNotBeRead, 0).WithArguments("broken.json", "expected a value but found '}'"))
            .RunAsync();
    }

    [Fact]
    public async Task OtherJson_IsIgnoredSilently()
    {
        await new EgressAnalyzerTest()
            .WithTemplate("appsettings.json", "{ \"Logging\": { ")
            .RunAsync();
    }
}
