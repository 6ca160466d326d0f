using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using EgressAnalyzers.Engine.Bicep;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Fixes.Bicep;

/// <summary>One parsed .bicep file with its nodes indexed by span (what the model's spans point at).</summary>
internal sealed class BicepFixDocument
{
    private readonly Dictionary<(int, int), List<(BicepNode Node, bool InLoop)>> _nodes = new();
    private readonly List<BicepStatement> _resources = new();

    public BicepFixDocument(string path, string text)
    {
        Path = path;
        Text = text;
        File = BicepParser.Parse(text);
        NewLine = text.Contains("\r\n") ? "\r\n" : "\n";
        IndentUnit = DetectIndent(text);
        foreach (var statement in File.Statements)
        {
            Index(statement, inLoop: false);
        }
    }

    public string Path { get; }

    public string Text { get; }

    public BicepFile File { get; }

    public string NewLine { get; }

    public string IndentUnit { get; }

    public bool HasErrors => File.Errors.Count > 0;

    private static string DetectIndent(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimStart(' ', '\t');
            if (trimmed.Length > 0 && trimmed.Length < line.Length && !trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                return line.Substring(0, line.Length - trimmed.Length);
            }
        }

        return "  ";
    }

    private void Add(BicepNode node, bool inLoop)
    {
        var key = (node.Start, node.End);
        if (!_nodes.TryGetValue(key, out var list))
        {
            _nodes[key] = list = new List<(BicepNode, bool)>();
        }

        list.Add((node, inLoop));
    }

    private void Index(BicepStatement statement, bool inLoop)
    {
        Add(statement, inLoop);
        if (statement.Kind == BicepStatementKind.Resource)
        {
            _resources.Add(statement);
        }

        if (statement.Value is { } value)
        {
            Index(value, inLoop || statement.Value is BicepFor);
        }
    }

    private void Index(BicepExpression expression, bool inLoop)
    {
        Add(expression, inLoop);
        switch (expression)
        {
            case BicepObject obj:
                foreach (var property in obj.Properties)
                {
                    Index(property.Value, inLoop);
                }

                foreach (var child in obj.Resources)
                {
                    Index(child, inLoop);
                }

                break;
            case BicepArray array:
                foreach (var item in array.Items)
                {
                    Index(item, inLoop);
                }

                break;
            case BicepSpread spread:
                Index(spread.Value, inLoop);
                break;
            case BicepFor loop:
                Index(loop.Source, inLoop);
                Index(loop.Body, true);
                break;
            case BicepIf conditional:
                Index(conditional.Body, inLoop);
                break;
            case BicepTernary ternary:
                Index(ternary.WhenTrue, inLoop);
                Index(ternary.WhenFalse, inLoop);
                break;
        }
    }

    /// <summary>The node written exactly at <paramref name="span"/> in this file (the outermost of that range), outside loops.</summary>
    public T? NodeAt<T>(SourceSpan span)
        where T : BicepNode
    {
        if (span.IsEmpty || !string.Equals(span.FilePath, Path, StringComparison.Ordinal)
            || !_nodes.TryGetValue((span.Start, span.End), out var list))
        {
            return null;
        }

        foreach (var (node, inLoop) in list)
        {
            if (node is T typed && !inLoop)
            {
                return typed;
            }
        }

        return null;
    }

    /// <summary>The declaration a model resource spans (LeadStart..End), with its body object when it is one (or <c>if</c>).</summary>
    public (BicepStatement Statement, BicepObject Body)? Resource(SourceSpan span)
    {
        if (span.IsEmpty || !string.Equals(span.FilePath, Path, StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var statement in _resources)
        {
            if (statement.LeadStart == span.Start && statement.End == span.End
                && _nodes[(statement.Start, statement.End)].Any(n => ReferenceEquals(n.Node, statement) && !n.InLoop))
            {
                var body = statement.Value switch
                {
                    BicepObject obj => obj,
                    BicepIf { Body: BicepObject obj } => obj,
                    _ => null,
                };
                return body is null ? null : (statement, body);
            }
        }

        return null;
    }

    public bool IsTopLevel(BicepStatement statement) => File.Statements.Contains(statement);

    public BicepStatement? TopLevelSymbol(string name) =>
        File.Statements.FirstOrDefault(s => s.Name?.Name == name && s.Kind is BicepStatementKind.Parameter or BicepStatementKind.Variable or BicepStatementKind.Resource);

    /// <summary>Leading whitespace of the line holding <paramref name="position"/>.</summary>
    public string IndentAt(int position)
    {
        var lineStart = Text.LastIndexOf('\n', Math.Max(0, Math.Min(position, Text.Length) - 1)) + 1;
        var end = lineStart;
        while (end < Text.Length && (Text[end] == ' ' || Text[end] == '\t'))
        {
            end++;
        }

        return Text.Substring(lineStart, end - lineStart);
    }

    public string Slice(BicepNode node) => Text.Substring(node.Start, node.Length);

    public bool IsSingleLine(BicepNode node) => Slice(node).IndexOf('\n') < 0;
}

