using System.Collections.Generic;
using Pulumi;
using Pulumi.AzureNative.ContainerService;
using Pulumi.AzureNative.Network;
using Pulumi.AzureNative.Resources;
using Cs = Pulumi.AzureNative.ContainerService.Inputs;
using Net = Pulumi.AzureNative.Network.Inputs;

return await Deployment.RunAsync(() =>
{
    // The region comes from the stack (Pulumi.dev.yaml): EgressAnalyzers reads it too.
    var location = new Config("azure-native").Require("location");
    var resourceGroup = new ResourceGroup("rg-hub", new ResourceGroupArgs { Location = location });

    var firewall = new AzureFirewall("fw-hub", new AzureFirewallArgs
    {
        ResourceGroupName = resourceGroup.Name,
        AzureFirewallName = "fw-hub",
        Location = location,
        Sku = new Net.AzureFirewallSkuArgs { Name = AzureFirewallSkuName.AZFW_VNet, Tier = AzureFirewallSkuTier.Standard },
        ApplicationRuleCollections =
        {
            new Net.AzureFirewallApplicationRuleCollectionArgs
            {
                Name = "aks-core",
                Priority = 200,
                Action = new Net.AzureFirewallRCActionArgs { Type = AzureFirewallRCActionType.Allow },
                Rules =
                {
                    new Net.AzureFirewallApplicationRuleArgs
                    {
                        Name = "aks-images",
                        SourceAddresses = { HubNetwork.SpokePrefix },
                        Protocols = { new Net.AzureFirewallApplicationRuleProtocolArgs { ProtocolType = AzureFirewallApplicationRuleProtocolType.Https, Port = 443 } },
                        // Gap: the API server (*.hcp.<region>.azmk8s.io) and Entra ID (login.microsoftonline.com) are missing.
                        TargetFqdns = HubNetwork.ImageEndpoints,
                    },
                    new Net.AzureFirewallApplicationRuleArgs
                    {
                        Name = "aks-management",
                        SourceAddresses = { HubNetwork.SpokePrefix },
                        Protocols = { new Net.AzureFirewallApplicationRuleProtocolArgs { ProtocolType = AzureFirewallApplicationRuleProtocolType.Https, Port = 443 } },
                        TargetFqdns = { "management.azure.com", "packages.microsoft.com", "acs-mirror.azureedge.net", "packages.aks.azure.com" },
                    },
                },
            },
        },
    });

    var cluster = new ManagedCluster("aks", new ManagedClusterArgs
    {
        ResourceGroupName = resourceGroup.Name,
        Location = location,
        DnsPrefix = "aks",
        Identity = new Cs.ManagedClusterIdentityArgs { Type = ResourceIdentityType.SystemAssigned },
        AgentPoolProfiles =
        {
            new Cs.ManagedClusterAgentPoolProfileArgs { Name = "system", Mode = AgentPoolMode.System, VmSize = "Standard_D4ds_v5", OsType = OSType.Linux, Count = 3 },
        },
        NetworkProfile = new Cs.ContainerServiceNetworkProfileArgs
        {
            NetworkPlugin = NetworkPlugin.Azure,
            OutboundType = OutboundType.UserDefinedRouting,
        },
    });

    return new Dictionary<string, object?>
    {
        ["firewall"] = firewall.Name,
        ["cluster"] = cluster.Name,
    };
});

internal static class HubNetwork
{
    public const string SpokePrefix = "10.20.0.0/16";

    public static readonly string[] ImageEndpoints = { "mcr.microsoft.com", "*.data.mcr.microsoft.com", "mcr-0001.mcr-msedge.net" };
}
