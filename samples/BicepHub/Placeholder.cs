namespace BicepHub;

/// <summary>The sample's C# is incidental: the Bicep files in infra/ are what the analyzer checks.</summary>
internal static class Placeholder
{
}
