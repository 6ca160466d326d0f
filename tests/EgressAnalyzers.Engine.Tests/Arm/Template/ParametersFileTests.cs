using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Model;
using static EgressAnalyzers.Engine.Tests.Arm.Template.TemplateFixture;

namespace EgressAnalyzers.Engine.Tests.Arm.Template;

public class ParametersFileTests
{
    private static readonly string PolicyTemplate = TemplateOf(
        """
        { "type": "Microsoft.Network/firewallPolicies", "name": "[parameters('policyName')]" },
        { "type": "Microsoft.Network/azureFirewalls", "name": "[parameters('firewallName')]" },
        { "type": "Microsoft.Network/virtualNetworks", "name": "vnet", "properties": { "dhcpOptions": { "dnsServers": "[parameters('dns')]" } } }
        """,
        parameters: """
        "policyName": { "type": "string", "defaultValue": "fwp-default" },
        "firewallName": { "type": "string", "defaultValue": "[concat('fw-', parameters('policyName'))]" },
        "dns": { "type": "array" }
        """);

    private static string ParametersOf(string body) => $$"""
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
          "contentVersion": "1.0.0.0",
          "parameters": { {{body}} }
        }
        """;

    private static TemplateReadResult ReadWith(params (string Path, string Text)[] parameterFiles)
    {
        var inputs = new List<TemplateInput> { new("/repo/infra/hub.json", PolicyTemplate) };
        inputs.AddRange(parameterFiles.Select(p => new TemplateInput(p.Path, p.Text)));
        return ArmTemplateReader.Read(inputs, new ArmReadOptions())[0];
    }

    [Fact]
    public void NoParametersFile_UsesDefaults_AndDefaultsMayBeExpressions()
    {
        var result = ReadWith();

        Assert.Equal("fwp-default", Single<FirewallPolicyResource>(result).DisplayName);
        Assert.Equal("fw-fwp-default", Single<AzureFirewallResource>(result).DisplayName);
        var dns = Assert.Single(Single<VirtualNetworkResource>(result).DnsServers);
        Assert.False(dns.IsKnown);
        Assert.Equal("parameters('dns')", dns.UnresolvedExpression);
    }

    [Fact]
    public void MatchingParametersFile_OverridesDefaults_AndDefaultsSeeTheOverride()
    {
        var parameters = ParametersOf("""
            "policyName": { "value": "fwp-prod" },
            "dns": { "value": [ "10.0.0.4", "10.0.0.5" ] }
            """);

        var result = ReadWith(("/repo/infra/hub.parameters.json", parameters));

        Assert.Equal("fwp-prod", Single<FirewallPolicyResource>(result).DisplayName);
        Assert.Equal("fw-fwp-prod", Single<AzureFirewallResource>(result).DisplayName);
        var dns = Single<VirtualNetworkResource>(result).DnsServers;
        Assert.Equal(new[] { "10.0.0.4", "10.0.0.5" }, dns.Select(v => v.Text));
    }

    [Theory]
    [InlineData("/repo/infra/hub.parameters.json", true)]
    [InlineData("/repo/infra/HUB.Parameters.Prod.json", true)]
    [InlineData("/repo/infra/hub.parameters.westeurope.dev.json", true)]
    [InlineData("/repo/other/hub.parameters.json", false)]
    [InlineData("/repo/infra/hubx.parameters.json", false)]
    [InlineData("/repo/infra/hub.json.parameters", false)]
    public void ParametersFile_MatchesByNameInSameFolder(string path, bool matches)
    {
        var result = ReadWith((path, ParametersOf("""  "policyName": { "value": "fwp-from-file" } """)));

        Assert.Equal(matches ? "fwp-from-file" : "fwp-default", Single<FirewallPolicyResource>(result).DisplayName);
    }

    [Fact]
    public void CompiledBicepTemplate_AlsoMatchesTheBicepParametersFileName()
    {
        var inputs = new[]
        {
            new TemplateInput("/r/main.bicep.json", PolicyTemplate),
            new TemplateInput("/r/main.parameters.json", ParametersOf("""  "policyName": { "value": "fwp-bicep" } """)),
        };

        var result = ArmTemplateReader.Read(inputs, new ArmReadOptions())[0];

        Assert.Equal("fwp-bicep", Single<FirewallPolicyResource>(result).DisplayName);
    }

    [Fact]
    public void SeveralParametersFiles_ThatAgree_GiveTheValue()
    {
        var result = ReadWith(
            ("/repo/infra/hub.parameters.dev.json", ParametersOf("""  "policyName": { "value": "fwp-same" }, "dns": { "value": [ "10.0.0.4" ] } """)),
            ("/repo/infra/hub.parameters.prod.json", ParametersOf("""  "policyName": { "value": "fwp-same" }, "dns": { "value": [ "10.0.0.5" ] } """)));

        Assert.Equal("fwp-same", Single<FirewallPolicyResource>(result).DisplayName);
        var dns = Assert.Single(Single<VirtualNetworkResource>(result).DnsServers);
        Assert.False(dns.IsKnown);
    }

    [Fact]
    public void SeveralParametersFiles_ThatDisagree_MakeTheValueUnknown()
    {
        var result = ReadWith(
            ("/repo/infra/hub.parameters.dev.json", ParametersOf("""  "policyName": { "value": "fwp-dev" } """)),
            ("/repo/infra/hub.parameters.prod.json", ParametersOf("""  "policyName": { "value": "fwp-prod" } """)));

        var policy = Single<FirewallPolicyResource>(result);
        Assert.Equal("parameters('policyName')", policy.DisplayName);
        Assert.Equal("{parameters('policyname')}", policy.Key.Name);
    }

    [Fact]
    public void KeyVaultReferenceParameter_IsUnknown()
    {
        var result = ReadWith(("/repo/infra/hub.parameters.json", ParametersOf("""
            "policyName": { "reference": { "keyVault": { "id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv" }, "secretName": "name" } }
            """)));

        Assert.Equal("parameters('policyName')", Single<FirewallPolicyResource>(result).DisplayName);
    }

    [Fact]
    public void ParametersFileValues_AreLiteral_AndPointIntoTheParametersFile()
    {
        const string Path = "/repo/infra/hub.parameters.json";
        var parameters = ParametersOf("""  "dns": { "value": [ "[not an expression]" ] } """);

        var result = ReadWith((Path, parameters));

        var dns = Assert.Single(Single<VirtualNetworkResource>(result).DnsServers);
        Assert.Equal("[not an expression]", dns.Text);
        Assert.Equal(Path, dns.Span.FilePath);
        Assert.Equal("\"[not an expression]\"", parameters.Substring(dns.Span.Start, dns.Span.Length));
    }
}
