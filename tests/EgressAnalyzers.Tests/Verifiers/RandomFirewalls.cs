using System.Globalization;
using System.Text;
using CsCheck;

namespace EgressAnalyzers.Tests.Verifiers;

/// <summary>
/// Random Azure Firewall rule sets (collections, priorities, Allow/Deny, application and network rules over the endpoints
/// AKS needs and others) and the same rules written in every input language the analyzer reads: ARM and Bicep (classic
/// firewall or policy rule collection group), Pulumi Azure Native, Pulumi Azure classic and Azure.ResourceManager.Network.
/// Each writer uses the language's own idioms, so a difference in findings is a difference between front ends.
/// </summary>
internal static class RandomFirewalls
{
    public sealed record AppRule(string Name, string[] Sources, (string Type, int Port)[] Protocols, string[] Fqdns, string[] Tags);

    public sealed record NetworkRule(string Name, string[] Sources, string[] Protocols, string[] Destinations, string[] Fqdns, string[] Ports);

    public sealed record Collection(string Name, int Priority, string Action, AppRule[] AppRules, NetworkRule[] NetworkRules);

    /// <summary>
    /// A firewall's rules, and how the inputs write them: region-specific values from a location parameter or as text,
    /// target FQDN lists inline or through variables.
    /// </summary>
    /// <summary>
    /// A firewall's rules and how they are written: region-specific values from a location parameter or written out,
    /// target FQDN lists inline or in variables, and variables' lists used through a projection (ARM <c>map()</c>, a
    /// Bicep <c>for</c> expression, C# LINQ <c>Select</c>) or as they are.
    /// </summary>
    public sealed record Firewall(string Region, Collection[] AppCollections, Collection[] NetworkCollections, bool RegionFromParameter = false, bool FqdnListsInVariables = false, bool FqdnListsProjected = false);

    // "{region}" is replaced by the firewall's region: the API server FQDN must match the cluster's region.
    private static readonly string[] ApplicationFqdns =
    {
        "mcr.microsoft.com", "*.data.mcr.microsoft.com", "mcr-0001.mcr-msedge.net", "management.azure.com", "login.microsoftonline.com",
        "packages.microsoft.com", "acs-mirror.azureedge.net", "packages.aks.azure.com", "*.hcp.{region}.azmk8s.io", "*.azmk8s.io",
        "*.microsoft.com", "*", "www.contoso.com", "dc.services.visualstudio.com", "*.ods.opinsights.azure.com", "*.hcp.eastus2.azmk8s.io",
    };

    private static readonly Gen<string[]> Sources = Gen.OneOf("*", "10.0.0.0/8", "192.168.0.0/16").Array[1, 2];

    private static readonly Gen<AppRule> AppRuleGen =
        Gen.Select(
                Sources,
                Gen.OneOf(("Https", 443), ("Http", 80), ("Https", 8443), ("Mssql", 1433)).Array[1, 2],
                Gen.OneOf(ApplicationFqdns).Array[0, 5],
                Gen.OneOf("AzureKubernetesService", "WindowsUpdate").Array[0, 1])
            .Select((sources, protocols, fqdns, tags) => new AppRule("r", sources, protocols, fqdns, tags));

    private static readonly Gen<NetworkRule> NetworkRuleGen =
        Gen.Select(
                Sources,
                Gen.OneOf("TCP", "UDP", "Any").Array[1, 2],
                Gen.OneOf("*", "AzureCloud.{region}", "AzureCloud", "10.0.0.4", "AzureMonitor").Array[0, 2],
                Gen.OneOf("ntp.ubuntu.com", "*.hcp.{region}.azmk8s.io").Array[0, 1],
                Gen.OneOf("123", "443", "1194", "9000", "*", "1-65535", "80").Array[1, 2])
            .Select((sources, protocols, destinations, fqdns, ports) => new NetworkRule("n", sources, protocols, destinations, fqdns, ports));

    private static readonly Gen<(int Priority, string Action)> CollectionHead =
        Gen.Select(Gen.OneOf(100, 150, 200, 300, 400), Gen.Frequency((4, Gen.Const("Allow")), (1, Gen.Const("Deny"))));

