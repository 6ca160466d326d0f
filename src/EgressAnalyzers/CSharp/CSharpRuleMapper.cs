using System;
using System.Collections.Generic;
using System.Linq;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.CSharp;

/// <summary>
/// C# rule and collection objects → engine rules, for every SDK at once: the SDKs name the same ARM property with
/// different spellings (<c>IpProtocols</c>/<c>IPProtocols</c>/<c>Protocols</c>, <c>ProtocolType</c>/<c>Type</c>,
/// <c>SourceIpGroups</c>/<c>SourceIPGroups</c>, classic policy <c>DestinationFqdns</c> for application rules), and
/// property lookup is case-insensitive. Mirrors the ARM reader's mapping, placeholders for unknown items included.
/// </summary>
internal static class CSharpRuleMapper
{
    /// <summary>A classic (firewall) collection, or a classic-Pulumi policy collection of a known kind.</summary>
    public static RuleCollection ReadCollection(CSharpValue value, RuleCollectionKind kind)
    {
        if (value is not CSharpObject collection)
        {
            return Placeholder(value, kind);
        }

        var rules = collection.Get("Rules");
        var action = kind == RuleCollectionKind.Nat ? RuleAction.Other : ReadAction(collection);
        var applicationRules = kind == RuleCollectionKind.Application ? rules.Items().Select(ReadApplicationRule).ToList() : new List<ApplicationRule>();
        var networkRules = kind == RuleCollectionKind.Network ? rules.Items().Select(ReadNetworkRule).ToList() : new List<NetworkRule>();
        return new RuleCollection(
            NameOf(collection),
            kind,
            collection.Get("Priority").AsInt(),
            action,
            collection.Span,
            applicationRules,
            networkRules,
            collection.Span,
            rules?.Span ?? default);
    }

