using EgressAnalyzers.Engine.Model;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Tests.Coverage;

public class VmSizesTests
{
    [Theory]
    [InlineData("Standard_NC6s_v3", Tri.Yes)]
    [InlineData("Standard_NC24ads_A100_v4", Tri.Yes)]
    [InlineData("Standard_ND96asr_v4", Tri.Yes)]
    [InlineData("standard_nv36ads_a10_v5", Tri.Yes)]
    [InlineData("Standard_NP10s", Tri.No)]
    [InlineData("Standard_D4s_v5", Tri.No)]
    [InlineData("Standard_NV4as_v4", Tri.Maybe)]
    [InlineData("Standard_NG8ads_V620_v1", Tri.Maybe)]
    [InlineData("Standard_ND96isr_MI300X_v5", Tri.Maybe)]
    public void An_N_series_size_is_a_GPU_pool_when_its_GPU_is_NVIDIA_and_unknown_when_it_is_AMD(string vmSize, Tri expected) =>
        Assert.Equal(expected, VmSizes.GpuFact(vmSize, SourceSpan.None).Value);

    [Fact]
    public void An_AMD_GPU_size_says_what_is_not_known() =>
        Assert.Equal(
            "whether the AMD GPU size 'Standard_NV4as_v4' needs the NVIDIA driver endpoints",
            VmSizes.GpuFact("Standard_NV4as_v4", SourceSpan.None).UnresolvedExpression);
}
