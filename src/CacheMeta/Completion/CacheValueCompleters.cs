using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using CacheMeta.Commands.Selection;
using CacheMeta.Completion;

namespace CacheMeta.Commands.Completion;

/// <summary>
/// Completes a filter parameter's value from the source the command line names (-Path, -LiteralPath, -Catalog,
/// -Mirror, or the default source: $env:CACHEMETA_PATH or the default catalog as cached), read once per runspace
/// and within a time bound (<see cref="CompletionSources"/>), or else from well-known values. Matching and quoting
/// are the engine's (<see cref="CompletionMatcher"/>); a completer never throws, it offers nothing instead.
/// One subclass per parameter, because PowerShell creates a completer from its type alone.
/// </summary>
public abstract class CacheValueCompleter : IArgumentCompleter
{
    /// <summary>Which values this completer offers.</summary>
    protected abstract CompletionField Field { get; }

    /// <summary>Called by PowerShell on Tab.</summary>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var results = new List<CompletionResult>();
        try
        {
            var values = CompletionSources.Read(Field, fakeBoundParameters);
            foreach (var candidate in CompletionMatcher.Complete(Candidates(values, wordToComplete ?? "", fakeBoundParameters), wordToComplete))
            {
                results.Add(new CompletionResult(candidate.CompletionText, candidate.Value, CompletionResultType.ParameterValue, candidate.Value));
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A broken source must not break the prompt: offer nothing.
        }

        return results;
    }

    /// <summary>The values that may complete the word; the matcher picks and quotes them.</summary>
    private protected virtual IEnumerable<string> Candidates(CompletionValues values, string word, IDictionary bound) => values.For(Field);
}

/// <summary>Completes package names.</summary>
public sealed class NameCompleter : CacheValueCompleter
{
    /// <inheritdoc />
    protected override CompletionField Field => CompletionField.Name;
}

/// <summary>Completes tags.</summary>
public sealed class TagCompleter : CacheValueCompleter
{
    /// <inheritdoc />
    protected override CompletionField Field => CompletionField.Tag;
}

/// <summary>Completes CI stacks.</summary>
public sealed class StackCompleter : CacheValueCompleter
{
    /// <inheritdoc />
    protected override CompletionField Field => CompletionField.Stack;
}

/// <summary>Completes targets.</summary>
public sealed class TargetCompleter : CacheValueCompleter
{
    /// <inheritdoc />
    protected override CompletionField Field => CompletionField.Target;
}

/// <summary>Completes target families.</summary>
public sealed class TargetFamilyCompleter : CacheValueCompleter
{
    /// <inheritdoc />
    protected override CompletionField Field => CompletionField.TargetFamily;
}

/// <summary>Completes operating systems.</summary>
public sealed class OSCompleter : CacheValueCompleter
{
    /// <inheritdoc />
    protected override CompletionField Field => CompletionField.OS;
}

/// <summary>Completes platforms.</summary>
public sealed class PlatformCompleter : CacheValueCompleter
{
    /// <inheritdoc />
    protected override CompletionField Field => CompletionField.Platform;
}

/// <summary>Completes compilers, by name and as name@version.</summary>
public sealed class CompilerCompleter : CacheValueCompleter
{
    /// <inheritdoc />
    protected override CompletionField Field => CompletionField.Compiler;
}

/// <summary>Completes versions: those of the -Name packages when given, newest first.</summary>
public sealed class VersionCompleter : CacheValueCompleter
{
    /// <inheritdoc />
    protected override CompletionField Field => CompletionField.Version;

    private protected override IEnumerable<string> Candidates(CompletionValues values, string word, IDictionary bound) =>
        values.For(Field, SourceParameters.Strings(bound["Name"]));
}

/// <summary>Completes variants (+mpi, build_system=cmake): those of the -Name packages when given.</summary>
public sealed class VariantCompleter : CacheValueCompleter
{
    /// <inheritdoc />
    protected override CompletionField Field => CompletionField.Variant;

    private protected override IEnumerable<string> Candidates(CompletionValues values, string word, IDictionary bound) =>
        values.For(Field, SourceParameters.Strings(bound["Name"]));
}

/// <summary>Completes -Spec in Spack's syntax, part by part: names, @versions, %compilers, target= and variants.</summary>
public sealed class SpecCompleter : CacheValueCompleter
{
    /// <summary>Variants need whole specs: the spec completer reads what the variant completer reads.</summary>
    protected override CompletionField Field => CompletionField.Variant;

    private protected override IEnumerable<string> Candidates(CompletionValues values, string word, IDictionary bound) =>
        SpecCompletion.Candidates(values, CompletionMatcher.Unquote(word));
}
