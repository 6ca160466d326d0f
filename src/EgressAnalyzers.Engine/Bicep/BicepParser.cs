using System;
using System.Collections.Generic;
using System.Globalization;

namespace EgressAnalyzers.Engine.Bicep;

/// <summary>
/// A tolerant recursive-descent parser for Bicep (and <c>.bicepparam</c>) files. A statement or object property that
/// does not parse is reported and skipped to the end of its line, so one mistake costs that line, not the file.
/// Nesting is bounded, so hostile input cannot overflow the stack; every loop consumes a token, so it cannot hang.
/// </summary>
public sealed class BicepParser
{
    private const int MaxDepth = 200;
    private const int MaxErrors = 200;

    private static readonly BicepCall[] NoDecorators = Array.Empty<BicepCall>();

    private readonly string _text;
    private readonly List<BicepToken> _tokens;
    private readonly List<BicepSyntaxError> _errors;
    private int _index;
    private int _depth;

    private BicepParser(string text, int start, int end, List<BicepSyntaxError> errors, List<BicepDirective>? directives)
    {
        _text = text;
        _errors = errors;
        _tokens = new BicepLexer(text, start, end, errors, directives).Tokenize();
    }

    public static BicepFile Parse(string text)
    {
        text ??= string.Empty;
        var errors = new List<BicepSyntaxError>();
        var directives = new List<BicepDirective>();
        var parser = new BicepParser(text, 0, text.Length, errors, directives);
        var statements = parser.ParseStatements();
        if (errors.Count > MaxErrors)
        {
            errors.RemoveRange(MaxErrors, errors.Count - MaxErrors);
        }

        return new BicepFile(text, statements, directives, errors);
    }

    private BicepToken Current => _tokens[_index];

    private BicepToken PeekAt(int offset) => _tokens[Math.Min(_index + offset, _tokens.Count - 1)];

    private BicepToken Advance()
    {
        var token = _tokens[_index];
        if (_index < _tokens.Count - 1)
        {
            _index++;
        }

        return token;
    }

    private bool AtEnd => Current.Kind == BicepTokenKind.EndOfFile;

    private void SkipNewLines()
    {
        while (Current.Kind == BicepTokenKind.NewLine)
        {
            Advance();
        }
    }

    private bool Accept(string symbol)
    {
        if (Current.Is(symbol))
        {
            Advance();
            return true;
        }

        return false;
    }

    private void Error(BicepToken at, string message) => Error(at.Start, Math.Max(1, at.End - at.Start), message);

    private void Error(int start, int length, string message)
    {
        // One mistake, one error: a follow-on complaint about the same token says nothing new.
        if (_errors.Count <= MaxErrors && (_errors.Count == 0 || _errors[_errors.Count - 1].Start != start))
        {
            _errors.Add(new BicepSyntaxError(start, length, message));
        }
    }

    private bool Expect(string symbol)
    {
        if (Accept(symbol))
        {
            return true;
        }

        Error(Current, $"expected '{symbol}' but found {Describe(Current)}");
        return false;
    }

    private static string Describe(BicepToken token) => token.Kind switch
    {
        BicepTokenKind.EndOfFile => "the end of the file",
        BicepTokenKind.NewLine => "the end of the line",
        _ => $"'{token.Text}'",
    };

    /// <summary>Skips to the end of the current line, over bracketed text (which may span lines).</summary>
    private void SkipToLineEnd()
    {
        var depth = 0;
        while (!AtEnd)
        {
            var token = Current;
            if (token.Kind == BicepTokenKind.NewLine && depth == 0)
            {
                return;
            }

            if (token.Is("{") || token.Is("[") || token.Is("("))
            {
                depth++;
            }
            else if (token.Is("}") || token.Is("]") || token.Is(")"))
            {
                if (depth == 0)
                {
                    return;
                }

                depth--;
            }

            Advance();
        }
    }

    /// <summary>At statement level a stray closing bracket cannot end anything: skip the whole line.</summary>
    private void SkipStatementLine()
    {
        while (!AtEnd && Current.Kind != BicepTokenKind.NewLine)
        {
            SkipToLineEnd();
            if (!AtEnd && Current.Kind != BicepTokenKind.NewLine)
            {
                Advance();
            }
        }
    }

    // ------------------------------------------------------------------ statements

