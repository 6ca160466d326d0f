using System;
using EgressAnalyzers.Engine.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace EgressAnalyzers.Build;

/// <summary>
/// Logs the findings the analysis left in <see cref="FindingsFile"/> as canonical
/// <c>file(line,col): warning EGRnnnn: message</c> entries with the rule's help link (so the VS Error List and CI log
/// parsers pick them up), applying <c>EgressWarningsAsErrors</c>. It runs on every build, the analysis only when inputs
/// changed, so an unchanged project still shows (and still fails on) its findings.
/// </summary>
public sealed class EgressReportFindings : Task
{
    private const string Subcategory = "EgressAnalyzers";

    [Required]
    public string FindingsFile { get; set; } = "";

    /// <summary><c>true</c>, or a list of rule IDs, to turn into errors.</summary>
    public string? WarningsAsErrors { get; set; }

    public override bool Execute()
    {
        var records = FindingRecord.ReadAll(FindingsFile);
        if (records is null)
        {
            Log.LogError($"EgressAnalyzers: the findings file '{FindingsFile}' is missing or unreadable; rebuild to re-run the analysis.");
            return false;
        }

        var gating = Gating.Parse(WarningsAsErrors);
        foreach (var record in records)
        {
            var severity = Enum.TryParse<RuleSeverity>(record.Severity, out var parsed) ? parsed : RuleSeverity.Warning;
            var file = record.File.Length == 0 ? null : record.File;
            switch (gating.Apply(record.RuleId, severity))
            {
                case RuleSeverity.Error:
                    Log.LogError(Subcategory, record.RuleId, record.RuleId, record.HelpLink, file,
                        record.Line, record.Column, record.EndLine, record.EndColumn, "{0}", record.Message);
                    break;
                case RuleSeverity.Warning:
                    Log.LogWarning(Subcategory, record.RuleId, record.RuleId, record.HelpLink, file,
                        record.Line, record.Column, record.EndLine, record.EndColumn, "{0}", record.Message);
                    break;
                default:
                    // Info findings (the analyzer's Info severity): shown, never failing the build.
                    Log.LogMessage(Subcategory, record.RuleId, record.RuleId, file,
                        record.Line, record.Column, record.EndLine, record.EndColumn, MessageImportance.High, "{0}", record.Message);
                    break;
            }
        }

        return !Log.HasLoggedErrors;
    }
}