    public static readonly Gen<Firewall> FirewallGen =
        Gen.Select(
                Gen.OneOf("westeurope", "northeurope"),
                Gen.Select(CollectionHead, AppRuleGen.Array[1, 3]).Array[0, 3],
                Gen.Select(CollectionHead, NetworkRuleGen.Array[1, 3]).Array[0, 2],
                Gen.Bool,
                Gen.Int[0, 2])
            .Select((region, apps, networks, regionFromParameter, fqdnLists) => new Firewall(
                region,
                apps.Select((c, i) => new Collection("app" + i.ToString(CultureInfo.InvariantCulture), c.Item1.Priority, c.Item1.Action, Named(c.Item2, i), Array.Empty<NetworkRule>())).ToArray(),
                networks.Select((c, i) => new Collection("net" + i.ToString(CultureInfo.InvariantCulture), c.Item1.Priority, c.Item1.Action, Array.Empty<AppRule>(), Named(c.Item2, i))).ToArray(),
                regionFromParameter,
                FqdnListsInVariables: fqdnLists > 0,
                FqdnListsProjected: fqdnLists == 2));

    private static T[] Named<T>(T[] rules, int collection) => rules
        .Select((rule, i) => rule switch
        {
            AppRule app => (T)(object)(app with { Name = $"c{collection}r{i}" }),
            NetworkRule net => (T)(object)(net with { Name = $"c{collection}n{i}" }),
            _ => rule,
        })
        .ToArray();

    public static string Quoted(string text) => "\"" + text + "\"";


    public static string ArmTemplate(Firewall firewall)
    {
        string AppRuleJson(AppRule r) => ArmAppRule(r, firewall, inPolicy: false);
        string NetworkRuleJson(NetworkRule r) => ArmNetworkRule(r, firewall, inPolicy: false);
        string CollectionJson(Collection c, IEnumerable<string> rules) =>
            $$"""{ "name": "{{c.Name}}", "properties": { "priority": {{c.Priority}}, "action": { "type": "{{c.Action}}" }, "rules": [ {{string.Join(",\n", rules)}} ] } }""";

        return $$"""
            {
              "$schema": "{{ArmFixtures.Schema}}",
              "contentVersion": "1.0.0.0",
              "parameters": { "location": { "type": "string", "defaultValue": "{{firewall.Region}}" } },
              "variables": { {{ArmVariables(firewall)}} },
              "resources": [
                {
                  "type": "Microsoft.Network/azureFirewalls",
                  "apiVersion": "2024-05-01",
                  "name": "fw-hub",
                  "location": "{{firewall.Region}}",
                  "properties": {
                    "applicationRuleCollections": [ {{string.Join(",\n", firewall.AppCollections.Select(c => CollectionJson(c, c.AppRules.Select(AppRuleJson))))}} ],
                    "networkRuleCollections": [ {{string.Join(",\n", firewall.NetworkCollections.Select(c => CollectionJson(c, c.NetworkRules.Select(NetworkRuleJson))))}} ]
                  }
                }
              ]
            }
            """;
    }

