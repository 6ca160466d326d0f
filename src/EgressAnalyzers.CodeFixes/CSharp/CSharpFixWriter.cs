using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EgressAnalyzers.Engine.Fixes;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace EgressAnalyzers.CodeFixes.CSharp;

/// <summary>
/// Writes a <see cref="FixPlan"/> into one C# document of Pulumi Azure Native code, in forms that compile against the
/// real SDK (csharp-iac-api-shapes.md §1.4): union lists (<c>RuleCollections</c>, <c>Protocols</c>, <c>IpProtocols</c>) get
/// collection-initializer elements, never <c>new[]</c>; a policy collection's <c>InputList&lt;object&gt;</c> rules get
/// array elements (an initializer <c>Add</c> would be ambiguous) or <c>(Input&lt;object&gt;)</c> casts where the list is
/// written that way. Types are written fully qualified and simplified against the file's usings and aliases; enum
/// statics are used when the file uses them, strings otherwise. Existing rules are never dropped or reordered.
/// </summary>
internal sealed class CSharpFixWriter : IFixTargets
{
    private static readonly string[] EnumStyleMarkers =
    {
        "AzureFirewallApplicationRuleProtocolType.", "AzureFirewallRCActionType.", "AzureFirewallNetworkRuleProtocol.",
        "FirewallPolicyRuleApplicationProtocolType.", "FirewallPolicyFilterRuleCollectionActionType.", "FirewallPolicyRuleNetworkProtocol.",
    };

    private readonly Document _document;
    private readonly SyntaxNode _root;
    private readonly SemanticModel _model;
    private readonly string _path;
    private readonly bool _enumStyle;
    private readonly string _unit;
    private readonly string _newLine;
    private int _insertionPosition;

    private CSharpFixWriter(Document document, SyntaxNode root, SemanticModel model)
    {
        _document = document;
        _root = root;
        _model = model;
        _path = root.SyntaxTree.FilePath;
        var text = root.ToFullString();
        _enumStyle = EnumStyleMarkers.Any(m => text.IndexOf(m, StringComparison.Ordinal) >= 0);
        _newLine = text.IndexOf("\r\n", StringComparison.Ordinal) >= 0 ? "\r\n" : "\n";
        _unit = text.IndexOf("\n\t", StringComparison.Ordinal) >= 0 && text.IndexOf("\n    ", StringComparison.Ordinal) < 0 ? "\t" : "    ";
    }

    public static async Task<CSharpFixWriter?> CreateAsync(Document document, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return root is null || model is null ? null : new CSharpFixWriter(document, root, model);
    }

    // ---- what can be written ----------------------------------------------------------------------------------------

    public bool CanAppendRules(RuleCollection collection) =>
        CreationAt(collection.Span) is { } creation
        && (IsAzureSdk(creation) ? ListOf(creation, "Rules").Form is ListForm.Absent or ListForm.CollectionInitializer : Writable(ListOf(creation, "Rules").Form));

    public bool CanAddClassicCollection(AzureFirewallResource firewall, RuleCollectionKind kind) =>
        kind != RuleCollectionKind.Nat
        && CreationAt(firewall.NameSpan) is { } args
        && (IsType(args, "AzureFirewallArgs") || IsType(args, "AzureFirewallData"))
        && ListOf(args, kind == RuleCollectionKind.Application ? "ApplicationRuleCollections" : "NetworkRuleCollections").Form is var form
        && (IsAzureSdk(args) ? form is ListForm.Absent or ListForm.CollectionInitializer : Writable(form));

    public bool CanAddPolicyCollection(RuleCollectionGroupResource group) =>
        CreationAt(group.NameSpan) is { } args
        && (IsType(args, "FirewallPolicyRuleCollectionGroupArgs") || IsType(args, "FirewallPolicyRuleCollectionGroupData"))
        && (IsClassicPulumi(args)
            ? Writable(ListOf(args, "ApplicationRuleCollections").Form) && Writable(ListOf(args, "NetworkRuleCollections").Form)
            : ListOf(args, "RuleCollections").Form is ListForm.Absent or ListForm.CollectionInitializer);

    // A new rule collection group is a new resource statement: not written by this fix.
    public bool CanAddGroup(FirewallPolicyResource policy) => false;

    private static bool Writable(ListForm form) => form != ListForm.Other;

    /// <summary>Azure SDK for .NET (<c>Azure.ResourceManager.Network[.Models]</c>): get-only lists, so collection initializers only.</summary>
    private bool IsAzureSdk(BaseObjectCreationExpressionSyntax creation) =>
        _model.GetTypeInfo(creation).Type?.ContainingNamespace?.ToDisplayString() is { } ns
        && ns.StartsWith("Azure.ResourceManager.Network", StringComparison.Ordinal);

