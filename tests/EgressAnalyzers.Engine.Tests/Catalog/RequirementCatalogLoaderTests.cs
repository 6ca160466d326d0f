using EgressAnalyzers.Engine.Catalog;

namespace EgressAnalyzers.Engine.Tests.Catalog;

public class RequirementCatalogLoaderTests
{
    private const string Entry = """
        { "id": "X-A1", "fqdn": "mcr.microsoft.com", "protocol": "Https", "port": 443, "level": "required",
          "coveredByAksFqdnTag": true, "purpose": "images", "source": "S", "note": "ignored by the loader" }
        """;

    private const string NetworkEntry = """
        { "id": "X-N1", "protocol": "UDP", "port": 1194, "destinations": ["*", "serviceTag:AzureCloud.<location>"],
          "level": "recommended", "requiredWhen": "legacyTunnel", "notFor": ["privateCluster"], "purpose": "tunnel", "source": "S" }
        """;

    private static string Catalog(string entries = Entry + ",\n" + NetworkEntry, string extraRoot = "") => $$"""
        {
          "$comment": ["test catalog"],
          "version": "2026-01-01",
          "profiles": ["current"],
          "clouds": ["AzureCloud"],
          "features": ["gpu"],
          "sources": { "S": { "text": "a doc @ abc", "date": "2026-01-01" } },
          "regions": { "AzureCloud": ["eastus", "westeurope"] },
          "requirements": { "current": { "AzureCloud": [ {{entries}} ] } },
          "deprecated": [ { "fqdn": "old.example.com", "note": "removed on 2020-01-01", "source": "a doc @ def" } ]{{extraRoot}}
        }
        """;

    [Fact]
    public void Parse_ValidCatalog_FillsEveryField()
    {
        var catalog = RequirementCatalog.Parse(Catalog());

        var app = catalog.Requirements[0];
        Assert.Equal(("X-A1", "current", "AzureCloud", RequirementKind.Application), (app.Id, app.Profile, app.Cloud, app.Kind));
        Assert.Equal(("mcr.microsoft.com", "Https", 443, RequirementLevel.Required), (app.Fqdn, app.Protocol, app.Port, app.Level));
        Assert.True(app.CoveredByAksFqdnTag);
        Assert.Equal(("images", "a doc @ abc", "2026-01-01"), (app.Purpose, app.Source, app.SourceDate));

        var network = catalog.Requirements[1];
        Assert.Equal(RequirementKind.Network, network.Kind);
        Assert.Null(network.Fqdn);
        Assert.Equal(new[] { "*", "serviceTag:AzureCloud.<location>" }, network.Destinations);
        Assert.Equal("legacyTunnel", network.RequiredWhen);
        Assert.Equal(new[] { "privateCluster" }, network.NotFor);
        Assert.False(network.CoveredByAksFqdnTag);

        Assert.True(catalog.IsKnownRegion("AzureCloud", "westeurope"));
        Assert.Equal("removed on 2020-01-01", Assert.Single(catalog.Deprecated).Note);
    }

    [Theory]
    [InlineData("\"fdqn\": \"typo.example.com\"", "unknown key 'fdqn'")]
    [InlineData("\"onlyWhen\": \"gpus\"", "onlyWhen 'gpus'")]
    [InlineData("\"requiredWhen\": \"always\"", "requiredWhen 'always'")]
    [InlineData("\"notFor\": [\"publicCluster\"]", "notFor 'publicCluster'")]
    [InlineData("\"destinations\": [\"AzureMonitor\"]", "may only list service tags")]
    public void Parse_InvalidEntryField_ThrowsNamingTheEntry(string extraField, string expectedMessagePart)
    {
        var entry = Entry.Replace("\"level\"", extraField + ", \"level\"", StringComparison.Ordinal);

        var exception = Assert.Throws<InvalidOperationException>(() => RequirementCatalog.Parse(Catalog(entry)));

        Assert.Contains("current/AzureCloud/X-A1", exception.Message, StringComparison.Ordinal);
        Assert.Contains(expectedMessagePart, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"protocol\": \"Https\"", "\"protocol\": \"TCP\"", "protocol 'TCP'")]
    [InlineData("\"port\": 443", "\"port\": 70000", "port 70000")]
    [InlineData("\"level\": \"required\"", "\"level\": \"optional\"", "level 'optional'")]
    [InlineData("\"source\": \"S\"", "\"source\": \"T\"", "source 'T'")]
    [InlineData("\"purpose\": \"images\"", "\"purpose\": \"\"", "'purpose' must be a non-empty string")]
    public void Parse_InvalidValue_Throws(string original, string replacement, string expectedMessagePart)
    {
        var entry = Entry.Replace(original, replacement, StringComparison.Ordinal);

        var exception = Assert.Throws<InvalidOperationException>(() => RequirementCatalog.Parse(Catalog(entry)));

        Assert.Contains(expectedMessagePart, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingPurpose_Throws()
    {
        var entry = Entry.Replace("\"purpose\": \"images\", ", "", StringComparison.Ordinal);

        var exception = Assert.Throws<InvalidOperationException>(() => RequirementCatalog.Parse(Catalog(entry)));

        Assert.Contains("'purpose' is missing", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NetworkEntryWithoutDestinations_Throws()
    {
        var entry = NetworkEntry.Replace("\"destinations\": [\"*\", \"serviceTag:AzureCloud.<location>\"],", "", StringComparison.Ordinal);

        var exception = Assert.Throws<InvalidOperationException>(() => RequirementCatalog.Parse(Catalog(entry)));

        Assert.Contains("at least one destination", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateIdInOneProfileAndCloud_Throws()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => RequirementCatalog.Parse(Catalog(Entry + ",\n" + Entry)));

        Assert.Contains("used twice", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownTopLevelKey_Throws()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => RequirementCatalog.Parse(Catalog(extraRoot: ", \"regons\": {}")));

        Assert.Contains("unknown key 'regons'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SyntaxError_Throws()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => RequirementCatalog.Parse("{ \"version\": "));

        Assert.Contains("syntax error", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RegionNotNormalised_Throws()
    {
        var text = Catalog().Replace("\"westeurope\"", "\"West Europe\"", StringComparison.Ordinal);

        var exception = Assert.Throws<InvalidOperationException>(() => RequirementCatalog.Parse(text));

        Assert.Contains("'West Europe' is not normalised", exception.Message, StringComparison.Ordinal);
    }
}
