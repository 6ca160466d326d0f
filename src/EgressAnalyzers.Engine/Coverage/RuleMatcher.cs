using System;
using System.Collections.Generic;
using EgressAnalyzers.Engine.Catalog;
using EgressAnalyzers.Engine.Model;

namespace EgressAnalyzers.Engine.Coverage;

/// <summary>What the matcher knows about the cluster whose traffic is checked.</summary>
public sealed class MatchContext
{
    public static MatchContext Unknown { get; } = new();

    /// <summary>The node subnets' prefixes; null when they are not known (rules are then assumed to apply to the nodes).</summary>
    public IReadOnlyList<AddressRange>? NodePrefixes { get; init; }

    /// <summary>Custom DNS servers the nodes use (known addresses or unresolved values).</summary>
    public IReadOnlyList<ModelValue> CustomDnsServers { get; init; } = Array.Empty<ModelValue>();

    /// <summary>
    /// True when every match decided with this context is decided the same with <paramref name="other"/> (same node
    /// prefixes, same DNS server values), so clusters alike can share outcomes. Must compare every property above.
    /// </summary>
    internal bool IsEquivalentTo(MatchContext other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if ((NodePrefixes is null) != (other.NodePrefixes is null)
            || (NodePrefixes is not null && !SameItems(NodePrefixes, other.NodePrefixes!, (a, b) => a == b))
            || !SameItems(CustomDnsServers, other.CustomDnsServers, ReferenceEquals))
        {
            return false;
        }

        return true;
    }