    private List<BicepStatement> ParseStatements()
    {
        var statements = new List<BicepStatement>();
        while (true)
        {
            SkipNewLines();
            if (AtEnd)
            {
                return statements;
            }

            var before = _index;
            statements.Add(ParseStatement());
            if (!AtEnd && Current.Kind != BicepTokenKind.NewLine)
            {
                Error(Current, $"expected the end of the line but found {Describe(Current)}");
                SkipStatementLine();
            }

            if (_index == before)
            {
                Advance();
            }
        }
    }

    private List<BicepCall> ParseDecorators()
    {
        var decorators = new List<BicepCall>();
        while (Current.Is("@"))
        {
            var at = Advance();
            var expression = ParsePostfix();
            if (expression is BicepCall call)
            {
                decorators.Add(new BicepCall(call.Target, call.Name, call.Arguments, at.Start, call.End));
            }
            else
            {
                Error(at.Start, expression.End - at.Start, "a decorator must be a function call, e.g. @description('…')");
            }

            SkipNewLines();
        }

        return decorators;
    }

    private BicepStatement ParseStatement()
    {
        var decorators = ParseDecorators();
        var keyword = Current;
        if (keyword.Kind != BicepTokenKind.Identifier)
        {
            Error(keyword, $"expected a declaration (param, var, resource, module, output, …) but found {Describe(keyword)}");
            SkipStatementLine();
            return new BicepStatement(BicepStatementKind.Error, decorators, null, null, null, false, keyword.Start, Current.Start);
        }

        switch (keyword.Text)
        {
            case "param":
                return ParseParameter(decorators);
            case "var":
                return ParseNamedWithValue(BicepStatementKind.Variable, decorators, typed: true);
            case "resource":
                return ParseResource(decorators);
            case "module":
                return ParseModule(decorators);
            case "output":
                return ParseOutput(decorators);
            case "metadata":
                return ParseNamedWithValue(BicepStatementKind.Metadata, decorators, typed: false);
            case "type":
                return ParseTypeDeclaration(decorators);
            case "func":
                return ParseFunction(decorators);
            case "targetScope":
                Advance();
                Expect("=");
                var scope = ParseExpression();
                return new BicepStatement(BicepStatementKind.TargetScope, decorators, null, null, scope, false, keyword.Start, scope.End);
            case "import":
            case "using":
            case "extension":
            case "provider":
            case "assert":
                return ParseSkippedLine(keyword, decorators);
            default:
                Error(keyword, $"'{keyword.Text}' does not start a declaration (param, var, resource, module, output, type, func, import, metadata, targetScope)");
                SkipToLineEnd();
                return new BicepStatement(BicepStatementKind.Error, decorators, null, null, null, false, keyword.Start, Current.Start);
        }
    }

    private BicepIdentifier? ParseDeclaredName()
    {
        if (Current.Kind == BicepTokenKind.Identifier)
        {
            var token = Advance();
            return new BicepIdentifier(token.Text, token.Start, token.End);
        }

        Error(Current, $"expected a name but found {Describe(Current)}");
        return null;
    }

    /// <summary><c>param name type [= default]</c>; in a .bicepparam file <c>param name = value</c>.</summary>
    private BicepStatement ParseParameter(List<BicepCall> decorators)
    {
        var keyword = Advance();
        var name = ParseDeclaredName();
        if (name is null)
        {
            SkipToLineEnd();
            return new BicepStatement(BicepStatementKind.Error, decorators, null, null, null, false, keyword.Start, Current.Start);
        }

        BicepExpression? type = null;
        if (!Current.Is("="))
        {
            type = SkipType();
        }

        BicepExpression? value = null;
        if (Accept("="))
        {
            value = ParseExpression();
        }

        return new BicepStatement(BicepStatementKind.Parameter, decorators, name, type, value, false, keyword.Start, value?.End ?? type?.End ?? name.End);
    }

    /// <summary><c>var name [type] = value</c>, <c>metadata name = value</c>.</summary>
    private BicepStatement ParseNamedWithValue(BicepStatementKind kind, List<BicepCall> decorators, bool typed)
    {
        var keyword = Advance();
        var name = ParseDeclaredName();
        BicepExpression? type = null;
        if (typed && name is not null && !Current.Is("="))
        {
            type = SkipType();
        }

        if (name is null || !Expect("="))
        {
            SkipToLineEnd();
            return new BicepStatement(BicepStatementKind.Error, decorators, name, null, null, false, keyword.Start, Current.Start);
        }

        var value = ParseExpression();
        return new BicepStatement(kind, decorators, name, type, value, false, keyword.Start, value.End);
    }

