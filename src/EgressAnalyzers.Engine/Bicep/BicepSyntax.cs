using System;
using System.Collections.Generic;

namespace EgressAnalyzers.Engine.Bicep;

/// <summary>A node of a Bicep file; offsets are UTF-16 offsets into the file's text (the same as Roslyn's).</summary>
public abstract class BicepNode
{
    protected BicepNode(int start, int end)
    {
        Start = start;
        End = end;
    }

    public int Start { get; }

    public int End { get; }

    public int Length => End - Start;
}

/// <summary>A whole file: its statements, its <c>#disable-next-line</c> directives and its syntax errors.</summary>
public sealed class BicepFile
{
    public BicepFile(string text, IReadOnlyList<BicepStatement> statements, IReadOnlyList<BicepDirective> directives, IReadOnlyList<BicepSyntaxError> errors)
    {
        Text = text;
        Statements = statements;
        Directives = directives;
        Errors = errors;
    }

    public string Text { get; }

    public IReadOnlyList<BicepStatement> Statements { get; }

    public IReadOnlyList<BicepDirective> Directives { get; }

    public IReadOnlyList<BicepSyntaxError> Errors { get; }
}

public sealed class BicepSyntaxError
{
    public BicepSyntaxError(int start, int length, string message)
    {
        Start = start;
        Length = length;
        Message = message;
    }

    public int Start { get; }

    public int Length { get; }

    public string Message { get; }

    public override string ToString() => $"{Start}+{Length}: {Message}";
}

/// <summary><c>#disable-next-line code1 code2 // justification</c>.</summary>
public sealed class BicepDirective
{
    public BicepDirective(int start, int end, IReadOnlyList<string> codes, string justification)
    {
        Start = start;
        End = end;
        Codes = codes;
        Justification = justification;
    }

    public int Start { get; }

    public int End { get; }

    public IReadOnlyList<string> Codes { get; }

    /// <summary>The comment after the codes (empty when there is none).</summary>
    public string Justification { get; }
}

// ---------------------------------------------------------------- statements

public enum BicepStatementKind
{
    Parameter,
    Variable,
    Resource,
    Module,
    Output,
    Type,
    Function,
    Import,
    Metadata,
    TargetScope,
    Extension,
    Using,

    /// <summary>Text that could not be parsed as a statement (kept so the rest of the file still reads).</summary>
    Error,
}

public sealed class BicepStatement : BicepNode
{
    public BicepStatement(
        BicepStatementKind kind,
        IReadOnlyList<BicepCall> decorators,
        BicepIdentifier? name,
        BicepExpression? typeOrPath,
        BicepExpression? value,
        bool existing,
        int start,
        int end)
        : base(start, end)
    {
        Kind = kind;
        Decorators = decorators;
        Name = name;
        TypeOrPath = typeOrPath;
        Value = value;
        Existing = existing;
    }

    public BicepStatementKind Kind { get; }

    /// <summary>
    /// A compile-time import's names: <c>import { coreFqdns, hcp as apiServer } from 'shared.bicep'</c> gives
    /// (coreFqdns, coreFqdns), (hcp, apiServer); <c>import * as shared from …</c> gives (*, shared). Empty otherwise.
    /// </summary>
    public IReadOnlyList<(string Exported, string Local)> Imports { get; init; } = System.Array.Empty<(string, string)>();

    public IReadOnlyList<BicepCall> Decorators { get; }

    /// <summary>The declared symbol (null for targetScope, import, using and errors).</summary>
    public BicepIdentifier? Name { get; }

    /// <summary>Resource type string, module path string, the type of a param/output/type, import/using path.</summary>
    public BicepExpression? TypeOrPath { get; }

    /// <summary>Default value, variable value, resource/module body (object, <c>if</c> body or <c>for</c>), output value.</summary>
    public BicepExpression? Value { get; }

    /// <summary><c>resource x '…' existing = …</c>.</summary>
    public bool Existing { get; }

    /// <summary>Where the statement's first decorator (or keyword) begins: what <c>#disable-next-line</c> above it covers.</summary>
    public int LeadStart => Decorators.Count > 0 ? Decorators[0].Start : Start;

    /// <summary>A decorator by name (<c>batchSize</c>, <c>description</c>, <c>sys.description</c> …), or null.</summary>
    public BicepCall? Decorator(string name)
    {
        foreach (var decorator in Decorators)
        {
            if (string.Equals(decorator.Name, name, StringComparison.Ordinal))
            {
                return decorator;
            }
        }

        return null;
    }
}

