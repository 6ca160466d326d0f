using Pulumi;
using Pulumi.AzureNative.Network;
using Pulumi.AzureNative.Network.Inputs;

// A hub as a component resource (read once per creation, its args' auto-properties known), created by a typed and a
// target-typed new, and a helper reached through another helper that passes its parameter on.
public sealed class HubArgs
{
    public string Location { get; set; } = "";
}

public class Hub : ComponentResource
{
    public Hub(string name, HubArgs args) : base("egress:index:Hub", name)
    {
        var policy = new FirewallPolicy($"{name}-policy", new FirewallPolicyArgs { ResourceGroupName = "rg" });
        Rules.Add(policy, name, args.Location);
    }
}

public static class Rules
{
    public static void Add(FirewallPolicy policy, string name, string region) =>
        _ = new FirewallPolicyRuleCollectionGroup($"{name}-aks", new FirewallPolicyRuleCollectionGroupArgs
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
                    Action = new FirewallPolicyFilterRuleCollectionActionArgs { Type = FirewallPolicyFilterRuleCollectionActionType.Allow },
                    Rules = new[]
                    {
                        new ApplicationRuleArgs
                        {
                            Name = "core",
                            RuleType = "ApplicationRule",
                            SourceAddresses = { "*" },
                            Protocols = { new FirewallPolicyRuleApplicationProtocolArgs { ProtocolType = "Https", Port = 443 } },
                            TargetFqdns = { $"*.hcp.{region}.azmk8s.io", "mcr.microsoft.com", "management.azure.com" },
                        },
                    },
                },
            },
        });
}

public static class Hubs
{
    public static void Create()
    {
        _ = new Hub("weu", new HubArgs { Location = "westeurope" });
        Hub neu = new("neu", new HubArgs { Location = "northeurope" });
    }
}