    public static string PulumiProgram(Firewall firewall)
    {
        string AppRuleArgs(AppRule r) =>
            $$"""new AzureFirewallApplicationRuleArgs { Name = "{{r.Name}}", SourceAddresses = { {{CSharpList(r.Sources, firewall)}} }, Protocols = { {{string.Join(", ", r.Protocols.Select(p => $$"""new AzureFirewallApplicationRuleProtocolArgs { ProtocolType = "{{p.Type}}", Port = {{p.Port}} }"""))}} }, TargetFqdns = {{CSharpFqdns(r, firewall)}}, FqdnTags = { {{CSharpList(r.Tags, firewall)}} } }""";
        string NetworkRuleArgs(NetworkRule r) =>
            $$"""new AzureFirewallNetworkRuleArgs { Name = "{{r.Name}}", SourceAddresses = { {{CSharpList(r.Sources, firewall)}} }, Protocols = { {{CSharpList(r.Protocols, firewall)}} }, DestinationAddresses = { {{CSharpList(r.Destinations, firewall)}} }, DestinationFqdns = { {{CSharpList(r.Fqdns, firewall)}} }, DestinationPorts = { {{CSharpList(r.Ports, firewall)}} } }""";
        string CollectionArgs(string type, Collection c, IEnumerable<string> rules) =>
            $$"""new {{type}} { Name = "{{c.Name}}", Priority = {{c.Priority}}, Action = new AzureFirewallRCActionArgs { Type = "{{c.Action}}" }, Rules = { {{string.Join(",\n", rules)}} } }""";

        var program = new StringBuilder(PulumiFixtures.Usings);
        program.Append($$"""
            public static class HubStack
            {
            {{CSharpMembers(firewall)}}
                public static AzureFirewall Create() => new AzureFirewall("fw-hub", new AzureFirewallArgs
                {
                    ResourceGroupName = "rg-hub",
                    AzureFirewallName = "fw-hub",
                    Location = "{{firewall.Region}}",
                    ApplicationRuleCollections = { {{string.Join(",\n", firewall.AppCollections.Select(c => CollectionArgs("AzureFirewallApplicationRuleCollectionArgs", c, c.AppRules.Select(AppRuleArgs))))}} },
                    NetworkRuleCollections = { {{string.Join(",\n", firewall.NetworkCollections.Select(c => CollectionArgs("AzureFirewallNetworkRuleCollectionArgs", c, c.NetworkRules.Select(NetworkRuleArgs))))}} },
                });
            }
            """);
        return program.ToString();
    }

    public static string AzureSdkProgram(Firewall firewall)
    {
        // The SDK's own statics where it has them, as its users write it; the string conversions elsewhere.
        static string Action(string action) => "AzureFirewallRCActionType." + action;
        static string ApplicationProtocol(string type) => "AzureFirewallApplicationRuleProtocolType." + type;
        static string NetworkProtocol(string protocol) => "AzureFirewallNetworkRuleProtocol." + protocol switch { "TCP" => "Tcp", "UDP" => "Udp", _ => protocol };
        string AppRule(AppRule r) =>
            $$"""new AzureFirewallApplicationRule { Name = "{{r.Name}}", SourceAddresses = { {{CSharpList(r.Sources, firewall)}} }, Protocols = { {{string.Join(", ", r.Protocols.Select(p => $$"""new AzureFirewallApplicationRuleProtocol { ProtocolType = {{ApplicationProtocol(p.Type)}}, Port = {{p.Port}} }"""))}} }, TargetFqdns = { {{CSharpList(r.Fqdns, firewall)}} }, FqdnTags = { {{CSharpList(r.Tags, firewall)}} } }""";
        string NetworkRule(NetworkRule r) =>
            $$"""new AzureFirewallNetworkRule { Name = "{{r.Name}}", SourceAddresses = { {{CSharpList(r.Sources, firewall)}} }, Protocols = { {{string.Join(", ", r.Protocols.Select(NetworkProtocol))}} }, DestinationAddresses = { {{CSharpList(r.Destinations, firewall)}} }, DestinationFqdns = { {{CSharpList(r.Fqdns, firewall)}} }, DestinationPorts = { {{CSharpList(r.Ports, firewall)}} } }""";
        string CollectionData(string type, Collection c, IEnumerable<string> rules) =>
            $$"""new {{type}} { Name = "{{c.Name}}", Priority = {{c.Priority}}, ActionType = {{Action(c.Action)}}, Rules = { {{string.Join(",\n", rules)}} } }""";

        return $$"""
            using System.Threading.Tasks;
            using Azure;
            using Azure.Core;
            using Azure.ResourceManager.Network;
            using Azure.ResourceManager.Network.Models;
            using Azure.ResourceManager.Resources;

            public static class Hub
            {
            {{CSharpMembers(firewall)}}
                public static async Task Deploy(ResourceGroupResource rg)
                {
                    var data = new AzureFirewallData
                    {
                        Location = AzureLocation.{{(firewall.Region == "westeurope" ? "WestEurope" : "NorthEurope")}},
                        ApplicationRuleCollections = { {{string.Join(",\n", firewall.AppCollections.Select(c => CollectionData("AzureFirewallApplicationRuleCollectionData", c, c.AppRules.Select(AppRule))))}} },
                        NetworkRuleCollections = { {{string.Join(",\n", firewall.NetworkCollections.Select(c => CollectionData("AzureFirewallNetworkRuleCollectionData", c, c.NetworkRules.Select(NetworkRule))))}} },
                    };
                    await rg.GetAzureFirewalls().CreateOrUpdateAsync(WaitUntil.Completed, "fw-hub", data);
                }
            }
            """;
    }

