using System;
using System.Collections.Generic;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Template;

/// <summary>
/// Evaluated rule collections → model rule collections, for the classic firewall shape, the policy
/// rule-collection-group shape, and the pre-2020-04 policy rule-group shape.
/// Where a whole list is an unresolved expression, a placeholder collection/rule with unknown values stands in for
/// it (action <see cref="RuleAction.Unknown"/>): coverage then reports "cannot be proven" instead of "missing".
/// </summary>
internal static class RuleMapper
{
    // Classic: properties.applicationRuleCollections[] / networkRuleCollections[] / natRuleCollections[].
    public static List<RuleCollection> ReadClassicCollections(ArmValue? properties)
    {
        var result = new List<RuleCollection>();
        foreach (var item in ArmNav.Items(ArmNav.Get(properties, "applicationRuleCollections")))
        {
            result.Add(ReadClassicCollection(item, RuleCollectionKind.Application));
        }

        foreach (var item in ArmNav.Items(ArmNav.Get(properties, "networkRuleCollections")))
        {
            result.Add(ReadClassicCollection(item, RuleCollectionKind.Network));
        }

        foreach (var item in ArmNav.Items(ArmNav.Get(properties, "natRuleCollections")))
        {
            if (item is ArmObject)
            {
                result.Add(ReadClassicCollection(item, RuleCollectionKind.Nat));
            }
        }

        return result;
    }

    private static RuleCollection ReadClassicCollection(ArmValue collection, RuleCollectionKind kind)
    {
        if (collection is not ArmObject)
        {
            return Placeholder(collection, kind);
        }

        var nameValue = ArmNav.Get(collection, "name");
        var collectionProperties = ArmNav.Get(collection, "properties");
        var rulesValue = ArmNav.Get(collectionProperties, "rules");
        var action = kind == RuleCollectionKind.Nat ? RuleAction.Other : ReadAction(ArmNav.Path(collectionProperties, "action", "type"));
        var ruleList = RuleList.Of(rulesValue);
        var applicationRules = new List<ApplicationRule>(kind == RuleCollectionKind.Application ? ruleList.Count : 0);
        var networkRules = new List<NetworkRule>(kind == RuleCollectionKind.Network ? ruleList.Count : 0);
        for (var index = 0; kind != RuleCollectionKind.Nat && index < ruleList.Count; index++)
        {
            // NAT rules are read below, from the same list.
            if (kind == RuleCollectionKind.Application)
            {
                applicationRules.Add(ReadApplicationRule(ruleList[index]));
            }
            else
            {
                networkRules.Add(ReadNetworkRule(ruleList[index], "protocols"));
            }
        }

        // Classic NAT collections say Dnat or Snat; only Dnat brings ingress in.
        var isSnat = kind == RuleCollectionKind.Nat
            && string.Equals(ArmNav.AsString(ArmNav.Path(collectionProperties, "action", "type")), "Snat", StringComparison.OrdinalIgnoreCase);
        return new RuleCollection(
            ArmNav.NameText(nameValue) ?? string.Empty,
            kind,
            ArmNav.AsPriority(ArmNav.Get(collectionProperties, "priority")),
            action,
            collection.Origin,
            applicationRules,
            networkRules,
            ArmNav.OriginOr(nameValue, collection.Origin),
            RulesSpan(rulesValue))
        {
            NatRules = kind == RuleCollectionKind.Nat && !isSnat ? ReadNatRules(rulesValue, "protocols") : Array.Empty<NatRule>(),
        };
    }

    private static List<NatRule> ReadNatRules(ArmValue? rules, string protocolsProperty)
    {
        var result = new List<NatRule>();
        var ruleList = RuleList.Of(rules);
        for (var index = 0; index < ruleList.Count; index++)
        {
            var rule = ruleList[index];
            if (!rule.IsObject)
            {
                var unknown = new[] { UnknownValue(rule.Value) };
                result.Add(new NatRule(NameOf(rule.Value), rule.Origin, unknown, unknown, unknown, unknown, Array.Empty<ModelValue>()));
                continue;
            }

            result.Add(new NatRule(
                rule.NameText("name") ?? string.Empty,
                rule.Origin,
                rule.ModelValues(ProtocolsMember(rule, protocolsProperty)),
                rule.ModelValues("destinationAddresses"),
                rule.ModelValues("destinationPorts"),
                rule.ModelValues("sourceAddresses"),
                rule.ModelValues("sourceIpGroups"))
            {
                TranslatedAddress = rule.ModelValue(rule.Has("translatedAddress") ? "translatedAddress" : "translatedFqdn"),
                TranslatedPort = rule.ModelValue("translatedPort"),
            });
        }

        return result;
    }