    private BicepStatement ParseResource(List<BicepCall> decorators)
    {
        var keyword = Advance();
        var name = ParseDeclaredName();
        var type = Current.Kind == BicepTokenKind.String ? ParsePrimary() : null;
        if (name is null || type is null)
        {
            if (name is not null)
            {
                Error(Current, "expected the resource type string, e.g. 'Microsoft.Network/azureFirewalls@2023-09-01'");
            }

            SkipToLineEnd();
            return new BicepStatement(BicepStatementKind.Error, decorators, name, type, null, false, keyword.Start, Current.Start);
        }

        var existing = false;
        if (Current.IsKeyword("existing"))
        {
            Advance();
            existing = true;
        }

        if (!Expect("="))
        {
            SkipToLineEnd();
            return new BicepStatement(BicepStatementKind.Error, decorators, name, type, null, existing, keyword.Start, Current.Start);
        }

        var body = ParseExpression();
        return new BicepStatement(BicepStatementKind.Resource, decorators, name, type, body, existing, keyword.Start, body.End);
    }

    private BicepStatement ParseModule(List<BicepCall> decorators)
    {
        var keyword = Advance();
        var name = ParseDeclaredName();
        var path = Current.Kind == BicepTokenKind.String ? ParsePrimary() : null;
        if (name is null || path is null || !Expect("="))
        {
            if (name is not null && path is null)
            {
                Error(Current, "expected the module path string, e.g. './firewall.bicep'");
            }

            SkipToLineEnd();
            return new BicepStatement(BicepStatementKind.Error, decorators, name, path, null, false, keyword.Start, Current.Start);
        }

        var body = ParseExpression();
        return new BicepStatement(BicepStatementKind.Module, decorators, name, path, body, false, keyword.Start, body.End);
    }

    private BicepStatement ParseOutput(List<BicepCall> decorators)
    {
        var keyword = Advance();
        var name = ParseDeclaredName();
        BicepExpression? type = null;
        if (name is not null)
        {
            if (Current.IsKeyword("resource"))
            {
                // output x resource 'type@version' = symbol
                Advance();
                type = Current.Kind == BicepTokenKind.String ? ParsePrimary() : null;
            }
            else
            {
                type = SkipType();
            }
        }

        if (name is null || !Expect("="))
        {
            SkipToLineEnd();
            return new BicepStatement(BicepStatementKind.Error, decorators, name, type, null, false, keyword.Start, Current.Start);
        }

        var value = ParseExpression();
        return new BicepStatement(BicepStatementKind.Output, decorators, name, type, value, false, keyword.Start, value.End);
    }

    private BicepStatement ParseTypeDeclaration(List<BicepCall> decorators)
    {
        var keyword = Advance();
        var name = ParseDeclaredName();
        if (name is null || !Expect("="))
        {
            SkipToLineEnd();
            return new BicepStatement(BicepStatementKind.Error, decorators, name, null, null, false, keyword.Start, Current.Start);
        }

        var type = SkipType();
        return new BicepStatement(BicepStatementKind.Type, decorators, name, type, null, false, keyword.Start, type.End);
    }

    /// <summary><c>func name(a string, b int) returnType =&gt; body</c>.</summary>
    private BicepStatement ParseFunction(List<BicepCall> decorators)
    {
        var keyword = Advance();
        var name = ParseDeclaredName();
        var parameters = new List<BicepIdentifier>();
        if (name is null || !Current.Is("("))
        {
            Error(Current, "expected '(' after the function name");
            SkipToLineEnd();
            return new BicepStatement(BicepStatementKind.Error, decorators, name, null, null, false, keyword.Start, Current.Start);
        }

        var open = Advance();
        while (!AtEnd && !Current.Is(")"))
        {
            SkipNewLines();
            if (Current.Kind == BicepTokenKind.Identifier)
            {
                var parameter = Advance();
                parameters.Add(new BicepIdentifier(parameter.Text, parameter.Start, parameter.End));
                SkipTypeUntil(stopAtComma: true);
            }

            SkipNewLines();
            if (!Accept(","))
            {
                break;
            }
        }

        Expect(")");
        SkipTypeUntil(stopAtComma: false, stopAtArrow: true);
        if (!Expect("=>"))
        {
            SkipToLineEnd();
            return new BicepStatement(BicepStatementKind.Error, decorators, name, null, null, false, keyword.Start, Current.Start);
        }

        SkipNewLines();
        var body = ParseExpression();
        var lambda = new BicepLambda(parameters, body, open.Start, body.End);
        return new BicepStatement(BicepStatementKind.Function, decorators, name, null, lambda, false, keyword.Start, body.End);
    }

