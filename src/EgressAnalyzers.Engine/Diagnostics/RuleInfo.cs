namespace EgressAnalyzers.Engine.Diagnostics;

public enum RuleSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>
/// One diagnostic rule as every host shows it (Roslyn descriptor, MSBuild task, SARIF). Hosts never write their own
/// message texts: they format <see cref="MessageFormat"/> with the finding's arguments.
/// </summary>
public sealed class RuleInfo
{
    public RuleInfo(string id, string title, string messageFormat, string category, RuleSeverity defaultSeverity, string description)
    {
        Id = id;
        Title = title;
        MessageFormat = messageFormat;
        Category = category;
        DefaultSeverity = defaultSeverity;
        Description = description;
    }

    public string Id { get; }

    public string Title { get; }

    /// <summary>A composite format string (<c>{0}</c>, <c>{1}</c> …).</summary>
    public string MessageFormat { get; }

    public string Category { get; }

    public RuleSeverity DefaultSeverity { get; }

    public string Description { get; }

    /// <summary>The rule page, relative to the repository root.</summary>
    public string DocumentationPath => $"docs/rules/{Id}.md";

    public string HelpLink => EgressRules.HelpLinkBase + Id + ".md";

    public string FormatMessage(params object[] args) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, args);
}
