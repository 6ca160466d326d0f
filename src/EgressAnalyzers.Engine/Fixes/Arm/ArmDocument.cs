using System;
using System.Collections.Generic;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Fixes.Arm;

/// <summary>One step from the root to a JSON node: the node, its container and how it is reached.</summary>
internal sealed class JsonStep
{
    public JsonStep(JsonNode node, JsonNode? container, string? propertyName, int index)
    {
        Node = node;
        Container = container;
        PropertyName = propertyName;
        Index = index;
    }

    public JsonNode Node { get; }

    /// <summary>The array or object holding <see cref="Node"/>; null for the root.</summary>
    public JsonNode? Container { get; }

    /// <summary>The property name when the container is an object.</summary>
    public string? PropertyName { get; }

    /// <summary>The item index (array) or property index (object).</summary>
    public int Index { get; }
}

/// <summary>
/// An ARM template's text for writing: the parsed tree with paths to the model's spans, and the file's style (line
/// ending, indentation unit, spacing inside one-line brackets) so that inserted text looks like the user's own.
/// </summary>
internal sealed class ArmDocument
{
    private ArmDocument(string path, string text, JsonDocument document)
    {
        Path = path;
        Text = text;
        Document = document;
        NewLine = DetectNewLine(text);
        IndentUnit = DetectIndentUnit(text);
        SpaceInsideBrackets = DetectSpaceInsideBrackets(document.Root, text);
    }

    public string Path { get; }

    public string Text { get; }

    public JsonDocument Document { get; }

    public JsonObject? Root => Document.Root as JsonObject;

    public string NewLine { get; }

    public string IndentUnit { get; }

    /// <summary><c>[ "a" ]</c> rather than <c>["a"]</c> for one-line arrays and objects.</summary>
    public bool SpaceInsideBrackets { get; }

    public static ArmDocument? TryParse(string path, string text)
    {
        var document = JsonDocument.Parse(text);
        return document.Errors.Count == 0 && document.Root is JsonObject ? new ArmDocument(path, text, document) : null;
    }

    /// <summary>The path to the node written exactly at <paramref name="span"/>, or null (other file, computed value, …).</summary>
    public List<JsonStep>? PathTo(SourceSpan span)
    {
        if (span.IsEmpty || !string.Equals(span.FilePath, Path, StringComparison.Ordinal) || Document.Root is null)
        {
            return null;
        }

        var path = new List<JsonStep> { new(Document.Root, null, null, 0) };
        var node = Document.Root;
        while (!(node.Start == span.Start && node.Length == span.Length))
        {
            JsonStep? next = null;
            switch (node)
            {
                case JsonObject obj:
                    for (var i = 0; i < obj.Properties.Count && next is null; i++)
                    {
                        var value = obj.Properties[i].Value;
                        if (value.Start <= span.Start && value.End >= span.Start + span.Length)
                        {
                            next = new JsonStep(value, obj, obj.Properties[i].Name, i);
                        }
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Items.Count && next is null; i++)
                    {
                        var item = array.Items[i];
                        if (item.Start <= span.Start && item.End >= span.Start + span.Length)
                        {
                            next = new JsonStep(item, array, null, i);
                        }
                    }

                    break;
            }

            if (next is null)
            {
                return null;
            }

            path.Add(next);
            node = next.Node;
        }

        return path;
    }

