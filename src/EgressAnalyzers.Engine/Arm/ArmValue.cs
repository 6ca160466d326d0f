using System;
using System.Collections.Generic;
using System.Globalization;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm;

public enum ArmValueKind
{
    Null,
    Bool,
    Integer,
    String,
    Array,
    Object,

    /// <summary>A <c>resourceId(...)</c> result: never a known string, but it links resources by type and name.</summary>
    ResourceId,

    /// <summary>Not resolvable statically (<c>reference()</c>, <c>resourceGroup().location</c>, a parameter with no value, …).</summary>
    Unknown,
}

/// <summary>
/// The value of an ARM template-language expression or JSON node, with the place it came from.
/// Unknown is a value like any other and propagates through every function: that is how an unresolvable value
/// ends as "unknown" instead of "missing".
/// </summary>
public abstract class ArmValue
{
    protected ArmValue(SourceSpan origin)
    {
        Origin = origin;
    }

    public abstract ArmValueKind Kind { get; }

    /// <summary>Where this value is written: the JSON literal, or the expression string that computed it.</summary>
    public SourceSpan Origin { get; }

    public bool IsUnknown => Kind == ArmValueKind.Unknown;

    public static ArmValue Null(SourceSpan origin) => new ArmNull(origin);

    public static ArmValue Bool(bool value, SourceSpan origin) => new ArmBool(value, origin);

    public static ArmValue Integer(long value, SourceSpan origin) => new ArmInteger(value, origin);

    public static ArmValue String(string value, SourceSpan origin) => new ArmString(value, origin);

    public static ArmValue Array(IReadOnlyList<ArmValue> items, SourceSpan origin) => new ArmArray(items, origin);

    public static ArmValue Unknown(string reason, SourceSpan origin, string? symbol = null) => new ArmUnknown(reason, symbol, origin);

    /// <summary>Same value, new origin (used when a value is referenced from elsewhere but should point at its use).</summary>
    public abstract ArmValue WithOrigin(SourceSpan origin);

    /// <summary>Renders known scalars as ARM's <c>string()</c> does; null for arrays, objects and unknowns.</summary>
    public virtual string? AsString() => null;

    /// <summary>
    /// True when this value is unknown or an array/object with an unknown somewhere inside. Lets the reader skip
    /// whole known subtrees when it re-points unknowns at their use site (most of a template is known).
    /// </summary>
    internal virtual bool ContainsUnknown => false;
}

public sealed class ArmNull : ArmValue
{
    public ArmNull(SourceSpan origin)
        : base(origin)
    {
    }

    public override ArmValueKind Kind => ArmValueKind.Null;

    public override ArmValue WithOrigin(SourceSpan origin) => new ArmNull(origin);

    public override string? AsString() => string.Empty;
}

public sealed class ArmBool : ArmValue
{
    public ArmBool(bool value, SourceSpan origin)
        : base(origin)
    {
        Value = value;
    }

    public bool Value { get; }

    public override ArmValueKind Kind => ArmValueKind.Bool;

    public override ArmValue WithOrigin(SourceSpan origin) => new ArmBool(Value, origin);

    public override string AsString() => Value ? "True" : "False";
}

public sealed class ArmInteger : ArmValue
{
    public ArmInteger(long value, SourceSpan origin)
        : base(origin)
    {
        Value = value;
    }

    public long Value { get; }

    public override ArmValueKind Kind => ArmValueKind.Integer;

    public override ArmValue WithOrigin(SourceSpan origin) => new ArmInteger(Value, origin);

    public override string AsString() => Text(Value);

    /// <summary>An integer's text as <c>string()</c> renders it (what <see cref="AsString"/> returns).</summary>
    internal static string Text(long value) =>
        value >= 0 && value < SmallIntegerTexts.Length
            ? SmallIntegerTexts[value] ??= value.ToString(CultureInfo.InvariantCulture)
            : value.ToString(CultureInfo.InvariantCulture);

    // Ports and priorities repeat across thousands of rules; their text is made once (a benign race makes it twice).
    private static readonly string?[] SmallIntegerTexts = new string?[10000];
}

public sealed class ArmString : ArmValue
{
    public ArmString(string value, SourceSpan origin)
        : base(origin)
    {
        Value = value;
    }

    public string Value { get; }

