using System.Threading;

namespace EgressAnalyzers.Engine.Arm;

/// <summary>
/// What an ARM expression can see: parameters, variables, copy indexes and the cloud. The template reader provides
/// it (outer and inner scopes of nested deployments are different scopes); the evaluator only asks.
/// </summary>
public interface IArmEvaluationScope
{
    /// <summary>File the expressions being evaluated are written in (for origins).</summary>
    string FilePath { get; }

    /// <summary>The cloud's <c>environment()</c> name: AzureCloud, AzureChinaCloud or AzureUSGovernment.</summary>
    string Cloud { get; }

    CancellationToken CancellationToken { get; }

    /// <summary><c>parameters('name')</c>: the value from a parameters file or the caller, else the default, else unknown.</summary>
    ArmValue GetParameter(string name);

    /// <summary><c>variables('name')</c>: evaluated on first use; a cycle yields unknown.</summary>
    ArmValue GetVariable(string name);

    /// <summary><c>copyIndex()</c> / <c>copyIndex('loop')</c> without the offset; null when not inside that loop.</summary>
    int? GetCopyIndex(string? loopName);

    /// <summary>A scope where <c>copyIndex(loopName)</c> (and <c>copyIndex()</c>) is <paramref name="index"/>.</summary>
    IArmEvaluationScope WithCopyIndex(string loopName, int index);
}

/// <summary>
/// A scope inside a deployment to a resource group that may not be the root deployment's (a module with
/// <c>scope: resourceGroup('rg-lab')</c>, a nested deployment with <c>"resourceGroup": "rg-lab"</c>): resource IDs
/// written there without a group name that group (<see cref="ArmResourceId.OtherResourceGroup"/>).
/// </summary>
internal interface IResourceGroupScope
{
    /// <summary>The group's label; null for the root deployment's own resource group.</summary>
    string? ResourceGroup { get; }
}