    /// <summary>Classic rules say "protocols", policy rules "ipProtocols"; either is accepted where the other was expected.</summary>
    private static string ProtocolsMember(RuleItem rule, string protocolsProperty) =>
        rule.Has(protocolsProperty) ? protocolsProperty : protocolsProperty == "protocols" ? "ipProtocols" : "protocols";

    // Policy: ruleCollectionGroups properties.ruleCollections[].
    public static List<RuleCollection> ReadPolicyCollections(ArmValue? groupProperties)
    {
        var result = new List<RuleCollection>();
        foreach (var item in ArmNav.Items(ArmNav.Get(groupProperties, "ruleCollections")))
        {
            if (item is not ArmObject)
            {
                result.Add(Placeholder(item, RuleCollectionKind.Network));
                result.Add(Placeholder(item, RuleCollectionKind.Application));
                continue;
            }

            var nameValue = ArmNav.Get(item, "name");
            var name = ArmNav.NameText(nameValue) ?? string.Empty;
            var nameSpan = ArmNav.OriginOr(nameValue, item.Origin);
            var priority = ArmNav.AsPriority(ArmNav.Get(item, "priority"));
            var rulesValue = ArmNav.Get(item, "rules");
            var collectionType = ArmNav.AsString(ArmNav.Get(item, "ruleCollectionType"));
            if (collectionType is not null && collectionType.IndexOf("Nat", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                result.Add(new RuleCollection(
                    name, RuleCollectionKind.Nat, priority, RuleAction.Other, item.Origin,
                    Array.Empty<ApplicationRule>(), Array.Empty<NetworkRule>(), nameSpan, RulesSpan(rulesValue))
                {
                    NatRules = ReadNatRules(rulesValue, "ipProtocols"),
                });
                continue;
            }

            var action = ReadAction(ArmNav.Path(item, "action", "type"));
            var split = SplitRules(RuleList.Of(rulesValue));
            result.AddRange(SplitCollection(name, priority, action, item.Origin, nameSpan, RulesSpan(rulesValue), split));
        }

        return result;
    }

    // Pre-2020-04 policies: firewallPolicies/ruleGroups properties.rules[] of FirewallPolicyFilterRule with ruleConditions[].
    public static List<RuleCollection> ReadLegacyRuleGroupRules(ArmValue? groupProperties)
    {
        var result = new List<RuleCollection>();
        var ruleList = ArmNav.Items(ArmNav.Get(groupProperties, "rules"));
        for (var index = 0; index < ruleList.Count; index++)
        {
            var rule = ruleList[index];
            if (rule is not ArmObject)
            {
                result.Add(Placeholder(rule, RuleCollectionKind.Network));
                result.Add(Placeholder(rule, RuleCollectionKind.Application));
                continue;
            }

            var nameValue = ArmNav.Get(rule, "name");
            var name = ArmNav.NameText(nameValue) ?? string.Empty;
            var nameSpan = ArmNav.OriginOr(nameValue, rule.Origin);
            var priority = ArmNav.AsPriority(ArmNav.Get(rule, "priority"));
            var conditionsValue = ArmNav.Get(rule, "ruleConditions");
            var ruleType = ArmNav.AsString(ArmNav.Get(rule, "ruleType"));
            if (ruleType is not null && ruleType.IndexOf("Nat", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                result.Add(new RuleCollection(
                    name, RuleCollectionKind.Nat, priority, RuleAction.Other, rule.Origin,
                    Array.Empty<ApplicationRule>(), Array.Empty<NetworkRule>(), nameSpan, RulesSpan(conditionsValue))
                {
                    // A legacy FirewallPolicyNatRule is itself one DNAT rule (its conditions say what it matches).
                    NatRules = new[]
                    {
                        new NatRule(name, rule.Origin, Array.Empty<ModelValue>(), Array.Empty<ModelValue>(), Array.Empty<ModelValue>(), Array.Empty<ModelValue>(), Array.Empty<ModelValue>())
                        {
                            TranslatedAddress = ArmNav.ToModelValue(ArmNav.Get(rule, "translatedAddress")),
                            TranslatedPort = ArmNav.ToModelValue(ArmNav.Get(rule, "translatedPort")),
                        },
                    },
                });
                continue;
            }

            var action = ReadAction(ArmNav.Path(rule, "action", "type"));
            var split = SplitRules(RuleList.Of(conditionsValue), "ruleConditionType");
            result.AddRange(SplitCollection(name, priority, action, rule.Origin, nameSpan, RulesSpan(conditionsValue), split));
        }

        return result;
    }

    private sealed class SplitResult
    {
        public List<ApplicationRule> Application { get; } = new();

        public List<NetworkRule> Network { get; } = new();

        /// <summary>The kind of the first rule: the split collections keep document order by it.</summary>
        public RuleCollectionKind? FirstKind { get; set; }
    }

    private static SplitResult SplitRules(RuleList rules, string typeProperty = "ruleType")
    {
        var split = new SplitResult();
        for (var index = 0; index < rules.Count; index++)
        {
            var rule = rules[index];
            var kind = RuleKind(rule, typeProperty);
            if (kind == RuleCollectionKind.Application || kind is null)
            {
                split.Application.Add(ReadApplicationRule(rule));
            }

            if (kind == RuleCollectionKind.Network || kind is null)
            {
                split.Network.Add(ReadNetworkRule(rule, "ipProtocols"));
            }

            split.FirstKind ??= kind ?? RuleCollectionKind.Network;
        }

        return split;
    }

    /// <summary>Application or network; null when the rule is unknown altogether (it may be either).</summary>
    private static RuleCollectionKind? RuleKind(RuleItem rule, string typeProperty)
    {
        if (!rule.IsObject)
        {
            return null;
        }

        var type = rule.AsString(typeProperty);
        if (type is not null)
        {
            if (type.IndexOf("Application", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return RuleCollectionKind.Application;
            }

            if (type.IndexOf("Network", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return RuleCollectionKind.Network;
            }
        }

        // No (or an unresolved) rule type: judge by the properties only application rules have.
        return rule.Has("targetFqdns") || rule.Has("fqdnTags") || rule.Has("targetUrls")
            ? RuleCollectionKind.Application
            : RuleCollectionKind.Network;
    }

    private static IEnumerable<RuleCollection> SplitCollection(
        string name,
        int? priority,
        RuleAction action,
        SourceSpan span,
        SourceSpan nameSpan,
        SourceSpan rulesSpan,
        SplitResult split)
    {
        var application = new RuleCollection(
            name, RuleCollectionKind.Application, priority, action, span, split.Application, Array.Empty<NetworkRule>(), nameSpan, rulesSpan);
        var network = new RuleCollection(
            name, RuleCollectionKind.Network, priority, action, span, Array.Empty<ApplicationRule>(), split.Network, nameSpan, rulesSpan);
        if (split.Network.Count == 0)
        {
            // Also the empty collection: an empty filter collection is read as an application collection.
            yield return application;
        }
        else if (split.Application.Count == 0)
        {
            yield return network;
        }
        else if (split.FirstKind == RuleCollectionKind.Network)
        {
            yield return network;
            yield return application;
        }
        else
        {
            yield return application;
            yield return network;
        }
    }

    public static ApplicationRule ReadApplicationRule(RuleItem rule)
    {
        if (!rule.IsObject)
        {
            var unknown = UnknownValue(rule.Value);
            return new ApplicationRule(
                NameOf(rule.Value),
                rule.Origin,
                new[] { new ApplicationProtocol(unknown, unknown, rule.Origin) },
                new[] { unknown },
                Array.Empty<ModelValue>(),
                new[] { unknown },
                Array.Empty<ModelValue>());
        }

        return new ApplicationRule(
            rule.NameText("name") ?? string.Empty,
            rule.Origin,
            rule.LiteralApplicationProtocols("protocols") ?? ReadApplicationProtocols(rule.Get("protocols")),
            rule.ModelValues("targetFqdns"),
            rule.ModelValues("fqdnTags"),
            rule.ModelValues("sourceAddresses"),
            rule.ModelValues("sourceIpGroups"))
        {
            TargetUrls = rule.ModelValues("targetUrls"),
            WebCategories = rule.ModelValues("webCategories"),
        };
    }

    public static NetworkRule ReadNetworkRule(RuleItem rule, string protocolsProperty)
    {
        if (!rule.IsObject)
        {
            var unknown = new[] { UnknownValue(rule.Value) };
            return new NetworkRule(
                NameOf(rule.Value), rule.Origin, unknown, unknown, Array.Empty<ModelValue>(), Array.Empty<ModelValue>(), unknown, unknown,
                Array.Empty<ModelValue>());
        }

        return new NetworkRule(
            rule.NameText("name") ?? string.Empty,
            rule.Origin,
            rule.ModelValues(ProtocolsMember(rule, protocolsProperty)),
            rule.ModelValues("destinationAddresses"),
            rule.ModelValues("destinationFqdns"),
            rule.ModelValues("destinationIpGroups"),
            rule.ModelValues("destinationPorts"),
            rule.ModelValues("sourceAddresses"),
            rule.ModelValues("sourceIpGroups"));
    }

    private static ApplicationProtocol[] ReadApplicationProtocols(ArmValue? protocols)
    {
        // An exact array: the model keeps one per rule.
        var itemList = ArmNav.Items(protocols);
        var result = new ApplicationProtocol[itemList.Count];
        var count = 0;
        for (var index = 0; index < itemList.Count; index++)
        {
            var item = itemList[index];
            switch (item)
            {
                case ArmObject:
                    result[count++] = new ApplicationProtocol(
                        ArmNav.ToModelValue(ArmNav.Get(item, "protocolType")) ?? ModelValue.Unknown("protocolType is not set", item.Origin),
                        ArmNav.ToModelValue(ArmNav.Get(item, "port")) ?? ModelValue.Unknown("port is not set", item.Origin),
                        item.Origin);
                    break;
                case ArmString text when text.Value.IndexOf(':') > 0:
                    // "Https:443", the short form some tools write.
                    var cut = text.Value.IndexOf(':');
                    result[count++] = new ApplicationProtocol(
                        ModelValue.Known(text.Value.Substring(0, cut).Trim(), text.Origin),
                        ModelValue.Known(text.Value.Substring(cut + 1).Trim(), text.Origin),
                        text.Origin);
                    break;
                case ArmUnknown:
                    var unknown = UnknownValue(item);
                    result[count++] = new ApplicationProtocol(unknown, unknown, item.Origin);
                    break;
            }
        }

        if (count < result.Length)
        {
            Array.Resize(ref result, count);
        }

        return result;
    }

    /// <summary>Stands in for a collection the template computes in a way that could not be resolved.</summary>
    private static RuleCollection Placeholder(ArmValue value, RuleCollectionKind kind)
    {
        var applicationRules = kind == RuleCollectionKind.Application ? new[] { ReadApplicationRule(RuleItem.FromValue(value)) } : Array.Empty<ApplicationRule>();
        var networkRules = kind == RuleCollectionKind.Network ? new[] { ReadNetworkRule(RuleItem.FromValue(value), "protocols") } : Array.Empty<NetworkRule>();
        return new RuleCollection(NameOf(value), kind, null, RuleAction.Unknown, value.Origin, applicationRules, networkRules, value.Origin);
    }

    private static ModelValue UnknownValue(ArmValue value) =>
        value is ArmUnknown unknown
            ? ModelValue.Unknown(unknown.Reason, unknown.Origin, unknown.Symbol)
            : ModelValue.Unknown("a value of an unexpected type", value.Origin);

    private static string NameOf(ArmValue value) => value is ArmUnknown unknown ? unknown.Reason : string.Empty;

    private static RuleAction ReadAction(ArmValue? type)
    {
        var text = ArmNav.AsString(type);
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

    private static SourceSpan RulesSpan(ArmValue? rules) => rules is ArmArray or ArmUnknown ? rules.Origin : default;
}
