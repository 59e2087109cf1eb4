using System.Collections.Generic;
using System.Management.Automation;
using CacheMeta.Commands.Internal;
using CacheMeta.Comparison;
using CacheMeta.Text;

namespace CacheMeta.Commands;

/// <summary>Compares two sets of cache specs (two tags, two snapshots, a mirror and the public cache) by hash.</summary>
/// <remarks>
/// Takes CacheMeta.CacheSpec objects from any source and matches them by DAG hash, which names one binary wherever
/// it is listed (a spec without a hash, from the oldest pages, matches by its spec string). Writes one
/// CacheMeta.CacheSpecDifference per spec that is only in -DifferenceSpec (Added), only in -ReferenceSpec (Removed),
/// or in both with other values (Changed, naming the properties that differ: Stacks, Variants, Compiler, ...).
/// Values compare by meaning: gcc@=13.2.0 and gcc@13.2.0 are the same compiler, stacks and variants are sets.
/// Tag, Source and Tarball are not compared. -IncludeEqual also writes the specs that are the same, as
/// Compare-Object does; -Summary writes one CacheMeta.CacheSpecDifferenceSummary per package instead. A side that is
/// $null (a query that found nothing) is refused, as Compare-Object refuses it, rather than compared as empty:
/// pass @() for an empty side.
/// </remarks>
/// <example>
/// <code>Compare-CacheSpec (Get-CacheSpec -Path ./samples -Tag v0.23.1) (Get-CacheSpec -Path ./samples -Tag develop) -Summary</code>
/// <para>Shows, per package, how many binaries develop added, removed and changed since the v0.23.1 release (two weekly snapshots compare the same way).</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec cmake -Path ./samples -Tag develop | Compare-CacheSpec -ReferenceSpec (Get-CacheSpec cmake -Path ./samples -Tag v0.23.1) | Where-Object Change -ne Changed</code>
/// <para>Lists the cmake binaries that develop added and those it no longer has since the release (Where-Object Change -eq Changed lists those both have but describe differently).</para>
/// </example>
[Cmdlet(VerbsData.Compare, "CacheSpec", DefaultParameterSetName = DifferenceSet, HelpUri = HelpLinks.Reference + "compare-cachespec")]
[OutputType(typeof(CacheSpecDifference), ParameterSetName = new[] { DifferenceSet })]
[OutputType(typeof(CacheSpecDifferenceSummary), ParameterSetName = new[] { SummarySet })]
public sealed class CompareCacheSpecCommand : CacheCommandBase
{
    private const string DifferenceSet = "Difference", SummarySet = "Summary";

    private readonly List<CacheSpec> _difference = new();

    /// <summary>
    /// The specs to compare against (the older tag, the public cache). Null is refused, as Compare-Object refuses it:
    /// a query that found nothing must not pass for an empty side (use @() for one).
    /// </summary>
    [Parameter(Mandatory = true, Position = 0)]
    [AllowEmptyCollection]
    public CacheSpec[]? ReferenceSpec { get; set; }

    /// <summary>The specs compared with the reference (the newer tag, the mirror); also taken from the pipeline. Null is refused.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [AllowEmptyCollection]
    public CacheSpec[]? DifferenceSpec { get; set; }

    /// <summary>Writes one summary per package (Added, Removed, Changed and Equal counts) instead of one object per spec.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SummarySet)]
    public SwitchParameter Summary { get; set; }

    /// <summary>Also writes (or counts) the specs that are the same on both sides.</summary>
    [Parameter]
    public SwitchParameter IncludeEqual { get; set; }

    /// <summary>Only changes of these properties count (Package, Versions, Compiler, Platform, OS, Target, Variants, Stacks, Size).</summary>
    [Parameter]
    [ValidateSet("Package", "Versions", "Compiler", "Platform", "OS", "Target", "Variants", "Stacks", "Size")]
    public string[]? Property { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var spec in DifferenceSpec ?? System.Array.Empty<CacheSpec>())
        {
            if (spec is not null)
            {
                _difference.Add(spec);
            }
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var result = SpecDiff.Compare(ReferenceSpec ?? System.Array.Empty<CacheSpec>(), _difference,
            new SpecDiffOptions { IncludeEqual = IncludeEqual, Properties = Property });
        Repeats(result.ReferenceRepeats, nameof(ReferenceSpec));
        Repeats(result.DifferenceRepeats, nameof(DifferenceSpec));

        if (Summary)
        {
            foreach (var row in SpecDiff.Summarize(result.Differences))
            {
                WriteObject(row);
            }

            return;
        }

        foreach (var difference in result.Differences)
        {
            WriteObject(difference);
        }
    }

    // The same binary listed twice on one side (e.g. a folder holding two tags) is compared once.
    private void Repeats(int count, string parameter)
    {
        if (count > 0)
        {
            WriteWarning($"{Plural.Count(count, "spec")} of -{parameter} {(count == 1 ? "repeats" : "repeat")} a hash seen before in it; each binary is compared once, as first listed.");
        }
    }
}
