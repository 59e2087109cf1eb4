using System;

namespace CacheMeta.Commands.Internal;

/// <summary>
/// The -OSCompatibility text as the engine's rule. The parameter is a string with a ValidateSet rather than the
/// engine's enum: a field of an engine value type would make the runtime load the engine while PowerShell scans the
/// cmdlet classes, before the module has taught it where the engine is (see Measure-CacheStack -GroupBy).
/// </summary>
internal static class OSRules
{
    /// <summary>The rule named by <paramref name="text"/> (any case, as the ValidateSet lets it through); Exact when null.</summary>
    public static OSCompatibility Parse(string? text) =>
        text is null ? OSCompatibility.Exact : (OSCompatibility)Enum.Parse(typeof(OSCompatibility), text, ignoreCase: true);
}
