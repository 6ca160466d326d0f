using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using EgressAnalyzers.Engine.Arm.Expressions;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Template;

/// <summary>
/// Parameters and variables of one template (the file's root template, or an inner-scope nested template):
/// values are computed on first use and cached; a parameter or variable that (indirectly) needs itself is unknown.
/// </summary>
internal sealed class TemplateContext
{
    private readonly JsonObject? _parameterDeclarations;
    private readonly JsonObject? _variables;
    private readonly Dictionary<string, ArmValue> _supplied;
    private readonly DeploymentParameters? _passed;
    private readonly bool _unsuppliedAreUnknown;
    private readonly Dictionary<string, ArmValue> _parameterCache;
    private readonly Dictionary<string, ArmValue> _variableCache;
    private readonly HashSet<string> _parametersInProgress = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _variablesInProgress = new(StringComparer.OrdinalIgnoreCase);

    public TemplateContext(
        FileReadState file,
        JsonObject template,
        IReadOnlyDictionary<string, ArmValue> supplied,
        bool unsuppliedAreUnknown,
        int depth,
        DeploymentParameters? passed = null,
        ModelValue? unresolvedCondition = null,
        string? resourceGroup = null)
    {
        ResourceGroup = resourceGroup;
        File = file;
        Template = template;
        Depth = depth;
        _parameterDeclarations = template["parameters"] as JsonObject;
        _variables = template["variables"] as JsonObject;
        // Sized up front: compiled Bicep templates nest many modules, each a context with dozens of parameters.
        _parameterCache = new Dictionary<string, ArmValue>(_parameterDeclarations?.Count ?? 0, StringComparer.OrdinalIgnoreCase);
        _variableCache = new Dictionary<string, ArmValue>(_variables?.Count ?? 0, StringComparer.OrdinalIgnoreCase);
        _supplied = new Dictionary<string, ArmValue>(supplied.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var pair in supplied)
        {
            _supplied[pair.Key] = pair.Value;
        }

        _passed = passed;
        _unsuppliedAreUnknown = unsuppliedAreUnknown;
        RootScope = new TemplateScope(this, null, unresolvedCondition: unresolvedCondition);
    }

    public FileReadState File { get; }

    public JsonObject Template { get; }

    /// <summary>
    /// The resource group this template is deployed to, when a nested deployment names one that may not be the root
    /// deployment's (see <see cref="IResourceGroupScope"/>); null for the root deployment's own.
    /// </summary>
    public string? ResourceGroup { get; }

    /// <summary>0 for the file's template, +1 per nested deployment.</summary>
    public int Depth { get; }

    /// <summary>The scope without copy indexes, where defaults and variables are evaluated.</summary>
    public TemplateScope RootScope { get; }

