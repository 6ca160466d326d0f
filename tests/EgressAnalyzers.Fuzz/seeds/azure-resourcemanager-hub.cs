using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.ResourceManager.Network;
using Azure.ResourceManager.Network.Models;
using Azure.ResourceManager.Resources;

// Azure SDK for .NET: data objects with get-only lists filled by initializers and Add calls, created by CreateOrUpdateAsync.
public static class SdkHub
{
    private const string Api = "*.hcp." + "westeurope" + ".azmk8s.io";
    private static readonly string Registry = "mcr.microsoft.com";

    public static async Task Deploy(ResourceGroupResource rg)
    {
        var rule = new AzureFirewallApplicationRule { Name = "aks", TargetFqdns = { Api, $"{Registry}" } };
        rule.SourceAddresses.Add("*");
        rule.Protocols.Add(new AzureFirewallApplicationRuleProtocol { ProtocolType = AzureFirewallApplicationRuleProtocolType.Https, Port = 443 });
        rule.TargetFqdns.Add("*.data." + Registry);
        var data = new AzureFirewallData
        {
            Location = AzureLocation.WestEurope,
            ApplicationRuleCollections =
            {
                new AzureFirewallApplicationRuleCollectionData
                {
                    Name = "aks-core",
                    Priority = 200,
                    ActionType = AzureFirewallRCActionType.Allow,
                    Rules = { rule },
                },
            },
        };
        await rg.GetAzureFirewalls().CreateOrUpdateAsync(WaitUntil.Completed, "fw-hub", data);
    }
}
