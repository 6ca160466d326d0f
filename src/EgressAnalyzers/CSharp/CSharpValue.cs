using System;
using System.Collections.Generic;
using System.Linq;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;
using Microsoft.CodeAnalysis;

namespace EgressAnalyzers.CSharp;

/// <summary>
/// What a C# expression of infrastructure code evaluates to, as far as the compiler can tell without running it:
/// a known scalar, an unknown value (with the text the user wrote), a list, or an object built with an initializer.
/// The C# counterpart of the ARM reader's evaluated values; readers map it into the engine model.
/// </summary>
internal abstract class CSharpValue
{
    protected CSharpValue(SyntaxNode syntax)
    {
        Syntax = syntax;
    }

    /// <summary>Where the value is written (for an object: its <c>new …Args { … }</c>).</summary>
    public SyntaxNode Syntax { get; }

    public SourceSpan Span => SpanOf(Syntax);

    public static SourceSpan SpanOf(SyntaxNode node) => new(node.SyntaxTree.FilePath, node.Span.Start, node.Span.Length);

    /// <summary>The user's expression, shortened for messages.</summary>
    private static readonly char[] LineBreaks = { '\r', '\n' };

    public static string TextOf(SyntaxNode node)
    {
        var text = string.Join(" ", node.ToString().Split(LineBreaks, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));

        // A node the parser made up for code being typed (`{ , x }`) has no text; messages still need to name something.
        if (text.Length == 0)
        {
            return "(code not written yet)";
        }

        return text.Length <= 80 ? text : text.Substring(0, 77) + "...";
    }
}

/// <summary>A compile-time known string, number, boolean or enum member (as its wire text).</summary>
internal sealed class CSharpScalar : CSharpValue
{
    public CSharpScalar(string text, SyntaxNode syntax)
        : base(syntax)
    {
        Text = text;
    }

    public string Text { get; }
}

/// <summary>A value known only at deployment time (<c>Output&lt;T&gt;</c>, method results, parameters, …).</summary>
internal sealed class CSharpUnknown : CSharpValue
{
    public CSharpUnknown(string expression, SyntaxNode syntax, string? shape = null)
        : base(syntax)
    {
        Expression = expression;
        Shape = shape;
    }

    public string Expression { get; }

    /// <summary>Known text with <c>{expr}</c> holes, when the value is an interpolation or concatenation.</summary>
    public string? Shape { get; }

    public static CSharpUnknown Of(SyntaxNode syntax) => new(TextOf(syntax), syntax);
}

/// <summary>An array, list or collection initializer.</summary>
internal sealed class CSharpList : CSharpValue
{
    public CSharpList(IReadOnlyList<CSharpValue> items, SyntaxNode syntax)
        : base(syntax)
    {
        Items = items;
    }

    public IReadOnlyList<CSharpValue> Items { get; }
}

/// <summary>
/// An object creation with its initializer (<c>new XArgs { P = … }</c>), a dictionary (<c>{ ["k"] = v }</c>, keys as
/// property names), or a resource creation (<c>new AzureFirewall("name", args)</c>, with its constructor arguments).
/// Later assignments and <c>.Add(…)</c> calls on the same local are merged in.
/// </summary>
internal sealed class CSharpObject : CSharpValue
{
    public CSharpObject(ITypeSymbol? type, SyntaxNode syntax, Dictionary<string, CSharpValue> properties, IReadOnlyList<CSharpValue?> constructorArguments)
        : base(syntax)
    {
        Type = type;
        Properties = properties;
        ConstructorArguments = constructorArguments;
    }

    public ITypeSymbol? Type { get; }

    /// <summary>Property name (or dictionary key) → value; compared case-insensitively (SDKs spell <c>IPProtocols</c>/<c>IpProtocols</c>).</summary>
    public Dictionary<string, CSharpValue> Properties { get; }

    public IReadOnlyList<CSharpValue?> ConstructorArguments { get; }

    public CSharpValue? Get(params string[] names)
    {
        foreach (var name in names)
        {
            if (Properties.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return null;
    }

    public CSharpObject Clone() =>
        new(Type, Syntax, new Dictionary<string, CSharpValue>(Properties, StringComparer.OrdinalIgnoreCase), ConstructorArguments);
}

/// <summary>Mapping helpers from C# values to engine model values.</summary>
internal static class CSharpValueExtensions
{
    /// <summary>A list's items; a single value stands for a one-element list (<c>Rules = new XArgs()</c> compiles through InputList's operator).</summary>
    public static IReadOnlyList<CSharpValue> Items(this CSharpValue? value) => value switch
    {
        null => Array.Empty<CSharpValue>(),
        CSharpList list => list.Items,
        _ => new[] { value },
    };

    public static ModelValue? ToModel(this CSharpValue? value) => value switch
    {
        null => null,
        CSharpScalar scalar => ModelValue.Known(scalar.Text, scalar.Span),
        CSharpUnknown unknown => ModelValue.Unknown(unknown.Expression, unknown.Span, unknown.Shape),
        _ => ModelValue.Unknown(CSharpValue.TextOf(value.Syntax), value.Span),
    };

    public static IReadOnlyList<ModelValue> ToModels(this CSharpValue? value) =>
        value.Items().Select(v => v.ToModel()!).ToList();

    public static string? AsText(this CSharpValue? value) => (value as CSharpScalar)?.Text;

    public static int? AsInt(this CSharpValue? value) =>
        int.TryParse(value.AsText(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;

    public static Fact ToFact(this CSharpValue? value) => value switch
    {
        CSharpScalar scalar when string.Equals(scalar.Text, "true", StringComparison.OrdinalIgnoreCase) => Fact.Yes(scalar.Span),
        CSharpUnknown unknown => Fact.Unknown(unknown.Expression, unknown.Span),
        CSharpObject or CSharpList => Fact.Unknown(CSharpValue.TextOf(value.Syntax), value.Span),
        _ => Fact.No,
    };
}
