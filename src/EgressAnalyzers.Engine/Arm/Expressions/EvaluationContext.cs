using System;
using System.Collections.Generic;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Expressions;

/// <summary>One expression string being evaluated: its text (for unknown reasons), its origin and its scope.</summary>
internal sealed class EvaluationContext
{
    private readonly KeyValuePair<string, ArmValue>[] _lambdaVariables;

    public EvaluationContext(string text, SourceSpan origin, IArmEvaluationScope scope)
        : this(text, origin, scope, System.Array.Empty<KeyValuePair<string, ArmValue>>())
    {
    }

    private EvaluationContext(string text, SourceSpan origin, IArmEvaluationScope scope, KeyValuePair<string, ArmValue>[] lambdaVariables)
    {
        Text = text;
        Origin = origin;
        Scope = scope;
        _lambdaVariables = lambdaVariables;
    }

    /// <summary>The whole template string (node offsets point into it).</summary>
    public string Text { get; }

    /// <summary>Origin of every value computed here: the expression's JSON string token.</summary>
    public SourceSpan Origin { get; }

    public IArmEvaluationScope Scope { get; }

    public ArmValue Evaluate(ExpressionNode node)
    {
        if (!ArmExpressionEvaluator.TryEnter())
        {
            return ArmExpressionEvaluator.TooDeep(TextOf(node), Origin);
        }

        try
        {
            switch (node)
            {
                case ValueNode computed:
                    return computed.Value;
                case StringLiteralNode literal:
                    return ArmValue.String(literal.Value, Origin);
                case IntegerLiteralNode integer:
                    return ArmValue.Integer(integer.Value, Origin);
                case PropertyAccessNode access:
                    return AccessProperty(Evaluate(access.Target), access);
                case IndexAccessNode index:
                    return AccessIndex(Evaluate(index.Target), index);
                case CallNode call:
                    return ArmFunctions.Invoke(this, call);
                default:
                    return UnknownAt(node);
            }
        }
        finally
        {
            ArmExpressionEvaluator.Exit();
        }
    }

    public string TextOf(ExpressionNode node) => Text.Substring(node.Start, node.End - node.Start);

    /// <summary>Unknown whose reason is the sub-expression as written.</summary>
    public ArmUnknown UnknownAt(ExpressionNode node, string? symbol = null) => new(TextOf(node), symbol, Origin);

    /// <summary>Unknown carrying the reason of the unknown input it came from, placed at this expression.</summary>
    public ArmUnknown Propagate(ArmUnknown cause, string? symbol = null) => new(cause.Reason, symbol, Origin);

    public EvaluationContext WithLambdaVariable(string name, ArmValue value)
    {
        var variables = new KeyValuePair<string, ArmValue>[_lambdaVariables.Length + 1];
        System.Array.Copy(_lambdaVariables, variables, _lambdaVariables.Length);
        variables[_lambdaVariables.Length] = new KeyValuePair<string, ArmValue>(name, value);
        return new EvaluationContext(Text, Origin, Scope, variables);
    }

    public ArmValue? GetLambdaVariable(string name)
    {
        // Innermost lambda first, so nested lambdas shadow outer variables of the same name.
        for (var i = _lambdaVariables.Length - 1; i >= 0; i--)
        {
            if (string.Equals(_lambdaVariables[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return _lambdaVariables[i].Value;
            }
        }

        return null;
    }

    private ArmValue AccessProperty(ArmValue target, PropertyAccessNode node)
    {
        switch (target)
        {
            case ArmObject obj:
                // The value is returned as written, keeping its own origin (where the user can fix it).
                return obj[node.Name] ?? UnknownAt(node);
            case ArmUnknown:
                // resourceGroup().location, parameters('cfg').name: the access itself is what is unknown.
                var text = TextOf(node);
                return new ArmUnknown(text, "{" + text + "}", Origin);
            default:
                return UnknownAt(node);
        }
    }

    private ArmValue AccessIndex(ArmValue target, IndexAccessNode node)
    {
        var index = Evaluate(node.Index);
        if (target is ArmUnknown || index is ArmUnknown)
        {
            var text = TextOf(node);
            return new ArmUnknown(text, "{" + text + "}", Origin);
        }

        switch (target)
        {
            case ArmArray array when index is ArmInteger { Value: var i }:
                return i >= 0 && i < array.Items.Count ? array.Items[(int)i] : UnknownAt(node);
            case ArmObject obj when index is ArmString { Value: var key }:
                return obj[key] ?? UnknownAt(node);
            default:
                return UnknownAt(node);
        }
    }
}
