using System;
using System.Collections.Generic;
using System.Linq;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Model;

namespace EgressAnalyzers.Engine.Fixes.Arm;

/// <summary>What the ARM writer can edit in one file: literal JSON written in that file, outside copy loops.</summary>
internal sealed class ArmFixTargets : IFixTargets
{
    private readonly ArmDocument _document;

    public ArmFixTargets(ArmDocument document)
    {
        _document = document;
    }

    public bool CanAppendRules(RuleCollection collection) =>
        _document.PathTo(collection.RulesSpan) is { } path && path[path.Count - 1].Node is JsonArray && !ArmDocument.InsideCopy(path);

    public bool CanAddClassicCollection(AzureFirewallResource firewall, RuleCollectionKind kind)
    {
        var properties = PropertiesOf(firewall.Span);
        var name = ArmFixWriter.ClassicCollectionsProperty(kind);
        return properties is not null && properties[name] is null or JsonArray;
    }

    public bool CanAddPolicyCollection(RuleCollectionGroupResource group) =>
        PropertiesOf(group.Span) is { } properties && properties["ruleCollections"] is null or JsonArray;

    public bool CanAddGroup(FirewallPolicyResource policy) =>
        _document.PathTo(policy.Span) is { } path
        && path.Count > 1
        && path[path.Count - 1].Node is JsonObject obj
        && obj["name"] is JsonString
        && !ArmDocument.InsideCopy(path)

        // The policy sits in a "resources" array or (languageVersion 2.0) a "resources" object keyed by symbolic name.
        && string.Equals(path[path.Count - 2].PropertyName, "resources", StringComparison.OrdinalIgnoreCase);

    private JsonObject? PropertiesOf(Text.SourceSpan resourceSpan) =>
        _document.PathTo(resourceSpan) is { } path && !ArmDocument.InsideCopy(path) && path[path.Count - 1].Node is JsonObject resource
            ? resource["properties"] as JsonObject
            : null;
}

/// <summary>
/// Turns a <see cref="FixPlan"/> into text edits for one ARM JSON file. Only inserts: nothing written is removed or
/// moved, so rules, comments and layout survive. Inserts into one container are gathered so that several findings
/// give one consistent edit set.
/// </summary>
internal sealed class ArmFixWriter
{
    private const string RuleCollectionGroupType = "Microsoft.Network/firewallPolicies/ruleCollectionGroups";

    private readonly ArmDocument _doc;
    private readonly JsonLayout _layout;
    private readonly List<TextEdit> _edits = new();
    private readonly Dictionary<JsonNode, List<PendingItem>> _appends = new();
    private readonly Dictionary<JsonNode, (int Index, List<PendingItem> Items)> _afterItem = new();
    private readonly List<Finding> _applied = new();
    private readonly List<UnfixableFinding> _notApplied = new();

    public ArmFixWriter(ArmDocument document)
    {
        _doc = document;
        _layout = new JsonLayout(document.NewLine, document.IndentUnit, document.SpaceInsideBrackets);
    }

    public static string ClassicCollectionsProperty(RuleCollectionKind kind) =>
        kind == RuleCollectionKind.Application ? "applicationRuleCollections" : "networkRuleCollections";

    /// <summary>One item to insert in a container; rendered once its indentation is known.</summary>
    private sealed class PendingItem
    {
        public PendingItem(string? propertyName, JsonFragment value, JsonLayout layout)
        {
            PropertyName = propertyName;
            Value = value;
            Layout = layout;
        }

        public string? PropertyName { get; }

        public JsonFragment Value { get; }

        public JsonLayout Layout { get; }

        public string Render(string indent, bool compact)
        {
            var layout = compact ? Layout.With(true, false) : Layout;
            var value = layout.Render(Value, indent);
            return PropertyName is null ? value : JsonFragment.Quote(PropertyName) + ": " + value;
        }
    }

