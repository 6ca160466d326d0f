using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;

namespace EgressAnalyzers.Engine.Json;

/// <summary>
/// A tolerant JSON reader for ARM templates and parameter files. It accepts what ARM accepts beyond strict JSON
/// (comments, trailing commas, a leading BOM) and never throws on bad input: a syntax error is recorded with the
/// position of the offending token, and everything read before it is kept (partial objects and arrays included),
/// so the well-formed parts of a broken file can still be analyzed.
/// </summary>
public sealed class JsonDocument
{
    /// <summary>
    /// Deepest nesting of objects/arrays read. Real templates stay far below it; the limit keeps the recursive
    /// descent off the end of the stack on hostile input. Deeper values are skipped (with one error).
    /// </summary>
    public const int MaxDepth = 256;

    /// <summary>Errors kept at most; beyond this a file is garbage and more messages help no one.</summary>
    public const int MaxErrors = 100;

    /// <summary>Tokens read between two cancellation checks (cheap enough to be invisible, frequent enough to react).</summary>
    public const int CancellationCheckInterval = 4096;

    // Strings up to these lengths are looked up among recent ones before a new one is made (see Parser.TakeString).
    private const int RecentNameMaxLength = 48;

    private const int RecentValueMaxLength = 16;

    private const int RecentStringSlots = 1024;

    private static readonly char[] QuoteOrBackslash = { '"', '\\' };

    private JsonDocument(string text, JsonNode? root, IReadOnlyList<JsonComment> comments, IReadOnlyList<JsonSyntaxError> errors)
    {
        Text = text;
        Root = root;
        Comments = comments;
        Errors = errors;
    }

    /// <summary>The text that was parsed.</summary>
    public string Text { get; }

    /// <summary>The top-level value; null when the text holds none (empty, only comments, or an error at the start).</summary>
    public JsonNode? Root { get; }

    /// <summary>Every comment, in text order.</summary>
    public IReadOnlyList<JsonComment> Comments { get; }

    /// <summary>Syntax errors, in text order; empty for valid input.</summary>
    public IReadOnlyList<JsonSyntaxError> Errors { get; }

    /// <summary>Parses <paramref name="text"/>; throws only <see cref="System.OperationCanceledException"/> when cancelled.</summary>
    public static JsonDocument Parse(string text, CancellationToken cancellationToken = default)
    {
        text ??= string.Empty;
        var parser = new Parser(text, cancellationToken);
        var root = parser.ParseDocument();
        return new JsonDocument(text, root, parser.Comments, parser.Errors);
    }

    private enum TokenKind
    {
        EndOfText,
        LeftBrace,
        RightBrace,
        LeftBracket,
        RightBracket,
        Colon,
        Comma,
        String,
        Number,
        True,
        False,
        Null,

        /// <summary>Something that is no token (stray character, bad word, unterminated string); carries its own message.</summary>
        Invalid,
    }

    private sealed class Parser
    {
        private readonly string _text;
        private readonly CancellationToken _cancellationToken;
        private int _pos;
        private int _tokenCount;

        private TokenKind _kind;
        private int _tokenStart;
        private int _tokenLength;
        private string? _tokenValue;

        // A string token without escapes is not copied while lexing: its body is at [_plainStart, _plainStart + _plainLength)
        // until the parser takes it as a name or a value (see TakeString).
        private int _plainStart = -1;
        private int _plainLength;
        private string? _invalidMessage;

        // Reused for strings with escapes (the rare case; plain strings are one Substring).
        private readonly StringBuilder _builder = new();

        // Members and items of the containers being read, innermost last: each container copies its own run into an
        // array of exactly its size when it closes, so no list (and no list slack) stays behind per container.
        // Objects keep members as alternating name/value entries plus name token spans (see JsonObject).
        private readonly List<object> _openMembers = new();
        private readonly List<int> _openNameSpans = new();
        private readonly List<JsonNode> _openItems = new();

        // Recently read short strings, by hash: property names repeat in every object of a kind ("name",
        // "properties", "sourceAddresses"), and so do many values ("Allow", "443"); one string object serves them all.
        private readonly string?[] _recentStrings = new string?[RecentStringSlots];

        // End of the last consumed token: a container cut short by an error ends there.
        private int _lastEnd;

        // Set on an error we cannot step over: every open container returns what it has read so far.
        private bool _stopped;

        public Parser(string text, CancellationToken cancellationToken)
        {
            _text = text;
            _cancellationToken = cancellationToken;
        }

        public List<JsonComment> Comments { get; } = new();

