using System.Management.Automation;
using CacheMeta.Audit;
using CacheMeta.Commands.Completion;
using CacheMeta.Commands.Internal;
using CacheMeta.Commands.Selection;
using CacheMeta.Query;
using CacheMeta.Sources;

namespace CacheMeta.Commands;

/// <summary>Audits build-cache indexes: dependencies no record has, dependencies not in the cache, stack specs the root lacks.</summary>
/// <remarks>
/// Reads each index of a mirror (-Mirror) or of a catalog's tags (-Catalog with -Tag, develop by default; with no
/// source the default catalog) once, streaming, and writes one CacheMeta.CacheIndexFinding per problem, in the shape of
/// Test-CachePage's findings (Severity, Rule, Package, Hash, Message, Source; also Tag, NeededBy and NeededByHash).
/// Errors: MissingDependency, a dependency hash that no record of the index has (one finding per hash, naming the
/// first record that needs it); DependencyNotInCache, a record that is neither in the build cache nor external which a
/// spec in the cache needs through link or run edges, directly or not, so installing that spec from this cache fails
/// (holes reached only through build edges are not faults: a binary does not need what built it); StackSpecNotInRoot,
/// a spec in a stack's index that the tag's root index lacks (catalogs only). Warning: MalformedRecord, a record the
/// readers skip (malformed, a key that is not a hash, a repeated key). An index that cannot be read is the usual error
/// (IndexNotFound, DownloadFailed, InvalidIndex, ...) and the others are still audited. Pages are audited by
/// Test-CachePage, so -Path is not a parameter here. With -Quiet only one boolean is written, and no error record:
/// true when at least one index was audited, every index could be read and none has an Error finding.
/// </remarks>
/// <example>
/// <code>Test-CacheIndex -Mirror ./samples/binaries/develop | Format-Table Rule, Package, NeededBy, Message -Wrap</code>
/// <para>Audits a mirror: the sample's openmpi needs hwloc, whose binary is not in the cache, and a pmix no record has.</para>
/// </example>
/// <example>
/// <code>if (-not (Test-CacheIndex -Catalog ./samples/binaries/catalog.json -Tag v0.23.1 -Quiet)) { throw 'The v0.23.1 build cache is broken.' }</code>
/// <para>Fails a CI job when an index of the tag has an Error finding or cannot be read (the sample release has none).</para>
/// </example>
/// <example>
/// <code>Test-CacheIndex -Catalog ./samples/binaries/catalog.json -Tag * | Group-Object Tag, Rule -NoElement</code>
/// <para>Counts the findings per tag and rule over every index of a catalog, its stacks checked against each tag's root.</para>
/// </example>
[Cmdlet(VerbsDiagnostic.Test, "CacheIndex", DefaultParameterSetName = DefaultSet, HelpUri = HelpLinks.Reference + "test-cacheindex")]
[OutputType(typeof(CacheIndexFinding), typeof(bool))]
public sealed class TestCacheIndexCommand : CacheCommandBase
{
    private const string DefaultSet = "Default", CatalogSet = "Catalog", MirrorSet = "Mirror";

    private bool _passed = true;
    private int _audited;
    private CompiledQuery? _query;

    /// <summary>
    /// Catalogs of build caches in the shape of https://binaries.spack.io/cache_spack_io_index.json: URLs or files. -Tag
    /// chooses their tags (develop when not given); every index of a tag is audited, its stacks against its root.
    /// </summary>
    [Parameter(ParameterSetName = CatalogSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Catalog { get; set; }

    /// <summary>
    /// Single build caches (a site's own mirrors): a mirror URL or folder in the v3 or v2 layout, or the address of an
    /// index.json, an index manifest or an index blob.
    /// </summary>
    [Parameter(ParameterSetName = MirrorSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Mirror { get; set; }

    /// <summary>The catalog's tags to audit (wildcards): develop, v0.23.1, develop-2025-*; develop when not given.</summary>
    [Parameter(ParameterSetName = DefaultSet)]
    [Parameter(ParameterSetName = CatalogSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagCompleter))]
    public string[]? Tag { get; set; }

    /// <summary>Reads indexes only from the local cache folder, with no network access; an index not cached is an error (CacheEntryMissing).</summary>
    [Parameter]
    public SwitchParameter Offline { get; set; }

    /// <summary>
    /// Write only one boolean and no error records: true when at least one index was audited, every index could be
    /// read and none has an Error finding.
    /// </summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing() => _query = QueryCompiler.Compile(this, new SpecQuery { Tag = Tag });

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var parameters = new SourceParameters { Catalog = Catalog, Mirror = Mirror, Offline = Offline.IsPresent };
        var selection = SourceSelection.Select(parameters, new CmdletPaths(this), DefaultSource.Catalog, readsPages: false)!;
        if (selection.IsDefault)
        {
            WriteVerbose($"No source given: auditing the catalog {selection.Addresses[0]}.");
        }

        int activityId = GetType().Name.GetHashCode() & 0x7FFF;
        foreach (var source in selection.OpenIndexes())
        {
            var observer = new SourceObserver(this, activityId);
            try
            {
                foreach (var result in IndexAudits.Audit(source, _query!, observer, CancellationToken))
                {
                    Write(result, selection);
                }
            }
            finally
            {
                observer.Complete();
            }
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (Quiet)
        {
            WriteObject(_passed && _audited > 0);
        }
        else if (_passed || _audited > 0)
        {
            UnmatchedValues.Write(this, _query);
        }

        base.EndProcessing();
    }

    private void Write(SourceResult<IndexAudit> result, SourceSelection selection)
    {
        if (result.Error is not null)
        {
            _passed = false;
            if (!Quiet)
            {
                WriteCacheError(DefaultSourceHint.Explain(result.Error, selection));
            }

            return;
        }

        var audit = result.Value!;
        _audited++;
        WriteVerbose($"{audit.Source}: {audit.Records:N0} records, {audit.Findings.Count} findings.");
        foreach (var finding in audit.Findings)
        {
            _passed &= finding.Severity != FindingSeverity.Error;
            if (!Quiet)
            {
                WriteObject(finding);
            }
        }
    }
}