    // How each language writes a value that names the region ("{region}"): the region itself, or built from a
    // parameter (ARM format(), Bicep interpolation, C# interpolation of a constant), which the readers must evaluate.
    private static string ArmValue(string value, Firewall firewall) =>
        firewall.RegionFromParameter && value.Contains("{region}", StringComparison.Ordinal)
            ? Quoted("[format('" + value.Replace("{region}", "{0}", StringComparison.Ordinal) + "', parameters('location'))]")
            : Quoted(value.Replace("{region}", firewall.Region, StringComparison.Ordinal));

    private static string BicepValue(string value, Firewall firewall) =>
        "'" + value.Replace("{region}", firewall.RegionFromParameter ? "${location}" : firewall.Region, StringComparison.Ordinal) + "'";

    private static string CSharpValue(string value, Firewall firewall) =>
        firewall.RegionFromParameter && value.Contains("{region}", StringComparison.Ordinal)
            ? "$" + Quoted(value.Replace("{region}", "{Region}", StringComparison.Ordinal))
            : Quoted(value.Replace("{region}", firewall.Region, StringComparison.Ordinal));

    private static string ArmList(IEnumerable<string> values, Firewall firewall) => string.Join(", ", values.Select(v => ArmValue(v, firewall)));

    private static string CSharpList(IEnumerable<string> values, Firewall firewall) => string.Join(", ", values.Select(v => CSharpValue(v, firewall)));

    private static string BicepList(IEnumerable<string> values, Firewall firewall, string indent) =>
        values.Any() ? "[\n" + string.Concat(values.Select(v => indent + "  " + BicepValue(v, firewall) + "\n")) + indent + "]" : "[]";

    // Target FQDN lists written inline, or through a variable (ARM variables, Bicep var, a C# static readonly field).
    private static IEnumerable<AppRule> AllAppRules(Firewall firewall) => firewall.AppCollections.SelectMany(c => c.AppRules);

    private static string ArmFqdns(AppRule rule, Firewall firewall) =>
        !firewall.FqdnListsInVariables ? "[ " + ArmList(rule.Fqdns, firewall) + " ]"
        : firewall.FqdnListsProjected ? Quoted($"[map(variables('{rule.Name}Fqdns'), lambda('f', lambdaVariables('f')))]")
        : Quoted($"[variables('{rule.Name}Fqdns')]");

    private static string ArmVariables(Firewall firewall) => firewall.FqdnListsInVariables
        ? string.Join(", ", AllAppRules(firewall).Select(r => $"\"{r.Name}Fqdns\": [ {ArmList(r.Fqdns, firewall)} ]"))
        : string.Empty;

    private static string BicepFqdns(AppRule rule, Firewall firewall, string indent) =>
        !firewall.FqdnListsInVariables ? BicepList(rule.Fqdns, firewall, indent)
        : firewall.FqdnListsProjected ? $"[for f in {rule.Name}Fqdns: f]"
        : rule.Name + "Fqdns";

    private static string BicepDeclarations(Firewall firewall) =>
        $"param location string = '{firewall.Region}'\n\n"
        + (firewall.FqdnListsInVariables ? string.Concat(AllAppRules(firewall).Select(r => $"var {r.Name}Fqdns = {BicepList(r.Fqdns, firewall, string.Empty)}\n")) + "\n" : string.Empty);