        public List<JsonSyntaxError> Errors { get; } = new();

        public JsonNode? ParseDocument()
        {
            if (_text.Length > 0 && _text[0] == '\uFEFF')
            {
                _pos = 1;
            }

            Next();
            if (_kind == TokenKind.EndOfText)
            {
                Error("expected a JSON value", _text.Length, 0);
                return null;
            }

            var root = ParseValue(0);
            if (!_stopped && _kind != TokenKind.EndOfText)
            {
                ReportUnexpected("end of text after the top-level value");
            }

            return root;
        }

        private JsonNode? ParseValue(int depth)
        {
            JsonNode node;
            switch (_kind)
            {
                case TokenKind.LeftBrace:
                    return ParseObject(depth + 1);
                case TokenKind.LeftBracket:
                    return ParseArray(depth + 1);
                case TokenKind.String:
                    node = new JsonString(TakeString(RecentValueMaxLength), _tokenStart, _tokenLength);
                    break;
                case TokenKind.Number:
                    node = new JsonNumber(_tokenValue!, _tokenStart, _tokenLength);
                    break;
                case TokenKind.True:
                    node = new JsonLiteral(JsonNodeKind.True, _tokenStart, _tokenLength);
                    break;
                case TokenKind.False:
                    node = new JsonLiteral(JsonNodeKind.False, _tokenStart, _tokenLength);
                    break;
                case TokenKind.Null:
                    node = new JsonLiteral(JsonNodeKind.Null, _tokenStart, _tokenLength);
                    break;
                default:
                    ReportUnexpected("a value");
                    _stopped = true;
                    return null;
            }

            Next();
            return node;
        }

        private JsonObject? ParseObject(int depth)
        {
            var start = _tokenStart;
            if (depth > MaxDepth)
            {
                Error("nesting deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels", start, 1);
                SkipContainer();
                return null;
            }

            Next();
            var first = _openMembers.Count;
            while (true)
            {
                if (_kind == TokenKind.RightBrace)
                {
                    var end = _tokenStart + _tokenLength;
                    Next();
                    return CloseObject(first, start, end - start);
                }

                if (_kind != TokenKind.String)
                {
                    ReportUnexpected("a property name or '}'");
                    _stopped = true;
                    return CloseObject(first, start, _lastEnd - start);
                }

                var name = TakeString(RecentNameMaxLength);
                var nameStart = _tokenStart;
                var nameLength = _tokenLength;
                Next();
                if (_kind == TokenKind.Colon)
                {
                    Next();
                }
                else if (IsValueStart(_kind))
                {
                    // `"a" 1`: the intent is plain, so read on as if the colon were there.
                    Error("missing ':' after property name", _tokenStart, _tokenLength);
                }
                else
                {
                    ReportUnexpected("':'");
                    _stopped = true;
                    return CloseObject(first, start, _lastEnd - start);
                }

                var value = ParseValue(depth);
                if (value is not null)
                {
                    _openMembers.Add(name);
                    _openMembers.Add(value);
                    _openNameSpans.Add(nameStart);
                    _openNameSpans.Add(nameLength);
                }

                if (_stopped)
                {
                    return CloseObject(first, start, _lastEnd - start);
                }

                if (_kind == TokenKind.Comma)
                {
                    // A trailing comma before '}' is accepted silently, as ARM does.
                    Next();
                }
                else if (_kind == TokenKind.String)
                {
                    Error("missing ',' before property", _tokenStart, _tokenLength);
                }
                else if (_kind != TokenKind.RightBrace)
                {
                    ReportUnexpected("',' or '}'");
                    _stopped = true;
                    return CloseObject(first, start, _lastEnd - start);
                }
            }
        }

        private JsonArray? ParseArray(int depth)
        {
            var start = _tokenStart;
            if (depth > MaxDepth)
            {
                Error("nesting deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels", start, 1);
                SkipContainer();
                return null;
            }

            Next();
            var first = _openItems.Count;
            while (true)
            {
                if (_kind == TokenKind.RightBracket)
                {
                    var end = _tokenStart + _tokenLength;
                    Next();
                    return new JsonArray(CloseItems(first), start, end - start);
                }

                var item = ParseValue(depth);
                if (item is not null)
                {
                    _openItems.Add(item);
                }

                if (_stopped)
                {
                    return new JsonArray(CloseItems(first), start, _lastEnd - start);
                }

                if (_kind == TokenKind.Comma)
                {
                    Next();
                }
                else if (IsValueStart(_kind))
                {
                    Error("missing ',' before item", _tokenStart, _tokenLength);
                }
                else if (_kind != TokenKind.RightBracket)
                {
                    ReportUnexpected("',' or ']'");
                    _stopped = true;
                    return new JsonArray(CloseItems(first), start, _lastEnd - start);
                }
            }
        }

