using CsCheck;
using EgressAnalyzers.Engine.Coverage;

namespace EgressAnalyzers.Engine.Tests.Coverage;

public class PortSetTests
{
    [Theory]
    [InlineData("443", 443, true)]
    [InlineData("443", 444, false)]
    [InlineData("443-444", 444, true)]
    [InlineData("443-444", 445, false)]
    [InlineData("1-65535", 1194, true)]
    [InlineData("*", 9000, true)]
    [InlineData("80,443", 443, true)]
    [InlineData("80, 8080-8090", 8085, true)]
    [InlineData("80,443", 22, false)]
    public void Contains_SinglePortsRangesStarsAndLists(string text, int port, bool expected)
    {
        var set = PortSet.Parse(text);
        Assert.True(set.IsValid, set.Error);
        Assert.Equal(expected, set.Contains(port));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("444-443")]
    [InlineData("https")]
    [InlineData("")]
    [InlineData("80,")]
    [InlineData("1-")]
    [InlineData("-5")]
    public void InvalidValues_AreInvalidWithAReason(string text)
    {
        var set = PortSet.Parse(text);
        Assert.False(set.IsValid);
        Assert.NotNull(set.Error);
        Assert.False(set.Contains(443));
    }

    [Theory]
    [InlineData("*", true)]
    [InlineData("1-65535", true)]
    [InlineData("1-100,101-65535", true)]
    [InlineData("2-65535", false)]
    [InlineData("443", false)]
    public void IsAll_OnlyWhenEveryPortIsIncluded(string text, bool expected) =>
        Assert.Equal(expected, PortSet.Parse(text).IsAll);

    [Theory]
    [InlineData("443", true)]
    [InlineData("65535", true)]
    [InlineData("0", false)]
    [InlineData("65536", false)]
    [InlineData("x", false)]
    public void ApplicationPort_AcceptsOneToMax(string text, bool expected) =>
        Assert.Equal(expected, PortSet.TryParsePort(text, out _, out _));

    [Theory]
    [InlineData("443", 443, true)]
    [InlineData(" 80 , 440 - 450 ", 445, true)]
    [InlineData("440-450", 440, true)]
    [InlineData("440-450", 450, true)]
    [InlineData("80,", 80, false)]
    [InlineData("", 80, false)]
    [InlineData("450-440", 445, false)]
    [InlineData("1-2-3", 2, false)]
    [InlineData("0", 0, false)]
    [InlineData("65536", 65535, false)]
    [InlineData("*,x", 80, false)]
    public void Includes_IsParseValidAndContains(string text, int port, bool expected)
    {
        Assert.Equal(expected, PortSet.Includes(text, port));
        var set = PortSet.Parse(text);
        Assert.Equal(expected, set.IsValid && set.Contains(port));
    }

    [Fact]
    public void Includes_OnRandomText_AgreesWithParse()
    {
        var piece = Gen.OneOf(new[] { "1", "80", "443", "65535", "65536", "0", "-", ",", "*", " ", "x", "1000", "9999999999", "80-443", "1-80", "443-1000" });
        Gen.Select(piece.Array[0, 6], Gen.OneOf(new[] { 1, 80, 443, 1000, 65535 })).Sample(
            (pieces, port) =>
            {
                var text = string.Concat(pieces);
                var set = PortSet.Parse(text);
                Assert.True(PortSet.Includes(text, port) == (set.IsValid && set.Contains(port)), $"'{text}' {port}");
            },
            iter: 5000,
            threads: 1);
    }
}
