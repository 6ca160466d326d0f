using System.Collections.Generic;
using Pulumi;
using Pulumi.Azure.Network;
using Pulumi.Azure.Network.Inputs;

// Pulumi classic Azure: collections are resources of their own, attached to the firewall by name.
public static class ClassicHub
{
    private static readonly string[] Core =
    {
        "*.hcp.westeurope.azmk8s.io",
        "mcr.microsoft.com",
        "*.data.mcr.microsoft.com",
        "management.azure.com",
        "login.microsoftonline.com",
    };

    public static void Create()
    {
        var firewall = new Firewall("fw-hub", new FirewallArgs { ResourceGroupName = "rg", SkuName = "AZFW_VNet", SkuTier = "Standard" });
        var fqdns = new List<string>(Core) { "packages.microsoft.com" };
        _ = new FirewallApplicationRuleCollection("aks-core", new FirewallApplicationRuleCollectionArgs
        {
            AzureFirewallName = firewall.Name,
            ResourceGroupName = "rg",
            Priority = 200,
            Action = "Allow",
            Rules =
            {
                new FirewallApplicationRuleCollectionRuleArgs
                {
                    Name = "aks",
                    SourceAddresses = { "10.20.0.0/16" },
                    Protocols = { new FirewallApplicationRuleCollectionRuleProtocolArgs { Type = "Https", Port = 443 } },
                    TargetFqdns = fqdns,
                },
            },
        });
        _ = new FirewallNetworkRuleCollection("aks-net", new FirewallNetworkRuleCollectionArgs
        {
            AzureFirewallName = firewall.Name,
            ResourceGroupName = "rg",
            Priority = 300,
            Action = "Allow",
            Rules =
            {
                new FirewallNetworkRuleCollectionRuleArgs
                {
                    Name = "ntp",
                    SourceAddresses = { "*" },
                    DestinationAddresses = { "*" },
                    DestinationPorts = { "123" },
                    Protocols = { "UDP" },
                },
            },
        });
    }
}