    public (IReadOnlyList<TextEdit> Edits, IReadOnlyList<Finding> Applied, IReadOnlyList<UnfixableFinding> NotApplied) Write(FixPlan plan)
    {
        _notApplied.AddRange(plan.NotFixable);
        foreach (var insertion in plan.Insertions.Where(i => i.Target != InsertionTargetKind.NewRuleCollectionGroup))
        {
            WriteInsertion(insertion);
        }

        foreach (var group in plan.Insertions.Where(i => i.Target == InsertionTargetKind.NewRuleCollectionGroup).GroupBy(i => (i.Policy!.Key, i.GroupName)))
        {
            WriteNewGroup(group.ToList());
        }

        // An item with no comma after it (not well-formed as expected) takes its inserts at the container's end instead.
        foreach (var pair in _afterItem.ToList())
        {
            var (_, end) = ChildRange(pair.Key, pair.Value.Index);
            var comma = _doc.SkipTrivia(end);
            if (comma >= _doc.Text.Length || _doc.Text[comma] != ',')
            {
                foreach (var item in pair.Value.Items)
                {
                    AppendPending(pair.Key, item);
                }

                _afterItem.Remove(pair.Key);
            }
        }

        foreach (var pair in _appends)
        {
            EmitAppend(pair.Key, pair.Value);
        }

        foreach (var pair in _afterItem)
        {
            EmitAfter(pair.Key, pair.Value.Index, pair.Value.Items);
        }

        var edits = _edits.OrderBy(e => e.Start).ToList();
        return (edits, _applied, _notApplied);
    }

    // ---- insertions ------------------------------------------------------------------------------------------------

    private void WriteInsertion(PlannedInsertion insertion)
    {
        switch (insertion.Target)
        {
            case InsertionTargetKind.ExistingCollection:
            {
                var path = _doc.PathTo(insertion.ExistingCollection!.RulesSpan);
                if (path?[path.Count - 1].Node is not JsonArray rules)
                {
                    Skip(insertion, "the collection's rules are not written as a JSON array in this file");
                    return;
                }

                var layout = LayoutOf(rules);
                var written = Rules(insertion, path, rules);
                foreach (var rule in written)
                {
                    Append(rules, null, rule, layout);
                }

                break;
            }

            case InsertionTargetKind.NewClassicCollection:
            {
                var path = _doc.PathTo(insertion.Firewall!.Span);
                if (path?[path.Count - 1].Node is not JsonObject { } firewall || firewall["properties"] is not JsonObject properties)
                {
                    Skip(insertion, "the firewall's properties are not written as a JSON object in this file");
                    return;
                }

                var rules = Rules(insertion, path, null);
                if (rules.Count == 0)
                {
                    return;
                }

                var collection = new ObjectFragment()
                    .Add("name", JsonFragment.String(insertion.CollectionName!))
                    .Add("properties", new ObjectFragment()
                        .Add("priority", JsonFragment.Number(insertion.CollectionPriority!.Value))
                        .Add("action", new ObjectFragment().Add("type", JsonFragment.String("Allow")))
                        .Add("rules", new ArrayFragment(rules)));
                AddToList(properties, ClassicCollectionsProperty(insertion.Kind), collection);
                break;
            }

            case InsertionTargetKind.NewPolicyCollection:
            {
                var path = _doc.PathTo(insertion.Group!.Span);
                if (path?[path.Count - 1].Node is not JsonObject group || group["properties"] is not JsonObject properties)
                {
                    Skip(insertion, "the rule collection group's properties are not written as a JSON object in this file");
                    return;
                }

                var rules = Rules(insertion, path, null);
                if (rules.Count == 0)
                {
                    return;
                }

                AddToList(properties, "ruleCollections", FilterCollection(insertion, rules));
                break;
            }
        }
    }

    private static ObjectFragment FilterCollection(PlannedInsertion insertion, List<JsonFragment> rules) =>
        new ObjectFragment()
            .Add("ruleCollectionType", JsonFragment.String("FirewallPolicyFilterRuleCollection"))
            .Add("name", JsonFragment.String(insertion.CollectionName!))
            .Add("priority", JsonFragment.Number(insertion.CollectionPriority!.Value))
            .Add("action", new ObjectFragment().Add("type", JsonFragment.String("Allow")))
            .Add("rules", new ArrayFragment(rules));

    /// <summary>Appends to <c>owner[name]</c> when it is an array, else adds the property with a one-item array.</summary>
    private void AddToList(JsonObject owner, string name, JsonFragment item)
    {
        if (owner[name] is JsonArray array)
        {
            Append(array, null, item, LayoutOf(array));
        }
        else
        {
            var layout = LayoutOf(owner);
            Append(owner, name, new ArrayFragment(new[] { item }), layout.With(false, layout.MultiLineScalarArrays, layout.InlineLeafObjects));
        }
    }

