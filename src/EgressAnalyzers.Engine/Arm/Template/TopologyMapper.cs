using System;
using System.Collections.Generic;
using EgressAnalyzers.Engine.Arm.Expressions;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Template;

/// <summary>
/// Evaluated network resources → topology model: route tables and routes, public IPs, application gateways, load
/// balancers, and the firewall's IP configurations. Translates only; the topology checks decide.
/// </summary>
internal static class TopologyMapper
{
    public static ModelResource Read(
        ResourceKey key,
        string displayName,
        SourceSpan span,
        SourceSpan nameSpan,
        ArmValue? properties,
        Func<ArmUnknown, ResourceKey?>? referencedResource,
        FileReadState file,
        IReadOnlyList<Suppression> suppressions)
    {
        switch (key.Type)
        {
            case ResourceKey.RouteTableType:
                var routes = ArmNav.Get(properties, "routes");
                var entries = new List<RouteEntry>();
                foreach (var route in ArmNav.Items(routes))
                {
                    if (route is ArmObject)
                    {
                        var routeName = ArmNav.Get(route, "name");
                        entries.Add(ReadRoute(ArmNav.NameText(routeName) ?? string.Empty, route.Origin, ArmNav.Get(route, "properties"), referencedResource));
                    }
                }

                return new RouteTableResource(key, displayName, span, nameSpan)
                {
                    Routes = entries,
                    UnresolvedRoutes = routes is ArmUnknown ? ArmNav.ToModelValue(routes) : null,
                    Suppressions = suppressions,
                };
            case ResourceKey.RouteType:
                return new RouteResource(key, displayName, span, nameSpan, ReadRoute(key.ShortName, span, properties, referencedResource))
                {
                    Suppressions = suppressions,
                };
            case ResourceKey.PublicIpAddressType:
                return new PublicIpAddressResource(key, displayName, span, nameSpan) { Suppressions = suppressions };
            case ResourceKey.ApplicationGatewayType:
                return new ApplicationGatewayResource(key, displayName, span, nameSpan)
                {
                    PublicFrontends = IpConfigurationReferences(properties, "frontendIPConfigurations", "publicIPAddress", file),
                    Subnets = IpConfigurationReferences(properties, "gatewayIPConfigurations", "subnet", file),
                    HasPublicFrontend = PublicFrontend(properties),
                    Suppressions = suppressions,
                };
            default:
                var subnets = new List<ResourceReference>(IpConfigurationReferences(properties, "frontendIPConfigurations", "subnet", file));
                foreach (var pool in ArmNav.Items(ArmNav.Get(properties, "backendAddressPools")))
                {
                    subnets.AddRange(IpConfigurationReferences(ArmNav.Get(pool, "properties"), "loadBalancerBackendAddresses", "subnet", file));
                }

                return new LoadBalancerResource(key, displayName, span, nameSpan)
                {
                    PublicFrontends = IpConfigurationReferences(properties, "frontendIPConfigurations", "publicIPAddress", file),
                    Subnets = subnets,
                    HasPublicFrontend = PublicFrontend(properties),
                    Suppressions = suppressions,
                };
        }
    }

    private static RouteEntry ReadRoute(string name, SourceSpan span, ArmValue? properties, Func<ArmUnknown, ResourceKey?>? referencedResource)
    {
        var nextHop = ArmNav.Get(properties, "nextHopIpAddress");
        return new RouteEntry(name, span)
        {
            AddressPrefix = ArmNav.ToModelValue(ArmNav.Get(properties, "addressPrefix")),
            NextHopType = ArmNav.ToModelValue(ArmNav.Get(properties, "nextHopType")),
            NextHopIpAddress = nextHop is ArmNull ? null : ArmNav.ToModelValue(nextHop),
            NextHopSource = nextHop is ArmUnknown unknown ? referencedResource?.Invoke(unknown) : null,
        };
    }

