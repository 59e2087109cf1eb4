using System.Management.Automation;
using CacheMeta.Commands.Selection;

namespace CacheMeta.Commands;

/// <summary>
/// The source parameters of every cmdlet that reads specs: the page sources, plus <c>-Catalog</c> (catalogs of tagged
/// build caches: tags and stacks) and <c>-Mirror</c> (single build caches). Without any, the folder in
/// <c>$env:CACHEMETA_PATH</c>, else the default catalog (<c>$env:CACHEMETA_CATALOG</c>, else the public cache).
/// <c>-Offline</c> and <c>-CompleteStacks</c> exist only in the parameter sets that read indexes: the catalog, the
/// mirror (-Offline only) and the default set.
/// </summary>
public abstract class CacheSourceCommandBase : PageSourceCommandBase
{
    /// <summary>Parameter set names of the index sources.</summary>
    protected const string CatalogSet = "Catalog", MirrorSet = "Mirror";

    /// <summary>
    /// Catalogs of build caches in the shape of https://binaries.spack.io/cache_spack_io_index.json: URLs or files.
    /// -Tag chooses their tags (develop when not given); -Stack chooses which stack indexes are read. Relative
    /// entries of a catalog are taken against the catalog's own URL or folder.
    /// </summary>
    [Parameter(ParameterSetName = CatalogSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Catalog { get; set; }

    /// <summary>
    /// Single build caches (a site's own mirrors): a mirror URL or folder in the v3 or v2 layout, or the address
    /// of an index.json, an index manifest or an index blob.
    /// </summary>
    [Parameter(ParameterSetName = MirrorSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Mirror { get; set; }

    /// <summary>Reads indexes only from the local cache folder, with no network access; an index not cached is an error (CacheEntryMissing).</summary>
    [Parameter(ParameterSetName = DefaultSet)]
    [Parameter(ParameterSetName = CatalogSet)]
    [Parameter(ParameterSetName = MirrorSet)]
    public SwitchParameter Offline { get; set; }

    /// <summary>
    /// Reads every stack index of a catalog tag, so that each spec's Stacks (and each package's NumSpecsByStack)
    /// list all the stacks that hold it, as cache.spack.io shows them. Without it only the indexes the query needs
    /// are read: the tag's root index, or the -Stack stacks' indexes.
    /// </summary>
    [Parameter(ParameterSetName = DefaultSet)]
    [Parameter(ParameterSetName = CatalogSet)]
    public SwitchParameter CompleteStacks { get; set; }

    private protected override SourceParameters BoundSources()
    {
        var parameters = base.BoundSources();
        parameters.Catalog = Catalog;
        parameters.Mirror = Mirror;
        parameters.Offline = Offline.IsPresent;
        parameters.CompleteStacks = CompleteStacks.IsPresent;
        return parameters;
    }

    private protected override DefaultSource Fallback => DefaultSource.Catalog;
}