    /// <summary>import / using / extension lines: kept with the path string they name (bicepparam's <c>using</c> needs it).</summary>
    private BicepStatement ParseSkippedLine(BicepToken keyword, List<BicepCall> decorators)
    {
        Advance();
        var imports = keyword.Text == "import" ? ImportedNames() : new List<(string, string)>();
        BicepExpression? path = null;
        var depth = 0;
        while (!AtEnd && !(depth == 0 && Current.Kind == BicepTokenKind.NewLine))
        {
            if (Current.Is("{") || Current.Is("(") || Current.Is("["))
            {
                depth++;
            }
            else if ((Current.Is("}") || Current.Is(")") || Current.Is("]")) && depth > 0)
            {
                depth--;
            }

            if (Current.Kind == BicepTokenKind.String && depth == 0 && path is null)
            {
                path = ParsePrimary();
                continue;
            }

            Advance();
        }

        var kind = keyword.Text switch
        {
            "using" => BicepStatementKind.Using,
            "import" => BicepStatementKind.Import,
            _ => BicepStatementKind.Extension,
        };
        return new BicepStatement(kind, decorators, null, path, null, false, keyword.Start, _tokens[Math.Max(0, _index - 1)].End) { Imports = imports };
    }

    /// <summary>
    /// <c>{ a, b as c }</c> or <c>* as ns</c> after <c>import</c> (newlines allowed inside the braces); stops at the first
    /// token of another shape, leaving the rest of the line to the caller. Empty for an extension import
    /// (<c>import 'az@1.0.0'</c>).
    /// </summary>
    private List<(string Exported, string Local)> ImportedNames()
    {
        var names = new List<(string, string)>();
        if (Current.Is("*"))
        {
            Advance();
            if (Current.IsKeyword("as"))
            {
                Advance();
                if (Current.Kind == BicepTokenKind.Identifier)
                {
                    names.Add(("*", Current.Text));
                    Advance();
                }
            }

            return names;
        }

        if (!Current.Is("{"))
        {
            return names;
        }

        Advance();
        while (!AtEnd && !Current.Is("}"))
        {
            if (Current.Kind is BicepTokenKind.NewLine || Current.Is(","))
            {
                Advance();
                continue;
            }

            if (Current.Kind != BicepTokenKind.Identifier)
            {
                // Not a name (code being typed): stepped over, to the closing brace.
                Advance();
                continue;
            }

            var exported = Current.Text;
            Advance();
            var local = exported;
            if (Current.IsKeyword("as"))
            {
                Advance();
                if (Current.Kind != BicepTokenKind.Identifier)
                {
                    continue;
                }

                local = Current.Text;
                Advance();
            }

            names.Add((exported, local));
        }

        if (Current.Is("}"))
        {
            Advance();
        }

        return names;
    }

    /// <summary>A type is not evaluated: skipped up to '=' or the end of the line, over brackets.</summary>
    private BicepTypeExpression SkipType() => SkipTypeUntil(stopAtComma: false);

    private BicepTypeExpression SkipTypeUntil(bool stopAtComma, bool stopAtArrow = false)
    {
        var start = Current.Start;
        var end = start;
        var depth = 0;
        while (!AtEnd)
        {
            var token = Current;
            if (depth == 0 && (token.Kind == BicepTokenKind.NewLine || token.Is("=") || (stopAtArrow && token.Is("=>"))
                || (stopAtComma && (token.Is(",") || token.Is(")")))))
            {
                break;
            }

            if (token.Is("{") || token.Is("[") || token.Is("(") || token.Is("<"))
            {
                depth++;
            }
            else if (token.Is("}") || token.Is("]") || token.Is(")") || token.Is(">"))
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }

            end = token.End;
            Advance();
        }

