using EgressAnalyzers.Engine.Arm.Template;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Tests.Arm.Template;

/// <summary>Reads inline ARM fixtures and gives the text under spans.</summary>
internal static class TemplateFixture
{
    public const string TemplatePath = "/repo/infra/main.json";

    public const string Schema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

    public static TemplateReadResult Read(string text, bool optedIn = false, string cloud = "AzureCloud") =>
        ArmTemplateReader.ReadTemplate(new TemplateInput(TemplatePath, text, optedIn), Array.Empty<TemplateInput>(), new ArmReadOptions { Cloud = cloud });

    /// <summary>A template with the given resources array body (and optional parameters/variables bodies).</summary>
    public static string TemplateOf(string resources, string parameters = "", string variables = "") => $$"""
        {
          "$schema": "{{Schema}}",
          "contentVersion": "1.0.0.0",
          "parameters": { {{parameters}} },
          "variables": { {{variables}} },
          "resources": [ {{resources}} ]
        }
        """;

    public static string At(string text, SourceSpan span)
    {
        Assert.False(span.IsEmpty, "span is empty");
        return text.Substring(span.Start, span.Length);
    }

    public static T Single<T>(TemplateReadResult result)
        where T : ModelResource => Assert.Single(result.Resources.OfType<T>());
}
