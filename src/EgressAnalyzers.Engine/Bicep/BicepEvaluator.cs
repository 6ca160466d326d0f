using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using EgressAnalyzers.Engine.Arm;
using EgressAnalyzers.Engine.Arm.Expressions;
using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Bicep;

/// <summary>
/// One evaluation of one Bicep file: the entry point, a module instance with the parameters its caller passed, or a
/// .bicepparam file. Parameters and variables are computed on first use and cached; one that needs itself is unknown.
/// </summary>
internal sealed class BicepFileContext : IArmEvaluationScope, IResourceGroupScope
{
    private readonly Dictionary<string, BicepStatement> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ArmValue> _supplied;
    private readonly bool _unsuppliedAreUnknown;
    private readonly Dictionary<string, ArmValue> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<BicepStatement, BicepStatement> _enclosingResource = new();
    private readonly Dictionary<BicepStatement, ResourceIdentity?> _identities = new();

    // Loop resources whose item identity (symbols[i]) is being computed: a name or parent naming its own items ends there.
    private readonly HashSet<BicepStatement> _indexedInProgress = new();

    public BicepFileContext(string path, BicepFile file, string cloud, IReadOnlyDictionary<string, ArmValue> supplied, bool unsuppliedAreUnknown, CancellationToken cancellationToken)
    {
        FilePath = path;
        File = file;
        Cloud = cloud;
        CancellationToken = cancellationToken;
        _supplied = new Dictionary<string, ArmValue>(StringComparer.Ordinal);
        foreach (var pair in supplied)
        {
            _supplied[pair.Key] = pair.Value;
        }

        _unsuppliedAreUnknown = unsuppliedAreUnknown;
        foreach (var statement in file.Statements)
        {
            Register(statement, null);
            if (statement is { Kind: BicepStatementKind.Import, TypeOrPath: BicepString { Literal: { } importPath } })
            {
                foreach (var (exported, local) in statement.Imports)
                {
                    _imports[local] = (importPath, exported);
                }
            }
        }

        Evaluator = new BicepEvaluator(this);
    }

    // Compile-time imports: local name → (the file's path as written, the name it exports; "*" for a namespace).
    private readonly Dictionary<string, (string Path, string Exported)> _imports = new(StringComparer.Ordinal);

    /// <summary>
    /// The context of a file this one imports from, by its path as written (<c>'shared.bicep'</c>); null when it is not
    /// among the analyzed files. Set by the reader: without it, imported names are unknown.
    /// </summary>
    public Func<string, BicepFileContext?>? ImportedFile { get; init; }

    /// <summary>The condition of the module (or of a module around it) this file is read for, when it could not be resolved.</summary>
    public ModelValue? UnresolvedCondition { get; init; }

    /// <summary>
    /// The resource group the module this file is read for is deployed to (<c>scope: resourceGroup('rg-lab')</c>), when it
    /// may not be the root deployment's; null for the root deployment's own (see <see cref="IResourceGroupScope"/>).
    /// </summary>
    public string? ResourceGroup { get; init; }

    /// <summary>The file and exported name an imported symbol stands for (<c>import { coreFqdns } from 'shared.bicep'</c>).</summary>
    public (BicepFileContext File, string Name)? Imported(string localName) =>
        _imports.TryGetValue(localName, out var import) && import.Exported != "*" && ImportedFile?.Invoke(import.Path) is { } file
            ? (file, import.Exported)
            : null;

    /// <summary>The file a namespace import names (<c>import * as shared from 'shared.bicep'</c>).</summary>
    public BicepFileContext? ImportedNamespace(string localName) =>
        _imports.TryGetValue(localName, out var import) && import.Exported == "*" ? ImportedFile?.Invoke(import.Path) : null;

    public string FilePath { get; }

    public BicepFile File { get; }

    public string Cloud { get; }

    public CancellationToken CancellationToken { get; }

    public BicepEvaluator Evaluator { get; }

    public string Text => File.Text;

    private void Register(BicepStatement statement, BicepStatement? parent)
    {
        if (statement.Name is { } name && statement.Kind is not (BicepStatementKind.Output or BicepStatementKind.Type or BicepStatementKind.Metadata or BicepStatementKind.Error))
        {
            // Top-level symbols win over nested resources of the same name (those are reached with parent::child).
            if (parent is null || !_symbols.ContainsKey(name.Name))
            {
                _symbols[name.Name] = statement;
            }
        }

        if (parent is not null)
        {
            _enclosingResource[statement] = parent;
        }

        if (statement.Kind == BicepStatementKind.Resource && BodyObject(statement.Value) is { } body)
        {
            foreach (var child in body.Resources)
            {
                Register(child, statement);
            }
        }
    }

    /// <summary>The object inside a resource or module body (through <c>if</c> and <c>for</c>).</summary>
    public static BicepObject? BodyObject(BicepExpression? body) => body switch
    {
        BicepObject obj => obj,
        BicepIf conditional => BodyObject(conditional.Body),
        BicepFor loop => BodyObject(loop.Body),
        _ => null,
    };