        return new BicepTypeExpression(start, end);
    }

    // ------------------------------------------------------------------ expressions

    private BicepExpression ParseExpression()
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            var at = Current;
            Error(at, $"the expression is nested more than {MaxDepth} levels deep");
            SkipToLineEnd();
            return new BicepErrorExpression(at.Start, at.End);
        }

        try
        {
            return ParseTernary();
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>A newline followed by one of <paramref name="symbols"/> continues the expression (multi-line ternaries).</summary>
    private bool ContinuesWith(params string[] symbols)
    {
        var offset = 0;
        while (PeekAt(offset).Kind == BicepTokenKind.NewLine)
        {
            offset++;
        }

        foreach (var symbol in symbols)
        {
            if (PeekAt(offset).Is(symbol))
            {
                if (offset > 0)
                {
                    SkipNewLines();
                }

                return true;
            }
        }

        return false;
    }

    private BicepExpression ParseTernary()
    {
        var condition = ParseBinary(0);
        if (!ContinuesWith("?"))
        {
            return condition;
        }

        Advance();
        SkipNewLines();
        var whenTrue = ParseExpression();
        if (!ContinuesWith(":"))
        {
            Error(Current, $"expected ':' of the conditional expression but found {Describe(Current)}");
            return new BicepTernary(condition, whenTrue, new BicepErrorExpression(Current.Start, Current.Start));
        }

        Advance();
        SkipNewLines();
        var whenFalse = ParseExpression();
        return new BicepTernary(condition, whenTrue, whenFalse);
    }

    private static readonly string[][] BinaryLevels =
    {
        new[] { "??" },
        new[] { "||" },
        new[] { "&&" },
        new[] { "==", "!=", "=~", "!~" },
        new[] { "<", "<=", ">", ">=" },
        new[] { "+", "-" },
        new[] { "*", "/", "%" },
    };

    private BicepExpression ParseBinary(int level)
    {
        if (level == BinaryLevels.Length)
        {
            return ParseUnary();
        }

        var left = ParseBinary(level + 1);
        while (true)
        {
            var operators = BinaryLevels[level];
            var continues = level <= 2 ? ContinuesWith(operators) : Array.Exists(operators, Current.Is);
            if (!continues)
            {
                return left;
            }

            var op = Advance().Text;
            SkipNewLines();
            var right = ParseBinary(level + 1);
            left = new BicepBinary(op, left, right);
        }
    }

    private BicepExpression ParseUnary()
    {
        if (Current.Is("!") || Current.Is("-"))
        {
            var op = Advance();
            var operand = ParseUnary();
            return new BicepUnary(op.Text, operand, op.Start, operand.End);
        }

        return ParsePostfix();
    }

    private BicepExpression ParsePostfix()
    {
        var expression = ParsePrimary();
        while (true)
        {
            if (Current.Is(".") || Current.Is(".?") || Current.Is("::"))
            {
                var dot = Advance();
                if (Current.Kind != BicepTokenKind.Identifier)
                {
                    Error(Current, $"expected a property name after '{dot.Text}'");
                    return expression;
                }

                var member = Advance();
                if (Current.Is("(") && dot.Text == ".")
                {
                    var (arguments, end) = ParseArguments();
                    expression = new BicepCall(expression, member.Text, arguments, expression.Start, end);
                }
                else
                {
                    var name = dot.Text == "::" ? "::" + member.Text : member.Text;
                    expression = new BicepPropertyAccess(expression, name, dot.Text == ".?", expression.Start, member.End);
                }
            }
            else if (Current.Is("["))
            {
                Advance();
                var safe = Accept("?");
                SkipNewLines();
                var index = ParseExpression();
                SkipNewLines();
                var close = Current;
                Expect("]");
                expression = new BicepIndexAccess(expression, index, safe, expression.Start, close.End);
            }
            else
            {
                return expression;
            }
        }
    }

    private (List<BicepExpression> Arguments, int End) ParseArguments()
    {
        Advance();
        var arguments = new List<BicepExpression>();
        SkipNewLines();
        while (!AtEnd && !Current.Is(")"))
        {
            var before = _index;
            arguments.Add(ParseExpression());
            SkipNewLines();
            if (!Accept(","))
            {
                if (!Current.Is(")"))
                {
                    Error(Current, $"expected ',' or ')' but found {Describe(Current)}");
                    if (_index == before)
                    {
                        Advance();
                    }

                    SkipToLineEnd();
                    return (arguments, Current.Start);
                }

                break;
            }

            SkipNewLines();
        }

        var close = Current;
        Expect(")");
        return (arguments, close.End);
    }

    private BicepExpression ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case BicepTokenKind.String:
                Advance();
                return StringFrom(token);
            case BicepTokenKind.Integer:
                Advance();
                return long.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                    ? new BicepInteger(value, token.Start, token.End)
                    : Bad(token, "the integer is too large");
            case BicepTokenKind.Identifier:
                return ParseIdentifierExpression();
            case BicepTokenKind.Symbol:
                switch (token.Text)
                {
                    case "{":
                        return ParseObject();
                    case "[":
                        return PeekAt(1).IsKeyword("for") ? ParseFor() : ParseArray();
                    case "(":
                        return ParseParenthesized();
                }

                break;
        }

        Error(token, $"expected a value but found {Describe(token)}");
        if (token.Kind is BicepTokenKind.Bad or BicepTokenKind.Symbol && !token.Is("}") && !token.Is("]") && !token.Is(")") && !token.Is(","))
        {
            Advance();
        }

        return new BicepErrorExpression(token.Start, token.End);
    }

    private BicepErrorExpression Bad(BicepToken token, string message)
    {
        Error(token, message);
        return new BicepErrorExpression(token.Start, token.End);
    }

    private BicepString StringFrom(BicepToken token)
    {
        var holes = new List<BicepExpression>();
        foreach (var (start, end) in token.Holes!)
        {
            var inner = new BicepParser(_text, start, end, _errors, null);
            inner._depth = _depth;
            inner.SkipNewLines();
            var hole = inner.AtEnd ? new BicepErrorExpression(start, end) : inner.ParseExpression();
            if (hole is BicepErrorExpression && inner.AtEnd && start == end)
            {
                Error(start - 2, 3, "the interpolation ${} is empty");
            }
            else if (!inner.AtEnd)
            {
                inner.Error(inner.Current, $"unexpected {Describe(inner.Current)} in the interpolation");
            }

            holes.Add(hole);
        }

        return new BicepString(token.Parts!, holes, token.Multiline, token.Start, token.End);
    }

    private BicepExpression ParseIdentifierExpression()
    {
        var token = Advance();
        switch (token.Text)
        {
            case "true":
                return new BicepBoolean(true, token.Start, token.End);
            case "false":
                return new BicepBoolean(false, token.Start, token.End);
            case "null":
                return new BicepNull(token.Start, token.End);
            case "if" when Current.Is("("):
                return ParseIfBody(token);
        }

        if (Current.Is("=>"))
        {
            Advance();
            SkipNewLines();
            var body = ParseExpression();
            return new BicepLambda(new[] { new BicepIdentifier(token.Text, token.Start, token.End) }, body, token.Start, body.End);
        }

        if (Current.Is("("))
        {
            var (arguments, end) = ParseArguments();
            return new BicepCall(null, token.Text, arguments, token.Start, end);
        }

        return new BicepIdentifier(token.Text, token.Start, token.End);
    }

    private BicepIf ParseIfBody(BicepToken keyword)
    {
        Advance();
        SkipNewLines();
        var condition = ParseExpression();
        SkipNewLines();
        Expect(")");
        SkipNewLines();
        var body = ParseExpression();
        return new BicepIf(condition, body, keyword.Start, body.End);
    }

    private BicepExpression ParseParenthesized()
    {
        var open = Current;

        // (a, b) => body
        var offset = 1;
        var isLambda = true;
        while (true)
        {
            var token = PeekAt(offset);
            if (token.Is(")"))
            {
                isLambda = PeekAt(offset + 1).Is("=>");
                break;
            }

            if (token.Kind is not (BicepTokenKind.Identifier or BicepTokenKind.NewLine) && !token.Is(","))
            {
                isLambda = false;
                break;
            }

            offset++;
        }

        Advance();
        if (isLambda)
        {
            var parameters = new List<BicepIdentifier>();
            while (!Current.Is(")"))
            {
                var token = Advance();
                if (token.Kind == BicepTokenKind.Identifier)
                {
                    parameters.Add(new BicepIdentifier(token.Text, token.Start, token.End));
                }
            }

            Advance();
            Advance();
            SkipNewLines();
            var body = ParseExpression();
            return new BicepLambda(parameters, body, open.Start, body.End);
        }

        SkipNewLines();
        var inner = ParseExpression();
        SkipNewLines();
        Expect(")");
        return inner;
    }

    private BicepObject ParseObject()
    {
        var open = Advance();
        var properties = new List<BicepObjectProperty>();
        var resources = new List<BicepStatement>();
        var spreads = new List<BicepExpression>();
        while (true)
        {
            while (Current.Kind == BicepTokenKind.NewLine || Current.Is(","))
            {
                Advance();
            }

            if (Current.Is("}"))
            {
                var close = Advance();
                return new BicepObject(properties, resources, spreads, open.Start, close.End);
            }

            if (AtEnd)
            {
                Error(open, "the object is not closed with '}'");
                return new BicepObject(properties, resources, spreads, open.Start, Current.Start);
            }

            var before = _index;
            ParseObjectItem(properties, resources, spreads);
            if (!AtEnd && Current.Kind != BicepTokenKind.NewLine && !Current.Is(",") && !Current.Is("}"))
            {
                Error(Current, $"expected a new line or ',' after the property but found {Describe(Current)}");
                SkipToLineEnd();
            }

            if (_index == before)
            {
                Advance();
            }
        }
    }

    private void ParseObjectItem(List<BicepObjectProperty> properties, List<BicepStatement> resources, List<BicepExpression> spreads)
    {
        var decorators = Current.Is("@") ? ParseDecorators() : (IReadOnlyList<BicepCall>)NoDecorators;
        if (Current.IsKeyword("resource") && PeekAt(1).Kind == BicepTokenKind.Identifier)
        {
            resources.Add(ParseResource(new List<BicepCall>(decorators)));
            return;
        }

        if (Current.Is("..."))
        {
            Advance();
            spreads.Add(ParseExpression());
            return;
        }

        var key = Current;
        string name;
        BicepString? interpolated = null;
        if (key.Kind == BicepTokenKind.Identifier)
        {
            name = key.Text;
            Advance();
        }
        else if (key.Kind == BicepTokenKind.String && key.Holes!.Count == 0)
        {
            name = key.Parts![0];
            Advance();
        }
        else if (key.Kind == BicepTokenKind.String)
        {
            name = string.Empty;
            Advance();
            interpolated = StringFrom(key);
        }
        else
        {
            Error(key, $"expected a property name but found {Describe(key)}");
            SkipToLineEnd();
            return;
        }

        if (!Expect(":"))
        {
            SkipToLineEnd();
            return;
        }

        SkipNewLines();
        var value = ParseExpression();
        properties.Add(new BicepObjectProperty(name, key.Start, key.End, value, decorators, interpolated));
    }

    private BicepArray ParseArray()
    {
        var open = Advance();
        var items = new List<BicepExpression>();
        while (true)
        {
            while (Current.Kind == BicepTokenKind.NewLine || Current.Is(","))
            {
                Advance();
            }

            if (Current.Is("]"))
            {
                var close = Advance();
                return new BicepArray(items, open.Start, close.End);
            }

            if (AtEnd)
            {
                Error(open, "the array is not closed with ']'");
                return new BicepArray(items, open.Start, Current.Start);
            }

            var before = _index;
            if (Current.Is("..."))
            {
                var spread = Advance();
                var value = ParseExpression();
                items.Add(new BicepSpread(value, spread.Start, value.End));
            }
            else
            {
                items.Add(ParseExpression());
            }

            if (!AtEnd && Current.Kind != BicepTokenKind.NewLine && !Current.Is(",") && !Current.Is("]"))
            {
                Error(Current, $"expected a new line or ',' after the array item but found {Describe(Current)}");
                SkipToLineEnd();
            }

            if (_index == before)
            {
                Advance();
            }
        }
    }

    private BicepFor ParseFor()
    {
        var open = Advance();
        Advance(); // for
        BicepIdentifier? item = null;
        BicepIdentifier? index = null;
        if (Accept("("))
        {
            item = ParseDeclaredName();
            if (Accept(","))
            {
                index = ParseDeclaredName();
            }

            Expect(")");
        }
        else
        {
            item = ParseDeclaredName();
        }

        if (!Current.IsKeyword("in"))
        {
            Error(Current, $"expected 'in' but found {Describe(Current)}");
        }
        else
        {
            Advance();
        }

        var source = ParseExpression();
        Expect(":");
        SkipNewLines();
        var body = ParseExpression();
        SkipNewLines();
        var close = Current;
        if (!Expect("]"))
        {
            SkipToLineEnd();
            Accept("]");
        }

        return new BicepFor(item, index, source, body, open.Start, close.End);
    }
}
