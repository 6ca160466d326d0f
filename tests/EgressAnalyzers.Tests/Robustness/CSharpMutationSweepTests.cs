using System.Collections.Immutable;
using CsCheck;
using EgressAnalyzers.Tests.CSharp;
using EgressAnalyzers.Tests.Infrastructure;
using EgressAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EgressAnalyzers.Tests.Robustness;

/// <summary>
/// Code being typed: bounded random token-level mutations of C# infrastructure programs, one per SDK the analyzer reads
/// (and the Pulumi sample), go through the analyzer and the C# code fix provider the way the IDE runs them on every
/// keystroke. Never an analyzer or fix exception, never a hang, every location inside its file, and every offered fix
/// keeps all the code the user wrote.
/// </summary>
public class CSharpMutationSweepTests
{
    /// <summary>Far above what one mutated program takes (well under a second); reaching it means a hang.</summary>
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(60);

    private static readonly string[] Fixable = { "EGR1001", "EGR1002" };

    /// <summary>A program to mutate: the file that is mutated, the files that stay intact (so coverage runs), stack files.</summary>
    public sealed record SeedProgram(
        string Name,
        OutputKind Kind,
        (string Path, string Text) Mutated,
        (string Path, string Text)[] IntactSources,
        (string Path, string Text)[] AdditionalFiles)
    {
        public override string ToString() => Name;
    }

