using System.Collections.Generic;
using System.Globalization;

namespace EgressAnalyzers.Engine.Arm.Expressions;

/// <summary>A node of a parsed ARM expression; Start/End are offsets in the template string holding it.</summary>
internal abstract class ExpressionNode
{
    protected ExpressionNode(int start, int end)
    {
        Start = start;
        End = end;
    }

    public int Start { get; }

    public int End { get; }
}

/// <summary>
/// A value another front end already computed (a Bicep argument), passed to the ARM functions so both languages share
/// one implementation of <c>concat</c>, <c>format</c>, <c>union</c>, … and their unknown semantics.
/// </summary>
internal sealed class ValueNode : ExpressionNode
{
    public ValueNode(ArmValue value, int start, int end)
        : base(start, end)
    {
        Value = value;
    }

    public ArmValue Value { get; }
}

internal sealed class CallNode : ExpressionNode
{
    public CallNode(string name, IReadOnlyList<ExpressionNode> arguments, int start, int end)
        : base(start, end)
    {
        Name = name;
        Arguments = arguments;
    }

    public string Name { get; }

    public IReadOnlyList<ExpressionNode> Arguments { get; }
}

internal sealed class StringLiteralNode : ExpressionNode
{
    public StringLiteralNode(string value, int start, int end)
        : base(start, end)
    {
        Value = value;
    }

    public string Value { get; }
}

internal sealed class IntegerLiteralNode : ExpressionNode
{
    public IntegerLiteralNode(long value, int start, int end)
        : base(start, end)
    {
        Value = value;
    }

    public long Value { get; }
}

/// <summary><c>target.name</c>.</summary>
internal sealed class PropertyAccessNode : ExpressionNode
{
    public PropertyAccessNode(ExpressionNode target, string name, int end)
        : base(target.Start, end)
    {
        Target = target;
        Name = name;
    }

    public ExpressionNode Target { get; }

    public string Name { get; }
}

/// <summary><c>target[index]</c>.</summary>
internal sealed class IndexAccessNode : ExpressionNode
{
    public IndexAccessNode(ExpressionNode target, ExpressionNode index, int end)
        : base(target.Start, end)
    {
        Target = target;
        Index = index;
    }

    public ExpressionNode Target { get; }

    public ExpressionNode Index { get; }
}

/// <summary>
/// Hand-written recursive-descent parser for the ARM template language:
/// <c>fn(args)</c>, <c>'string'</c> (with <c>''</c> escapes), integers, <c>.property</c> and <c>[index]</c>.
/// Linear in the text; depth is bounded so hostile input cannot exhaust the stack.
/// </summary>
internal sealed class ExpressionParser
{
    /// <summary>Nesting (calls, index expressions and accessor chains) beyond this is refused.</summary>
    public const int MaxDepth = 64;

    private readonly string _text;
    private readonly int _end;
    private int _pos;

    private ExpressionParser(string text, int start, int end)
    {
        _text = text;
        _pos = start;
        _end = end;
    }

    /// <summary>Parses <paramref name="text"/>[start..end); null (with a message) when it is not a valid expression.</summary>
    public static ExpressionNode? Parse(string text, int start, int end, out string? error)
    {
        var parser = new ExpressionParser(text, start, end);
        error = null;
        var node = parser.ParseExpression(0, ref error);
        if (node is null)
        {
            return null;
        }

        parser.SkipWhitespace();
        if (parser._pos != parser._end)
        {
            error = "unexpected '" + text[parser._pos] + "' at offset " + parser._pos.ToString(CultureInfo.InvariantCulture);
            return null;
        }

        return node;
    }

    private ExpressionNode? ParseExpression(int depth, ref string? error)
    {
        if (depth > MaxDepth)
        {
            error = "expression nested deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels";
            return null;
        }

        var node = ParsePrimary(depth, ref error);
        while (node is not null)
        {
            SkipWhitespace();
            if (_pos >= _end)
            {
                break;
            }

            var c = _text[_pos];
            if (c == '.')
            {
                // Every accessor deepens the tree the evaluator walks, so chains count toward the limit.
                if (++depth > MaxDepth)
                {
                    error = "expression nested deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels";
                    return null;
                }

                _pos++;
                SkipWhitespace();
                var name = ReadIdentifier();
                if (name is null)
                {
                    error = "expected a property name after '.'";
                    return null;
                }

                node = new PropertyAccessNode(node, name, _pos);
            }
            else if (c == '[')
            {
                if (++depth > MaxDepth)
                {
                    error = "expression nested deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels";
                    return null;
                }

                _pos++;
                var index = ParseExpression(depth, ref error);
                if (index is null)
                {
                    return null;
                }

                SkipWhitespace();
                if (_pos >= _end || _text[_pos] != ']')
                {
                    error = "expected ']'";
                    return null;
                }

                _pos++;
                node = new IndexAccessNode(node, index, _pos);
            }
            else
            {
                break;
            }
        }

        return node;
    }

