using System.Management.Automation;
using CacheMeta.Commands.Internal;
using CacheMeta.Query;
using CacheMeta.Sources;

namespace CacheMeta.Commands;

/// <summary>Gets the specs (binaries) in the Spack build cache as CacheSpec objects.</summary>
/// <remarks>
/// Reads Spack's build-cache indexes (-Catalog, -Mirror, or with no source the public cache at binaries.spack.io)
/// or cache.spack.io pages (_cache/&lt;tag&gt;/&lt;package&gt;/specs.md, every format generation, with -Path) and
/// writes one CacheMeta.CacheSpec per spec that passes the filters. Values within one filter parameter are OR-ed
/// and parameters are AND-ed; matching is case-insensitive. Results stream: the first spec appears while a large
/// index or folder is still being read, and Select-Object -First stops the reading. Downloaded indexes are kept
/// in a local cache folder ($env:CACHEMETA_CACHE_DIR) and fetched again only when they change; -Offline uses
/// the cache alone. A malformed page or index is reported as an error and the others are still read; a
/// malformed index record is skipped with a warning naming its hash. A filter value given without wildcards that
/// matches nothing the source holds (-Stack e4z) is a warning naming what it does hold.
/// -Spec takes Spack's spec syntax (name, @versions, %compiler, variants, platform=/os=/target=/arch=, target
/// ranges such as target=aarch64:, /hash); several specs are OR-ed, and a syntax error (InvalidSpecSyntax) stops
/// the cmdlet with a caret under the offending column.
/// From the pipeline: CacheSpec objects are filtered as they are, never read again; a CachePackage gives that
/// package's specs and a CacheTag that tag's specs, read from the source they came from (an index once for all the
/// packages or tags of it); package names as text are looked up in the named source.
/// -CompatibleWith keeps the specs that run on a host: its platform, its target or an ancestor of it, its OS (or,
/// with -OSCompatibility Glibc, any Linux release whose glibc is not newer). The host is the word host, an arch
/// triplet or a CacheHost; a CacheHost piped in (Get-CacheHost | Get-CacheSpec) is one read of the source for it.
/// </remarks>
/// <example>
/// <code>Get-CacheSpec -Path ./samples -Tag develop -Stack 'e4s*' -TargetFamily aarch64</code>
/// <para>Lists the develop specs of the e4s stacks built for any aarch64 target in the sample pages.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec zlib* -Path ./samples -Compiler gcc@13 | Sort-Object Version -Descending</code>
/// <para>Lists zlib and zlib-ng specs built with any gcc 13.x, newest version first.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Mirror ./samples/binaries/v0.23.1 -Name hdf5 -Variant +mpi</code>
/// <para>Checks which hdf5 builds with MPI a build cache (v2 or v3 layout) offers.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Catalog ./samples/binaries/catalog.json -Tag * -CompleteStacks</code>
/// <para>Reads every tag of a catalog, with each spec's full list of stacks.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Path ./samples -Tag develop -Spec 'hdf5@1.14: %gcc@13 target=x86_64_v3:', 'openmpi@5'</code>
/// <para>Uses Spack's spec syntax: hdf5 1.14 or newer built with gcc 13 for x86_64_v3 or any newer x86_64 target,
/// and every openmpi 5.x binary.</para>
/// </example>
/// <example>
/// <code>Get-CachePackage -Mirror ./samples/binaries/v0.23.1 | Where-Object NumSpecs -gt 0 | Get-CacheSpec -Target x86_64_v3</code>
/// <para>Reads the specs of the piped packages from the mirror they came from, once, keeping the x86_64_v3 ones.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Path ./samples -CompatibleWith linux-ubuntu22.04-neoverse_v2</code>
/// <para>Lists the specs that run on an Nvidia Grace node with Ubuntu 22.04 (Find-CacheSpec says why the others do not).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "CacheSpec", DefaultParameterSetName = DefaultSet, HelpUri = HelpLinks.Reference + "get-cachespec")]
[OutputType(typeof(CacheSpec))]
public sealed class GetCacheSpecCommand : SpecFilterCommandBase
{
    private const string InputObjectSet = "InputObject", InputPackageSet = "InputPackage", InputTagSet = "InputTag";

    private readonly OriginBatches _batches = new();
    private QueryMemo? _memo;

    /// <summary>Specs to filter, usually from another Get-CacheSpec: they are used as they are, not read again.</summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public CacheSpec[]? InputObject { get; set; }

    /// <summary>Packages (from Get-CachePackage) whose specs are read from the page or index each came from.</summary>
    [Parameter(ParameterSetName = InputPackageSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public CachePackage[]? InputPackage { get; set; }

    /// <summary>Tags (from Get-CacheTag) whose specs are read from the page tree or catalog each came from.</summary>
    [Parameter(ParameterSetName = InputTagSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public CacheTag[]? InputTag { get; set; }

    /// <inheritdoc />
    protected override string ProgressActivity => "Reading cache specs";

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _memo = Query.NewMemo();
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case InputObjectSet:
                foreach (var spec in InputObject!)
                {
                    if (spec is not null && MatchesPiped(spec, _memo))
                    {
                        WriteObject(spec);
                    }
                }

                break;
            case InputPackageSet:
                foreach (var package in InputPackage!)
                {
                    Gather(package?.Origin, package, batch => batch.AddPackage(package!.Tag, package.Name));
                }

                break;
            case InputTagSet:
                foreach (var tag in InputTag!)
                {
                    Gather(tag?.Origin, tag, batch => batch.AddTag(tag!.Name));
                }

                break;
            default:
                if (!KeepPipedNames() && SelectSource() is { } selection)
                {
                    ReadSpecs(selection.Open(), PipedHostQuery() ?? Query, WriteObject, selection);
                }

                break;
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (PipedNamesQuery() is { } named && SelectSource() is { } selection)
        {
            ReadSpecs(selection.Open(), named, WriteObject, selection);
        }

        foreach (var batch in _batches.Batches)
        {
            Read(batch);
        }

        WriteUnmatched();
        base.EndProcessing();
    }

    // An index is read once for every package and tag of it, when the input ends; a page file is read as it comes.
    private void Gather(ISpecSource? origin, object? item, System.Action<OriginBatch> ask)
    {
        if (item is null)
        {
            return;
        }

        if (origin is null)
        {
            ReadErrors++;
            WriteError(ErrorRecords.Create(ErrorIds.SourceUnknown, ErrorCategory.InvalidArgument,
                $"'{item}' does not say where its specs are: it was made by hand, or read from a tag list that is not in a site. "
                + "Read its specs with -Path, -Catalog or -Mirror.", item));
            return;
        }

        var batch = origin.ReadsIndexes || item is CacheTag ? _batches.For(origin) : new OriginBatch(origin);
        ask(batch);
        if (!origin.ReadsIndexes && item is CachePackage)
        {
            Read(batch);
        }
    }

    private void Read(OriginBatch batch)
    {
        var query = new CompiledQuery(batch.Narrow(BuildQuery()), Query.Census);
        ReadSpecs(batch.Origin, query, spec =>
        {
            if (batch.Wants(spec))
            {
                WriteObject(spec);
            }
        });
    }
}