    private static string CSharpFqdns(AppRule rule, Firewall firewall) =>
        !firewall.FqdnListsInVariables ? "{ " + CSharpList(rule.Fqdns, firewall) + " }"
        : firewall.FqdnListsProjected ? $"System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(Fqdns_{rule.Name}, f => f))"
        : "Fqdns_" + rule.Name;

    private static string CSharpMembers(Firewall firewall) =>
        $"    private const string Region = \"{firewall.Region}\";\n"
        + (firewall.FqdnListsInVariables ? string.Concat(AllAppRules(firewall).Select(r => $"    private static readonly string[] Fqdns_{r.Name} = {{ {CSharpList(r.Fqdns, firewall)} }};\n")) : string.Empty);

    // Rules are written the same in a classic collection and a policy's filter collection, except that a policy rule
    // says its type and a policy network rule's protocols are "ipProtocols".
    private static string ArmAppRule(AppRule r, Firewall firewall, bool inPolicy) =>
        $$"""{ {{(inPolicy ? "\"ruleType\": \"ApplicationRule\", " : "")}}"name": "{{r.Name}}", "sourceAddresses": [ {{ArmList(r.Sources, firewall)}} ], "protocols": [ {{string.Join(", ", r.Protocols.Select(p => $$"""{ "protocolType": "{{p.Type}}", "port": {{p.Port}} }"""))}} ], "targetFqdns": {{ArmFqdns(r, firewall)}}, "fqdnTags": [ {{ArmList(r.Tags, firewall)}} ] }""";

    private static string ArmNetworkRule(NetworkRule r, Firewall firewall, bool inPolicy) =>
        $$"""{ {{(inPolicy ? "\"ruleType\": \"NetworkRule\", " : "")}}"name": "{{r.Name}}", "sourceAddresses": [ {{ArmList(r.Sources, firewall)}} ], "{{(inPolicy ? "ipProtocols" : "protocols")}}": [ {{ArmList(r.Protocols, firewall)}} ], "destinationAddresses": [ {{ArmList(r.Destinations, firewall)}} ], "destinationFqdns": [ {{ArmList(r.Fqdns, firewall)}} ], "destinationPorts": [ {{ArmList(r.Ports, firewall)}} ] }""";

    private const string BicepRuleIndent = "                ";

    private static string BicepAppRule(AppRule r, Firewall firewall, bool inPolicy) => $$"""
                      {
        {{(inPolicy ? "                ruleType: 'ApplicationRule'\n" : "")}}                name: '{{r.Name}}'
                        sourceAddresses: {{BicepList(r.Sources, firewall, BicepRuleIndent)}}
                        protocols: [
        {{string.Concat(r.Protocols.Select(p => $"                  {{ protocolType: '{p.Type}', port: {p.Port} }}\n"))}}                ]
                        targetFqdns: {{BicepFqdns(r, firewall, BicepRuleIndent)}}
                        fqdnTags: {{BicepList(r.Tags, firewall, BicepRuleIndent)}}
                      }
        """;

    private static string BicepNetworkRule(NetworkRule r, Firewall firewall, bool inPolicy) => $$"""
                      {
        {{(inPolicy ? "                ruleType: 'NetworkRule'\n" : "")}}                name: '{{r.Name}}'
                        sourceAddresses: {{BicepList(r.Sources, firewall, BicepRuleIndent)}}
                        {{(inPolicy ? "ipProtocols" : "protocols")}}: {{BicepList(r.Protocols, firewall, BicepRuleIndent)}}
                        destinationAddresses: {{BicepList(r.Destinations, firewall, BicepRuleIndent)}}
                        destinationFqdns: {{BicepList(r.Fqdns, firewall, BicepRuleIndent)}}
                        destinationPorts: {{BicepList(r.Ports, firewall, BicepRuleIndent)}}
                      }
        """;

    public static string DisplayName(string region) => region == "westeurope" ? "West Europe" : "North Europe";

