using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EgressAnalyzers.Engine.Coverage;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Topology;

/// <summary>
/// Is the firewall really on each cluster's egress path, and does public ingress survive it? Relates clusters, node
/// subnets, route tables, firewalls and ingress resources of every input. What the inputs do not show is never
/// reported as wrong: it is Info (EGR3001, EGR3003) or silence (EGR3002).
/// </summary>
public static class TopologyChecks
{
    public const string UserDefinedRouting = "userDefinedRouting";

    /// <summary>Outbound types whose egress does not use the node subnet's route to an appliance.</summary>
    private static readonly string[] NonRoutedOutboundTypes =
    {
        "loadBalancer", "managedNATGateway", "managedNATGatewayV2", "userAssignedNATGateway",
    };

    public static IReadOnlyList<Finding> Analyze(InfrastructureModel model, CancellationToken cancellationToken = default)
    {
        var findings = new List<Finding>();
        if (model.Clusters.Count == 0)
        {
            return findings;
        }

        var firewalls = FirewallAddress.Build(model);
        var ruleSets = FirewallRuleSet.Resolve(model);
        var checkedRoutes = new HashSet<RouteEntry>();
        foreach (var cluster in model.Clusters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var routes = SubnetRoute.ForCluster(cluster, model);
            findings.AddRange(CheckOutboundType(cluster, routes));
            foreach (var route in routes.Where(r => r.IsForcedToAppliance))
            {
                if (checkedRoutes.Add(route.DefaultRoute!))
                {
                    findings.AddRange(CheckNextHop(cluster, route, firewalls));
                }
            }

            findings.AddRange(CheckNodeIngress(cluster, routes, firewalls, ruleSets));
        }

        findings.AddRange(CheckIngressResources(model, firewalls, ruleSets));
        return EgressEngine.Finish(findings, model);
    }

    // EGR3001 ------------------------------------------------------------------------------------------------------