/// <summary>What the Bicep writer can edit: literal arrays and objects written in the file, outside <c>for</c> bodies.</summary>
internal sealed class BicepFixTargets : IFixTargets
{
    private readonly BicepFixDocument _document;

    public BicepFixTargets(BicepFixDocument document)
    {
        _document = document;
    }

    // A rules list built with `for` cannot take more items (Bicep allows a for-expression only as a whole property value,
    // not inside concat()), so the planner puts the rules in a new collection beside it.
    public bool CanAppendRules(RuleCollection collection) => _document.NodeAt<BicepArray>(collection.RulesSpan) is not null;

    public bool CanAddClassicCollection(AzureFirewallResource firewall, RuleCollectionKind kind) =>
        _document.Resource(firewall.Span) is { } resource
        && resource.Body.Property("properties")?.Value is BicepObject properties
        && properties.Property(BicepFixWriter.ClassicCollectionsProperty(kind))?.Value is null or BicepArray;

    public bool CanAddPolicyCollection(RuleCollectionGroupResource group) =>
        _document.Resource(group.Span) is { } resource
        && resource.Body.Property("properties")?.Value is BicepObject properties
        && properties.Property("ruleCollections")?.Value is null or BicepArray;

    public bool CanAddGroup(FirewallPolicyResource policy) =>
        _document.Resource(policy.Span) is { } resource && _document.IsTopLevel(resource.Statement) && resource.Statement.Value is BicepObject;
}

/// <summary>
/// Writes a <see cref="FixPlan"/> as Bicep: rules as Bicep objects in the file's indentation and line endings,
/// region-specific names as interpolation over the cluster's location (<c>'*.hcp.${location}.azmk8s.io'</c>) when that
/// location is a parameter or variable of this file. Only inserts; nothing written is removed or moved.
/// </summary>
internal sealed class BicepFixWriter
{
    private readonly BicepFixDocument _doc;
    private readonly List<TextEdit> _edits = new();
    private readonly List<Finding> _applied = new();
    private readonly List<UnfixableFinding> _notApplied = new();
    private readonly HashSet<string> _newSymbols = new(StringComparer.Ordinal);

    public BicepFixWriter(BicepFixDocument document)
    {
        _doc = document;
    }

    public static string ClassicCollectionsProperty(RuleCollectionKind kind) =>
        kind == RuleCollectionKind.Application ? "applicationRuleCollections" : "networkRuleCollections";