    public static string BicepCluster(string region) => EgressAnalyzers.Tests.Bicep.BicepFixtures.Cluster.Replace("'westeurope'", "'" + region + "'", StringComparison.Ordinal);


    public static string BicepFile(Firewall firewall)
    {
        string AppRule(AppRule r) => BicepAppRule(r, firewall, inPolicy: false);
        string NetworkRule(NetworkRule r) => BicepNetworkRule(r, firewall, inPolicy: false);
        string Collection(Collection c, IEnumerable<string> rules) => $$"""
                  {
                    name: '{{c.Name}}'
                    properties: {
                      priority: {{c.Priority}}
                      action: { type: '{{c.Action}}' }
                      rules: [
            {{string.Join("\n", rules)}}
                      ]
                    }
                  }
            """;

        return BicepDeclarations(firewall) + $$"""
            resource fw 'Microsoft.Network/azureFirewalls@2024-05-01' = {
              name: 'fw-hub'
              location: '{{firewall.Region}}'
              properties: {
                applicationRuleCollections: [
            {{string.Join("\n", firewall.AppCollections.Select(c => Collection(c, c.AppRules.Select(AppRule))))}}
                ]
                networkRuleCollections: [
            {{string.Join("\n", firewall.NetworkCollections.Select(c => Collection(c, c.NetworkRules.Select(NetworkRule))))}}
                ]
              }
            }
            """;
    }

    // Pulumi classic types a rule per owner (a firewall's collection resource, a policy group's typed list), and a policy
    // application rule calls its FQDNs DestinationFqdns and its tags DestinationFqdnTags.
    private static string PulumiClassicAppRule(AppRule r, Firewall firewall, bool inPolicy)
    {
        var prefix = inPolicy ? "FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRule" : "FirewallApplicationRuleCollectionRule";
        var (fqdns, tags) = inPolicy ? ("DestinationFqdns", "DestinationFqdnTags") : ("TargetFqdns", "FqdnTags");
        var protocols = string.Join(", ", r.Protocols.Select(p => $$"""new {{prefix}}ProtocolArgs { Type = "{{p.Type}}", Port = {{p.Port}} }"""));
        return $$"""new {{prefix}}Args { Name = "{{r.Name}}", SourceAddresses = { {{CSharpList(r.Sources, firewall)}} }, Protocols = { {{protocols}} }, {{fqdns}} = {{CSharpFqdns(r, firewall)}}, {{tags}} = { {{CSharpList(r.Tags, firewall)}} } }""";
    }

    private static string PulumiClassicNetworkRule(NetworkRule r, Firewall firewall, bool inPolicy) =>
        $$"""new {{(inPolicy ? "FirewallPolicyRuleCollectionGroupNetworkRuleCollectionRule" : "FirewallNetworkRuleCollectionRule")}}Args { Name = "{{r.Name}}", SourceAddresses = { {{CSharpList(r.Sources, firewall)}} }, Protocols = { {{CSharpList(r.Protocols, firewall)}} }, DestinationAddresses = { {{CSharpList(r.Destinations, firewall)}} }, DestinationFqdns = { {{CSharpList(r.Fqdns, firewall)}} }, DestinationPorts = { {{CSharpList(r.Ports, firewall)}} } }""";

    public static string PulumiClassicProgram(Firewall firewall)
    {
        string AppRule(AppRule r) => PulumiClassicAppRule(r, firewall, inPolicy: false);
        string NetworkRule(NetworkRule r) => PulumiClassicNetworkRule(r, firewall, inPolicy: false);
        string Collection(string type, Collection c, IEnumerable<string> rules) =>
            $$"""        _ = new {{type}}("{{c.Name}}", new {{type}}Args { AzureFirewallName = firewall.Name, ResourceGroupName = "rg", Priority = {{c.Priority}}, Action = "{{c.Action}}", Rules = { {{string.Join(",\n", rules)}} } });""";

        return $$"""
            using Pulumi;
            using Pulumi.Azure.Network;
            using Pulumi.Azure.Network.Inputs;

            public static class HubStack
            {
            {{CSharpMembers(firewall)}}
                public static void Create()
                {
                    var firewall = new Firewall("fw-hub", new FirewallArgs { ResourceGroupName = "rg", Location = "{{DisplayName(firewall.Region)}}", SkuName = "AZFW_VNet", SkuTier = "Standard" });
            {{string.Join("\n", firewall.AppCollections.Select(c => Collection("FirewallApplicationRuleCollection", c, c.AppRules.Select(AppRule))).Concat(firewall.NetworkCollections.Select(c => Collection("FirewallNetworkRuleCollection", c, c.NetworkRules.Select(NetworkRule)))))}}
                }
            }
            """;
    }