    private const string ArmModels = "Azure.ResourceManager.Network.Models";

    /// <summary>Pulumi classic Azure (<c>Pulumi.Azure.Network</c>): rules are typed per collection type, enums are strings.</summary>
    private bool IsClassicPulumi(BaseObjectCreationExpressionSyntax creation) =>
        _model.GetTypeInfo(creation).Type?.ContainingNamespace?.ToDisplayString() is { } ns
        && (ns == "Pulumi.Azure.Network" || ns == "Pulumi.Azure.Network.Inputs");

    private bool IsType(BaseObjectCreationExpressionSyntax creation, string name) =>
        _model.GetTypeInfo(creation).Type?.Name == name;

    private BaseObjectCreationExpressionSyntax? CreationAt(SourceSpan span)
    {
        if (span.IsEmpty || !string.Equals(span.FilePath, _path, StringComparison.Ordinal) || span.End > _root.FullSpan.End)
        {
            return null;
        }

        var node = _root.FindNode(new TextSpan(span.Start, span.Length), getInnermostNodeForTie: true);
        var creation = node.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>();
        return creation is not null && creation.Span.Start == span.Start && creation.Span.Length == span.Length ? creation : null;
    }

    private enum ListForm
    {
        Absent,
        CollectionInitializer,
        CollectionExpression,
        Array,
        ListCreation,
        Single,
        Other,
    }

    private static (ListForm Form, AssignmentExpressionSyntax? Assignment) ListOf(BaseObjectCreationExpressionSyntax creation, string property)
    {
        var assignment = creation.Initializer?.Expressions.OfType<AssignmentExpressionSyntax>()
            .FirstOrDefault(a => a.Left is IdentifierNameSyntax name && name.Identifier.ValueText == property);
        if (creation.Initializer is null || creation.Initializer.IsKind(SyntaxKind.CollectionInitializerExpression))
        {
            return (creation.Initializer is null ? ListForm.Absent : ListForm.Other, null);
        }

        return assignment?.Right switch
        {
            null => (ListForm.Absent, null),
            InitializerExpressionSyntax => (ListForm.CollectionInitializer, assignment),
            CollectionExpressionSyntax collection when collection.Elements.All(e => e is ExpressionElementSyntax) => (ListForm.CollectionExpression, assignment),
            ArrayCreationExpressionSyntax { Initializer: not null } or ImplicitArrayCreationExpressionSyntax => (ListForm.Array, assignment),
            ObjectCreationExpressionSyntax { Type: GenericNameSyntax { Identifier.ValueText: "List" or "InputList" }, Initializer: not null } => (ListForm.ListCreation, assignment),
            BaseObjectCreationExpressionSyntax => (ListForm.Single, assignment),
            _ => (ListForm.Other, assignment),
        };
    }

    // ---- writing ----------------------------------------------------------------------------------------------------

    /// <summary>The document with every insertion of <paramref name="plan"/> located in it; null when none could be written.</summary>
    public async Task<Document?> ApplyAsync(FixPlan plan, CancellationToken cancellationToken)
    {
        var changes = new List<TextChange>();
        foreach (var insertion in plan.Insertions)
        {
            changes.AddRange(Apply(insertion));
        }

        if (changes.Count == 0)
        {
            return null;
        }

        var text = await _document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var ordered = changes.OrderBy(c => c.Span.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Span.Start < ordered[i - 1].Span.End)
            {
                return null;
            }
        }

        var newText = text.WithChanges(ordered);

        // A writer bug must never leave the user's file with syntax errors.
        var tree = _root.SyntaxTree.WithChangedText(newText);
        if (tree.GetDiagnostics(cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return null;
        }

        return _document.WithText(newText);
    }