    private void WriteNewGroup(List<PlannedInsertion> insertions)
    {
        var first = insertions[0];
        var policyPath = _doc.PathTo(first.Policy!.Span);
        if (policyPath?[policyPath.Count - 1].Node is not JsonObject policy || policyPath[policyPath.Count - 1].Container is not { } container)
        {
            foreach (var insertion in insertions)
            {
                Skip(insertion, "the policy is not written in this file");
            }

            return;
        }

        var collections = new List<JsonFragment>();
        foreach (var insertion in insertions.OrderBy(i => i.CollectionPriority))
        {
            var rules = Rules(insertion, policyPath, null);
            if (rules.Count > 0)
            {
                collections.Add(FilterCollection(insertion, rules));
            }
        }

        if (collections.Count == 0)
        {
            return;
        }

        // Place it after the policy's last group when that group is written beside the policy or nested in it.
        var previousPath = first.Group is { } previous ? _doc.PathTo(previous.Span) : null;
        var previousStep = previousPath?[previousPath.Count - 1];
        var nested = previousStep is not null && previousStep.Container is JsonArray && previousStep.Container != container
            && policy["resources"] == previousStep.Container;
        var sameContainer = previousStep is not null && previousStep.Container == container;
        var symbolic = container is JsonObject;

        var policyNameNode = (JsonString)policy["name"]!;
        var policyName = NameArgument(policyNameNode.Value);
        var dependsOn = new List<JsonFragment>();
        if (symbolic)
        {
            dependsOn.Add(JsonFragment.String(policyPath[policyPath.Count - 1].PropertyName!));
            if (sameContainer)
            {
                dependsOn.Add(JsonFragment.String(previousStep!.PropertyName!));
            }
        }
        else
        {
            dependsOn.Add(JsonFragment.String($"[resourceId('Microsoft.Network/firewallPolicies', {policyName})]"));
            if (first.Group is { } previousGroup && (sameContainer || nested) && previousGroup.Key.ShortName.IndexOf('{') < 0)
            {
                dependsOn.Add(JsonFragment.String(
                    $"[resourceId('{RuleCollectionGroupType}', {policyName}, '{Escape(previousGroup.DisplayName)}')]"));
            }
        }

        var apiVersion = (previousStep?.Node as JsonObject)?["apiVersion"] ?? policy["apiVersion"];
        var group = new ObjectFragment()
            .Add("type", JsonFragment.String(nested ? "ruleCollectionGroups" : RuleCollectionGroupType))
            .Add("apiVersion", apiVersion is null ? JsonFragment.String("2023-11-01") : JsonFragment.Raw(_doc.Slice(apiVersion)))
            .Add("name", JsonFragment.String(nested ? first.GroupName! : GroupName(policyNameNode.Value, first.GroupName!)))
            .Add("dependsOn", new ArrayFragment(dependsOn))
            .Add("properties", new ObjectFragment()
                .Add("priority", JsonFragment.Number(first.GroupPriority!.Value))
                .Add("ruleCollections", new ArrayFragment(collections)));

        if (nested)
        {
            var resources = (JsonArray)previousStep!.Container!;
            var layout = LayoutOf(resources);
            Append(resources, null, group, layout.With(false, layout.MultiLineScalarArrays, layout.InlineLeafObjects));
        }
        else if (symbolic)
        {
            var obj = (JsonObject)container;
            var names = new HashSet<string>(obj.Properties.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
            var symbol = "aksEgressRuleCollectionGroup";
            for (var i = 2; names.Contains(symbol); i++)
            {
                symbol = "aksEgressRuleCollectionGroup" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            InsertAfter(obj, sameContainer ? previousStep!.Index : policyPath[policyPath.Count - 1].Index, symbol, group);
        }
        else
        {
            InsertAfter(container, sameContainer ? previousStep!.Index : policyPath[policyPath.Count - 1].Index, null, group);
        }
    }

    /// <summary>The policy name as an argument of an ARM function: <c>'hub-policy'</c> or the expression inside <c>[…]</c>.</summary>
    private static string NameArgument(string written) =>
        IsExpression(written) ? written.Substring(1, written.Length - 2).Trim() : "'" + Escape(written) + "'";

    private static string GroupName(string policyName, string groupName) =>
        IsExpression(policyName)
            ? $"[format('{{0}}/{Escape(groupName)}', {policyName.Substring(1, policyName.Length - 2).Trim()})]"
            : (policyName.StartsWith("[[", StringComparison.Ordinal) ? "[" : "") + policyName + "/" + groupName;

    private static bool IsExpression(string text) =>
        text.Length >= 2 && text[0] == '[' && text[1] != '[' && text[text.Length - 1] == ']';

    private static string Escape(string text) => text.Replace("'", "''");

    private void Skip(PlannedInsertion insertion, string reason)
    {
        foreach (var finding in insertion.Findings)
        {
            _notApplied.Add(new UnfixableFinding(finding, reason));
        }
    }

    // ---- rules -----------------------------------------------------------------------------------------------------

    /// <summary>The insertion's rules as JSON; values that cannot be written here drop out with their findings.</summary>
    private List<JsonFragment> Rules(PlannedInsertion insertion, List<JsonStep> targetPath, JsonArray? siblings)
    {
        var result = new List<JsonFragment>();
        foreach (var rule in insertion.Rules)
        {
            var fragment = Rule(insertion, rule, targetPath, out var dropped);
            var fixedFindings = rule.Findings.Where(f => !dropped.Contains(f)).ToList();
            foreach (var finding in dropped)
            {
                _notApplied.Add(new UnfixableFinding(finding, "its region-specific name needs the cluster's location, which is not an expression usable where the rule is written"));
            }

            if (fragment is not null)
            {
                result.Add(fragment);
                _applied.AddRange(fixedFindings);
            }
        }

        return result;
    }

    private ObjectFragment? Rule(PlannedInsertion insertion, PlannedRule rule, List<JsonStep> targetPath, out List<Finding> dropped)
    {
        dropped = new List<Finding>();
        var obj = new ObjectFragment();
        if (insertion.IsPolicy)
        {
            obj.Add("ruleType", JsonFragment.String(rule.Kind == RuleCollectionKind.Application ? "ApplicationRule" : "NetworkRule"));
        }

        obj.Add("name", JsonFragment.String(rule.Name));
        var sources = Sources(rule);
        if (rule.Kind == RuleCollectionKind.Application)
        {
            var fqdns = new List<JsonFragment>();
            foreach (var value in rule.TargetFqdns)
            {
                if (Value(value, targetPath) is { } written)
                {
                    fqdns.Add(written);
                }
                else
                {
                    dropped.AddRange(rule.Findings.Where(f => string.Equals(f.Endpoint, value.Literal, StringComparison.OrdinalIgnoreCase)));
                }
            }

            if (fqdns.Count == 0)
            {
                dropped = rule.Findings.ToList();
                return null;
            }

            obj.Add("protocols", new ArrayFragment(rule.ApplicationProtocols.Select(p =>
                new ObjectFragment().Add("protocolType", JsonFragment.String(p.ProtocolType)).Add("port", JsonFragment.Number(p.Port)))));
            obj.Add("targetFqdns", new ArrayFragment(fqdns));
            foreach (var source in sources)
            {
                obj.Add(source.Key, source.Value);
            }

            return obj;
        }

        var addresses = rule.DestinationAddresses.Select(v => Value(v, targetPath)).ToList();
        var fqdnsOfNetwork = rule.DestinationFqdns.Select(v => Value(v, targetPath)).ToList();
        if (addresses.Any(a => a is null) || fqdnsOfNetwork.Any(a => a is null))
        {
            dropped = rule.Findings.ToList();
            return null;
        }

        obj.Add(insertion.IsPolicy ? "ipProtocols" : "protocols", new ArrayFragment(rule.NetworkProtocols.Select(JsonFragment.String)));
        foreach (var source in sources)
        {
            obj.Add(source.Key, source.Value);
        }

        if (addresses.Count > 0)
        {
            obj.Add("destinationAddresses", new ArrayFragment(addresses!));
        }

        if (fqdnsOfNetwork.Count > 0)
        {
            obj.Add("destinationFqdns", new ArrayFragment(fqdnsOfNetwork!));
        }

        obj.Add("destinationPorts", new ArrayFragment(rule.DestinationPorts.Select(JsonFragment.String)));
        return obj;
    }

    /// <summary>The sibling rule's sources copied as written when the plan names one, else the planned addresses.</summary>
    private List<KeyValuePair<string, JsonFragment>> Sources(PlannedRule rule)
    {
        var result = new List<KeyValuePair<string, JsonFragment>>();
        if (rule.SourcesLike is { } like && _doc.PathTo(like.Span) is { } path && path[path.Count - 1].Node is JsonObject sibling)
        {
            foreach (var name in new[] { "sourceAddresses", "sourceIpGroups" })
            {
                if (sibling.GetProperty(name) is { } property)
                {
                    result.Add(new KeyValuePair<string, JsonFragment>(property.Name, JsonFragment.Raw(_doc.Slice(property.Value))));
                }
            }

            if (result.Count > 0)
            {
                return result;
            }
        }

        result.Add(new KeyValuePair<string, JsonFragment>("sourceAddresses", new ArrayFragment(rule.SourceAddresses.Select(JsonFragment.String))));
        return result;
    }

    /// <summary>
    /// A planned value as JSON: the literal, or for a region-specific name an expression over the cluster's own
    /// <c>location</c> expression when the cluster is written in the same template (<c>[format('*.hcp.{0}.azmk8s.io', parameters('location'))]</c>).
    /// Null when the value needs an expression that cannot be written here.
    /// </summary>
    private JsonFragment? Value(PlannedValue value, List<JsonStep> targetPath)
    {
        if (!value.IsLocationSpecific)
        {
            return JsonFragment.String(value.Literal.StartsWith("[", StringComparison.Ordinal) ? "[" + value.Literal : value.Literal);
        }

        var expression = LocationExpression(value, targetPath);
        if (expression is null)
        {
            return value.NeedsExpression ? null : JsonFragment.String(value.Literal);
        }

        var template = value.LocationTemplate!;
        if (template == Catalog.RequirementCatalog.LocationPlaceholder)
        {
            return JsonFragment.String("[" + expression + "]");
        }

        var format = Escape(template.Replace("{", "{{").Replace("}", "}}")).Replace(Catalog.RequirementCatalog.LocationPlaceholder, "{0}");
        return JsonFragment.String($"[format('{format}', {expression})]");
    }

    private string? LocationExpression(PlannedValue value, List<JsonStep> targetPath)
    {
        if (value.Cluster is not { } cluster || _doc.PathTo(cluster.Span) is not { } clusterPath
            || clusterPath[clusterPath.Count - 1].Node is not JsonObject clusterObject
            || clusterObject["location"] is not JsonString location
            || !IsExpression(location.Value)
            || ArmDocument.TemplateOf(clusterPath) != ArmDocument.TemplateOf(targetPath))
        {
            return null;
        }

        var expression = location.Value.Substring(1, location.Value.Length - 2).Trim();

        // The catalog's names use the normalised region (westeurope); a value written "West Europe" is normalised as ARM would not.
        if (cluster.Location is { IsKnown: true } known && _doc.PathTo(known.Span) is { } valuePath
            && valuePath[valuePath.Count - 1].Node is JsonString written
            && !string.Equals(written.Value, value.Location, StringComparison.Ordinal))
        {
            expression = $"toLower(replace({expression}, ' ', ''))";
        }

        return expression;
    }

    // ---- layout ----------------------------------------------------------------------------------------------------

    /// <summary>The layout of the container's existing items: one-line objects, one-item-per-line string arrays.</summary>
    private JsonLayout LayoutOf(JsonNode container)
    {
        var items = container switch
        {
            JsonArray array => array.Items.ToList(),
            JsonObject obj => obj.Properties.Select(p => p.Value).ToList(),
            _ => new List<JsonNode>(),
        };
        var last = items.LastOrDefault(i => i is JsonObject);
        var compact = last is not null && _doc.IsSingleLine(last);
        return _layout.With(compact, HasMultiLineScalarArray(container), InlineLeafObject(container) ?? false);
    }

    /// <summary>Whether objects of scalars are written on one line; null when the node has none.</summary>
    private bool? InlineLeafObject(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj when obj.Properties.Count > 0 && obj.Properties.All(p => p.Value is not (JsonObject or JsonArray)):
                return _doc.IsSingleLine(obj);
            case JsonObject obj:
                return obj.Properties.Select(p => InlineLeafObject(p.Value)).FirstOrDefault(r => r is not null);
            case JsonArray array:
                return array.Items.Select(InlineLeafObject).FirstOrDefault(r => r is not null);
            default:
                return null;
        }
    }

    private bool HasMultiLineScalarArray(JsonNode node)
    {
        switch (node)
        {
            case JsonArray array:
                if (array.Items.Count > 0 && array.Items.All(i => i is JsonString or JsonNumber) && !_doc.IsSingleLine(array))
                {
                    return true;
                }

                return array.Items.Any(HasMultiLineScalarArray);
            case JsonObject obj:
                return obj.Properties.Any(p => HasMultiLineScalarArray(p.Value));
            default:
                return false;
        }
    }

    private void Append(JsonNode container, string? propertyName, JsonFragment value, JsonLayout layout)
    {
        var sibling = container is JsonArray array ? array.Items.LastOrDefault(i => i is JsonObject) : null;
        AppendPending(container, new PendingItem(propertyName, ShapeLike(value, sibling), layout));
    }

    /// <summary>
    /// Orders (and spells) the new object's properties as the sibling it joins writes them, recursively: a file that
    /// writes <c>name, description, sourceAddresses, protocols</c> gets its new rules in that order. Properties the
    /// sibling does not have keep their place at the end.
    /// </summary>
    private static JsonFragment ShapeLike(JsonFragment fragment, JsonNode? sibling)
    {
        switch (fragment)
        {
            case ObjectFragment obj when sibling is JsonObject model:
                var shaped = new ObjectFragment();
                var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in model.Properties)
                {
                    var match = obj.Properties.FirstOrDefault(p => string.Equals(p.Key, property.Name, StringComparison.OrdinalIgnoreCase));
                    if (match.Key is not null && taken.Add(match.Key))
                    {
                        shaped.Add(property.Name, ShapeLike(match.Value, property.Value));
                    }
                }

                foreach (var property in obj.Properties.Where(p => !taken.Contains(p.Key)))
                {
                    shaped.Add(property.Key, property.Value);
                }

                return shaped;
            case ArrayFragment array when sibling is JsonArray model && model.Items.LastOrDefault(i => i is JsonObject) is { } item:
                return new ArrayFragment(array.Items.Select(i => ShapeLike(i, item)));
            default:
                return fragment;
        }
    }

