using System;
using System.Collections.Generic;
using System.Text;

namespace EgressAnalyzers.Engine.Bicep;

internal enum BicepTokenKind
{
    Identifier,
    Integer,
    String,
    Symbol,
    NewLine,
    EndOfFile,

    /// <summary>A character Bicep does not allow here (reported, then skipped by the parser).</summary>
    Bad,
}

internal sealed class BicepToken
{
    public BicepToken(BicepTokenKind kind, string text, int start, int end)
    {
        Kind = kind;
        Text = text;
        Start = start;
        End = end;
    }

    public BicepTokenKind Kind { get; }

    /// <summary>Identifier name, symbol text, integer digits; for strings, the raw source.</summary>
    public string Text { get; }

    public int Start { get; }

    public int End { get; }

    /// <summary>For strings: the literal pieces (one more than holes).</summary>
    public List<string>? Parts { get; set; }

    /// <summary>For strings: the source ranges of the <c>${…}</c> expressions (without the delimiters).</summary>
    public List<(int Start, int End)>? Holes { get; set; }

    public bool Multiline { get; set; }

    public bool Is(string symbol) => Kind == BicepTokenKind.Symbol && Text == symbol;

    public bool IsKeyword(string word) => Kind == BicepTokenKind.Identifier && Text == word;

    public override string ToString() => $"{Kind} '{Text}' @{Start}";
}

/// <summary>
/// Bicep tokens of a range of text. Newlines are tokens (Bicep separates statements, object properties and array
/// items by them); comments are skipped; <c>#disable-next-line</c> directives are collected. Never throws: a string
/// that does not end, or a stray character, becomes an error and the lexer goes on.
/// </summary>
internal sealed class BicepLexer
{
    private static readonly string[] Symbols =
    {
        "...", "??", ".?", "==", "!=", "=~", "!~", "<=", ">=", "&&", "||", "=>", "::",
        "{", "}", "[", "]", "(", ")", ",", ".", ":", "?", "!", "=", "<", ">", "+", "-", "*", "/", "%", "@", "|", "&",
    };

    private static readonly char[] Blanks = { ' ', '\t' };

    private readonly string _text;
    private readonly int _end;
    private readonly List<BicepSyntaxError> _errors;
    private readonly List<BicepDirective>? _directives;
    private int _position;

    public BicepLexer(string text, int start, int end, List<BicepSyntaxError> errors, List<BicepDirective>? directives)
    {
        _text = text;
        _position = start;
        _end = end;
        _errors = errors;
        _directives = directives;
    }

    public List<BicepToken> Tokenize()
    {
        var tokens = new List<BicepToken>();
        while (true)
        {
            var token = Next();
            tokens.Add(token);
            if (token.Kind == BicepTokenKind.EndOfFile)
            {
                return tokens;
            }
        }
    }

    private BicepToken Next()
    {
        SkipTrivia();
        if (_position >= _end)
        {
            return new BicepToken(BicepTokenKind.EndOfFile, string.Empty, _end, _end);
        }

        var start = _position;
        var c = _text[_position];
        if (c == '\n' || c == '\r')
        {
            _position += c == '\r' && _position + 1 < _end && _text[_position + 1] == '\n' ? 2 : 1;
            return new BicepToken(BicepTokenKind.NewLine, "\n", start, _position);
        }

        if (IsIdentifierStart(c))
        {
            while (_position < _end && IsIdentifierPart(_text[_position]))
            {
                _position++;
            }

            return new BicepToken(BicepTokenKind.Identifier, _text.Substring(start, _position - start), start, _position);
        }

        if (c >= '0' && c <= '9')
        {
            while (_position < _end && _text[_position] >= '0' && _text[_position] <= '9')
            {
                _position++;
            }

            return new BicepToken(BicepTokenKind.Integer, _text.Substring(start, _position - start), start, _position);
        }

        if (c == '\'')
        {
            return ScanString();
        }

        foreach (var symbol in Symbols)
        {
            if (string.CompareOrdinal(_text, _position, symbol, 0, symbol.Length) == 0 && _position + symbol.Length <= _end)
            {
                _position += symbol.Length;
                return new BicepToken(BicepTokenKind.Symbol, symbol, start, _position);
            }
        }

        _position++;
        _errors.Add(new BicepSyntaxError(start, 1, $"unexpected character '{c}'"));
        return new BicepToken(BicepTokenKind.Bad, c.ToString(), start, _position);
    }

    private void SkipTrivia()
    {
        while (_position < _end)
        {
            var c = _text[_position];
            if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\uFEFF' || c == '\u00A0')
            {
                _position++;
            }
            else if (c == '/' && _position + 1 < _end && _text[_position + 1] == '/')
            {
                while (_position < _end && _text[_position] != '\n' && _text[_position] != '\r')
                {
                    _position++;
                }
            }
            else if (c == '/' && _position + 1 < _end && _text[_position + 1] == '*')
            {
                var close = _text.IndexOf("*/", _position + 2, _end - _position - 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    _errors.Add(new BicepSyntaxError(_position, 2, "the comment is not closed with */"));
                    _position = _end;
                }
                else
                {
                    _position = close + 2;
                }
            }
            else if (c == '#')
            {
                ScanDirective();
            }
            else
            {
                return;
            }
        }
    }

