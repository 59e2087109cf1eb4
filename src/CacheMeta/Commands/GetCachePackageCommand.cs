using System.Management.Automation;
using CacheMeta.Aggregation;
using CacheMeta.Commands.Internal;
using CacheMeta.Query;

namespace CacheMeta.Commands;

/// <summary>Gets the packages in the Spack build cache as CachePackage summaries.</summary>
/// <remarks>
/// Writes one CacheMeta.CachePackage per package under one tag: its versions, compilers, operating systems,
/// platforms, targets, stacks and spec counts per stack. Takes the filters of Get-CacheSpec. With only -Name and -Tag
/// (or a -Spec that names only packages) a summary describes the whole package: from pages (-Path) the page's meta,
/// from build-cache indexes (-Catalog, -Mirror, or the public cache by default) computed from every record exactly as
/// cache.spack.io computes it (use -CompleteStacks for complete per-stack counts). With any filter of single specs
/// (-Stack, -Target, -Compiler, a -Spec with a version, ...) a package is kept when it has a matching spec, and its
/// summary describes the matching specs alone: Get-CachePackage with filters gives what Get-CacheSpec with the same
/// filters, piped to Get-CachePackage, gives. Specs from the pipeline are summarised as they are, never read again,
/// one summary per tag and package, when the input ends. -CompatibleWith (a host: the word host, an arch triplet or
/// a CacheHost, also piped, one read per host) is a filter of single specs like the others: the summaries then
/// describe the specs that run on that host.
/// </remarks>
/// <example>
/// <code>Get-CachePackage -Path ./samples -Tag develop | Sort-Object NumSpecs -Descending | Select-Object -First 3</code>
/// <para>The three packages of the develop tag with the most specs.</para>
/// </example>
/// <example>
/// <code>Get-CachePackage py-* -Path ./samples | ForEach-Object { '{0} {1} {2}' -f $_.Name, $_.Tag, $_.NumSpecsByStack['e4s'] }</code>
/// <para>Shows how many e4s specs each Python package has in each tag.</para>
/// </example>
/// <example>
/// <code>Get-CachePackage -Path ./samples -Tag develop -TargetFamily aarch64 -Compiler gcc@13</code>
/// <para>Lists the develop packages that have aarch64 binaries built with gcc 13, each summarising just those binaries.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Catalog ./samples/binaries/catalog.json -Stack e4s | Get-CachePackage</code>
/// <para>Summarises exactly the piped specs: the e4s stack's packages of the develop tag.</para>
/// </example>
/// <example>
/// <code>Get-CacheHost -CpuInfoPath ./samples/hosts/graviton3.cpuinfo -OS ubuntu22.04 | Get-CachePackage -Path ./samples -Tag develop</code>
/// <para>The develop packages with binaries for an AWS Graviton3 node with Ubuntu 22.04, each summarising those binaries.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "CachePackage", DefaultParameterSetName = DefaultSet, HelpUri = HelpLinks.Reference + "get-cachepackage")]
[OutputType(typeof(CachePackage))]
public sealed class GetCachePackageCommand : SpecFilterCommandBase
{
    private const string InputObjectSet = "InputObject";

    private readonly SpecGroups _piped = new();
    private QueryMemo? _memo;

    /// <summary>Specs to summarise, usually from Get-CacheSpec: they are used as they are, not read again.</summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public CacheSpec[]? InputObject { get; set; }

    /// <inheritdoc />
    protected override string ProgressActivity => "Reading cache packages";

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _memo = Query.NewMemo();
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var spec in InputObject!)
            {
                if (spec is not null && MatchesPiped(spec, _memo) && _piped.Add(spec) is { } refused)
                {
                    WriteCacheError(refused, spec);
                }
            }

            return;
        }

        if (!KeepPipedNames() && SelectSource() is { } selection)
        {
            ReadPackages(selection.Open(), PipedHostQuery() ?? Query, WriteObject, selection);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (PipedNamesQuery() is { } named && SelectSource() is { } selection)
        {
            ReadPackages(selection.Open(), named, WriteObject, selection);
        }

        foreach (var (tag, package, specs) in _piped.Groups())
        {
            WriteObject(PackageSummary.Compute(package, tag, specs, specs[0].Source));
        }

        WriteUnmatched();
        base.EndProcessing();
    }
}
