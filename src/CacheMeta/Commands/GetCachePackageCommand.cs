using System.Management.Automation;
using CacheMeta.Commands.Completion;
using CacheMeta.Query;

namespace CacheMeta.Commands;

/// <summary>Gets the packages in the Spack build cache as CachePackage summaries.</summary>
/// <remarks>
/// Writes one CacheMeta.CachePackage per package under one tag: its versions, compilers, operating systems,
/// platforms, targets, stacks and spec counts per stack. From pages (-Path) these are the page's meta; from
/// build-cache indexes (-Catalog, -Mirror, or the public cache by default) they are computed from the specs
/// exactly as cache.spack.io computes them (use -CompleteStacks for complete per-stack counts).
/// -Stack keeps the packages that have specs in any of the given stacks. -Spec takes Spack spec syntax and keeps
/// the packages that have at least one spec satisfying it (and, with -Stack, one such spec in those stacks); a
/// spec that names only packages is answered from the page summaries without reading the spec records.
/// </remarks>
/// <example>
/// <code>Get-CachePackage -Path ./site/_cache/develop -Stack e4s | Sort-Object NumSpecs -Descending | Select-Object -First 10</code>
/// <para>The ten packages with the most specs among those in the e4s stack.</para>
/// </example>
/// <example>
/// <code>Get-CachePackage py-* -Path ./site | ForEach-Object { '{0} {1}' -f $_.Name, $_.NumSpecsByStack['e4s'] }</code>
/// <para>Shows how many e4s specs each Python package has.</para>
/// </example>
/// <example>
/// <code>Get-CachePackage -Path ./site -Tag develop -Spec '%gcc@13 target=aarch64:'</code>
/// <para>Lists the develop packages that have at least one aarch64 binary built with gcc 13.</para>
/// </example>
/// <example>
/// <code>Get-CachePackage hdf5 -CompleteStacks | Format-List Name, Tag, Versions, NumSpecsByStack</code>
/// <para>Summarises hdf5 in the public cache's develop tag, counting its specs in every stack.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "CachePackage", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(CachePackage))]
public sealed class GetCachePackageCommand : PackageFilterCommandBase
{
    private CompiledQuery? _query;

    /// <inheritdoc />
    protected override string ProgressActivity => "Reading cache packages";

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        _query = CompileQuery(new SpecQuery { Name = Name, Tag = Tag, Stack = Stack, Spec = Spec });
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (SelectSource() is { } selection)
        {
            ReadPackages(selection.Open(), _query!, WriteObject, selection);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing() => WriteUnmatched(_query);
}
