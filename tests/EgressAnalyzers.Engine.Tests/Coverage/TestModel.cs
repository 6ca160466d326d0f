using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Coverage;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Tests.Coverage;

/// <summary>Short builders for model objects: every value gets its own fake span in "test.json", in creation order.</summary>
internal static class TestModel
{
    public const string File = "test.json";

    private static int next;

    public static SourceSpan Span() => new(File, Interlocked.Add(ref next, 10), 5);

    public static ModelValue V(string text) => ModelValue.Known(text, Span());

    public static ModelValue U(string expression) => ModelValue.Unknown(expression, Span());

    public static IReadOnlyList<ModelValue> Vs(params string[] texts) => texts.Select(V).ToList();

    /// <summary>An application rule; protocols as "Https:443,Http:80".</summary>
    public static ApplicationRule App(string fqdns, string protocols = "Https:443", string tags = "", string sources = "*", string name = "app-rule") =>
        App(Split(fqdns).Select(V).ToList(), protocols, tags, sources, name);

    public static ApplicationRule App(IReadOnlyList<ModelValue> fqdns, string protocols = "Https:443", string tags = "", string sources = "*", string name = "app-rule") =>
        new(
            name,
            Span(),
            Split(protocols).Select(p => p.Split(':')).Select(p => new ApplicationProtocol(V(p[0]), V(p[1]), Span())).ToList(),
            fqdns,
            Split(tags).Select(V).ToList(),
            Split(sources).Select(V).ToList(),
            Array.Empty<ModelValue>());

    public static ApplicationRule TagRule(string protocols = "Https:443") => App("", protocols, tags: "AzureKubernetesService", name: "aks-tag");

    /// <summary>A network rule; lists are comma-separated.</summary>
    public static NetworkRule Net(
        string protocols,
        string destinations,
        string ports,
        string fqdns = "",
        string ipGroups = "",
        string sources = "*",
        string sourceIpGroups = "",
        string name = "net-rule") =>
        Net(Split(protocols).Select(V).ToList(), Split(destinations).Select(V).ToList(), Split(ports).Select(V).ToList(), fqdns, ipGroups, sources, sourceIpGroups, name);

    public static NetworkRule Net(
        IReadOnlyList<ModelValue> protocols,
        IReadOnlyList<ModelValue> destinations,
        IReadOnlyList<ModelValue> ports,
        string fqdns = "",
        string ipGroups = "",
        string sources = "*",
        string sourceIpGroups = "",
        string name = "net-rule") =>
        new(
            name,
            Span(),
            protocols,
            destinations,
            Split(fqdns).Select(V).ToList(),
            Split(ipGroups).Select(V).ToList(),
            ports,
            Split(sources).Select(V).ToList(),
            Split(sourceIpGroups).Select(V).ToList());

    public static RuleCollection Allow(string name, int? priority, params FirewallRule[] rules) => Collection(name, RuleAction.Allow, priority, rules);

    public static RuleCollection Deny(string name, int? priority, params FirewallRule[] rules) => Collection(name, RuleAction.Deny, priority, rules);

    public static RuleCollection Collection(string name, RuleAction action, int? priority, params FirewallRule[] rules) =>
        new(
            name,
            rules.FirstOrDefault() is NetworkRule ? RuleCollectionKind.Network : RuleCollectionKind.Application,
            priority,
            action,
            Span(),
            rules.OfType<ApplicationRule>().ToList(),
            rules.OfType<NetworkRule>().ToList(),
            nameSpan: Span());

    public static ResourceKey FirewallKey(string name) => new(ResourceKey.AzureFirewallType, name);

    public static ResourceKey PolicyKey(string name) => new(ResourceKey.FirewallPolicyType, name);

    public static AzureFirewallResource Firewall(string name, params RuleCollection[] collections) =>
        new(FirewallKey(name), name, OwnSpan(name), Span(), collections, null);

    public static AzureFirewallResource FirewallWithPolicy(string name, string policy, bool optedIn = false) =>
        new(FirewallKey(name), name, OwnSpan(name), Span(), Array.Empty<RuleCollection>(), new PolicyReference(PolicyKey(policy), $"[resourceId('Microsoft.Network/firewallPolicies', '{policy}')]", Span()))
        {
            OptedIn = optedIn,
        };

    public static FirewallPolicyResource Policy(string name, string? basePolicy = null) =>
        new(PolicyKey(name), name, OwnSpan(name), Span(), basePolicy is null ? null : new PolicyReference(PolicyKey(basePolicy), basePolicy, Span()));

    public static RuleCollectionGroupResource Group(string policy, string name, int? priority, params RuleCollection[] collections) =>
        new(new ResourceKey(ResourceKey.RuleCollectionGroupType, $"{policy}/{name}"), name, OwnSpan(name), Span(), PolicyKey(policy), priority, collections);

    public static AksClusterResource Cluster(string name = "aks", string? location = "westeurope") =>
        new(new ResourceKey(ResourceKey.ManagedClusterType, name), name, OwnSpan(name), Span())
        {
            Location = location is null ? null : V(location),
        };

    public static SubnetResource Subnet(string vnet, string name, string prefix) =>
        new(new ResourceKey(ResourceKey.SubnetType, $"{vnet}/{name}"), name, OwnSpan(name), Span()) { AddressPrefixes = new[] { V(prefix) } };

