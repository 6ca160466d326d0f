using System.Globalization;
using CsCheck;
using EgressAnalyzers.Tests.Infrastructure;
using EgressAnalyzers.Tests.Verifiers;
using static EgressAnalyzers.Tests.Verifiers.RandomFirewalls;
using Microsoft.CodeAnalysis;

namespace EgressAnalyzers.Tests.CSharp;

/// <summary>
/// "The same rules give the same answer whatever the input language": random classic firewalls (collections, actions,
/// priorities, application and network rules over the endpoints AKS needs and others), written once as an ARM template
/// as a Bicep file, as a Pulumi Azure Native program and as a Pulumi Azure classic program (rule collections as resources
/// of their own), each beside the same cluster in the same language, and as an Azure.ResourceManager.Network program
/// (firewall data, enum statics and all) beside the cluster template. The analyzer must report the same diagnostics, ID,
/// severity and message, for all five. The same random rules also go into a firewall policy's rule collection group
/// (ARM, Bicep, Pulumi Azure Native, Pulumi Azure classic). Region-specific values come from a location parameter or
/// are written out, and target FQDN lists are inline or in variables, so the readers' evaluators are compared too.
/// </summary>
public class SameAnswerAsArmTests
{
    [Fact]
    public async Task RandomClassicFirewalls_InArmBicepPulumiAndTheAzureSdk_GetTheSameDiagnostics()
    {
        await FirewallGen.SampleAsync(
            async firewall =>
            {
                var fromArm = await CSharpAnalysisRunner.RunAsync(
                    new[] { ("/src/Empty.cs", "public static class Empty { }") },
                    ("/infra/cluster.json", ArmFixtures.Cluster(Quoted(firewall.Region))),
                    ("/infra/hub.json", ArmTemplate(firewall)));
                var fromPulumi = await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Cluster.cs", PulumiFixtures.Cluster(Quoted(firewall.Region))), ("/src/Hub.cs", PulumiProgram(firewall)) });
                var fromAzureSdk = await CSharpAnalysisRunner.RunAsync(
                    new[] { ("/src/Hub.cs", AzureSdkProgram(firewall)) },
                    ("/infra/cluster.json", ArmFixtures.Cluster(Quoted(firewall.Region))));
                var fromBicep = await CSharpAnalysisRunner.RunAsync(
                    new[] { ("/src/Empty.cs", "public static class Empty { }") },
                    ("/infra/cluster.bicep", BicepCluster(firewall.Region)),
                    ("/infra/hub.bicep", BicepFile(firewall)));
                var fromPulumiClassic = await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Cluster.cs", PulumiAzureClassicReaderTests.Cluster(Quoted(DisplayName(firewall.Region)))), ("/src/Hub.cs", PulumiClassicProgram(firewall)) });

                var expected = Summaries(fromArm);
                Assert.Equal(expected, Summaries(fromBicep));
                Assert.Equal(expected, Summaries(fromPulumi));
                Assert.Equal(expected, Summaries(fromPulumiClassic));
                Assert.Equal(expected, Summaries(fromAzureSdk));
            },
            iter: 100,
            threads: 1,
            print: firewall => string.Join("\n", "ARM:", ArmTemplate(firewall), "Bicep:", BicepFile(firewall), "Pulumi:", PulumiProgram(firewall), "Pulumi classic:", PulumiClassicProgram(firewall), "Azure SDK:", AzureSdkProgram(firewall)));
    }

