using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CacheMeta.Commands.Internal;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Sources;

namespace CacheMeta.Commands;

/// <summary>
/// The source parameters shared by the cmdlets that read cache pages: <c>-Path</c> (wildcards) or
/// <c>-LiteralPath</c>, each a page file or a folder searched recursively, taken from the pipeline by
/// property name (Get-ChildItem items bind PSPath; CacheMeta objects bind Source). Without either, the
/// folder in <c>$env:CACHEMETA_PATH</c>.
/// </summary>
public abstract class PageSourceCommandBase : CacheCommandBase
{
    /// <summary>Parameter set names.</summary>
    protected const string PathSet = "Path", LiteralPathSet = "LiteralPath";

    /// <summary>The environment variable naming the default page tree.</summary>
    public const string PathVariable = "CACHEMETA_PATH";

    /// <summary>Page files or folders of pages (searched recursively); wildcards allowed.</summary>
    [Parameter(ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Page files or folders of pages, used exactly as typed (no wildcards).</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "Source")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    /// <summary>Page files larger than this many bytes are reported and skipped.</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long MaxPageBytes { get; set; } = PageReadOptions.DefaultMaxPageBytes;

    /// <summary>The activity text of the progress bar.</summary>
    protected abstract string ProgressActivity { get; }

    /// <summary>Reads every page the source parameters name and hands each result to <paramref name="onPage"/>.</summary>
    protected void ReadPages(CompiledQuery query, bool packageOnly, Func<CachePage, int> onPage)
    {
        var options = new PageReadOptions { PackageOnly = packageOnly, MaxPageBytes = MaxPageBytes };
        var files = Roots().SelectMany(root => File.Exists(root) ? new[] { root } : PageFiles.Find(root, query, CancellationToken));
        var progress = new ProgressReporter(this, GetType().Name.GetHashCode() & 0x7FFF, ProgressActivity);
        try
        {
            foreach (var result in PageReader.ReadFiles(files, query, options, CancellationToken))
            {
                int written = 0;
                if (result.Error is not null)
                {
                    WriteCacheError(result.Error);
                }
                else if (result.Page is not null)
                {
                    written = onPage(result.Page);
                }

                progress.Advance(result.Path, written);
            }
        }
        finally
        {
            progress.Complete();
        }
    }

    private IEnumerable<string> Roots()
    {
        if (LiteralPath is not null)
        {
            return PathResolver.Resolve(this, LiteralPath, literal: true);
        }

        if (Path is not null)
        {
            return PathResolver.Resolve(this, Path, literal: false);
        }

        string? fallback = Environment.GetEnvironmentVariable(PathVariable);
        if (string.IsNullOrEmpty(fallback))
        {
            ThrowTerminatingError(ErrorRecords.Create("NoCacheSource", ErrorCategory.InvalidArgument,
                $"No source given: use -Path or -LiteralPath, or set ${PathVariable} to a folder of cache pages.", null));
        }

        return PathResolver.Resolve(this, new[] { fallback! }, literal: true);
    }
}
