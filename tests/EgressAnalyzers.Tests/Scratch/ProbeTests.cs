using EgressAnalyzers.Tests.Infrastructure;
using EgressAnalyzers.Tests.Verifiers;
using Xunit.Abstractions;

namespace EgressAnalyzers.Tests.Scratch;

public class ProbeTests
{
    private readonly ITestOutputHelper _out;
    public ProbeTests(ITestOutputHelper output) => _out = output;

    private static string Targets => string.Join(", ", ArmFixtures.CoreFqdns.Where(f => f != "mcr.microsoft.com").Select(f => "'" + f + "'"));

    public static TheoryData<string, string> Cases => new()
    {
        { "spread", "var core = [ TARGETS ]\nvar t = [ ...core, 'mcr.microsoft.com' ]" },
        { "flatten", "var t = flatten([ [ TARGETS ], [ 'mcr.microsoft.com' ] ])" },
        { "union", "var t = union([ TARGETS ], [ 'mcr.microsoft.com' ])" },
        { "map", "var t = map([ TARGETS, 'mcr.microsoft.com' ], f => f)" },
        { "filter", "var t = filter([ TARGETS, 'mcr.microsoft.com' ], f => !empty(f))" },
        { "concat", "var t = concat([ TARGETS ], [ 'mcr.microsoft.com' ])" },
        { "object spread", "var base = { a: [ TARGETS ] }\nvar o = { ...base, b: [ 'mcr.microsoft.com' ] }\nvar t = concat(o.a, o.b)" },
        { "items", "var m = { x: 'mcr.microsoft.com' }\nvar t = concat([ TARGETS ], map(items(m), e => e.value))" },
        { "reduce", "var t = reduce([ [ TARGETS ], [ 'mcr.microsoft.com' ] ], [], (acc, x) => concat(acc, x))" },
        { "ternary", "param big bool = true\nvar t = big ? concat([ TARGETS ], [ 'mcr.microsoft.com' ]) : []" },
        { "user function", "func all(extra string) array => concat([ TARGETS ], [ extra ])\nvar t = all('mcr.microsoft.com')" },
        { "import-less type", "type fqdnList = string[]\nvar t fqdnList = concat([ TARGETS ], [ 'mcr.microsoft.com' ])" },
        { "for with filter", "var t = [for f in concat([ TARGETS ], [ 'mcr.microsoft.com' ]): f]" },
        { "string split", "var t = concat([ TARGETS ], split('mcr.microsoft.com', ','))" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Probe(string name, string decls)
    {
        var bicep = decls.Replace("TARGETS", Targets, StringComparison.Ordinal) + """

resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'hub-policy'
  location: 'westeurope'
  properties: {}
}
resource rcg 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
  parent: policy
  name: 'aks'
  properties: { priority: 200, ruleCollections: [ { ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'a', priority: 100, action: { type: 'Allow' }, rules: [ { ruleType: 'ApplicationRule', name: 'core', sourceAddresses: [ '*' ], protocols: [ { protocolType: 'Https', port: 443 } ], targetFqdns: t } ] } ] }
}
""";
        var diagnostics = await CSharpAnalysisRunner.RunAsync(
            new[] { ("/src/Empty.cs", "public static class Empty { }") },
            ("/infra/cluster.bicep", EgressAnalyzers.Tests.Bicep.BicepFixtures.Cluster),
            ("/infra/hubs.bicep", bicep));
        _out.WriteLine(name);
        foreach (var d in diagnostics.Where(d => d.Id != "EGR1003"))
        {
            _out.WriteLine(d.ToString());
        }
    }
}
