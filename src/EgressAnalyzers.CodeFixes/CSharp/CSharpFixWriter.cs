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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
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
    private int _insertionPosition;

    private CSharpFixWriter(Document document, SyntaxNode root, SemanticModel model)
    {
        _document = document;
        _root = root;
        _model = model;
        _path = root.SyntaxTree.FilePath;
        var text = root.ToFullString();
        _enumStyle = EnumStyleMarkers.Any(m => text.IndexOf(m, StringComparison.Ordinal) >= 0);
    }

    public static async Task<CSharpFixWriter?> CreateAsync(Document document, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return root is null || model is null ? null : new CSharpFixWriter(document, root, model);
    }

    // ---- what can be written ----------------------------------------------------------------------------------------

    public bool CanAppendRules(RuleCollection collection) =>
        CreationAt(collection.Span) is { } creation && Writable(ListOf(creation, "Rules").Form);

    public bool CanAddClassicCollection(AzureFirewallResource firewall, RuleCollectionKind kind) =>
        kind != RuleCollectionKind.Nat
        && CreationAt(firewall.NameSpan) is { } args
        && IsType(args, "AzureFirewallArgs")
        && Writable(ListOf(args, kind == RuleCollectionKind.Application ? "ApplicationRuleCollections" : "NetworkRuleCollections").Form);

    public bool CanAddPolicyCollection(RuleCollectionGroupResource group) =>
        CreationAt(group.NameSpan) is { } args
        && IsType(args, "FirewallPolicyRuleCollectionGroupArgs")
        && ListOf(args, "RuleCollections").Form is ListForm.Absent or ListForm.CollectionInitializer;

    // A new rule collection group is a new resource statement: not written by this fix.
    public bool CanAddGroup(FirewallPolicyResource policy) => false;

    private static bool Writable(ListForm form) => form != ListForm.Other;

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
        var editor = await DocumentEditor.CreateAsync(_document, cancellationToken).ConfigureAwait(false);
        var edited = false;
        foreach (var insertion in plan.Insertions)
        {
            edited |= Apply(editor, insertion);
        }

        if (!edited)
        {
            return null;
        }

        var document = editor.GetChangedDocument();
        document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(document, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private bool Apply(DocumentEditor editor, PlannedInsertion insertion)
    {
        switch (insertion.Target)
        {
            case InsertionTargetKind.ExistingCollection when insertion.ExistingCollection is { } collection && CreationAt(collection.Span) is { } creation:
            {
                _insertionPosition = creation.SpanStart;
                var inputs = InputsNamespace(creation);
                if (inputs is null)
                {
                    return false;
                }

                var rules = insertion.Rules.Select(r => RenderRule(r, insertion.IsPolicy, inputs)).Where(r => r is not null).Select(r => r!).ToList();
                if (rules.Count == 0)
                {
                    return false;
                }

                AppendToList(editor, creation, "Rules", rules, insertion.IsPolicy ? ElementStyle.ObjectList : ElementStyle.TypedList);
                return true;
            }

            case InsertionTargetKind.NewClassicCollection when insertion.Firewall is { } firewall && CreationAt(firewall.NameSpan) is { } args:
            {
                _insertionPosition = args.SpanStart;
                var inputs = InputsNamespace(args);
                var collection = inputs is null ? null : RenderClassicCollection(insertion, inputs);
                if (collection is null)
                {
                    return false;
                }

                AppendToList(editor, args, insertion.Kind == RuleCollectionKind.Application ? "ApplicationRuleCollections" : "NetworkRuleCollections", new[] { collection }, ElementStyle.TypedList);
                return true;
            }

            case InsertionTargetKind.NewPolicyCollection when insertion.Group is { } group && CreationAt(group.NameSpan) is { } groupArgs:
            {
                _insertionPosition = groupArgs.SpanStart;
                var inputs = InputsNamespace(groupArgs);
                var collection = inputs is null ? null : RenderPolicyCollection(insertion, inputs);
                if (collection is null)
                {
                    return false;
                }

                AppendToList(editor, groupArgs, "RuleCollections", new[] { collection }, ElementStyle.UnionList);
                return true;
            }

            default:
                return false;
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

    private void AppendToList(DocumentEditor editor, BaseObjectCreationExpressionSyntax creation, string property, IReadOnlyList<string> elements, ElementStyle style)
    {
        var (form, assignment) = ListOf(creation, property);
        var parsed = elements.Select(Parse).ToList();
        switch (form)
        {
            case ListForm.Absent:
            {
                var value = style == ElementStyle.ObjectList
                    ? "new[]\n{\n" + string.Join(",\n", elements) + ",\n}"
                    : "{\n" + string.Join(",\n", elements) + ",\n}";
                var member = SyntaxFactory.ParseExpression(property + " = " + value).WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
                editor.ReplaceNode(creation, (current, _) =>
                {
                    var node = (BaseObjectCreationExpressionSyntax)current;
                    var initializer = node.Initializer ?? SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression);
                    var updated = initializer.WithExpressions(AppendWithTrailingComma(initializer.Expressions, new[] { member }));
                    return node.WithInitializer(updated).WithAdditionalAnnotations(Formatter.Annotation);
                });
                break;
            }

            case ListForm.CollectionInitializer:
            {
                var cast = style == ElementStyle.ObjectList;
                editor.ReplaceNode(assignment!.Right, (current, _) =>
                {
                    var initializer = (InitializerExpressionSyntax)current;
                    var items = cast ? parsed.Select(p => (ExpressionSyntax)Parse("(global::Pulumi.Input<object>)" + p.ToString())).ToList() : parsed;
                    return initializer.WithExpressions(AppendWithTrailingComma(initializer.Expressions, items)).WithAdditionalAnnotations(Formatter.Annotation);
                });
                break;
            }

            case ListForm.Array:
            case ListForm.ListCreation:
            {
                var mixed = style == ElementStyle.ObjectList && ArrayElementTypeDiffers(assignment!.Right, elements);
                editor.ReplaceNode(assignment!.Right, (current, _) =>
                {
                    var result = current switch
                    {
                        ArrayCreationExpressionSyntax array => (ExpressionSyntax)array.WithInitializer(array.Initializer!.WithExpressions(AppendWithTrailingComma(array.Initializer.Expressions, parsed))),
                        ImplicitArrayCreationExpressionSyntax implicitArray when mixed =>
                            // new[] { AppRule } + NetworkRule has no best type: write new object[] { … }.
                            SyntaxFactory.ArrayCreationExpression(
                                SyntaxFactory.ArrayType(SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.ObjectKeyword)), SyntaxFactory.SingletonList(SyntaxFactory.ArrayRankSpecifier())),
                                implicitArray.Initializer.WithExpressions(AppendWithTrailingComma(implicitArray.Initializer.Expressions, parsed))),
                        ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.WithInitializer(implicitArray.Initializer.WithExpressions(AppendWithTrailingComma(implicitArray.Initializer.Expressions, parsed))),
                        ObjectCreationExpressionSyntax list => list.WithInitializer(list.Initializer!.WithExpressions(AppendWithTrailingComma(list.Initializer.Expressions, parsed))),
                        _ => (ExpressionSyntax)current,
                    };
                    return result.WithAdditionalAnnotations(Formatter.Annotation);
                });
                break;
            }

            case ListForm.Single:
            {
                var single = assignment!.Right.WithoutTrivia().ToString();
                var all = new[] { single }.Concat(elements).ToList();
                var value = style == ElementStyle.ObjectList
                    ? "new object[]\n{\n" + string.Join(",\n", all) + ",\n}"
                    : "{\n" + string.Join(",\n", all) + ",\n}";
                editor.ReplaceNode(assignment.Right, Parse(value));
                break;
            }
        }
    }

    private bool ArrayElementTypeDiffers(ExpressionSyntax array, IReadOnlyList<string> elements)
    {
        var elementType = (_model.GetTypeInfo(array).Type as IArrayTypeSymbol)?.ElementType;
        if (elementType is null || elementType.SpecialType == SpecialType.System_Object)
        {
            return false;
        }

        return elements.Any(e => e.IndexOf("." + elementType.Name + "\n", StringComparison.Ordinal) < 0 && !e.StartsWith("new global::" + elementType.ToDisplayString() + "\n", StringComparison.Ordinal));
    }

    private static SeparatedSyntaxList<ExpressionSyntax> AppendWithTrailingComma(SeparatedSyntaxList<ExpressionSyntax> list, IEnumerable<ExpressionSyntax> items)
    {
        var nodes = new List<SyntaxNodeOrToken>();
        foreach (var item in list.GetWithSeparators())
        {
            nodes.Add(item);
        }

        if (list.Count > 0 && list.SeparatorCount < list.Count)
        {
            nodes.Add(SyntaxFactory.Token(SyntaxKind.CommaToken));
        }

        foreach (var item in items)
        {
            nodes.Add(item.WithLeadingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed));
            nodes.Add(SyntaxFactory.Token(SyntaxKind.CommaToken));
        }

        return SyntaxFactory.SeparatedList<ExpressionSyntax>(nodes);
    }

    private static ExpressionSyntax Parse(string text) =>
        SyntaxFactory.ParseExpression(text).WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);

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
        return $"new global::{inputs}.{type}\n{{\nName = {Literal(insertion.CollectionName ?? FixPlanner.DefaultName)},\nPriority = {insertion.CollectionPriority ?? 65000},\n"
            + $"Action = new global::{inputs}.AzureFirewallRCActionArgs {{ Type = {action} }},\nRules =\n{{\n{string.Join(",\n", rules)},\n}},\n}}";
    }

    private string? RenderPolicyCollection(PlannedInsertion insertion, string inputs)
    {
        var rules = insertion.Rules.Select(r => RenderRule(r, isPolicy: true, inputs)).Where(r => r is not null).ToList();
        if (rules.Count == 0)
        {
            return null;
        }

        var action = Enum(ModuleNamespace(inputs), "FirewallPolicyFilterRuleCollectionActionType", "Allow");
        return $"new global::{inputs}.FirewallPolicyFilterRuleCollectionArgs\n{{\nName = {Literal(insertion.CollectionName ?? FixPlanner.DefaultName)},\nPriority = {insertion.CollectionPriority ?? 65000},\n"
            + "RuleCollectionType = \"FirewallPolicyFilterRuleCollection\",\n"
            + $"Action = new global::{inputs}.FirewallPolicyFilterRuleCollectionActionArgs {{ Type = {action} }},\nRules = new[]\n{{\n{string.Join(",\n", rules)},\n}},\n}}";
    }

    private string? RenderRule(PlannedRule rule, bool isPolicy, string inputs)
    {
        var module = ModuleNamespace(inputs);
        var builder = new StringBuilder();
        var sources = SourcesOf(rule);
        if (rule.Kind == RuleCollectionKind.Application)
        {
            var fqdns = rule.TargetFqdns.Select(Value).Where(v => v is not null).ToList();
            if (fqdns.Count == 0)
            {
                return null;
            }

            var protocolType = isPolicy ? "FirewallPolicyRuleApplicationProtocolArgs" : "AzureFirewallApplicationRuleProtocolArgs";
            var protocolEnum = isPolicy ? "FirewallPolicyRuleApplicationProtocolType" : "AzureFirewallApplicationRuleProtocolType";
            var protocols = rule.ApplicationProtocols.Select(p => $"new global::{inputs}.{protocolType} {{ ProtocolType = {Enum(module, protocolEnum, p.ProtocolType)}, Port = {p.Port} }}");
            builder.Append($"new global::{inputs}.{(isPolicy ? "ApplicationRuleArgs" : "AzureFirewallApplicationRuleArgs")}\n{{\nName = {Literal(rule.Name)},\n");
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
        builder.Append($"new global::{inputs}.{(isPolicy ? "NetworkRuleArgs" : "AzureFirewallNetworkRuleArgs")}\n{{\nName = {Literal(rule.Name)},\n");
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
        _enumStyle ? $"global::{module}.{enumType}.{member}" : Literal(member);

    /// <summary>A planned value as C#: the cluster's location expression for region-specific names when it is in scope, else the literal.</summary>
    private string? Value(PlannedValue value)
    {
        if (value.IsLocationSpecific && value.LocationTemplate is { } template && LocationExpression(value.Cluster) is { } expression)
        {
            var placeholder = Engine.Catalog.RequirementCatalog.LocationPlaceholder;
            var cut = template.IndexOf(placeholder, StringComparison.Ordinal);
            if (cut >= 0)
            {
                return "$" + Literal(template.Substring(0, cut) + "\u0001" + template.Substring(cut + placeholder.Length)).Replace("\u0001", "{" + expression + "}");
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
