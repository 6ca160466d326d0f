namespace EgressAnalyzers.CodeFixes;

/// <summary>
/// Titles of the code actions offered by this assembly. Equivalence keys are derived from them so that FixAll
/// groups actions of the same kind.
/// </summary>
internal static class CodeFixTitles
{
    public const string AddToExistingCollectionFormat = "Add the missing AKS egress rules to '{0}'";
    public const string AddNewCollection = "Add an 'aks-egress' rule collection";

    /// <summary>The template fix for one EGR1001/EGR1002 diagnostic ({0}: the endpoint).</summary>
    public const string AllowEndpointInTemplateFormat = "Add a firewall rule that allows {0}";

    /// <summary>The template FixAll: every missing endpoint of each file in one edit.</summary>
    public const string AllowAllMissingInTemplates = "Add firewall rules for all missing AKS egress";

    public const string TemplateEquivalenceKey = "EgressAnalyzers.Templates.AddMissingAksEgressRules";
}