        private JsonObject CloseObject(int first, int start, int length)
        {
            var count = _openMembers.Count - first;
            if (count == 0)
            {
                return new JsonObject(System.Array.Empty<JsonProperty>(), start, length);
            }

            var members = new object[count];
            _openMembers.CopyTo(first, members, 0, count);
            _openMembers.RemoveRange(first, count);
            var nameSpans = new int[count];
            _openNameSpans.CopyTo(first, nameSpans, 0, count);
            _openNameSpans.RemoveRange(first, count);
            return new JsonObject(members, nameSpans, start, length);
        }

        private JsonNode[] CloseItems(int first)
        {
            var count = _openItems.Count - first;
            if (count == 0)
            {
                return System.Array.Empty<JsonNode>();
            }

            var items = new JsonNode[count];
            _openItems.CopyTo(first, items, 0, count);
            _openItems.RemoveRange(first, count);
            return items;
        }

        /// <summary>Steps over a too-deep container without recursion (the current token is its opening bracket).</summary>
        private void SkipContainer()
        {
            var balance = 0;
            while (true)
            {
                switch (_kind)
                {
                    case TokenKind.LeftBrace:
                    case TokenKind.LeftBracket:
                        balance++;
                        break;
                    case TokenKind.RightBrace:
                    case TokenKind.RightBracket:
                        balance--;
                        break;
                    case TokenKind.EndOfText:
                        Error("unexpected end of text inside a nested value", _text.Length, 0);
                        _stopped = true;
                        return;
                }

                Next();
                if (balance <= 0)
                {
                    return;
                }
            }
        }

        private static bool IsValueStart(TokenKind kind) =>
            kind is TokenKind.LeftBrace or TokenKind.LeftBracket or TokenKind.String or TokenKind.Number
                or TokenKind.True or TokenKind.False or TokenKind.Null;

        private void ReportUnexpected(string expected)
        {
            switch (_kind)
            {
                case TokenKind.Invalid:
                    Error(_invalidMessage!, _tokenStart, _tokenLength);
                    break;
                case TokenKind.EndOfText:
                    Error("unexpected end of text; expected " + expected, _text.Length, 0);
                    break;
                default:
                    Error("expected " + expected + " but found " + DescribeToken(), _tokenStart, _tokenLength);
                    break;
            }
        }

        private string DescribeToken() => _kind switch
        {
            TokenKind.String => "a string",
            TokenKind.Number => "a number",
            _ => "'" + _text.Substring(_tokenStart, _tokenLength) + "'",
        };

        private void Error(string message, int start, int length)
        {
            if (Errors.Count < MaxErrors)
            {
                Errors.Add(new JsonSyntaxError(message, start, length));
            }
        }

        // ---- lexer -------------------------------------------------------------------------------------------

        private void Next()
        {
            _lastEnd = _tokenStart + _tokenLength;
            if (++_tokenCount >= CancellationCheckInterval)
            {
                _tokenCount = 0;
                _cancellationToken.ThrowIfCancellationRequested();
            }

            SkipTrivia();
            _tokenValue = null;
            _plainStart = -1;
            _tokenStart = _pos;
            if (_pos >= _text.Length)
            {
                _kind = TokenKind.EndOfText;
                _tokenLength = 0;
                return;
            }

            var c = _text[_pos];
            switch (c)
            {
                case '{':
                    Single(TokenKind.LeftBrace);
                    return;
                case '}':
                    Single(TokenKind.RightBrace);
                    return;
                case '[':
                    Single(TokenKind.LeftBracket);
                    return;
                case ']':
                    Single(TokenKind.RightBracket);
                    return;
                case ':':
                    Single(TokenKind.Colon);
                    return;
                case ',':
                    Single(TokenKind.Comma);
                    return;
                case '"':
                    LexString();
                    return;
            }

            if (c == '-' || (c >= '0' && c <= '9'))
            {
                LexNumber();
            }
            else if (IsWordChar(c))
            {
                LexWord();
            }
            else
            {
                _pos++;
                Invalid("unexpected character " + DescribeChar(c), 1);
            }
        }

        private void Single(TokenKind kind)
        {
            _kind = kind;
            _tokenLength = 1;
            _pos++;
        }

