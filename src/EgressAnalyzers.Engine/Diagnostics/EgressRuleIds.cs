namespace EgressAnalyzers.Engine.Diagnostics;

/// <summary>Diagnostic IDs as constants (release tracking, RS2008, reads descriptor IDs only from constants).</summary>
public static class EgressRuleIds
{
    public const string EGR0001 = "EGR0001";
    public const string EGR0002 = "EGR0002";
    public const string EGR1001 = "EGR1001";
    public const string EGR1002 = "EGR1002";
    public const string EGR1003 = "EGR1003";
    public const string EGR1004 = "EGR1004";
    public const string EGR1005 = "EGR1005";
    public const string EGR1006 = "EGR1006";
    public const string EGR2001 = "EGR2001";
    public const string EGR2002 = "EGR2002";
    public const string EGR2003 = "EGR2003";
    public const string EGR3001 = "EGR3001";
    public const string EGR3002 = "EGR3002";
    public const string EGR3003 = "EGR3003";
}
