using System;
using System.Collections.Generic;
using System.Management.Automation;
using CacheMeta.Commands.Completion;
using CacheMeta.Commands.Internal;
using CacheMeta.Commands.Selection;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tags;

namespace CacheMeta.Commands;

/// <summary>Gets the tags (refs) of the Spack build cache with the CI stacks built for each.</summary>
/// <remarks>
/// Writes one CacheMeta.CacheTag per tag: Name, Kind (Develop, Release, Snapshot, Other), Date for develop-YYYY-MM-DD
/// snapshots, Version for vX.Y.Z releases, and Stacks. Tags come from the site's tag list (_data/tags.yaml, or its _data folder) or a page
/// tree (-Path, -LiteralPath: a folder is searched for pages and each page adds its tag and stacks), or from catalogs
/// in the shape of cache_spack_io_index.json (-Catalog, a URL or file, one {label, url} entry per stack). Without a
/// source, the folder in $env:CACHEMETA_PATH, else the default catalog (the public cache's). Tags are written as the
/// site lists them: develop, releases newest first, snapshots newest first. A tag knows where it was found, so
/// Get-CacheTag develop* | Get-CacheSpec reads those tags' specs from that source (for a tag list, from the site it
/// belongs to). A -Name given without wildcards that matches no tag is a warning naming the tags there are.
/// </remarks>
/// <example>
/// <code>Get-CacheTag -Path ./samples | Format-Table Name, Kind, Version</code>
/// <para>Shows the tags of the sample pages: develop and the v0.23.1 release.</para>
/// </example>
/// <example>
/// <code>Get-CacheTag v0.23.* -Catalog ./samples/binaries/catalog.json | Get-CacheSpec</code>
/// <para>Lists the specs of the 0.23 releases in the sample build caches, read from the catalog the tags came from.</para>
/// </example>
/// <example>
/// <code>Get-CacheTag -Catalog ./samples/binaries/catalog.json | Sort-Object { $_.Stacks.Count } -Descending</code>
/// <para>Ranks the tags of a catalog by how many stack caches each has.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "CacheTag", DefaultParameterSetName = DefaultSet, HelpUri = HelpLinks.Reference + "get-cachetag")]
[OutputType(typeof(CacheTag))]
public sealed class GetCacheTagCommand : PageSourceCommandBase
{
    private const string CatalogSet = "Catalog";

    private CompiledQuery? _query;
    private TagCollector? _tags;

    /// <summary>Tag names to keep (wildcards): develop, v0.23.*, develop-2025-*.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Catalogs in the shape of the public cache's cache_spack_io_index.json ({tag: [{label, url}]}): URLs or files.</summary>
    [Parameter(ParameterSetName = CatalogSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Catalog { get; set; }

    /// <summary>Reads a catalog URL only from the local cache folder, with no network access.</summary>
    [Parameter(ParameterSetName = DefaultSet)]
    [Parameter(ParameterSetName = CatalogSet)]
    public SwitchParameter Offline { get; set; }

    /// <summary>Keep only tags of these kinds: Develop, Release, Snapshot, Other.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public CacheTagKind[]? Kind { get; set; }

    /// <inheritdoc />
    protected override string ProgressActivity => "Reading cache tags";

    private protected override SourceParameters BoundSources()
    {
        var parameters = base.BoundSources();
        parameters.Catalog = Catalog;
        parameters.Offline = Offline.IsPresent;
        return parameters;
    }

    private protected override DefaultSource Fallback => DefaultSource.Catalog;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        _query = QueryCompiler.Compile(this, new SpecQuery { Tag = Name });
        _tags = new TagCollector(Name, _query.Census);
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var selection = SelectSource();
        if (selection is null)
        {
            return;
        }

        foreach (string address in selection.Addresses)
        {
            if (selection.Kind == SourceKind.Catalog)
            {
                ReadCatalog(new CatalogSource(address, selection.FetchOptions), selection);
            }
            else if ((TagListReader.IsTagList(address) ? address : TagListReader.ListIn(address)) is { } list)
            {
                string? pages = TagListReader.PagesOf(list);
                var origin = pages is null ? null : new PageTreeSource(new[] { pages }, MaxPageBytes);
                Catch(() => TagListReader.ReadFile(list, _tags!, origin));
            }
            else
            {
                // Every page adds its tag and stacks; tag folders the -Name filter rules out are not entered.
                var tree = new PageTreeSource(new[] { address }, MaxPageBytes);
                ReadPackages(tree, _query!, package => _tags!.Add(package, address, tree), selection);
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

        if (ReadErrors == 0)
        {
            UnmatchedValues.Write(this, _query, _ => nameof(Name));
        }

        base.EndProcessing();
    }

    private void ReadCatalog(CatalogSource source, SourceSelection selection)
    {
        var observer = new SourceObserver(this, ActivityIds.SourceBars);
        try
        {
            var catalog = source.Load(observer, CancellationToken);
            if (catalog.Error is not null)
            {
                ReadErrors++;
                WriteCacheError(DefaultSourceHint.Explain(catalog.Error, selection));
                return;
            }

            _tags!.Add(catalog.Value!, source);
        }
        finally
        {
            observer.Complete();
        }
    }

    private void Catch(Action read)
    {
        try
        {
            read();
        }
        catch (CacheMetaException ex)
        {
            ReadErrors++;
            WriteCacheError(ex);
        }
    }
}
