using System.Management.Automation;
using CacheMeta.Query;

namespace CacheMeta.Commands;

/// <summary>Gets the specs (binaries) in the Spack build cache as CacheSpec objects.</summary>
/// <remarks>
/// Reads cache.spack.io pages (_cache/&lt;tag&gt;/&lt;package&gt;/specs.md, every format generation) from files or
/// folders and writes one CacheMeta.CacheSpec per spec that passes the filters. Values within one filter
/// parameter are OR-ed and parameters are AND-ed; matching is case-insensitive. Folders are read in parallel
/// and results stream in a fixed order, so the first spec appears at once and Select-Object -First stops the
/// reading. A malformed page is reported as an error (InvalidCachePage) and the other pages are still read.
/// -Spec takes Spack's spec syntax (name, @versions, %compiler, variants, platform=/os=/target=/arch=, target
/// ranges such as target=aarch64:, /hash); several specs are OR-ed, and a syntax error (InvalidSpecSyntax) stops
/// the cmdlet with a caret under the offending column.
/// </remarks>
/// <example>
/// <code>Get-CacheSpec -Path ./site/_cache/develop -Stack e4s -TargetFamily aarch64</code>
/// <para>Lists the e4s stack's specs built for any aarch64 target.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec zlib* -Path ./site -Compiler gcc@13 | Sort-Object Version -Descending</code>
/// <para>Lists zlib and zlib-ng specs built with any gcc 13.x, newest version first.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Path ./site -Tag develop -Spec 'hdf5@1.14: +mpi %gcc@13 target=x86_64_v3:', 'openmpi@5'</code>
/// <para>Uses Spack's spec syntax: hdf5 1.14 or newer with MPI, built with gcc 13 for x86_64_v3 or any newer
/// x86_64 target, and every openmpi 5.x binary.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "CacheSpec", DefaultParameterSetName = PathSet)]
[OutputType(typeof(CacheSpec))]
public sealed class GetCacheSpecCommand : SpecFilterCommandBase
{
    private CompiledQuery? _query;

    /// <inheritdoc />
    protected override string ProgressActivity => "Reading cache specs";

    /// <inheritdoc />
    protected override void BeginProcessing() => _query = CompileQuery(BuildQuery());

    /// <inheritdoc />
    protected override void ProcessRecord() => ReadPages(_query!, packageOnly: false, page =>
    {
        foreach (var spec in page.Specs)
        {
            WriteObject(spec);
        }

        return page.Specs.Count;
    });
}