    private ExpressionNode? ParsePrimary(int depth, ref string? error)
    {
        SkipWhitespace();
        if (_pos >= _end)
        {
            error = "expected an expression";
            return null;
        }

        var start = _pos;
        var c = _text[_pos];
        if (c == '\'')
        {
            return ParseString(ref error);
        }

        if (c == '-' || IsDigit(c))
        {
            return ParseInteger(ref error);
        }

        var name = ReadIdentifier();
        if (name is null)
        {
            error = "unexpected '" + c + "'";
            return null;
        }

        // User-defined functions are written namespace.function(...).
        SkipWhitespace();
        if (_pos < _end && _text[_pos] == '.')
        {
            var save = _pos;
            _pos++;
            var member = ReadIdentifier();
            SkipWhitespace();
            if (member is not null && _pos < _end && _text[_pos] == '(')
            {
                name = name + "." + member;
            }
            else
            {
                _pos = save;
            }
        }

        if (_pos >= _end || _text[_pos] != '(')
        {
            error = "expected '(' after '" + name + "'";
            return null;
        }

        _pos++;
        var arguments = new List<ExpressionNode>();
        SkipWhitespace();
        if (_pos < _end && _text[_pos] == ')')
        {
            _pos++;
            return new CallNode(name, arguments, start, _pos);
        }

        while (true)
        {
            var argument = ParseExpression(depth + 1, ref error);
            if (argument is null)
            {
                return null;
            }

            arguments.Add(argument);
            SkipWhitespace();
            if (_pos >= _end)
            {
                error = "expected ')'";
                return null;
            }

            if (_text[_pos] == ',')
            {
                _pos++;
                continue;
            }

            if (_text[_pos] == ')')
            {
                _pos++;
                return new CallNode(name, arguments, start, _pos);
            }

            error = "expected ',' or ')'";
            return null;
        }
    }

    private StringLiteralNode? ParseString(ref string? error)
    {
        var start = _pos;
        _pos++;
        System.Text.StringBuilder? builder = null;
        var segmentStart = _pos;
        while (_pos < _end)
        {
            if (_text[_pos] == '\'')
            {
                if (_pos + 1 < _end && _text[_pos + 1] == '\'')
                {
                    builder ??= new System.Text.StringBuilder();
                    builder.Append(_text, segmentStart, _pos + 1 - segmentStart);
                    _pos += 2;
                    segmentStart = _pos;
                    continue;
                }

                string value;
                if (builder is null)
                {
                    value = _text.Substring(segmentStart, _pos - segmentStart);
                }
                else
                {
                    builder.Append(_text, segmentStart, _pos - segmentStart);
                    value = builder.ToString();
                }

                _pos++;
                return new StringLiteralNode(value, start, _pos);
            }

            _pos++;
        }

        error = "unterminated string literal";
        return null;
    }

    private IntegerLiteralNode? ParseInteger(ref string? error)
    {
        var start = _pos;
        if (_text[_pos] == '-')
        {
            _pos++;
        }

        var digitsStart = _pos;
        while (_pos < _end && IsDigit(_text[_pos]))
        {
            _pos++;
        }

        if (_pos == digitsStart)
        {
            error = "expected digits";
            return null;
        }

        if (_pos < _end && (_text[_pos] == '.' || _text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            error = "only integer numbers are supported";
            return null;
        }

        if (!long.TryParse(_text.Substring(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            error = "integer out of range";
            return null;
        }

        return new IntegerLiteralNode(value, start, _pos);
    }

    private string? ReadIdentifier()
    {
        var start = _pos;
        if (_pos >= _end || !(char.IsLetter(_text[_pos]) || _text[_pos] == '_' || _text[_pos] == '$'))
        {
            return null;
        }

        _pos++;
        while (_pos < _end && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_' || _text[_pos] == '$'))
        {
            _pos++;
        }

        return _text.Substring(start, _pos - start);
    }

    private void SkipWhitespace()
    {
        while (_pos < _end && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';
}