    private void AppendPending(JsonNode container, PendingItem item)
    {
        if (!_appends.TryGetValue(container, out var list))
        {
            _appends[container] = list = new List<PendingItem>();
        }

        list.Add(item);
    }

    private void InsertAfter(JsonNode container, int index, string? propertyName, JsonFragment value)
    {
        var count = container is JsonArray array ? array.Items.Count : ((JsonObject)container).Properties.Count;
        var containerLayout = LayoutOf(container);
        var layout = containerLayout.With(false, containerLayout.MultiLineScalarArrays, containerLayout.InlineLeafObjects);
        if (index >= count - 1)
        {
            Append(container, propertyName, value, layout);
            return;
        }

        if (!_afterItem.TryGetValue(container, out var entry))
        {
            _afterItem[container] = entry = (index, new List<PendingItem>());
        }

        var sibling = container is JsonArray items ? items.Items[index] : ((JsonObject)container).Properties[index].Value;
        entry.Items.Add(new PendingItem(propertyName, ShapeLike(value, sibling is JsonObject ? sibling : null), layout));
    }

    private static (int Start, int End) ChildRange(JsonNode container, int index) => container switch
    {
        JsonArray array => (array.Items[index].Start, array.Items[index].End),
        JsonObject obj => (obj.Properties[index].NameStart, obj.Properties[index].Value.End),
        _ => throw new ArgumentException("not a container", nameof(container)),
    };