    /// <summary>
    /// For a value that could not be resolved because it is read from a deployed resource
    /// (<c>reference(resourceId('Microsoft.Network/azureFirewalls', 'fw')).ipConfigurations[0]...</c>): that resource.
    /// The unknown's reason is the text of the <c>reference(...)</c> call; its first argument is evaluated in the
    /// resource's scope, where it usually resolves (a <c>resourceId()</c> or a variable holding one).
    /// </summary>
    public static ResourceKey? ReferencedResource(ArmUnknown unknown, TemplateScope scope)
    {
        var text = unknown.Reason;
        if (text.IndexOf("reference", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return null;
        }

        var expression = text.Length > 1 && text[0] == '[' && text[text.Length - 1] == ']' ? text : "[" + text + "]";
        var root = ExpressionParser.Parse(expression, 1, expression.Length - 1, out _);
        if (root is null)
        {
            return null;
        }

        var context = new EvaluationContext(expression, unknown.Origin, scope);
        foreach (var call in ReferenceCalls(root))
        {
            if (call.Arguments.Count > 0 && ArmNav.ToResourceKey(context.Evaluate(call.Arguments[0])) is { } key)
            {
                return key;
            }
        }

        return null;
    }

    private static IEnumerable<CallNode> ReferenceCalls(ExpressionNode node)
    {
        switch (node)
        {
            case CallNode call:
                if (string.Equals(call.Name, "reference", StringComparison.OrdinalIgnoreCase))
                {
                    yield return call;
                }

                foreach (var argument in call.Arguments)
                {
                    foreach (var inner in ReferenceCalls(argument))
                    {
                        yield return inner;
                    }
                }

                break;
            case PropertyAccessNode access:
                foreach (var inner in ReferenceCalls(access.Target))
                {
                    yield return inner;
                }

                break;
            case IndexAccessNode index:
                foreach (var inner in ReferenceCalls(index.Target))
                {
                    yield return inner;
                }

                break;
        }
    }

    /// <summary><c>ipConfigurations[].properties.privateIPAddress</c> where written.</summary>
    public static IReadOnlyList<ModelValue> FirewallPrivateIps(ArmValue? properties)
    {
        var result = new List<ModelValue>();
        foreach (var configuration in ArmNav.Items(ArmNav.Get(properties, "ipConfigurations")))
        {
            var address = ArmNav.Path(configuration, "properties", "privateIPAddress");
            if (address is not null and not ArmNull && ArmNav.ToModelValue(address) is { } value)
            {
                result.Add(value);
            }
        }

        return result;
    }

    /// <summary><c>&lt;list&gt;[].properties.&lt;property&gt;.id</c> references (subnets, public IPs).</summary>
    public static IReadOnlyList<ResourceReference> IpConfigurationReferences(ArmValue? properties, string list, string property, FileReadState file)
    {
        var result = new List<ResourceReference>();
        foreach (var configuration in ArmNav.Items(ArmNav.Get(properties, list)))
        {
            var id = configuration is ArmUnknown ? null : ArmNav.Path(configuration, "properties", property, "id");
            if (id is null or ArmNull)
            {
                continue;
            }

            var text = file.SourceOf(id.Origin) ?? ArmNav.NameText(id) ?? string.Empty;
            result.Add(new ResourceReference(ArmNav.ToResourceKey(id), text, id.Origin));
        }

        return result;
    }

    private static Tri PublicFrontend(ArmValue? properties)
    {
        var frontends = ArmNav.Get(properties, "frontendIPConfigurations");
        if (frontends is ArmUnknown)
        {
            return Tri.Maybe;
        }

        var result = Tri.No;
        foreach (var frontend in ArmNav.Items(frontends))
        {
            var frontendProperties = ArmNav.Get(frontend, "properties");
            if (frontendProperties is ArmUnknown)
            {
                result = Tri.Maybe;
                continue;
            }

            var publicIp = ArmNav.Get(frontendProperties, "publicIPAddress") ?? ArmNav.Get(frontendProperties, "publicIPPrefix");
            if (publicIp is ArmObject)
            {
                return Tri.Yes;
            }

            if (publicIp is ArmUnknown)
            {
                result = Tri.Maybe;
            }
        }

        return result;
    }
}
