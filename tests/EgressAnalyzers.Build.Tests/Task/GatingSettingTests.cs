using EgressAnalyzers.Build;
using EgressAnalyzers.Engine.Diagnostics;

namespace EgressAnalyzers.Build.Tests.Task;

/// <summary>The <c>EgressWarningsAsErrors</c> value the report target applies.</summary>
public class GatingSettingTests
{
    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("false")]
    public void Unset_KeepsEveryDefaultSeverity(string? setting)
    {
        var gating = Gating.Parse(setting);

        Assert.Equal(RuleSeverity.Warning, gating.Apply("EGR1001", RuleSeverity.Warning));
        Assert.Equal(RuleSeverity.Info, gating.Apply("EGR1003", RuleSeverity.Info));
    }

    [Theory]
    [InlineData("true")]
    [InlineData(" TRUE ")]
    public void True_MakesWarningsErrors_ButLeavesInformationalFindingsAlone(string setting)
    {
        var gating = Gating.Parse(setting);

        Assert.Equal(RuleSeverity.Error, gating.Apply("EGR1001", RuleSeverity.Warning));
        Assert.Equal(RuleSeverity.Info, gating.Apply("EGR1006", RuleSeverity.Info));
    }

    [Theory]
    [InlineData("EGR1001;EGR1006")]
    [InlineData("egr1001, EGR1006")]
    [InlineData("EGR1001 EGR1006")]
    public void IdList_MakesExactlyThoseIdsErrors_WhateverTheirDefault(string setting)
    {
        var gating = Gating.Parse(setting);

        Assert.Equal(RuleSeverity.Error, gating.Apply("EGR1001", RuleSeverity.Warning));
        Assert.Equal(RuleSeverity.Error, gating.Apply("EGR1006", RuleSeverity.Info));
        Assert.Equal(RuleSeverity.Warning, gating.Apply("EGR1002", RuleSeverity.Warning));
    }
}
