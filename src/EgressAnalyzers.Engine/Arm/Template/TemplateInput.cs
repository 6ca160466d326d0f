namespace EgressAnalyzers.Engine.Arm.Template;

/// <summary>One input file as the host gives it: path, text, and whether the user opted it into checking.</summary>
public sealed class TemplateInput
{
    public TemplateInput()
    {
    }

    public TemplateInput(string path, string text, bool optedIn = false)
    {
        Path = path ?? string.Empty;
        Text = text ?? string.Empty;
        OptedIn = optedIn;
    }

    public string Path { get; init; } = string.Empty;

    public string Text { get; init; } = string.Empty;

    /// <summary>Per-file opt-in (host metadata): every firewall, policy and rule collection group read from it is opted in.</summary>
    public bool OptedIn { get; init; }
}

/// <summary>Settings the reader needs from the host.</summary>
public sealed class ArmReadOptions
{
    /// <summary>The cloud <c>environment()</c> resolves to: AzureCloud, AzureChinaCloud or AzureUSGovernment.</summary>
    public string Cloud { get; init; } = "AzureCloud";

    /// <summary>
    /// False to read every rule value through the evaluator, as before literal values were mapped straight from the
    /// JSON: tests compare both readings, which must give the same model.
    /// </summary>
    internal bool MapsLiteralsDirectly { get; init; } = true;
}
