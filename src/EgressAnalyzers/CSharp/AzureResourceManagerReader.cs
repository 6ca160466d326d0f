using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EgressAnalyzers.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace EgressAnalyzers.CSharp;

/// <summary>
/// Azure SDK for .NET (<c>Azure.ResourceManager.Network</c>) data objects → the engine model. The object is not a
/// resource by itself: its name comes from the <c>CreateOrUpdate[Async](WaitUntil, name, data)</c> call that sends it
/// (in the same method), and a rule collection group's policy from the receiver of
/// <c>GetFirewallPolicyRuleCollectionGroups()</c>; a group whose policy is not otherwise known gets a stand-in policy
/// so that it is checked.
/// </summary>
internal static class AzureResourceManagerReader
{
    public static IReadOnlyList<ModelResource> ReadAll(CSharpResourceKind kind, CSharpObject data, IObjectCreationOperation creation)
    {
        var (name, policyExpression) = NameFromCreateCall(creation);
        switch (kind)
        {
            case CSharpResourceKind.Firewall:
            {
                var collections = new List<RuleCollection>();
                collections.AddRange(data.Get("ApplicationRuleCollections").Items().Select(c => CSharpRuleMapper.ReadCollection(c, RuleCollectionKind.Application)));
                collections.AddRange(data.Get("NetworkRuleCollections").Items().Select(c => CSharpRuleMapper.ReadCollection(c, RuleCollectionKind.Network)));
                collections.AddRange(data.Get("NatRuleCollections").Items().Select(c => CSharpRuleMapper.ReadCollection(c, RuleCollectionKind.Nat)));
                PolicyReference? policy = data.Get("FirewallPolicyId") is { } id ? new PolicyReference(null, CSharpValue.TextOf(id.Syntax), id.Span) : null;
                return new[] { new AzureFirewallResource(new ResourceKey(ResourceKey.AzureFirewallType, name), name, data.Span, data.Span, collections, policy) };
            }

            case CSharpResourceKind.RuleCollectionGroup:
            {
                var policyName = policyExpression is null ? "{" + name + "-policy}" : "{" + policyExpression + "}";
                var collections = data.Get("RuleCollections").Items().SelectMany(CSharpRuleMapper.ReadPolicyCollection).ToList();
                var group = new RuleCollectionGroupResource(
                    new ResourceKey(ResourceKey.RuleCollectionGroupType, policyName + "/" + name), name, data.Span, data.Span,
                    new ResourceKey(ResourceKey.FirewallPolicyType, policyName), data.Get("Priority").AsInt(), collections);
                var policy = new FirewallPolicyResource(new ResourceKey(ResourceKey.FirewallPolicyType, policyName), policyName.Trim('{', '}'), data.Span, data.Span, null);
                return new ModelResource[] { policy, group };
            }

            default:
                return Array.Empty<ModelResource>();
        }
    }

    public static ModelResource? Read(CSharpResourceKind kind, CSharpObject data, IObjectCreationOperation creation) =>
        ReadAll(kind, data, creation) is { Count: > 0 } all ? (all.Count == 1 ? all[0] : new CSharpResourceBundle(all)) : null;

    /// <summary>The name argument of the create call that sends this object, and the receiver of the group collection.</summary>
    private static (string Name, string? PolicyExpression) NameFromCreateCall(IObjectCreationOperation creation)
    {
        var syntax = creation.Syntax;
        string? localName = null;
        if (syntax.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator })
        {
            localName = declarator.Identifier.ValueText;
        }

        var body = syntax.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or CompilationUnitSyntax);
        var model = creation.SemanticModel;
        if (body is not null && model is not null)
        {
            foreach (var invocation in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var sendsIt = invocation.ArgumentList.Arguments.Any(a => a.Expression == syntax || (localName is not null && a.Expression is IdentifierNameSyntax id && id.Identifier.ValueText == localName));
                if (!sendsIt || model.OperationOrNull(invocation, CancellationToken.None) is not IInvocationOperation call || !call.TargetMethod.Name.StartsWith("CreateOrUpdate", StringComparison.Ordinal))
                {
                    continue;
                }

                var nameArgument = call.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_String);
                var name = nameArgument?.Value.ConstantValue is { HasValue: true, Value: string text } ? text : nameArgument is null ? localName ?? "data" : "{" + CSharpValue.TextOf(nameArgument.Value.Syntax) + "}";
                var receiver = (call.Instance as IInvocationOperation) is { TargetMethod.Name: "GetFirewallPolicyRuleCollectionGroups" } groups && groups.Instance is not null
                    ? CSharpValue.TextOf(groups.Instance.Syntax)
                    : null;
                return (name, receiver);
            }
        }

        return (localName ?? creation.Type?.Name ?? "data", null);
    }
}

/// <summary>More than one model resource from one creation (an Azure SDK group and its stand-in policy).</summary>
internal sealed class CSharpResourceBundle : ModelResource
{
    public CSharpResourceBundle(IReadOnlyList<ModelResource> resources)
        : base(resources[0].Key, resources[0].DisplayName, resources[0].Span, resources[0].NameSpan)
    {
        Resources = resources;
    }

    private CSharpResourceBundle(SyntaxNode creation)
        : base(default, string.Empty, CSharpValue.SpanOf(creation), default)
    {
        Resources = System.Array.Empty<ModelResource>();
    }

    /// <summary>
    /// A creation the code runs in no iteration of its loops (every item fails its condition): it makes no resource.
    /// Unlike null (not read), nothing stands in for it.
    /// </summary>
    public static CSharpResourceBundle NoneCreated(SyntaxNode creation) => new(creation);

    public IReadOnlyList<ModelResource> Resources { get; }
}
