using EgressAnalyzers.Engine.Arm;
using EgressAnalyzers.Engine.Arm.Expressions;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Tests.Arm.Expressions;

/// <summary>A dictionary-backed scope, as the template reader would provide (variables may be JSON evaluated on use).</summary>
internal sealed class TestScope : IArmEvaluationScope
{
    public const string File = "template.json";

    private readonly Dictionary<string, int> _copyIndexes;
    private readonly string? _currentLoop;

    public TestScope(string cloud = "AzureCloud")
        : this(cloud, new Dictionary<string, ArmValue>(StringComparer.OrdinalIgnoreCase), new Dictionary<string, Func<IArmEvaluationScope, ArmValue>>(StringComparer.OrdinalIgnoreCase), new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase), null, new List<string>())
    {
    }

    private TestScope(
        string cloud,
        Dictionary<string, ArmValue> parameters,
        Dictionary<string, Func<IArmEvaluationScope, ArmValue>> variables,
        Dictionary<string, int> copyIndexes,
        string? currentLoop,
        List<string> requested)
    {
        Cloud = cloud;
        Parameters = parameters;
        Variables = variables;
        _copyIndexes = copyIndexes;
        _currentLoop = currentLoop;
        RequestedParameters = requested;
    }

    public string FilePath => File;

    public string Cloud { get; }

    public CancellationToken CancellationToken { get; set; }

    public Dictionary<string, ArmValue> Parameters { get; }

    public Dictionary<string, Func<IArmEvaluationScope, ArmValue>> Variables { get; }

    public List<string> RequestedParameters { get; }

    public static SourceSpan Span(int start, int length) => new(File, start, length);

    public TestScope WithParameter(string name, ArmValue value)
    {
        Parameters[name] = value;
        return this;
    }

    public TestScope WithParameter(string name, string value) => WithParameter(name, ArmValue.String(value, Span(0, 1)));

    public TestScope WithVariable(string name, ArmValue value)
    {
        Variables[name] = _ => value;
        return this;
    }

    /// <summary>A variable written as JSON text at <paramref name="offset"/> of the file, evaluated on each use.</summary>
    public TestScope WithJsonVariable(string name, string json, int offset = 0)
    {
        var text = new string(' ', offset) + json;
        var root = JsonDocument.Parse(text).Root!;
        Variables[name] = scope => ArmExpressionEvaluator.EvaluateNode(root, scope);
        return this;
    }

    public ArmValue GetParameter(string name)
    {
        RequestedParameters.Add(name);
        return Parameters.TryGetValue(name, out var value)
            ? value
            : ArmValue.Unknown("parameters('" + name + "')", Span(0, 1), "{parameters('" + name + "')}");
    }

    public ArmValue GetVariable(string name) =>
        Variables.TryGetValue(name, out var value) ? value(this) : ArmValue.Unknown("variables('" + name + "')", Span(0, 1));

    public int? GetCopyIndex(string? loopName)
    {
        var name = loopName ?? _currentLoop;
        return name is not null && _copyIndexes.TryGetValue(name, out var index) ? index : null;
    }

    public IArmEvaluationScope WithCopyIndex(string loopName, int index)
    {
        var indexes = new Dictionary<string, int>(_copyIndexes, StringComparer.OrdinalIgnoreCase) { [loopName] = index };
        return new TestScope(Cloud, Parameters, Variables, indexes, loopName, RequestedParameters) { CancellationToken = CancellationToken };
    }
}
