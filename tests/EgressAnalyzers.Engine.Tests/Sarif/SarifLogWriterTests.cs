using System.Text.Json;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Sarif;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Tests.Sarif;

public class SarifLogWriterTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "egress-sarif-root");
    private static readonly string HubPath = Path.Combine(Root, "infra", "hub.json");
    private const string HubText = "{\n  \"resources\": [\n    { \"name\": \"aks-core\" }\n  ]\n}\n";

    private static Finding Missing(string endpoint, int start, int length = 10, string path = "", string firewall = "fw-hub") =>
        new(EgressRules.EGR1001_RequiredApplicationEgressNotAllowed, new SourceSpan(path.Length == 0 ? HubPath : path, start, length),
            $"Azure Firewall '{firewall}'", $"'{endpoint}'", "Https:443", "why")
        {
            Subject = new ResourceKey("Microsoft.Network/azureFirewalls", firewall),
            Endpoint = endpoint,
            RequirementId = "G-A3",
        };

    private static JsonElement WriteRun(IReadOnlyList<Finding> findings, Func<Finding, IReadOnlyList<SarifFix>>? fixes = null)
    {
        var json = SarifLogWriter.Write(new SarifLogInput
        {
            Findings = findings,
            TextOf = path => path == HubPath ? HubText : null,
            SourceRoot = Root,
            ToolVersion = "1.2.3",
            Fixes = fixes,
        });
        using var document = JsonDocument.Parse(json);
        var runs = document.RootElement.GetProperty("runs");
        Assert.Equal("2.1.0", document.RootElement.GetProperty("version").GetString());
        Assert.Equal(1, runs.GetArrayLength());
        return runs[0].Clone();
    }

    [Fact]
    public void Write_DescribesEveryRuleWithItsHelpUri_AndTheToolVersion()
    {
        var run = WriteRun(Array.Empty<Finding>());

        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("1.2.3", driver.GetProperty("version").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(EgressRules.All.Select(r => r.Id), rules.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(EgressRules.All.Select(r => r.HelpLink), rules.Select(r => r.GetProperty("helpUri").GetString()));
        Assert.Empty(run.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public void Write_FileUnderTheSourceRoot_IsARelativeUriUnderSrcRoot_WithAOneBasedRegion()
    {
        var start = HubText.IndexOf("\"aks-core\"", StringComparison.Ordinal);
        var run = WriteRun(new[] { Missing("login.microsoftonline.com", start) });

        var result = run.GetProperty("results")[0];
        var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("infra/hub.json", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", physical.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(3, physical.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(15, physical.GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.StartsWith("file://", run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Equal("azurefirewalls/fw-hub/login.microsoftonline.com",
            result.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
    }

    [Fact]
    public void Write_FileOutsideTheSourceRoot_IsAnAbsoluteFileUri()
    {
        var outside = Path.Combine(Path.GetTempPath(), "elsewhere", "hub.json");
        var run = WriteRun(new[] { Missing("login.microsoftonline.com", 0, path: outside) });

        var artifact = run.GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.StartsWith("file://", artifact.GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.False(artifact.TryGetProperty("uriBaseId", out _));
    }

    [Fact]
    public void Fingerprint_IgnoresWhereInTheFileTheFindingIs_ButNotWhatItIsAbout()
    {
        var here = SarifLogWriter.Fingerprint(Missing("login.microsoftonline.com", 10), Root);

        Assert.Equal(here, SarifLogWriter.Fingerprint(Missing("login.microsoftonline.com", 400), Root));
        Assert.NotEqual(here, SarifLogWriter.Fingerprint(Missing("mcr.microsoft.com", 10), Root));
        Assert.NotEqual(here, SarifLogWriter.Fingerprint(Missing("login.microsoftonline.com", 10, firewall: "fw-other"), Root));
        Assert.NotEqual(here, SarifLogWriter.Fingerprint(Missing("login.microsoftonline.com", 10, path: Path.Combine(Root, "infra", "other.json")), Root));
    }

    [Fact]
    public void Write_SuppressedFinding_IsKeptWithAnInSourceSuppressionAndItsJustification()
    {
        var suppressed = new Finding(EgressRules.EGR1001_RequiredApplicationEgressNotAllowed, new SourceSpan(HubPath, 0, 1), "a", "b", "c", "d")
        {
            SuppressedBy = new Suppression("EGR1001", "handled by the proxy", new SourceSpan(HubPath, 4, 11)),
        };

        var run = WriteRun(new[] { suppressed });

        var suppression = run.GetProperty("results")[0].GetProperty("suppressions")[0];
        Assert.Equal("inSource", suppression.GetProperty("kind").GetString());
        Assert.Equal("handled by the proxy", suppression.GetProperty("justification").GetString());
    }

    [Fact]
    public void Write_MessagesWithQuotesBackslashesControlCharactersAndUnicode_RoundTrip()
    {
        var awkward = "quote \" backslash \\ tab \t newline \n nul \u0001 line-separator \u2028 ünïcødé 🔥";
        var finding = new Finding(EgressRules.EGR0001_InvalidConfigurationValue, SourceSpan.None, awkward);

        var run = WriteRun(new[] { finding });

        var result = run.GetProperty("results")[0];
        Assert.Equal(awkward, result.GetProperty("message").GetProperty("text").GetString());
        Assert.Empty(result.GetProperty("locations").EnumerateArray());
    }

    [Fact]
    public void Write_Fix_IsAnArtifactChangeWithTheDeletedRegionAndTheInsertedText()
    {
        var finding = Missing("login.microsoftonline.com", 0);
        var fix = new SarifFix("Allow it", new[] { new SarifReplacement(new SourceSpan(HubPath, 2, 0), "\"added\": 1,\n") });

        var run = WriteRun(new[] { finding }, f => ReferenceEquals(f, finding) ? new[] { fix } : Array.Empty<SarifFix>());

        var change = run.GetProperty("results")[0].GetProperty("fixes")[0].GetProperty("artifactChanges")[0];
        Assert.Equal("infra/hub.json", change.GetProperty("artifactLocation").GetProperty("uri").GetString());
        var replacement = change.GetProperty("replacements")[0];
        Assert.Equal(2, replacement.GetProperty("deletedRegion").GetProperty("charOffset").GetInt32());
        Assert.Equal(0, replacement.GetProperty("deletedRegion").GetProperty("charLength").GetInt32());
        Assert.Equal("\"added\": 1,\n", replacement.GetProperty("insertedContent").GetProperty("text").GetString());
    }
}