    public static string ArmPolicyTemplate(Firewall firewall)
    {
        string AppRuleJson(AppRule r) => ArmAppRule(r, firewall, inPolicy: true);
        string NetworkRuleJson(NetworkRule r) => ArmNetworkRule(r, firewall, inPolicy: true);
        string CollectionJson(Collection c, IEnumerable<string> rules) =>
            $$"""{ "ruleCollectionType": "FirewallPolicyFilterRuleCollection", "name": "{{c.Name}}", "priority": {{c.Priority}}, "action": { "type": "{{c.Action}}" }, "rules": [ {{string.Join(",\n", rules)}} ] }""";
        var collections = firewall.AppCollections.Select(c => CollectionJson(c, c.AppRules.Select(AppRuleJson)))
            .Concat(firewall.NetworkCollections.Select(c => CollectionJson(c, c.NetworkRules.Select(NetworkRuleJson))));

        return $$"""
            {
              "$schema": "{{ArmFixtures.Schema}}",
              "contentVersion": "1.0.0.0",
              "parameters": { "location": { "type": "string", "defaultValue": "{{firewall.Region}}" } },
              "variables": { {{ArmVariables(firewall)}} },
              "resources": [
                { "type": "Microsoft.Network/firewallPolicies", "apiVersion": "2024-05-01", "name": "hub-policy", "location": "{{firewall.Region}}", "properties": { } },
                {
                  "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
                  "apiVersion": "2024-05-01",
                  "name": "hub-policy/aks",
                  "dependsOn": [ "[resourceId('Microsoft.Network/firewallPolicies', 'hub-policy')]" ],
                  "properties": { "priority": 200, "ruleCollections": [ {{string.Join(",\n", collections)}} ] }
                }
              ]
            }
            """;
    }

    public static string BicepPolicyFile(Firewall firewall)
    {
        string AppRule(AppRule r) => BicepAppRule(r, firewall, inPolicy: true);
        string NetworkRule(NetworkRule r) => BicepNetworkRule(r, firewall, inPolicy: true);
        string Collection(Collection c, IEnumerable<string> rules) => $$"""
                  {
                    ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
                    name: '{{c.Name}}'
                    priority: {{c.Priority}}
                    action: { type: '{{c.Action}}' }
                    rules: [
            {{string.Join("\n", rules)}}
                    ]
                  }
            """;
        var collections = firewall.AppCollections.Select(c => Collection(c, c.AppRules.Select(AppRule)))
            .Concat(firewall.NetworkCollections.Select(c => Collection(c, c.NetworkRules.Select(NetworkRule))));

        return BicepDeclarations(firewall) + $$"""
            resource policy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
              name: 'hub-policy'
              location: '{{firewall.Region}}'
              properties: {}
            }

            resource rcg 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
              parent: policy
              name: 'aks'
              properties: {
                priority: 200
                ruleCollections: [
            {{string.Join("\n", collections)}}
                ]
              }
            }
            """;
    }

