using EgressAnalyzers.Tests.Verifiers;
using static EgressAnalyzers.Tests.Verifiers.ArmFixtures;

namespace EgressAnalyzers.Tests.Rules;

public class EGR1004BlockedByEarlierDenyTests
{
    private static EgressAnalyzerTest Test()
    {
        var test = new EgressAnalyzerTest();
        test.DisabledDiagnostics.Add("EGR1003");
        return test;
    }

    [Fact]
    public async Task DenyCollectionWithLowerPriorityNumber_BlocksTheLaterAllow()
    {
        var collections = AppCollection("{|#0:\"block-microsoft\"|}", 100, "Deny", HttpsRule("\"*.microsoft.com\"", "no-microsoft"))
            + "," + AppCollection("{|#1:\"aks-core\"|}", 200, "Allow", HttpsRule(CoreFqdnsExcept()));

        await Test()
            .WithTemplate("cluster.json", Cluster(isPrivate: true))
            .WithTemplate("hub.json", ClassicFirewall(collections))
            .Expect(
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1004_RequiredEgressBlockedByEarlierDeny, 0).WithLocation(1)
                    .WithArguments("Azure Firewall 'fw-hub'", "'mcr.microsoft.com'", "Https:443", "aks-core", "block-microsoft", "Microsoft Container Registry: system images (CoreDNS, ...) for create, scale and upgrade"),
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1004_RequiredEgressBlockedByEarlierDeny, 0).WithLocation(1)
                    .WithArguments("Azure Firewall 'fw-hub'", "'*.data.mcr.microsoft.com'", "Https:443", "aks-core", "block-microsoft", "MCR storage behind the Azure CDN (image layers)"),
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1004_RequiredEgressBlockedByEarlierDeny, 0).WithLocation(1)
                    .WithArguments("Azure Firewall 'fw-hub'", "'packages.microsoft.com'", "Https:443", "aks-core", "block-microsoft", "Microsoft package repository (cached apt-get: Moby, PowerShell, Azure CLI)"))
            .RunAsync();
    }

    [Fact]
    public async Task DenyProcessedAfterTheAllow_DoesNotBlock()
    {
        var collections = AppCollection("\"block-microsoft\"", 500, "Deny", HttpsRule("\"*.microsoft.com\"", "no-microsoft"))
            + "," + AppCollection("\"aks-core\"", 200, "Allow", HttpsRule(CoreFqdnsExcept()));

        await Test()
            .WithTemplate("cluster.json", Cluster(isPrivate: true))
            .WithTemplate("hub.json", ClassicFirewall(collections))
            .RunAsync();
    }
}
