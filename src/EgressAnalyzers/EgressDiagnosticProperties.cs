namespace EgressAnalyzers;

/// <summary>
/// Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> on coverage and hygiene diagnostics. Code fixes
/// read them to know what to insert without re-parsing the message; tests and tools read them to assert by endpoint.
/// </summary>
public static class EgressDiagnosticProperties
{
    /// <summary>The catalog requirement id, e.g. <c>G-A2</c>.</summary>
    public const string RequirementId = "EgressRequirementId";

    /// <summary>The endpoint with the location filled in, e.g. <c>*.hcp.westeurope.azmk8s.io</c> or <c>UDP:123</c>.</summary>
    public const string Endpoint = "EgressEndpoint";

    /// <summary>The firewall or policy concerned, as <c>type/name</c> (lower case, as Azure compares it).</summary>
    public const string Subject = "EgressSubject";
}
