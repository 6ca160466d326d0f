using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EgressAnalyzers.Tests.Infrastructure;

/// <summary>
/// The SDK stubs under <c>Stubs/</c> compiled once into an in-memory assembly, so user code in tests binds to them
/// as metadata, as it binds to the real NuGet packages.
/// </summary>
internal static class SdkStubs
{
    private static readonly Lazy<MetadataReference> LazyReference = new(Build);

    public static MetadataReference Reference => LazyReference.Value;

    public static IReadOnlyList<string> SourceNames { get; } = typeof(SdkStubs).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("Stubs/", StringComparison.Ordinal))
        .OrderBy(n => n, StringComparer.Ordinal)
        .ToList();

    public static string Source(string resourceName)
    {
        using var stream = typeof(SdkStubs).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Missing embedded stub {resourceName}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The .NET 8 reference assemblies the analyzer tests compile against (so the stubs bind in those tests too).</summary>
    public static ImmutableArray<MetadataReference> FrameworkReferences => LazyFramework.Value;

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyFramework = new(() =>
        Microsoft.CodeAnalysis.Testing.ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None).GetAwaiter().GetResult());

    /// <summary>Compiles user code against the stubs and returns the compilation (errors included).</summary>
    public static CSharpCompilation CompileUserCode(params (string Path, string Text)[] sources) => CompileUserCode(OutputKind.DynamicallyLinkedLibrary, sources);

    /// <summary>As <see cref="CompileUserCode((string Path, string Text)[])"/>, as an executable (programs with top-level statements).</summary>
    public static CSharpCompilation CompileUserCode(OutputKind kind, params (string Path, string Text)[] sources) =>
        CSharpCompilation.Create(
            "UserInfrastructure",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, new CSharpParseOptions(LanguageVersion.Latest), s.Path)),
            FrameworkReferences.Add(Reference),
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));

    public static IReadOnlyList<Diagnostic> Errors(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    private static MetadataReference Build()
    {
        var trees = SourceNames.Select(n => CSharpSyntaxTree.ParseText(Source(n), new CSharpParseOptions(LanguageVersion.Latest), n));
        var compilation = CSharpCompilation.Create(
            "SdkStubs",
            trees,
            FrameworkReferences,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException("SDK stubs do not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