    public (IReadOnlyList<TextEdit> Edits, IReadOnlyList<Finding> Applied, IReadOnlyList<UnfixableFinding> NotApplied) Write(FixPlan plan)
    {
        _notApplied.AddRange(plan.NotFixable);

        // Several insertions may target one container: gather them so the edit is one insert per place.
        var byPlace = new Dictionary<int, (int Position, List<string> Pieces, Func<List<string>, string> Join)>();
        foreach (var insertion in plan.Insertions)
        {
            var rules = new List<string>();
            var applied = new List<Finding>();
            foreach (var rule in insertion.Rules)
            {
                var rendered = Rule(insertion, rule, out var dropped);
                _notApplied.AddRange(dropped.Select(f => new UnfixableFinding(f, "its region-specific name needs the cluster's location, which this file cannot refer to")));
                if (rendered is not null)
                {
                    rules.Add(rendered);
                    applied.AddRange(rule.Findings.Except(dropped));
                }
            }

            if (rules.Count == 0)
            {
                continue;
            }

            if (Place(insertion, rules) is { } edit)
            {
                _edits.Add(edit);
                _applied.AddRange(applied);
            }
            else
            {
                _notApplied.AddRange(insertion.Findings.Select(f => new UnfixableFinding(f, "the Bicep writer cannot write at this place")));
            }
        }

        // Edits at one position (two insertions into one array) are merged in plan order.
        var merged = _edits
            .GroupBy(e => (e.Start, e.Length))
            .Select(g => new TextEdit(g.Key.Start, g.Key.Length, string.Concat(g.Select(e => e.NewText))))
            .OrderBy(e => e.Start)
            .ToList();
        return (merged, _applied, _notApplied);
    }

    private TextEdit? Place(PlannedInsertion insertion, List<string> rules)
    {
        switch (insertion.Target)
        {
            case InsertionTargetKind.ExistingCollection:
                var collection = insertion.ExistingCollection!;
                if (_doc.NodeAt<BicepArray>(collection.RulesSpan) is { } array)
                {
                    return AppendToArray(array, rules);
                }

                return null;
            case InsertionTargetKind.NewClassicCollection:
                return AddToProperties(insertion.Firewall!.Span, ClassicCollectionsProperty(insertion.Kind), ClassicCollection(insertion, rules));
            case InsertionTargetKind.NewPolicyCollection:
                return AddToProperties(insertion.Group!.Span, "ruleCollections", PolicyCollection(insertion, rules));
            case InsertionTargetKind.NewRuleCollectionGroup:
                return NewGroup(insertion, rules);
            default:
                return null;
        }
    }

    /// <summary>Adds <paramref name="item"/> to the array property <paramref name="name"/> of the resource's <c>properties</c> (creating it).</summary>
    private TextEdit? AddToProperties(SourceSpan resourceSpan, string name, string item)
    {
        if (_doc.Resource(resourceSpan) is not { } resource || resource.Body.Property("properties")?.Value is not BicepObject properties)
        {
            return null;
        }

        if (properties.Property(name)?.Value is BicepArray existing)
        {
            return AppendToArray(existing, new List<string> { item });
        }

        var indent = properties.Properties.Count > 0 ? _doc.IndentAt(properties.Properties[properties.Properties.Count - 1].NameStart) : _doc.IndentAt(properties.Start) + _doc.IndentUnit;
        var inner = indent + _doc.IndentUnit;
        var text = name + ": [" + _doc.NewLine + inner + Indent(item, inner) + _doc.NewLine + indent + "]";
        if (properties.Properties.Count > 0 && !_doc.IsSingleLine(properties))
        {
            var last = properties.Properties[properties.Properties.Count - 1];
            return new TextEdit(last.End, 0, _doc.NewLine + indent + text);
        }

        // An empty or one-line properties object: write it out on lines.
        var closing = _doc.IndentAt(properties.Start);
        var body = _doc.Text.Substring(properties.Start + 1, properties.Length - 2).Trim();
        var kept = body.Length == 0 ? string.Empty : string.Concat(body.Split(',').Select(p => _doc.NewLine + indent + p.Trim()));
        return new TextEdit(properties.Start, properties.Length, "{" + kept + _doc.NewLine + indent + text + _doc.NewLine + closing + "}");
    }

