using System;
using System.Management.Automation;
using CacheMeta.Aggregation;
using CacheMeta.Commands.Internal;
using CacheMeta.Query;
using CacheMeta.Text;

namespace CacheMeta.Commands;

/// <summary>Summarises the CI stacks of the Spack build cache: specs, packages, versions, compilers and targets per stack.</summary>
/// <remarks>
/// Writes one CacheMeta.CacheStackSummary per tag and stack: the number of specs (binaries) and the number of
/// distinct packages, package versions (name and version), compilers, operating systems, platforms, targets and
/// target families among them. A spec counts in each of its stacks, so Specs over a set of pages equals the sum
/// of their num_specs_by_stack; the root stack holds every spec of a tag. Specs come from the pipeline (CacheSpec
/// objects from any source, used as they are) or are read from a source (-Path, -Catalog, -Mirror, or the default
/// one); the filters of Get-CacheSpec apply to both, and
/// -Stack also limits which stacks are summarised. -GroupBy splits each stack's summary by target, target
/// family, OS, compiler or platform (one row per stack and value, instead of one per stack). Only counters and
/// sets of distinct values are kept, never the specs; the summaries are written when the input ends.
/// Specs of pages older than G4 belong to no stack and are not counted (a warning says how many).
/// -CompatibleWith counts only the specs that run on a host; each CacheHost piped in is measured on its own and
/// its summaries are written apart, in the order the hosts come, so two hosts' counts are never added together.
/// </remarks>
/// <example>
/// <code>Measure-CacheStack -Path ./samples/_cache/develop | Sort-Object Specs -Descending | Select-Object -First 5</code>
/// <para>The five largest stacks of the develop tag, with their package and compiler counts.</para>
/// </example>
/// <example>
/// <code>Measure-CacheStack -Path ./samples -Tag develop -Stack 'e4s*' -GroupBy TargetFamily</code>
/// <para>How many e4s binaries exist per architecture family (x86_64, aarch64, ppc64le) in each e4s stack.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Path ./samples -Compiler gcc@13 | Measure-CacheStack</code>
/// <para>Per stack, how many binaries were built with any gcc 13.x.</para>
/// </example>
/// <example>
/// <code>Measure-CacheStack -Path ./samples -Tag develop -CompatibleWith linux-ubuntu24.04-zen4 -OSCompatibility Glibc</code>
/// <para>Per stack, how many develop binaries run on a Zen 4 machine with Ubuntu 24.04, any older glibc's included.</para>
/// </example>
[Cmdlet(VerbsDiagnostic.Measure, "CacheStack", DefaultParameterSetName = DefaultSet, HelpUri = HelpLinks.Reference + "measure-cachestack")]
[OutputType(typeof(CacheStackSummary))]
public sealed class MeasureCacheStackCommand : SpecFilterCommandBase
{
    private QueryMemo? _memo;

    /// <summary>Parameter set name for specs from the pipeline.</summary>
    private const string InputObjectSet = "InputObject";

    /// <summary>The type name of split summaries, which have a view with a Group column.</summary>
    private const string GroupedTypeName = "CacheMeta.CacheStackSummary#Grouped";

    private StackSummarizer? _summarizer;

    /// <summary>Specs to summarise, usually from Get-CacheSpec or another source's cmdlet.</summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public CacheSpec[]? InputObject { get; set; }

    /// <summary>Split each stack's summary by Target, TargetFamily, OS, Compiler or Platform.</summary>
    /// <remarks>
    /// A string, not the engine's StackGrouping enum: a field of an engine value type would make the runtime load
    /// the engine while PowerShell scans the cmdlet classes, before the module has taught it where the engine is.
    /// </remarks>
    [Parameter]
    [ValidateSet("Target", "TargetFamily", "OS", "Compiler", "Platform", IgnoreCase = true)]
    public string? GroupBy { get; set; }

    /// <inheritdoc />
    protected override string ProgressActivity => "Measuring cache stacks";

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _memo = Query.NewMemo();
        _summarizer = NewSummarizer(Query);
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName != InputObjectSet)
        {
            if (KeepPipedNames() || SelectSource() is not { } selection)
            {
                return;
            }

            if (PipedHostQuery() is { } hostQuery)
            {
                // A piped host is a question of its own: its summaries are written now, never merged with another host's.
                var summarizer = NewSummarizer(hostQuery);
                ReadSpecs(selection.Open(), hostQuery, summarizer.AddMatched, selection);
                WriteSummaries(summarizer);
                return;
            }

            ReadSpecs(selection.Open(), Query, _summarizer!.AddMatched, selection);
            return;
        }

        foreach (var spec in InputObject!)
        {
            if (spec is not null && MatchesPiped(spec, _memo))
            {
                _summarizer!.AddMatched(spec);
            }
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (PipedNamesQuery() is { } named && SelectSource() is { } selection)
        {
            ReadSpecs(selection.Open(), named, _summarizer!.AddMatched, selection);
        }

        WriteUnmatched();
        WriteSummaries(_summarizer!);
    }

    private StackSummarizer NewSummarizer(CompiledQuery query) =>
        new(GroupBy is null ? StackGrouping.None : (StackGrouping)Enum.Parse(typeof(StackGrouping), GroupBy, ignoreCase: true), query);

    private void WriteSummaries(StackSummarizer summarizer)
    {
        if (summarizer.Unstacked > 0)
        {
            WriteWarning($"{Plural.Count(summarizer.Unstacked, "spec")} {(summarizer.Unstacked == 1 ? "belongs" : "belong")} to no stack (pages older than G4 list none) and {(summarizer.Unstacked == 1 ? "is" : "are")} not counted.");
        }

        foreach (var summary in summarizer.Summaries())
        {
            if (GroupBy is null)
            {
                WriteObject(summary);
                continue;
            }

            var grouped = new PSObject(summary);
            grouped.TypeNames.Insert(0, GroupedTypeName);
            WriteObject(grouped);
        }

        base.EndProcessing();
    }
}