// ---------------------------------------------------------------- expressions

public abstract class BicepExpression : BicepNode
{
    protected BicepExpression(int start, int end)
        : base(start, end)
    {
    }
}

public sealed class BicepIdentifier : BicepExpression
{
    public BicepIdentifier(string name, int start, int end)
        : base(start, end)
    {
        Name = name;
    }

    public string Name { get; }
}

/// <summary>A string, possibly interpolated: <c>Parts.Count == Holes.Count + 1</c>.</summary>
public sealed class BicepString : BicepExpression
{
    public BicepString(IReadOnlyList<string> parts, IReadOnlyList<BicepExpression> holes, bool multiline, int start, int end)
        : base(start, end)
    {
        Parts = parts;
        Holes = holes;
        Multiline = multiline;
    }

    public IReadOnlyList<string> Parts { get; }

    public IReadOnlyList<BicepExpression> Holes { get; }

    public bool Multiline { get; }

    /// <summary>The value when there is no interpolation; null otherwise.</summary>
    public string? Literal => Holes.Count == 0 ? Parts[0] : null;
}

public sealed class BicepInteger : BicepExpression
{
    public BicepInteger(long value, int start, int end)
        : base(start, end)
    {
        Value = value;
    }

    public long Value { get; }
}

public sealed class BicepBoolean : BicepExpression
{
    public BicepBoolean(bool value, int start, int end)
        : base(start, end)
    {
        Value = value;
    }

    public bool Value { get; }
}

public sealed class BicepNull : BicepExpression
{
    public BicepNull(int start, int end)
        : base(start, end)
    {
    }
}

public sealed class BicepObjectProperty : BicepNode
{
    public BicepObjectProperty(string name, int nameStart, int nameEnd, BicepExpression value, IReadOnlyList<BicepCall> decorators, BicepString? interpolatedName = null)
        : base(nameStart, value.End)
    {
        Name = name;
        InterpolatedName = interpolatedName;
        NameStart = nameStart;
        NameEnd = nameEnd;
        Value = value;
        Decorators = decorators;
    }

    /// <summary>The key; empty when it is interpolated (<c>'${id}': {}</c>).</summary>
    public string Name { get; }

    /// <summary>An interpolated key, evaluated like any string.</summary>
    public BicepString? InterpolatedName { get; }

    public int NameStart { get; }

    public int NameEnd { get; }

    public BicepExpression Value { get; }

    public IReadOnlyList<BicepCall> Decorators { get; }
}

/// <summary>An object literal; inside a resource body it may also hold nested child resource declarations.</summary>
public sealed class BicepObject : BicepExpression
{
    public BicepObject(IReadOnlyList<BicepObjectProperty> properties, IReadOnlyList<BicepStatement> resources, IReadOnlyList<BicepExpression> spreads, int start, int end)
        : base(start, end)
    {
        Properties = properties;
        Resources = resources;
        Spreads = spreads;
    }

    public IReadOnlyList<BicepObjectProperty> Properties { get; }

    public IReadOnlyList<BicepStatement> Resources { get; }

    /// <summary><c>...expr</c> items.</summary>
    public IReadOnlyList<BicepExpression> Spreads { get; }

    public BicepObjectProperty? Property(string name)
    {
        BicepObjectProperty? found = null;
        foreach (var property in Properties)
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                found = property;
            }
        }

        return found;
    }
}

/// <summary><c>...expr</c> as an array item: the items of another array, in place.</summary>
public sealed class BicepSpread : BicepExpression
{
    public BicepSpread(BicepExpression value, int start, int end)
        : base(start, end)
    {
        Value = value;
    }

    public BicepExpression Value { get; }
}

public sealed class BicepArray : BicepExpression
{
    public BicepArray(IReadOnlyList<BicepExpression> items, int start, int end)
        : base(start, end)
    {
        Items = items;
    }

    public IReadOnlyList<BicepExpression> Items { get; }
}

/// <summary><c>[for item in source: body]</c> / <c>[for (item, index) in source: body]</c>.</summary>
public sealed class BicepFor : BicepExpression
{
    public BicepFor(BicepIdentifier? item, BicepIdentifier? index, BicepExpression source, BicepExpression body, int start, int end)
        : base(start, end)
    {
        Item = item;
        Index = index;
        Source = source;
        Body = body;
    }

