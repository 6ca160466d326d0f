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

    private readonly FileReadState _file;

    // Model resources in document order; clusters are built at the end (agent pools and extensions merge in).
    private readonly List<object> _entries = new();
    private readonly List<(ResourceKey Cluster, ArmValue Properties)> _agentPools = new();
    private readonly List<SourceSpan> _extensions = new();

    public TemplateWalker(FileReadState file)
    {
        _file = file;
    }

    public IReadOnlyList<ModelResource> Read(TemplateContext root)
    {
        ReadTemplateResources(root.Template, root.RootScope);
        return Finish();
    }

    private List<ModelResource> Finish()
    {
        var clusters = new List<ClusterBuilder>();
        foreach (var entry in _entries)
        {
            if (entry is ClusterBuilder cluster)
            {
                clusters.Add(cluster);
            }
        }

        foreach (var (clusterKey, properties) in _agentPools)
        {
            foreach (var cluster in clusters)
            {
                if (cluster.Key == clusterKey)
                {
                    cluster.AddPool(properties);
                }
            }
        }

        foreach (var cluster in clusters)
        {
            foreach (var extension in _extensions)
            {
                cluster.AddExtension(extension);
            }
        }

        var result = new List<ModelResource>(_entries.Count);
        foreach (var entry in _entries)
        {
            result.Add(entry as ModelResource ?? ((ClusterBuilder)entry).Build());
        }

        return result;
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
        // A condition known to be false skips the resource (and its children). An unknown condition reads it:
        // coverage may then count rules that will not be deployed, the price of not guessing.
        if (resource["condition"] is { } conditionNode && ArmNav.AsBool(ArmEvaluation.EvaluateNode(conditionNode, scope)) == false)
        {
            return;
        }

        var typeText = ArmNav.AsString(Evaluate(resource["type"], scope));
        if (string.IsNullOrEmpty(typeText))
        {
            return;
        }

        var fullType = parent is not null && typeText!.IndexOf('/') < 0 ? parent.Type + "/" + typeText : typeText!;
        var nameValue = Evaluate(resource["name"], scope);
        var nameText = ArmNav.NameText(nameValue) ?? string.Empty;
        var fullName = FullName(fullType, nameText, parent);
        var key = new ResourceKey(fullType, fullName);
        var declaration = new Declaration(resource, key, nameValue, DisplayNameOf(nameValue, fullName), _file.Span(resource), NameSpanOf(resource));

        switch (key.Type)
        {
            case "microsoft.resources/deployments":
                ReadNestedDeployment(declaration, scope);
                break;
            case ResourceKey.AzureFirewallType:
                ReadFirewall(declaration, scope);
                break;
            case ResourceKey.FirewallPolicyType:
                ReadPolicy(declaration, scope);
                break;
            case ResourceKey.RuleCollectionGroupType:
                ReadRuleCollectionGroup(declaration, scope, legacy: false);
                break;
            case "microsoft.network/firewallpolicies/rulegroups":
                ReadRuleCollectionGroup(declaration, scope, legacy: true);
                break;
            case ResourceKey.ManagedClusterType:
                ReadCluster(declaration, scope);
                break;
            case "microsoft.containerservice/managedclusters/agentpools":
                _agentPools.Add((key.Parent, EvaluateProperty(resource, "properties", scope) ?? ArmValue.Null(declaration.Span)));
                break;
            case "microsoft.kubernetesconfiguration/extensions":
                _extensions.Add(declaration.NameSpan);
                break;
            case ResourceKey.VirtualNetworkType:
                ReadVirtualNetwork(declaration, scope);
                break;
            case ResourceKey.SubnetType:
                _entries.Add(ReadSubnet(
                    key, declaration.DisplayName, declaration.Span, declaration.NameSpan, EvaluateProperty(resource, "properties", scope), ReadSuppressions(declaration)));
                break;
            case ResourceKey.RouteTableType:
            case ResourceKey.RouteType:
            case ResourceKey.PublicIpAddressType:
            case ResourceKey.ApplicationGatewayType:
            case ResourceKey.LoadBalancerType:
                _entries.Add(TopologyMapper.Read(declaration.Key, declaration.DisplayName, declaration.Span, declaration.NameSpan, EvaluateProperty(resource, "properties", scope), scope, _file, ReadSuppressions(declaration)));
                break;
        }

        if (resource["resources"] is { } children)
        {
            ReadResourceList(children, scope, new ParentResource(fullType, fullName));
        }
    }

    private void ReadNestedDeployment(Declaration declaration, TemplateScope outerScope)
    {
        var properties = declaration.Resource["properties"] as JsonObject;

        // templateLink deployments are opaque here: the linked template may be another input file.
        if (properties?["template"] is not JsonObject template)
        {
            return;
        }

        var depth = outerScope.Context.Depth + 1;
        if (depth > FileReadState.MaxDeploymentDepth)
        {
            _file.ReportCouldNotRead(
                declaration.NameSpan,
                $"nested deployments are more than {FileReadState.MaxDeploymentDepth} levels deep; the deeper ones were not read");
            return;
        }

        var scopeOption = ArmNav.AsString(Evaluate((properties["expressionEvaluationOptions"] as JsonObject)?["scope"], outerScope));
        if (!string.Equals(scopeOption, "inner", StringComparison.OrdinalIgnoreCase))
        {
            // Outer scope (the default): the nested template's expressions see the parent's parameters and variables.
            ReadTemplateResources(template, outerScope);
            return;
        }

        // Inner scope (also every compiled Bicep module): the template has its own parameters, whose values the
        // deployment passes in properties.parameters.<name>.value, evaluated where the deployment is written.
        var supplied = new Dictionary<string, ArmValue>(StringComparer.OrdinalIgnoreCase);
        var unsuppliedAreUnknown = properties["parametersLink"] is not null;
        var parameters = properties["parameters"];
        if (parameters is JsonObject parameterObject)
        {
            foreach (var parameter in parameterObject.Properties)
            {
                supplied[parameter.Name] = parameter.Value is JsonObject body && body["value"] is { } value
                    ? ArmEvaluation.EvaluateNode(value, outerScope)
                    : TemplateContext.UnknownParameter(parameter.Name, _file.Span(parameter.Value));
            }
        }
        else if (parameters is not null)
        {
            // The whole parameters object is an expression.
            var evaluated = ArmEvaluation.EvaluateNode(parameters, outerScope);
            if (evaluated is ArmObject evaluatedObject)
            {
                foreach (var parameter in evaluatedObject.Properties)
                {
                    supplied[parameter.Name] = ArmNav.Get(parameter.Value, "value")
                        ?? TemplateContext.UnknownParameter(parameter.Name, parameter.Value.Origin);
                }
            }
            else
            {
                unsuppliedAreUnknown = true;
            }
        }

        var inner = new TemplateContext(_file, template, supplied, unsuppliedAreUnknown, depth);
        ReadTemplateResources(template, inner.RootScope);
    }

    private void ReadFirewall(Declaration declaration, TemplateScope scope)
    {
        var properties = EvaluateProperty(declaration.Resource, "properties", scope);
        var policy = ArmNav.Path(properties, "firewallPolicy", "id");
        _entries.Add(new AzureFirewallResource(
            declaration.Key,
            declaration.DisplayName,
            declaration.Span,
            declaration.NameSpan,
            RuleMapper.ReadClassicCollections(properties),
            ToPolicyReference(policy))
        {
            PrivateIpAddresses = TopologyMapper.FirewallPrivateIps(properties),
            Subnets = TopologyMapper.IpConfigurationReferences(properties, "ipConfigurations", "subnet", _file),
            PublicIpAddresses = TopologyMapper.IpConfigurationReferences(properties, "ipConfigurations", "publicIPAddress", _file),
            Suppressions = ReadSuppressions(declaration),
            OptedIn = _file.OptedIn,
        });
    }

    private void ReadPolicy(Declaration declaration, TemplateScope scope)
    {
        var properties = EvaluateProperty(declaration.Resource, "properties", scope);
        _entries.Add(new FirewallPolicyResource(
            declaration.Key,
            declaration.DisplayName,
            declaration.Span,
            declaration.NameSpan,
            ToPolicyReference(ArmNav.Path(properties, "basePolicy", "id")))
        {
            Suppressions = ReadSuppressions(declaration),
            OptedIn = _file.OptedIn,
        });
    }

    private void ReadRuleCollectionGroup(Declaration declaration, TemplateScope scope, bool legacy)
    {
        var properties = EvaluateProperty(declaration.Resource, "properties", scope);
        var collections = legacy ? RuleMapper.ReadLegacyRuleGroupRules(properties) : RuleMapper.ReadPolicyCollections(properties);
        _entries.Add(new RuleCollectionGroupResource(
            declaration.Key,
            declaration.DisplayName,
            declaration.Span,
            declaration.NameSpan,
            declaration.Key.Parent,
            ArmNav.AsPriority(ArmNav.Get(properties, "priority")),
            collections)
        {
            Suppressions = ReadSuppressions(declaration),
            OptedIn = _file.OptedIn,
        });
    }

    private void ReadCluster(Declaration declaration, TemplateScope scope)
    {
        var builder = new ClusterBuilder(_file, declaration.Key, declaration.DisplayName, declaration.Span, declaration.NameSpan)
        {
            Suppressions = ReadSuppressions(declaration),
        };
        builder.ReadCluster(EvaluateProperty(declaration.Resource, "location", scope), EvaluateProperty(declaration.Resource, "properties", scope));
        _entries.Add(builder);
    }

    private void ReadVirtualNetwork(Declaration declaration, TemplateScope scope)
    {
        var properties = EvaluateProperty(declaration.Resource, "properties", scope);
        var subnets = new List<SubnetResource>();
        foreach (var subnet in ArmNav.Items(ArmNav.Get(properties, "subnets")))
        {
            if (subnet is not ArmObject)
            {
                continue;
            }

            var subnetName = ArmNav.Get(subnet, "name");
            var subnetNameText = ArmNav.NameText(subnetName) ?? string.Empty;
            subnets.Add(ReadSubnet(
                new ResourceKey(ResourceKey.SubnetType, declaration.Key.Name + "/" + subnetNameText),
                DisplayNameOf(subnetName, subnetNameText),
                subnet.Origin,
                ArmNav.OriginOr(subnetName, subnet.Origin),
                ArmNav.Get(subnet, "properties"),
                Array.Empty<Suppression>()));
        }

        _entries.Add(new VirtualNetworkResource(declaration.Key, declaration.DisplayName, declaration.Span, declaration.NameSpan)
        {
            DnsServers = ArmNav.ToModelValues(ArmNav.Path(properties, "dhcpOptions", "dnsServers")),
            Subnets = subnets,
            Suppressions = ReadSuppressions(declaration),
        });
    }

    private static SubnetResource ReadSubnet(
        ResourceKey key,
        string displayName,
        SourceSpan span,
        SourceSpan nameSpan,
        ArmValue? properties,
        IReadOnlyList<Suppression> suppressions)
    {
        var prefixes = new List<ModelValue>();
        if (ArmNav.ToModelValue(ArmNav.Get(properties, "addressPrefix")) is { } prefix)
        {
            prefixes.Add(prefix);
        }

        prefixes.AddRange(ArmNav.ToModelValues(ArmNav.Get(properties, "addressPrefixes")));
        return new SubnetResource(key, displayName, span, nameSpan)
        {
            AddressPrefixes = prefixes,
            RouteTable = ArmNav.ToResourceKey(ArmNav.Path(properties, "routeTable", "id")),
            RouteTableId = ArmNav.ToModelValue(ArmNav.Path(properties, "routeTable", "id")),
            Suppressions = suppressions,
        };
    }

    private PolicyReference? ToPolicyReference(ArmValue? id)
    {
        if (id is null or ArmNull)
        {
            return null;
        }

        // The source of a JSON string includes its quotes; messages quote the reference themselves.
        var text = (_file.SourceOf(id.Origin) ?? ArmNav.NameText(id) ?? string.Empty).Trim().Trim('"');
        return new PolicyReference(ArmNav.ToResourceKey(id), text, id.Origin);
    }

    /// <summary>
    /// <c>"metadata": { "egressAnalyzers.suppress": { "EGR1001": "justification" } }</c> on the resource. Read from
    /// the JSON as written (suppressions are not computed); an invalid entry is reported (EGR0001) and not recorded.
    /// </summary>
    private IReadOnlyList<Suppression> ReadSuppressions(Declaration declaration)
    {
        if ((declaration.Resource["metadata"] as JsonObject)?.GetProperty(SuppressProperty) is not { } property)
        {
            return Array.Empty<Suppression>();
        }

        if (property.Value is not JsonObject entries)
        {
            _file.Report(
                EgressRules.EGR0001_InvalidConfigurationValue,
                _file.Span(property.Value),
                $"'{SuppressProperty}' on '{declaration.DisplayName}' must be an object that maps rule IDs to justifications, e.g. {{ \"EGR1001\": \"why\" }}");
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
                    $"'{entry.Name}' in '{SuppressProperty}' on '{declaration.DisplayName}' is not a rule ID (expected EGR followed by four digits, e.g. EGR1001); it suppresses nothing");
                continue;
            }

            if (entry.Value is not JsonString justification || string.IsNullOrWhiteSpace(justification.Value))
            {
                _file.Report(
                    EgressRules.EGR0001_InvalidConfigurationValue,
                    _file.Span(entry.Value),
                    $"Suppression of {ruleId} on '{declaration.DisplayName}' needs a justification (a non-empty string); it was ignored");
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

    /// <summary>
    /// ARM's rule for child resources: a short type (<c>ruleCollectionGroups</c>) is appended to the parent's type, and
    /// a name with fewer segments than the type has levels is prefixed with the parent's name.
    /// </summary>
    private static string FullName(string fullType, string name, ParentResource? parent)
    {
        if (parent is null)
        {
            return name;
        }

        var levels = fullType.Split('/').Length - 1;
        var segments = name.Split('/').Length;
        return segments < levels ? parent.Name + "/" + name : name;
    }

    /// <summary>The short name as written, or the expression when the name is unknown.</summary>
    private static string DisplayNameOf(ArmValue? nameValue, string fullName)
    {
        var cut = fullName.LastIndexOf('/');
        var shortName = cut < 0 ? fullName : fullName.Substring(cut + 1);
        if (nameValue is not ArmUnknown unknown || (shortName.IndexOf('{') < 0 && shortName.Length > 0))
        {
            return shortName;
        }

        // An unresolved name reads best as its shape (fw-{parameters('region')}) when it has known text, else as its expression.
        return HasTextOutsideHoles(shortName) ? shortName : unknown.Reason;
    }

    private static bool HasTextOutsideHoles(string shape)
    {
        var depth = 0;
        foreach (var c in shape)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                return true;
            }
        }

        return false;
    }

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

    private sealed class Declaration
    {
        public Declaration(JsonObject resource, ResourceKey key, ArmValue? nameValue, string displayName, SourceSpan span, SourceSpan nameSpan)
        {
            Resource = resource;
            Key = key;
            NameValue = nameValue;
            DisplayName = displayName;
            Span = span;
            NameSpan = nameSpan;
        }

        public JsonObject Resource { get; }

        public ResourceKey Key { get; }

        public ArmValue? NameValue { get; }

        public string DisplayName { get; }

        public SourceSpan Span { get; }

        public SourceSpan NameSpan { get; }
    }
}
