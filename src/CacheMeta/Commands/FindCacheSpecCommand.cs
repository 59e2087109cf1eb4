using System.Collections.Generic;
using System.Management.Automation;
using CacheMeta.Commands.Completion;
using CacheMeta.Commands.Internal;
using CacheMeta.Hosts;
using CacheMeta.Query;
using CacheMeta.Query.Spec;
using CacheMeta.Text;

namespace CacheMeta.Commands;

/// <summary>Finds the binaries that satisfy a spec and run on a machine, or else the nearest ones and what each misses.</summary>
/// <remarks>
/// Measures every spec of the packages -Spec names (from the sources Get-CacheSpec reads, or specs piped in) against
/// the spec, in Spack's syntax, and against a host: this machine unless -CompatibleWith names another (an arch
/// triplet such as linux-rhel8-zen4, or a CacheHost from Get-CacheHost, also from the pipeline). Writes a
/// CacheMeta.CacheSpecMatch for each binary that satisfies the spec and runs on the host, as they are read. When none
/// does, it warns and writes the nearest ones instead (-First, 5 by default), fewest misses first (ties in reading
/// order), each with Mismatches: one plain sentence per failed constraint ("variant ~mpi, wanted +mpi", "version 1.12.2
/// is not in @1.14:", "target neoverse_v1 does not run on zen4 (another family)", "os ubuntu22.04, the host runs
/// rhel8"). Several -Spec values are OR-ed, and a binary is measured against the one it misses least. A binary runs on
/// the host when its platform is the host's, its target is the host's or an ancestor of it, and its OS is the host's
/// (or, with -OSCompatibility Glibc, any Linux release whose glibc is not newer). -Tag and -Stack choose where to look;
/// '^' terms are refused (InvalidSpecSyntax), since each binary is measured alone.
/// </remarks>
/// <example>
/// <code>Find-CacheSpec -Path ./samples -Spec 'hdf5 +mpi' -CompatibleWith linux-ubuntu22.04-neoverse_v2</code>
/// <para>The hdf5 builds with MPI that run on an Nvidia Grace node with Ubuntu 22.04 (archspec counts neoverse_v1 no ancestor of neoverse_v2).</para>
/// </example>
/// <example>
/// <code>Find-CacheSpec -Path ./samples -Tag develop -Spec 'hdf5@1.14: +mpi' -CompatibleWith (Get-CacheHost -CpuInfoPath ./samples/hosts/graviton3.cpuinfo -OS rhel8) -WarningAction SilentlyContinue</code>
/// <para>No develop hdf5 binary runs on a Graviton3 node with RHEL 8, so the nearest follow (at most five), each saying what it misses: here the OS first.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Path ./samples -Tag v0.23.1 | Find-CacheSpec 'cmake@3.27' -CompatibleWith darwin-sequoia-m2 -First 1</code>
/// <para>Measures piped specs: the cmake 3.27 binary for macOS on Apple silicon, or the one nearest to it.</para>
/// </example>
[Cmdlet(VerbsCommon.Find, "CacheSpec", DefaultParameterSetName = DefaultSet, HelpUri = HelpLinks.Reference + "find-cachespec")]
[OutputType(typeof(CacheSpecMatch))]
public sealed class FindCacheSpecCommand : HostCommandBase
{
    private const string InputObjectSet = "InputObject";

    private IReadOnlyList<SpecConstraint>? _constraints;
    private SpecFinder? _finder;

    /// <summary>The spec to satisfy, in Spack's syntax ('hdf5@1.14: +mpi %gcc@13'); several are OR-ed.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[]? Spec { get; set; }

    /// <summary>How many of the nearest binaries to write when none satisfies the spec and runs on the host.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int First { get; set; } = 5;

    /// <summary>Tags to look in (develop, v0.23.1); a catalog's develop tag when not given.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagCompleter))]
    public string[]? Tag { get; set; }

    /// <summary>CI stacks to look in (e4s); a catalog reads only these stacks' indexes.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(StackCompleter))]
    public string[]? Stack { get; set; }

    /// <summary>Specs to measure, usually from Get-CacheSpec: they are used as they are, not read again.</summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public CacheSpec[]? InputObject { get; set; }

    /// <inheritdoc />
    protected override string ProgressActivity => "Finding cache specs";

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        try
        {
            var constraints = new List<SpecConstraint>();
            foreach (string text in Spec!)
            {
                constraints.AddRange(SpecConstraint.Parse(text));
            }

            _constraints = constraints;
            _finder = NewFinder(CommandLineHost ?? HostDetection.ThisMachine());
        }
        catch (CacheMetaException ex)
        {
            ThrowCacheError(ex);
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var spec in InputObject!)
            {
                if (spec is not null && _finder!.Offer(spec) is { } match)
                {
                    WriteObject(match);
                }
            }

            return;
        }

        // A host piped with this record is a search of its own; otherwise this is the one search of the command line.
        var finder = PipedHost is { } piped ? NewFinder(piped) : _finder!;
        if (SelectSource() is { } selection)
        {
            var query = new CompiledQuery(SpecFinder.CandidateQuery(_constraints!, Tag, Stack));
            ReadSpecs(selection.Open(), query, spec =>
            {
                if (finder.Offer(spec) is { } match)
                {
                    WriteObject(match);
                }
            }, selection);
            WriteNearest(finder);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (ParameterSetName == InputObjectSet)
        {
            WriteNearest(_finder!);
        }

        base.EndProcessing();
    }

    private SpecFinder NewFinder(CacheHost host) => new(_constraints!, host, OSRule, First);

    // Nothing satisfied the spec on the host: say so (the objects that follow are near misses, not answers) and write them.
    private void WriteNearest(SpecFinder finder)
    {
        if (finder.Found > 0)
        {
            return;
        }

        string specs = string.Join("' or '", Spec!);
        if (finder.Nearest.Count == 0)
        {
            WriteWarning($"No spec of a package that '{specs}' names was read, so there is nothing to measure.");
            return;
        }

        WriteWarning($"No binary satisfies '{specs}' and runs on {finder.Host}: the nearest follow "
            + $"({Plural.Count(finder.Nearest.Count, "binary", "binaries")}), each with what it misses.");
        foreach (var match in finder.Nearest)
        {
            WriteObject(match);
        }
    }
}