    private static bool SameItems<T>(IReadOnlyList<T> left, IReadOnlyList<T> right, Func<T, T, bool> same)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (!same(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// Decides whether one rule matches the traffic of one requirement (reference §5.2, §5.3, §7.8): Yes, No, or Maybe
/// with the values that could not be decided.
/// </summary>
public static class RuleMatcher
{
    public const string AksFqdnTag = "AzureKubernetesService";

    /// <summary>Whether <paramref name="rule"/> matches the traffic of <paramref name="requirement"/>.</summary>
    /// <param name="requirement">The traffic.</param>
    /// <param name="rule">The rule.</param>
    /// <param name="context">What is known of the nodes sending the traffic.</param>
    /// <param name="action">The action of the rule's collection: with the nodes' subnets unknown, sources are read
    /// differently for a Deny (see <see cref="MatchSource"/>).</param>
    public static MatchResult Match(RequirementInstance requirement, FirewallRule rule, MatchContext context, RuleAction action = RuleAction.Allow)
    {
        var traffic = rule switch
        {
            ApplicationRule app when requirement.Kind == RequirementKind.Application => MatchApplication(requirement, app),
            NetworkRule net when requirement.Kind == RequirementKind.Application => MatchNetworkForFqdn(requirement, net),
            NetworkRule net => MatchNetwork(requirement, net, context),
            _ => MatchResult.No,
        };

        return traffic.Value == Tri.No ? traffic : MatchResult.And(traffic, MatchSource(rule, context, action));
    }

    private static MatchResult MatchApplication(RequirementInstance requirement, ApplicationRule rule)
    {
        var protocol = new AnyOf();
        for (var pairIndex = 0; pairIndex < rule.Protocols.Count; pairIndex++)
        {
            var pair = rule.Protocols[pairIndex];
            protocol.Add(MatchResult.And(
                Equal(pair.ProtocolType, requirement.Protocol),
                MatchPort(pair.Port, requirement.Port)));
        }

        if (protocol.Result.Value == Tri.No)
        {
            return MatchResult.No;
        }

        var destination = new AnyOf();
        for (var targetIndex = 0; targetIndex < rule.TargetFqdns.Count; targetIndex++)
        {
            var target = rule.TargetFqdns[targetIndex];
            if (target.Text is null)
            {
                if (requirement.Fqdn is null || ValueShape.CouldCoverFqdn(target.Shape, requirement.Fqdn))
                {
                    destination.AddMaybe(UnknownCause.From(target));
                }
                else
                {
                    destination.Add(false);
                }
            }
            else
            {
                destination.Add(requirement.Fqdn is not null && FqdnPattern.Covers(target.Text, requirement.Fqdn));
            }
        }

        // URLs (TLS inspection) and web categories may let the name through, and may not: which paths AKS uses, and
        // which names a category holds, are not in any template. A URL of another host does not.
        for (var urlIndex = 0; urlIndex < rule.TargetUrls.Count; urlIndex++)
        {
            var url = rule.TargetUrls[urlIndex];
            if (url.Text is { } text && requirement.Fqdn is { } fqdn && !UrlHostMayBe(text, fqdn))
            {
                destination.Add(false);
            }
            else
            {
                destination.AddMaybe(new UnknownCause(url.Span, $"whether URL '{url.Text ?? url.UnresolvedExpression}' lets all of {requirement.Fqdn ?? "the endpoint"}'s traffic through"));
            }
        }

        for (var categoryIndex = 0; categoryIndex < rule.WebCategories.Count; categoryIndex++)
        {
            var category = rule.WebCategories[categoryIndex];
            destination.AddMaybe(new UnknownCause(category.Span, $"whether web category '{category.Text ?? category.UnresolvedExpression}' includes {requirement.Fqdn ?? "the endpoint"}"));
        }

        // The AKS FQDN tag covers only the core entries, and only over Https (reference §4).
        if (requirement.Requirement.CoveredByAksFqdnTag && requirement.IsHttps)
        {
            for (var tagIndex = 0; tagIndex < rule.FqdnTags.Count; tagIndex++)
            {
                var tag = rule.FqdnTags[tagIndex];
                destination.Add(Equal(tag, AksFqdnTag));
            }
        }

        return MatchResult.And(protocol.Result, destination.Result);
    }

    /// <summary>A network rule sees an HTTPS flow as TCP to an address, before any application rule (§5.1, §7.8).</summary>
    private static MatchResult MatchNetworkForFqdn(RequirementInstance requirement, NetworkRule rule)
    {
        var protocol = MatchNetworkProtocol(rule, "TCP");
        var port = MatchPorts(rule, requirement.Port);
        if (protocol.Value == Tri.No || port.Value == Tri.No)
        {
            return MatchResult.No;
        }

        var destination = new AnyOf();
        for (var addressIndex = 0; addressIndex < rule.DestinationAddresses.Count; addressIndex++)
        {
            var address = rule.DestinationAddresses[addressIndex];
            if (address.Text is null)
            {
                // Only "*" or one of the requirement's service tags can let an FQDN through at L4.
                if (CouldBeAnyAddressOrTagOf(requirement, address.Shape))
                {
                    destination.AddMaybe(UnknownCause.From(address));
                }
                else
                {
                    destination.Add(false);
                }
            }
            else if (IsAnyAddress(address.Text))
            {
                destination.Add(true);
            }
            else if (ServiceTag.IsServiceTag(address.Text))
            {
                destination.Add(HasServiceTagForm(requirement, address.Text));
            }
        }

        // Addresses that together are every address ("0.0.0.0/1", "128.0.0.0/1") are "*" too.
        destination.Add(CoversEveryAddress(rule.DestinationAddresses));

        // An IP group may hold every address (its addresses are not read): it may let the FQDN through, as "*" does.
        AddIpGroups(ref destination, rule.DestinationIpGroups);

        var wildcardRequirement = requirement.Fqdn is null || requirement.Fqdn.IndexOf('*') >= 0;
        for (var fqdnIndex = 0; fqdnIndex < rule.DestinationFqdns.Count; fqdnIndex++)
        {
            var fqdn = rule.DestinationFqdns[fqdnIndex];
            if (fqdn.Text is null)
            {
                if (!wildcardRequirement && ValueShape.CouldEqual(fqdn.Shape, requirement.Fqdn!))
                {
                    destination.AddMaybe(UnknownCause.From(fqdn));
                }
            }
            else
            {
                destination.Add(!wildcardRequirement && string.Equals(fqdn.Text, requirement.Fqdn, StringComparison.OrdinalIgnoreCase));
            }
        }

        return MatchResult.And(protocol, port, destination.Result);
    }

    private static bool CouldBeAnyAddressOrTagOf(RequirementInstance requirement, string? shape)
    {
        if (shape is null || ValueShape.CouldEqual(shape, "*"))
        {
            return true;
        }

        for (var formIndex = 0; formIndex < requirement.Destinations.Count; formIndex++)
        {
            var form = requirement.Destinations[formIndex];
            if (form.StartsWith(RequirementInstance.ServiceTagPrefix, StringComparison.OrdinalIgnoreCase)
                && ValueShape.CouldEqual(shape, form.Substring(RequirementInstance.ServiceTagPrefix.Length)))
            {
                return true;
            }
        }

        return false;
    }

    private static MatchResult MatchNetwork(RequirementInstance requirement, NetworkRule rule, MatchContext context)
    {
        var protocol = MatchNetworkProtocol(rule, requirement.Protocol);
        var port = MatchPorts(rule, requirement.Port);
        if (protocol.Value == Tri.No || port.Value == Tri.No)
        {
            return MatchResult.No;
        }

        var destination = new AnyOf();
        for (var formIndex = 0; formIndex < requirement.Destinations.Count; formIndex++)
        {
            var form = requirement.Destinations[formIndex];
            destination.Add(MatchDestinationForm(form, requirement, rule, context));
            if (destination.IsYes)
            {
                break;
            }
        }

        return MatchResult.And(protocol, port, destination.Result);
    }

    private static MatchResult MatchDestinationForm(string form, RequirementInstance requirement, NetworkRule rule, MatchContext context)
    {
        var result = new AnyOf();
        if (form == RequirementInstance.AnyDestination
            || form.StartsWith(RequirementInstance.ServiceTagPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var tag = form == RequirementInstance.AnyDestination ? null : form.Substring(RequirementInstance.ServiceTagPrefix.Length);
            for (var addressIndex = 0; addressIndex < rule.DestinationAddresses.Count; addressIndex++)
            {
                var address = rule.DestinationAddresses[addressIndex];
                if (address.Text is null)
                {
                    result.AddMaybe(UnknownCause.From(address));
                }
                else
                {
                    result.Add(tag is null ? IsAnyAddress(address.Text) : ServiceTag.AreEqual(address.Text, tag));
                }
            }

            if (tag is null)
            {
                result.Add(CoversEveryAddress(rule.DestinationAddresses));
                AddIpGroups(ref result, rule.DestinationIpGroups);
            }
        }
        else if (form.StartsWith(RequirementInstance.FqdnPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var name = form.Substring(RequirementInstance.FqdnPrefix.Length);
            for (var fqdnIndex = 0; fqdnIndex < rule.DestinationFqdns.Count; fqdnIndex++)
            {
                var fqdn = rule.DestinationFqdns[fqdnIndex];
                result.Add(Equal(fqdn, name));
            }
        }
        else if (form == RequirementInstance.IpAddressesForm)
        {
            // Region CIDRs and the API server's public IP are not in any template: an address destination may be right.
            for (var addressIndex = 0; addressIndex < rule.DestinationAddresses.Count; addressIndex++)
            {
                var address = rule.DestinationAddresses[addressIndex];
                if (address.Text is null)
                {
                    result.AddMaybe(UnknownCause.From(address));
                }
                else if (!IsAnyAddress(address.Text) && AddressRange.TryParse(address.Text, out _))
                {
                    result.AddMaybe(new UnknownCause(address.Span, $"whether '{address.Text}' holds the addresses of {AddressesOf(requirement)}"));
                }
            }

            AddIpGroups(ref result, rule.DestinationIpGroups);
        }
        else if (form == RequirementInstance.CustomDnsServersForm)
        {
            return MatchCustomDns(rule, context);
        }

        return result.Result;
    }

    /// <summary>
    /// What an address destination would have to hold for the requirement, named by its other forms: "AzureCloud.westeurope
    /// (the region, or the API server)" for the tunnel, "ntp.ubuntu.com" for NTP.
    /// </summary>
    private static string AddressesOf(RequirementInstance requirement)
    {
        var names = new List<string>();
        var tagged = false;
        for (var formIndex = 0; formIndex < requirement.Destinations.Count; formIndex++)
        {
            var form = requirement.Destinations[formIndex];
            if (form.StartsWith(RequirementInstance.ServiceTagPrefix, StringComparison.OrdinalIgnoreCase))
            {
                names.Add(form.Substring(RequirementInstance.ServiceTagPrefix.Length));
                tagged = true;
            }
            else if (form.StartsWith(RequirementInstance.FqdnPrefix, StringComparison.OrdinalIgnoreCase))
            {
                names.Add(form.Substring(RequirementInstance.FqdnPrefix.Length));
            }
        }

        return names.Count == 0
            ? "the endpoint"
            : string.Join(" or ", names) + (tagged ? " (the region, or the API server)" : string.Empty);
    }

    private static MatchResult MatchCustomDns(NetworkRule rule, MatchContext context)
    {
        if (context.CustomDnsServers.Count == 0)
        {
            return MatchResult.No;
        }

        var ranges = new List<AddressRange>();
        var causes = new List<UnknownCause>();
        for (var addressIndex = 0; addressIndex < rule.DestinationAddresses.Count; addressIndex++)
        {
            var address = rule.DestinationAddresses[addressIndex];
            if (address.Text is null)
            {
                causes.Add(UnknownCause.From(address));
            }
            else if (AddressRange.TryParse(address.Text, out var range) || IsAnyAddress(address.Text))
            {
                ranges.Add(IsAnyAddress(address.Text) ? AddressRange.Any : range);
            }
        }

        for (var groupIndex = 0; groupIndex < rule.DestinationIpGroups.Count; groupIndex++)
        {
            var group = rule.DestinationIpGroups[groupIndex];
            causes.Add(IpGroupCause(group));
        }

        var missingKnownServer = false;
        for (var serverIndex = 0; serverIndex < context.CustomDnsServers.Count; serverIndex++)
        {
            var server = context.CustomDnsServers[serverIndex];
            if (server.Text is null || !AddressRange.TryParse(server.Text, out var serverRange))
            {
                causes.Add(UnknownCause.From(server));
                continue;
            }

            if (!ranges.Exists(r => r.Contains(serverRange)))
            {
                missingKnownServer = true;
            }
        }

        if (!missingKnownServer && causes.Count == 0)
        {
            return MatchResult.Yes;
        }

        // A known server outside every known destination is only rescued by unknown destinations or IP groups.
        var destinationUnknown = rule.DestinationIpGroups.Count > 0 || rule.DestinationAddresses.Exists(a => a.Text is null);
        return missingKnownServer && !destinationUnknown ? MatchResult.No : MatchResult.Maybe(causes);
    }

    /// <summary>False only when the nodes' subnets are known and none of the rule's sources can include them.</summary>
    public static bool MayApplyToNodes(FirewallRule rule, MatchContext context) =>
        MatchSource(rule, context, RuleAction.Allow).Value != Tri.No;

    private static MatchResult MatchSource(FirewallRule rule, MatchContext context, RuleAction action)
    {
        var prefixes = context.NodePrefixes;
        if (rule.SourceAddresses.Count == 0 && rule.SourceIpGroups.Count == 0)
        {
            return MatchResult.Yes;
        }

        if (prefixes is null || prefixes.Count == 0)
        {
            // The nodes' subnets are not in the inputs. An Allow is taken to be written for them: the usual layout, and
            // the reading that reports no gap the rules may close. A Deny limited to some sources is not taken to hit
            // them (it may be another spoke's, and would make the Allow after it look blocked): whether it does is unknown.
            return action == RuleAction.Deny ? SourcesMayBeElsewhere(rule) : MatchResult.Yes;
        }

        var known = new List<(ModelValue Value, AddressRange Range)>();
        var causes = new List<UnknownCause>();
        for (var sourceIndex = 0; sourceIndex < rule.SourceAddresses.Count; sourceIndex++)
        {
            var source = rule.SourceAddresses[sourceIndex];
            if (source.Text is null)
            {
                causes.Add(UnknownCause.From(source));
            }
            else if (AddressRange.TryParse(source.Text, out var range))
            {
                known.Add((source, range));
            }
        }

        var allCovered = true;
        for (var prefixIndex = 0; prefixIndex < prefixes.Count; prefixIndex++)
        {
            var prefix = prefixes[prefixIndex];
            if (known.Exists(k => k.Range.Contains(prefix)))
            {
                continue;
            }

            allCovered = false;
            foreach (var (value, range) in known)
            {
                if (range.Overlaps(prefix))
                {
                    causes.Add(new UnknownCause(value.Span, $"whether source '{value.Text}' includes the nodes sending the traffic"));
                }
            }
        }

        if (allCovered)
        {
            return MatchResult.Yes;
        }

        for (var groupIndex = 0; groupIndex < rule.SourceIpGroups.Count; groupIndex++)
        {
            var group = rule.SourceIpGroups[groupIndex];
            causes.Add(IpGroupCause(group));
        }

        return causes.Count == 0 ? MatchResult.No : MatchResult.Maybe(causes);
    }

    /// <summary>Yes when one of the rule's sources is every address; else Maybe, each source a cause.</summary>
    private static MatchResult SourcesMayBeElsewhere(FirewallRule rule)
    {
        if (CoversEveryAddress(rule.SourceAddresses))
        {
            return MatchResult.Yes;
        }

        var causes = new List<UnknownCause>();
        for (var sourceIndex = 0; sourceIndex < rule.SourceAddresses.Count; sourceIndex++)
        {
            var source = rule.SourceAddresses[sourceIndex];
            if (source.Text is null)
            {
                causes.Add(UnknownCause.From(source));
            }
            else if (IsAnyAddress(source.Text))
            {
                return MatchResult.Yes;
            }
            else
            {
                causes.Add(new UnknownCause(source.Span, $"whether source '{source.Text}' includes the nodes sending the traffic"));
            }
        }

        for (var groupIndex = 0; groupIndex < rule.SourceIpGroups.Count; groupIndex++)
        {
            causes.Add(IpGroupCause(rule.SourceIpGroups[groupIndex]));
        }

        return MatchResult.Maybe(causes);
    }

    /// <summary>Whether the known addresses among <paramref name="addresses"/> together are every IPv4 address.</summary>
    internal static bool CoversEveryAddress(IReadOnlyList<ModelValue> addresses)
    {
        if (addresses.Count < 2)
        {
            return addresses.Count == 1 && addresses[0].Text is { } single && IsAnyAddress(single);
        }

        var ranges = new List<AddressRange>(addresses.Count);
        for (var addressIndex = 0; addressIndex < addresses.Count; addressIndex++)
        {
            if (addresses[addressIndex].Text is { } text && AddressRange.TryParse(text.Trim(), out var range))
            {
                ranges.Add(range);
            }
        }

        ranges.Sort((a, b) => a.First.CompareTo(b.First));
        ulong next = 0;
        foreach (var range in ranges)
        {
            if (range.First > next)
            {
                return false;
            }

            next = Math.Max(next, (ulong)range.Last + 1);
        }

        return next > uint.MaxValue;
    }

    private static MatchResult MatchNetworkProtocol(NetworkRule rule, string protocol)
    {
        var result = new AnyOf();
        for (var valueIndex = 0; valueIndex < rule.Protocols.Count; valueIndex++)
        {
            var value = rule.Protocols[valueIndex];
            if (value.Text is null)
            {
                result.AddMaybe(UnknownCause.From(value));
            }
            else
            {
                result.Add(string.Equals(value.Text, protocol, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(value.Text, "Any", StringComparison.OrdinalIgnoreCase));
            }
        }

        return result.Result;
    }

    private static MatchResult MatchPorts(NetworkRule rule, int port)
    {
        var result = new AnyOf();
        for (var valueIndex = 0; valueIndex < rule.DestinationPorts.Count; valueIndex++)
        {
            var value = rule.DestinationPorts[valueIndex];
            if (value.Text is null)
            {
                result.AddMaybe(UnknownCause.From(value));
            }
            else
            {
                result.Add(PortSet.Includes(value.Text, port));
            }
        }

        return result.Result;
    }

    private static MatchResult MatchPort(ModelValue value, int port)
    {
        if (value.Text is null)
        {
            return MatchResult.Maybe(value);
        }

        return MatchResult.Of(PortSet.TryParsePort(value.Text.Trim(), out var parsed, out _) && parsed == port);
    }

    private static MatchResult Equal(ModelValue value, string expected) =>
        value.Text is null ? MatchResult.Maybe(value) : MatchResult.Of(string.Equals(value.Text.Trim(), expected, StringComparison.OrdinalIgnoreCase));

    private static bool HasServiceTagForm(RequirementInstance requirement, string tag)
    {
        for (var formIndex = 0; formIndex < requirement.Destinations.Count; formIndex++)
        {
            var form = requirement.Destinations[formIndex];
            if (form.StartsWith(RequirementInstance.ServiceTagPrefix, StringComparison.OrdinalIgnoreCase)
                && ServiceTag.AreEqual(form.Substring(RequirementInstance.ServiceTagPrefix.Length), tag))
            {
                return true;
            }
        }

        return false;
    }

    private static void AddIpGroups(ref AnyOf result, IReadOnlyList<ModelValue> groups)
    {
        for (var groupIndex = 0; groupIndex < groups.Count; groupIndex++)
        {
            var group = groups[groupIndex];
            result.AddMaybe(IpGroupCause(group));
        }
    }

    /// <summary>Whether a target URL's host part (before the first '/') may be the name: equal, or a wildcard covering it.</summary>
    private static bool UrlHostMayBe(string url, string fqdn)
    {
        var slash = url.IndexOf('/');
        var host = (slash < 0 ? url : url.Substring(0, slash)).Trim();
        return host.IndexOf('*') >= 0 || fqdn.IndexOf('*') >= 0 || string.Equals(host, fqdn, StringComparison.OrdinalIgnoreCase);
    }

    private static UnknownCause IpGroupCause(ModelValue group) =>
        group.Text is null ? UnknownCause.From(group) : new UnknownCause(group.Span, $"the addresses of IP group '{group.Text}'");

    internal static bool IsAnyAddress(string text) =>
        text.Trim() == "*" || (AddressRange.TryParse(text.Trim(), out var range) && range.IsAny);

    private static bool Exists<T>(this IReadOnlyList<T> list, Func<T, bool> predicate)
    {
        for (var itemIndex = 0; itemIndex < list.Count; itemIndex++)
        {
            var item = list[itemIndex];
            if (predicate(item))
            {
                return true;
            }
        }

        return false;
    }
}
