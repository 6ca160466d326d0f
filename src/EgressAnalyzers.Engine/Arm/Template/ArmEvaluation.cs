using System;
using System.Collections.Generic;
using EgressAnalyzers.Engine.Arm.Expressions;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Template;

/// <summary>The reader's single entry into the expression evaluator (JSON node → value tree with origins).</summary>
internal static class ArmEvaluation
{
    /// <summary>
    /// Evaluates <paramref name="node"/>, then points every unknown that came from elsewhere (a parameter without a
    /// value is unknown at its declaration, a variable at its definition) at the JSON value that used it: an
    /// unresolved-value finding belongs where the user wrote the expression. Known values keep their origin.
    /// </summary>
    public static ArmValue EvaluateNode(JsonNode node, IArmEvaluationScope scope)
    {
        var value = ArmExpressionEvaluator.EvaluateNode(node, scope);
        return Relocate(value, node, scope.FilePath);
    }

    /// <summary>
    /// <see cref="EvaluateNode"/> as if <paramref name="depth"/> evaluations were open on this thread: how a member of
    /// an item of <see cref="DeferredJsonItems"/> reads when the item is read member by member.
    /// </summary>
    public static ArmValue EvaluateNodeAtDepth(JsonNode node, IArmEvaluationScope scope, int depth)
    {
        var value = ArmExpressionEvaluator.EvaluateAtDepth(node, scope, depth);
        return Relocate(value, node, scope.FilePath);
    }

    // Its own method: a lambda in Relocate would make every Relocate call allocate the closure.
    private static DeferredArmItems RelocateEach(DeferredArmItems items, IReadOnlyList<JsonNode>? pairedItems, JsonNode node, string filePath)
    {
        if (pairedItems is not null && items is DeferredJsonItems json && ReferenceEquals(json.Array.Items, pairedItems))
        {
            // Each item moves its unknowns to its own JSON item: the items read as if evaluated alone.
            return json.ThenRelocatedToOwnItems((item, i) => Relocate(item, pairedItems[i], filePath));
        }

        return items.Then((item, i) => Relocate(item, pairedItems is null ? node : pairedItems[i], filePath));
    }

    private static ArmValue Relocate(ArmValue value, JsonNode? node, string filePath)
    {
        // Only unknowns move: a subtree without one comes back as it is.
        if (node is null || !value.ContainsUnknown)
        {
            return value;
        }

        var useSite = new SourceSpan(filePath, node.Start, node.Length);
        switch (value)
        {
            case ArmUnknown unknown:
                return useSite.Contains(unknown.Origin) ? unknown : unknown.WithOrigin(useSite);
            case ArmArray { Items: DeferredArmItems deferred } array:
                // Same pairing as below, applied to each item when it is read.
                var pairedItems = array.Origin == useSite && node is JsonArray pairedArray && pairedArray.Items.Count == deferred.Count
                    ? pairedArray.Items
                    : null;
                return ArmValue.Array(RelocateEach(deferred, pairedItems, node, filePath), array.Origin);
            case ArmArray array:
                // Items map to JSON items only when the array is the JSON array itself (no copy loop, no expression).
                var jsonItems = array.Origin == useSite && node is JsonArray jsonArray && jsonArray.Items.Count == array.Items.Count
                    ? jsonArray.Items
                    : null;
                List<ArmValue>? items = null;
                for (var i = 0; i < array.Items.Count; i++)
                {
                    var item = array.Items[i];
                    var relocated = Relocate(item, jsonItems is null ? node : jsonItems[i], filePath);
                    if (!ReferenceEquals(relocated, item))
                    {
                        items ??= new List<ArmValue>(array.Items);
                        items[i] = relocated;
                    }
                }

                return items is null ? array : ArmValue.Array(items, array.Origin);
            case ArmObject obj:
                var jsonObject = obj.Origin == useSite ? node as JsonObject : null;
                // Evaluation keeps the JSON order unless a copy loop expanded: then pair by position, else by name.
                var aligned = jsonObject is not null && jsonObject.Properties.Count == obj.Properties.Count;
                List<ArmProperty>? properties = null;
                for (var i = 0; i < obj.Properties.Count; i++)
                {
                    var property = obj.Properties[i];
                    var propertyNode = aligned && string.Equals(jsonObject!.Properties[i].Name, property.Name, StringComparison.Ordinal)
                        ? jsonObject.Properties[i].Value
                        : jsonObject?[property.Name] ?? node;
                    var relocated = Relocate(property.Value, propertyNode, filePath);
                    if (!ReferenceEquals(relocated, property.Value))
                    {
                        properties ??= new List<ArmProperty>(obj.Properties);
                        properties[i] = new ArmProperty(property.Name, relocated, property.NameSpan);
                    }
                }

                return properties is null ? obj : new ArmObject(properties, obj.Origin);
            default:
                return value;
        }
    }
}