    private TextEdit AppendToArray(BicepArray array, List<string> items)
    {
        if (array.Items.Count > 0)
        {
            var last = array.Items[array.Items.Count - 1];
            if (_doc.IsSingleLine(array))
            {
                return new TextEdit(last.End, 0, string.Concat(items.Select(i => ", " + OneLine(i))));
            }

            var itemIndent = _doc.IndentAt(last.Start);
            return new TextEdit(last.End, 0, string.Concat(items.Select(i => _doc.NewLine + itemIndent + Indent(i, itemIndent))));
        }

        var closing = _doc.IndentAt(array.Start);
        var inner = closing + _doc.IndentUnit;
        var rendered = string.Concat(items.Select(i => _doc.NewLine + inner + Indent(i, inner)));
        var multiLine = !_doc.IsSingleLine(array);
        return multiLine
            ? new TextEdit(array.Start + 1, 0, rendered)
            : new TextEdit(array.Start, array.Length, "[" + rendered + _doc.NewLine + closing + "]");
    }

    private TextEdit? NewGroup(PlannedInsertion insertion, List<string> rules)
    {
        if (_doc.Resource(insertion.Policy!.Span) is not { } policy || policy.Statement.Name is not { } policySymbol)
        {
            return null;
        }

        var apiVersion = policy.Statement.TypeOrPath is BicepString { Literal: { } type } && type.IndexOf('@') > 0
            ? type.Substring(type.IndexOf('@') + 1)
            : "2024-05-01";
        var symbol = FreeSymbol(Identifier(insertion.GroupName ?? FixPlanner.DefaultName));
        var unit = _doc.IndentUnit;
        var nl = _doc.NewLine;
        var text = new StringBuilder();
        text.Append(nl).Append(nl)
            .Append("resource ").Append(symbol).Append(" 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@").Append(apiVersion).Append("' = {").Append(nl)
            .Append(unit).Append("parent: ").Append(policySymbol.Name).Append(nl)
            .Append(unit).Append("name: ").Append(Quote(insertion.GroupName ?? FixPlanner.DefaultName)).Append(nl);

        // Azure updates one group of a policy at a time: the new group waits for the last one.
        if (insertion.Group is { } previous && _doc.Resource(previous.Span) is { } previousGroup && previousGroup.Statement.Name is { } previousSymbol)
        {
            var reference = _doc.IsTopLevel(previousGroup.Statement) ? previousSymbol.Name : policySymbol.Name + "::" + previousSymbol.Name;
            text.Append(unit).Append("dependsOn: [").Append(nl).Append(unit).Append(unit).Append(reference).Append(nl).Append(unit).Append(']').Append(nl);
        }

        var collection = PolicyCollection(insertion, rules);
        var inner = unit + unit + unit;
        text.Append(unit).Append("properties: {").Append(nl)
            .Append(unit).Append(unit).Append("priority: ").Append(insertion.GroupPriority ?? 1000).Append(nl)
            .Append(unit).Append(unit).Append("ruleCollections: [").Append(nl)
            .Append(inner).Append(Indent(collection, inner)).Append(nl)
            .Append(unit).Append(unit).Append(']').Append(nl)
            .Append(unit).Append('}').Append(nl)
            .Append('}');
        return new TextEdit(policy.Statement.End, 0, text.ToString());
    }

    private string FreeSymbol(string wanted)
    {
        var candidate = wanted;
        for (var i = 2; _doc.TopLevelSymbol(candidate) is not null || _newSymbols.Contains(candidate) || ContainsNestedSymbol(candidate); i++)
        {
            candidate = wanted + i;
        }

        _newSymbols.Add(candidate);
        return candidate;
    }

    private bool ContainsNestedSymbol(string name) => _doc.Text.IndexOf("resource " + name + " ", StringComparison.Ordinal) >= 0;

