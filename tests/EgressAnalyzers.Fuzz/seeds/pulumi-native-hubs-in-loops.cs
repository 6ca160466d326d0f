using System.Collections.Generic;
using System.Linq;
using Pulumi;
using Pulumi.AzureNative.Network;
using Pulumi.AzureNative.Network.Inputs;

// Hubs made in a foreach over known regions (one policy and group per item), rules projected with LINQ, a list filled
// in nested loops, an array read by index, and hub descriptions (a record, tuples taken apart, anonymous objects): the
// paths that read C# loops item by item.
public sealed record HubConfig(string Region, int Size);

public static class HubsInLoops
{
    private static readonly HubConfig[] Configs = { new("westeurope", 1), new("northeurope", 2) };

    private static readonly string[] Regions = { "westeurope", "northeurope" };
    private static readonly string[] Core = { "mcr.microsoft.com", "*.data.mcr.microsoft.com", "management.azure.com", "login.microsoftonline.com", "packages.microsoft.com", "acs-mirror.azureedge.net", "packages.aks.azure.com" };

    private static string Hcp(string region) => $"*.hcp.{region}.azmk8s.io";

    private static List<string> Targets()
    {
        var fqdns = new List<string>(Core);
        foreach (var service in new[] { "hcp" })
        {
            foreach (var region in Regions)
            {
                fqdns.Add($"*.{service}.{region}.azmk8s.io");
            }
        }

        return fqdns;
    }

    public static void CreateFromDescriptions()
    {
        foreach (var config in Configs)
        {
            _ = new FirewallPolicy($"cfg-{config.Region}", new FirewallPolicyArgs { ResourceGroupName = "rg" });
        }

        foreach (var (region, size) in new[] { ("westeurope", 1), ("northeurope", 2) })
        {
            _ = new FirewallPolicy($"tuple-{region}-{size}", new FirewallPolicyArgs { ResourceGroupName = "rg" });
        }

        foreach (var hub in new[] { new { Region = "westeurope" } })
        {
            AddPolicy(hub.Region);
        }
    }

    private static void AddPolicy(string region) =>
        _ = new FirewallPolicy($"anon-{region}", new FirewallPolicyArgs { ResourceGroupName = "rg" });

    public static void Create()
    {
        foreach (var region in Regions.Select(r => r))
        {
            var policy = new FirewallPolicy($"policy-{region}", new FirewallPolicyArgs { ResourceGroupName = "rg" });
            _ = new FirewallPolicyRuleCollectionGroup($"aks-{region}", new FirewallPolicyRuleCollectionGroupArgs
            {
                ResourceGroupName = "rg",
                FirewallPolicyName = policy.Name,
                Priority = 200,
                RuleCollections =
                {
                    new FirewallPolicyFilterRuleCollectionArgs
                    {
                        Name = "aks-app",
                        Priority = 100,
                        RuleCollectionType = "FirewallPolicyFilterRuleCollection",
                        Action = new FirewallPolicyFilterRuleCollectionActionArgs { Type = "Allow" },
                        Rules = Core.Append(Hcp(region)).Select((fqdn, i) => new ApplicationRuleArgs
                        {
                            Name = $"rule-{i}",
                            RuleType = "ApplicationRule",
                            SourceAddresses = { "*" },
                            Protocols = { new FirewallPolicyRuleApplicationProtocolArgs { ProtocolType = "Https", Port = 443 } },
                            TargetFqdns = { fqdn, Core[0] },
                        }).ToArray(),
                    },
                    new FirewallPolicyFilterRuleCollectionArgs
                    {
                        Name = "aks-all",
                        Priority = 200,
                        RuleCollectionType = "FirewallPolicyFilterRuleCollection",
                        Action = new FirewallPolicyFilterRuleCollectionActionArgs { Type = "Allow" },
                        Rules = new[] { new ApplicationRuleArgs { Name = "all", RuleType = "ApplicationRule", SourceAddresses = { "*" }, Protocols = { new FirewallPolicyRuleApplicationProtocolArgs { ProtocolType = "Https", Port = 443 } }, TargetFqdns = Targets().Concat(Regions.SelectMany(r => new[] { Hcp(r) })).ToList() } },
                    },
                },
            });
        }
    }
}