        private void Invalid(string message, int length)
        {
            _kind = TokenKind.Invalid;
            _tokenLength = length;
            _invalidMessage = message;
        }

        private void SkipTrivia()
        {
            var text = _text;
            while (_pos < text.Length)
            {
                var c = text[_pos];
                if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
                {
                    _pos++;
                }
                else if (c == '/' && _pos + 1 < text.Length && text[_pos + 1] == '/')
                {
                    var start = _pos;
                    var end = start + 2;
                    while (end < text.Length && text[end] != '\n' && text[end] != '\r')
                    {
                        end++;
                    }

                    Comments.Add(new JsonComment(text.Substring(start + 2, end - start - 2), start, end - start));
                    _pos = end;
                }
                else if (c == '/' && _pos + 1 < text.Length && text[_pos + 1] == '*')
                {
                    var start = _pos;
                    var close = text.IndexOf("*/", start + 2, System.StringComparison.Ordinal);
                    if (close < 0)
                    {
                        Error("unterminated comment", start, 2);
                        Comments.Add(new JsonComment(text.Substring(start + 2), start, text.Length - start));
                        _pos = text.Length;
                    }
                    else
                    {
                        Comments.Add(new JsonComment(text.Substring(start + 2, close - start - 2), start, close + 2 - start));
                        _pos = close + 2;
                    }
                }
                else if (c > '\u007f' && (char.IsWhiteSpace(c) || c == '\uFEFF'))
                {
                    // Editors leave non-breaking spaces and stray BOMs; JSON.NET (ARM's parser) skips them too.
                    _pos++;
                }
                else
                {
                    return;
                }
            }
        }

        private void LexString()
        {
            var text = _text;
            var start = _pos;
            var i = start + 1;

            // Fast path: no escapes, one substring (or a recent string with the same text).
            var stop = text.IndexOfAny(QuoteOrBackslash, i);
            if (stop >= 0 && text[stop] == '"')
            {
                _kind = TokenKind.String;
                _plainStart = start + 1;
                _plainLength = stop - start - 1;
                _tokenLength = stop + 1 - start;
                _pos = stop + 1;
                return;
            }

            i = stop < 0 ? text.Length : stop;

            var builder = _builder;
            builder.Clear();
            builder.Append(text, start + 1, i - start - 1);
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '"')
                {
                    _kind = TokenKind.String;
                    _tokenValue = builder.ToString();
                    _tokenLength = i + 1 - start;
                    _pos = i + 1;
                    return;
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    i++;
                    continue;
                }

                if (i + 1 >= text.Length)
                {
                    break;
                }

                var escaped = text[i + 1];
                switch (escaped)
                {
                    case '"':
                    case '\\':
                    case '/':
                        builder.Append(escaped);
                        i += 2;
                        break;
                    case 'b':
                        builder.Append('\b');
                        i += 2;
                        break;
                    case 'f':
                        builder.Append('\f');
                        i += 2;
                        break;
                    case 'n':
                        builder.Append('\n');
                        i += 2;
                        break;
                    case 'r':
                        builder.Append('\r');
                        i += 2;
                        break;
                    case 't':
                        builder.Append('\t');
                        i += 2;
                        break;
                    case 'u':
                        if (TryReadHex4(i + 2, out var code))
                        {
                            // Surrogate pairs arrive as two escapes and recombine by being appended in order;
                            // lone surrogates are kept as written.
                            builder.Append(code);
                            i += 6;
                        }
                        else
                        {
                            Error("invalid \\u escape: expected four hex digits", i, System.Math.Min(6, text.Length - i));
                            builder.Append('u');
                            i += 2;
                        }

                        break;
                    default:
                        Error("invalid escape sequence '\\" + escaped + "'", i, 2);
                        builder.Append(escaped);
                        i += 2;
                        break;
                }
            }

            // Unterminated: point at the opening quote up to the end of its line, the part a reader recognizes.
            var lineEnd = start + 1;
            while (lineEnd < text.Length && text[lineEnd] != '\n' && text[lineEnd] != '\r')
            {
                lineEnd++;
            }