    private IEnumerable<TextChange> Apply(PlannedInsertion insertion)
    {
        switch (insertion.Target)
        {
            case InsertionTargetKind.ExistingCollection when insertion.ExistingCollection is { } collection && CreationAt(collection.Span) is { } creation:
            {
                _insertionPosition = creation.SpanStart;
                if (IsAzureSdk(creation))
                {
                    var armRules = insertion.Rules.Select(r => RenderArmRule(r, insertion.IsPolicy)).Where(r => r is not null).Select(r => r!).ToList();
                    return armRules.Count == 0 ? Array.Empty<TextChange>() : AppendToList(creation, "Rules", armRules, ElementStyle.TypedList);
                }

                var inputs = InputsNamespace(creation);
                if (inputs is null)
                {
                    return Array.Empty<TextChange>();
                }

                var classicType = IsClassicPulumi(creation) ? _model.GetTypeInfo(creation).Type?.Name : null;
                var rules = insertion.Rules.Select(r => RenderRule(r, insertion.IsPolicy, inputs, classicType)).Where(r => r is not null).Select(r => r!).ToList();
                var style = insertion.IsPolicy && classicType is null ? ElementStyle.ObjectList : ElementStyle.TypedList;
                return rules.Count == 0 ? Array.Empty<TextChange>() : AppendToList(creation, "Rules", rules, style);
            }

            case InsertionTargetKind.NewClassicCollection when insertion.Firewall is { } firewall && CreationAt(firewall.NameSpan) is { } args:
            {
                _insertionPosition = args.SpanStart;
                if (IsAzureSdk(args))
                {
                    var armCollection = RenderArmCollection(insertion);
                    return armCollection is null
                        ? Array.Empty<TextChange>()
                        : AppendToList(args, insertion.Kind == RuleCollectionKind.Application ? "ApplicationRuleCollections" : "NetworkRuleCollections", new[] { armCollection }, ElementStyle.TypedList);
                }

                var inputs = InputsNamespace(args);
                var collection = inputs is null ? null : RenderClassicCollection(insertion, inputs);
                return collection is null
                    ? Array.Empty<TextChange>()
                    : AppendToList(args, insertion.Kind == RuleCollectionKind.Application ? "ApplicationRuleCollections" : "NetworkRuleCollections", new[] { collection }, ElementStyle.TypedList);
            }

            case InsertionTargetKind.NewPolicyCollection when insertion.Group is { } group && CreationAt(group.NameSpan) is { } groupArgs:
            {
                _insertionPosition = groupArgs.SpanStart;
                if (IsAzureSdk(groupArgs))
                {
                    var armCollection = RenderArmCollection(insertion);
                    return armCollection is null ? Array.Empty<TextChange>() : AppendToList(groupArgs, "RuleCollections", new[] { armCollection }, ElementStyle.TypedList);
                }

                var inputs = InputsNamespace(groupArgs);
                if (inputs is not null && IsClassicPulumi(groupArgs))
                {
                    var kindName = insertion.Kind == RuleCollectionKind.Application ? "Application" : "Network";
                    var classicCollection = RenderClassicPolicyCollection(insertion, inputs, $"FirewallPolicyRuleCollectionGroup{kindName}RuleCollectionArgs");
                    return classicCollection is null ? Array.Empty<TextChange>() : AppendToList(groupArgs, kindName + "RuleCollections", new[] { classicCollection }, ElementStyle.TypedList);
                }

                var collection = inputs is null ? null : RenderPolicyCollection(insertion, inputs);
                return collection is null ? Array.Empty<TextChange>() : AppendToList(groupArgs, "RuleCollections", new[] { collection }, ElementStyle.UnionList);
            }

            default:
                return Array.Empty<TextChange>();
        }
    }

    private enum ElementStyle
    {
        /// <summary><c>InputList&lt;XArgs&gt;</c>: initializer, array or single all accept more elements.</summary>
        TypedList,

        /// <summary><c>InputList&lt;object&gt;</c>: arrays only (an initializer <c>Add</c> is ambiguous) unless elements are cast.</summary>
        ObjectList,

        /// <summary><c>InputList&lt;Union&lt;A, B&gt;&gt;</c>: collection initializer only (through the extension <c>Add</c>).</summary>
        UnionList,
    }

