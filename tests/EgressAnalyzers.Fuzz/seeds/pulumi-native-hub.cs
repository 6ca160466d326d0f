using System.Collections.Generic;
using System.Linq;
using Pulumi;
using Pulumi.AzureNative.Network;
using Pulumi.AzureNative.Network.Inputs;

// Classic rules on the firewall and a policy rule collection group, with the values the analyzer must resolve:
// constants, static readonly arrays, interpolation, helpers and later Add calls.
public static class Hub
{
    private const string Region = "westeurope";
    private static readonly string Spoke = "10.20.0.0/16";
    private static readonly string[] Images = { "mcr.microsoft.com", "*.data.mcr.microsoft.com", "mcr-0001.mcr-msedge.net" };

    private static InputList<string> Management() => new InputList<string> { "management.azure.com", "packages.microsoft.com" };

    private static AzureFirewallApplicationRuleArgs Https(string name, InputList<string> fqdns) => new AzureFirewallApplicationRuleArgs
    {
        Name = name,
        SourceAddresses = { Spoke },
        Protocols = { new AzureFirewallApplicationRuleProtocolArgs { ProtocolType = AzureFirewallApplicationRuleProtocolType.Https, Port = 443 } },
        TargetFqdns = fqdns,
    };

    public static void Create()
    {
        var firewall = new AzureFirewall("fw-hub", new AzureFirewallArgs
        {
            ResourceGroupName = "rg-hub",
            AzureFirewallName = "fw-hub",
            ApplicationRuleCollections =
            {
                new AzureFirewallApplicationRuleCollectionArgs
                {
                    Name = "aks-core",
                    Priority = 200,
                    Action = new AzureFirewallRCActionArgs { Type = AzureFirewallRCActionType.Allow },
                    Rules =
                    {
                        Https("images", Images),
                        Https("management", Management()),
                        Https("api", new[] { $"*.hcp.{Region}.azmk8s.io", "acs-mirror.azureedge.net" }.ToList()),
                    },
                },
            },
            NetworkRuleCollections =
            {
                new AzureFirewallNetworkRuleCollectionArgs
                {
                    Name = "aks-net",
                    Priority = 300,
                    Action = new AzureFirewallRCActionArgs { Type = "Allow" },
                    Rules =
                    {
                        new AzureFirewallNetworkRuleArgs
                        {
                            Name = "ntp",
                            SourceAddresses = { "*" },
                            DestinationAddresses = { "*" },
                            DestinationPorts = { "123" },
                            Protocols = { "UDP" },
                        },
                    },
                },
            },
        });

        var policy = new FirewallPolicy("hub-policy", new FirewallPolicyArgs { ResourceGroupName = "rg-hub" });
        var rule = new ApplicationRuleArgs
        {
            Name = "core",
            RuleType = "ApplicationRule",
            SourceAddresses = { "*" },
            Protocols = { new FirewallPolicyRuleApplicationProtocolArgs { ProtocolType = "Https", Port = 443 } },
            TargetFqdns = { "login.microsoftonline.com" },
        };
        rule.TargetFqdns.Add("packages.aks.azure.com");
        _ = new FirewallPolicyRuleCollectionGroup("aks-rcg", new FirewallPolicyRuleCollectionGroupArgs
        {
            ResourceGroupName = "rg-hub",
            FirewallPolicyName = policy.Name,
            Priority = 200,
            RuleCollections =
            {
                new FirewallPolicyFilterRuleCollectionArgs
                {
                    Name = "aks-app",
                    Priority = 100,
                    RuleCollectionType = "FirewallPolicyFilterRuleCollection",
                    Action = new FirewallPolicyFilterRuleCollectionActionArgs { Type = FirewallPolicyFilterRuleCollectionActionType.Allow },
                    Rules = new[] { rule },
                },
            },
        });
    }
}
