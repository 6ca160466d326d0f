using System;
using System.Collections.Generic;
using System.Threading;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Template;

/// <summary>A scope that can call the template's user-defined functions (<c>namespace.name(…)</c>).</summary>
internal interface IUserFunctionScope
{
    /// <summary>The function's result for <paramref name="arguments"/>; null when the template defines no such function.</summary>
    ArmValue? InvokeUserFunction(string qualifiedName, IReadOnlyList<ArmValue> arguments, SourceSpan callSite);
}

/// <summary>
/// The user-defined functions of one template (<c>"functions": [ { "namespace": …, "members": { name: { "parameters":
/// […], "output": { "value": … } } } } ]</c>), which the Bicep compiler writes for every <c>func</c>, imported ones
/// included (namespace <c>__bicep</c>). A call evaluates the output value with the function's parameters bound to the
/// arguments; a function reads no variables and no template parameters (ARM forbids both), so those are unknown.
/// </summary>
internal static class UserFunctions
{
    /// <summary>Calls nested at the most (a function calling another, or itself): beyond it the result is unknown.</summary>
    public const int MaxDepth = 16;

    public static ArmValue? Invoke(TemplateContext context, string qualifiedName, IReadOnlyList<ArmValue> arguments, SourceSpan callSite, int depth)
    {
        var dot = qualifiedName.IndexOf('.');
        if (dot <= 0 || Find(context.Template, qualifiedName.Substring(0, dot), qualifiedName.Substring(dot + 1)) is not { } function)
        {
            return null;
        }

        if (depth >= MaxDepth || (function["output"] as JsonObject)?["value"] is not { } output)
        {
            return ArmValue.Unknown(qualifiedName + "(…)", callSite, null);
        }

        var bound = new Dictionary<string, ArmValue>(StringComparer.OrdinalIgnoreCase);
        if (function["parameters"] is JsonArray parameters)
        {
            for (var i = 0; i < parameters.Items.Count; i++)
            {
                if (parameters.Items[i] is JsonObject parameter && parameter["name"] is JsonString name)
                {
                    bound[name.Value] = i < arguments.Count ? arguments[i] : ArmValue.Unknown(name.Value, callSite, null);
                }
            }
        }

        return ArmEvaluation.EvaluateNode(output, new FunctionScope(context, bound, depth + 1));
    }

    private static JsonObject? Find(JsonObject template, string ns, string name)
    {
        if (template["functions"] is not JsonArray namespaces)
        {
            return null;
        }

        foreach (var item in namespaces.Items)
        {
            if (item is JsonObject declaration
                && declaration["namespace"] is JsonString declared && string.Equals(declared.Value, ns, StringComparison.OrdinalIgnoreCase)
                && declaration["members"] is JsonObject members && members[name] is JsonObject function)
            {
                return function;
            }
        }

        return null;
    }

    /// <summary>Inside a function's output: its parameters are the call's arguments, and nothing else of the template.</summary>
    private sealed class FunctionScope : IArmEvaluationScope, IUserFunctionScope
    {
        private readonly TemplateContext _context;
        private readonly Dictionary<string, ArmValue> _arguments;
        private readonly int _depth;

        public FunctionScope(TemplateContext context, Dictionary<string, ArmValue> arguments, int depth)
        {
            _context = context;
            _arguments = arguments;
            _depth = depth;
        }

        public string FilePath => _context.File.FilePath;

        public string Cloud => _context.File.Cloud;

        public CancellationToken CancellationToken => _context.File.CancellationToken;

        public ArmValue GetParameter(string name) =>
            _arguments.TryGetValue(name, out var value) ? value : TemplateContext.UnknownParameter(name, SourceSpan.None);

        public ArmValue GetVariable(string name) => ArmValue.Unknown($"variables('{name}')", SourceSpan.None, $"{{variables('{name}')}}");

        public int? GetCopyIndex(string? loopName) => null;

        public IArmEvaluationScope WithCopyIndex(string loopName, int index) => this;

        public ArmValue? InvokeUserFunction(string qualifiedName, IReadOnlyList<ArmValue> arguments, SourceSpan callSite) =>
            Invoke(_context, qualifiedName, arguments, callSite, _depth);
    }
}
