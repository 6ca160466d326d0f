using EgressAnalyzers.Tests.Verifiers;
using static EgressAnalyzers.Tests.Verifiers.ArmFixtures;

namespace EgressAnalyzers.Tests.CustomRequirements;

/// <summary>
/// The organisation's <c>egress-requirements.json</c> (an AdditionalFile): its entries are requirements like the
/// catalog's, <c>notApplicable</c> drops catalog entries, and invalid entries are EGR0001 at the entry.
/// </summary>
public class CustomRequirementsFileTests
{
    private const string RegistryRequirement = """
        { "id": "ORG-ACR", "fqdn": "contosoregistry.azurecr.io", "protocol": "Https", "port": 443, "level": "required", "purpose": "private image registry" }
        """;

    private static EgressAnalyzerTest Test()
    {
        var test = new EgressAnalyzerTest();
        test.DisabledDiagnostics.Add("EGR1003");
        return test;
    }

    private static string CompleteHub(string extraFqdns = "") =>
        ClassicFirewall(AppCollection("{|#0:\"aks-core\"|}", 200, "Allow", HttpsRule(CoreFqdnsExcept() + extraFqdns)));

    [Fact]
    public async Task OrganisationRequiredFqdn_NotAllowed_IsReportedLikeACatalogRequirement()
    {
        await Test()
            .WithTemplate("cluster.json", Cluster())
            .WithTemplate("hub.json", CompleteHub())
            .WithTemplate("egress-requirements.json", $$"""{ "requirements": [ {{RegistryRequirement}} ] }""")
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1001_RequiredApplicationEgressNotAllowed, 0)
                .WithArguments("Azure Firewall 'fw-hub'", "'contosoregistry.azurecr.io'", "Https:443", "private image registry"))
            .RunAsync();
    }

    [Fact]
    public async Task OrganisationRequiredFqdn_Allowed_ReportsNothing()
    {
        await Test()
            .WithTemplate("cluster.json", Cluster())
            .WithTemplate("hub.json", CompleteHub(", \"contosoregistry.azurecr.io\""))
            .WithTemplate("egress-requirements.json", $$"""{ "requirements": [ {{RegistryRequirement}} ] }""")
            .RunAsync();
    }

    [Fact]
    public async Task OrganisationRequirement_ForAnotherCloud_DoesNotApply()
    {
        var chinaOnly = RegistryRequirement.Replace("\"level\"", "\"clouds\": [ \"AzureChinaCloud\" ], \"level\"", StringComparison.Ordinal);
        await Test()
            .WithTemplate("cluster.json", Cluster())
            .WithTemplate("hub.json", CompleteHub())
            .WithTemplate("egress-requirements.json", $$"""{ "requirements": [ {{chinaOnly}} ] }""")
            .RunAsync();
    }

    [Fact]
    public async Task NotApplicableCatalogEntry_WithJustification_IsNoLongerRequired()
    {
        await Test()
            .WithTemplate("cluster.json", Cluster())
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("\"aks-core\"", 200, "Allow", HttpsRule(CoreFqdnsExcept("packages.microsoft.com")))))
            .WithTemplate("egress-requirements.json", """{ "notApplicable": [ { "id": "G-A6", "justification": "nodes use our apt mirror" } ] }""")
            .RunAsync();
    }

    [Fact]
    public async Task NotApplicableEntry_WithoutJustification_IsEGR0001AtTheId_AndTheRequirementStillApplies()
    {
        await Test()
            .WithTemplate("cluster.json", Cluster())
            .WithTemplate("hub.json", ClassicFirewall(AppCollection("{|#0:\"aks-core\"|}", 200, "Allow", HttpsRule(CoreFqdnsExcept("packages.microsoft.com")))))
            .WithTemplate("egress-requirements.json", """{ "notApplicable": [ { "id": {|#1:"G-A6"|}, "justification": " " } ] }""")
            .Expect(
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1001_RequiredApplicationEgressNotAllowed, 0)
                    .WithArguments("Azure Firewall 'fw-hub'", "'packages.microsoft.com'", "Https:443", "Microsoft package repository (cached apt-get: Moby, PowerShell, Azure CLI)"),
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR0001_InvalidConfigurationValue, 1)
                    .WithArguments("egress-requirements.json: 'notApplicable' entry 'G-A6' needs a non-empty 'justification'; the entry is ignored"))
            .RunAsync();
    }

    [Fact]
    public async Task NotApplicableEntry_NamingNoCatalogId_IsEGR0001AtTheId()
    {
        await Test()
            .WithTemplate("cluster.json", Cluster())
            .WithTemplate("hub.json", CompleteHub())
            .WithTemplate("egress-requirements.json", """{ "notApplicable": [ { "id": {|#1:"G-A99"|}, "justification": "typo" } ] }""")
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR0001_InvalidConfigurationValue, 1)
                .WithArguments("egress-requirements.json: 'notApplicable' entry 'G-A99' is not a catalog requirement id (see docs/custom-requirements.md for the list)"))
            .RunAsync();
    }

    [Fact]
    public async Task InvalidRequirementEntry_IsEGR0001AtTheEntry_AndValidEntriesStillApply()
    {
        const string BadProtocol = """{ "id": {|#1:"ORG-BAD"|}, "fqdn": "logs.contoso.com", "protocol": "Htps", "port": 443, "level": "required", "purpose": "log sink" }""";
        await Test()
            .WithTemplate("cluster.json", Cluster())
            .WithTemplate("hub.json", CompleteHub())
            .WithTemplate("egress-requirements.json", $$"""{ "requirements": [ {{BadProtocol}}, {{RegistryRequirement}} ] }""")
            .Expect(
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR0001_InvalidConfigurationValue, 1)
                    .WithArguments("egress-requirements.json: requirement 'ORG-BAD': protocol 'Htps' is not one of Http, Https (Application requirement); the entry is ignored"),
                EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR1001_RequiredApplicationEgressNotAllowed, 0)
                    .WithArguments("Azure Firewall 'fw-hub'", "'contosoregistry.azurecr.io'", "Https:443", "private image registry"))
            .RunAsync();
    }

    [Fact]
    public async Task RequirementReusingACatalogId_IsEGR0001()
    {
        const string Clash = """{ "id": {|#1:"G-A2"|}, "fqdn": "x.contoso.com", "protocol": "Https", "port": 443, "level": "required", "purpose": "clash" }""";
        await Test()
            .WithTemplate("cluster.json", Cluster())
            .WithTemplate("hub.json", CompleteHub())
            .WithTemplate("egress-requirements.json", $$"""{ "requirements": [ {{Clash}} ] }""")
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR0001_InvalidConfigurationValue, 1)
                .WithArguments("egress-requirements.json: requirement id 'G-A2' is already used (by the catalog or earlier in the file); the entry is ignored"))
            .RunAsync();
    }

    [Fact]
    public async Task UnknownTopLevelKey_IsEGR0001AtTheKey()
    {
        await Test()
            .WithTemplate("cluster.json", Cluster())
            .WithTemplate("hub.json", CompleteHub())
            .WithTemplate("egress-requirements.json", """{ {|#1:"requirement"|}: [] }""")
            .Expect(EgressAnalyzerTest.Diagnostic(EgressDescriptors.EGR0001_InvalidConfigurationValue, 1)
                .WithArguments("egress-requirements.json: unknown key 'requirement' (expected $schema, $comment, requirements, notApplicable)"))
            .RunAsync();
    }
}