    private static IEnumerable<Finding> CheckOutboundType(AksClusterResource cluster, IReadOnlyList<SubnetRoute> routes)
    {
        var outbound = cluster.OutboundType;
        if (outbound is { IsKnown: false })
        {
            yield break;
        }

        var outboundText = outbound?.Text?.Trim() ?? "loadBalancer";
        var outboundDisplay = outbound is null ? "not set, so 'loadBalancer'" : $"'{outboundText}'";
        var location = outbound is null || outbound.Span.IsEmpty ? cluster.NameSpan : outbound.Span;

        if (NonRoutedOutboundTypes.Any(t => string.Equals(t, outboundText, StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var route in routes.Where(r => r.IsForcedToAppliance))
            {
                yield return new Finding(
                    EgressRules.EGR3001_OutboundTypeDisagreesWithRoute,
                    location,
                    cluster.DisplayName,
                    $"outboundType is {outboundDisplay}, but node subnet '{route.SubnetName}' sends 0.0.0.0/0 to a virtual appliance (route '{route.DefaultRoute!.Name}' of route table '{route.Table!.DisplayName}'). "
                    + "AKS still sends egress out its own way (load balancer public IP or NAT gateway), so egress does not go through the firewall as intended (or provisioning fails). "
                    + $"Set outboundType to '{UserDefinedRouting}' to make the firewall the cluster's egress path, or remove the route.")
                {
                    Subject = cluster.Key,
                    AdditionalLocations = new[] { route.DefaultRoute.Span },
                };
            }

            yield break;
        }

        if (!string.Equals(outboundText, UserDefinedRouting, StringComparison.OrdinalIgnoreCase))
        {
            // none / block (network-isolated) and values we do not know: no claim about routes.
            yield break;
        }

        if (routes.Count == 0)
        {
            // No agent pool names a subnet: there is no node subnet to relate (AKS itself rejects this combination).
            yield break;
        }

        var notVisible = new List<string>();
        foreach (var route in routes)
        {
            switch (route.Visibility)
            {
                case RouteVisibility.SubnetNotVisible:
                    notVisible.Add($"node subnet '{route.SubnetName}'");
                    break;
                case RouteVisibility.RouteTableNotVisible:
                    notVisible.Add($"the route table of node subnet '{route.SubnetName}' ({route.Subnet!.RouteTableId})");
                    break;
                case RouteVisibility.NoRouteTable:
                    yield return Reverse(cluster, location, route, $"node subnet '{route.SubnetName}' has no route table");
                    break;
                case RouteVisibility.RouteTableVisible when route.DefaultRoute is { } defaultRoute:
                    if (defaultRoute.IsNextHop(RouteEntry.Internet) || defaultRoute.IsNextHop("None"))
                    {
                        yield return Reverse(
                            cluster,
                            location,
                            route,
                            $"the default route '{defaultRoute.Name}' of route table '{route.Table!.DisplayName}' has next hop '{defaultRoute.NextHopType!.Text}' (AKS rejects 'Internet' with userDefinedRouting; 'None' drops all egress)",
                            defaultRoute.Span);
                    }

                    break;
                case RouteVisibility.RouteTableVisible when !route.MayHaveDefaultRoute:
                    yield return Reverse(cluster, location, route, $"route table '{route.Table!.DisplayName}' of node subnet '{route.SubnetName}' has no 0.0.0.0/0 route", route.Table.NameSpan);
                    break;
            }
        }

        if (notVisible.Count > 0)
        {
            yield return NotVisible(cluster, location, $"{string.Join(" and ", notVisible)} {(notVisible.Count == 1 ? "is" : "are")} not among the analyzed files");
        }
    }

    private static Finding Reverse(AksClusterResource cluster, SourceSpan location, SubnetRoute route, string problem, SourceSpan? additional = null) =>
        new(
            EgressRules.EGR3001_OutboundTypeDisagreesWithRoute,
            location,
            cluster.DisplayName,
            $"outboundType is '{UserDefinedRouting}', but {problem}. With userDefinedRouting AKS sets up no egress of its own and requires the node subnet to send 0.0.0.0/0 to the firewall (a virtual appliance); "
            + "add that route to the node subnet's route table.")
        {
            Subject = cluster.Key,
            AdditionalLocations = additional is { IsEmpty: false } extra ? new[] { extra }
                : route.Subnet is { } subnet ? new[] { subnet.NameSpan } : Array.Empty<SourceSpan>(),
        };

    private static Finding NotVisible(AksClusterResource cluster, SourceSpan location, string reason) =>
        new(
            EgressRules.EGR3001_OutboundTypeDisagreesWithRoute,
            location,
            cluster.DisplayName,
            $"outboundType is '{UserDefinedRouting}', which needs a 0.0.0.0/0 route to the firewall on the node subnet, but {reason}, so the route cannot be checked")
        {
            Subject = cluster.Key,
            Severity = RuleSeverity.Info,
        };

    // EGR3003 ------------------------------------------------------------------------------------------------------

    private static IEnumerable<Finding> CheckNextHop(AksClusterResource cluster, SubnetRoute route, IReadOnlyList<FirewallAddress> firewalls)
    {
        var defaultRoute = route.DefaultRoute!;
        if (FirewallOf(defaultRoute, firewalls) is not null)
        {
            yield break;
        }

        var address = defaultRoute.NextHopIpAddress;
        var location = address is null || address.Span.IsEmpty ? defaultRoute.Span : address.Span;
        if (address is null)
        {
            // ARM rejects a VirtualAppliance route without an address; nothing to relate.
            yield break;
        }

        if (address.Text is { } text)
        {
            var unknownFirewalls = firewalls.Where(f => f.HasUnknownAddress).Select(f => $"'{f.Firewall.DisplayName}'").ToList();
            if (unknownFirewalls.Count > 0)
            {
                yield return new Finding(
                    EgressRules.EGR3003_NextHopIsNotACheckedFirewall,
                    location,
                    defaultRoute.Name,
                    cluster.DisplayName,
                    $"sends egress to {text}, and the private IP of Azure Firewall {string.Join(", ", unknownFirewalls)} could not be determined, so it cannot be proven that the cluster's egress meets the rules that were checked")
                {
                    Subject = cluster.Key,
                    Severity = RuleSeverity.Info,
                };
                yield break;
            }

            var others = firewalls.SelectMany(f => f.KnownAddresses.Select(a => $"'{f.Firewall.DisplayName}' has {a}")).ToList();
            yield return new Finding(
                EgressRules.EGR3003_NextHopIsNotACheckedFirewall,
                location,
                defaultRoute.Name,
                cluster.DisplayName,
                $"sends egress to {text}, which is not the private IP of any Azure Firewall among the analyzed files{(others.Count > 0 ? " (" + string.Join(", ", others) + ")" : string.Empty)}: "
                + "the cluster's egress meets an appliance whose rules were not checked. Point the route at the firewall's private IP, or add the firewall's template to the analyzed files.")
            {
                Subject = cluster.Key,
            };
            yield break;
        }

        var source = defaultRoute.NextHopSource is { } key && key.Type == ResourceKey.AzureFirewallType
            ? $"reads its next hop from Azure Firewall '{key.ShortName}', which is not among the analyzed files"
            : $"has a next hop ({address.UnresolvedExpression}) that could not be resolved";
        yield return new Finding(
            EgressRules.EGR3003_NextHopIsNotACheckedFirewall,
            location,
            defaultRoute.Name,
            cluster.DisplayName,
            source + ", so it cannot be proven that the cluster's egress goes through a firewall whose rules were checked")
        {
            Subject = cluster.Key,
            Severity = RuleSeverity.Info,
        };
    }

    /// <summary>The firewall a default route sends traffic to: by where its address flows from, or by address.</summary>
    private static AzureFirewallResource? FirewallOf(RouteEntry route, IReadOnlyList<FirewallAddress> firewalls)
    {
        if (route.NextHopSource is { } source)
        {
            var bySource = firewalls.FirstOrDefault(f => f.Firewall.Key == source);
            if (bySource is not null)
            {
                return bySource.Firewall;
            }

            // fw-{parameters('location')} read in a spoke, fw-eastus2 declared in the hub: the one firewall whose
            // name fits the shape is the one the route reads from.
            var byShape = firewalls.Where(f => f.Firewall.Key.Type == source.Type && FitsShape(f.Firewall.Key.Name, source.Name)).ToList();
            if (byShape.Count == 1)
            {
                return byShape[0].Firewall;
            }
        }

        if (route.NextHopIpAddress?.Text is { } address)
        {
            return firewalls.FirstOrDefault(f => f.KnownAddresses.Any(a => FirewallAddress.SameAddress(a, address)))?.Firewall;
        }

        return null;
    }

    /// <summary>Whether <paramref name="name"/> is a value of <paramref name="shape"/>, whose <c>{…}</c> holes stand for any text.</summary>
    private static bool FitsShape(string name, string shape)
    {
        if (shape.IndexOf('{') < 0)
        {
            return false;
        }

        var pattern = new System.Text.StringBuilder("^");
        var depth = 0;
        foreach (var c in shape)
        {
            if (c == '{')
            {
                if (depth++ == 0)
                {
                    pattern.Append(".*");
                }
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                pattern.Append(System.Text.RegularExpressions.Regex.Escape(c.ToString()));
            }
        }

        return System.Text.RegularExpressions.Regex.IsMatch(name, pattern.Append('$').ToString(), System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    }

    // EGR3002 ------------------------------------------------------------------------------------------------------

    private static IEnumerable<Finding> CheckNodeIngress(
        AksClusterResource cluster,
        IReadOnlyList<SubnetRoute> routes,
        IReadOnlyList<FirewallAddress> firewalls,
        IReadOnlyList<FirewallRuleSet> ruleSets)
    {
        var forced = routes.FirstOrDefault(r => r.IsForcedToAppliance && FirewallOf(r.DefaultRoute!, firewalls) is not null);
        if (forced is null)
        {
            yield break;
        }

        var firewall = FirewallOf(forced.DefaultRoute!, firewalls)!;
        if (HasDnat(firewall, ruleSets) != Tri.No)
        {
            yield break;
        }

        const string NodeFix = "Publish public services through a DNAT rule on the firewall's public IP that translates to the service's load balancer frontend (the firewall then sees both directions), and keep services internal.";
        if (cluster.NodePublicIp.Value == Tri.Yes)
        {
            yield return Asymmetric(
                cluster.NodePublicIp.Span.IsEmpty ? cluster.NameSpan : cluster.NodePublicIp.Span,
                $"AKS cluster '{cluster.DisplayName}' (enableNodePublicIP gives nodes public IPs)",
                forced,
                firewall,
                NodeFix + " Or turn off enableNodePublicIP.",
                cluster.Key);
        }

        if (cluster.PublicIngressAddOn.Value == Tri.Yes)
        {
            yield return Asymmetric(
                cluster.PublicIngressAddOn.Span.IsEmpty ? cluster.NameSpan : cluster.PublicIngressAddOn.Span,
                $"AKS cluster '{cluster.DisplayName}' (its ingress add-on publishes a public load balancer)",
                forced,
                firewall,
                NodeFix + " Or make the ingress controller's load balancer internal.",
                cluster.Key);
        }
    }

    /// <summary>Application gateways and load balancers with a public frontend in a subnet whose default route goes to the firewall.</summary>
    private static IEnumerable<Finding> CheckIngressResources(InfrastructureModel model, IReadOnlyList<FirewallAddress> firewalls, IReadOnlyList<FirewallRuleSet> ruleSets)
    {
        foreach (var ingress in model.IngressResources.Where(i => i.HasPublicFrontend == Tri.Yes))
        {
            foreach (var reference in ingress.Subnets)
            {
                var subnet = model.ResolveSubnet(reference.Key);
                if (subnet is null)
                {
                    continue;
                }

                var route = SubnetRoute.For(new SubnetReference(reference.Key, reference.Text, reference.Span), subnet, model);
                var firewall = route.IsForcedToAppliance ? FirewallOf(route.DefaultRoute!, firewalls) : null;
                if (firewall is null || HasDnat(firewall, ruleSets) != Tri.No)
                {
                    continue;
                }

                var kind = ingress is ApplicationGatewayResource ? "Application gateway" : "Load balancer";
                yield return Asymmetric(
                    ingress.NameSpan,
                    $"{kind} '{ingress.DisplayName}' (public frontend)",
                    route,
                    firewall,
                    "Keep the 0.0.0.0/0 route to the firewall off the ingress subnet (replies must return the way requests came), or bring the traffic in through a DNAT rule on the firewall's public IP.",
                    ingress.Key);
                break;
            }
        }
    }

    private static Finding Asymmetric(SourceSpan location, string ingress, SubnetRoute route, AzureFirewallResource firewall, string fix, ResourceKey subject) =>
        new(
            EgressRules.EGR3002_PublicIngressWithoutDnat,
            location,
            ingress,
            $"the default route '{route.DefaultRoute!.Name}' of subnet '{route.SubnetName}'",
            $"Azure Firewall '{firewall.DisplayName}'",
            fix)
        {
            Subject = subject,
            AdditionalLocations = new[] { route.DefaultRoute.Span, firewall.NameSpan },
        };

    /// <summary>Yes when the firewall (or its policy chain) has a DNAT rule; Maybe when its rules are not fully visible.</summary>
    private static Tri HasDnat(AzureFirewallResource firewall, IReadOnlyList<FirewallRuleSet> ruleSets)
    {
        var ruleSet = ruleSets.FirstOrDefault(s => s.Firewalls.Contains(firewall));
        if (ruleSet is null)
        {
            // A policy that is not among the inputs.
            return Tri.Maybe;
        }

        if (ruleSet.Collections.Any(c => c.Collection.Kind == RuleCollectionKind.Nat && c.Collection.NatRules.Count > 0))
        {
            return Tri.Yes;
        }

        if (ruleSet.ExternalCauses.Count > 0 || ruleSet.Collections.Any(c => c.Collection.Action == RuleAction.Unknown)
            || ruleSet.DetachedRules.Any(d => d.Rules.Collections.Any(c => c.Collection.Action == RuleAction.Unknown || (c.Collection.Kind == RuleCollectionKind.Nat && c.Collection.NatRules.Count > 0))))
        {
            return Tri.Maybe;
        }

        return Tri.No;
    }
}
