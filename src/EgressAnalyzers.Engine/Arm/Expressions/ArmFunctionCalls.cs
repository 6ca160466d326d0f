using System.Collections.Generic;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Expressions;

/// <summary>Calls an ARM template function on values computed by another front end (Bicep).</summary>
internal static class ArmFunctionCalls
{
    /// <param name="name">The ARM function name (case-insensitive).</param>
    /// <param name="arguments">Computed arguments with the source range each was written at.</param>
    /// <param name="text">The source file's text (unknown reasons quote it).</param>
    /// <param name="start">Start of the call in <paramref name="text"/>: the result's origin.</param>
    /// <param name="end">End of the call in <paramref name="text"/>.</param>
    /// <param name="scope">What the function may ask (cloud, file path).</param>
    public static ArmValue Invoke(string name, IReadOnlyList<(ArmValue Value, int Start, int End)> arguments, string text, int start, int end, IArmEvaluationScope scope)
    {
        var nodes = new List<ExpressionNode>(arguments.Count);
        foreach (var (value, argumentStart, argumentEnd) in arguments)
        {
            nodes.Add(new ValueNode(value, argumentStart, argumentEnd));
        }

        var context = new EvaluationContext(text, new SourceSpan(scope.FilePath, start, end - start), scope);
        return ArmFunctions.Invoke(context, new CallNode(name, nodes, start, end));
    }
}
