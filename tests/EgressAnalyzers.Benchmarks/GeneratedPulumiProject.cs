using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EgressAnalyzers.Benchmarks;

/// <summary>How the generated project's firewalls look.</summary>
public enum PulumiProjectShape
{
    /// <summary>
    /// Stress: every tenth file a firewall (50), each missing most of what AKS needs (17 findings each, 450 warnings
    /// printed) — far denser in resources and findings than a real repository.
    /// </summary>
    Dense,

    /// <summary>
    /// A platform team's hub: one firewall that allows what AKS needs but one endpoint (one warning), one cluster, and
    /// 498 files of other resources and helpers — the shape of the repositories the analyzer is for.
    /// </summary>
    Hub,
}

/// <summary>The generated 500-file Pulumi Azure Native project of the C# compile benchmarks, and the SDK stubs it compiles against.</summary>
internal static class GeneratedPulumiProject
{
    public const int FileCount = 500;

    public static MetadataReference CompileStubs(ImmutableArray<MetadataReference> framework) => MetadataReference.CreateFromImage(CompileStubsImage(framework));

    /// <summary>The stubs as an assembly image, compiled against <paramref name="framework"/>.</summary>
    public static byte[] CompileStubsImage(ImmutableArray<MetadataReference> framework)
    {
        var assembly = typeof(GeneratedPulumiProject).Assembly;
        var trees = assembly.GetManifestResourceNames().Where(n => n.StartsWith("Stubs/", StringComparison.Ordinal)).Select(n =>
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
            return CSharpSyntaxTree.ParseText(reader.ReadToEnd(), new CSharpParseOptions(LanguageVersion.Latest), n);
        });
        var compilation = CSharpCompilation.Create("SdkStubs", trees, framework, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException("Stubs do not compile: " + result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error));
        }

        return stream.ToArray();
    }

    /// <summary>One file of a platform team's stack: firewalls as <paramref name="shape"/> says, one cluster, the rest other resources.</summary>
    public static string File(int index, PulumiProjectShape shape = PulumiProjectShape.Dense)
    {
        var code = new StringBuilder();
        code.AppendLine("using System.Collections.Generic;");
        code.AppendLine("using Pulumi;");
        code.AppendLine("using Pulumi.AzureNative.Network;");
        code.AppendLine("using Pulumi.AzureNative.Network.Inputs;");
        code.AppendLine("using Pulumi.AzureNative.ContainerService;");
        code.AppendLine("using Pulumi.AzureNative.ContainerService.Inputs;");
        code.AppendLine("using Pulumi.AzureNative.Resources;");
        code.AppendLine();
        code.AppendLine($"public static class Stack{index:D3}");
        code.AppendLine("{");
        code.AppendLine($"    private const string Region = \"westeurope\";");
        code.AppendLine($"    private static readonly string[] Fqdns = {{ \"app{index}.contoso.com\", \"api{index}.contoso.com\" }};");
        code.AppendLine();
        code.AppendLine("    public static void Create()");
        code.AppendLine("    {");
        code.AppendLine($"        var rg = new ResourceGroup(\"rg-{index}\", new ResourceGroupArgs {{ Location = Region, Tags = {{ {{ \"team\", \"platform\" }}, {{ \"index\", \"{index}\" }} }} }});");
        for (var r = 0; r < 5; r++)
        {
            code.AppendLine($"        var helper{r} = Describe(\"item-{index}-{r}\", {r});");
        }

        if (shape == PulumiProjectShape.Hub && index == 0)
        {
            AppendHubFirewall(code);
        }

        if (shape == PulumiProjectShape.Dense && index % 10 == 0)
        {
            code.AppendLine($"        _ = new AzureFirewall(\"fw-{index}\", new AzureFirewallArgs");
            code.AppendLine("        {");
            code.AppendLine("            ResourceGroupName = rg.Name,");
            code.AppendLine("            ApplicationRuleCollections =");
            code.AppendLine("            {");
            for (var c = 0; c < 3; c++)
            {
                code.AppendLine($"                new AzureFirewallApplicationRuleCollectionArgs {{ Name = \"c{c}\", Priority = {200 + c}, Action = new AzureFirewallRCActionArgs {{ Type = AzureFirewallRCActionType.Allow }},");
                code.AppendLine($"                    Rules = {{ new AzureFirewallApplicationRuleArgs {{ Name = \"r{c}\", SourceAddresses = {{ \"10.{index % 250}.0.0/16\" }}, Protocols = {{ new AzureFirewallApplicationRuleProtocolArgs {{ ProtocolType = \"Https\", Port = 443 }} }}, TargetFqdns = Fqdns }} }} }},");
            }

            code.AppendLine("            },");
            code.AppendLine("        });");
        }

        if (index == 7)
        {
            code.AppendLine("        _ = new ManagedCluster(\"aks\", new ManagedClusterArgs { ResourceGroupName = rg.Name, Location = Region, AgentPoolProfiles = { new ManagedClusterAgentPoolProfileArgs { Name = \"system\", VmSize = \"Standard_D4ds_v5\" } }, NetworkProfile = new ContainerServiceNetworkProfileArgs { OutboundType = OutboundType.UserDefinedRouting } });");
        }

        code.AppendLine("    }");
        code.AppendLine();
        code.AppendLine("    private static Dictionary<string, string> Describe(string name, int level)");
        code.AppendLine("    {");
        code.AppendLine("        var result = new Dictionary<string, string> { [\"name\"] = name, [\"level\"] = level.ToString(System.Globalization.CultureInfo.InvariantCulture) };");
        code.AppendLine("        for (var i = 0; i < level; i++) { result[$\"k{i}\"] = $\"{name}-{i}\"; }");
        code.AppendLine("        return result;");
        code.AppendLine("    }");
        code.AppendLine("}");
        return code.ToString();
    }

    /// <summary>
    /// The hub's firewall: the westeurope AKS endpoints of the catalog (required and recommended) except
    /// packages.aks.azure.com, so that the build prints one EGR1001 and shows the analyzer read it.
    /// </summary>
    private static void AppendHubFirewall(StringBuilder code)
    {
        const string Https = "new AzureFirewallApplicationRuleProtocolArgs { ProtocolType = \"Https\", Port = 443 }";
        const string Http = "new AzureFirewallApplicationRuleProtocolArgs { ProtocolType = \"Http\", Port = 80 }";
        code.AppendLine("        _ = new AzureFirewall(\"fw-hub\", new AzureFirewallArgs");
        code.AppendLine("        {");
        code.AppendLine("            ResourceGroupName = rg.Name,");
        code.AppendLine("            AdditionalProperties = { { \"Network.DNS.EnableProxy\", \"true\" } },");
        code.AppendLine("            NetworkRuleCollections =");
        code.AppendLine("            {");
        code.AppendLine("                new AzureFirewallNetworkRuleCollectionArgs { Name = \"aks-network\", Priority = 100, Action = new AzureFirewallRCActionArgs { Type = AzureFirewallRCActionType.Allow }, Rules =");
        code.AppendLine("                {");
        code.AppendLine("                    new AzureFirewallNetworkRuleArgs { Name = \"tunnel-and-api-server\", Protocols = { \"UDP\", \"TCP\" }, SourceAddresses = { \"10.240.0.0/16\" }, DestinationAddresses = { \"AzureCloud.\" + Region }, DestinationPorts = { \"1194\", \"9000\", \"443\" } },");
        code.AppendLine("                    new AzureFirewallNetworkRuleArgs { Name = \"ntp\", Protocols = { \"UDP\" }, SourceAddresses = { \"10.240.0.0/16\" }, DestinationFqdns = { \"ntp.ubuntu.com\" }, DestinationPorts = { \"123\" } },");
        code.AppendLine("                } },");
        code.AppendLine("            },");
        code.AppendLine("            ApplicationRuleCollections =");
        code.AppendLine("            {");
        code.AppendLine("                new AzureFirewallApplicationRuleCollectionArgs { Name = \"aks-application\", Priority = 200, Action = new AzureFirewallRCActionArgs { Type = AzureFirewallRCActionType.Allow }, Rules =");
        code.AppendLine("                {");
        code.AppendLine($"                    new AzureFirewallApplicationRuleArgs {{ Name = \"aks-core\", SourceAddresses = {{ \"10.240.0.0/16\" }}, Protocols = {{ {Https} }}, TargetFqdns = {{ $\"*.hcp.{{Region}}.azmk8s.io\", \"mcr.microsoft.com\", \"*.data.mcr.microsoft.com\", \"mcr-0001.mcr-msedge.net\", \"management.azure.com\", \"login.microsoftonline.com\", \"packages.microsoft.com\", \"acs-mirror.azureedge.net\", \"snapshot.ubuntu.com\" }} }},");
        code.AppendLine($"                    new AzureFirewallApplicationRuleArgs {{ Name = \"ubuntu-updates\", SourceAddresses = {{ \"10.240.0.0/16\" }}, Protocols = {{ {Http} }}, TargetFqdns = {{ \"security.ubuntu.com\", \"azure.archive.ubuntu.com\", \"changelogs.ubuntu.com\" }} }},");
        code.AppendLine("                } },");
        code.AppendLine("            },");
        code.AppendLine("        });");
    }
}