    /// <summary><c>#disable-next-line a b // why</c>: codes up to a comment or the end of the line.</summary>
    private void ScanDirective()
    {
        var start = _position;
        var lineEnd = _position;
        while (lineEnd < _end && _text[lineEnd] != '\n' && _text[lineEnd] != '\r')
        {
            lineEnd++;
        }

        var line = _text.Substring(start, lineEnd - start);
        _position = lineEnd;
        const string Disable = "#disable-next-line";
        if (!line.StartsWith(Disable, StringComparison.Ordinal))
        {
            // #disable-diagnostics / #restore-diagnostics and others: not ours to interpret.
            return;
        }

        var rest = line.Substring(Disable.Length);
        var justification = string.Empty;
        var comment = rest.IndexOf("//", StringComparison.Ordinal);
        if (comment >= 0)
        {
            justification = rest.Substring(comment + 2).Trim();
            rest = rest.Substring(0, comment);
        }

        var codes = rest.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
        _directives?.Add(new BicepDirective(start, lineEnd, codes, justification));
    }

    private BicepToken ScanString()
    {
        var start = _position;
        if (string.CompareOrdinal(_text, _position, "'''", 0, 3) == 0 && _position + 3 <= _end)
        {
            return ScanMultilineString(start);
        }

        _position++;
        var parts = new List<string>();
        var holes = new List<(int, int)>();
        var current = new StringBuilder();
        while (true)
        {
            if (_position >= _end || _text[_position] == '\n' || _text[_position] == '\r')
            {
                _errors.Add(new BicepSyntaxError(start, Math.Max(1, _position - start), "the string is not closed with '"));
                break;
            }

            var c = _text[_position];
            if (c == '\'')
            {
                _position++;
                break;
            }

            if (c == '\\' && _position + 1 < _end)
            {
                ScanEscape(current);
                continue;
            }

            if (c == '$' && _position + 1 < _end && _text[_position + 1] == '{')
            {
                var holeStart = _position + 2;
                var holeEnd = FindHoleEnd(holeStart);
                parts.Add(current.ToString());
                current.Clear();
                holes.Add((holeStart, holeEnd));
                _position = Math.Min(holeEnd + 1, _end);
                continue;
            }

            current.Append(c);
            _position++;
        }

        parts.Add(current.ToString());
        return new BicepToken(BicepTokenKind.String, _text.Substring(start, _position - start), start, _position) { Parts = parts, Holes = holes };
    }

    private void ScanEscape(StringBuilder current)
    {
        var next = _text[_position + 1];
        _position += 2;
        switch (next)
        {
            case 'n': current.Append('\n'); return;
            case 'r': current.Append('\r'); return;
            case 't': current.Append('\t'); return;
            case '\\': current.Append('\\'); return;
            case '\'': current.Append('\''); return;
            case '$': current.Append('$'); return;
            case 'u' when _position < _end && _text[_position] == '{':
                var close = _text.IndexOf('}', _position);
                if (close > 0 && close < _end && int.TryParse(_text.Substring(_position + 1, close - _position - 1), System.Globalization.NumberStyles.HexNumber, null, out var code)
                    && code >= 0 && code <= 0x10FFFF)
                {
                    current.Append(char.ConvertFromUtf32(code));
                    _position = close + 1;
                    return;
                }

                break;
        }

        _errors.Add(new BicepSyntaxError(_position - 2, 2, $"'\\{next}' is not an escape Bicep knows"));
        current.Append(next);
    }

    /// <summary>The offset of the <c>}</c> closing a <c>${</c> hole (nested braces and strings skipped).</summary>
    private int FindHoleEnd(int position)
    {
        var depth = 0;
        while (position < _end)
        {
            var c = _text[position];
            if (c == '\n' || c == '\r')
            {
                // Interpolations are on one line in normal strings; let the string report itself as unclosed.
                return position;
            }

            if (c == '\'')
            {
                position = SkipNestedString(position);
                continue;
            }

            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                if (depth == 0)
                {
                    return position;
                }

                depth--;
            }

            position++;
        }

        return _end;
    }

    private int SkipNestedString(int position)
    {
        position++;
        while (position < _end && _text[position] != '\'' && _text[position] != '\n')
        {
            if (_text[position] == '\\')
            {
                position += 2;
                continue;
            }

            if (_text[position] == '$' && position + 1 < _end && _text[position + 1] == '{')
            {
                position = FindHoleEnd(position + 2) + 1;
                continue;
            }

            position++;
        }

        return Math.Min(position + 1, _end);
    }

    private BicepToken ScanMultilineString(int start)
    {
        var contentStart = start + 3;
        var close = _text.IndexOf("'''", contentStart, _end - contentStart, StringComparison.Ordinal);
        string content;
        if (close < 0)
        {
            _errors.Add(new BicepSyntaxError(start, 3, "the multi-line string is not closed with '''"));
            content = _text.Substring(contentStart, _end - contentStart);
            _position = _end;
        }
        else
        {
            // More than three quotes at the end belong to the content ('''it''''' is "it''").
            while (close + 3 < _end && _text[close + 3] == '\'')
            {
                close++;
            }

            content = _text.Substring(contentStart, close - contentStart);
            _position = close + 3;
        }

        // A line break right after the opening quotes is not part of the value.
        if (content.StartsWith("\r\n", StringComparison.Ordinal))
        {
            content = content.Substring(2);
        }
        else if (content.StartsWith("\n", StringComparison.Ordinal))
        {
            content = content.Substring(1);
        }

        return new BicepToken(BicepTokenKind.String, _text.Substring(start, _position - start), start, _position)
        {
            Parts = new List<string> { content },
            Holes = new List<(int, int)>(),
            Multiline = true,
        };
    }

    private static bool IsIdentifierStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || (c >= '0' && c <= '9');
}
