using EgressAnalyzers.Engine.Arm.Expressions;
using EgressAnalyzers.Engine.Json;

namespace EgressAnalyzers.Engine.Arm.Template;

/// <summary>The reader's single entry into the expression evaluator (JSON node → value tree with origins).</summary>
internal static class ArmEvaluation
{
    public static ArmValue EvaluateNode(JsonNode node, IArmEvaluationScope scope) =>
        ArmExpressionEvaluator.EvaluateNode(node, scope);
}
