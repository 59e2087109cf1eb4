using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CacheMeta.Query;

namespace CacheMeta.Commands.Internal;

/// <summary>
/// Writes what a query's census found once a read is over: one warning per filter value, given without wildcards,
/// that nothing the source holds matches, naming what it does hold, so a typing error such as <c>-Stack e4z</c>
/// does not pass for an empty answer.
/// </summary>
internal static class UnmatchedValues
{
    private const int Listed = 12;

    /// <summary>The filter parameters of the spec cmdlets, by the field they filter.</summary>
    public static string ParameterOf(CensusField field) => field switch
    {
        CensusField.Tag => "Tag",
        CensusField.Stack => "Stack",
        CensusField.Target => "Target",
        CensusField.TargetFamily => "TargetFamily",
        CensusField.OS => "OS",
        CensusField.Platform => "Platform",
        _ => "Compiler",
    };

    /// <summary>Writes the warnings; <paramref name="parameterOf"/> names the parameter of each field (default: <see cref="ParameterOf"/>).</summary>
    public static void Write(Cmdlet cmdlet, CompiledQuery? query, System.Func<CensusField, string>? parameterOf = null)
    {
        foreach (var value in query?.Census?.Unmatched() ?? new List<UnmatchedValue>())
        {
            cmdlet.WriteWarning(Describe(value, (parameterOf ?? ParameterOf)(value.Field)));
        }
    }

    public static string Describe(UnmatchedValue value, string parameter)
    {
        var (noun, plural) = value.Field switch
        {
            CensusField.Tag => ("tag", "tags"),
            CensusField.Stack => ("stack", "stacks"),
            CensusField.Target => ("target", "targets"),
            CensusField.TargetFamily => ("target family", "target families"),
            CensusField.OS => ("operating system", "operating systems"),
            CensusField.Platform => ("platform", "platforms"),
            _ => ("compiler", "compilers"),
        };

        // Tags and stacks are listed by the source itself (folders, a catalog); the rest come from the specs read.
        bool ofSource = value.Field is CensusField.Tag or CensusField.Stack;
        string head = $"-{parameter} '{value.Value}' matches no {noun} of {(ofSource ? "the source" : "the specs read")}";
        if (value.Held.Count == 0)
        {
            return head + (ofSource ? ": it has none." : $": they have no {plural}.");
        }

        string list = string.Join(", ", value.Held.Take(Listed));
        int more = value.Held.Count - Listed;
        if (more > 0 || !value.HeldAll)
        {
            list += value.HeldAll ? $" and {more} more" : " and more";
        }

        return $"{head}. {(ofSource ? "Its" : "Their")} {plural}: {list}.";
    }
}
