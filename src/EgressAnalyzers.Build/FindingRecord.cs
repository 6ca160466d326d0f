using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace EgressAnalyzers.Build;

/// <summary>
/// One finding as the analysis target leaves it for the report target (obj/…/egress.findings): analysis is incremental
/// (skipped when no input changed) but the findings must still be logged on every build, like the compiler's warnings.
/// </summary>
internal sealed class FindingRecord
{
    private const string Header = "egress-findings v1";

    public FindingRecord(string severity, string ruleId, string file, int line, int column, int endLine, int endColumn, string helpLink, string message)
    {
        Severity = severity;
        RuleId = ruleId;
        File = file;
        Line = line;
        Column = column;
        EndLine = endLine;
        EndColumn = endColumn;
        HelpLink = helpLink;
        Message = message;
    }

    /// <summary>The rule's default severity: Info, Warning or Error (gating is applied when logging).</summary>
    public string Severity { get; }

    public string RuleId { get; }

    /// <summary>Full path, or empty for findings without a file (configuration problems).</summary>
    public string File { get; }

    /// <summary>One-based; zero when there is no file.</summary>
    public int Line { get; }

    public int Column { get; }

    public int EndLine { get; }

    public int EndColumn { get; }

    public string HelpLink { get; }

    public string Message { get; }

    public static void WriteAll(string path, IEnumerable<FindingRecord> records)
    {
        var builder = new StringBuilder(Header).Append('\n');
        foreach (var r in records)
        {
            builder.Append(string.Join("\t", new[]
            {
                r.Severity, r.RuleId, Escape(r.File),
                Number(r.Line), Number(r.Column), Number(r.EndLine), Number(r.EndColumn),
                Escape(r.HelpLink), Escape(r.Message),
            })).Append('\n');
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        System.IO.File.WriteAllText(path, builder.ToString(), new UTF8Encoding(false));
    }

    /// <summary>Null when the file is missing or not in this format (an older task wrote it): the caller re-analyzes.</summary>
    public static List<FindingRecord>? ReadAll(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            return null;
        }

        var lines = System.IO.File.ReadAllText(path, Encoding.UTF8).Split('\n');
        if (lines.Length == 0 || lines[0] != Header)
        {
            return null;
        }

        var records = new List<FindingRecord>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var f = lines[i].Split('\t');
            if (f.Length != 9)
            {
                return null;
            }

            records.Add(new FindingRecord(f[0], f[1], Unescape(f[2]), Parse(f[3]), Parse(f[4]), Parse(f[5]), Parse(f[6]), Unescape(f[7]), Unescape(f[8])));
        }

        return records;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Parse(string text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");

    private static string Unescape(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                builder.Append(text[i] switch { 't' => '\t', 'n' => '\n', 'r' => '\r', var other => other });
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }
}
