using System;

namespace EgressAnalyzers.Engine.Coverage;

/// <summary>
/// Service tags in network-rule destinations (<c>AzureCloud</c>, <c>AzureCloud.WestEurope</c>, <c>AzureMonitor</c>, …):
/// any token with letters that is not an address form. Compared case-insensitively: the service accepts
/// <c>AzureCloud.westeurope</c> as well as <c>AzureCloud.WestEurope</c> in templates.
/// </summary>
public static class ServiceTag
{
    public static bool IsServiceTag(string? text)
    {
        if (string.IsNullOrEmpty(text) || AddressRange.TryParse(text, out _))
        {
            return false;
        }

        var hasLetter = false;
        var previousWasDot = true;
        foreach (var c in text!)
        {
            if (c == '.')
            {
                if (previousWasDot)
                {
                    return false;
                }

                previousWasDot = true;
                continue;
            }

            previousWasDot = false;
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z')
            {
                hasLetter = true;
            }
            else if (c is not (>= '0' and <= '9' or '-' or '_'))
            {
                return false;
            }
        }

        return hasLetter && !previousWasDot;
    }

    public static bool AreEqual(string left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
}