    public BicepStatement? Symbol(string name) => _symbols.TryGetValue(name, out var statement) ? statement : null;

    public BicepStatement? EnclosingResource(BicepStatement statement) =>
        _enclosingResource.TryGetValue(statement, out var parent) ? parent : null;

    public SourceSpan Span(BicepNode node) => new(FilePath, node.Start, node.Length);

    public SourceSpan Span(int start, int end) => new(FilePath, start, end - start);

    public string TextOf(BicepNode node) => Text.Substring(node.Start, node.Length);

    public ArmValue GetParameter(string name)
    {
        var statement = Symbol(name);
        if (statement is null || statement.Kind != BicepStatementKind.Parameter)
        {
            return UnknownParameter(name, SourceSpan.None);
        }

        return Cached("param:" + name, () =>
        {
            if (_supplied.TryGetValue(name, out var supplied))
            {
                return supplied;
            }

            if (_unsuppliedAreUnknown || statement.Value is null)
            {
                return UnknownParameter(name, Span(statement.Name!));
            }

            return Evaluator.Evaluate(statement.Value, BicepLocals.Empty);
        }, () => UnknownParameter(name, Span(statement.Name!)));
    }

    public ArmValue GetVariable(string name)
    {
        var statement = Symbol(name);
        if (statement is null || statement.Kind != BicepStatementKind.Variable || statement.Value is null)
        {
            return UnknownVariable(name, SourceSpan.None);
        }

        return Cached("var:" + name, () => Evaluator.Evaluate(statement.Value, BicepLocals.Empty), () => UnknownVariable(name, Span(statement.Name!)));
    }

    /// <summary>Type, names and parent of a resource symbol (computed once; unknown names stay symbolic).</summary>
    public ResourceIdentity? Identity(BicepStatement statement)
    {
        if (_identities.TryGetValue(statement, out var cached))
        {
            return cached;
        }

        // A resource whose name refers to itself: mark in progress with null.
        _identities[statement] = null;
        var identity = ComputeIdentity(statement, BicepLocals.Empty);
        _identities[statement] = identity;
        return identity;
    }

    /// <summary>The identity of a resource declaration where its loop variables are bound by <paramref name="locals"/>.</summary>
    public ResourceIdentity? ComputeIdentity(BicepStatement statement, BicepLocals locals, BicepObject? body = null, ResourceIdentity? enclosing = null)
    {
        if (statement.TypeOrPath is not BicepString { Literal: { } typeWithVersion })
        {
            return null;
        }

        body ??= BodyObject(statement.Value);
        var at = typeWithVersion.IndexOf('@');
        var type = at < 0 ? typeWithVersion : typeWithVersion.Substring(0, at);
        var nameNode = body?.Property("name")?.Value;
        var nameValue = nameNode is null ? ArmValue.Unknown(statement.Name?.Name ?? "name", Span(statement)) : Evaluator.Evaluate(nameNode, locals);

        var parent = enclosing;
        if (parent is null && body?.Property("parent")?.Value is { } parentNode)
        {
            // A parent the reader cannot resolve is a parent of unknown name, not none: a rule collection group without
            // its policy segment belonged to no policy, and the policy it is for looked as if it lacked its rules.
            parent = ResolveResourceReference(parentNode, locals) ?? UnresolvedParent(type, parentNode);
        }

        if (parent is null && EnclosingResource(statement) is { } enclosingStatement)
        {
            parent = Identity(enclosingStatement);
        }

        var fullType = ResourceMapper.FullType(type, parent?.Type);
        var names = new List<ArmValue>();
        if (parent is not null)
        {
            names.AddRange(parent.Names);
        }

        names.Add(nameValue);
        return new ResourceIdentity(fullType, names, nameValue, parent)
        {
            OtherResourceGroup = statement.Existing ? ResourceGroupOfScope(body?.Property("scope")?.Value, locals) : ResourceGroup,
        };
    }

    /// <summary>
    /// The resource group a <c>scope</c> (of an <c>existing</c> resource or a module) names, labelled as
    /// <c>resourceId()</c>'s argument would be (<see cref="ArmResourceId.OtherResourceGroup"/>): this file's own group
    /// (<see cref="ResourceGroup"/>) without a scope or for <c>resourceGroup()</c> itself.
    /// </summary>
    public string? ResourceGroupOfScope(BicepExpression? scope, BicepLocals locals) => scope switch
    {
        null => ResourceGroup,
        BicepCall { Target: null, Name: var name, Arguments.Count: 0 } when name.Equals("resourceGroup", StringComparison.OrdinalIgnoreCase) => ResourceGroup,
        BicepCall { Target: null, Name: var name, Arguments: var arguments } when name.Equals("resourceGroup", StringComparison.OrdinalIgnoreCase) =>
            ArmFunctions.OtherResourceGroup(Evaluator.Evaluate(arguments[arguments.Count - 1], locals), ResourceGroup),
        _ => "{" + TextOf(scope) + "}",
    };

