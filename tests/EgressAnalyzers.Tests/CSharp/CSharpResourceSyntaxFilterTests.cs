using EgressAnalyzers.CSharp;
using EgressAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static EgressAnalyzers.Tests.Verifiers.PulumiFixtures;

namespace EgressAnalyzers.Tests.CSharp;

/// <summary>
/// The syntactic pre-filter that spares the analyzer from binding every <c>new</c> of a project: every way of creating
/// a resource that a file can name must still be read, and files that name none are never bound.
/// </summary>
public class CSharpResourceSyntaxFilterTests
{
    private static readonly string MissingLoginRule = AppCollection("\"aks-core\"", HttpsRule("{ " + CoreFqdnLiteralsExcept("login.microsoftonline.com") + " }"));

    private static string FirewallArgs => $$"""
        new AzureFirewallArgs
            {
                ResourceGroupName = "rg-hub",
                AzureFirewallName = "fw-hub",
                ApplicationRuleCollections = { {{MissingLoginRule}} },
            }
        """;

    private static string HubArgsFile => Usings + $$"""
        public static class HubArgs
        {
            public static AzureFirewallArgs Create() => {{FirewallArgs}};
        }
        """;

    /// <summary>A subclass in a file of its own; the reader follows its base constructor call.</summary>
    private static string HubFirewallFile => Usings + """
        public class HubFirewall : AzureFirewall
        {
            public HubFirewall() : base("fw-hub", HubArgs.Create()) { }
        }
        """;

    /// <summary>A file that creates the firewall and names no SDK type (no usings).</summary>
    private static string Creation(string newExpression) => $$"""
        public static class HubStack
        {
            public static object Create() => {{newExpression}};
        }
        """;

