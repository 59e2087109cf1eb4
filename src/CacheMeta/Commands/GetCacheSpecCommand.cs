using System.Management.Automation;
using CacheMeta.Query;

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
/// malformed index record is skipped with a warning naming its hash.
/// -Spec takes Spack's spec syntax (name, @versions, %compiler, variants, platform=/os=/target=/arch=, target
/// ranges such as target=aarch64:, /hash); several specs are OR-ed, and a syntax error (InvalidSpecSyntax) stops
/// the cmdlet with a caret under the offending column.
/// </remarks>
/// <example>
/// <code>Get-CacheSpec -Stack e4s -TargetFamily aarch64</code>
/// <para>Lists the e4s stack's specs in the public cache's develop tag built for any aarch64 target; only the e4s index is read.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec zlib* -Path ./site -Compiler gcc@13 | Sort-Object Version -Descending</code>
/// <para>Lists zlib and zlib-ng specs of a cache.spack.io site copy built with any gcc 13.x, newest version first.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Mirror https://mirror.example.org/spack -Name openmpi -Variant +cuda</code>
/// <para>Checks which openmpi builds with CUDA a site's own build cache (v2 or v3 layout) offers.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Catalog ./cache_spack_io_index.json -Tag v0.23.1 -CompleteStacks -Offline</code>
/// <para>Reads a release tag from a catalog file using only indexes cached earlier, with each spec's full list of stacks.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Path ./site -Tag develop -Spec 'hdf5@1.14: +mpi %gcc@13 target=x86_64_v3:', 'openmpi@5'</code>
/// <para>Uses Spack's spec syntax: hdf5 1.14 or newer with MPI, built with gcc 13 for x86_64_v3 or any newer
/// x86_64 target, and every openmpi 5.x binary.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "CacheSpec", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(CacheSpec))]
public sealed class GetCacheSpecCommand : SpecFilterCommandBase
{
    private CompiledQuery? _query;

    /// <inheritdoc />
    protected override string ProgressActivity => "Reading cache specs";

    /// <inheritdoc />
    protected override void BeginProcessing() => _query = CompileQuery(BuildQuery());

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (SelectSource() is { } selection)
        {
            ReadSpecs(selection.Open(), _query!, WriteObject, selection);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing() => WriteUnmatched(_query);
}
