using EgressAnalyzers.Engine.Json;

namespace EgressAnalyzers.Engine.Tests.Json;

public class JsonDocumentTests
{
    private static string Span(string text, int start, int length) => text.Substring(start, length);

    private static string Span(string text, JsonNode node) => text.Substring(node.Start, node.Length);

    [Fact]
    public void Parse_EveryNodeKind_HasExactSpans()
    {
        const string text = "{ \"s\": \"abc\", \"n\": -12.5e3, \"t\": true, \"f\": false, \"z\": null, \"a\": [1, {\"k\": 2}] }";
        var doc = JsonDocument.Parse(text);

        Assert.Empty(doc.Errors);
        var root = Assert.IsType<JsonObject>(doc.Root);
        Assert.Equal(text, Span(text, root));
        Assert.Equal(6, root.Properties.Count);

        var s = Assert.IsType<JsonString>(root["s"]);
        Assert.Equal("abc", s.Value);
        Assert.Equal("\"abc\"", Span(text, s));

        var n = Assert.IsType<JsonNumber>(root["n"]);
        Assert.Equal("-12.5e3", n.RawText);
        Assert.Equal("-12.5e3", Span(text, n));
        Assert.Null(n.IntegerValue);

        Assert.Equal(JsonNodeKind.True, root["t"]!.Kind);
        Assert.Equal("true", Span(text, root["t"]!));
        Assert.Equal(JsonNodeKind.False, root["f"]!.Kind);
        Assert.Equal("false", Span(text, root["f"]!));
        Assert.Equal(JsonNodeKind.Null, root["z"]!.Kind);
        Assert.Equal("null", Span(text, root["z"]!));

        var a = Assert.IsType<JsonArray>(root["a"]);
        Assert.Equal("[1, {\"k\": 2}]", Span(text, a));
        Assert.Equal("1", Span(text, a.Items[0]));
        var inner = Assert.IsType<JsonObject>(a.Items[1]);
        Assert.Equal("{\"k\": 2}", Span(text, inner));
    }

