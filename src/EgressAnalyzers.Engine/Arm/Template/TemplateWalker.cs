using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using EgressAnalyzers.Engine.Diagnostics;
using EgressAnalyzers.Engine.Json;
using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Arm.Template;

/// <summary>
/// Walks the resources of one template file (copy loops, conditions, child resources, nested deployments) and maps
/// the resource types the engine cares about to the model. Only those resources' properties are evaluated.
/// </summary>
internal sealed class TemplateWalker
{
    private const string SuppressProperty = "egressAnalyzers.suppress";

    private static readonly Regex RuleIdPattern = new("^EGR[0-9]{4}$", RegexOptions.CultureInvariant);

    private static readonly IReadOnlyDictionary<string, ArmValue> EmptySupplied =
        new Dictionary<string, ArmValue>(StringComparer.OrdinalIgnoreCase);

    private readonly FileReadState _file;
    private readonly ResourceMapper _mapper;

    public TemplateWalker(FileReadState file)
    {
        _file = file;
        _mapper = new ResourceMapper(file);
    }

    public IReadOnlyList<ModelResource> Read(TemplateContext root)
    {
        ReadTemplateResources(root.Template, root.RootScope);
        return _mapper.Finish();
    }

    /// <summary>The <c>resources</c> of a template object: an array, or (languageVersion 2.0) an object keyed by symbolic name.</summary>
    private void ReadTemplateResources(JsonObject template, TemplateScope scope) =>
        ReadResourceList(template["resources"], scope, null);

    private void ReadResourceList(JsonNode? resources, TemplateScope scope, ParentResource? parent)
    {
        IEnumerable<JsonNode> items = resources switch
        {
            JsonArray array => array.Items,
            JsonObject symbolic => SymbolicValues(symbolic),
            _ => Array.Empty<JsonNode>(),
        };

        foreach (var item in items)
        {
            if (_file.Stopped)
            {
                return;
            }

            if (item is JsonObject resource)
            {
                ReadResourceWithCopy(resource, scope, parent);
            }
        }
    }

    private static IEnumerable<JsonNode> SymbolicValues(JsonObject resources)
    {
        foreach (var property in resources.Properties)
        {
            yield return property.Value;
        }
    }

    private void ReadResourceWithCopy(JsonObject resource, TemplateScope scope, ParentResource? parent)
    {
        // languageVersion 2.0 "existing" resources are references to resources deployed elsewhere, not declarations.
        if (resource["existing"] is JsonLiteral { Kind: JsonNodeKind.True })
        {
            return;
        }

        if (resource["copy"] is not JsonObject copy)
        {
            ReadResource(resource, scope, parent);
            return;
        }

        var loopName = ArmNav.AsString(Evaluate(copy["name"], scope)) ?? string.Empty;
        var count = ArmNav.AsInteger(Evaluate(copy["count"], scope));
        if (count is { } n && n >= 0 && n <= FileReadState.MaxCopyCount)
        {
            for (var i = 0; i < n && !_file.Stopped; i++)
            {
                ReadResource(resource, scope.WithLoop(loopName, i), parent);
            }

            return;
        }

        // Count unknown (or beyond what ARM deploys): read the declaration once, with copyIndex() unknown.
        ReadResource(resource, scope.WithLoop(loopName, null), parent);
    }

