namespace EgressAnalyzers.Engine.Configuration;

/// <summary>Region names as Azure writes them in FQDNs and service tags: lower case, no spaces (<c>East US</c> → <c>eastus</c>).</summary>
public static class Regions
{
    public static string Normalize(string region)
    {
        var builder = new System.Text.StringBuilder(region.Length);
        foreach (var c in region)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
