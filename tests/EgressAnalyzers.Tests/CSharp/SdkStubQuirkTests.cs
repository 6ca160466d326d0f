using EgressAnalyzers.Tests.Infrastructure;

namespace EgressAnalyzers.Tests.CSharp;

/// <summary>
/// The stubs must accept exactly what the real SDKs accept (csharp-iac-api-shapes.md §1.4), or a code fix that would
/// not compile for a real user could pass its tests. Each case is one row of that table.
/// </summary>
public class SdkStubQuirkTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using Pulumi;
        using Pulumi.AzureNative.Network;
        using Pulumi.AzureNative.Network.Inputs;
        using Pulumi.AzureNative.ContainerService;
        using CsInputs = Pulumi.AzureNative.ContainerService.Inputs;
        """;

    [Theory]
    [InlineData("new AzureFirewallApplicationRuleArgs { TargetFqdns = { \"a\", \"b\" } }")]
    [InlineData("new AzureFirewallApplicationRuleArgs { TargetFqdns = new[] { \"a\" } }")]
    [InlineData("new AzureFirewallApplicationRuleArgs { TargetFqdns = new List<string> { \"a\" } }")]
    [InlineData("new AzureFirewallApplicationRuleArgs { TargetFqdns = \"a\" }")]
    [InlineData("new AzureFirewallApplicationRuleProtocolArgs { ProtocolType = \"Https\", Port = 443 }")]
    [InlineData("new AzureFirewallApplicationRuleProtocolArgs { ProtocolType = AzureFirewallApplicationRuleProtocolType.Https, Port = 443 }")]
    [InlineData("new AzureFirewallRCActionArgs { Type = \"Allow\" }")]
    [InlineData("new AzureFirewallNetworkRuleArgs { Protocols = { \"TCP\" } }")]
    [InlineData("new AzureFirewallNetworkRuleArgs { Protocols = { AzureFirewallNetworkRuleProtocol.TCP } }")]
    [InlineData("new NetworkRuleArgs { IpProtocols = { \"TCP\", \"UDP\" } }")]
    [InlineData("new AzureFirewallNetworkRuleArgs { Protocols = new Union<string, AzureFirewallNetworkRuleProtocol>[] { \"TCP\", AzureFirewallNetworkRuleProtocol.TCP } }")]
    [InlineData("new FirewallPolicyRuleCollectionGroupArgs { RuleCollections = { new FirewallPolicyFilterRuleCollectionArgs { RuleCollectionType = \"FirewallPolicyFilterRuleCollection\" } } }")]
    [InlineData("new FirewallPolicyFilterRuleCollectionArgs { Rules = new[] { new ApplicationRuleArgs { RuleType = \"ApplicationRule\" } } }")]
    [InlineData("new FirewallPolicyFilterRuleCollectionArgs { Rules = new object[] { new ApplicationRuleArgs(), new NetworkRuleArgs() } }")]
    [InlineData("new FirewallPolicyFilterRuleCollectionArgs { Rules = { (Input<object>)new ApplicationRuleArgs() } }")]
    [InlineData("new FirewallPolicyFilterRuleCollectionArgs { Rules = new ApplicationRuleArgs() }")]
    [InlineData("new AzureFirewallArgs { ApplicationRuleCollections = new AzureFirewallApplicationRuleCollectionArgs() }")]
    [InlineData("new AzureFirewallApplicationRuleCollectionArgs { Rules = new List<AzureFirewallApplicationRuleArgs>() }")]
    [InlineData("new AzureFirewallArgs { Location = new Config(\"azure-native\").Require(\"location\") }")]
    [InlineData("new CsInputs.ManagedClusterIdentityArgs { Type = ResourceIdentityType.SystemAssigned }")]
    [InlineData("new ManagedClusterArgs { AddonProfiles = { { \"omsagent\", new CsInputs.ManagedClusterAddonProfileArgs { Enabled = true } } } }")]
    public void ConstructTheRealSdkAccepts_CompilesAgainstTheStubs(string expression)
    {
        var errors = SdkStubs.Errors(Compile(expression));

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("new AzureFirewallNetworkRuleArgs { Protocols = new[] { \"TCP\" } }", "CS0029")]
    [InlineData("new AzureFirewallNetworkRuleArgs { Protocols = new[] { AzureFirewallNetworkRuleProtocol.TCP } }", "CS0029")]
    [InlineData("new NetworkRuleArgs { IpProtocols = new[] { FirewallPolicyRuleNetworkProtocol.TCP } }", "CS0029")]
    [InlineData("new FirewallPolicyRuleCollectionGroupArgs { RuleCollections = new[] { new FirewallPolicyFilterRuleCollectionArgs() } }", "CS0029")]
    [InlineData("new FirewallPolicyRuleCollectionGroupArgs { RuleCollections = new FirewallPolicyFilterRuleCollectionArgs() }", "CS0029")]
    [InlineData("new FirewallPolicyFilterRuleCollectionArgs { Rules = { new ApplicationRuleArgs() } }", "CS0121")]
    [InlineData("new FirewallPolicyFilterRuleCollectionArgs { Rules = new InputList<object> { new ApplicationRuleArgs() } }", "CS0121")]
    [InlineData("new CsInputs.ManagedClusterIdentityArgs { Type = \"SystemAssigned\" }", "CS0029")]
    [InlineData("new AzureFirewallApplicationRuleArgs { TargetFqdns = new[] { \"a\" }.Select(x => x) }", "CS0029")]
    // Target-typed new() on a Pulumi input binds to Input<T>, which has no parameterless constructor: the fixes write types.
    [InlineData("new AzureFirewallApplicationRuleCollectionArgs { Action = new() { Type = \"Allow\" } }", "CS1729")]
    public void ConstructTheRealSdkRejects_FailsToCompileAgainstTheStubs(string expression, string expectedError)
    {
        var errors = SdkStubs.Errors(Compile(expression));

        Assert.Contains(errors, e => e.Id == expectedError || (expectedError == "CS0029" && e.Id == "CS0266"));
    }

    [Fact]
    public void AddWithAnArgsObjectOnAnObjectList_IsAmbiguous()
    {
        var code = Usings + """

            class C
            {
                void M(FirewallPolicyFilterRuleCollectionArgs collection) => collection.Rules.Add(new ApplicationRuleArgs());
            }
            """;

        var errors = SdkStubs.Errors(SdkStubs.CompileUserCode(("/src/C.cs", code)));

        Assert.Contains(errors, e => e.Id == "CS0121");
    }

    [Fact]
    public void EnumStruct_HasNoImplicitConversionFromString()
    {
        var code = Usings + """

            class C
            {
                AzureFirewallRCActionType M() => "Allow";
            }
            """;

        var errors = SdkStubs.Errors(SdkStubs.CompileUserCode(("/src/C.cs", code)));

        Assert.Contains(errors, e => e.Id == "CS0029");
    }

    [Theory]
    [InlineData("new AzureFirewallApplicationRule { TargetFqdns = new List<string> { \"a\" } }", "CS0200")]
    [InlineData("new AzureFirewallData { ApplicationRuleCollections = new List<AzureFirewallApplicationRuleCollectionData>() }", "CS0200")]
    public void AzureSdkListAssignment_FailsBecauseListsAreGetOnly(string expression, string expectedError)
    {
        var code = "using System.Collections.Generic;\nusing Azure.ResourceManager.Network;\nusing Azure.ResourceManager.Network.Models;\n\nclass C\n{\n    object M() => " + expression + ";\n}\n";

        var errors = SdkStubs.Errors(SdkStubs.CompileUserCode(("/src/C.cs", code)));

        Assert.Contains(errors, e => e.Id == expectedError);
    }

    [Theory]
    [InlineData("new AzureFirewallApplicationRule { TargetFqdns = { \"a\" }, Protocols = { new AzureFirewallApplicationRuleProtocol { ProtocolType = \"Https\", Port = 443 } } }")]
    [InlineData("new AzureFirewallNetworkRule { Protocols = { AzureFirewallNetworkRuleProtocol.Tcp, \"UDP\" } }")]
    public void AzureSdkCollectionInitializers_AndStringToEnumConversions_Compile(string expression)
    {
        var code = "using System.Collections.Generic;\nusing Azure.ResourceManager.Network;\nusing Azure.ResourceManager.Network.Models;\n\nclass C\n{\n    object M() => " + expression + ";\n}\n";

        Assert.Empty(SdkStubs.Errors(SdkStubs.CompileUserCode(("/src/C.cs", code))));
    }

    private static Microsoft.CodeAnalysis.Compilation Compile(string expression) => SdkStubs.CompileUserCode(("/src/C.cs", Usings + "\nusing System.Linq;\n\nclass C\n{\n    object M() => " + expression + ";\n}\n"));
}
