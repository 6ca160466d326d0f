using EgressAnalyzers.Engine.Coverage;
using static EgressAnalyzers.Engine.Tests.Coverage.TestModel;

namespace EgressAnalyzers.Engine.Tests.Coverage;

/// <summary>Clusters share coverage outcomes only when their match contexts decide every match alike.</summary>
public class MatchContextTests
{
    private static AddressRange Range(string text) => AddressRange.TryParse(text, out var range) ? range : throw new ArgumentException(text);

    [Fact]
    public void SameNodePrefixesAndDnsServerValues_AreEquivalent()
    {
        var dns = V("10.0.0.4");
        var first = new MatchContext { NodePrefixes = new[] { Range("10.240.0.0/16") }, CustomDnsServers = new[] { dns } };
        var second = new MatchContext { NodePrefixes = new[] { Range("10.240.0.0/16") }, CustomDnsServers = new[] { dns } };
        Assert.True(first.IsEquivalentTo(second));
        Assert.True(MatchContext.Unknown.IsEquivalentTo(new MatchContext()));
    }

    [Fact]
    public void DifferentNodePrefixes_AreNotEquivalent()
    {
        var known = new MatchContext { NodePrefixes = new[] { Range("10.240.0.0/16") } };
        Assert.False(known.IsEquivalentTo(new MatchContext { NodePrefixes = new[] { Range("10.241.0.0/16") } }));
        Assert.False(known.IsEquivalentTo(MatchContext.Unknown));
    }

    [Fact]
    public void DnsServersFromDifferentValues_AreNotEquivalent()
    {
        // Outcomes point at the servers' spans (EGR1006), so equal text from two places is not the same context.
        var first = new MatchContext { CustomDnsServers = new[] { V("10.0.0.4") } };
        var second = new MatchContext { CustomDnsServers = new[] { V("10.0.0.4") } };
        Assert.False(first.IsEquivalentTo(second));
    }
}