    /// <summary>
    /// <c>symbol</c>, <c>parent::child</c> or <c>symbols[i]</c> (one item of a resource loop, <paramref name="locals"/>
    /// giving <c>i</c>) naming a resource declared in this file.
    /// </summary>
    public ResourceIdentity? ResolveResourceReference(BicepExpression expression, BicepLocals? locals = null)
    {
        switch (expression)
        {
            case BicepIdentifier identifier when Symbol(identifier.Name) is { Kind: BicepStatementKind.Resource } statement:
                return Identity(statement);
            case BicepIndexAccess { Target: BicepIdentifier identifier } access
                when Symbol(identifier.Name) is { Kind: BicepStatementKind.Resource, Value: BicepFor loop } statement:
                // parent: policies[i] — the iteration of the policies loop that takes item i, as the reader expands it.
                // A loop whose name or parent refers to its own items (parent: groups[i] in groups) has no identity.
                if (!_indexedInProgress.Add(statement))
                {
                    return null;
                }

                try
                {
                    if (Evaluator.Evaluate(access.Index, locals ?? BicepLocals.Empty) is ArmInteger { Value: var index }
                        && Evaluator.Evaluate(loop.Source, BicepLocals.Empty) is ArmArray source
                        && index >= 0 && index < source.Items.Count)
                    {
                        return ComputeIdentity(statement, Evaluator.BindLoop(loop, BicepLocals.Empty, source.Items[(int)index], (int)index));
                    }

                    return null;
                }
                finally
                {
                    _indexedInProgress.Remove(statement);
                }
            case BicepPropertyAccess { Name: var name } access when name.StartsWith("::", StringComparison.Ordinal):
                var parentStatement = ResourceStatementOf(access.Target);
                if (parentStatement is not null && BodyObject(parentStatement.Value) is { } body)
                {
                    foreach (var child in body.Resources)
                    {
                        if (child.Name?.Name == name.Substring(2))
                        {
                            return Identity(child);
                        }
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>The parent of a child resource type whose <c>parent:</c> cannot be resolved: its name is the expression, unknown.</summary>
    private ResourceIdentity? UnresolvedParent(string childType, BicepExpression parentNode)
    {
        var cut = childType.LastIndexOf('/');
        if (cut <= childType.IndexOf('/'))
        {
            return null;
        }

        var name = ArmValue.Unknown(TextOf(parentNode), Span(parentNode.Start, parentNode.End), "{" + TextOf(parentNode) + "}");
        return new ResourceIdentity(childType.Substring(0, cut), new[] { name }, name, null);
    }

    /// <summary>
    /// For a value read from a resource symbol declared in this file (<c>firewall.properties.ipConfigurations[0]…</c>,
    /// unknown because it is deployment-time): that resource. The unknown's reason is the expression as written, so
    /// its leading identifier names the symbol. Module outputs, parameters and anything else give null.
    /// </summary>
    public ResourceKey? ResourceReadBy(ArmUnknown unknown)
    {
        var text = unknown.Reason;
        var length = 0;
        while (length < text.Length && (char.IsLetterOrDigit(text[length]) || text[length] == '_'))
        {
            length++;
        }

        // Only a member read (symbol.x or symbol[...]) reads from the resource; a bare symbol or other text does not.
        if (length == 0 || length >= text.Length || (text[length] != '.' && text[length] != '[' && text[length] != '?')
            || Symbol(text.Substring(0, length)) is not { Kind: BicepStatementKind.Resource } statement
            || Identity(statement) is not { } identity)
        {
            return null;
        }

        return new ResourceKey(identity.Type, identity.FullNameText);
    }

    private BicepStatement? ResourceStatementOf(BicepExpression expression)
    {
        if (expression is BicepIdentifier identifier && Symbol(identifier.Name) is { Kind: BicepStatementKind.Resource } statement)
        {
            return statement;
        }

        if (expression is BicepPropertyAccess { Name: var name } access && name.StartsWith("::", StringComparison.Ordinal)
            && ResourceStatementOf(access.Target) is { } parent && BodyObject(parent.Value) is { } body)
        {
            foreach (var child in body.Resources)
            {
                if (child.Name?.Name == name.Substring(2))
                {
                    return child;
                }
            }
        }

        return null;
    }

    private ArmValue Cached(string key, Func<ArmValue> compute, Func<ArmValue> onCycle)
    {
        if (_values.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (!_inProgress.Add(key))
        {
            return onCycle();
        }

        try
        {
            var value = compute();
            _values[key] = value;
            return value;
        }
        finally
        {
            _inProgress.Remove(key);
        }
    }

    // The canonical symbols are ARM's, so a name written with the same parameter links (and compares) across languages.
    public static ArmValue UnknownParameter(string name, SourceSpan origin) =>
        ArmValue.Unknown(name, origin, $"{{parameters('{name}')}}");

    private static ArmValue UnknownVariable(string name, SourceSpan origin) =>
        ArmValue.Unknown(name, origin, $"{{variables('{name}')}}");

    int? IArmEvaluationScope.GetCopyIndex(string? loopName) => null;

    IArmEvaluationScope IArmEvaluationScope.WithCopyIndex(string loopName, int index) => this;
}

/// <summary>Type and name segments of a declared resource (what <c>symbol.id</c> and <c>symbol.name</c> give).</summary>
internal sealed class ResourceIdentity
{
    public ResourceIdentity(string type, IReadOnlyList<ArmValue> names, ArmValue shortName, ResourceIdentity? parent)
    {
        Type = type;
        Names = names;
        ShortName = shortName;
        Parent = parent;
    }

    public string Type { get; }

    public IReadOnlyList<ArmValue> Names { get; }

    public ArmValue ShortName { get; }

    public ResourceIdentity? Parent { get; }

    /// <summary>For an <c>existing</c> resource in another resource group: that group (see <see cref="ArmResourceId.OtherResourceGroup"/>).</summary>
    public string? OtherResourceGroup { get; init; }

    /// <summary>Full name as text (unknown segments symbolic), as the ARM reader keys resources.</summary>
    public string FullNameText
    {
        get
        {
            var builder = new StringBuilder();
            foreach (var name in Names)
            {
                if (builder.Length > 0)
                {
                    builder.Append('/');
                }

                builder.Append(ArmNav.NameText(name) ?? string.Empty);
            }

            return builder.ToString();
        }
    }
}

/// <summary>Loop and lambda variables in scope (innermost first).</summary>
internal sealed class BicepLocals
{
    public static readonly BicepLocals Empty = new(string.Empty, ArmValue.Null(SourceSpan.None), null);

    private readonly string _name;
    private readonly ArmValue _value;
    private readonly BicepLocals? _next;

    private BicepLocals(string name, ArmValue value, BicepLocals? next)
    {
        _name = name;
        _value = value;
        _next = next;
    }

    public BicepLocals With(string name, ArmValue value) => new(name, value, this);

    public ArmValue? Get(string name)
    {
        for (var frame = this; frame is not null && !ReferenceEquals(frame, Empty); frame = frame._next)
        {
            if (string.Equals(frame._name, name, StringComparison.Ordinal))
            {
                return frame._value;
            }
        }

        return null;
    }
}

/// <summary>
/// Bicep expressions → <see cref="ArmValue"/>s with the ARM three-valued semantics: operators and functions go through
/// the ARM function implementations, so <c>concat</c>, <c>format</c>, interpolation, <c>union</c>, <c>environment()</c>
/// … give what the compiled template would give, and what cannot be known (<c>resourceGroup().location</c>, a module
/// output, <c>reference()</c>) is unknown with the Bicep text that could not be resolved.
/// </summary>
internal sealed class BicepEvaluator
{
    private const int MaxDepth = 300;
    private const int MaxLoopItems = 800;

    private readonly BicepFileContext _context;
    private int _depth;

    public BicepEvaluator(BicepFileContext context)
    {
        _context = context;
    }

    public ArmValue Evaluate(BicepExpression expression, BicepLocals locals)
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            return ArmValue.Unknown(Shorten(_context.TextOf(expression)) + " (nested too deeply to evaluate)", _context.Span(expression));
        }

        try
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
            return EvaluateCore(expression, locals);
        }
        finally
        {
            _depth--;
        }
    }

    private ArmValue EvaluateCore(BicepExpression expression, BicepLocals locals)
    {
        var origin = _context.Span(expression);
        switch (expression)
        {
            case BicepString text:
                return EvaluateString(text, locals);
            case BicepInteger integer:
                return ArmValue.Integer(integer.Value, origin);
            case BicepBoolean boolean:
                return ArmValue.Bool(boolean.Value, origin);
            case BicepNull:
                return ArmValue.Null(origin);
            case BicepIdentifier identifier:
                return EvaluateIdentifier(identifier, locals);
            case BicepObject obj:
                return EvaluateObject(obj, locals);
            case BicepArray array:
                var items = new List<ArmValue>(array.Items.Count);
                foreach (var item in array.Items)
                {
                    if (item is not BicepSpread spread)
                    {
                        items.Add(Evaluate(item, locals));
                        continue;
                    }

                    // [ ...core, 'x' ]: the spread array's items in place. One whose items are not known leaves the whole
                    // array unknown: how many items it brings, and where the rest stand, is not known either.
                    switch (Evaluate(spread.Value, locals))
                    {
                        case ArmArray spreadArray:
                            items.AddRange(spreadArray.Items);
                            break;
                        case ArmUnknown unknown:
                            return unknown.WithOrigin(origin);
                        default:
                            return Unknown(spread);
                    }
                }

                return ArmValue.Array(items, origin);
            case BicepFor loop:
                return EvaluateFor(loop, locals);
            case BicepIf conditional:
                // Only meaningful as a resource body; as a value it is its body when the condition holds.
                return Evaluate(conditional.Body, locals);
            case BicepPropertyAccess access:
                return EvaluatePropertyAccess(access, locals);
            case BicepIndexAccess index:
                return EvaluateIndexAccess(index, locals);
            case BicepCall call:
                return EvaluateCall(call, locals);
            case BicepUnary unary:
                return EvaluateUnary(unary, locals);
            case BicepBinary binary:
                return EvaluateBinary(binary, locals);
            case BicepTernary ternary:
                return Call("if", ternary, locals, ternary.Condition, ternary.WhenTrue, ternary.WhenFalse);
            default:
                return Unknown(expression);
        }
    }

    private ArmUnknown Unknown(BicepNode node, string? symbol = null)
    {
        var text = Shorten(_context.TextOf(node));
        return new ArmUnknown(text, symbol, _context.Span(node));
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text.Substring(0, 200) + "…";

    private ArmValue EvaluateString(BicepString text, BicepLocals locals)
    {
        if (text.Holes.Count == 0)
        {
            return ArmValue.String(text.Parts[0], _context.Span(text));
        }

        // Bicep compiles interpolation to format('a{0}b', x): the same call gives the same value and symbol here.
        var format = new StringBuilder();
        var arguments = new List<(ArmValue, int, int)>();
        for (var i = 0; i < text.Parts.Count; i++)
        {
            format.Append(text.Parts[i].Replace("{", "{{").Replace("}", "}}"));
            if (i < text.Holes.Count)
            {
                format.Append('{').Append(i).Append('}');
                var hole = text.Holes[i];
                arguments.Add((Evaluate(hole, locals), hole.Start, hole.End));
            }
        }

        arguments.Insert(0, (ArmValue.String(format.ToString(), _context.Span(text)), text.Start, text.Start));
        return ArmFunctionCalls.Invoke("format", arguments, _context.Text, text.Start, text.End, _context);
    }

    private ArmValue EvaluateIdentifier(BicepIdentifier identifier, BicepLocals locals)
    {
        var useSite = _context.Span(identifier);
        if (locals.Get(identifier.Name) is { } local)
        {
            return Relocate(local, useSite);
        }

        var statement = _context.Symbol(identifier.Name);
        switch (statement?.Kind)
        {
            case BicepStatementKind.Parameter:
                return Relocate(_context.GetParameter(identifier.Name), useSite);
            case BicepStatementKind.Variable:
                return Relocate(_context.GetVariable(identifier.Name), useSite);
            case null when _context.Imported(identifier.Name) is { } imported:
                // An exported variable of another file, read there (exports are compile-time constants).
                return Relocate(imported.File.GetVariable(imported.Name), useSite);
            default:
                // Resources and modules as values (their properties are deployment-time), unknown names.
                return Unknown(identifier, "{" + identifier.Name + "}");
        }
    }

    /// <summary>
    /// Unknowns that come from elsewhere (a parameter without a value is unknown at its declaration) are pointed at
    /// where they are used: an unresolved-value finding belongs where the user wrote the reference. Known values keep
    /// their origin (where the user can change them).
    /// </summary>
    public static ArmValue Relocate(ArmValue value, SourceSpan useSite)
    {
        switch (value)
        {
            case ArmUnknown unknown:
                return useSite.Contains(unknown.Origin) ? unknown : unknown.WithOrigin(useSite);
            case ArmArray array:
                List<ArmValue>? items = null;
                for (var i = 0; i < array.Items.Count; i++)
                {
                    var relocated = Relocate(array.Items[i], useSite);
                    if (!ReferenceEquals(relocated, array.Items[i]))
                    {
                        items ??= new List<ArmValue>(array.Items);
                        items[i] = relocated;
                    }
                }

                return items is null ? array : ArmValue.Array(items, array.Origin);
            case ArmObject obj:
                List<ArmProperty>? properties = null;
                for (var i = 0; i < obj.Properties.Count; i++)
                {
                    var property = obj.Properties[i];
                    var relocated = Relocate(property.Value, useSite);
                    if (!ReferenceEquals(relocated, property.Value))
                    {
                        properties ??= new List<ArmProperty>(obj.Properties);
                        properties[i] = new ArmProperty(property.Name, relocated, property.NameSpan);
                    }
                }

                return properties is null ? obj : new ArmObject(properties, obj.Origin);
            default:
                return value;
        }
    }

    private ArmValue EvaluateObject(BicepObject obj, BicepLocals locals)
    {
        if (obj.Spreads.Count == 0)
        {
            var properties = new List<ArmProperty>(obj.Properties.Count);
            foreach (var property in obj.Properties)
            {
                properties.Add(EvaluateProperty(property, locals));
            }

            return new ArmObject(properties, _context.Span(obj));
        }

        // { ...base, b: 2 }: merged in source order, a later property replacing an earlier one of the same name, as the
        // compiled shallowMerge() does.
        var merged = new MergedProperties();
        var next = 0;
        foreach (var spread in obj.Spreads)
        {
            for (; next < obj.Properties.Count && obj.Properties[next].Start < spread.Start; next++)
            {
                merged.Put(EvaluateProperty(obj.Properties[next], locals));
            }

            switch (Evaluate(spread, locals))
            {
                case ArmObject spreadObject:
                    foreach (var property in spreadObject.Properties)
                    {
                        merged.Put(property);
                    }

                    break;
                case ArmUnknown unknown:
                    // Which properties the spread brings is not known, so the object is not either.
                    return unknown.WithOrigin(_context.Span(obj));
            }
        }

        for (; next < obj.Properties.Count; next++)
        {
            merged.Put(EvaluateProperty(obj.Properties[next], locals));
        }

        return merged.ToObject(_context.Span(obj));
    }

    private ArmProperty EvaluateProperty(BicepObjectProperty property, BicepLocals locals)
    {
        var name = property.Name;
        if (property.InterpolatedName is { } interpolated)
        {
            var key = Evaluate(interpolated, locals);
            name = key is ArmString s ? s.Value : ArmNav.NameText(key) ?? string.Empty;
        }

        return new ArmProperty(name, Evaluate(property.Value, locals), _context.Span(property.NameStart, property.NameEnd));
    }

    private ArmValue EvaluateFor(BicepFor loop, BicepLocals locals)
    {
        var source = Evaluate(loop.Source, locals);
        var items = new List<ArmValue>();
        IReadOnlyList<ArmValue>? sourceItems = source switch
        {
            ArmArray array => array.Items,
            _ => null,
        };

        if (sourceItems is null || sourceItems.Count > MaxLoopItems)
        {
            // for over an unknown (or non-array) source: the items are not known, so neither is the array.
            return source is ArmUnknown unknown
                ? new ArmUnknown(unknown.Reason, null, _context.Span(loop))
                : Unknown(loop.Source);
        }

        for (var i = 0; i < sourceItems.Count; i++)
        {
            var inner = BindLoop(loop, locals, sourceItems[i], i);
            if (loop.Body is BicepIf filter)
            {
                var condition = Evaluate(filter.Condition, inner);
                if (ArmNav.AsBool(condition) == false)
                {
                    continue;
                }

                items.Add(Evaluate(filter.Body, inner));
                continue;
            }

            items.Add(Evaluate(loop.Body, inner));
        }

        return ArmValue.Array(items, _context.Span(loop));
    }

    public BicepLocals BindLoop(BicepFor loop, BicepLocals locals, ArmValue item, int? index)
    {
        var inner = locals;
        if (loop.Item is { } itemName)
        {
            inner = inner.With(itemName.Name, item);
        }

        if (loop.Index is { } indexName)
        {
            inner = inner.With(indexName.Name, index is { } i
                ? ArmValue.Integer(i, _context.Span(indexName))
                : ArmValue.Unknown(indexName.Name, _context.Span(indexName)));
        }

        return inner;
    }

    private ArmValue EvaluatePropertyAccess(BicepPropertyAccess access, BicepLocals locals)
    {
        // symbol.id / symbol.name / symbol.type of a resource declared here: known at compile time, as in Bicep.
        if (_context.ResolveResourceReference(access.Target, locals) is { } identity)
        {
            switch (access.Name)
            {
                case "id":
                    return new ArmResourceId(identity.Type, identity.Names, _context.Span(access)) { OtherResourceGroup = identity.OtherResourceGroup };
                case "name":
                    return identity.Names.Count == 1 ? Relocate(identity.ShortName, _context.Span(access)) : JoinNames(identity, access);
                case "type":
                    return ArmValue.String(identity.Type, _context.Span(access));
            }

            return Unknown(access, "{" + _context.TextOf(access) + "}");
        }

        if (access.Name.StartsWith("::", StringComparison.Ordinal))
        {
            return Unknown(access);
        }

        if (access.Target is BicepIdentifier { Name: var ns } && locals.Get(ns) is null && _context.Symbol(ns) is null
            && _context.ImportedNamespace(ns) is { } file)
        {
            // shared.coreFqdns, with import * as shared from 'shared.bicep'.
            return Relocate(file.GetVariable(access.Name), _context.Span(access));
        }

        var target = Evaluate(access.Target, locals);
        switch (target)
        {
            case ArmObject obj:
                return obj[access.Name] ?? (access.Safe ? ArmValue.Null(_context.Span(access)) : Unknown(access));
            case ArmNull when access.Safe:
                return target;
            case ArmUnknown:
                return Unknown(access, "{" + _context.TextOf(access) + "}");
            default:
                return Unknown(access);
        }
    }

    private ArmValue JoinNames(ResourceIdentity identity, BicepNode at)
    {
        var format = new StringBuilder();
        var arguments = new List<(ArmValue, int, int)> { (ArmValue.Null(SourceSpan.None), at.Start, at.Start) };
        for (var i = 0; i < identity.Names.Count; i++)
        {
            format.Append(i == 0 ? "{0}" : "/{" + i + "}");
            arguments.Add((identity.Names[i], at.Start, at.End));
        }

        arguments[0] = (ArmValue.String(format.ToString(), _context.Span(at)), at.Start, at.Start);
        return ArmFunctionCalls.Invoke("format", arguments, _context.Text, at.Start, at.End, _context);
    }

    private ArmValue EvaluateIndexAccess(BicepIndexAccess access, BicepLocals locals)
    {
        var target = Evaluate(access.Target, locals);
        var index = Evaluate(access.Index, locals);
        if (target is ArmUnknown || index is ArmUnknown)
        {
            return Unknown(access, "{" + _context.TextOf(access) + "}");
        }

        switch (target)
        {
            case ArmArray array when index is ArmInteger { Value: var i }:
                return i >= 0 && i < array.Items.Count ? array.Items[(int)i] : Missing(access);
            case ArmObject obj when index is ArmString { Value: var key }:
                return obj[key] ?? Missing(access);
            case ArmNull when access.Safe:
                return target;
            default:
                return Unknown(access);
        }
    }

    private ArmValue Missing(BicepIndexAccess access) => access.Safe ? ArmValue.Null(_context.Span(access)) : Unknown(access);

    private ArmValue EvaluateUnary(BicepUnary unary, BicepLocals locals)
    {
        if (unary.Operator == "-" && unary.Operand is BicepInteger literal)
        {
            return ArmValue.Integer(-literal.Value, _context.Span(unary));
        }

        return unary.Operator == "!"
            ? Call("not", unary, locals, unary.Operand)
            : CallWith("sub", unary, (ArmValue.Integer(0, _context.Span(unary)), unary.Start, unary.Start), Argument(unary.Operand, locals));
    }

    private ArmValue EvaluateBinary(BicepBinary binary, BicepLocals locals)
    {
        switch (binary.Operator)
        {
            case "+": return Call("add", binary, locals, binary.Left, binary.Right);
            case "-": return Call("sub", binary, locals, binary.Left, binary.Right);
            case "*": return Call("mul", binary, locals, binary.Left, binary.Right);
            case "/": return Call("div", binary, locals, binary.Left, binary.Right);
            case "%": return Call("mod", binary, locals, binary.Left, binary.Right);
            case "<": return Call("less", binary, locals, binary.Left, binary.Right);
            case "<=": return Call("lessOrEquals", binary, locals, binary.Left, binary.Right);
            case ">": return Call("greater", binary, locals, binary.Left, binary.Right);
            case ">=": return Call("greaterOrEquals", binary, locals, binary.Left, binary.Right);
            case "&&": return Call("and", binary, locals, binary.Left, binary.Right);
            case "||": return Call("or", binary, locals, binary.Left, binary.Right);
            case "??": return Call("coalesce", binary, locals, binary.Left, binary.Right);
            case "==": return Call("equals", binary, locals, binary.Left, binary.Right);
            case "!=": return Negate(Call("equals", binary, locals, binary.Left, binary.Right));
            case "=~": return EqualsIgnoringCase(binary, locals);
            case "!~": return Negate(EqualsIgnoringCase(binary, locals));
            default: return Unknown(binary);
        }
    }

    private static ArmValue Negate(ArmValue value) => value is ArmBool b ? ArmValue.Bool(!b.Value, b.Origin) : value;

    private ArmValue EqualsIgnoringCase(BicepBinary binary, BicepLocals locals)
    {
        var left = Evaluate(binary.Left, locals);
        var right = Evaluate(binary.Right, locals);
        if (left is ArmString l && right is ArmString r)
        {
            return ArmValue.Bool(string.Equals(l.Value, r.Value, StringComparison.OrdinalIgnoreCase), _context.Span(binary));
        }

        return CallWith("equals", binary, (left, binary.Left.Start, binary.Left.End), (right, binary.Right.Start, binary.Right.End));
    }

    private (ArmValue, int, int) Argument(BicepExpression expression, BicepLocals locals) => (Evaluate(expression, locals), expression.Start, expression.End);

    private ArmValue Call(string name, BicepNode at, BicepLocals locals, params BicepExpression[] arguments)
    {
        var values = new (ArmValue, int, int)[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            values[i] = Argument(arguments[i], locals);
        }

        return CallWith(name, at, values);
    }

    private ArmValue CallWith(string name, BicepNode at, params (ArmValue, int, int)[] arguments) =>
        ArmFunctionCalls.Invoke(name, arguments, _context.Text, at.Start, at.End, _context);

    private ArmValue EvaluateCall(BicepCall call, BicepLocals locals)
    {
        // A function another file exports: imported by name, or through a namespace (shared.hcp(region)).
        var importedFunction = call.Target switch
        {
            null when _context.Symbol(call.Name) is null => _context.Imported(call.Name),
            BicepIdentifier { Name: var ns } when locals.Get(ns) is null && _context.Symbol(ns) is null && _context.ImportedNamespace(ns) is { } file => (file, call.Name),
            _ => null,
        };
        if (importedFunction is { } imported && imported.File.Symbol(imported.Name) is { Kind: BicepStatementKind.Function, Value: BicepLambda exported })
        {
            var arguments = call.Arguments.Select(a => Evaluate(a, locals)).ToList();
            return Relocate(imported.File.Evaluator.Apply(exported, arguments, call), _context.Span(call));
        }

        if (call.Target is not null && call.Namespace is null)
        {
            // symbol.listKeys(), keyVault.getSecret(…), module or resource methods: deployment-time values.
            return Unknown(call, "{" + _context.TextOf(call) + "}");
        }

        switch (call.Name)
        {
            case "any":
                return call.Arguments.Count == 1 ? Evaluate(call.Arguments[0], locals) : Unknown(call);
            case "filter":
            case "map":
                return FilterOrMap(call, locals);
            case "flatten":
                return Flatten(call, locals);
            case "parameters":
            case "variables":
            case "copyIndex":
            case "reference":
                // ARM-only (or deployment-time) functions are not evaluated from Bicep.
                return Unknown(call, "{" + _context.TextOf(call) + "}");
        }

        if (_context.Symbol(call.Name) is { Kind: BicepStatementKind.Function, Value: BicepLambda function } && call.Namespace is null)
        {
            var arguments = call.Arguments.Select(a => Evaluate(a, locals)).ToList();
            return Relocate(Apply(function, arguments, call), _context.Span(call));
        }

        var values = new (ArmValue, int, int)[call.Arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Argument(call.Arguments[i], locals);
        }

        return ArmFunctionCalls.Invoke(call.Name, values, _context.Text, call.Start, call.End, _context);
    }

    /// <summary>A user-defined function of this file applied to <paramref name="arguments"/> (a missing one is unknown).</summary>
    public ArmValue Apply(BicepLambda function, IReadOnlyList<ArmValue> arguments, BicepNode callSite)
    {
        var inner = BicepLocals.Empty;
        for (var i = 0; i < function.Parameters.Count; i++)
        {
            inner = inner.With(function.Parameters[i].Name, i < arguments.Count ? arguments[i] : ArmValue.Unknown(function.Parameters[i].Name, _context.Span(function), null));
        }

        return Evaluate(function.Body, inner);
    }

    private ArmValue FilterOrMap(BicepCall call, BicepLocals locals)
    {
        if (call.Arguments.Count != 2 || call.Arguments[1] is not BicepLambda { Parameters.Count: >= 1 and <= 2 } lambda)
        {
            return Unknown(call);
        }

        var source = Evaluate(call.Arguments[0], locals);
        if (source is ArmUnknown unknown)
        {
            return new ArmUnknown(unknown.Reason, null, _context.Span(call));
        }

        if (source is not ArmArray array)
        {
            return Unknown(call);
        }

        var result = new List<ArmValue>();
        for (var i = 0; i < array.Items.Count; i++)
        {
            var inner = locals.With(lambda.Parameters[0].Name, array.Items[i]);
            if (lambda.Parameters.Count == 2)
            {
                inner = inner.With(lambda.Parameters[1].Name, ArmValue.Integer(i, _context.Span(lambda.Parameters[1])));
            }

            var value = Evaluate(lambda.Body, inner);
            if (call.Name == "map")
            {
                result.Add(value);
            }
            else if (value is ArmBool { Value: true })
            {
                result.Add(array.Items[i]);
            }
            else if (value is not ArmBool)
            {
                return value is ArmUnknown cause ? new ArmUnknown(cause.Reason, null, _context.Span(call)) : Unknown(call);
            }
        }

        return ArmValue.Array(result, _context.Span(call));
    }

    private ArmValue Flatten(BicepCall call, BicepLocals locals)
    {
        if (call.Arguments.Count != 1)
        {
            return Unknown(call);
        }

        var source = Evaluate(call.Arguments[0], locals);
        if (source is not ArmArray array)
        {
            return source is ArmUnknown unknown ? new ArmUnknown(unknown.Reason, null, _context.Span(call)) : Unknown(call);
        }

        var result = new List<ArmValue>();
        foreach (var item in array.Items)
        {
            switch (item)
            {
                case ArmArray inner:
                    result.AddRange(inner.Items);
                    break;
                case ArmUnknown unknownItem:
                    return new ArmUnknown(unknownItem.Reason, null, _context.Span(call));
                default:
                    return Unknown(call);
            }
        }

        return ArmValue.Array(result, _context.Span(call));
    }
}