    [Fact]
    public async Task RandomPolicyRuleCollectionGroups_InArmBicepAndPulumi_GetTheSameDiagnostics()
    {
        // The Azure SDK writes a group through a policy resource it is handed, whose name the code does not show, so its
        // messages name the policy differently; its group reader has its own tests.
        await FirewallGen.SampleAsync(
            async firewall =>
            {
                var fromArm = await CSharpAnalysisRunner.RunAsync(
                    new[] { ("/src/Empty.cs", "public static class Empty { }") },
                    ("/infra/cluster.json", ArmFixtures.Cluster(Quoted(firewall.Region))),
                    ("/infra/policy.json", ArmPolicyTemplate(firewall)));
                var fromBicep = await CSharpAnalysisRunner.RunAsync(
                    new[] { ("/src/Empty.cs", "public static class Empty { }") },
                    ("/infra/cluster.bicep", BicepCluster(firewall.Region)),
                    ("/infra/policy.bicep", BicepPolicyFile(firewall)));
                var fromPulumi = await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Cluster.cs", PulumiFixtures.Cluster(Quoted(firewall.Region))), ("/src/Policy.cs", PulumiPolicyProgram(firewall)) });
                var fromPulumiClassic = await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Cluster.cs", PulumiAzureClassicReaderTests.Cluster(Quoted(DisplayName(firewall.Region)))), ("/src/Policy.cs", PulumiClassicPolicyProgram(firewall)) });

                var expected = Summaries(fromArm);
                Assert.Equal(expected, Summaries(fromBicep));
                Assert.Equal(expected, Summaries(fromPulumi));
                Assert.Equal(expected, Summaries(fromPulumiClassic));
            },
            iter: 60,
            threads: 1,
            print: firewall => string.Join("\n", "ARM:", ArmPolicyTemplate(firewall), "Bicep:", BicepPolicyFile(firewall), "Pulumi:", PulumiPolicyProgram(firewall), "Pulumi classic:", PulumiClassicPolicyProgram(firewall)));
    }

    [Fact]
    public async Task AFirewallMissingTheApiServer_GetsTheSameFindingInEveryLanguage()
    {
        // The property above compares; this pins that what it compares is not empty on both sides.
        var rule = new AppRule("r0", new[] { "*" }, new[] { ("Https", 443) }, ArmFixtures.CoreFqdns.Where(f => !f.Contains("azmk8s", StringComparison.Ordinal)).ToArray(), Array.Empty<string>());
        var firewall = new Firewall("westeurope", new[] { new Collection("app0", 200, "Allow", new[] { rule }, Array.Empty<NetworkRule>()) }, Array.Empty<Collection>());

        var fromArm = await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Empty.cs", "public static class Empty { }") }, ("/infra/cluster.json", ArmFixtures.Cluster()), ("/infra/hub.json", ArmTemplate(firewall)));
        var fromPulumi = await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Cluster.cs", PulumiFixtures.Cluster()), ("/src/Hub.cs", PulumiProgram(firewall)) });
        var fromAzureSdk = await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Hub.cs", AzureSdkProgram(firewall)) }, ("/infra/cluster.json", ArmFixtures.Cluster()));

        Assert.Contains(Summaries(fromArm), s => s.StartsWith("EGR1001", StringComparison.Ordinal) && s.Contains("'*.hcp.westeurope.azmk8s.io'", StringComparison.Ordinal));
        Assert.Equal(Summaries(fromArm), Summaries(fromPulumi));
        Assert.Equal(Summaries(fromArm), Summaries(fromAzureSdk));
        Assert.Equal(Summaries(fromArm), Summaries(await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Empty.cs", "public static class Empty { }") }, ("/infra/cluster.bicep", BicepCluster("westeurope")), ("/infra/hub.bicep", BicepFile(firewall)))));
        Assert.Equal(Summaries(fromArm), Summaries(await CSharpAnalysisRunner.RunAsync(new[] { ("/src/Cluster.cs", PulumiAzureClassicReaderTests.Cluster()), ("/src/Hub.cs", PulumiClassicProgram(firewall)) })));
    }

    private static List<string> Summaries(IEnumerable<Diagnostic> diagnostics) => diagnostics
        .Select(d => $"{d.Id} {d.Severity} {d.GetMessage(CultureInfo.InvariantCulture)}")
        .OrderBy(s => s, StringComparer.Ordinal)
        .ToList();

}
