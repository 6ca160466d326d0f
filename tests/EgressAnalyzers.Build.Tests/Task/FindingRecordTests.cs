using EgressAnalyzers.Build;

namespace EgressAnalyzers.Build.Tests.Task;

/// <summary>The findings file the analysis target leaves for the report target.</summary>
public class FindingRecordTests
{
    [Fact]
    public void WriteThenRead_KeepsEveryField_IncludingTabsNewlinesAndBackslashesInTheMessage()
    {
        var path = Path.Combine(Path.GetTempPath(), "egress-findings-" + Guid.NewGuid().ToString("N") + ".txt");
        var written = new[]
        {
            new FindingRecord("Warning", "EGR1001", "/repo/infra/hub.json", 18, 21, 18, 31, "https://example/EGR1001.md", "a\tb\nc\\d \\t literal"),
            new FindingRecord("Info", "EGR0001", "", 0, 0, 0, 0, "https://example/EGR0001.md", "no file"),
        };
        try
        {
            FindingRecord.WriteAll(path, written);
            var read = FindingRecord.ReadAll(path);

            Assert.NotNull(read);
            Assert.Equal(
                written.Select(r => (r.Severity, r.RuleId, r.File, r.Line, r.Column, r.EndLine, r.EndColumn, r.HelpLink, r.Message)),
                read!.Select(r => (r.Severity, r.RuleId, r.File, r.Line, r.Column, r.EndLine, r.EndColumn, r.HelpLink, r.Message)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_OfAMissingOrForeignFile_IsNull_SoTheReportAsksForARebuild()
    {
        var path = Path.Combine(Path.GetTempPath(), "egress-findings-" + Guid.NewGuid().ToString("N") + ".txt");
        Assert.Null(FindingRecord.ReadAll(path));

        File.WriteAllText(path, "something else\n");
        try
        {
            Assert.Null(FindingRecord.ReadAll(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