    private IEnumerable<TextChange> AppendToList(BaseObjectCreationExpressionSyntax creation, string property, IReadOnlyList<string> elements, ElementStyle style)
    {
        var (form, assignment) = ListOf(creation, property);
        switch (form)
        {
            case ListForm.Absent:
            {
                var value = style == ElementStyle.ObjectList ? "new[]\n{\n" + string.Join(",\n", elements) + ",\n}" : "{\n" + string.Join(",\n", elements) + ",\n}";
                if (creation.Initializer is { } objectInitializer)
                {
                    return new[] { AppendElements(objectInitializer, new[] { property + " =\n" + value }) };
                }

                var indent = IndentOf(creation);
                var body = " " + "{\n" + Indent(property + " =\n" + value, indent + _unit, 0) + ",\n" + indent + "}";
                return new[] { new TextChange(new TextSpan(creation.Span.End, 0), body) };
            }

            case ListForm.CollectionInitializer:
            case ListForm.CollectionExpression:
            {
                // Both add through the list's Add overloads, which take an object rule as an Input.
                var items = style == ElementStyle.ObjectList ? elements.Select(e => "(" + TypeName("Pulumi", "Input") + "<object>)" + e).ToList() : elements;
                return new[]
                {
                    assignment!.Right is CollectionExpressionSyntax collection
                        ? AppendElements(collection, items)
                        : AppendElements((InitializerExpressionSyntax)assignment.Right, items),
                };
            }

            case ListForm.Array:
            case ListForm.ListCreation:
            {
                var initializer = assignment!.Right switch
                {
                    ArrayCreationExpressionSyntax array => array.Initializer!,
                    ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer,
                    ObjectCreationExpressionSyntax list => list.Initializer!,
                    _ => null,
                };
                if (initializer is null)
                {
                    return Array.Empty<TextChange>();
                }

                var changes = new List<TextChange>();
                if (style == ElementStyle.ObjectList && assignment.Right is ImplicitArrayCreationExpressionSyntax implicitRules && ArrayElementTypeDiffers(implicitRules, elements))
                {
                    // new[] { AppRule } plus a NetworkRule has no best type: write new object[] { … }.
                    changes.Add(new TextChange(TextSpan.FromBounds(implicitRules.NewKeyword.SpanStart, implicitRules.CloseBracketToken.Span.End), "new object[]"));
                }

                changes.Add(AppendElements(initializer, elements));
                return changes;
            }

            case ListForm.Single:
            {
                var indent = IndentOf(assignment!);
                var all = new[] { assignment!.Right.WithoutTrivia().ToString() }.Concat(elements).ToList();
                var value = (style == ElementStyle.ObjectList ? "new object[]\n" : string.Empty) + "{\n" + string.Join(",\n", all) + ",\n}";
                return new[] { new TextChange(assignment.Right.Span, Indent(value, indent, 0).TrimStart()) };
            }

            default:
                return Array.Empty<TextChange>();
        }
    }

    /// <summary>Appends elements after the last one of a <c>{ … }</c> list, one per line at the elements' indentation, each followed by a comma.</summary>
    private TextChange AppendElements(InitializerExpressionSyntax initializer, IReadOnlyList<string> elements) =>
        AppendElements(initializer.Expressions, initializer.OpenBraceToken, initializer.CloseBraceToken, elements);

    /// <summary>The same for a collection expression's <c>[ … ]</c>.</summary>
    private TextChange AppendElements(CollectionExpressionSyntax collection, IReadOnlyList<string> elements) =>
        AppendElements(collection.Elements, collection.OpenBracketToken, collection.CloseBracketToken, elements);

    private TextChange AppendElements<TElement>(SeparatedSyntaxList<TElement> expressions, SyntaxToken open, SyntaxToken close, IReadOnlyList<string> elements)
        where TElement : SyntaxNode
    {
        string indent;
        int position;
        var prefix = string.Empty;
        if (expressions.Count == 0)
        {
            indent = IndentOf(open) + _unit;
            position = open.Span.End;
        }
        else
        {
            indent = IndentOf(expressions[0]);
            if (expressions.SeparatorCount == expressions.Count)
            {
                position = expressions.GetSeparator(expressions.Count - 1).Span.End;
            }
            else
            {
                position = expressions[expressions.Count - 1].Span.End;
                prefix = ",";
            }
        }

        var builder = new StringBuilder(prefix);
        foreach (var element in elements)
        {
            builder.Append(_newLine).Append(Indent(element, indent, 0)).Append(',');
        }

        if (expressions.Count == 0 && open.GetNextToken() == close
            && close.GetPreviousToken() == open
            && !close.LeadingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia))
            && !open.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
        {
            // "P = { }" on one line: put the closing brace on its own line.
            builder.Append(_newLine).Append(IndentOf(open));
            return new TextChange(TextSpan.FromBounds(position, close.SpanStart), builder.ToString());
        }

