using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace EgressAnalyzers.Engine.Sarif;

/// <summary>
/// A minimal indented JSON writer: the engine has no dependencies (it runs inside the compiler and MSBuild hosts), so
/// SARIF is written by hand. It tracks whether a comma is due and escapes strings per RFC 8259.
/// </summary>
internal sealed class JsonTextWriter
{
    private readonly StringBuilder _output = new();
    private readonly Stack<bool> _hasItems = new();
    private bool _afterName;

    public override string ToString() => _output.ToString();

    public JsonTextWriter StartObject() => Open('{');

    public JsonTextWriter EndObject() => Close('}');

    public JsonTextWriter StartArray() => Open('[');

    public JsonTextWriter EndArray() => Close(']');

    public JsonTextWriter Name(string name)
    {
        BeforeValue();
        WriteString(name);
        _output.Append(": ");
        _afterName = true;
        return this;
    }

    public JsonTextWriter String(string? value)
    {
        BeforeValue();
        if (value is null)
        {
            _output.Append("null");
        }
        else
        {
            WriteString(value);
        }

        return this;
    }

    public JsonTextWriter Number(int value)
    {
        BeforeValue();
        _output.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public JsonTextWriter Property(string name, string value) => Name(name).String(value);

    public JsonTextWriter Property(string name, int value) => Name(name).Number(value);

    private JsonTextWriter Open(char bracket)
    {
        BeforeValue();
        _output.Append(bracket);
        _hasItems.Push(false);
        return this;
    }

    private JsonTextWriter Close(char bracket)
    {
        var hadItems = _hasItems.Pop();
        if (hadItems)
        {
            NewLine();
        }

        _output.Append(bracket);
        return this;
    }

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        if (_hasItems.Count == 0)
        {
            return;
        }

        if (_hasItems.Peek())
        {
            _output.Append(',');
        }
        else
        {
            _hasItems.Pop();
            _hasItems.Push(true);
        }

        NewLine();
    }

    private void NewLine()
    {
        _output.Append('\n');
        _output.Append(' ', _hasItems.Count * 2);
    }

    private void WriteString(string value)
    {
        _output.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': _output.Append("\\\""); break;
                case '\\': _output.Append("\\\\"); break;
                case '\n': _output.Append("\\n"); break;
                case '\r': _output.Append("\\r"); break;
                case '\t': _output.Append("\\t"); break;
                case '\b': _output.Append("\\b"); break;
                case '\f': _output.Append("\\f"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029')
                    {
                        _output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        _output.Append(c);
                    }

                    break;
            }
        }

        _output.Append('"');
    }
}
