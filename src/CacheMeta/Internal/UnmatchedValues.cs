using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CacheMeta.Query;
using CacheMeta.Completion;

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
    public static string ParameterOf(CompletionField field) => field switch
    {
        CompletionField.Tag => "Tag",
        CompletionField.Stack => "Stack",
        CompletionField.Target => "Target",
        CompletionField.TargetFamily => "TargetFamily",
        CompletionField.OS => "OS",
        CompletionField.Platform => "Platform",
        CompletionField.Compiler => "Compiler",
        _ => "Name",
    };

    /// <summary>Writes the warnings; <paramref name="parameterOf"/> names the parameter of each field (default: <see cref="ParameterOf"/>).</summary>
    public static void Write(Cmdlet cmdlet, CompiledQuery? query, System.Func<CompletionField, string>? parameterOf = null)
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
            CompletionField.Tag => ("tag", "tags"),
            CompletionField.Stack => ("stack", "stacks"),
            CompletionField.Target => ("target", "targets"),
            CompletionField.TargetFamily => ("target family", "target families"),
            CompletionField.OS => ("operating system", "operating systems"),
            CompletionField.Platform => ("platform", "platforms"),
            CompletionField.Compiler => ("compiler", "compilers"),
            _ => ("package", "packages"),
        };

        // Tags and stacks are listed by the source itself (folders, a catalog); the rest come from the specs read.
        bool ofSource = value.Field is CompletionField.Tag or CompletionField.Stack;
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