    private static async Task AssertFirewallIsReadAsync(params string[] sources)
    {
        var diagnostics = await CSharpAnalysisRunner.RunAsync(sources.Prepend(Cluster()).ToArray());

        Assert.True(diagnostics.Count(d => d.Id == "EGR1001") == 1, string.Join("\n", diagnostics));
        var missing = diagnostics.Single(d => d.Id == "EGR1001");
        Assert.Contains("login.microsoftonline.com", missing.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubclassDeclaredInAnotherFile_IsReadLikeTheSdkType()
    {
        await AssertFirewallIsReadAsync(HubFirewallFile, Creation("new HubFirewall()"), HubArgsFile);
    }

    [Fact]
    public async Task SubclassOfASubclass_IsRead()
    {
        var subSubclass = Usings + """
            public sealed class WestHubFirewall : HubFirewall
            {
            }
            """;

        await AssertFirewallIsReadAsync(HubFirewallFile, subSubclass, Creation("new WestHubFirewall()"), HubArgsFile);
    }

    [Fact]
    public async Task GlobalUsingAliasDeclaredInAnotherFile_IsRead()
    {
        var alias = "global using Fw = Pulumi.AzureNative.Network.AzureFirewall;\n";
        var creation = Usings + $$"""
            public static class HubStack
            {
                public static object Create() => new Fw("fw-hub", {{FirewallArgs}});
            }
            """;

        await AssertFirewallIsReadAsync(alias, creation);
    }

    [Fact]
    public async Task TargetTypedNew_InAFileNamingTheType_IsRead()
    {
        var creation = Usings + $$"""
            public static class HubStack
            {
                public static AzureFirewall Create()
                {
                    AzureFirewall firewall = new("fw-hub", {{FirewallArgs}});
                    return firewall;
                }
            }
            """;

        await AssertFirewallIsReadAsync(creation);
    }

    [Fact]
    public void FileNamingNoResourceType_HasNoCandidates()
    {
        var unrelated = Usings + """
            public static class Tags
            {
                public static Dictionary<string, string> Create() => new() { ["team"] = "platform" };
                public static List<string> Names() => new List<string> { "a" };
            }
            """;
        var compilation = SdkStubs.CompileUserCode(OutputKind.DynamicallyLinkedLibrary, new[] { ("/src/Tags.cs", unrelated) });

        var filter = CSharpResourceSyntaxFilter.Create(compilation, CancellationToken.None);

        Assert.Empty(filter.Candidates(compilation.SyntaxTrees.Single(), CancellationToken.None));
    }

    [Fact]
    public void FileCreatingAFirewall_OffersOnlyTheResourceCreationAndTargetTypedOnes()
    {
        var compilation = SdkStubs.CompileUserCode(OutputKind.DynamicallyLinkedLibrary, new[] { ("/src/Hub.cs", ClassicFirewall(MissingLoginRule)) });

        var filter = CSharpResourceSyntaxFilter.Create(compilation, CancellationToken.None);
        var candidates = filter.Candidates(compilation.SyntaxTrees.Single(), CancellationToken.None).Select(c => c.ToString()).ToList();

        // The Args objects inside are read through the firewall's creation, not bound on their own.
        var candidate = Assert.Single(candidates);
        Assert.StartsWith("new AzureFirewall(\"fw-hub\"", candidate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetTypedNew_WithCommentsBeforeItsArguments_IsRead()
    {
        var creation = Usings + $$"""
            public static class HubStack
            {
                public static AzureFirewall Create()
                {
                    AzureFirewall firewall = new /* the hub */
                        // one firewall per region
                        ("fw-hub", {{FirewallArgs}});
                    return firewall;
                }
            }
            """;

        await AssertFirewallIsReadAsync(creation);
    }

    [Fact]
    public void Candidates_AreTheNamedAndTargetTypedCreations_AFullWalkFinds()
    {
        // The filter walks only the parts of a tree around a type name or a `new (`; a full walk is the reference.
        var source = Usings + """
            using Fw = Pulumi.AzureNative.Network.AzureFirewall;

            public static class Stacks
            {
                // Target-typed creations whose own text names no type: found through their `new (`.
                private static readonly AzureFirewall Field = new("fw-field", Args());
                private static readonly List<string> Names = new List<string> { "a", "b" };

                public static IEnumerable<object> Create()
                {
                    var tags = new Dictionary<string, string> { ["team"] = "platform" };
                    yield return new Pulumi.AzureNative.Network.AzureFirewall("fw-qualified", new AzureFirewallArgs());
                    yield return new Fw("fw-alias", new AzureFirewallArgs());
                    System.Func<AzureFirewall> factory = () => new AzureFirewall("fw-lambda", new AzureFirewallArgs());
                    yield return factory();
                    yield return Local();
                    AzureFirewall Local() => new
                        /* target-typed */ ("fw-local", Args());
                    object unrelated = new object();
                    yield return unrelated;
                }

                private static AzureFirewallArgs Args() => new AzureFirewallArgs();
            }
            """;
        var compilation = SdkStubs.CompileUserCode(OutputKind.DynamicallyLinkedLibrary, new[] { ("/src/Stacks.cs", source) });
        var tree = compilation.SyntaxTrees.Single();
        var filter = CSharpResourceSyntaxFilter.Create(compilation, CancellationToken.None);
        var typeNames = new HashSet<string>(CSharpSdkSymbols.ResourceTypeSimpleNames) { "Fw" };

        var expected = tree.GetRoot().DescendantNodes()
            .Where(n => n is ImplicitObjectCreationExpressionSyntax
                || (n is ObjectCreationExpressionSyntax creation && typeNames.Contains(creation.Type is QualifiedNameSyntax q ? q.Right.Identifier.ValueText : creation.Type.ToString())))
            .Select(n => n.SpanStart)
            .ToList();
        var actual = filter.Candidates(tree, CancellationToken.None).Select(n => n.SpanStart).ToList();

        Assert.Equal(5, expected.Count);
        Assert.Equal(expected, actual);
    }
}
