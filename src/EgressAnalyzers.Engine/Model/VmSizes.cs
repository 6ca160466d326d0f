using System;
using EgressAnalyzers.Engine.Text;

namespace EgressAnalyzers.Engine.Model;

/// <summary>
/// Which node pool VM sizes make a GPU pool in the sense of the AKS egress list: the GPU endpoints (reference §2.2:
/// <c>nvidia.github.io</c>, <c>us.download.nvidia.com</c>, <c>download.docker.com</c>) install NVIDIA drivers.
/// </summary>
public static class VmSizes
{
    /// <summary>
    /// Yes for N-series sizes with NVIDIA GPUs (NC, ND, NV); No for other sizes and for NP (FPGA, no GPU); unknown for
    /// the AMD GPU sizes (NG, NVv4, ND MI300X): whether AKS fetches anything from those endpoints for them is not documented.
    /// </summary>
    public static Fact GpuFact(string vmSize, SourceSpan span)
    {
        var size = vmSize.Trim();
        if (!size.StartsWith("Standard_N", StringComparison.OrdinalIgnoreCase)
            || size.StartsWith("Standard_NP", StringComparison.OrdinalIgnoreCase))
        {
            return Fact.No;
        }

        var amd = size.StartsWith("Standard_NG", StringComparison.OrdinalIgnoreCase)
            || (size.StartsWith("Standard_NV", StringComparison.OrdinalIgnoreCase) && size.EndsWith("_v4", StringComparison.OrdinalIgnoreCase))
            || size.IndexOf("MI300X", StringComparison.OrdinalIgnoreCase) >= 0;
        return amd
            ? Fact.Unknown($"whether the AMD GPU size '{size}' needs the NVIDIA driver endpoints", span)
            : Fact.Yes(span);
    }
}