    private void ReadResource(JsonObject resource, TemplateScope scope, ParentResource? parent)
    {
        _file.CancellationToken.ThrowIfCancellationRequested();
        if (++_file.ResourceCount > FileReadState.MaxResources)
        {
            _file.Stopped = true;
            _file.ReportCouldNotRead(
                NameSpanOf(resource),
                $"it declares more than {FileReadState.MaxResources} resources (copies and nested deployments included); the rest was not read");
            return;
        }

        try
        {
            ReadResourceCore(resource, scope, parent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A reader bug must not cost the rest of the file (nor crash the host): say so at the resource, go on.
            _file.ReportCouldNotRead(NameSpanOf(resource), $"reading this resource failed ({ex.GetType().Name}: {ex.Message})");
        }
    }

    private void ReadResourceCore(JsonObject resource, TemplateScope scope, ParentResource? parent)
    {
        // A condition known to be false skips the resource (and its children). An unknown condition reads it, marked
        // as deployed only if the condition holds: its rules may or may not exist (coverage treats them as Maybe).
        if (resource["condition"] is { } conditionNode)
        {
            var condition = ArmEvaluation.EvaluateNode(conditionNode, scope);
            switch (ArmNav.AsBool(condition))
            {
                case false:
                    return;
                case null:
                    scope = scope.UnderCondition(ArmNav.ToModelValue(condition) is { IsKnown: false } unknown
                        ? unknown
                        : ModelValue.Unknown(ArmNav.NameText(condition) ?? "condition", _file.Span(conditionNode)));
                    break;
            }
        }

        var typeText = ArmNav.AsString(Evaluate(resource["type"], scope));
        if (string.IsNullOrEmpty(typeText))
        {
            return;
        }

        var fullType = ResourceMapper.FullType(typeText!, parent?.Type);
        var nameValue = Evaluate(resource["name"], scope);
        var nameText = ArmNav.NameText(nameValue) ?? string.Empty;
        var fullName = ResourceMapper.FullName(fullType, nameText, parent?.Name);
        var key = new ResourceKey(fullType, fullName, scope.Context.ResourceGroup);
        if (key.Type == "microsoft.resources/deployments")
        {
            ReadNestedDeployment(resource, scope);
        }
        else
        {
            var propertyScope = scope.ForResourceProperties();
            _mapper.Map(new ResourceDeclaration(
                key,
                nameValue,
                ResourceMapper.DisplayNameOf(nameValue, fullName),
                _file.Span(resource),
                NameSpanOf(resource),
                name => EvaluateProperty(resource, name, propertyScope),
                declaration => ReadSuppressions(resource, declaration.DisplayName))
            {
                UnresolvedCondition = scope.UnresolvedCondition,
                // Route next hops written as reference(...) name the resource they read from in this scope.
                ReferencedResource = unknown => TopologyMapper.ReferencedResource(unknown, scope),
            });
        }

        if (resource["resources"] is { } children)
        {
            ReadResourceList(children, scope, new ParentResource(fullType, fullName));
        }
    }

    private void ReadNestedDeployment(JsonObject resource, TemplateScope outerScope)
    {
        var properties = resource["properties"] as JsonObject;

        // templateLink deployments are opaque here: the linked template may be another input file.
        if (properties?["template"] is not JsonObject template)
        {
            return;
        }

        var depth = outerScope.Context.Depth + 1;
        if (depth > FileReadState.MaxDeploymentDepth)
        {
            _file.ReportCouldNotRead(
                NameSpanOf(resource),
                $"nested deployments are more than {FileReadState.MaxDeploymentDepth} levels deep; the deeper ones were not read");
            return;
        }

        // A deployment to another resource group ("resourceGroup": "rg-lab") declares resources that are not the ones of
        // the same names here: their keys, and the IDs written inside, carry that group.
        var resourceGroup = resource["resourceGroup"] is { } groupNode
            ? Arm.Expressions.ArmFunctions.OtherResourceGroup(ArmEvaluation.EvaluateNode(groupNode, outerScope), outerScope.Context.ResourceGroup)
            : outerScope.Context.ResourceGroup;
        var scopeOption = ArmNav.AsString(Evaluate((properties["expressionEvaluationOptions"] as JsonObject)?["scope"], outerScope));
        if (!string.Equals(scopeOption, "inner", StringComparison.OrdinalIgnoreCase))
        {
            // Outer scope (the default): the nested template's expressions see the parent's parameters and variables.
            // (Its resources deployed to another group are not told apart from the parent's here.)
            ReadTemplateResources(template, outerScope);
            return;
        }

        // Inner scope (also every compiled Bicep module): the template has its own parameters, whose values the
        // deployment passes in properties.parameters.<name>.value, evaluated where the deployment is written.
        var unsuppliedAreUnknown = properties["parametersLink"] is not null;
        var parameters = properties["parameters"];
        var supplied = EmptySupplied;
        DeploymentParameters? passed = null;
        if (parameters is JsonObject parameterObject)
        {
            passed = new DeploymentParameters(parameterObject, outerScope);
        }
        else if (parameters is not null)
        {
            // The whole parameters object is an expression.
            var evaluated = ArmEvaluation.EvaluateNode(parameters, outerScope);
            if (evaluated is ArmObject evaluatedObject)
            {
                var evaluatedParameters = new Dictionary<string, ArmValue>(evaluatedObject.Properties.Count, StringComparer.OrdinalIgnoreCase);
                supplied = evaluatedParameters;
                foreach (var parameter in evaluatedObject.Properties)
                {
                    evaluatedParameters[parameter.Name] = ArmNav.Get(parameter.Value, "value")
                        ?? TemplateContext.UnknownParameter(parameter.Name, parameter.Value.Origin);
                }
            }
            else
            {
                unsuppliedAreUnknown = true;
            }
        }

        var inner = new TemplateContext(_file, template, supplied, unsuppliedAreUnknown, depth, passed, outerScope.UnresolvedCondition, resourceGroup);
        ReadTemplateResources(template, inner.RootScope);
    }

    /// <summary>
    /// <c>"metadata": { "egressAnalyzers.suppress": { "EGR1001": "justification" } }</c> on the resource. Read from
    /// the JSON as written (suppressions are not computed); an invalid entry is reported (EGR0001) and not recorded.
    /// </summary>
    private IReadOnlyList<Suppression> ReadSuppressions(JsonObject resource, string displayName)
    {
        if ((resource["metadata"] as JsonObject)?.GetProperty(SuppressProperty) is not { } property)
        {
            return Array.Empty<Suppression>();
        }

        if (property.Value is not JsonObject entries)
        {
            _file.Report(
                EgressRules.EGR0001_InvalidConfigurationValue,
                _file.Span(property.Value),
                $"'{SuppressProperty}' on '{displayName}' must be an object that maps rule IDs to justifications, e.g. {{ \"EGR1001\": \"why\" }}");
            return Array.Empty<Suppression>();
        }

        var result = new List<Suppression>();
        foreach (var entry in entries.Properties)
        {
            var ruleId = entry.Name.Trim();
            if (!RuleIdPattern.IsMatch(ruleId))
            {
                _file.Report(
                    EgressRules.EGR0001_InvalidConfigurationValue,
                    new SourceSpan(_file.FilePath, entry.NameStart, entry.NameLength),
                    $"'{entry.Name}' in '{SuppressProperty}' on '{displayName}' is not a rule ID (expected EGR followed by four digits, e.g. EGR1001); it suppresses nothing");
                continue;
            }

            if (entry.Value is not JsonString justification || string.IsNullOrWhiteSpace(justification.Value))
            {
                _file.Report(
                    EgressRules.EGR0001_InvalidConfigurationValue,
                    _file.Span(entry.Value),
                    $"Suppression of {ruleId} on '{displayName}' needs a justification (a non-empty string); it was ignored");
                continue;
            }

            var span = new SourceSpan(_file.FilePath, entry.NameStart, entry.Value.End - entry.NameStart);
            result.Add(new Suppression(ruleId, justification.Value.Trim(), span));
        }

        return result;
    }

    private static ArmValue? Evaluate(JsonNode? node, TemplateScope scope) => node is null ? null : ArmEvaluation.EvaluateNode(node, scope);

    private static ArmValue? EvaluateProperty(JsonObject resource, string name, TemplateScope scope) =>
        resource[name] is { } node ? ArmEvaluation.EvaluateNode(node, scope) : null;

    private SourceSpan NameSpanOf(JsonObject resource) =>
        resource["name"] is { } name ? _file.Span(name) : _file.Span(resource);

    private sealed class ParentResource
    {
        public ParentResource(string type, string name)
        {
            Type = type;
            Name = name;
        }

        public string Type { get; }

        public string Name { get; }
    }

}