    public ArmValue GetParameter(string name)
    {
        if (_parameterCache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var declaration = _parameterDeclarations?.GetProperty(name);
        var declaredName = declaration?.Name ?? name;
        var origin = declaration is null ? SourceSpan.None : new SourceSpan(File.FilePath, declaration.NameStart, declaration.NameLength);
        if (!_parametersInProgress.Add(name))
        {
            return UnknownParameter(declaredName, origin);
        }

        try
        {
            ArmValue value;
            if (_supplied.TryGetValue(name, out var supplied))
            {
                value = supplied;
            }
            else if (_passed?.Evaluate(name) is { } passed)
            {
                value = passed;
            }
            else if (declaration is null || _unsuppliedAreUnknown)
            {
                value = UnknownParameter(declaredName, origin);
            }
            else if (declaration.Value is JsonObject body && body["defaultValue"] is { } defaultValue)
            {
                // Defaults may themselves be expressions over other parameters and variables.
                value = ArmEvaluation.EvaluateNode(defaultValue, RootScope);
            }
            else
            {
                value = UnknownParameter(declaredName, origin);
            }

            _parameterCache[name] = value;
            return value;
        }
        finally
        {
            _parametersInProgress.Remove(name);
        }
    }

    public ArmValue GetVariable(string name)
    {
        if (_variableCache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        if (!_variablesInProgress.Add(name))
        {
            return UnknownVariable(name, SourceSpan.None);
        }

        try
        {
            var value = ComputeVariable(name);
            _variableCache[name] = value;
            return value;
        }
        finally
        {
            _variablesInProgress.Remove(name);
        }
    }

    private ArmValue ComputeVariable(string name)
    {
        if (_variables is null)
        {
            return UnknownVariable(name, SourceSpan.None);
        }

        // Variable copy loops: "copy": [ { "name": "x", "count": n, "input": … } ] defines variable x as an array.
        if (_variables["copy"] is JsonArray loops)
        {
            foreach (var loop in loops.Items)
            {
                if (loop is JsonObject loopObject
                    && loopObject["name"] is JsonString loopName
                    && string.Equals(loopName.Value, name, StringComparison.OrdinalIgnoreCase))
                {
                    return EvaluateVariableCopy(loopName.Value, loopObject);
                }
            }
        }

        var property = _variables.GetProperty(name);
        if (property is null || string.Equals(property.Name, "copy", StringComparison.OrdinalIgnoreCase))
        {
            return UnknownVariable(name, SourceSpan.None);
        }

        return ArmEvaluation.EvaluateNode(property.Value, RootScope);
    }

    private ArmValue EvaluateVariableCopy(string loopName, JsonObject loop)
    {
        var origin = Span(loop);
        var countNode = loop["count"];
        var input = loop["input"];
        if (countNode is null || input is null)
        {
            return UnknownVariable(loopName, origin);
        }

        var count = ArmEvaluation.EvaluateNode(countNode, RootScope);
        if (ArmNav.AsInteger(count) is not { } n || n < 0 || n > FileReadState.MaxCopyCount)
        {
            return count is ArmUnknown unknown
                ? new ArmUnknown(unknown.Reason, null, unknown.Origin)
                : UnknownVariable(loopName, origin);
        }

        var items = new List<ArmValue>((int)n);
        for (var i = 0; i < n; i++)
        {
            File.CancellationToken.ThrowIfCancellationRequested();
            items.Add(ArmEvaluation.EvaluateNode(input, RootScope.WithCopyIndex(loopName, i)));
        }

        return ArmValue.Array(items, origin);
    }

    private SourceSpan Span(JsonNode node) => new(File.FilePath, node.Start, node.Length);

    public static ArmValue UnknownParameter(string name, SourceSpan origin) =>
        ArmValue.Unknown($"parameters('{name}')", origin, $"{{parameters('{name}')}}");

    private static ArmValue UnknownVariable(string name, SourceSpan origin) =>
        ArmValue.Unknown($"variables('{name}')", origin, $"{{variables('{name}')}}");
}

/// <summary>
/// The <c>properties.parameters</c> object of an inner-scope nested deployment. A value is evaluated in the
/// deployment's own scope when the inner template first reads it (the context caches it), not when the deployment
/// is met: compiled Bicep passes every module dozens of parameters, and most never reach a rule or a cluster.
/// </summary>
internal sealed class DeploymentParameters
{
    private readonly JsonObject _parameters;
    private readonly TemplateScope _deploymentScope;

    public DeploymentParameters(JsonObject parameters, TemplateScope deploymentScope)
    {
        _parameters = parameters;
        _deploymentScope = deploymentScope;
    }

    /// <summary>The value passed for <paramref name="name"/>, or null when the deployment does not pass it.</summary>
    public ArmValue? Evaluate(string name)
    {
        if (_parameters.GetProperty(name) is not { } parameter)
        {
            return null;
        }

        var origin = new SourceSpan(_deploymentScope.FilePath, parameter.Value.Start, parameter.Value.Length);
        return parameter.Value switch
        {
            JsonObject body when body["value"] is { } value => ArmEvaluation.EvaluateNode(value, _deploymentScope),

            // Bicep writes a parameter built by a for expression as a property copy loop named "value"; a Key Vault
            // reference ({ "reference": … }) has no value to read.
            JsonObject body => ArmNav.Get(ArmEvaluation.EvaluateNode(body, _deploymentScope), "value")
                ?? TemplateContext.UnknownParameter(parameter.Name, origin),

            // Bicep writes a conditional module parameter as one expression for the whole entry:
            // "[if(cond, createObject('value', a), createObject('value', b))]".
            JsonString whole => ArmNav.Get(ArmEvaluation.EvaluateNode(whole, _deploymentScope), "value")
                ?? TemplateContext.UnknownParameter(parameter.Name, origin),
            _ => TemplateContext.UnknownParameter(parameter.Name, origin),
        };
    }
}

/// <summary>
/// What expressions see at one point of a template: its <see cref="TemplateContext"/> plus the copy loops around
/// the resource being read. A loop whose index is not known (unknown count) is kept with a null index, so that
/// <c>copyIndex()</c> inside it is unknown rather than the index of an outer loop.
/// </summary>
internal sealed class TemplateScope : IArmEvaluationScope, IDeferringScope, IExpressionCachingScope, IUserFunctionScope, IResourceGroupScope
{
    private readonly CopyFrame? _frames;

    public TemplateScope(TemplateContext context, CopyFrame? frames, bool defersLongArrays = false, ModelValue? unresolvedCondition = null)
    {
        Context = context;
        _frames = frames;
        DefersLongArrays = defersLongArrays;
        UnresolvedCondition = unresolvedCondition;
    }

    /// <summary>
    /// The condition of a resource, nested deployment or module around this scope that could not be resolved: what is
    /// declared here is deployed only if it holds. Null when nothing around it is conditional in an unknown way.
    /// </summary>
    public ModelValue? UnresolvedCondition { get; }

    /// <summary>This scope inside a declaration whose condition could not be resolved (the outermost one is kept).</summary>
    public TemplateScope UnderCondition(ModelValue condition) =>
        UnresolvedCondition is not null ? this : new(Context, _frames, DefersLongArrays, condition);

    /// <summary>True in the scope of a resource's own properties, whose long arrays are evaluated as they are read.</summary>
    public bool DefersLongArrays { get; }

    public TemplateContext Context { get; }

    public string FilePath => Context.File.FilePath;

    public string? ResourceGroup => Context.ResourceGroup;

    public string Cloud => Context.File.Cloud;

    public CancellationToken CancellationToken => Context.File.CancellationToken;

    public ParsedExpressionCache ExpressionCache => Context.File.ExpressionCache;

    public ArmValue GetParameter(string name) => Context.GetParameter(name);

    public ArmValue GetVariable(string name) => Context.GetVariable(name);

    public int? GetCopyIndex(string? loopName)
    {
        for (var frame = _frames; frame is not null; frame = frame.Next)
        {
            if (loopName is null || string.Equals(frame.Name, loopName, StringComparison.OrdinalIgnoreCase))
            {
                return frame.Index;
            }
        }

        return null;
    }

    public IArmEvaluationScope WithCopyIndex(string loopName, int index) => WithLoop(loopName, index);

    public ArmValue? InvokeUserFunction(string qualifiedName, IReadOnlyList<ArmValue> arguments, SourceSpan callSite) =>
        UserFunctions.Invoke(Context, qualifiedName, arguments, callSite, depth: 0);

    public TemplateScope WithLoop(string loopName, int? index) => new(Context, new CopyFrame(loopName, index, _frames), DefersLongArrays, UnresolvedCondition);

    /// <summary>
    /// This scope, for evaluating a resource's own properties: nothing refers to them (reference() is not resolved),
    /// so their long arrays may be evaluated as the mapper reads them.
    /// </summary>
    public TemplateScope ForResourceProperties() => DefersLongArrays ? this : new(Context, _frames, defersLongArrays: true, UnresolvedCondition);

    public override string ToString() =>
        _frames is null ? "(template scope)" : string.Format(CultureInfo.InvariantCulture, "copy {0}={1}", _frames.Name, _frames.Index);

    internal sealed class CopyFrame
    {
        public CopyFrame(string name, int? index, CopyFrame? next)
        {
            Name = name;
            Index = index;
            Next = next;
        }

        public string Name { get; }

        public int? Index { get; }

        public CopyFrame? Next { get; }
    }
}