    public override ArmValueKind Kind => ArmValueKind.String;

    public override ArmValue WithOrigin(SourceSpan origin) => new ArmString(Value, origin);

    public override string AsString() => Value;
}

public sealed class ArmArray : ArmValue
{
    private readonly bool _containsUnknown;

    public ArmArray(IReadOnlyList<ArmValue> items, SourceSpan origin)
        : base(origin)
    {
        Items = items;

        // Deferred items are not looked at before they are read: they may hold an unknown.
        _containsUnknown = items is DeferredArmItems;
        for (var i = 0; !_containsUnknown && i < items.Count; i++)
        {
            _containsUnknown = items[i].ContainsUnknown;
        }
    }

    private ArmArray(IReadOnlyList<ArmValue> items, bool containsUnknown, SourceSpan origin)
        : base(origin)
    {
        Items = items;
        _containsUnknown = containsUnknown;
    }

    public IReadOnlyList<ArmValue> Items { get; }

    internal override bool ContainsUnknown => _containsUnknown;

    public override ArmValueKind Kind => ArmValueKind.Array;

    public override ArmValue WithOrigin(SourceSpan origin) => new ArmArray(Items, _containsUnknown, origin);
}

/// <summary>An object; property names compare case-insensitively, as ARM does; order is kept.</summary>
public sealed class ArmObject : ArmValue, Json.INamedMembers
{
    private readonly bool _containsUnknown;

    // An object evaluated straight from a JSON object keeps the JSON members (names and name spans) beside the
    // values, and makes its ArmProperty list only when someone asks for it: readers mostly look names up.
    private readonly Json.JsonObject? _members;
    private readonly ArmValue[]? _values;
    private readonly string? _filePath;

    private IReadOnlyList<ArmProperty>? _properties;
    private Dictionary<string, int>? _index;

    public ArmObject(IReadOnlyList<ArmProperty> properties, SourceSpan origin)
        : base(origin)
    {
        _properties = properties;
        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i].Value.ContainsUnknown)
            {
                _containsUnknown = true;
                break;
            }
        }
    }

    /// <summary>The object of the JSON object <paramref name="members"/> whose member values evaluated to <paramref name="values"/> (same order).</summary>
    internal ArmObject(Json.JsonObject members, ArmValue[] values, string filePath, SourceSpan origin)
        : base(origin)
    {
        _members = members;
        _values = values;
        _filePath = filePath;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].ContainsUnknown)
            {
                _containsUnknown = true;
                break;
            }
        }
    }

    private ArmObject(ArmObject source, SourceSpan origin)
        : base(origin)
    {
        _properties = source._properties;
        _members = source._members;
        _values = source._values;
        _filePath = source._filePath;
        _containsUnknown = source._containsUnknown;
        _index = source._index;
    }

    public IReadOnlyList<ArmProperty> Properties => _properties ??= MakeProperties();

    public override ArmValueKind Kind => ArmValueKind.Object;

    internal override bool ContainsUnknown => _containsUnknown;

    public ArmValue? this[string name] => IndexOf(name) is var i && i >= 0 ? ValueAt(i) : null;

    public ArmProperty? GetProperty(string name) => IndexOf(name) is var i && i >= 0 ? Properties[i] : null;

    public override ArmValue WithOrigin(SourceSpan origin) => new ArmObject(this, origin);

    private int Count => _values?.Length ?? _properties!.Count;

    private string NameAt(int i) => _members is not null ? _members.NameAt(i) : _properties![i].Name;

    private ArmValue ValueAt(int i) => _values is not null ? _values[i] : _properties![i].Value;

    private ArmProperty[] MakeProperties()
    {
        var properties = new ArmProperty[_values!.Length];
        for (var i = 0; i < properties.Length; i++)
        {
            var members = _members!;
            properties[i] = new ArmProperty(members.NameAt(i), _values[i], new SourceSpan(_filePath!, members.NameStartAt(i), members.NameLengthAt(i)));
        }

        return properties;
    }

    /// <summary>Position of the property named <paramref name="name"/> (case-insensitive; the last duplicate wins).</summary>
    private int IndexOf(string name) => Json.NamedMembers.IndexOf(this, name, ref _index);

    int Json.INamedMembers.MemberCount => Count;

    string Json.INamedMembers.MemberNameAt(int index) => NameAt(index);
}

