using System;
using System.Collections.Generic;
using System.Management.Automation;
using CacheMeta.Commands.Internal;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Sources;

namespace CacheMeta.Commands;

/// <summary>
/// The source parameters shared by every cmdlet that reads the cache: <c>-Path</c> (wildcards) or
/// <c>-LiteralPath</c>, each a page file or a folder searched recursively, taken from the pipeline by
/// property name (Get-ChildItem items bind PSPath; CacheMeta objects bind Source). Without either, the
/// folder in <c>$env:CACHEMETA_PATH</c>. Derived cmdlets only say what to do with each page.
/// </summary>
public abstract class CacheSourceCommandBase : CacheCommandBase
{
    /// <summary>Parameter set names.</summary>
    protected const string PathSet = "Path", LiteralPathSet = "LiteralPath";

    /// <summary>The environment variable naming the default page tree.</summary>
    public const string PathVariable = "CACHEMETA_PATH";

    /// <summary>Page files or folders of pages (searched recursively); wildcards are allowed.</summary>
    [Parameter(ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Page files or folders of pages, used exactly as typed (no wildcards).</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "Source")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    /// <summary>Page files larger than this many bytes are reported (CachePageTooLarge) and skipped.</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long MaxPageBytes { get; set; } = PageReadOptions.DefaultMaxPageBytes;

    /// <summary>The activity text of the progress bar.</summary>
    protected abstract string ProgressActivity { get; }

    /// <summary>
    /// Reads every page the source parameters name and hands each to <paramref name="onPage"/>, which returns
    /// how many objects it wrote (for the progress bar). Bad pages become non-terminating errors; the return
    /// value says how many there were.
    /// </summary>
    protected int ReadPages(CompiledQuery query, bool packageOnly, Func<CachePage, int> onPage)
    {
        int failed = 0;
        var options = new PageReadOptions { PackageOnly = packageOnly, MaxPageBytes = MaxPageBytes };
        var progress = new ProgressReporter(this, GetType().Name.GetHashCode() & 0x7FFF, ProgressActivity);
        try
        {
            foreach (var source in Sources())
            {
                foreach (var result in source.Read(query, options, CancellationToken))
                {
                    int written = 0;
                    if (result.Error is not null)
                    {
                        failed++;
                        WriteCacheError(result.Error);
                    }
                    else if (result.Page is not null)
                    {
                        written = onPage(result.Page);
                    }

                    progress.Advance(result.Path, written);
                }
            }
        }
        finally
        {
            progress.Complete();
        }

        return failed;
    }

    /// <summary>The sources the bound parameters name.</summary>
    protected virtual IEnumerable<ICacheSource> Sources()
    {
        if (LiteralPath is not null)
        {
            yield return new PageTreeSource(PathResolver.Resolve(this, LiteralPath, literal: true));
        }
        else if (Path is not null)
        {
            yield return new PageTreeSource(PathResolver.Resolve(this, Path, literal: false));
        }
        else
        {
            string? fallback = Environment.GetEnvironmentVariable(PathVariable);
            if (string.IsNullOrEmpty(fallback))
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.NoCacheSource, ErrorCategory.InvalidArgument,
                    $"No source given: use -Path or -LiteralPath, or set ${PathVariable} to a folder of cache pages.", null));
            }

            yield return new PageTreeSource(PathResolver.Resolve(this, new[] { fallback! }, literal: true));
        }
    }
}
