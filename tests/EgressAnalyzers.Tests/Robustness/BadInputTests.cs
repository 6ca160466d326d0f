using System.Text;
using EgressAnalyzers.Tests.Infrastructure;
using EgressAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace EgressAnalyzers.Tests.Robustness;

/// <summary>
/// Hostile and broken additional files through the real analyzer: a clear EGR0002 or nothing, never an analyzer
/// exception (AD0001 in a build), never a hang, and locations inside the file.
/// </summary>
public class BadInputTests
{
    private const string Path = "/repo/infra/hub.json";

    private static string Header => $"{{ \"$schema\": \"{ArmFixtures.Schema}\", \"contentVersion\": \"1.0.0.0\", ";

    [Fact]
    public async Task TenThousandNestedArrays_AreReportedAsTooDeep_WithoutStackOverflow()
    {
        var text = Header + "\"variables\": { \"deep\": " + new string('[', 10_000) + new string(']', 10_000) + " }, \"resources\": [] }";
        var result = await RunAsync(text);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EGR0002", diagnostic.Id);
        Assert.Contains("nesting deeper than", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileAboveTheSizeLimit_IsReportedOnce_AndNotParsed()
    {
        var padding = new string(' ', 33 * 1024 * 1024);
        var result = await RunAsync(Header + "\"resources\": [] }" + padding);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EGR0002", diagnostic.Id);
        Assert.Contains("larger than", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnormousStringValue_IsReadAndTheFirewallStillChecked()
    {
        var huge = new string('a', 4 * 1024 * 1024);
        var text = ArmFixtures.Cluster();
        var firewall = ArmFixtures.ClassicFirewall(ArmFixtures.AppCollection("\"aks\"", 100, "Allow", ArmFixtures.HttpsRule($"\"{huge}.example\", " + ArmFixtures.CoreFqdnsExcept("mcr.microsoft.com"))));
        var result = await RunAsync(new[] { ("/repo/infra/cluster.json", text), (Path, firewall) });
        Assert.Contains(result.Diagnostics, d => d.Id == "EGR1001" && d.GetMessage().Contains("'mcr.microsoft.com'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("utf-8 with BOM")]
    [InlineData("utf-16 LE with BOM")]
    [InlineData("utf-16 BE with BOM")]
    public async Task EncodedFiles_AreReadLikeTheirUtf8Equivalent(string encodingName)
    {
        var encoding = encodingName switch
        {
            "utf-8 with BOM" => (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
            "utf-16 LE with BOM" => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
            _ => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
        };
        var firewall = ArmFixtures.ClassicFirewall(ArmFixtures.AppCollection("\"aks\"", 100, "Allow", ArmFixtures.HttpsRule(ArmFixtures.CoreFqdnsExcept("mcr.microsoft.com"))));
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(firewall)).ToArray();
        // The compiler decodes additional files by their byte order mark, as SourceText.From(stream) does.
        var text = SourceText.From(new MemoryStream(bytes), throwIfBinaryDetected: false);

        var result = await AnalyzerRunner.RunAsync(new AdditionalText[]
        {
            new InMemoryAdditionalText("/repo/infra/cluster.json", ArmFixtures.Cluster()),
            new InMemoryAdditionalText(Path, text),
        });

        Assert.Empty(result.AnalyzerExceptions);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "EGR0002");
        var missing = Assert.Single(result.Diagnostics, d => d.Id == "EGR1001");
        Assert.Contains("'mcr.microsoft.com'", missing.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidUtf8Bytes_AreReplacedAndTheRestOfTheFileIsRead()
    {
        var firewall = ArmFixtures.ClassicFirewall(ArmFixtures.AppCollection("\"aks\"", 100, "Allow", ArmFixtures.HttpsRule("\"caf\u00e9.example\", " + ArmFixtures.CoreFqdnsExcept("mcr.microsoft.com"))));
        var bytes = Encoding.UTF8.GetBytes(firewall);
        var at = Array.IndexOf(bytes, (byte)0xC3);
        bytes[at] = 0xFF; // no longer valid UTF-8
        var text = SourceText.From(new MemoryStream(bytes), throwIfBinaryDetected: false);

        var result = await AnalyzerRunner.RunAsync(new AdditionalText[]
        {
            new InMemoryAdditionalText("/repo/infra/cluster.json", ArmFixtures.Cluster()),
            new InMemoryAdditionalText(Path, text),
        });

        Assert.Empty(result.AnalyzerExceptions);
        Assert.Contains(result.Diagnostics, d => d.Id == "EGR1001" && d.GetMessage().Contains("'mcr.microsoft.com'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\0")]
    [InlineData("\r")]
    [InlineData("\r\n")]
    [InlineData("\u2028")]
    public async Task NulBytesAndMixedLineEndings_BetweenTokens_DoNotHideFindings(string separator)
    {
        var firewall = ArmFixtures.ClassicFirewall(ArmFixtures.AppCollection("\"aks\"", 100, "Allow", ArmFixtures.HttpsRule(ArmFixtures.CoreFqdnsExcept("mcr.microsoft.com"))))
            .Replace("\n", "\n" + separator + "\r\n", StringComparison.Ordinal);
        var result = await RunAsync(new[] { ("/repo/infra/cluster.json", ArmFixtures.Cluster()), (Path, firewall) });

        // A NUL between tokens is a syntax error (EGR0002 at it, the rest unread); line separators are whitespace.
        if (separator == "\0")
        {
            Assert.Contains(result.Diagnostics, d => d.Id == "EGR0002");
        }
        else
        {
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "EGR0002");
            Assert.Contains(result.Diagnostics, d => d.Id == "EGR1001" && d.GetMessage().Contains("'mcr.microsoft.com'", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task WrongTypesEverywhere_AreIgnoredOrUnknown_NeverAnException()
    {
        var text = Header + """
            "resources": [
              { "type": "Microsoft.Network/azureFirewalls", "apiVersion": "2023-09-01", "name": 42, "properties": {
                  "applicationRuleCollections": "not-an-array",
                  "networkRuleCollections": [ 1, "two", null, { "name": [], "properties": { "priority": "high", "action": 7,
                    "rules": { "name": "object-not-array" } } } ] } },
              { "type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-05-01", "name": "aks", "location": [ "westeurope" ],
                "properties": { "agentPoolProfiles": "none", "apiServerAccessProfile": { "enablePrivateCluster": "maybe" } } },
              { "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "name": "[unknownFunction(1, 2)]",
                "properties": { "priority": [ 1 ], "ruleCollections": [ { "ruleCollectionType": 5, "rules": [ { "ruleType": "ApplicationRule",
                  "protocols": "Https:443", "targetFqdns": { "a": 1 } } ] } ] } },
              "a string where a resource should be",
              [ "an array" ]
            ] }
            """;
        var result = await RunAsync(text);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "EGR1001");
    }

    [Fact]
    public async Task CancelledCompilation_ThrowsOperationCanceled_InsteadOfAnalyzing()
    {
        var rules = string.Join(",\n", Enumerable.Range(0, 20_000).Select(i => ArmFixtures.HttpsRule($"\"app{i}.example\"", name: $"r{i}")));
        var firewall = ArmFixtures.ClassicFirewall(ArmFixtures.AppCollection("\"big\"", 100, "Allow", rules));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AnalyzerRunner.RunAsync(
            new AdditionalText[] { new InMemoryAdditionalText(Path, firewall), new InMemoryAdditionalText("/repo/infra/cluster.json", ArmFixtures.Cluster()) },
            cancellationToken: cancellation.Token));
    }

    private static Task<AnalyzerRunner.Result> RunAsync(string text) => RunAsync(new[] { (Path, text) });

    private static async Task<AnalyzerRunner.Result> RunAsync((string Path, string Text)[] files)
    {
        var result = await AnalyzerRunner.RunAsync(files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)));
        Assert.Empty(result.AnalyzerExceptions);
        foreach (var diagnostic in result.Diagnostics.Where(d => d.Location != Location.None))
        {
            var length = files.Single(f => f.Path == diagnostic.Location.GetLineSpan().Path).Text.Length;
            Assert.InRange(diagnostic.Location.SourceSpan.End, diagnostic.Location.SourceSpan.Start, length);
        }

        return result;
    }
}