            _pos = text.Length;
            Invalid("unterminated string", lineEnd - start);
        }

        /// <summary>
        /// The value of the current string token. Names repeat in every object of a kind and short values repeat
        /// often ("Allow", "Tcp"), so strings up to <paramref name="recentMaxLength"/> are shared with an earlier
        /// equal one; longer ones (mostly unique: FQDNs, expressions) are not worth the lookup.
        /// </summary>
        private string TakeString(int recentMaxLength)
        {
            if (_plainStart < 0)
            {
                return _tokenValue!;
            }

            return _plainLength <= recentMaxLength ? Recent(_plainStart, _plainLength) : _text.Substring(_plainStart, _plainLength);
        }

        /// <summary>The text at [start, start + length), shared with an earlier equal string when one is at hand.</summary>
        private string Recent(int start, int length)
        {
            var text = _text;

            if (length == 0)
            {
                return string.Empty;
            }

            var hash = (uint)length;
            for (var k = start; k < start + length; k++)
            {
                hash = (hash * 31) + text[k];
            }

            var slot = (int)(hash & (RecentStringSlots - 1));
            var recent = _recentStrings[slot];
            if (recent is not null && recent.Length == length && string.CompareOrdinal(text, start, recent, 0, length) == 0)
            {
                return recent;
            }

            recent = text.Substring(start, length);
            _recentStrings[slot] = recent;
            return recent;
        }

        private bool TryReadHex4(int at, out char value)
        {
            value = '\0';
            if (at + 4 > _text.Length)
            {
                return false;
            }

            var code = 0;
            for (var k = 0; k < 4; k++)
            {
                var c = _text[at + k];
                int digit;
                if (c >= '0' && c <= '9')
                {
                    digit = c - '0';
                }
                else if (c >= 'a' && c <= 'f')
                {
                    digit = c - 'a' + 10;
                }
                else if (c >= 'A' && c <= 'F')
                {
                    digit = c - 'A' + 10;
                }
                else
                {
                    return false;
                }

                code = (code << 4) | digit;
            }

            value = (char)code;
            return true;
        }

        private void LexNumber()
        {
            var text = _text;
            var start = _pos;
            var end = start;

            // Take the whole run that could belong to a number, then check its shape: `1.2.3` or `12ab` is one bad token.
            while (end < text.Length && (IsWordChar(text[end]) || text[end] == '-' || text[end] == '+' || text[end] == '.'))
            {
                end++;
            }

            _pos = end;
            if (IsValidNumber(text, start, end))
            {
                _kind = TokenKind.Number;
                _tokenValue = end - start <= RecentValueMaxLength ? Recent(start, end - start) : text.Substring(start, end - start);
                _tokenLength = end - start;
            }
            else
            {
                Invalid("invalid number '" + Shorten(text.Substring(start, end - start)) + "'", end - start);
            }
        }

        private static bool IsValidNumber(string text, int i, int end)
        {
            if (i < end && text[i] == '-')
            {
                i++;
            }

            if (i >= end || !IsDigit(text[i]))
            {
                return false;
            }

            if (text[i] == '0')
            {
                i++;
            }
            else
            {
                while (i < end && IsDigit(text[i]))
                {
                    i++;
                }
            }

            if (i < end && text[i] == '.')
            {
                i++;
                if (i >= end || !IsDigit(text[i]))
                {
                    return false;
                }

                while (i < end && IsDigit(text[i]))
                {
                    i++;
                }
            }

            if (i < end && (text[i] == 'e' || text[i] == 'E'))
            {
                i++;
                if (i < end && (text[i] == '+' || text[i] == '-'))
                {
                    i++;
                }

                if (i >= end || !IsDigit(text[i]))
                {
                    return false;
                }

                while (i < end && IsDigit(text[i]))
                {
                    i++;
                }
            }

            return i == end;
        }

        private void LexWord()
        {
            var text = _text;
            var start = _pos;
            var end = start;
            while (end < text.Length && IsWordChar(text[end]))
            {
                end++;
            }

            _pos = end;
            var length = end - start;
            _tokenLength = length;
            if (Matches(text, start, length, "true"))
            {
                _kind = TokenKind.True;
            }
            else if (Matches(text, start, length, "false"))
            {
                _kind = TokenKind.False;
            }
            else if (Matches(text, start, length, "null"))
            {
                _kind = TokenKind.Null;
            }
            else
            {
                Invalid("unexpected token '" + Shorten(text.Substring(start, length)) + "'", length);
            }
        }

        private static bool Matches(string text, int start, int length, string word) =>
            length == word.Length && string.CompareOrdinal(text, start, word, 0, length) == 0;

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static bool IsWordChar(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';

        private static string Shorten(string value) => value.Length <= 32 ? value : value.Substring(0, 32) + "…";

        private static string DescribeChar(char c) =>
            c < ' ' || char.IsSurrogate(c) || c == '\u007f' || char.IsWhiteSpace(c)
                ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)
                : "'" + c + "'";
    }
}