    private static readonly SeedProgram[] Seeds =
    {
        new(
            "Pulumi Azure Native, classic firewall with a helper",
            OutputKind.DynamicallyLinkedLibrary,
            ("/src/Hub.cs", PulumiFixtures.ClassicFirewall(
                PulumiFixtures.AppCollection("\"aks-core\"", PulumiFixtures.HttpsRule("{ " + PulumiFixtures.CoreFqdnLiteralsExcept("mcr.microsoft.com", "login.microsoftonline.com") + " }"))
                    + ",\n            Collection(Prefix + \"-images\")",
                members: """

                        private const string Prefix = "aks";

                        private static readonly string[] ImageEndpoints = { "*.data.mcr.microsoft.com", "mcr-0001.mcr-msedge.net" };

                        private static AzureFirewallApplicationRuleCollectionArgs Collection(string name) => new AzureFirewallApplicationRuleCollectionArgs
                        {
                            Name = name,
                            Priority = 210,
                            Action = new AzureFirewallRCActionArgs { Type = "Allow" },
                            Rules = { new AzureFirewallApplicationRuleArgs { Name = $"{name}-rule", SourceAddresses = { "10.0.0.0/8" }, Protocols = { new AzureFirewallApplicationRuleProtocolArgs { ProtocolType = "Https", Port = 443 } }, TargetFqdns = ImageEndpoints } },
                        };

                    """)),
            new[] { ("/src/Cluster.cs", PulumiFixtures.Cluster()) },
            Array.Empty<(string, string)>()),
        new(
            "Pulumi Azure Native, policy rule collection group with aliases and target-typed new",
            OutputKind.DynamicallyLinkedLibrary,
            ("/src/Policy.cs", AliasedPolicyProgram),
            Array.Empty<(string, string)>(),
            Array.Empty<(string, string)>()),
        new(
            "Pulumi Azure Native, policy group created in a helper that takes its policy",
            OutputKind.DynamicallyLinkedLibrary,
            ("/src/Policy.cs", PulumiAzureNativeReaderTests.PolicyWithGroupHelper("AddAksRules(hub, \"aks-rcg\", 200);", withSpoke: false)),
            new[] { ("/src/Cluster.cs", PulumiFixtures.Cluster()) },
            Array.Empty<(string, string)>()),
        new(
            "Pulumi Azure Native, hub component created by a target-typed new",
            OutputKind.DynamicallyLinkedLibrary,
            ("/src/Hub.cs", PulumiAzureNativeReaderTests.HubComponent("Hub hub = new(\"hub\", new HubArgs { Location = \"westeurope\" });")),
            new[] { ("/src/Cluster.cs", PulumiFixtures.Cluster()) },
            Array.Empty<(string, string)>()),
        new(
            "Pulumi Azure Native, classic firewall with rules from LINQ and a foreach",
            OutputKind.DynamicallyLinkedLibrary,
            ("/src/Hub.cs", PulumiFixtures.ClassicFirewall(
                PulumiFixtures.AppCollection("\"aks-core\"", PulumiFixtures.HttpsRule("Regions.Select(Hcp).Concat(Core).ToList()"))
                    + ",\n            " + PulumiFixtures.AppCollection("\"aks-more\"", PulumiFixtures.HttpsRule("Targets().Select((f, i) => f).Prepend(Core[1]).ToArray()"), priority: 210),
                extraUsings: "using System.Linq;\n",
                members: """

                        private static readonly string[] Regions = { "westeurope", "northeurope" };

                        private static readonly string[] Core = { "mcr.microsoft.com", "*.data.mcr.microsoft.com", "management.azure.com", "packages.microsoft.com" };

                        private static string Hcp(string region) => $"*.hcp.{region}.azmk8s.io";

                        private static List<string> Targets()
                        {
                            var fqdns = new List<string> { "acs-mirror.azureedge.net" };
                            foreach (var region in Regions)
                            {
                                fqdns.Add($"{region}.dp.kubernetesconfiguration.azure.com");
                            }

                            return fqdns;
                        }

                    """)),
            new[] { ("/src/Cluster.cs", PulumiFixtures.Cluster()) },
            Array.Empty<(string, string)>()),
        new(
            "Pulumi Azure Native, classic firewall with collection expressions, an enum, and a counting for with a condition",
            OutputKind.DynamicallyLinkedLibrary,
            ("/src/Hub.cs", PulumiFixtures.ClassicFirewall(
                PulumiFixtures.AppCollection("\"aks-core\"", PulumiFixtures.HttpsRule("[.. Core, $\"*.hcp.{Region.westeurope}.azmk8s.io\", .. Targets()]")),
                members: """

                        private enum Region { westeurope, northeurope }

                        private static readonly string[] Regions = ["westeurope", "northeurope"];

                        private static readonly string[] Core = ["mcr.microsoft.com", "*.data.mcr.microsoft.com", "management.azure.com"];

                        private static List<string> Targets()
                        {
                            List<string> fqdns = ["acs-mirror.azureedge.net"];
                            for (var i = 0; i < Regions.Length; i++)
                            {
                                if (Regions[i] != "westeurope" && !string.Equals(Regions[i], "westus", System.StringComparison.OrdinalIgnoreCase))
                                {
                                    fqdns.Add($"{Regions[i]}.dp.kubernetesconfiguration.azure.com");
                                }
                            }

                            return fqdns;
                        }

                    """)),
            new[] { ("/src/Cluster.cs", PulumiFixtures.Cluster()) },
            Array.Empty<(string, string)>()),
        new(
            "Pulumi Azure classic, rule collection resource",
            OutputKind.DynamicallyLinkedLibrary,
            ("/src/Hub.cs", PulumiAzureClassicReaderTests.Hub(PulumiFixtures.CoreFqdnLiteralsExcept("management.azure.com"))),
            new[] { ("/src/Cluster.cs", PulumiAzureClassicReaderTests.Cluster()) },
            Array.Empty<(string, string)>()),
        new(
            "Azure.ResourceManager.Network, firewall data with a deny collection, cluster in ARM",
            OutputKind.DynamicallyLinkedLibrary,
            ("/src/Hub.cs", AzureSdkProgram),
            Array.Empty<(string, string)>(),
            new[] { ("/infra/cluster.json", ArmFixtures.Cluster()) }),
        new(
            "samples/PulumiHub, top-level program with stack configuration",
            OutputKind.ConsoleApplication,
            (Path.Combine(PulumiHubDirectory, "Program.cs"), File.ReadAllText(Path.Combine(PulumiHubDirectory, "Program.cs"))),
            Array.Empty<(string, string)>(),
            Directory.GetFiles(PulumiHubDirectory, "Pulumi*.yaml").OrderBy(p => p, StringComparer.Ordinal).Select(p => (p, File.ReadAllText(p))).ToArray()),
    };

