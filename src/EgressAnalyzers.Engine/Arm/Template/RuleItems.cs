using System.Collections.Generic;
using EgressAnalyzers.Engine.Arm.Expressions;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Template;

/// <summary>
/// The items of a rule list as the rule mapper reads them. Items of a long JSON rule list in a resource's
/// properties are read member by member from their JSON (<see cref="RuleItem"/>); any other list is its evaluated
/// values.
/// </summary>
internal readonly struct RuleList
{
    // Room for the levels a literal member is read through (member, list item, protocol object, its member):
    // the evaluator would make a value that deep unknown, so such items are evaluated instead.
    private const int LiteralLevels = 8;

    private readonly IReadOnlyList<ArmValue> _items;
    private readonly DeferredJsonItems? _json;

    private RuleList(IReadOnlyList<ArmValue> items, DeferredJsonItems? json)
    {
        _items = items;
        _json = json;
    }

    public int Count => _items.Count;

    public RuleItem this[int index]
    {
        get
        {
            // An object with a copy loop has other members than its JSON: only the evaluator knows them.
            if (_json is not null
                && _json.Array.Items[index] is JsonObject item
                && !ArmExpressionEvaluator.HasPropertyCopy(item))
            {
                // The evaluator reads the item's members one level below the item.
                return RuleItem.FromJson(item, _json.Scope, _json.Depth + 1);
            }

            return RuleItem.FromValue(_items[index]);
        }
    }

    /// <summary>The items of an evaluated list, as <see cref="ArmNav.Items"/> gives them.</summary>
    public static RuleList Of(ArmValue? list)
    {
        var items = ArmNav.Items(list);
        var json = items is DeferredJsonItems
        {
            ItemsReadAlone: true,
            Scope: TemplateScope { Context.File.MapsLiteralsDirectly: true },
        } deferred && deferred.Depth + LiteralLevels < ArmExpressionEvaluator.MaxEvaluationDepth
            ? deferred
            : null;
        return new RuleList(items, json);
    }
}

/// <summary>
/// One rule (or rule collection item): either its evaluated value, or a JSON object whose members are read on demand
/// — literal ones straight into model values, the others through the evaluator, each exactly as it reads inside the
/// evaluated object (same evaluation depth, unknowns pointed at the member). Both give the same model.
/// </summary>
internal readonly struct RuleItem
{
    private readonly ArmValue? _value;
    private readonly JsonObject? _json;
    private readonly IArmEvaluationScope? _scope;
    private readonly int _memberDepth;

    private RuleItem(ArmValue? value, JsonObject? json, IArmEvaluationScope? scope, int memberDepth)
    {
        _value = value;
        _json = json;
        _scope = scope;
        _memberDepth = memberDepth;
    }

    /// <summary>Where the item is written.</summary>
    public SourceSpan Origin => _json is null ? _value!.Origin : new SourceSpan(_scope!.FilePath, _json.Start, _json.Length);

    /// <summary>True when the item is an object (a JSON-backed item always is).</summary>
    public bool IsObject => _json is not null || _value is ArmObject;

    /// <summary>The evaluated item; only for items that are not objects (placeholders for unknowns).</summary>
    public ArmValue Value => _value ?? throw new System.InvalidOperationException("a JSON-backed item is an object");

    public static RuleItem FromValue(ArmValue value) => new(value, null, null, 0);

    public static RuleItem FromJson(JsonObject json, IArmEvaluationScope scope, int memberDepth) => new(null, json, scope, memberDepth);

    /// <summary>True when the object has a member <paramref name="name"/> (case-insensitive).</summary>
    public bool Has(string name) => _json is null ? ArmNav.Get(_value, name) is not null : _json[name] is not null;

    /// <summary>The member evaluated, as <see cref="ArmNav.Get"/> on the evaluated item gives it.</summary>
    public ArmValue? Get(string name)
    {
        if (_json is null)
        {
            return ArmNav.Get(_value, name);
        }

        return _json[name] is { } member ? Evaluate(member) : null;
    }

    public IReadOnlyList<ModelValue> ModelValues(string name)
    {
        if (_json is null)
        {
            return ArmNav.ToModelValues(ArmNav.Get(_value, name));
        }

        if (_json[name] is not { } member)
        {
            return ArmNav.ToModelValues(null);
        }

        return LiteralJson.TryModelValues(member, _scope!.FilePath, out var values) ? values : ArmNav.ToModelValues(Evaluate(member));
    }

    public ModelValue? ModelValue(string name)
    {
        if (_json is null)
        {
            return ArmNav.ToModelValue(ArmNav.Get(_value, name));
        }

        if (_json[name] is not { } member)
        {
            return null;
        }

        return LiteralJson.TryModelValue(member, _scope!.FilePath, out var value) ? value : ArmNav.ToModelValue(Evaluate(member));
    }

    public string? NameText(string name)
    {
        if (_json is null)
        {
            return ArmNav.NameText(ArmNav.Get(_value, name));
        }

        if (_json[name] is not { } member)
        {
            return null;
        }

        return LiteralJson.TryNameText(member, out var text) ? text : ArmNav.NameText(Evaluate(member));
    }

    public string? AsString(string name)
    {
        if (_json is null)
        {
            return ArmNav.AsString(ArmNav.Get(_value, name));
        }

        if (_json[name] is not { } member)
        {
            return null;
        }

        return LiteralJson.TryString(member, out var text) ? text : ArmNav.AsString(Evaluate(member));
    }

    /// <summary>The member's protocols as an application rule reads them; null when the evaluated value must be read.</summary>
    public ApplicationProtocol[]? LiteralApplicationProtocols(string name) =>
        _json?[name] is { } member && LiteralJson.TryApplicationProtocols(member, _scope!.FilePath, out var protocols)
            ? protocols
            : null;

    // A member as it reads inside the evaluated item: one level below the item, its unknowns pointed at the member.
    private ArmValue Evaluate(JsonNode member) => ArmEvaluation.EvaluateNodeAtDepth(member, _scope!, _memberDepth);
}
