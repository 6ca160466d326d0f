namespace EgressAnalyzers.Build.Tests.Infrastructure;

/// <summary>A fact that needs npm (to install the SARIF multitool): skipped, with the reason, when npm is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NpmFactAttribute : FactAttribute
{
    public NpmFactAttribute()
    {
        if (!Command.IsOnPath("npm"))
        {
            Skip = "npm is not on PATH: the SARIF multitool (@microsoft/sarif-multitool) cannot be installed to validate the SARIF log.";
        }
    }
}
