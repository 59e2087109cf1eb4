using System;
using System.Collections.Generic;
using System.Management.Automation;
using CacheMeta.Commands.Internal;
using CacheMeta.Http;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Sources;

namespace CacheMeta.Commands;

/// <summary>
/// The source parameters shared by every cmdlet that reads the cache: <c>-Path</c> (wildcards) or
/// <c>-LiteralPath</c>, each a page file or a folder searched recursively, taken from the pipeline by
/// property name (Get-ChildItem items bind PSPath; CacheMeta objects bind Source); <c>-Catalog</c>, a
/// catalog of build caches (tags and stacks); <c>-Mirror</c>, single build caches. Without any, the folder
/// in <c>$env:CACHEMETA_PATH</c>, else the default catalog (<c>$env:CACHEMETA_CATALOG</c>, else the public
/// cache). Derived cmdlets only say what to do with each page.
/// </summary>
public abstract class CacheSourceCommandBase : CacheCommandBase
{
    /// <summary>Parameter set names.</summary>
    protected const string PathSet = "Path", LiteralPathSet = "LiteralPath";

    /// <summary>Parameter set names of the index sources.</summary>
    protected const string CatalogSet = "Catalog", MirrorSet = "Mirror";

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

    /// <summary>
    /// A catalog of build caches in the shape of https://binaries.spack.io/cache_spack_io_index.json: a URL or a
    /// file. -Tag chooses its tags (develop when not given); -Stack chooses which stack indexes are read.
    /// </summary>
    [Parameter(ParameterSetName = CatalogSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? Catalog { get; set; }

    /// <summary>
    /// Single build caches (a site's own mirrors): a mirror URL or folder in the v3 or v2 layout, or the address
    /// of an index.json, an index manifest or an index blob.
    /// </summary>
    [Parameter(ParameterSetName = MirrorSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Mirror { get; set; }

    /// <summary>Reads indexes only from the local cache folder, with no network access; an index not cached is an error (CacheEntryMissing).</summary>
    [Parameter]
    public SwitchParameter Offline { get; set; }

    /// <summary>
    /// Reads every stack index of a catalog tag, so that each spec's Stacks (and each package's NumSpecsByStack)
    /// list all the stacks that hold it, as cache.spack.io shows them. Without it only the indexes the query needs
    /// are read: the tag's root index, or the -Stack stacks' indexes.
    /// </summary>
    [Parameter]
    public SwitchParameter CompleteStacks { get; set; }

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
        int activityId = GetType().Name.GetHashCode() & 0x7FFF;
        var progress = new ProgressReporter(this, activityId, ProgressActivity);
        _observer = new SourceObserver(this, activityId + 1);
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
            _observer.Complete();
        }

        return failed;
    }

    /// <summary>The sources the bound parameters name.</summary>
    protected virtual IEnumerable<ICacheSource> Sources()
    {
        if (Catalog is not null)
        {
            yield return new CatalogSource(Address(Catalog), Fetcher(), _observer, CompleteStacks);
        }
        else if (Mirror is not null)
        {
            yield return new MirrorSource(Array.ConvertAll(Mirror, Address), Fetcher(), _observer);
        }
        else if (LiteralPath is not null)
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
            if (!string.IsNullOrEmpty(fallback))
            {
                yield return new PageTreeSource(PathResolver.Resolve(this, new[] { fallback! }, literal: true));
            }
            else
            {
                string catalog = CacheMeta.Sources.Catalog.DefaultAddress();
                WriteVerbose($"No source given and ${PathVariable} is not set: reading the catalog {catalog}.");
                yield return new CatalogSource(Address(catalog), Fetcher(), _observer, CompleteStacks);
            }
        }
    }

    private SourceObserver? _observer;

    private IndexFetcher Fetcher() =>
        new(new FetchOptions { CacheDirectory = LocalCache.DefaultDirectory(), Offline = Offline.IsPresent }, _observer);

    // URLs pass as given; anything else is a path, taken against PowerShell's current location (not the process's).
    private string Address(string value) =>
        value.Contains("://") ? value : SessionState.Path.GetUnresolvedProviderPathFromPSPath(value);
}