    [Fact]
    public void Parse_PropertyNames_SpanTheNameTokenWithQuotes()
    {
        const string text = "{\n  \"first\" : 1,\n  \"se\\u0063ond\": 2\n}";
        var root = Assert.IsType<JsonObject>(JsonDocument.Parse(text).Root);

        var first = root.Properties[0];
        Assert.Equal("first", first.Name);
        Assert.Equal("\"first\"", Span(text, first.NameStart, first.NameLength));

        var second = root.Properties[1];
        Assert.Equal("second", second.Name);
        Assert.Equal("\"se\\u0063ond\"", Span(text, second.NameStart, second.NameLength));
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-7", -7L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Parse_IntegerNumbers_HaveIntegerValue(string text, long expected)
    {
        var number = Assert.IsType<JsonNumber>(JsonDocument.Parse(text).Root);
        Assert.Equal(expected, number.IntegerValue);
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData("-0.5")]
    [InlineData("2E-3")]
    [InlineData("3.0e+10")]
    public void Parse_NumbersWithFractionOrExponent_KeepRawText(string text)
    {
        var doc = JsonDocument.Parse(text);
        Assert.Empty(doc.Errors);
        Assert.Equal(text, Assert.IsType<JsonNumber>(doc.Root).RawText);
    }

    [Theory]
    [InlineData("01")]
    [InlineData("1.")]
    [InlineData("-")]
    [InlineData("1e")]
    [InlineData("1.2.3")]
    [InlineData("12abc")]
    public void Parse_MalformedNumbers_AreErrorsAtTheToken(string text)
    {
        var doc = JsonDocument.Parse("[" + text + "]");
        var error = Assert.Single(doc.Errors);
        Assert.Equal(1, error.Start);
        Assert.Equal(text.Length, error.Length);
        Assert.Contains("invalid number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Comments_AreKeptWithSpansAndBodies()
    {
        const string text = "// head\r\n{ /* a */ \"x\": /*b*/ 1 // tail\n}\n/* end */";
        var doc = JsonDocument.Parse(text);

        Assert.Empty(doc.Errors);
        Assert.Equal(1L, Assert.IsType<JsonNumber>(Assert.IsType<JsonObject>(doc.Root)["x"]).IntegerValue);
        Assert.Equal(new[] { " head", " a ", "b", " tail", " end " }, doc.Comments.Select(c => c.Text));
        Assert.Equal(new[] { "// head", "/* a */", "/*b*/", "// tail", "/* end */" }, doc.Comments.Select(c => Span(text, c.Start, c.Length)));
    }

    [Fact]
    public void Parse_OnlyAComment_HasNoRootButKeepsTheComment()
    {
        var doc = JsonDocument.Parse("/* nothing here */");
        Assert.Null(doc.Root);
        Assert.Single(doc.Comments);
        var error = Assert.Single(doc.Errors);
        Assert.Equal(18, error.Start);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n\t")]
    [InlineData("\uFEFF")]
    public void Parse_EmptyInput_HasNoRootAndOneError(string text)
    {
        var doc = JsonDocument.Parse(text);
        Assert.Null(doc.Root);
        Assert.Single(doc.Errors);
        Assert.Equal(text, doc.Text);
    }

    [Fact]
    public void Parse_LeadingBom_IsSkippedAndOffsetsCountIt()
    {
        const string text = "\uFEFF{\"a\":1}";
        var doc = JsonDocument.Parse(text);
        Assert.Empty(doc.Errors);
        var root = Assert.IsType<JsonObject>(doc.Root);
        Assert.Equal(1, root.Start);
        Assert.Equal(2, root.Properties[0].NameStart);
    }

    [Fact]
    public void Parse_CrLfAndCrLineEndings_AreWhitespace()
    {
        const string text = "{\r\n\"a\":\r1,\n\"b\"\r\n:\r\n2\r\n}";
        var doc = JsonDocument.Parse(text);
        Assert.Empty(doc.Errors);
        var root = Assert.IsType<JsonObject>(doc.Root);
        Assert.Equal(2L, Assert.IsType<JsonNumber>(root["b"]).IntegerValue);
        Assert.Equal("2", Span(text, root["b"]!));
    }

    [Fact]
    public void Parse_LineCommentEndsAtCr()
    {
        const string text = "[1, // c\r2]";
        var doc = JsonDocument.Parse(text);
        Assert.Empty(doc.Errors);
        Assert.Equal(2, Assert.IsType<JsonArray>(doc.Root).Items.Count);
        Assert.Equal(" c", doc.Comments[0].Text);
    }

    [Theory]
    [InlineData("\"a\\\"b\"", "a\"b")]
    [InlineData("\"\\\\\\/\\b\\f\\n\\r\\t\"", "\\/\b\f\n\r\t")]
    [InlineData("\"\\u0041\\u00e9\"", "Aé")]
    [InlineData("\"\\ud83d\\ude00\"", "\U0001F600")]
    [InlineData("\"[[escaped]\"", "[[escaped]")]
    public void Parse_Escapes_AreDecoded(string text, string expected)
    {
        var doc = JsonDocument.Parse(text);
        Assert.Empty(doc.Errors);
        var s = Assert.IsType<JsonString>(doc.Root);
        Assert.Equal(expected, s.Value);
        Assert.Equal(text.Length, s.Length);
    }

    [Fact]
    public void Parse_LoneSurrogateEscape_IsKeptAsWritten()
    {
        var s = Assert.IsType<JsonString>(JsonDocument.Parse("\"x\\ud83dy\"").Root);
        Assert.Equal(3, s.Value.Length);
        Assert.Equal('\ud83d', s.Value[1]);
    }

    [Fact]
    public void Parse_InvalidEscape_IsAnErrorButTheStringIsKept()
    {
        const string text = "{\"a\": \"x\\qy\", \"b\": 1}";
        var doc = JsonDocument.Parse(text);
        var error = Assert.Single(doc.Errors);
        Assert.Equal(text.IndexOf('\\', StringComparison.Ordinal), error.Start);
        Assert.Equal(2, error.Length);
        var root = Assert.IsType<JsonObject>(doc.Root);
        Assert.Equal("xqy", Assert.IsType<JsonString>(root["a"]).Value);
        Assert.NotNull(root["b"]);
    }

    [Fact]
    public void Parse_TrailingCommas_AreAcceptedSilently()
    {
        var doc = JsonDocument.Parse("{\"a\": [1, 2,], \"b\": {\"c\": 3,},}");
        Assert.Empty(doc.Errors);
        var root = Assert.IsType<JsonObject>(doc.Root);
        Assert.Equal(2, Assert.IsType<JsonArray>(root["a"]).Items.Count);
        Assert.Single(Assert.IsType<JsonObject>(root["b"]).Properties);
    }

    [Fact]
    public void Parse_DuplicateNames_AreAllKeptAndTheLastWinsInLookup()
    {
        var root = Assert.IsType<JsonObject>(JsonDocument.Parse("{\"a\": 1, \"A\": 2}").Root);
        Assert.Equal(2, root.Properties.Count);
        Assert.Equal(2L, Assert.IsType<JsonNumber>(root.GetProperty("a")!.Value).IntegerValue);
    }

    [Fact]
    public void Parse_UnterminatedString_IsAnErrorAtTheOpeningQuote()
    {
        const string text = "{\"a\": 1, \"b\": \"oops\n}";
        var doc = JsonDocument.Parse(text);
        var error = Assert.Single(doc.Errors);
        Assert.Equal("unterminated string", error.Message);
        Assert.Equal(text.IndexOf("\"oops", StringComparison.Ordinal), error.Start);
        Assert.Equal("\"oops".Length, error.Length);

        var root = Assert.IsType<JsonObject>(doc.Root);
        Assert.Equal(1L, Assert.IsType<JsonNumber>(root["a"]).IntegerValue);
        Assert.Null(root["b"]);
    }

    [Fact]
    public void Parse_MissingColon_IsReportedAtTheValueAndReadingGoesOn()
    {
        const string text = "{\"a\" 1, \"b\": 2}";
        var doc = JsonDocument.Parse(text);
        var error = Assert.Single(doc.Errors);
        Assert.Contains("':'", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, error.Start);
        Assert.Equal(1, error.Length);
        var root = Assert.IsType<JsonObject>(doc.Root);
        Assert.NotNull(root["a"]);
        Assert.NotNull(root["b"]);
    }

    [Fact]
    public void Parse_MissingComma_IsReportedAtTheNextPropertyAndReadingGoesOn()
    {
        const string text = "{\"a\": 1\n \"b\": 2, \"c\": [1 2]}";
        var doc = JsonDocument.Parse(text);
        Assert.Equal(2, doc.Errors.Count);
        Assert.Equal(text.IndexOf("\"b\"", StringComparison.Ordinal), doc.Errors[0].Start);
        Assert.Equal(3, doc.Errors[0].Length);
        Assert.Equal(text.IndexOf(" 2]", StringComparison.Ordinal) + 1, doc.Errors[1].Start);
        var root = Assert.IsType<JsonObject>(doc.Root);
        Assert.Equal(3, root.Properties.Count);
        Assert.Equal(2, Assert.IsType<JsonArray>(root["c"]).Items.Count);
    }

    [Fact]
    public void Parse_UnexpectedCharacter_StopsButKeepsEarlierProperties()
    {
        const string text = "{\"a\": {\"x\": 1}, \"b\": @, \"c\": 3}";
        var doc = JsonDocument.Parse(text);
        var error = Assert.Single(doc.Errors);
        Assert.Equal(text.IndexOf('@', StringComparison.Ordinal), error.Start);
        Assert.Equal(1, error.Length);
        Assert.Contains("'@'", error.Message, StringComparison.Ordinal);

        var root = Assert.IsType<JsonObject>(doc.Root);
        Assert.Single(root.Properties);
        Assert.Equal(1L, Assert.IsType<JsonNumber>(Assert.IsType<JsonObject>(root["a"])["x"]).IntegerValue);
        Assert.Equal(0, root.Start);
        Assert.Equal(text.IndexOf(':', 16), root.End - 1);
    }

    [Fact]
    public void Parse_TruncatedFile_KeepsPartialContainersAndPointsAtTheEnd()
    {
        const string text = "{\"resources\": [{\"name\": \"fw\", \"properties\": {\"a\": 1,";
        var doc = JsonDocument.Parse(text);
        var error = Assert.Single(doc.Errors);
        Assert.Equal(text.Length, error.Start);
        Assert.Equal(0, error.Length);
        Assert.Contains("end of text", error.Message, StringComparison.Ordinal);

        var root = Assert.IsType<JsonObject>(doc.Root);
        var resource = Assert.IsType<JsonObject>(Assert.Single(Assert.IsType<JsonArray>(root["resources"]).Items));
        Assert.Equal("fw", Assert.IsType<JsonString>(resource["name"]).Value);
        Assert.Equal(1L, Assert.IsType<JsonNumber>(Assert.IsType<JsonObject>(resource["properties"])["a"]).IntegerValue);
        Assert.Equal(text.Length, root.End);
    }

    [Fact]
    public void Parse_UnterminatedComment_IsAnErrorAndTheValueIsKept()
    {
        var doc = JsonDocument.Parse("[1] /* open");
        Assert.Single(doc.Errors);
        Assert.Equal(4, doc.Errors[0].Start);
        Assert.Single(Assert.IsType<JsonArray>(doc.Root).Items);
        Assert.Equal(" open", Assert.Single(doc.Comments).Text);
    }

    [Fact]
    public void Parse_ContentAfterTheRoot_IsAnError()
    {
        var doc = JsonDocument.Parse("{} {}");
        var error = Assert.Single(doc.Errors);
        Assert.Equal(3, error.Start);
        Assert.IsType<JsonObject>(doc.Root);
    }

    [Fact]
    public void Parse_TenThousandNestedArrays_StopsAtTheDepthLimitWithoutOverflow()
    {
        var text = new string('[', 10_000) + new string(']', 10_000);
        var doc = JsonDocument.Parse(text);

        var error = Assert.Single(doc.Errors);
        Assert.Equal("nesting deeper than 256 levels", error.Message);
        Assert.Equal(JsonDocument.MaxDepth, error.Start);

        var depth = 0;
        JsonNode? node = doc.Root;
        while (node is JsonArray array)
        {
            depth++;
            node = array.Items.Count > 0 ? array.Items[0] : null;
        }

        Assert.Equal(JsonDocument.MaxDepth, depth);
    }

    [Fact]
    public void Parse_TooDeepValue_IsSkippedAndLaterSiblingsAreRead()
    {
        var deep = new string('{', 300).Replace("{", "{\"a\":", StringComparison.Ordinal) + "1" + new string('}', 300);
        var doc = JsonDocument.Parse("[" + deep + ", 42]");
        Assert.Single(doc.Errors);
        var root = Assert.IsType<JsonArray>(doc.Root);
        Assert.Equal(2, root.Items.Count);
        Assert.Equal(42L, Assert.IsType<JsonNumber>(root.Items[1]).IntegerValue);
    }

    [Fact]
    public void Parse_UnclosedDeepNesting_DoesNotOverflow()
    {
        var doc = JsonDocument.Parse(new string('[', 100_000));
        Assert.Equal(2, doc.Errors.Count);
        Assert.IsType<JsonArray>(doc.Root);
    }

    [Theory]
    [InlineData("\0")]
    [InlineData("{\"a\0\": \"\0\"}")]
    [InlineData("\ud800")]
    [InlineData("{\"\ud800\": \"\udc00\"}")]
    [InlineData("{\"a\":")]
    [InlineData("{\"a\"")]
    [InlineData("{\"a")]
    [InlineData("\"\\")]
    [InlineData("\"\\u12")]
    [InlineData("}}}]]]")]
    [InlineData("/")]
    [InlineData("tru")]
    [InlineData("{,}")]
    [InlineData("[,]")]
    [InlineData("[1,,2]")]
    [InlineData("{\"a\":1 \"b\"}")]
    [InlineData("'single'")]
    public void Parse_Garbage_NeverThrows(string text)
    {
        var doc = JsonDocument.Parse(text);
        Assert.NotNull(doc);
        foreach (var error in doc.Errors)
        {
            Assert.InRange(error.Start, 0, text.Length);
            Assert.InRange(error.Start + error.Length, 0, text.Length);
        }
    }

    [Fact]
    public void Parse_LoneSurrogatesInText_NeverThrow()
    {
        var doc = JsonDocument.Parse("{\"\ud800\": \"\udc00\"}\ud800");
        Assert.Single(doc.Errors);
        Assert.Equal("\udc00", Assert.IsType<JsonString>(Assert.IsType<JsonObject>(doc.Root)["\ud800"]).Value);
        Assert.Contains("U+D800", doc.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NulInsideStrings_IsKept()
    {
        var doc = JsonDocument.Parse("{\"a\0\": \"\0\"}");
        Assert.Empty(doc.Errors);
        Assert.Equal("\0", Assert.IsType<JsonString>(Assert.IsType<JsonObject>(doc.Root)["a\0"]).Value);
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrow()
    {
        var random = new Random(1234);
        const string alphabet = "{}[]:,\"\\/*-+.0123456789eEtrufalsn \n\r\t\0\ud800x'";
        for (var round = 0; round < 2000; round++)
        {
            var chars = new char[random.Next(0, 60)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            var doc = JsonDocument.Parse(text);
            Assert.All(doc.Errors, e => Assert.InRange(e.Start + e.Length, 0, text.Length));
        }
    }

    [Fact]
    public void Parse_CancelledToken_ThrowsOperationCanceled()
    {
        var text = "[" + string.Join(",", Enumerable.Repeat("1", 20_000)) + "]";
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => JsonDocument.Parse(text, source.Token));
    }

    [Fact]
    public void Parse_LargeDocument_ReadsEveryItem()
    {
        var text = "[" + string.Join(",", Enumerable.Range(0, 100_000).Select(i => "{\"name\": \"n" + i + "\", \"v\": " + i + "}")) + "]";
        var doc = JsonDocument.Parse(text);
        Assert.Empty(doc.Errors);
        var items = Assert.IsType<JsonArray>(doc.Root).Items;
        Assert.Equal(100_000, items.Count);
        Assert.Equal("n99999", Assert.IsType<JsonString>(Assert.IsType<JsonObject>(items[99_999])["name"]).Value);
    }
}
