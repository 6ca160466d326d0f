using Pulumi;
using Pulumi.AzureNative.Network;
using Pulumi.AzureNative.Network.Inputs;

// Rule collection groups created in a helper that takes its policy (read once per call), one whose policy name is
// known only at run time (may be any policy's), and a subclass whose base call builds the Args from its parameters.
public static class Policies
{
    public static void Create(string policyFromConfig)
    {
        var hub = new FirewallPolicy("hub-policy", new FirewallPolicyArgs { ResourceGroupName = "rg" });
        var spoke = new FirewallPolicy("spoke-policy", new FirewallPolicyArgs { ResourceGroupName = "rg" });
        AddGroup(hub, "aks-hub", 200, "mcr.microsoft.com", "*.data.mcr.microsoft.com");
        AddGroup(spoke, "aks-spoke", 300, "login.microsoftonline.com");
        _ = new FirewallPolicyRuleCollectionGroup("detached", new FirewallPolicyRuleCollectionGroupArgs
        {
            ResourceGroupName = "rg",
            FirewallPolicyName = policyFromConfig,
            Priority = 400,
            RuleCollections = { Filter("detached", 100, "Allow", "management.azure.com") },
        });
        _ = new TeamGroup(hub, "team", "packages.microsoft.com");
    }

    private static void AddGroup(FirewallPolicy policy, string name, int priority, params string[] fqdns) =>
        _ = new FirewallPolicyRuleCollectionGroup(name, new FirewallPolicyRuleCollectionGroupArgs
        {
            ResourceGroupName = "rg",
            FirewallPolicyName = policy.Name,
            Priority = priority,
            RuleCollections = { Filter(name, 100, "Allow", fqdns), Filter(name + "-deny", 200, "Deny", "*.example.com") },
        });

    private static FirewallPolicyFilterRuleCollectionArgs Filter(string name, int priority, string action, params string[] fqdns) => new FirewallPolicyFilterRuleCollectionArgs
    {
        Name = name,
        Priority = priority,
        RuleCollectionType = "FirewallPolicyFilterRuleCollection",
        Action = new FirewallPolicyFilterRuleCollectionActionArgs { Type = action },
        Rules = new[]
        {
            new ApplicationRuleArgs
            {
                Name = name + "-rule",
                RuleType = "ApplicationRule",
                SourceAddresses = { "10.240.0.0/16" },
                Protocols = { new FirewallPolicyRuleApplicationProtocolArgs { ProtocolType = "Https", Port = 443 } },
                TargetFqdns = fqdns,
            },
        },
    };
}

public sealed class TeamGroup : FirewallPolicyRuleCollectionGroup
{
    public TeamGroup(FirewallPolicy policy, string team, string fqdn)
        : base(team + "-rcg", new FirewallPolicyRuleCollectionGroupArgs { ResourceGroupName = "rg", FirewallPolicyName = policy.Name, Priority = 500 })
    {
    }
}
