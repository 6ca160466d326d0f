using System.Text;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace EgressAnalyzers.Tests.Verifiers;

/// <summary>
/// Microsoft.CodeAnalysis.Testing harness for diagnostics located in ARM AdditionalFiles: templates are added with
/// <c>{|#0:…|}</c> markup, settings through a test <c>.globalconfig</c>, and the C# source is a placeholder.
/// </summary>
internal sealed class EgressAnalyzerTest : CSharpAnalyzerTest<EgressCoverageAnalyzer, DefaultVerifier>
{
    private readonly StringBuilder _globalConfig = new("is_global = true\n");

    public EgressAnalyzerTest()
    {
        ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
        TestCode = "internal static class Placeholder { }";
    }

    /// <summary>Adds a template (with markup) at <c>/infra/{name}</c>.</summary>
    public EgressAnalyzerTest WithTemplate(string name, string text)
    {
        TestState.AdditionalFiles.Add(("/infra/" + name, text));
        return this;
    }

    /// <summary>Adds C# infrastructure code (with markup) compiled against the SDK stubs.</summary>
    public EgressAnalyzerTest WithSource(string path, string code)
    {
        TestState.Sources.Add((path, code));
        if (!TestState.AdditionalReferences.Contains(Infrastructure.SdkStubs.Reference))
        {
            TestState.AdditionalReferences.Add(Infrastructure.SdkStubs.Reference);
        }

        return this;
    }

    /// <summary>Adds a non-template additional file (for example a Pulumi stack file) at <paramref name="path"/>.</summary>
    public EgressAnalyzerTest WithAdditionalFile(string path, string text)
    {
        TestState.AdditionalFiles.Add((path, text));
        return this;
    }

    /// <summary>Sets an MSBuild-property-style setting (build_property.Key).</summary>
    public EgressAnalyzerTest WithSetting(string key, string value)
    {
        _globalConfig.Append("build_property.").Append(key).Append(" = ").Append(value).Append('\n');
        return this;
    }

    /// <summary>Sets a plain .globalconfig key (the form users write by hand).</summary>
    public EgressAnalyzerTest WithGlobalConfigLine(string line)
    {
        _globalConfig.Append(line).Append('\n');
        return this;
    }

    public EgressAnalyzerTest Expect(params DiagnosticResult[] diagnostics)
    {
        ExpectedDiagnostics.AddRange(diagnostics);
        return this;
    }

    public Task RunAsync()
    {
        TestState.AnalyzerConfigFiles.Add(("/.globalconfig", _globalConfig.ToString()));
        return RunAsync(CancellationToken.None);
    }

    /// <summary>A diagnostic expected at markup location <paramref name="markupKey"/>.</summary>
    public static DiagnosticResult Diagnostic(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int markupKey) =>
        new DiagnosticResult(descriptor).WithLocation(markupKey);
}
