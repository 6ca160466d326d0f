namespace EgressAnalyzers.Build.Tests.Infrastructure;

/// <summary>
/// Packs the package once per test run into a temporary feed and isolates the NuGet package cache (NUGET_PACKAGES)
/// in the same temporary folder, so a consumer always restores the package just packed, never a stale cached 0.1.0.
/// The consumer's NuGet.config adds the feed to the machine's normal sources. One pack serves every test class (the
/// classes run in parallel, each with its own consumer projects); the folder is deleted when the test run ends.
/// </summary>
public sealed class PackageFeedFixture
{
    public const string PackageVersion = "0.1.0";

    private static readonly Lazy<PackageFeedFixture> Shared = new(() => new PackageFeedFixture(), LazyThreadSafetyMode.ExecutionAndPublication);

    private PackageFeedFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "egress-e2e-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "feed");
        PackagesCache = Path.Combine(Root, "packages");
        Directory.CreateDirectory(Feed);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteRoot();

        var pack = Command.Run("dotnet", $"pack \"{Repository.PackageProject}\" --no-build -c {Repository.Configuration} -o \"{Feed}\" -nologo", Repository.Root);
        if (pack.ExitCode != 0 || !File.Exists(Path.Combine(Feed, $"EgressAnalyzers.{PackageVersion}.nupkg")))
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + pack.Output);
        }

        File.WriteAllText(Path.Combine(Root, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="egress-e2e-feed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
    }

    /// <summary>The feed of this test run (packed on first use).</summary>
    public static PackageFeedFixture Instance => Shared.Value;

    public string Root { get; }

    public string Feed { get; }

    public string PackagesCache { get; }

    /// <summary>A new consumer project folder under the fixture root (so it finds the NuGet.config above it).</summary>
    public ConsumerProject NewConsumer(string name, bool withCSharp, string extraProperties = "")
    {
        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
            {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EgressAnalyzers" Version="{PackageVersion}" />
              </ItemGroup>
            </Project>
            """);
        if (withCSharp)
        {
            File.WriteAllText(Path.Combine(directory, "Infrastructure.cs"), "namespace Consumer;\n\npublic static class Infrastructure\n{\n}\n");
        }

        return new ConsumerProject(this, directory, name);
    }

    private void DeleteRoot()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temp folder is cleaned by the OS eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>One consumer project of the package.</summary>
public sealed class ConsumerProject
{
    private readonly PackageFeedFixture _fixture;

    public ConsumerProject(PackageFeedFixture fixture, string directory, string name)
    {
        _fixture = fixture;
        Directory = directory;
        Name = name;
    }

    public string Directory { get; }

    public string Name { get; }

    public string PathOf(string relative) => System.IO.Path.Combine(Directory, relative);

    /// <summary>Copies the bundled sample's templates (a cluster, a complete and an incomplete hub) to infra/.</summary>
    public ConsumerProject WithSampleTemplates()
    {
        var infra = PathOf("infra");
        System.IO.Directory.CreateDirectory(infra);
        foreach (var file in System.IO.Directory.GetFiles(Repository.SampleInfra, "*.json"))
        {
            File.Copy(file, System.IO.Path.Combine(infra, System.IO.Path.GetFileName(file)), overwrite: true);
        }

        return this;
    }

    public ConsumerProject WithFile(string relative, string text)
    {
        var path = PathOf(relative);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    /// <summary><c>dotnet build</c> with extra arguments (-p:…); no build servers, so nothing outlives the test.</summary>
    public CommandResult Build(string arguments = "") =>
        Command.Run("dotnet", $"build \"{PathOf(Name + ".csproj")}\" -nologo -nr:false -p:UseSharedCompilation=false {arguments}", Directory,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = _fixture.PackagesCache });
}
