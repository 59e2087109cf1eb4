using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using CacheMeta.Commands.Completion;
using CacheMeta.Commands.Internal;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tags;

namespace CacheMeta.Commands;

/// <summary>Gets the tags (refs) of the Spack build cache with the CI stacks built for each.</summary>
/// <remarks>
/// Writes one CacheMeta.CacheTag per tag: Name, Kind (Develop, Release, Snapshot, Other), Date for develop-YYYY-MM-DD
/// snapshots, Version for vX.Y.Z releases, and Stacks. Tags come from the site's tag list (_data/tags.yaml) or a page
/// tree (-Path, -LiteralPath: a folder is searched for pages and each page adds its tag and stacks), or from a
/// catalog in the shape of cache_spack_io_index.json (-Catalog, one {label, url} entry per stack). Without a source
/// the folder in $env:CACHEMETA_PATH is read. Tags are written as the site lists them: develop, releases newest
/// first, snapshots newest first.
/// </remarks>
/// <example>
/// <code>Get-CacheTag -Path ./site/_data/tags.yaml -Kind Release | Select-Object -First 3</code>
/// <para>Shows the three newest releases the site lists, with their stacks.</para>
/// </example>
/// <example>
/// <code>Get-CacheTag develop-2025* -Path ./site/_cache | Where-Object Stacks -contains 'e4s-neoverse-v2'</code>
/// <para>Lists the 2025 develop snapshots whose pages include specs of the e4s-neoverse-v2 stack.</para>
/// </example>
/// <example>
/// <code>Get-CacheTag -Catalog ./cache_spack_io_index.json | Sort-Object { $_.Stacks.Count } -Descending</code>
/// <para>Ranks the tags of the public cache's catalog by how many stack caches each has.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "CacheTag", DefaultParameterSetName = PathSet)]
[OutputType(typeof(CacheTag))]
public sealed class GetCacheTagCommand : CacheCommandBase
{
    private const string PathSet = "Path", LiteralPathSet = "LiteralPath", CatalogSet = "Catalog";

    private TagCollector? _tags;

    /// <summary>Tag names to keep (wildcards): develop, v0.23.*, develop-2025-*.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Tag-list files (the site's _data/tags.yaml) or page trees (a site, its _cache folder, a tag folder); wildcards allowed.</summary>
    [Parameter(ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Tag-list files or page trees, used exactly as typed.</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    /// <summary>Catalog files in the shape of the public cache's cache_spack_io_index.json ({tag: [{label, url}]}).</summary>
    [Parameter(ParameterSetName = CatalogSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Catalog { get; set; }

    /// <summary>Keep only tags of these kinds: Develop, Release, Snapshot, Other.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public CacheTagKind[]? Kind { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing() => _tags = new TagCollector(Name);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Catalog is not null)
        {
            foreach (string file in PathResolver.Resolve(this, Catalog, literal: true))
            {
                Read(() => _tags!.Add(CacheMeta.Sources.Catalog.Load(file,
                    new CacheMeta.Http.IndexFetcher(new CacheMeta.Http.FetchOptions { CacheDirectory = CacheMeta.Http.LocalCache.DefaultDirectory() }), CancellationToken)));
            }

            return;
        }

        foreach (string source in Sources())
        {
            bool isPage = File.Exists(source)
                && System.IO.Path.GetFileName(source) is PageFiles.PageFileName or PageFiles.LegacyPageFileName;
            if (Directory.Exists(source) || isPage)
            {
                ReadTree(source);
            }
            else
            {
                Read(() => TagListReader.ReadFile(source, _tags!));
            }
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        foreach (var tag in _tags!.Tags())
        {
            if (Kind is null || Array.IndexOf(Kind, tag.Kind) >= 0)
            {
                WriteObject(tag);
            }
        }
    }

    private IEnumerable<string> Sources()
    {
        if (LiteralPath is not null)
        {
            return PathResolver.Resolve(this, LiteralPath, literal: true);
        }

        if (Path is not null)
        {
            return PathResolver.Resolve(this, Path, literal: false);
        }

        string? fallback = Environment.GetEnvironmentVariable(CacheSourceCommandBase.PathVariable);
        if (string.IsNullOrEmpty(fallback))
        {
            ThrowTerminatingError(ErrorRecords.Create(ErrorIds.NoCacheSource, ErrorCategory.InvalidArgument,
                $"No source given: use -Path, -LiteralPath or -Catalog, or set ${CacheSourceCommandBase.PathVariable} to a folder of cache pages.", null));
        }

        return PathResolver.Resolve(this, new[] { fallback! }, literal: true);
    }

    // Every page adds its tag and stacks; tag folders the -Name filter rules out are not entered.
    private void ReadTree(string root)
    {
        var query = new CompiledQuery(new SpecQuery { Tag = Name });
        var progress = new ProgressReporter(this, nameof(GetCacheTagCommand).GetHashCode() & 0x7FFF, "Reading cache tags");
        try
        {
            var observer = new SourceObserver(this, 1);
            foreach (var result in new PageTreeSource(new[] { root }).ReadPackages(query, observer, CancellationToken))
            {
                if (result.Error is not null)
                {
                    WriteCacheError(result.Error);
                }
                else
                {
                    _tags!.Add(result.Value!, root);
                }

                progress.Advance(root, 0);
            }
        }
        finally
        {
            progress.Complete();
        }
    }

    private void Read(Action read)
    {
        try
        {
            read();
        }
        catch (CacheMetaException ex)
        {
            WriteCacheError(ex);
        }
    }
}