/// <summary>
/// Items of an array that are evaluated each time they are read instead of once up front. The template reader uses
/// them for long arrays in resource properties (rule lists): each rule's values then live only while it is mapped,
/// instead of the whole evaluated list living as long as the resource is read.
/// </summary>
internal abstract class DeferredArmItems : IReadOnlyList<ArmValue>
{
    public abstract int Count { get; }

    public abstract ArmValue this[int index] { get; }

    /// <summary>The same items, each passed through <paramref name="step"/> (value, index) after it is evaluated.</summary>
    public abstract DeferredArmItems Then(Func<ArmValue, int, ArmValue> step);

    public IEnumerator<ArmValue> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

public sealed class ArmProperty
{
    public ArmProperty(string name, ArmValue value, SourceSpan nameSpan)
    {
        Name = name;
        Value = value;
        NameSpan = nameSpan;
    }

    public string Name { get; }

    public ArmValue Value { get; }

    public SourceSpan NameSpan { get; }
}

/// <summary>
/// Properties kept in first-seen order, a later one replacing an earlier one of the same name (in any case, as ARM
/// compares names): how <c>union()</c> and <c>shallowMerge()</c> merge objects, and Bicep's object spread.
/// </summary>
internal sealed class MergedProperties
{
    private readonly List<ArmProperty> _properties = new();
    private readonly Dictionary<string, int> _positions = new(StringComparer.OrdinalIgnoreCase);

    public ArmProperty? Get(string name) => _positions.TryGetValue(name, out var at) ? _properties[at] : null;

    public void Put(ArmProperty property)
    {
        if (_positions.TryGetValue(property.Name, out var at))
        {
            _properties[at] = property;
        }
        else
        {
            _positions[property.Name] = _properties.Count;
            _properties.Add(property);
        }
    }

    public ArmObject ToObject(SourceSpan origin) => new(_properties, origin);
}

/// <summary>
/// <c>resourceId(type, name1, name2…)</c> (also <c>extensionResourceId</c>, <c>subscriptionResourceId</c>, and
/// a literal <c>/subscriptions/…/providers/…</c> string): names may be unknown.
/// </summary>
public sealed class ArmResourceId : ArmValue
{
    public ArmResourceId(string resourceType, IReadOnlyList<ArmValue> names, SourceSpan origin)
        : base(origin)
    {
        ResourceType = resourceType;
        Names = names;
    }

    /// <summary>Full type, e.g. <c>Microsoft.Network/firewallPolicies/ruleCollectionGroups</c>.</summary>
    public string ResourceType { get; }

    public IReadOnlyList<ArmValue> Names { get; }

    /// <summary>
    /// The resource group the ID names explicitly (<c>resourceId('rg-security', type, name)</c>, a Bicep <c>existing</c>
    /// resource with <c>scope: resourceGroup('rg-security')</c>) when it may not be the deployment's own; null for the
    /// deployment's resource group. Such an ID is not linked to a resource the inputs declare under the same name: the
    /// inputs' resources are in the deployment's group, whose name is not known.
    /// </summary>
    public string? OtherResourceGroup { get; init; }

    public override ArmValueKind Kind => ArmValueKind.ResourceId;

    public override ArmValue WithOrigin(SourceSpan origin) => new ArmResourceId(ResourceType, Names, origin) { OtherResourceGroup = OtherResourceGroup };
}

public sealed class ArmUnknown : ArmValue
{
    public ArmUnknown(string reason, string? symbol, SourceSpan origin)
        : base(origin)
    {
        Reason = reason;
        Symbol = symbol;
    }

    /// <summary>The expression (or part) that could not be resolved, as the user wrote it: shown in EGR1006.</summary>
    public string Reason { get; }

    /// <summary>
    /// A canonical text for string-valued unknowns built by string functions (e.g. <c>{parameters('p')}/rcg</c>), so
    /// that resource names written with the same unresolved parameter still link. Null when not a string.
    /// </summary>
    public string? Symbol { get; }

    public override ArmValueKind Kind => ArmValueKind.Unknown;

    internal override bool ContainsUnknown => true;

    public override ArmValue WithOrigin(SourceSpan origin) => new ArmUnknown(Reason, Symbol, origin);
}
