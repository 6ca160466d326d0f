using CsCheck;
using EgressAnalyzers.Engine.Coverage;

namespace EgressAnalyzers.Engine.Tests.Coverage;

public class FqdnPatternTests
{
    [Theory]
    [InlineData("*.contoso.com", "any.contoso.com", true)]
    [InlineData("*.contoso.com", "sub1.any.contoso.com", true)]
    [InlineData("*.contoso.com", "contoso.com", false)]
    [InlineData("*.contoso.com", "notcontoso.com", false)]
    [InlineData("*.core.windows.net", "a.blob.core.windows.net", true)]
    public void SubdomainWildcard_MatchesAnyDepthBelowButNotTheApex(string pattern, string name, bool expected) =>
        Assert.Equal(expected, FqdnPattern.Parse(pattern).Matches(name));

    [Theory]
    [InlineData("contoso.com", true)]
    [InlineData("example.anycontoso.com", true)]
    [InlineData("sub.example.contoso.com", true)]
    [InlineData("th3re4lcontoso.com", true)]
    [InlineData("contoso.org", false)]
    public void Wildcard_WithoutDot_MatchesLookAlikeNames(string name, bool expected)
    {
        var pattern = FqdnPattern.Parse("*contoso.com");
        Assert.Equal(FqdnPatternKind.Suffix, pattern.Kind);
        Assert.Equal(expected, pattern.Matches(name));
    }

    [Fact]
    public void Star_Alone_MatchesEverything()
    {
        var pattern = FqdnPattern.Parse("*");
        Assert.Equal(FqdnPatternKind.Any, pattern.Kind);
        Assert.True(pattern.Matches("mcr.microsoft.com"));
        Assert.True(pattern.Covers("*.hcp.westeurope.azmk8s.io"));
    }

    [Theory]
    [InlineData("MCR.Microsoft.COM", "mcr.microsoft.com")]
    [InlineData("*.Data.MCR.microsoft.com", "WestEurope.data.mcr.microsoft.com")]
    public void Matching_IsCaseInsensitive(string pattern, string name) =>
        Assert.True(FqdnPattern.Parse(pattern).Matches(name));

    [Fact]
    public void ExactName_MatchesOnlyItself()
    {
        var pattern = FqdnPattern.Parse("mcr.microsoft.com");
        Assert.True(pattern.Matches("mcr.microsoft.com"));
        Assert.False(pattern.Matches("a.mcr.microsoft.com"));
        Assert.False(pattern.Matches("microsoft.com"));
    }

    [Theory]
    [InlineData("www.contoso.*")]
    [InlineData("*.contoso.*")]
    [InlineData("*.*.test.local")]
    [InlineData("aabbcc*.test.local")]
    [InlineData("test.*.testcom.com")]
    [InlineData("test.com.*")]
    [InlineData("a..b.com")]
    [InlineData(".contoso.com")]
    [InlineData("contoso.com.")]
    [InlineData("con toso.com")]
    [InlineData("contoso!.com")]
    [InlineData("")]
    [InlineData("*.")]
    [InlineData("-bad.com")]
    public void InvalidForms_AreInvalidWithAReason(string text)
    {
        var pattern = FqdnPattern.Parse(text);
        Assert.False(pattern.IsValid);
        Assert.False(string.IsNullOrEmpty(pattern.Error));
        Assert.False(pattern.Matches("www.contoso.com"));
    }

    [Theory]
    [InlineData("*", true)]
    [InlineData("*.azmk8s.io", true)]
    [InlineData("*.hcp.westeurope.azmk8s.io", true)]
    [InlineData("*azmk8s.io", true)]
    [InlineData("*.westeurope.azmk8s.io", true)]
    [InlineData("*.hcp.eastus.azmk8s.io", false)]
    [InlineData("abc.hcp.westeurope.azmk8s.io", false)]
    [InlineData("hcp.westeurope.azmk8s.io", false)]
    [InlineData("*.a.hcp.westeurope.azmk8s.io", false)]
    public void Covers_WildcardRequirement_OnlyWhenEveryNameIsMatched(string rule, bool expected) =>
        Assert.Equal(expected, FqdnPattern.Parse(rule).Covers("*.hcp.westeurope.azmk8s.io"));

    [Theory]
    [InlineData("*.microsoft.com", true)]
    [InlineData("*microsoft.com", true)]
    [InlineData("*.mcr.microsoft.com", false)]
    [InlineData("mcr.microsoft.com", true)]
    public void Covers_ExactRequirement_WhenThePatternMatchesIt(string rule, bool expected) =>
        Assert.Equal(expected, FqdnPattern.Parse(rule).Covers("mcr.microsoft.com"));

    [Fact]
    public void Covers_SuffixRequirement_OnlyBySuffixOrStar()
    {
        Assert.True(FqdnPattern.Parse("*windows.net").Covers("*blob.core.windows.net"));
        Assert.False(FqdnPattern.Parse("*.windows.net").Covers("*blob.core.windows.net"));
    }

    [Fact]
    public void InvalidPattern_CoversNothing() =>
        Assert.False(FqdnPattern.Parse("mcr.*").Covers("mcr.microsoft.com"));

    [Fact]
    public void CoversWithoutBuildingThePattern_AgreesWithTheDocumentedRule()
    {
        var pattern = Gen.OneOf(new[] { "*", "*.", "*", "", "mcr", "MCR", "microsoft", "com", ".", "-", "data", "x y" });
        var requirement = Gen.OneOf(new[] { "*.", "*", "", "mcr", "microsoft", "com", ".", "data", "Data" });
        Gen.Select(pattern.Array[0, 5], requirement.Array[0, 5]).Sample(
            (patternPieces, requirementPieces) =>
            {
                var text = string.Concat(patternPieces);
                var name = string.Concat(requirementPieces);
                Assert.True(FqdnPattern.Covers(text, name) == Reference(text, name), $"'{text}' covers '{name}'");
                Assert.True(FqdnPattern.Parse(text).Covers(name) == Reference(text, name), $"'{text}' covers '{name}' (parsed)");
            },
            iter: 10000,
            threads: 1);

        // Reference §5.2 written with plain string operations: "*" covers all; "*.b" the names below b; "*b" the names
        // ending with b; a wildcard requirement only when every name it stands for is covered.
        static bool Reference(string text, string requirement)
        {
            var parsed = FqdnPattern.Parse(text);
            if (!parsed.IsValid)
            {
                return false;
            }

            var body = parsed.Body;
            var required = requirement.ToLowerInvariant();
            if (parsed.Kind == FqdnPatternKind.Any)
            {
                return true;
            }

            if (required.StartsWith("*.", StringComparison.Ordinal))
            {
                var dotted = required.Substring(1);
                return parsed.Kind == FqdnPatternKind.Subdomains ? dotted.EndsWith("." + body, StringComparison.Ordinal)
                    : parsed.Kind == FqdnPatternKind.Suffix && dotted.EndsWith(body, StringComparison.Ordinal);
            }

            if (required.StartsWith("*", StringComparison.Ordinal))
            {
                return parsed.Kind == FqdnPatternKind.Suffix && required.Substring(1).EndsWith(body, StringComparison.Ordinal);
            }

            return parsed.Kind switch
            {
                FqdnPatternKind.Exact => required == body,
                FqdnPatternKind.Subdomains => required.Length > body.Length + 1 && required.EndsWith("." + body, StringComparison.Ordinal),
                FqdnPatternKind.Suffix => required.EndsWith(body, StringComparison.Ordinal),
                _ => false,
            };
        }
    }
}
