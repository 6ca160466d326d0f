// netstandard2.0 lacks the types the C# compiler needs for `init` accessors; declaring them internally is the
// documented way to use these language features on older targets.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
