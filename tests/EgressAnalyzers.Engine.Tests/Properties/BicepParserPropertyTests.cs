using CsCheck;
using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Bicep;

namespace EgressAnalyzers.Engine.Tests.Properties;

/// <summary>
/// The Bicep parser and reader on random token soup built from Bicep's own vocabulary (keywords, decorators,
/// interpolated and multi-line strings, loops, conditions, operators): never an exception, always finished, and
/// every syntax error inside the text. Bounded so CI stays fast; a failure prints the seed to replay.
/// </summary>
public class BicepParserPropertyTests
{
    private static readonly string[] Tokens =
    {
        "param", "var", "resource", "module", "output", "type", "func", "import", "metadata", "targetScope", "existing", "for", "in", "if",
        "@description('x')", "@batchSize(2)", "location", "fw", "rules", "'Microsoft.Network/azureFirewalls@2024-05-01'", "'./mod.bicep'",
        "'br/public:avm/res/network/firewall:0.1.0'", "=", "{", "}", "[", "]", "(", ")", ":", ",", ".", ".?", "??", "?", "!", "==", "&&", "||",
        "'text'", "'${location}'", "'a${'", "'''multi\nline'''", "'unterminated", "${", "0", "42", "-1", "true", "null", "sys.concat(", "az.resourceGroup()",
        "parent:", "name:", "properties:", "//comment\n", "/* block */", "/* open", "\n", "\r\n", "\t", "#disable-next-line EGR1001\n", "::", "[0]", "*", "=>",
    };

    private static readonly Gen<string> TokenSoup =
        Gen.OneOf(Tokens).Array[0, 120].Select(tokens => string.Join(" ", tokens));

    [Fact]
    public void RandomTokenSoup_ParsesWithoutExceptions_AndErrorsLieInsideTheText()
    {
        TokenSoup.Sample(
            text =>
            {
                var file = BicepParser.Parse(text);
                // The parser may point one past the end ("expected '}' but found the end of the file"); the reader
                // clamps that into the text before it becomes a finding (checked by the next property).
                Assert.All(file.Errors, error => Assert.True(error.Start >= 0 && error.Start + error.Length <= text.Length + 1, $"error at {error.Start}+{error.Length} in {text.Length} characters"));
            },
            iter: 3000,
            threads: 1);
    }

    [Fact]
    public void RandomTokenSoup_IsReadAsATemplateWithoutExceptions_AndFindingsLieInsideTheText()
    {
        TokenSoup.Sample(
            text =>
            {
                var input = new TemplateInput("/repo/infra/main.bicep", text, optedIn: true);
                foreach (var result in BicepReader.Read(new[] { input }, new ArmReadOptions()))
                {
                    Assert.All(result.Diagnostics.Where(d => d.Location.FilePath == input.Path), d => Assert.InRange(d.Location.End, d.Location.Start, text.Length));
                }
            },
            iter: 1500,
            threads: 1);
    }
}
