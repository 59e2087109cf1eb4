using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CacheMeta.Completion;
using CacheMeta.Hosts;
using CacheMeta.Targets;

namespace CacheMeta.Commands.Completion;

/// <summary>
/// Completes -CompatibleWith with values CacheHost.Parse takes: <c>host</c>, this machine's arch triplet, and triplets
/// for the targets of the built-in table. A bare word completes target names into this machine's platform and OS
/// (<c>zen</c> gives <c>linux-rhel8-zen</c>, <c>linux-rhel8-zen2</c>, ...); a word with a platform and an OS
/// (<c>linux-ubuntu22.04-neo</c>) keeps them and completes the target; a platform and the start of an OS
/// (<c>linux-ub</c>) completes the OS from the source the command line names, or well-known ones.
/// </summary>
public sealed class HostCompleter : IArgumentCompleter
{
    private const string ThisMachine = "host";

    private static readonly string[] Targets =
        Microarchitectures.All.Select(t => t.Name).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>Called by PowerShell on Tab.</summary>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var results = new List<CompletionResult>();
        try
        {
            var here = HostDetection.ThisMachine();
            string word = (wordToComplete ?? "").Trim('\'', '"');
            string[] parts = word.Split('-');
            if (parts.Length >= 3)
            {
                string prefix = parts[0] + "-" + parts[1] + "-";
                Add(results, CompletionMatcher.Complete(Targets.Select(t => prefix + t), word));
            }
            else if (parts.Length == 2)
            {
                var known = CompletionSources.Read(CompletionField.OS, fakeBoundParameters) ?? CompletionValues.WellKnown;
                var oses = known.For(CompletionField.OS).Concat(here.OS is null ? Array.Empty<string>() : new[] { here.OS })
                    .OrderBy(o => o, StringComparer.OrdinalIgnoreCase);
                Add(results, CompletionMatcher.Complete(oses.Select(o => parts[0] + "-" + o + "-" + here.Target), word));
            }
            else
            {
                Add(results, CompletionMatcher.Complete(new[] { ThisMachine, here.ToString() }, word));
                string prefix = here.Platform + "-" + (here.OS ?? "unknown") + "-";
                foreach (var target in CompletionMatcher.Complete(Targets, word))
                {
                    results.Add(Result(prefix + target.Value));
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Detection or a broken source must not break the prompt: offer what was found.
        }

        return results.GroupBy(r => r.CompletionText, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();
    }

    private static void Add(List<CompletionResult> results, IEnumerable<CompletionCandidate> candidates)
    {
        foreach (var candidate in candidates)
        {
            results.Add(new CompletionResult(candidate.CompletionText, candidate.Value, CompletionResultType.ParameterValue, candidate.Value));
        }
    }

    // A triplet made from a target name holds only letters, digits, '_', '.' and '-': nothing to quote.
    private static CompletionResult Result(string value) => new(value, value, CompletionResultType.ParameterValue, value);
}