    public static string PulumiPolicyProgram(Firewall firewall)
    {
        // A filter collection's rules are an InputList<object>: an initializer Add would be ambiguous, so an array, as users write it.
        string AppRule(AppRule r) =>
            $$"""new ApplicationRuleArgs { RuleType = "ApplicationRule", Name = "{{r.Name}}", SourceAddresses = { {{CSharpList(r.Sources, firewall)}} }, Protocols = { {{string.Join(", ", r.Protocols.Select(p => $$"""new FirewallPolicyRuleApplicationProtocolArgs { ProtocolType = "{{p.Type}}", Port = {{p.Port}} }"""))}} }, TargetFqdns = {{CSharpFqdns(r, firewall)}}, FqdnTags = { {{CSharpList(r.Tags, firewall)}} } }""";
        string NetworkRule(NetworkRule r) =>
            $$"""new NetworkRuleArgs { RuleType = "NetworkRule", Name = "{{r.Name}}", SourceAddresses = { {{CSharpList(r.Sources, firewall)}} }, IpProtocols = { {{CSharpList(r.Protocols, firewall)}} }, DestinationAddresses = { {{CSharpList(r.Destinations, firewall)}} }, DestinationFqdns = { {{CSharpList(r.Fqdns, firewall)}} }, DestinationPorts = { {{CSharpList(r.Ports, firewall)}} } }""";
        string Collection(Collection c, IEnumerable<string> rules) =>
            $$"""new FirewallPolicyFilterRuleCollectionArgs { Name = "{{c.Name}}", Priority = {{c.Priority}}, RuleCollectionType = "FirewallPolicyFilterRuleCollection", Action = new FirewallPolicyFilterRuleCollectionActionArgs { Type = "{{c.Action}}" }, Rules = new object[] { {{string.Join(",\n", rules)}} } }""";
        var collections = firewall.AppCollections.Select(c => Collection(c, c.AppRules.Select(AppRule)))
            .Concat(firewall.NetworkCollections.Select(c => Collection(c, c.NetworkRules.Select(NetworkRule))));

        return PulumiFixtures.Usings + $$"""
            public static class PolicyStack
            {
            {{CSharpMembers(firewall)}}
                public static void Create()
                {
                    var policy = new FirewallPolicy("hub-policy", new FirewallPolicyArgs { ResourceGroupName = "rg", Location = "{{firewall.Region}}" });
                    _ = new FirewallPolicyRuleCollectionGroup("aks", new FirewallPolicyRuleCollectionGroupArgs
                    {
                        ResourceGroupName = "rg",
                        FirewallPolicyName = policy.Name,
                        Priority = 200,
                        RuleCollections = { {{string.Join(",\n", collections)}} },
                    });
                }
            }
            """;
    }

    public static string PulumiClassicPolicyProgram(Firewall firewall)
    {
        string AppRule(AppRule r) => PulumiClassicAppRule(r, firewall, inPolicy: true);
        string NetworkRule(NetworkRule r) => PulumiClassicNetworkRule(r, firewall, inPolicy: true);
        string Collection(string type, Collection c, IEnumerable<string> rules) =>
            $$"""new {{type}} { Name = "{{c.Name}}", Priority = {{c.Priority}}, Action = "{{c.Action}}", Rules = { {{string.Join(",\n", rules)}} } }""";

        return $$"""
            using Pulumi;
            using Pulumi.Azure.Network;
            using Pulumi.Azure.Network.Inputs;

            public static class PolicyStack
            {
            {{CSharpMembers(firewall)}}
                public static void Create()
                {
                    var policy = new FirewallPolicy("hub-policy", new FirewallPolicyArgs { ResourceGroupName = "rg", Location = "{{DisplayName(firewall.Region)}}" });
                    _ = new FirewallPolicyRuleCollectionGroup("aks", new FirewallPolicyRuleCollectionGroupArgs
                    {
                        FirewallPolicyId = policy.Id,
                        Priority = 200,
                        ApplicationRuleCollections = { {{string.Join(",\n", firewall.AppCollections.Select(c => Collection("FirewallPolicyRuleCollectionGroupApplicationRuleCollectionArgs", c, c.AppRules.Select(AppRule))))}} },
                        NetworkRuleCollections = { {{string.Join(",\n", firewall.NetworkCollections.Select(c => Collection("FirewallPolicyRuleCollectionGroupNetworkRuleCollectionArgs", c, c.NetworkRules.Select(NetworkRule))))}} },
                    });
                }
            }
            """;
    }
}
