namespace EgressAnalyzers.Engine.Catalog;

public sealed partial class RequirementCatalog
{
    /// <summary>Parses catalog data (the embedded file's format).</summary>
    public static RequirementCatalog Parse(string json) => throw new System.NotImplementedException("catalog loader: in progress");
}