    private static int ChildCount(JsonNode container) => container switch
    {
        JsonArray array => array.Items.Count,
        JsonObject obj => obj.Properties.Count,
        _ => 0,
    };

    /// <summary>Writes items after the container's last child, in its layout (one line, or one item per line).</summary>
    private void EmitAppend(JsonNode container, List<PendingItem> items)
    {
        var text = _doc.Text;
        var count = ChildCount(container);
        if (count == 0 && IsInlineContext(container))
        {
            // "rules": [] } } on one line: the new items stay on that line too.
            var pad = _doc.SpaceInsideBrackets ? " " : "";
            var inline = string.Join(", ", items.Select(i => i.Render("", true)));
            _edits.Add(new TextEdit(container.Start + 1, container.Length - 2, pad + inline + pad));
            return;
        }

        if (count == 0)
        {
            var lineIndent = _doc.LineIndent(container.Start);
            var itemIndent = lineIndent + _doc.IndentUnit;
            var inner = text.Substring(container.Start + 1, container.Length - 2);
            var rendered = string.Join("," + _doc.NewLine + itemIndent, items.Select(i => i.Render(itemIndent, false)));
            var body = _doc.NewLine + itemIndent + rendered + _doc.NewLine + lineIndent;
            if (inner.Trim().Length == 0)
            {
                _edits.Add(new TextEdit(container.Start + 1, container.Length - 2, body));
            }
            else
            {
                // Only comments inside: keep them, add the items after them.
                _edits.Add(new TextEdit(container.End - 1, 0, body));
            }

            return;
        }

        var (firstStart, _) = ChildRange(container, 0);
        var (lastStart, lastEnd) = ChildRange(container, count - 1);
        var afterLast = _doc.SkipTrivia(lastEnd);
        var trailingComma = afterLast < text.Length && text[afterLast] == ',';
        var multiLine = _doc.HasLineBreak(container.Start, firstStart) || _doc.HasLineBreak(lastEnd, container.End);
        if (!multiLine)
        {
            var joined = string.Join(", ", items.Select(i => i.Render("", true)));
            _edits.Add(trailingComma
                ? new TextEdit(afterLast + 1, 0, " " + joined + ",")
                : new TextEdit(lastEnd, 0, ", " + joined));
            return;
        }

        var indent = _doc.IsFirstOnLine(lastStart) ? _doc.LineIndent(lastStart) : _doc.LineIndent(container.Start) + _doc.IndentUnit;
        var list = string.Join("," + _doc.NewLine + indent, items.Select(i => i.Render(indent, false)));
        var close = container.End - 1;
        if (_doc.IsFirstOnLine(close) && _doc.HasLineBreak(lastEnd, close))
        {
            // "]" on its own line: new items go on their own lines just above it, after any trailing comments.
            if (!trailingComma)
            {
                _edits.Add(new TextEdit(lastEnd, 0, ","));
            }

            _edits.Add(new TextEdit(_doc.LineStart(close), 0, indent + list + (trailingComma ? "," : "") + _doc.NewLine));
            return;
        }

        _edits.Add(trailingComma
            ? new TextEdit(afterLast + 1, 0, _doc.NewLine + indent + list + ",")
            : new TextEdit(lastEnd, 0, "," + _doc.NewLine + indent + list));
    }