    private static string Identifier(string name)
    {
        var builder = new StringBuilder();
        var upper = false;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = builder.Length > 0;
            }
        }

        var result = builder.ToString();
        return result.Length == 0 || char.IsDigit(result[0]) ? "group" + result : result;
    }

    // ---- rendering (multi-line, two-space relative indentation; Indent() shifts to the target) ------------------------

    private string ClassicCollection(PlannedInsertion insertion, List<string> rules)
    {
        var u = _doc.IndentUnit;
        var nl = _doc.NewLine;
        return "{" + nl
            + u + "name: " + Quote(insertion.CollectionName ?? FixPlanner.DefaultName) + nl
            + u + "properties: {" + nl
            + u + u + "priority: " + (insertion.CollectionPriority ?? 1000) + nl
            + u + u + "action: {" + nl + u + u + u + "type: 'Allow'" + nl + u + u + "}" + nl
            + u + u + "rules: [" + string.Concat(rules.Select(r => nl + u + u + u + Indent(r, u + u + u))) + nl + u + u + "]" + nl
            + u + "}" + nl
            + "}";
    }

    private string PolicyCollection(PlannedInsertion insertion, List<string> rules)
    {
        var u = _doc.IndentUnit;
        var nl = _doc.NewLine;
        return "{" + nl
            + u + "ruleCollectionType: 'FirewallPolicyFilterRuleCollection'" + nl
            + u + "name: " + Quote(insertion.CollectionName ?? FixPlanner.DefaultName) + nl
            + u + "priority: " + (insertion.CollectionPriority ?? 1000) + nl
            + u + "action: {" + nl + u + u + "type: 'Allow'" + nl + u + "}" + nl
            + u + "rules: [" + string.Concat(rules.Select(r => nl + u + u + Indent(r, u + u))) + nl + u + "]" + nl
            + "}";
    }

    private string? Rule(PlannedInsertion insertion, PlannedRule rule, out List<Finding> dropped)
    {
        dropped = new List<Finding>();
        var lines = new List<string>();
        if (insertion.IsPolicy)
        {
            lines.Add("ruleType: " + Quote(rule.Kind == RuleCollectionKind.Application ? "ApplicationRule" : "NetworkRule"));
        }

        lines.Add("name: " + Quote(rule.Name));
        if (rule.Kind == RuleCollectionKind.Application)
        {
            var fqdns = new List<string>();
            foreach (var value in rule.TargetFqdns)
            {
                if (Value(value) is { } written)
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

            lines.Add("protocols: " + List(rule.ApplicationProtocols.Select(p => $"{{ protocolType: {Quote(p.ProtocolType)}, port: {p.Port} }}").ToList()));
            lines.AddRange(Sources(rule));
            lines.Add("targetFqdns: " + List(fqdns));
        }
        else
        {
            var addresses = rule.DestinationAddresses.Select(Value).ToList();
            var networkFqdns = rule.DestinationFqdns.Select(Value).ToList();
            if (addresses.Exists(a => a is null) || networkFqdns.Exists(a => a is null))
            {
                dropped = rule.Findings.ToList();
                return null;
            }

            lines.Add((insertion.IsPolicy ? "ipProtocols: " : "protocols: ") + List(rule.NetworkProtocols.Select(Quote).ToList()));
            lines.AddRange(Sources(rule));
            if (addresses.Count > 0)
            {
                lines.Add("destinationAddresses: " + List(addresses.Select(a => a!).ToList()));
            }

            if (networkFqdns.Count > 0)
            {
                lines.Add("destinationFqdns: " + List(networkFqdns.Select(a => a!).ToList()));
            }

            lines.Add("destinationPorts: " + List(rule.DestinationPorts.Select(Quote).ToList()));
        }

        var nl = _doc.NewLine;
        return "{" + string.Concat(lines.Select(l => nl + _doc.IndentUnit + l.Replace(nl, nl + _doc.IndentUnit))) + nl + "}";
    }

    /// <summary>One item inline (<c>[ 'a' ]</c>), several one a line.</summary>
    private string List(List<string> items)
    {
        if (items.Count <= 1)
        {
            return "[ " + string.Join(", ", items) + " ]";
        }

        var nl = _doc.NewLine;
        return "[" + string.Concat(items.Select(i => nl + _doc.IndentUnit + i)) + nl + "]";
    }

    /// <summary>The sibling rule's sources as written when they only use file-level names, else the planned addresses.</summary>
    private IEnumerable<string> Sources(PlannedRule rule)
    {
        if (rule.SourcesLike is { } like && _doc.NodeAt<BicepObject>(like.Span) is { } sibling)
        {
            var copied = new List<string>();
            foreach (var name in new[] { "sourceAddresses", "sourceIpGroups" })
            {
                if (sibling.Property(name) is { } property && UsesOnlyFileLevelNames(property.Value))
                {
                    copied.Add(name + ": " + _doc.Slice(property.Value).Replace(_doc.NewLine + _doc.IndentAt(property.NameStart), _doc.NewLine));
                }
            }

            if (copied.Count > 0)
            {
                return copied;
            }
        }

        return new[] { "sourceAddresses: " + List(rule.SourceAddresses.Select(Quote).ToList()) };
    }

    private bool UsesOnlyFileLevelNames(BicepExpression expression) => expression switch
    {
        BicepIdentifier identifier => _doc.TopLevelSymbol(identifier.Name) is not null,
        BicepArray array => array.Items.All(UsesOnlyFileLevelNames),
        BicepString text => text.Holes.All(UsesOnlyFileLevelNames),
        BicepPropertyAccess access => UsesOnlyFileLevelNames(access.Target),
        BicepIndexAccess index => UsesOnlyFileLevelNames(index.Target) && UsesOnlyFileLevelNames(index.Index),
        BicepCall call => call.Target is null or BicepIdentifier { Name: "sys" or "az" } && call.Arguments.All(UsesOnlyFileLevelNames),
        BicepBinary binary => UsesOnlyFileLevelNames(binary.Left) && UsesOnlyFileLevelNames(binary.Right),
        BicepInteger or BicepBoolean or BicepNull => true,
        _ => false,
    };

    /// <summary>
    /// A planned value as Bicep: the literal, or for a region-specific name an interpolation over the parameter or
    /// variable that holds the cluster's location in this file. Null when the value needs that and there is none.
    /// </summary>
    private string? Value(PlannedValue value)
    {
        if (!value.IsLocationSpecific)
        {
            return Quote(value.Literal);
        }

        var location = LocationName(value);
        if (location is null)
        {
            return value.NeedsExpression ? null : Quote(value.Literal);
        }

        var parts = value.LocationTemplate!.Split(new[] { Catalog.RequirementCatalog.LocationPlaceholder }, StringSplitOptions.None);
        return "'" + string.Join("${" + location + "}", parts.Select(Escape)) + "'";
    }

    /// <summary>The file-level param or var whose value is the cluster's location, when the model points into one.</summary>
    private string? LocationName(PlannedValue value)
    {
        if (value.Cluster?.Location is not { } location || location.Span.IsEmpty
            || !string.Equals(location.Span.FilePath, _doc.Path, StringComparison.Ordinal))
        {
            return null;
        }

        // An unknown location points at where it is used (an identifier); a known one at the literal that gave it.
        if (_doc.NodeAt<BicepIdentifier>(location.Span) is { } identifier && _doc.TopLevelSymbol(identifier.Name) is { Kind: not BicepStatementKind.Resource })
        {
            return identifier.Name;
        }

        foreach (var statement in _doc.File.Statements)
        {
            if (statement.Kind is BicepStatementKind.Parameter or BicepStatementKind.Variable
                && statement.Value is BicepString { Literal: { } literal } written
                && written.Start == location.Span.Start && written.End == location.Span.End
                && string.Equals(literal, value.Location, StringComparison.Ordinal))
            {
                return statement.Name!.Name;
            }
        }

        return null;
    }

    private string Indent(string text, string indent) => text.Replace(_doc.NewLine, _doc.NewLine + indent);

    private string OneLine(string text)
    {
        var parts = text.Split(new[] { _doc.NewLine }, StringSplitOptions.None).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var builder = new StringBuilder();
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var previous = i > 0 ? parts[i - 1] : string.Empty;
            if (i > 0)
            {
                var opens = previous.EndsWith("{", StringComparison.Ordinal) || previous.EndsWith("[", StringComparison.Ordinal);
                var closes = part.StartsWith("}", StringComparison.Ordinal) || part.StartsWith("]", StringComparison.Ordinal);
                builder.Append(opens || closes ? " " : ", ");
            }

            builder.Append(part);
        }

        return builder.ToString();
    }

    private static string Quote(string text) => "'" + Escape(text) + "'";

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("'", "\\'").Replace("${", "\\${");
}
