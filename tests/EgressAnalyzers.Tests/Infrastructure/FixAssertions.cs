using Microsoft.CodeAnalysis.CSharp;

namespace EgressAnalyzers.Tests.Infrastructure;

/// <summary>"Never lose a rule", checked on text: fixes only insert, so what was written is a subsequence of the result.</summary>
internal static class FixAssertions
{
    /// <summary>C#: every token of <paramref name="before"/>, in order, is in <paramref name="after"/> (formatting may change).</summary>
    public static void KeepsEveryToken(string before, string after, string fix) =>
        AssertSubsequence(
            SyntaxFactory.ParseTokens(before).Select(t => t.Text).ToList(),
            SyntaxFactory.ParseTokens(after).Select(t => t.Text).ToList(),
            missing => $"'{fix}' dropped the token '{missing}' of:\n{before}\n--- fixed:\n{after}");

    /// <summary>Templates: every character of <paramref name="before"/> but whitespace, in order, is in <paramref name="after"/>.</summary>
    public static void KeepsEveryCharacter(string before, string after, string fix) =>
        AssertSubsequence(
            before.Where(c => !char.IsWhiteSpace(c)).Select(c => c.ToString()).ToList(),
            after.Select(c => c.ToString()).ToList(),
            missing => $"'{fix}' dropped '{missing}' of:\n{before}\n--- fixed:\n{after}");

    private static void AssertSubsequence(IReadOnlyList<string> kept, IReadOnlyList<string> result, Func<string, string> message)
    {
        var next = 0;
        foreach (var item in kept)
        {
            while (next < result.Count && result[next] != item)
            {
                next++;
            }

            Assert.True(next < result.Count, message(item));
            next++;
        }
    }
}
