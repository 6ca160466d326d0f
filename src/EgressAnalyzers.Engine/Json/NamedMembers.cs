using System;
using System.Collections.Generic;

namespace EgressAnalyzers.Engine.Json;

/// <summary>An object whose members are looked up by name (JSON objects, evaluated ARM objects).</summary>
internal interface INamedMembers
{
    int MemberCount { get; }

    string MemberNameAt(int index);
}

/// <summary>
/// Name lookup shared by <see cref="JsonObject"/> and <see cref="Arm.ArmObject"/>: case-insensitive, the last of
/// duplicate names wins (JSON.NET's behaviour, which is what ARM uses).
/// </summary>
internal static class NamedMembers
{
    // Most template objects are small (a rule has four to six properties): a backwards scan finds a name faster than a
    // dictionary costs to build. Larger objects get the index on their first lookup.
    private const int SmallObjectSize = 8;

    public static int IndexOf<T>(T members, string name, ref Dictionary<string, int>? index)
        where T : class, INamedMembers
    {
        var count = members.MemberCount;
        if (count <= SmallObjectSize)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                if (string.Equals(members.MemberNameAt(i), name, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            return -1;
        }

        if (index is null)
        {
            var built = new Dictionary<string, int>(count, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < count; i++)
            {
                built[members.MemberNameAt(i)] = i;
            }

            index = built;
        }

        return index.TryGetValue(name, out var found) ? found : -1;
    }
}
