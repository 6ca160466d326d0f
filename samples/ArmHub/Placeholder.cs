namespace ArmHub;

/// <summary>The sample's C# is incidental: the templates in infra/ are what the analyzer checks.</summary>
internal static class Placeholder
{
}