    /// <summary>An empty container followed on its line by more than a comma or a comment is part of a one-line object.</summary>
    private bool IsInlineContext(JsonNode container)
    {
        var text = _doc.Text;
        var i = container.End;
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t' || text[i] == ','))
        {
            i++;
        }

        var restOfLine = i < text.Length && text[i] != '\n' && text[i] != '\r' && text[i] != '/';
        var inner = text.Substring(container.Start + 1, container.Length - 2);
        return restOfLine && inner.Trim().Length == 0;
    }

    /// <summary>Writes items right after child <paramref name="index"/> (a comma follows it: checked before).</summary>
    private void EmitAfter(JsonNode container, int index, List<PendingItem> items)
    {
        var (start, end) = ChildRange(container, index);
        var comma = _doc.SkipTrivia(end);
        var multiLine = _doc.HasLineBreak(container.Start, start);
        if (!multiLine)
        {
            _edits.Add(new TextEdit(comma + 1, 0, " " + string.Join(", ", items.Select(i => i.Render("", true))) + ","));
            return;
        }

        var indent = _doc.IsFirstOnLine(start) ? _doc.LineIndent(start) : _doc.LineIndent(container.Start) + _doc.IndentUnit;
        var list = string.Join("," + _doc.NewLine + indent, items.Select(i => i.Render(indent, false)));
        _edits.Add(new TextEdit(comma + 1, 0, _doc.NewLine + indent + list + ","));
    }
}
