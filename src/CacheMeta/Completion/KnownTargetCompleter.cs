using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CacheMeta.Completion;
using CacheMeta.Targets;

namespace CacheMeta.Commands.Completion;

/// <summary>
/// Completes target names from the built-in microarchitecture table, whatever source the command line or
/// $env:CACHEMETA_PATH names: Get-CacheTarget lists the table, not the targets a cache happens to hold.
/// </summary>
public sealed class KnownTargetCompleter : IArgumentCompleter
{
    private static readonly string[] Names =
        Microarchitectures.All.Select(t => t.Name).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>Called by PowerShell on Tab.</summary>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionMatcher.Complete(Names, wordToComplete)
            .Select(c => new CompletionResult(c.CompletionText, c.Value, CompletionResultType.ParameterValue, c.Value))
            .ToList();
}
