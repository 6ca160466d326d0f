using CsCheck;
using EgressAnalyzers.Engine.Coverage;
using EgressAnalyzers.Engine.Model;
using static EgressAnalyzers.Engine.Tests.Coverage.TestModel;

namespace EgressAnalyzers.Engine.Tests.Coverage;

/// <summary>An unknown value with known parts rules out what no value of its unknown parts could match.</summary>
public class ValueShapeTests
{
    private static readonly RequirementInstance Mcr = RequirementInstance.For(TestCatalog.Mcr, "westeurope");
    private static readonly RequirementInstance Hcp = RequirementInstance.For(TestCatalog.Hcp, "westeurope");

    private static ModelValue Shaped(string shape) => ModelValue.Unknown("[format(...)]", Span(), shape);

    [Theory]
    [InlineData("{resourceGroup().location}.monitoring.azure.com", "mcr.microsoft.com", false)]
    [InlineData("{resourceGroup().location}.monitoring.azure.com", "westeurope.monitoring.azure.com", true)]
    [InlineData("{resourceGroup().location}.monitoring.azure.com", "*.monitoring.azure.com", true)]
    [InlineData("*.{parameters('zone')}", "mcr.microsoft.com", true)]
    [InlineData("{parameters('fqdn')}", "mcr.microsoft.com", true)]
    [InlineData("mcr.{parameters('suffix')}", "mcr.microsoft.com", true)]
    [InlineData("login.{parameters('suffix')}", "mcr.microsoft.com", false)]
    public void CouldCoverFqdn_UsesTheKnownTextAroundTheHoles(string shape, string requirement, bool expected)
    {
        Assert.Equal(expected, ValueShape.CouldCoverFqdn(shape, requirement));
    }

    [Fact]
    public void UnknownTargetFqdn_WithAnUnrelatedKnownSuffix_DoesNotMatch()
    {
        var rule = App(new[] { Shaped("{resourceGroup().location}.monitoring.azure.com") });
        Assert.Equal(Tri.No, RuleMatcher.Match(Mcr, rule, MatchContext.Unknown).Value);
    }

    [Fact]
    public void UnknownTargetFqdn_ThatCouldBeTheEndpoint_StaysUnknown()
    {
        var rule = App(new[] { Shaped("*.hcp.{parameters('location')}.azmk8s.io") });
        Assert.Equal(Tri.Maybe, RuleMatcher.Match(Hcp, rule, MatchContext.Unknown).Value);
    }

    [Fact]
    public void UnknownTargetFqdn_WithoutShape_StaysUnknown()
    {
        var rule = App(new[] { U("[parameters('fqdns')]") });
        Assert.Equal(Tri.Maybe, RuleMatcher.Match(Mcr, rule, MatchContext.Unknown).Value);
    }

    [Theory]
    [InlineData("{a}.monitoring.azure.com", "WestEurope.Monitoring.Azure.com", true)]
    [InlineData("{a}.{b}.azure.com", "x.azure.com", false)]
    [InlineData("{a}{b}", "", true)]
    [InlineData("mcr.{a}.com{b}", "mcr.com", false)]
    [InlineData("ab{a}ba", "aba", false)]
    [InlineData("ab{a}ba", "abba", true)]
    [InlineData("{a}x{b}x{c}", "axbxc", true)]
    [InlineData("{a}x{b}x{c}", "ax", false)]
    [InlineData("a{b{c}}d", "a-d", true)]
    [InlineData("a{b", "zzz", true)]
    [InlineData("}a{b}", "}abc", true)]
    public void CouldEqual_WithoutTheExpression_AgreesWithIt(string shape, string candidate, bool expected)
    {
        Assert.Equal(expected, ValueShape.CouldEqual(shape, candidate));
        Assert.Equal(expected, ValueShape.CouldEqualByExpression(shape, candidate));
    }

    [Fact]
    public void CouldEqual_OnRandomAsciiShapes_AgreesWithTheExpression()
    {
        var piece = Gen.OneOf(new[] { "a", "b", "ab", ".", "-", "A", "{x}", "{", "}", "*", "" });
        var text = Gen.OneOf(new[] { "a", "b", "B", ".", "-", "*", "ab", "x" });
        Gen.Select(piece.Array[0, 6], text.Array[0, 6]).Sample(
            (pieces, chars) =>
            {
                var shape = string.Concat(pieces);
                var candidate = string.Concat(chars);
                Assert.True(
                    ValueShape.CouldEqual(shape, candidate) == ValueShape.CouldEqualByExpression(shape, candidate),
                    $"shape '{shape}', candidate '{candidate}'");
            },
            iter: 5000,
            threads: 1);
    }
}