    public BicepIdentifier? Item { get; }

    public BicepIdentifier? Index { get; }

    public BicepExpression Source { get; }

    public BicepExpression Body { get; }
}

/// <summary><c>if (condition) { … }</c> as a resource or module body.</summary>
public sealed class BicepIf : BicepExpression
{
    public BicepIf(BicepExpression condition, BicepExpression body, int start, int end)
        : base(start, end)
    {
        Condition = condition;
        Body = body;
    }

    public BicepExpression Condition { get; }

    public BicepExpression Body { get; }
}

/// <summary><c>target.name</c> and <c>target.?name</c>.</summary>
public sealed class BicepPropertyAccess : BicepExpression
{
    public BicepPropertyAccess(BicepExpression target, string name, bool safe, int start, int end)
        : base(start, end)
    {
        Target = target;
        Name = name;
        Safe = safe;
    }

    public BicepExpression Target { get; }

    public string Name { get; }

    public bool Safe { get; }
}

/// <summary><c>target[index]</c> and <c>target[?index]</c>.</summary>
public sealed class BicepIndexAccess : BicepExpression
{
    public BicepIndexAccess(BicepExpression target, BicepExpression index, bool safe, int start, int end)
        : base(start, end)
    {
        Target = target;
        Index = index;
        Safe = safe;
    }

    public BicepExpression Target { get; }

    public BicepExpression Index { get; }

    public bool Safe { get; }
}

/// <summary><c>name(args)</c>, <c>sys.name(args)</c>, <c>az.name(args)</c> or a method call <c>symbol.name(args)</c>.</summary>
public sealed class BicepCall : BicepExpression
{
    public BicepCall(BicepExpression? target, string name, IReadOnlyList<BicepExpression> arguments, int start, int end)
        : base(start, end)
    {
        Target = target;
        Name = name;
        Arguments = arguments;
    }

    /// <summary>Namespace or object before the dot; null for a plain call.</summary>
    public BicepExpression? Target { get; }

    public string Name { get; }

    public IReadOnlyList<BicepExpression> Arguments { get; }

    /// <summary>The namespace when the target is one of Bicep's (<c>sys</c>, <c>az</c>), else null.</summary>
    public string? Namespace => Target is BicepIdentifier { Name: "sys" or "az" } ns ? ns.Name : null;
}

public sealed class BicepUnary : BicepExpression
{
    public BicepUnary(string op, BicepExpression operand, int start, int end)
        : base(start, end)
    {
        Operator = op;
        Operand = operand;
    }

    public string Operator { get; }

    public BicepExpression Operand { get; }
}

public sealed class BicepBinary : BicepExpression
{
    public BicepBinary(string op, BicepExpression left, BicepExpression right)
        : base(left.Start, right.End)
    {
        Operator = op;
        Left = left;
        Right = right;
    }

    public string Operator { get; }

    public BicepExpression Left { get; }

    public BicepExpression Right { get; }
}

public sealed class BicepTernary : BicepExpression
{
    public BicepTernary(BicepExpression condition, BicepExpression whenTrue, BicepExpression whenFalse)
        : base(condition.Start, whenFalse.End)
    {
        Condition = condition;
        WhenTrue = whenTrue;
        WhenFalse = whenFalse;
    }

    public BicepExpression Condition { get; }

    public BicepExpression WhenTrue { get; }

    public BicepExpression WhenFalse { get; }
}

/// <summary><c>x =&gt; body</c> / <c>(x, y) =&gt; body</c>.</summary>
public sealed class BicepLambda : BicepExpression
{
    public BicepLambda(IReadOnlyList<BicepIdentifier> parameters, BicepExpression body, int start, int end)
        : base(start, end)
    {
        Parameters = parameters;
        Body = body;
    }

    public IReadOnlyList<BicepIdentifier> Parameters { get; }

    public BicepExpression Body { get; }
}

/// <summary>A type expression we do not evaluate (<c>string</c>, <c>{ a: int }</c>, <c>'a' | 'b'</c>, <c>int[]</c>, …).</summary>
public sealed class BicepTypeExpression : BicepExpression
{
    public BicepTypeExpression(int start, int end)
        : base(start, end)
    {
    }
}

/// <summary>Where an expression was expected but none could be parsed.</summary>
public sealed class BicepErrorExpression : BicepExpression
{
    public BicepErrorExpression(int start, int end)
        : base(start, end)
    {
    }
}