    /// <summary>A policy collection of the polymorphic shape (Azure Native <c>FirewallPolicyFilterRuleCollectionArgs</c>, ARM <c>…Info</c>).</summary>
    public static IEnumerable<RuleCollection> ReadPolicyCollection(CSharpValue value)
    {
        if (value is not CSharpObject collection)
        {
            yield return Placeholder(value, RuleCollectionKind.Network);
            yield return Placeholder(value, RuleCollectionKind.Application);
            yield break;
        }

        var rules = collection.Get("Rules");
        var typeName = collection.Type?.Name ?? string.Empty;
        var collectionType = collection.Get("RuleCollectionType").AsText() ?? typeName;
        if (collectionType.IndexOf("Nat", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            yield return new RuleCollection(
                NameOf(collection), RuleCollectionKind.Nat, collection.Get("Priority").AsInt(), RuleAction.Other, collection.Span,
                Array.Empty<ApplicationRule>(), Array.Empty<NetworkRule>(), collection.Span, rules?.Span ?? default);
            yield break;
        }

        var application = new List<ApplicationRule>();
        var network = new List<NetworkRule>();
        RuleCollectionKind? firstKind = null;
        foreach (var rule in rules.Items())
        {
            var kind = RuleKind(rule);
            if (kind is null or RuleCollectionKind.Application)
            {
                application.Add(ReadApplicationRule(rule));
            }

            if (kind is null or RuleCollectionKind.Network)
            {
                network.Add(ReadNetworkRule(rule));
            }

            firstKind ??= kind ?? RuleCollectionKind.Network;
        }

        var name = NameOf(collection);
        var priority = collection.Get("Priority").AsInt();
        var action = ReadAction(collection);
        var applicationCollection = new RuleCollection(name, RuleCollectionKind.Application, priority, action, collection.Span, application, Array.Empty<NetworkRule>(), collection.Span, rules?.Span ?? default);
        var networkCollection = new RuleCollection(name, RuleCollectionKind.Network, priority, action, collection.Span, Array.Empty<ApplicationRule>(), network, collection.Span, rules?.Span ?? default);
        if (network.Count == 0)
        {
            yield return applicationCollection;
        }
        else if (application.Count == 0)
        {
            yield return networkCollection;
        }
        else if (firstKind == RuleCollectionKind.Network)
        {
            yield return networkCollection;
            yield return applicationCollection;
        }
        else
        {
            yield return applicationCollection;
            yield return networkCollection;
        }
    }

    private static RuleCollectionKind? RuleKind(CSharpValue rule)
    {
        if (rule is not CSharpObject obj)
        {
            return null;
        }

        var type = obj.Get("RuleType").AsText() ?? obj.Type?.Name ?? string.Empty;
        if (type.IndexOf("Application", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return RuleCollectionKind.Application;
        }

        if (type.IndexOf("Network", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return RuleCollectionKind.Network;
        }

        return obj.Get("TargetFqdns", "FqdnTags", "TargetUrls") is not null ? RuleCollectionKind.Application : RuleCollectionKind.Network;
    }

    public static ApplicationRule ReadApplicationRule(CSharpValue rule)
    {
        if (rule is not CSharpObject obj)
        {
            var unknown = rule.ToModel()!;
            return new ApplicationRule(NameOf(rule), rule.Span, new[] { new ApplicationProtocol(unknown, unknown, rule.Span) }, new[] { unknown }, Array.Empty<ModelValue>(), new[] { unknown }, Array.Empty<ModelValue>());
        }

        // Classic Pulumi policy application rules call their FQDNs DestinationFqdns and their tags DestinationFqdnTags.
        return new ApplicationRule(
            NameOf(obj),
            obj.Span,
            obj.Get("Protocols").Items().Select(ReadProtocol).ToList(),
            obj.Get("TargetFqdns", "DestinationFqdns").ToModels(),
            obj.Get("FqdnTags", "DestinationFqdnTags").ToModels(),
            obj.Get("SourceAddresses").ToModels(),
            PulumiAzureNativeReader.IpGroupReferences(obj.Get("SourceIpGroups")))
        {
            TargetUrls = obj.Get("TargetUrls", "DestinationUrls").ToModels(),
            WebCategories = obj.Get("WebCategories").ToModels(),
        };
    }

    public static NetworkRule ReadNetworkRule(CSharpValue rule)
    {
        if (rule is not CSharpObject obj)
        {
            var unknown = new[] { rule.ToModel()! };
            return new NetworkRule(NameOf(rule), rule.Span, unknown, unknown, Array.Empty<ModelValue>(), Array.Empty<ModelValue>(), unknown, unknown, Array.Empty<ModelValue>());
        }

        return new NetworkRule(
            NameOf(obj),
            obj.Span,
            obj.Get("IpProtocols", "Protocols").ToModels(),
            obj.Get("DestinationAddresses").ToModels(),
            obj.Get("DestinationFqdns").ToModels(),
            PulumiAzureNativeReader.IpGroupReferences(obj.Get("DestinationIpGroups")),
            obj.Get("DestinationPorts").ToModels(),
            obj.Get("SourceAddresses").ToModels(),
            PulumiAzureNativeReader.IpGroupReferences(obj.Get("SourceIpGroups")));
    }

    private static ApplicationProtocol ReadProtocol(CSharpValue protocol)
    {
        if (protocol is not CSharpObject obj)
        {
            var unknown = protocol.ToModel()!;
            return new ApplicationProtocol(unknown, unknown, protocol.Span);
        }

        return new ApplicationProtocol(
            obj.Get("ProtocolType", "Type").ToModel() ?? ModelValue.Unknown("protocolType is not set", obj.Span),
            obj.Get("Port").ToModel() ?? ModelValue.Unknown("port is not set", obj.Span),
            obj.Span);
    }

    /// <summary>Azure Native <c>Action = new …ActionArgs { Type = … }</c>, classic <c>Action = "Allow"</c>, ARM SDK <c>ActionType = …</c>.</summary>
    private static RuleAction ReadAction(CSharpObject collection)
    {
        var action = collection.Get("ActionType") ?? collection.Get("Action");
        if (action is CSharpObject actionObject)
        {
            action = actionObject.Get("Type");
        }

        var text = action.AsText();
        if (text is null)
        {
            return RuleAction.Unknown;
        }

        if (string.Equals(text, "Allow", StringComparison.OrdinalIgnoreCase))
        {
            return RuleAction.Allow;
        }

        return string.Equals(text, "Deny", StringComparison.OrdinalIgnoreCase) ? RuleAction.Deny : RuleAction.Other;
    }

    private static RuleCollection Placeholder(CSharpValue value, RuleCollectionKind kind)
    {
        var applicationRules = kind == RuleCollectionKind.Application ? new[] { ReadApplicationRule(value) } : Array.Empty<ApplicationRule>();
        var networkRules = kind == RuleCollectionKind.Network ? new[] { ReadNetworkRule(value) } : Array.Empty<NetworkRule>();
        return new RuleCollection(NameOf(value), kind, null, RuleAction.Unknown, value.Span, applicationRules, networkRules, value.Span);
    }

    private static string NameOf(CSharpValue value) => value switch
    {
        CSharpObject obj => obj.Get("Name").AsText() ?? (obj.Get("Name") is { } name ? CSharpValue.TextOf(name.Syntax) : string.Empty),
        CSharpUnknown unknown => unknown.Expression,
        _ => string.Empty,
    };

    public static SourceSpan SpanOrNone(CSharpValue? value) => value?.Span ?? default;
}
