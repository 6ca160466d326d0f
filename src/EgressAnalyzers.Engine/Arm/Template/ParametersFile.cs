using System;
using System.Collections.Generic;
using System.Threading;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Template;

/// <summary>
/// Values from deployment parameters files (<c>parameters.&lt;name&gt;.value</c>). Parameter files hold literal JSON, not
/// expressions; a <c>reference</c> (Key Vault) parameter is unknown. When several matching files disagree on a value,
/// the value is unknown: which file is deployed is not in the input.
/// </summary>
internal static class ParametersFile
{
    public static bool IsParametersFileName(string templatePath, string candidatePath)
    {
        // Most candidates are no parameters file at all: say so before comparing directories.
        if (candidatePath.IndexOf(".parameters.", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return false;
        }

        if (!string.Equals(TemplatePaths.Directory(templatePath), TemplatePaths.Directory(candidatePath), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var candidate = TemplatePaths.FileName(candidatePath);
        foreach (var stem in Stems(TemplatePaths.FileName(templatePath)))
        {
            // x.parameters.json, x.parameters.<anything>.json
            var prefix = stem + ".parameters.";
            if (candidate.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && candidate.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                && candidate.Length >= prefix.Length + "json".Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>x.json</c> and <c>x.bicep</c> → <c>x</c>; a compiled Bicep file <c>x.bicep.json</c> also pairs with <c>x.parameters.json</c>.</summary>
    private static IEnumerable<string> Stems(string templateFileName)
    {
        // A Bicep file x.bicep pairs with the same JSON parameters files as its compiled x.json.
        if (templateFileName.EndsWith(".bicep", StringComparison.OrdinalIgnoreCase))
        {
            yield return templateFileName.Substring(0, templateFileName.Length - ".bicep".Length);
            yield break;
        }

        if (!templateFileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            yield break;
        }

        var stem = templateFileName.Substring(0, templateFileName.Length - ".json".Length);
        yield return stem;
        if (stem.EndsWith(".bicep", StringComparison.OrdinalIgnoreCase))
        {
            yield return stem.Substring(0, stem.Length - ".bicep".Length);
        }
    }

    /// <summary>Reads the parameter values of every file and merges them (disagreement → unknown).</summary>
    public static Dictionary<string, ArmValue> ReadValues(IReadOnlyList<TemplateInput> files, CancellationToken cancellationToken)
    {
        var merged = new Dictionary<string, ArmValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.Text.Length > FileReadState.MaxFileLength)
            {
                continue;
            }

            var document = JsonDocument.Parse(file.Text, cancellationToken);
            if ((document.Root as JsonObject)?["parameters"] is not JsonObject parameters)
            {
                continue;
            }

            foreach (var parameter in parameters.Properties)
            {
                var value = ReadValue(file.Path, parameter);
                if (!merged.TryGetValue(parameter.Name, out var existing))
                {
                    merged[parameter.Name] = value;
                }
                else if (!SameValue(existing, value))
                {
                    merged[parameter.Name] = TemplateContext.UnknownParameter(parameter.Name, existing.Origin);
                }
            }
        }

        return merged;
    }

    private static ArmValue ReadValue(string path, JsonProperty parameter)
    {
        if (parameter.Value is JsonObject body && body["value"] is { } value)
        {
            return Literal(path, value);
        }

        // { "reference": { "keyVault": … } } and anything else: not known from the input.
        return TemplateContext.UnknownParameter(parameter.Name, new SourceSpan(path, parameter.Value.Start, parameter.Value.Length));
    }

    /// <summary>JSON as a literal value (no expression evaluation), with origins in the parameters file.</summary>
    public static ArmValue Literal(string path, JsonNode node)
    {
        var origin = new SourceSpan(path, node.Start, node.Length);
        switch (node)
        {
            case JsonString s:
                return ArmValue.String(s.Value, origin);
            case JsonNumber n:
                return n.IntegerValue is { } integer ? ArmValue.Integer(integer, origin) : ArmValue.String(n.RawText, origin);
            case JsonLiteral { Kind: JsonNodeKind.True }:
                return ArmValue.Bool(true, origin);
            case JsonLiteral { Kind: JsonNodeKind.False }:
                return ArmValue.Bool(false, origin);
            case JsonArray array:
                var items = new List<ArmValue>(array.Items.Count);
                foreach (var item in array.Items)
                {
                    items.Add(Literal(path, item));
                }

                return ArmValue.Array(items, origin);
            case JsonObject obj:
                var properties = new List<ArmProperty>(obj.Properties.Count);
                foreach (var property in obj.Properties)
                {
                    properties.Add(new ArmProperty(property.Name, Literal(path, property.Value), new SourceSpan(path, property.NameStart, property.NameLength)));
                }

                return new ArmObject(properties, origin);
            default:
                return ArmValue.Null(origin);
        }
    }

    /// <summary>Structural equality, ignoring where the values are written.</summary>
    public static bool SameValue(ArmValue a, ArmValue b)
    {
        switch (a)
        {
            case ArmString s:
                return b is ArmString t && string.Equals(s.Value, t.Value, StringComparison.Ordinal);
            case ArmInteger i:
                return b is ArmInteger j && i.Value == j.Value;
            case ArmBool x:
                return b is ArmBool y && x.Value == y.Value;
            case ArmNull:
                return b is ArmNull;
            case ArmArray array:
                if (b is not ArmArray other || other.Items.Count != array.Items.Count)
                {
                    return false;
                }

                for (var i = 0; i < array.Items.Count; i++)
                {
                    if (!SameValue(array.Items[i], other.Items[i]))
                    {
                        return false;
                    }
                }

                return true;
            case ArmObject obj:
                if (b is not ArmObject otherObject || otherObject.Properties.Count != obj.Properties.Count)
                {
                    return false;
                }

                foreach (var property in obj.Properties)
                {
                    if (otherObject[property.Name] is not { } otherValue || !SameValue(property.Value, otherValue))
                    {
                        return false;
                    }
                }

                return true;
            default:
                // Unknowns (and resource IDs) are never known to agree.
                return false;
        }
    }
}
