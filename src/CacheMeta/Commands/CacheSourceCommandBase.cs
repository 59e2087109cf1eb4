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

    /// <summary>How many items a read gave and how many errors it wrote.</summary>
    private protected readonly struct ReadOutcome
    {
        public ReadOutcome(int values, int errors)
        {
            Values = values;
            Errors = errors;
        }

        /// <summary>Items read.</summary>
        public int Values { get; }

        /// <summary>Errors written.</summary>
        public int Errors { get; }
    }

    /// <summary>Reads the specs the bound source parameters name and hands each to <paramref name="onSpec"/>.</summary>
    private protected ReadOutcome ReadSpecs(CompiledQuery query, Action<CacheSpec> onSpec) =>
        Read((source, observer) => source.ReadSpecs(query, observer, CancellationToken), onSpec);

    /// <summary>Reads the package summaries the bound source parameters name and hands each to <paramref name="onPackage"/>.</summary>
    private protected ReadOutcome ReadPackages(CompiledQuery query, Action<CachePackage> onPackage) =>
        Read((source, observer) => source.ReadPackages(query, observer, CancellationToken), onPackage);

    /// <summary>Reads the pages of the page sources the bound parameters name.</summary>
    private protected ReadOutcome ReadPages(CompiledQuery query, Action<CachePage> onPage) =>
        Read((source, observer) => source is PageTreeSource tree ? tree.ReadPages(query, observer, CancellationToken)
            : System.Linq.Enumerable.Empty<SourceResult<CachePage>>(), onPage);

    // Bad items become non-terminating errors; the outcome says how many of each there were.
    private ReadOutcome Read<T>(Func<ISpecSource, ISourceObserver, IEnumerable<SourceResult<T>>> read, Action<T> onValue)
        where T : class
    {
        int values = 0, errors = 0;
        int activityId = GetType().Name.GetHashCode() & 0x7FFF;
        var progress = new ProgressReporter(this, activityId, ProgressActivity);
        var observer = new SourceObserver(this, activityId + 1);
        try
        {
            foreach (var source in Sources())
            {
                foreach (var result in read(source, observer))
                {
                    if (result.Error is not null)
                    {
                        errors++;
                        WriteCacheError(result.Error);
                        progress.Advance(result.Error.Target ?? string.Empty, 0);
                        continue;
                    }

                    values++;
                    onValue(result.Value!);
                    progress.Advance(string.Empty, 1);
                }
            }
        }
        finally
        {
            progress.Complete();
            observer.Complete();
        }

        return new ReadOutcome(values, errors);
    }

    /// <summary>The sources the bound parameters name.</summary>
    private protected virtual IEnumerable<ISpecSource> Sources()
    {
        if (Catalog is not null)
        {
            yield return new CatalogSource(Address(Catalog), FetchOptions(), CompleteStacks);
        }
        else if (Mirror is not null)
        {
            yield return new MirrorSource(Array.ConvertAll(Mirror, Address), FetchOptions());
        }
        else if (LiteralPath is not null)
        {
            yield return new PageTreeSource(new List<string>(PathResolver.Resolve(this, LiteralPath, literal: true)), MaxPageBytes);
        }
        else if (Path is not null)
        {
            yield return new PageTreeSource(new List<string>(PathResolver.Resolve(this, Path, literal: false)), MaxPageBytes);
        }
        else
        {
            string? fallback = Environment.GetEnvironmentVariable(PathVariable);
            if (!string.IsNullOrEmpty(fallback))
            {
                yield return new PageTreeSource(new List<string>(PathResolver.Resolve(this, new[] { fallback! }, literal: true)), MaxPageBytes);
            }
            else
            {
                string catalog = CacheMeta.Sources.Catalog.DefaultAddress();
                WriteVerbose($"No source given and ${PathVariable} is not set: reading the catalog {catalog}.");
                yield return new CatalogSource(Address(catalog), FetchOptions(), CompleteStacks);
            }
        }
    }

    private FetchOptions FetchOptions() => new() { CacheDirectory = LocalCache.DefaultDirectory(), Offline = Offline.IsPresent };

    // URLs pass as given; anything else is a path, taken against PowerShell's current location (not the process's).
    private string Address(string value) =>
        SourceAddress.IsUrl(value) ? value : SessionState.Path.GetUnresolvedProviderPathFromPSPath(value);
}