    /// <summary>True when a node on the path (the target included) is repeated by a <c>copy</c> loop.</summary>
    public static bool InsideCopy(List<JsonStep> path)
    {
        foreach (var step in path)
        {
            if (step.Node is JsonObject obj && obj["copy"] is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The innermost template object on the path (the root, or a nested deployment's <c>properties.template</c>):
    /// expressions are only valid in the template they are written in.
    /// </summary>
    public static JsonNode? TemplateOf(List<JsonStep> path)
    {
        JsonNode? template = null;
        foreach (var step in path)
        {
            if (step.Container is null || (step.PropertyName is not null && string.Equals(step.PropertyName, "template", StringComparison.OrdinalIgnoreCase) && step.Node is JsonObject))
            {
                template = step.Node;
            }
        }

        return template;
    }

    /// <summary>The whitespace that starts the line holding <paramref name="offset"/>.</summary>
    public string LineIndent(int offset)
    {
        var lineStart = LineStart(offset);
        var end = lineStart;
        while (end < Text.Length && (Text[end] == ' ' || Text[end] == '\t'))
        {
            end++;
        }

        return Text.Substring(lineStart, end - lineStart);
    }

    public int LineStart(int offset)
    {
        var start = Math.Min(offset, Text.Length);
        while (start > 0 && Text[start - 1] != '\n' && Text[start - 1] != '\r')
        {
            start--;
        }

        return start;
    }

    /// <summary>True when only spaces or tabs precede <paramref name="offset"/> on its line.</summary>
    public bool IsFirstOnLine(int offset)
    {
        for (var i = LineStart(offset); i < offset; i++)
        {
            if (Text[i] != ' ' && Text[i] != '\t')
            {
                return false;
            }
        }

        return true;
    }

    public bool HasLineBreak(int start, int end)
    {
        for (var i = Math.Max(start, 0); i < Math.Min(end, Text.Length); i++)
        {
            if (Text[i] == '\n' || Text[i] == '\r')
            {
                return true;
            }
        }

        return false;
    }

    public bool IsSingleLine(JsonNode node) => !HasLineBreak(node.Start, node.End);

    /// <summary>The first character after <paramref name="offset"/> that is neither whitespace nor inside a comment.</summary>
    public int SkipTrivia(int offset)
    {
        var i = offset;
        while (i < Text.Length)
        {
            if (char.IsWhiteSpace(Text[i]))
            {
                i++;
            }
            else if (Text[i] == '/' && i + 1 < Text.Length && Text[i + 1] == '/')
            {
                while (i < Text.Length && Text[i] != '\n' && Text[i] != '\r')
                {
                    i++;
                }
            }
            else if (Text[i] == '/' && i + 1 < Text.Length && Text[i + 1] == '*')
            {
                var close = Text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? Text.Length : close + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    public string Slice(JsonNode node) => Text.Substring(node.Start, node.Length);

    private static string DetectNewLine(string text)
    {
        var index = text.IndexOf('\n');
        return index > 0 && text[index - 1] == '\r' ? "\r\n" : "\n";
    }

    /// <summary>Tabs if lines are indented with tabs; else the smallest indentation step between consecutive lines (2 by default).</summary>
    private static string DetectIndentUnit(string text)
    {
        var previous = 0;
        var smallest = int.MaxValue;
        var tabs = 0;
        var spaces = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (line[0] == '\t')
            {
                tabs++;
                continue;
            }

            var width = 0;
            while (width < line.Length && line[width] == ' ')
            {
                width++;
            }

            if (width > 0)
            {
                spaces++;
            }

            if (width > previous && width - previous < smallest)
            {
                smallest = width - previous;
            }

            previous = width;
        }

        if (tabs > spaces)
        {
            return "\t";
        }

        return new string(' ', smallest == int.MaxValue || smallest > 8 ? 2 : smallest);
    }

    private static bool DetectSpaceInsideBrackets(JsonNode? root, string text)
    {
        var stack = new Stack<JsonNode>();
        if (root is not null)
        {
            stack.Push(root);
        }

        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is JsonArray array)
            {
                if (array.Items.Count > 0 && text.IndexOf('\n', array.Start, array.Length) < 0)
                {
                    return text[array.Start + 1] == ' ';
                }

                foreach (var item in array.Items)
                {
                    stack.Push(item);
                }
            }
            else if (node is JsonObject obj)
            {
                for (var i = obj.Properties.Count - 1; i >= 0; i--)
                {
                    stack.Push(obj.Properties[i].Value);
                }
            }
        }

        return true;
    }
}