    public static SubnetReference SubnetRef(string vnet, string name) =>
        new(new ResourceKey(ResourceKey.SubnetType, $"{vnet}/{name}"), $"{vnet}/{name}", Span());

    public static VirtualNetworkResource VNet(string name, IReadOnlyList<ModelValue> dnsServers, params SubnetResource[] subnets) =>
        new(new ResourceKey(ResourceKey.VirtualNetworkType, name), name, OwnSpan(name), Span()) { DnsServers = dnsServers, Subnets = subnets };

    public static InfrastructureModel Infra(params ModelResource[] resources) => new(resources);

    public static FirewallRuleSet RuleSet(params RuleCollection[] collections) =>
        FirewallRuleSet.Resolve(Infra(Firewall("fw", collections))).Single();

    /// <summary>A resource's own span lives in a separate fake file so suppressions on it cover nothing by accident.</summary>
    public static SourceSpan OwnSpan(string name) => new("resource-" + name, 0, 1);

    private static string[] Split(string list) =>
        list.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).ToArray();
}

/// <summary>A small catalog shaped like the real one (the data file is written elsewhere).</summary>
internal static class TestCatalog
{
    public static Requirement Hcp { get; } = new()
    {
        Id = "G-A1", Profile = "current", Cloud = "AzureCloud", Kind = RequirementKind.Application, Fqdn = "*.hcp.<location>.azmk8s.io",
        Protocol = "Https", Port = 443, Level = RequirementLevel.Required, NotFor = new[] { "privateCluster" }, CoveredByAksFqdnTag = true,
        Purpose = "Node to API server communication",
    };

    public static Requirement Mcr { get; } = new()
    {
        Id = "G-A2", Profile = "current", Cloud = "AzureCloud", Kind = RequirementKind.Application, Fqdn = "mcr.microsoft.com",
        Protocol = "Https", Port = 443, Level = RequirementLevel.Required, CoveredByAksFqdnTag = true, Purpose = "Microsoft Container Registry",
    };

    public static Requirement McrData { get; } = new()
    {
        Id = "G-A3", Profile = "current", Cloud = "AzureCloud", Kind = RequirementKind.Application, Fqdn = "*.data.mcr.microsoft.com",
        Protocol = "Https", Port = 443, Level = RequirementLevel.Required, CoveredByAksFqdnTag = true, Purpose = "MCR storage",
    };

    public static Requirement Tunnel { get; } = new()
    {
        Id = "G-N1", Profile = "current", Cloud = "AzureCloud", Kind = RequirementKind.Network, Protocol = "UDP", Port = 1194,
        Destinations = new[] { "*", "serviceTag:AzureCloud.<location>", "ipAddresses" }, Level = RequirementLevel.Recommended,
        RequiredWhen = "legacyTunnel", NotFor = new[] { "privateCluster" }, Purpose = "Tunneled node to control plane traffic",
    };

    public static Requirement CustomDns { get; } = new()
    {
        Id = "G-N4", Profile = "current", Cloud = "AzureCloud", Kind = RequirementKind.Network, Protocol = "UDP", Port = 53,
        Destinations = new[] { "customDnsServers" }, Level = RequirementLevel.Required, OnlyWhen = "customDns", Purpose = "Custom DNS",
    };

    public static Requirement Ntp { get; } = new()
    {
        Id = "G-N3", Profile = "current", Cloud = "AzureCloud", Kind = RequirementKind.Network, Protocol = "UDP", Port = 123,
        Destinations = new[] { "*", "fqdn:ntp.ubuntu.com" }, Level = RequirementLevel.Recommended, Purpose = "NTP",
    };

    public static Requirement Gpu { get; } = new()
    {
        Id = "GPU-A1", Profile = "current", Cloud = "AzureCloud", Kind = RequirementKind.Application, Fqdn = "nvidia.github.io",
        Protocol = "Https", Port = 443, Level = RequirementLevel.Required, OnlyWhen = "gpu", Purpose = "GPU driver installation",
    };

    public static Requirement UbuntuSecurity { get; } = new()
    {
        Id = "OS-A1", Profile = "current", Cloud = "AzureCloud", Kind = RequirementKind.Application, Fqdn = "security.ubuntu.com",
        Protocol = "Http", Port = 80, Level = RequirementLevel.Recommended, Purpose = "Ubuntu security updates",
    };

    public static RequirementCatalog With(params Requirement[] requirements) => new()
    {
        Version = "test",
        Profiles = new[] { "current", "preview2019" },
        Clouds = new[] { "AzureCloud" },
        Features = new[] { "gpu", "windows" },
        Regions = new Dictionary<string, IReadOnlyCollection<string>> { ["AzureCloud"] = new[] { "westeurope", "eastus", "westus" } },
        Requirements = requirements,
        Deprecated = new[]
        {
            new DeprecatedEndpoint { Fqdn = "aksrepos.azurecr.io", Note = "removed in 2020" },
            new DeprecatedEndpoint { Fqdn = "*.tun.<location>.azmk8s.io", Note = "tunnel front removed" },
        },
    };

    public static RequirementCatalog Core => With(Hcp, Mcr, McrData, Tunnel, Ntp, CustomDns, Gpu, UbuntuSecurity);
}