        return new TextChange(new TextSpan(position, 0), builder.ToString());
    }

    /// <summary>Re-indents generated text: <paramref name="indent"/> plus one unit per open brace (braces inside strings ignored).</summary>
    private string Indent(string text, string indent, int depth)
    {
        var lines = text.Split('\n');
        var builder = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var (opens, closes, leadingCloses) = Braces(line);
            var lineDepth = Math.Max(0, depth - leadingCloses);
            if (i > 0)
            {
                builder.Append(_newLine);
            }

            builder.Append(indent);
            for (var d = 0; d < lineDepth; d++)
            {
                builder.Append(_unit);
            }

            builder.Append(line);
            depth = Math.Max(0, depth + opens - closes);
        }

        return builder.ToString();
    }

    private static (int Opens, int Closes, int LeadingCloses) Braces(string line)
    {
        int opens = 0, closes = 0, leading = 0;
        var inString = false;
        var atStart = true;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    atStart = false;
                    break;
                case '{':
                    opens++;
                    atStart = false;
                    break;
                case '}':
                    closes++;
                    if (atStart)
                    {
                        leading++;
                    }

                    break;
                case ' ':
                    break;
                default:
                    atStart = false;
                    break;
            }
        }

        return (opens, closes, leading);
    }

    // By position, not by first token: in code being typed an element can be a missing node (`Rules = { , … }`), whose
    // first real token does not exist (default, with no tree).
    private static string IndentOf(SyntaxNode node) => IndentAt(node.SyntaxTree, node.SpanStart);

    private static string IndentOf(SyntaxToken token) => IndentAt(token.SyntaxTree!, token.SpanStart);

    private static string IndentAt(SyntaxTree tree, int position)
    {
        var line = tree.GetText().Lines.GetLineFromPosition(position);
        var text = line.ToString();
        return text.Substring(0, text.Length - text.TrimStart().Length);
    }

    private bool ArrayElementTypeDiffers(ImplicitArrayCreationExpressionSyntax array, IReadOnlyList<string> elements)
    {
        var elementType = (_model.GetTypeInfo(array).Type as IArrayTypeSymbol)?.ElementType;
        if (elementType is null || elementType.SpecialType == SpecialType.System_Object)
        {
            return false;
        }

        var name = elementType.ToMinimalDisplayString(_model, array.SpanStart);
        return elements.Any(e => !e.StartsWith("new " + name + "\n", StringComparison.Ordinal));
    }

    // ---- rendering ----------------------------------------------------------------------------------------------------

    /// <summary>The <c>…Network.Inputs</c> namespace next to the target's type (so versioned modules stay versioned).</summary>
    private string? InputsNamespace(BaseObjectCreationExpressionSyntax creation)
    {
        var ns = _model.GetTypeInfo(creation).Type?.ContainingNamespace?.ToDisplayString();
        if (ns is null)
        {
            return null;
        }

        return ns.EndsWith(".Inputs", StringComparison.Ordinal) ? ns : ns + ".Inputs";
    }

    private static string ModuleNamespace(string inputs) => inputs.Substring(0, inputs.Length - ".Inputs".Length);

    private string? RenderClassicCollection(PlannedInsertion insertion, string inputs)
    {
        var rules = insertion.Rules.Select(r => RenderRule(r, isPolicy: false, inputs)).Where(r => r is not null).ToList();
        if (rules.Count == 0)
        {
            return null;
        }

        var type = insertion.Kind == RuleCollectionKind.Application ? "AzureFirewallApplicationRuleCollectionArgs" : "AzureFirewallNetworkRuleCollectionArgs";
        var action = Enum(ModuleNamespace(inputs), "AzureFirewallRCActionType", "Allow");
        return $"new {TypeName(inputs, type)}\n{{\nName = {Literal(insertion.CollectionName ?? FixPlanner.DefaultName)},\nPriority = {insertion.CollectionPriority ?? 65000},\n"
            + $"Action = new {TypeName(inputs, "AzureFirewallRCActionArgs")} {{ Type = {action} }},\nRules =\n{{\n{string.Join(",\n", rules)},\n}},\n}}";
    }

    private string? RenderClassicPolicyCollection(PlannedInsertion insertion, string inputs, string collectionType)
    {
        var rules = insertion.Rules.Select(r => RenderRule(r, isPolicy: true, inputs, collectionType)).Where(r => r is not null).ToList();
        if (rules.Count == 0)
        {
            return null;
        }

        return $"new {TypeName(inputs, collectionType)}\n{{\nName = {Literal(insertion.CollectionName ?? FixPlanner.DefaultName)},\nPriority = {insertion.CollectionPriority ?? 65000},\n"
            + $"Action = \"Allow\",\nRules =\n{{\n{string.Join(",\n", rules)},\n}},\n}}";
    }

    private string? RenderPolicyCollection(PlannedInsertion insertion, string inputs)
    {
        var rules = insertion.Rules.Select(r => RenderRule(r, isPolicy: true, inputs)).Where(r => r is not null).ToList();
        if (rules.Count == 0)
        {
            return null;
        }

        var action = Enum(ModuleNamespace(inputs), "FirewallPolicyFilterRuleCollectionActionType", "Allow");
        return $"new {TypeName(inputs, "FirewallPolicyFilterRuleCollectionArgs")}\n{{\nName = {Literal(insertion.CollectionName ?? FixPlanner.DefaultName)},\nPriority = {insertion.CollectionPriority ?? 65000},\n"
            + "RuleCollectionType = \"FirewallPolicyFilterRuleCollection\",\n"
            + $"Action = new {TypeName(inputs, "FirewallPolicyFilterRuleCollectionActionArgs")} {{ Type = {action} }},\nRules = new[]\n{{\n{string.Join(",\n", rules)},\n}},\n}}";
    }

    private string? RenderRule(PlannedRule rule, bool isPolicy, string inputs, string? classicCollectionType = null)
    {
        var module = ModuleNamespace(inputs);
        var builder = new StringBuilder();
        var sources = SourcesOf(rule);
        if (classicCollectionType is not null)
        {
            return RenderClassicRule(rule, inputs, classicCollectionType, sources);
        }

        if (rule.Kind == RuleCollectionKind.Application)
        {
            var fqdns = rule.TargetFqdns.Select(Value).Where(v => v is not null).ToList();
            if (fqdns.Count == 0)
            {
                return null;
            }

            var protocolType = isPolicy ? "FirewallPolicyRuleApplicationProtocolArgs" : "AzureFirewallApplicationRuleProtocolArgs";
            var protocolEnum = isPolicy ? "FirewallPolicyRuleApplicationProtocolType" : "AzureFirewallApplicationRuleProtocolType";
            var protocols = rule.ApplicationProtocols.Select(p => $"new {TypeName(inputs, protocolType)} {{ ProtocolType = {Enum(module, protocolEnum, p.ProtocolType)}, Port = {p.Port} }}");
            builder.Append($"new {TypeName(inputs, isPolicy ? "ApplicationRuleArgs" : "AzureFirewallApplicationRuleArgs")}\n{{\nName = {Literal(rule.Name)},\n");
            if (isPolicy)
            {
                builder.Append("RuleType = \"ApplicationRule\",\n");
            }

            builder.Append($"SourceAddresses = {sources},\n");
            builder.Append($"Protocols = {{ {string.Join(", ", protocols)} }},\n");
            builder.Append($"TargetFqdns = {{ {string.Join(", ", fqdns)} }},\n}}");
            return builder.ToString();
        }

        var addresses = rule.DestinationAddresses.Select(Value).Where(v => v is not null).ToList();
        var destinationFqdns = rule.DestinationFqdns.Select(Value).Where(v => v is not null).ToList();
        if (addresses.Count == 0 && destinationFqdns.Count == 0)
        {
            return null;
        }

        var protocolEnumType = isPolicy ? "FirewallPolicyRuleNetworkProtocol" : "AzureFirewallNetworkRuleProtocol";
        var networkProtocols = rule.NetworkProtocols.Select(p => Enum(module, protocolEnumType, string.Equals(p, "Any", StringComparison.OrdinalIgnoreCase) ? "Any" : p.ToUpperInvariant()));
        builder.Append($"new {TypeName(inputs, isPolicy ? "NetworkRuleArgs" : "AzureFirewallNetworkRuleArgs")}\n{{\nName = {Literal(rule.Name)},\n");
        if (isPolicy)
        {
            builder.Append("RuleType = \"NetworkRule\",\n");
        }

        builder.Append($"SourceAddresses = {sources},\n");
        builder.Append($"{(isPolicy ? "IpProtocols" : "Protocols")} = {{ {string.Join(", ", networkProtocols)} }},\n");
        if (addresses.Count > 0)
        {
            builder.Append($"DestinationAddresses = {{ {string.Join(", ", addresses)} }},\n");
        }

        if (destinationFqdns.Count > 0)
        {
            builder.Append($"DestinationFqdns = {{ {string.Join(", ", destinationFqdns)} }},\n");
        }

        builder.Append($"DestinationPorts = {{ {string.Join(", ", rule.DestinationPorts.Select(Literal))} }},\n}}");
        return builder.ToString();
    }

    /// <summary>Azure SDK collection data: <c>…CollectionData</c> (classic) or <c>FirewallPolicyFilterRuleCollectionInfo</c> (policy), enum statics.</summary>
    private string? RenderArmCollection(PlannedInsertion insertion)
    {
        var rules = insertion.Rules.Select(r => RenderArmRule(r, insertion.IsPolicy)).Where(r => r is not null).ToList();
        if (rules.Count == 0)
        {
            return null;
        }

        var (type, action) = insertion.IsPolicy
            ? ("FirewallPolicyFilterRuleCollectionInfo", TypeName(ArmModels, "FirewallPolicyFilterRuleCollectionActionType") + ".Allow")
            : (insertion.Kind == RuleCollectionKind.Application ? "AzureFirewallApplicationRuleCollectionData" : "AzureFirewallNetworkRuleCollectionData", TypeName(ArmModels, "AzureFirewallRCActionType") + ".Allow");
        return $"new {TypeName(ArmModels, type)}\n{{\nName = {Literal(insertion.CollectionName ?? FixPlanner.DefaultName)},\nPriority = {insertion.CollectionPriority ?? 65000},\n"
            + $"ActionType = {action},\nRules =\n{{\n{string.Join(",\n", rules)},\n}},\n}}";
    }

    /// <summary>Azure SDK rules: the class is the discriminator; lists are get-only (initializers); enum members are Pascal case (<c>Tcp</c>).</summary>
    private string? RenderArmRule(PlannedRule rule, bool isPolicy)
    {
        var sources = SourcesOf(rule);
        if (rule.Kind == RuleCollectionKind.Application)
        {
            var fqdns = rule.TargetFqdns.Select(Value).Where(v => v is not null).ToList();
            if (fqdns.Count == 0)
            {
                return null;
            }

            var (ruleType, protocolType, protocolEnum) = isPolicy
                ? ("ApplicationRule", "FirewallPolicyRuleApplicationProtocol", "FirewallPolicyRuleApplicationProtocolType")
                : ("AzureFirewallApplicationRule", "AzureFirewallApplicationRuleProtocol", "AzureFirewallApplicationRuleProtocolType");
            var protocols = rule.ApplicationProtocols.Select(p => $"new {TypeName(ArmModels, protocolType)} {{ ProtocolType = {TypeName(ArmModels, protocolEnum)}.{p.ProtocolType}, Port = {p.Port} }}");
            return $"new {TypeName(ArmModels, ruleType)}\n{{\nName = {Literal(rule.Name)},\nSourceAddresses = {sources},\nProtocols = {{ {string.Join(", ", protocols)} }},\nTargetFqdns = {{ {string.Join(", ", fqdns)} }},\n}}";
        }

        var addresses = rule.DestinationAddresses.Select(Value).Where(v => v is not null).ToList();
        var destinationFqdns = rule.DestinationFqdns.Select(Value).Where(v => v is not null).ToList();
        if (addresses.Count == 0 && destinationFqdns.Count == 0)
        {
            return null;
        }

        var networkEnum = TypeName(ArmModels, isPolicy ? "FirewallPolicyRuleNetworkProtocol" : "AzureFirewallNetworkRuleProtocol");
        var networkProtocols = rule.NetworkProtocols.Select(p => networkEnum + "." + char.ToUpperInvariant(p[0]) + p.Substring(1).ToLowerInvariant());
        var builder = new StringBuilder($"new {TypeName(ArmModels, isPolicy ? "NetworkRule" : "AzureFirewallNetworkRule")}\n{{\nName = {Literal(rule.Name)},\nSourceAddresses = {sources},\n");
        builder.Append($"{(isPolicy ? "IPProtocols" : "Protocols")} = {{ {string.Join(", ", networkProtocols)} }},\n");
        if (addresses.Count > 0)
        {
            builder.Append($"DestinationAddresses = {{ {string.Join(", ", addresses)} }},\n");
        }

        if (destinationFqdns.Count > 0)
        {
            builder.Append($"DestinationFqdns = {{ {string.Join(", ", destinationFqdns)} }},\n");
        }

        builder.Append($"DestinationPorts = {{ {string.Join(", ", rule.DestinationPorts.Select(Literal))} }},\n}}");
        return builder.ToString();
    }

    /// <summary>
    /// Pulumi classic rules: the rule type is the collection type with <c>RuleArgs</c> (and the protocol type with
    /// <c>RuleProtocolArgs</c>); policy application rules call their FQDNs <c>DestinationFqdns</c>; all enums are strings.
    /// </summary>
    private string? RenderClassicRule(PlannedRule rule, string inputs, string collectionType, string sources)
    {
        var ruleType = collectionType.Substring(0, collectionType.Length - "Args".Length) + "RuleArgs";
        var isPolicy = collectionType.StartsWith("FirewallPolicy", StringComparison.Ordinal);
        var builder = new StringBuilder($"new {TypeName(inputs, ruleType)}\n{{\nName = {Literal(rule.Name)},\nSourceAddresses = {sources},\n");
        if (rule.Kind == RuleCollectionKind.Application)
        {
            var fqdns = rule.TargetFqdns.Select(Value).Where(v => v is not null).ToList();
            if (fqdns.Count == 0)
            {
                return null;
            }

            var protocolType = ruleType.Substring(0, ruleType.Length - "Args".Length) + "ProtocolArgs";
            var protocols = rule.ApplicationProtocols.Select(p => $"new {TypeName(inputs, protocolType)} {{ Type = {Literal(p.ProtocolType)}, Port = {p.Port} }}");
            builder.Append($"Protocols = {{ {string.Join(", ", protocols)} }},\n");
            builder.Append($"{(isPolicy ? "DestinationFqdns" : "TargetFqdns")} = {{ {string.Join(", ", fqdns)} }},\n}}");
            return builder.ToString();
        }

        var addresses = rule.DestinationAddresses.Select(Value).Where(v => v is not null).ToList();
        var destinationFqdns = rule.DestinationFqdns.Select(Value).Where(v => v is not null).ToList();
        if (addresses.Count == 0 && destinationFqdns.Count == 0)
        {
            return null;
        }

        builder.Append($"Protocols = {{ {string.Join(", ", rule.NetworkProtocols.Select(p => Literal(string.Equals(p, "Any", StringComparison.OrdinalIgnoreCase) ? "Any" : p.ToUpperInvariant())))} }},\n");
        if (addresses.Count > 0)
        {
            builder.Append($"DestinationAddresses = {{ {string.Join(", ", addresses)} }},\n");
        }

        if (destinationFqdns.Count > 0)
        {
            builder.Append($"DestinationFqdns = {{ {string.Join(", ", destinationFqdns)} }},\n");
        }

        builder.Append($"DestinationPorts = {{ {string.Join(", ", rule.DestinationPorts.Select(Literal))} }},\n}}");
        return builder.ToString();
    }

    /// <summary>The sources of an existing rule that surely covers the nodes, as written; else the planned addresses.</summary>
    private string SourcesOf(PlannedRule rule)
    {
        if (rule.SourcesLike is { } like && CreationAt(like.Span) is { } existing
            && ListOf(existing, "SourceAddresses") is { Form: not ListForm.Absent and not ListForm.Other, Assignment: { } assignment })
        {
            return assignment.Right.WithoutTrivia().ToString();
        }

        var sources = rule.SourceAddresses.Count > 0 ? rule.SourceAddresses : new[] { "*" };
        return "{ " + string.Join(", ", sources.Select(Literal)) + " }";
    }

    private string Enum(string module, string enumType, string member) =>
        _enumStyle ? TypeName(module, enumType) + "." + member : Literal(member);

    /// <summary>The shortest name of a type where the rules are written (the file's usings and aliases decide).</summary>
    private string TypeName(string ns, string name)
    {
        var type = _model.Compilation.GetTypeByMetadataName(ns + "." + name + (name == "Input" ? "`1" : string.Empty));
        if (type is null)
        {
            return "global::" + ns + "." + name;
        }

        var display = type.ToMinimalDisplayString(_model, _insertionPosition);
        var generic = display.IndexOf('<');
        return generic >= 0 ? display.Substring(0, generic) : display;
    }

    /// <summary>A planned value as C#: the cluster's location expression for region-specific names when it is in scope, else the literal.</summary>
    private string? Value(PlannedValue value)
    {
        if (value.IsLocationSpecific && value.LocationTemplate is { } template && LocationExpression(value.Cluster) is { } expression)
        {
            var placeholder = Engine.Catalog.RequirementCatalog.LocationPlaceholder;
            var cut = template.IndexOf(placeholder, StringComparison.Ordinal);
            if (cut >= 0)
            {
                return "$" + Literal(template.Substring(0, cut)).TrimEnd('"') + "{" + expression + "}" + Literal(template.Substring(cut + placeholder.Length)).Substring(1);
            }
        }

        return value.NeedsExpression ? null : Literal(value.Literal);
    }

    /// <summary>The cluster's <c>Location = x</c> when <c>x</c> is a name visible in this document (a field, constant or local in scope).</summary>
    private string? LocationExpression(AksClusterResource? cluster)
    {
        if (cluster?.Location is not { } location || location.Span.IsEmpty)
        {
            return null;
        }

        var tree = _model.Compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == location.Span.FilePath);
        if (tree is null)
        {
            return null;
        }

        var node = tree.GetRoot().FindNode(new TextSpan(location.Span.Start, location.Span.Length), getInnermostNodeForTie: true);
        if (node is not IdentifierNameSyntax identifier)
        {
            return null;
        }

        var symbol = _model.Compilation.GetSemanticModel(tree).GetSymbolInfo(identifier).Symbol;
        if (symbol is null or IParameterSymbol)
        {
            return null;
        }

        // The same symbol must be visible by the same name where the rules are written.
        var visible = _model.LookupSymbols(_insertionPosition, name: identifier.Identifier.ValueText);
        return visible.Any(s => SymbolEqualityComparer.Default.Equals(s, symbol)) && symbol is IFieldSymbol or ILocalSymbol ? identifier.Identifier.ValueText : null;
    }

    private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);
}
