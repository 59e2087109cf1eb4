using System;
using System.Collections.Generic;
using System.Management.Automation;
using CacheMeta.Commands.Internal;
using CacheMeta.Commands.Selection;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Sources;

namespace CacheMeta.Commands;

/// <summary>
/// The page-source parameters: <c>-Path</c> (wildcards) or <c>-LiteralPath</c>, each a page file or a folder searched
/// recursively, also taken from the pipeline by property name (Get-ChildItem items bind PSPath), and
/// <c>-MaxPageBytes</c>. Without either, the folder in <c>$env:CACHEMETA_PATH</c>, else what the derived cmdlet
/// reads by default. Also the reading loop every reading cmdlet shares: errors as ErrorRecords, progress, warnings.
/// </summary>
public abstract class PageSourceCommandBase : CacheCommandBase
{
    /// <summary>Parameter set names: no source named, and the page sources.</summary>
    protected const string DefaultSet = "Default", PathSet = "Path", LiteralPathSet = "LiteralPath";

    // -Path and -LiteralPath are not Mandatory in their sets: with a mandatory by-property-name parameter in two sets
    // beside the one -InputObject set, PowerShell's binder gives up on both sets before it tries a piped file's
    // PSPath (its last-ditch rule for ambiguous pipeline sets). Optional, the Default set wins when neither is given.

    /// <summary>Page files or folders of pages (searched recursively); wildcards are allowed.</summary>
    [Parameter(ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Page files or folders of pages, used exactly as typed (no wildcards); Get-ChildItem items bind here by their PSPath.</summary>
    [Parameter(ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    /// <summary>Page files larger than this many bytes are reported (CachePageTooLarge) and skipped.</summary>
    [Parameter(ParameterSetName = DefaultSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [ValidateRange(1, long.MaxValue)]
    public long MaxPageBytes { get; set; } = PageReadOptions.DefaultMaxPageBytes;

    /// <summary>The activity text of the progress bar.</summary>
    protected abstract string ProgressActivity { get; }

    /// <summary>
    /// Errors met by every read of this invocation. While there are any, what was read is not the whole source, so
    /// the warnings about filter values that matched nothing are not given (the value may be in what failed).
    /// </summary>
    private protected int ReadErrors { get; set; }

    /// <summary>The source parameters as bound; derived cmdlets with more sources add theirs.</summary>
    private protected virtual SourceParameters BoundSources() => new() { Path = Path, LiteralPath = LiteralPath, MaxPageBytes = MaxPageBytes };

    /// <summary>What is read when no source is named and $env:CACHEMETA_PATH is unset.</summary>
    private protected virtual DefaultSource Fallback => DefaultSource.None;

    /// <summary>
    /// The source the bound parameters name, with its path errors written (counted instead with
    /// <paramref name="quiet"/>). With no source and no default: NoCacheSource, terminating; null when quiet.
    /// </summary>
    private protected SourceSelection? SelectSource(bool quiet = false)
    {
        var selection = SourceSelection.Select(BoundSources(), new CmdletPaths(this), Fallback);
        if (selection is null)
        {
            if (!quiet)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.NoCacheSource, ErrorCategory.InvalidArgument,
                    $"No source given: use -Path or -LiteralPath, or set $env:{SourceSelection.PathVariable} to a folder of cache pages.", null));
            }

            return null;
        }

        ReadErrors += selection.Errors.Count;
        if (!quiet)
        {
            foreach (var error in selection.Errors)
            {
                WriteSummarisedError(error);
            }
        }

        if (selection.IsDefault && selection.Kind == SourceKind.Catalog)
        {
            WriteVerbose($"No source given and $env:{SourceSelection.PathVariable} is not set: reading the catalog {selection.Addresses[0]}.");
        }

        return selection;
    }

    /// <summary>Reads the specs of <paramref name="source"/> and hands each to <paramref name="onSpec"/>.</summary>
    private protected ReadOutcome ReadSpecs(ISpecSource source, CompiledQuery query, Action<CacheSpec> onSpec, SourceSelection? selection = null)
    {
        RefuseDependencyConstraints(source, query);
        return Read(source, selection, observer => source.ReadSpecs(query, observer, CancellationToken), onSpec, writeErrors: true);
    }

    /// <summary>Reads the package summaries of <paramref name="source"/> and hands each to <paramref name="onPackage"/>.</summary>
    private protected ReadOutcome ReadPackages(ISpecSource source, CompiledQuery query, Action<CachePackage> onPackage, SourceSelection? selection = null)
    {
        RefuseDependencyConstraints(source, query);
        return Read(source, selection, observer => source.ReadPackages(query, observer, CancellationToken), onPackage, writeErrors: true);
    }

    // A -Spec with ^ terms asks about dependencies, which only indexes record: on pages it stops the cmdlet
    // (InvalidSpecSyntax, pointing at the '^' and saying why) before anything is read.
    private void RefuseDependencyConstraints(ISpecSource source, CompiledQuery query)
    {
        if (query.HasDependencyConstraints && source is not IIndexSource && !(source is SourceList list && list.IsIndexes))
        {
            try
            {
                query.RejectDependencyConstraints();
            }
            catch (CacheMetaException ex)
            {
                ThrowCacheError(ex);
            }
        }
    }

    /// <summary>
    /// Reads a source's results: bad items become non-terminating errors (only counted unless <paramref name="writeErrors"/>),
    /// what the source reports besides goes to the cmdlet's streams, and a progress bar counts the items.
    /// </summary>
    private protected ReadOutcome Read<T>(ISpecSource source, SourceSelection? selection, Func<ISourceObserver, IEnumerable<SourceResult<T>>> read,
        Action<T> onValue, bool writeErrors)
        where T : class
    {
        int values = 0, errors = 0;
        var progress = new ProgressReporter(this, ActivityIds.Reading, ProgressActivity, "{1:N0} found");
        var observer = new SourceObserver(this, ActivityIds.SourceBars);
        try
        {
            foreach (var result in read(observer))
            {
                if (result.Error is not null)
                {
                    errors++;
                    if (writeErrors)
                    {
                        WriteCacheError(selection is null ? result.Error : DefaultSourceHint.Explain(result.Error, selection));
                    }

                    progress.Advance(result.Error.Target ?? string.Empty, 0);
                    continue;
                }

                values++;
                onValue(result.Value!);
                progress.Advance(result.Value, 1, Describe);
            }
        }
        finally
        {
            progress.Complete();
            observer.Complete();
        }

        ReadErrors += errors;
        return new ReadOutcome(values, errors);
    }

    // The file or URL an item came from, for the progress bar (one delegate, made once).
    private static readonly Func<object?, string> Describe = Where;

    private static string Where(object? item) => item switch
    {
        CacheSpec spec => spec.Source,
        CachePackage package => package.Source,
        CachePage page => page.Path,
        _ => null,
    } ?? string.Empty;

    /// <summary>How many items a read gave and how many errors it met.</summary>
    private protected readonly struct ReadOutcome
    {
        public ReadOutcome(int values, int errors)
        {
            Values = values;
            Errors = errors;
        }

        /// <summary>Items read.</summary>
        public int Values { get; }

        /// <summary>Errors met.</summary>
        public int Errors { get; }
    }
}
