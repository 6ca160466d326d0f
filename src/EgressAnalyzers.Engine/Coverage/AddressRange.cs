namespace EgressAnalyzers.Engine.Coverage;

/// <summary>An IPv4 range (single address, CIDR or a-b range).</summary>
public readonly struct AddressRange
{
    public static bool TryParse(string text, out AddressRange range) => throw new System.NotImplementedException("in progress");
}
