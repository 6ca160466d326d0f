namespace EgressAnalyzers.CodeFixes;

/// <summary>
/// Titles of the code actions offered by this assembly. Equivalence keys are derived from them so that FixAll
/// groups actions of the same kind.
/// </summary>
internal static class CodeFixTitles
{
    public const string AddToExistingCollectionFormat = "Add the missing AKS egress rules to '{0}'";
    public const string AddNewCollection = "Add an 'aks-egress' rule collection";
}