    public static TheoryData<SeedProgram> SeedPrograms()
    {
        var data = new TheoryData<SeedProgram>();
        foreach (var seed in Seeds)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeedPrograms))]
    public async Task Seeds_Unmutated_CompileAndGetFindingsWithFixes(SeedProgram seed)
    {
        // The mutations only stress the reader and the fixes if the seeds reach them in the first place.
        using var runner = Runner(seed, seed.Mutated.Text);
        Assert.Empty(SdkStubs.Errors((await runner.Project.GetCompilationAsync())!));

        var findings = await AnalyzeWithinBoundAsync(runner.Project);

        var fixable = FixableIn(findings, seed.Mutated.Path);
        Assert.NotEmpty(fixable);
        Assert.NotEmpty(await runner.ActionsForAsync(fixable[0]));
        await AssertFixAllKeepsTheCodeAsync(runner, fixable, seed.Mutated.Path, seed.Mutated.Text);
    }

    private static readonly string[] Replacements =
    {
        "\"", "$\"{", "{", "}", "(", ")", "[", "]", ";", ",", "=", "=>", ".", "?", "!", "@", "new", "new()", "new[] {", "null", "null!",
        "default", "42", "-1", "int.MaxValue", "\"x\"", "\"*\"", "\"\"", "\"mcr.microsoft.com\"", "$\"{Prefix}-{1}\"", "undefinedName", "this",
        "base", "throw null", "await", "static", "partial", "#if DEBUG", "#endif", "/*", "//", "\0", "\uD800", "(string)", "typeof(int)",
        "nameof(Name)", "x => x", "Rules", "Name", "TargetFqdns", "Priority = 100", "Name = \"aks\",", "{ }", "..", "ref", "out",
    };

    public enum MutationKind
    {
        DeleteToken,
        ReplaceToken,
        InsertBeforeToken,
        DuplicateSlice,
        DeleteSlice,
        Truncate,
        SwapWithNextToken,
    }

    /// <summary>What one mutation does, at a relative position in the token list, with a relative length and a replacement.</summary>
    public sealed record Mutation(MutationKind Kind, double Position, double Length, int Replacement);

    private static readonly Gen<Mutation> MutationGen =
        Gen.Select(Gen.Enum<MutationKind>(), Gen.Double[0, 1], Gen.Double[0, 1], Gen.Int[0, Replacements.Length - 1])
            .Select((kind, position, length, replacement) => new Mutation(kind, position, length, replacement));

    private static readonly Gen<(int Seed, Mutation[] Mutations)> MutatedProgram =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], MutationGen.Array[1, 4]);

    [Fact]
    public async Task MutatedPrograms_AreAnalyzedAndFixedWithoutExceptions_WithLocationsInsideTheirFiles_KeepingEveryToken()
    {
        await MutatedProgram.SampleAsync(
            async sample =>
            {
                var seed = Seeds[sample.Seed];
                var text = Apply(seed.Mutated.Text, sample.Mutations);
                using var runner = Runner(seed, text);

                var diagnostics = await AnalyzeWithinBoundAsync(runner.Project);

                await AssertLocationsInsideTheirFilesAsync(runner.Project, diagnostics);
                var fixable = FixableIn(diagnostics, seed.Mutated.Path);
                foreach (var finding in fixable.Take(2))
                {
                    await AssertEveryFixKeepsTheCodeAsync(runner, finding, text);
                }

                await AssertFixAllKeepsTheCodeAsync(runner, fixable, seed.Mutated.Path, text);
            },
            iter: 300,
            threads: 1,
            print: sample => $"{Seeds[sample.Seed].Name}, mutations {string.Join("; ", sample.Mutations.Select(m => m.ToString()))}:\n{Apply(Seeds[sample.Seed].Mutated.Text, sample.Mutations)}");
    }

    [Theory]
    [InlineData("concatenation", 3_000)]
    [InlineData("helper calls", 1_000)]
    [InlineData("parentheses", 1_000)]
    [InlineData("conditionals", 500)]
    public async Task DeeplyNestedRuleValues_AreReadOrUnknown_NeverMissing_AndNeverAnException(string shape, int depth)
    {
        // Values a generator could write: the resolver follows them to its own depth limit; past it they are unknown.
        var value = "\"mcr.microsoft.com\"";
        for (var i = 0; i < depth; i++)
        {
            value = shape switch
            {
                "concatenation" => value + " + \"\"",
                "helper calls" => "Wrap(" + value + ")",
                "parentheses" => "(" + value + ")",
                _ => "true ? " + value + " : \"x\"",
            };
        }

        var hub = PulumiFixtures.ClassicFirewall(
            PulumiFixtures.AppCollection("\"aks-core\"", PulumiFixtures.HttpsRule("{ " + PulumiFixtures.CoreFqdnLiteralsExcept("mcr.microsoft.com") + ", " + value + " }")),
            members: "\n    private static string Wrap(string value) => value;\n");
        var seed = new SeedProgram(shape, OutputKind.DynamicallyLinkedLibrary, ("/src/Hub.cs", hub), new[] { ("/src/Cluster.cs", PulumiFixtures.Cluster()) }, Array.Empty<(string, string)>());
        using var runner = Runner(seed, hub);

        var diagnostics = await AnalyzeWithinBoundAsync(runner.Project);

        await AssertLocationsInsideTheirFilesAsync(runner.Project, diagnostics);
        Assert.DoesNotContain(diagnostics, d => d.Id == "EGR1001" && d.GetMessage().Contains("'mcr.microsoft.com'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("fields", "private static readonly string F{0} = $\"{{F{1}}}{{F{1}}}{{F{1}}}{{F{1}}}\";")]
    [InlineData("helpers", "private static string F{0}() => $\"{{F{1}()}}{{F{1}()}}{{F{1}()}}{{F{1}()}}\";")]
    [InlineData("LINQ", "private static readonly string[] F{0} = F{1}.Concat(F{1}).Select(f => f).ToArray();")]
    public async Task ValuesThatShareTheirParts_AreBoundedWork_AndUnknownNotMissing(string shape, string level)
    {
        // 36 levels, each using the one below several times: read naively, 2^36 or more reads of F0. The resolver's
        // nesting limit once kept this small; with deep LINQ chains allowed, the work bound per resource does.
        const int Levels = 36;
        var members = new System.Text.StringBuilder("\n");
        members.Append(shape switch
        {
            "helpers" => "    private static string F0() => \"mcr.microsoft.com\";\n",
            "LINQ" => "    private static readonly string[] F0 = { \"mcr.microsoft.com\" };\n",
            _ => "    private static readonly string F0 = \"mcr.microsoft.com\";\n",
        });
        for (var i = 1; i <= Levels; i++)
        {
            members.Append("    ").Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, level, i, i - 1)).Append('\n');
        }

        var top = shape switch { "helpers" => $"{{ F{Levels}() }}", "LINQ" => $"F{Levels}", _ => $"{{ F{Levels} }}" };
        var hub = PulumiFixtures.ClassicFirewall(
            PulumiFixtures.AppCollection("\"aks-core\"", PulumiFixtures.HttpsRule(top)),
            extraUsings: "using System.Linq;\n",
            members: members.ToString());
        var seed = new SeedProgram(shape, OutputKind.DynamicallyLinkedLibrary, ("/src/Hub.cs", hub), new[] { ("/src/Cluster.cs", PulumiFixtures.Cluster()) }, Array.Empty<(string, string)>());
        using var runner = Runner(seed, hub);

        var diagnostics = await AnalyzeWithinBoundAsync(runner.Project);

        Assert.Contains(diagnostics, d => d.Id == "EGR1006");
        Assert.DoesNotContain(diagnostics, d => d.Id == "EGR1001");
    }

    [Fact]
    public async Task HelpersThatCallEachOther_AndFieldsThatReadEachOther_EndAsUnknown()
    {
        var members = """

                private static readonly string[] First = Second;
                private static readonly string[] Second = First;

                private static string Ping(int n) => Pong(n + 1);

                private static string Pong(int n) => Ping(n + 1);

                private static AzureFirewallApplicationRuleCollectionArgs Collection(string name) => Collection(name + "x");

            """;
        var hub = PulumiFixtures.ClassicFirewall(
            PulumiFixtures.AppCollection("\"aks-core\"", PulumiFixtures.HttpsRule("First")) + ",\n" + PulumiFixtures.AppCollection("\"aks-more\"", PulumiFixtures.HttpsRule("{ Ping(0) }"), priority: 210) + ",\nCollection(\"loop\")",
            members: members);
        var seed = new SeedProgram("cycles", OutputKind.DynamicallyLinkedLibrary, ("/src/Hub.cs", hub), new[] { ("/src/Cluster.cs", PulumiFixtures.Cluster()) }, Array.Empty<(string, string)>());
        using var runner = Runner(seed, hub);

        var diagnostics = await AnalyzeWithinBoundAsync(runner.Project);

        // Nothing is provably missing from rules whose targets cannot be resolved: EGR1006, never EGR1001.
        Assert.Contains(diagnostics, d => d.Id == "EGR1006");
        Assert.DoesNotContain(diagnostics, d => d.Id == "EGR1001");
    }

    [Fact]
    public async Task InitializerMemberFollowedByAnInterpolatedString_IsReadAsCodeThatDoesNotBind_NotAnAnalyzerException()
    {
        // The sweep's first finding: Roslyn 4.8 throws while building the operation tree of this member ("Unexpected
        // value 'UnconvertedInterpolatedString' of type BoundKind"), which was an AD0001 on every keystroke.
        var typing = AliasedPolicyProgram.Replace("Protocols = {", "Protocols $\"{Prefix}-{1}\" = {", StringComparison.Ordinal);
        var seed = new SeedProgram("typing", OutputKind.DynamicallyLinkedLibrary, ("/src/Policy.cs", typing), Array.Empty<(string, string)>(), Array.Empty<(string, string)>());
        using var runner = Runner(seed, typing);

        var diagnostics = await AnalyzeWithinBoundAsync(runner.Project);

        foreach (var finding in FixableIn(diagnostics, seed.Mutated.Path))
        {
            await AssertEveryFixKeepsTheCodeAsync(runner, finding, typing);
        }

        await AssertFixAllKeepsTheCodeAsync(runner, FixableIn(diagnostics, seed.Mutated.Path), seed.Mutated.Path, typing);
    }

    [Fact]
    public async Task RuleListWhoseFirstElementIsMissing_HasAnUnknownRule_SoNothingIsReportedMissing()
    {
        // A sweep finding: in "Rules = { , new …Args { … } }" the fix writer read the list's indentation from the missing
        // element's first token (a NullReferenceException; it now reads it by position). The list itself used to be read
        // as an object, hence empty, so every endpoint was reported missing while the user typed; the element that does
        // not bind is now an unknown rule: coverage cannot be proven (EGR1006), nothing is missing, and no fix runs.
        var hub = PulumiFixtures.ClassicFirewall(
            PulumiFixtures.AppCollection("\"aks-core\"", ",\n" + PulumiFixtures.HttpsRule("{ " + PulumiFixtures.CoreFqdnLiteralsExcept("mcr.microsoft.com") + " }")));
        var seed = new SeedProgram("missing element", OutputKind.DynamicallyLinkedLibrary, ("/src/Hub.cs", hub), new[] { ("/src/Cluster.cs", PulumiFixtures.Cluster()) }, Array.Empty<(string, string)>());
        using var runner = Runner(seed, hub);

        var diagnostics = await AnalyzeWithinBoundAsync(runner.Project);

        Assert.Empty(FixableIn(diagnostics, seed.Mutated.Path));
        Assert.Contains(diagnostics, d => d.Id == "EGR1006" && d.GetMessage().Contains("'mcr.microsoft.com'", StringComparison.Ordinal));
    }

    private const string AliasedPolicyProgram = """
        using Pulumi;
        using Network = Pulumi.AzureNative.Network;
        using Aks = Pulumi.AzureNative.ContainerService;

        public static class PolicyStack
        {
            private const string Region = "westeurope";

            private static readonly string[] Sources = { "10.1.0.0/16", "10.2.0.0/16" };

            public static void Create()
            {
                var policy = new Network.FirewallPolicy("hub-policy", new() { ResourceGroupName = "rg" });
                _ = new Network.FirewallPolicyRuleCollectionGroup("aks-rcg", new()
                {
                    ResourceGroupName = "rg",
                    FirewallPolicyName = policy.Name,
                    Priority = 200,
                    RuleCollections =
                    {
                        new Network.Inputs.FirewallPolicyFilterRuleCollectionArgs
                        {
                            Name = "aks-app",
                            Priority = 100,
                            RuleCollectionType = "FirewallPolicyFilterRuleCollection",
                            Action = new Network.Inputs.FirewallPolicyFilterRuleCollectionActionArgs { Type = "Allow" },
                            Rules = new[]
                            {
                                new Network.Inputs.ApplicationRuleArgs
                                {
                                    Name = "core",
                                    RuleType = "ApplicationRule",
                                    SourceAddresses = Sources,
                                    Protocols = { new Network.Inputs.FirewallPolicyRuleApplicationProtocolArgs { ProtocolType = "Https", Port = 443 } },
                                    TargetFqdns = { "mcr.microsoft.com", "*.data.mcr.microsoft.com", $"*.hcp.{Region}.azmk8s.io" },
                                },
                            },
                        },
                        new Network.Inputs.FirewallPolicyFilterRuleCollectionArgs
                        {
                            Name = "aks-net",
                            Priority = 110,
                            RuleCollectionType = "FirewallPolicyFilterRuleCollection",
                            Action = new Network.Inputs.FirewallPolicyFilterRuleCollectionActionArgs { Type = "Allow" },
                            Rules = new[]
                            {
                                new Network.Inputs.NetworkRuleArgs
                                {
                                    Name = "ntp",
                                    RuleType = "NetworkRule",
                                    SourceAddresses = Sources,
                                    IpProtocols = { "UDP" },
                                    DestinationAddresses = { "*" },
                                    DestinationPorts = { "123" },
                                },
                            },
                        },
                    },
                });

                _ = new Aks.ManagedCluster("aks", new()
                {
                    ResourceGroupName = "rg",
                    Location = Region,
                    NetworkProfile = new Aks.Inputs.ContainerServiceNetworkProfileArgs { OutboundType = "userDefinedRouting" },
                });
            }
        }
        """;

    private const string AzureSdkProgram = """
        using System.Threading.Tasks;
        using Azure;
        using Azure.Core;
        using Azure.ResourceManager.Network;
        using Azure.ResourceManager.Network.Models;
        using Azure.ResourceManager.Resources;

        public static class Hub
        {
            private static readonly string[] ImageEndpoints = { "mcr.microsoft.com", "*.data.mcr.microsoft.com" };

            public static async Task Deploy(ResourceGroupResource rg)
            {
                var images = new AzureFirewallApplicationRule { Name = "images", SourceAddresses = { "10.20.0.0/16" } };
                foreach (var endpoint in ImageEndpoints)
                {
                    images.TargetFqdns.Add(endpoint);
                }

                var data = new AzureFirewallData
                {
                    Location = AzureLocation.WestEurope,
                    ApplicationRuleCollections =
                    {
                        new AzureFirewallApplicationRuleCollectionData
                        {
                            Name = "aks-core",
                            Priority = 200,
                            ActionType = AzureFirewallRCActionType.Allow,
                            Rules =
                            {
                                new AzureFirewallApplicationRule
                                {
                                    Name = "management",
                                    SourceAddresses = { "10.20.0.0/16" },
                                    Protocols = { new AzureFirewallApplicationRuleProtocol { ProtocolType = AzureFirewallApplicationRuleProtocolType.Https, Port = 443 } },
                                    TargetFqdns = { "management.azure.com", "login.microsoftonline.com" },
                                },
                            },
                        },
                        new AzureFirewallApplicationRuleCollectionData { Name = "deny-all", Priority = 300, ActionType = AzureFirewallRCActionType.Deny },
                    },
                };
                await rg.GetAzureFirewalls().CreateOrUpdateAsync(WaitUntil.Completed, "fw-hub", data);
            }
        }
        """;

    private static string PulumiHubDirectory => Path.Combine(Corpus.RepositoryRoot, "samples", "PulumiHub");

    private static CSharpCodeFixRunner Runner(SeedProgram seed, string mutatedText) =>
        new(new[] { (seed.Mutated.Path, mutatedText) }.Concat(seed.IntactSources), seed.AdditionalFiles, outputKind: seed.Kind);

    /// <summary>Applies the mutations in order, each to the tokens of the text the previous one left.</summary>
    private static string Apply(string text, IEnumerable<Mutation> mutations)
    {
        foreach (var mutation in mutations)
        {
            var tokens = SyntaxFactory.ParseTokens(text).Where(t => !t.IsKind(SyntaxKind.EndOfFileToken)).ToList();
            if (tokens.Count == 0)
            {
                return text;
            }

            var index = Math.Min(tokens.Count - 1, (int)(mutation.Position * tokens.Count));
            var token = tokens[index].Span;
            var sliceEnd = tokens[Math.Min(tokens.Count - 1, index + (int)(mutation.Length * 20))].Span.End;
            var replacement = Replacements[mutation.Replacement];
            text = mutation.Kind switch
            {
                MutationKind.DeleteToken => text.Remove(token.Start, token.Length),
                MutationKind.ReplaceToken => text.Remove(token.Start, token.Length).Insert(token.Start, replacement),
                MutationKind.InsertBeforeToken => text.Insert(token.Start, replacement + " "),
                MutationKind.DuplicateSlice => text.Insert(sliceEnd, " " + text[token.Start..sliceEnd]),
                MutationKind.DeleteSlice => text.Remove(token.Start, sliceEnd - token.Start),
                MutationKind.Truncate => text[..(int)(mutation.Position * text.Length)],
                _ => index + 1 < tokens.Count
                    ? text[..token.Start] + text[tokens[index + 1].Span.Start..tokens[index + 1].Span.End] + text[token.End..tokens[index + 1].Span.Start] + text[token.Start..token.End] + text[tokens[index + 1].Span.End..]
                    : text,
            };
        }

        return text;
    }

    /// <summary>Runs the analyzer as the IDE does; fails on an analyzer exception, an AD0001 or a run past the time bound.</summary>
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeWithinBoundAsync(Project project)
    {
        using var timeout = new CancellationTokenSource(TimeBound);
        var compilation = (await project.GetCompilationAsync(timeout.Token))!;
        var exceptions = new List<Exception>();
        var analyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new EgressCoverageAnalyzer()),
            new CompilationWithAnalyzersOptions(project.AnalyzerOptions, (e, _, _) => { lock (exceptions) { exceptions.Add(e); } }, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        ImmutableArray<Diagnostic> diagnostics;
        try
        {
            diagnostics = await analyzers.GetAnalyzerDiagnosticsAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new Xunit.Sdk.XunitException($"The analysis did not finish within {TimeBound.TotalSeconds} s");
        }

        Assert.True(exceptions.Count == 0, "The analyzer threw:\n" + string.Join("\n", exceptions));
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    private static ImmutableArray<Diagnostic> FixableIn(ImmutableArray<Diagnostic> diagnostics, string path) =>
        diagnostics.Where(d => Fixable.Contains(d.Id) && d.Location.SourceTree?.FilePath == path).ToImmutableArray();

    private static async Task AssertLocationsInsideTheirFilesAsync(Project project, ImmutableArray<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            var location = diagnostic.Location;
            var length = location.SourceTree is { } tree
                ? (await tree.GetTextAsync()).Length
                : location.Kind == LocationKind.ExternalFile
                    ? (await project.AdditionalDocuments.Single(d => d.FilePath == location.GetLineSpan().Path).GetTextAsync()).Length
                    : 0;
            Assert.True(location.Kind == LocationKind.None || location.SourceSpan.End <= length, $"{diagnostic} lies outside its file of {length} characters");
        }
    }

    /// <summary>
    /// Computes every action offered for <paramref name="finding"/> and checks that the fixed file still holds all the
    /// code the user wrote, token for token and in order: a fix inserts rules, it never drops or rewrites one.
    /// </summary>
    private static async Task AssertEveryFixKeepsTheCodeAsync(CSharpCodeFixRunner runner, Diagnostic finding, string before)
    {
        using var timeout = new CancellationTokenSource(TimeBound);
        var actions = await runner.ActionsForAsync(finding);
        foreach (var action in actions)
        {
            FixAssertions.KeepsEveryToken(before, await runner.TextAfterAsync(action, finding.Location.SourceTree!.FilePath, timeout.Token), action.Title);
        }
    }

    /// <summary>FixAll in the document, for each kind of action offered on its first finding: keeps all the code too.</summary>
    private static async Task AssertFixAllKeepsTheCodeAsync(CSharpCodeFixRunner runner, ImmutableArray<Diagnostic> fixable, string path, string before)
    {
        if (fixable.IsEmpty)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeBound);
        foreach (var key in (await runner.ActionsForAsync(fixable[0])).Select(a => a.EquivalenceKey).Distinct())
        {
            if (key is not null && await runner.FixAllActionAsync(path, key, fixable, timeout.Token) is { } fixAll)
            {
                FixAssertions.KeepsEveryToken(before, await runner.TextAfterAsync(fixAll, path, timeout.Token), "FixAll " + key);
            }
        }
    }
}
