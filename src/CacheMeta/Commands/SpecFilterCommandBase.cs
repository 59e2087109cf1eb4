using System.Collections.Generic;
using System.Management.Automation;
using CacheMeta.Commands.Completion;
using CacheMeta.Commands.Internal;
using CacheMeta.Query;

namespace CacheMeta.Commands;

/// <summary>
/// The filter parameters of every cmdlet that reads specs (Get-CacheSpec, Get-CachePackage, Measure-CacheStack), the
/// same everywhere: values OR-ed within a parameter, parameters AND-ed, case-insensitive, wildcards everywhere but
/// <c>-Hash</c> (a prefix, as Spack's <c>/abc123</c>). They apply to specs read from a source and to specs piped in.
/// Package names also come from the pipeline (<c>'cmake','hdf5' | Get-CacheSpec</c>); piped names are gathered and
/// the source is read once for all of them, when the input ends. A host (<c>-CompatibleWith</c>) also comes from the
/// pipeline: <c>Get-CacheHost | Get-CacheSpec</c> reads the source for each piped host as it arrives.
/// </summary>
public abstract class SpecFilterCommandBase : HostCommandBase
{
    private CompiledQuery? _query;
    private bool _namesOnCommandLine;
    private List<string>? _pipedNames;
    private SpecGraphs? _graphs;

    /// <summary>Package names; also piped in as text.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [TextOnly]
    [ArgumentCompleter(typeof(NameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Tags (refs): develop, v0.23.1, develop-2025-03-30.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagCompleter))]
    public string[]? Tag { get; set; }

    /// <summary>CI stacks (e4s, ml-linux-aarch64-cuda, root): specs in any of them.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(StackCompleter))]
    public string[]? Stack { get; set; }

    /// <summary>
    /// Specs in Spack's syntax, e.g. 'zlib@1.2:1.4 %gcc@13 +shared target=x86_64_v3: /abc'; several are OR-ed (as
    /// spack buildcache list does) and combined with the other filters by AND; names take wildcards.
    /// </summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SpecCompleter))]
    public string[]? Spec { get; set; }

    /// <summary>Microarchitecture targets (x86_64_v3, neoverse_v1).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TargetCompleter))]
    public string[]? Target { get; set; }

    /// <summary>Target families (x86_64, aarch64, ppc64le).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TargetFamilyCompleter))]
    public string[]? TargetFamily { get; set; }

    /// <summary>Operating systems (ubuntu22.04, rhel8, sequoia).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(OSCompleter))]
    public string[]? OS { get; set; }

    /// <summary>Platforms (linux, darwin, windows).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PlatformCompleter))]
    public string[]? Platform { get; set; }

    /// <summary>Compilers: gcc (any gcc), gcc@13.2.0 (also gcc@=13.2.0), gcc@13 (any 13.x), wildcards.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CompilerCompleter))]
    public string[]? Compiler { get; set; }

    /// <summary>Versions: 6.1.0, 6.1 (any 6.1.x), =6.1 (exactly), 1.2:1.4 (a range), wildcards.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VersionCompleter))]
    public string[]? Version { get; set; }

    /// <summary>DAG hash prefixes, with or without a leading '/'.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Hash { get; set; }

    /// <summary>Variants: +mpi, ~cuda, build_system=cmake, cuda_arch=80.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VariantCompleter))]
    public string[]? Variant { get; set; }

    /// <summary>The filters, compiled when processing begins.</summary>
    private protected CompiledQuery Query => _query!;

    /// <summary>
    /// Compiles the filters: a malformed value (a version range such as 1:2:3, a spec with a syntax error) stops the
    /// cmdlet, and what the query itself finds doubtful (a -Spec range around an unknown target) is a warning.
    /// </summary>
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _namesOnCommandLine = Name is not null;
        _query = QueryCompiler.Compile(this, BuildQuery());
        foreach (string warning in _query.Warnings)
        {
            WriteWarning(warning);
        }
    }

    /// <summary>The filters as the engine's query (a new one each time: callers may narrow it), with the command line's host.</summary>
    private protected SpecQuery BuildQuery() => BuildQuery(CommandLineHost);

    private SpecQuery BuildQuery(CacheHost? host) => new()
    {
        Name = Name,
        Tag = Tag,
        Stack = Stack,
        Target = Target,
        TargetFamily = TargetFamily,
        OS = OS,
        Platform = Platform,
        Compiler = Compiler,
        Version = Version,
        Hash = Hash,
        Variant = Variant,
        Spec = Spec,
        CompatibleWith = host,
        OSCompatibility = OSRule,
    };

    /// <summary>
    /// The filters with the host this record brought from the pipeline, for one read of the source for that host; null
    /// when the record brought none (the host, if any, is the command line's and already in <see cref="Query"/>).
    /// </summary>
    private protected CompiledQuery? PipedHostQuery() =>
        PipedHost is { } host ? new CompiledQuery(BuildQuery(host), Query.Census) : null;

    /// <summary>
    /// True when this record's names came from the pipeline: they are kept for <see cref="PipedNamesQuery"/>, and the
    /// record needs no reading of its own.
    /// </summary>
    private protected bool KeepPipedNames()
    {
        if (_namesOnCommandLine || Name is null)
        {
            return false;
        }

        (_pipedNames ??= new List<string>()).AddRange(Name);
        return true;
    }

    /// <summary>The filters with every piped name, for one read of the source once the input ends; null when none were piped.</summary>
    private protected CompiledQuery? PipedNamesQuery()
    {
        if (_pipedNames is null)
        {
            return null;
        }

        var query = BuildQuery();
        query.Name = _pipedNames;
        return new CompiledQuery(query, Query.Census);
    }

    /// <summary>
    /// True when a piped spec passes the filters. A -Spec with <c>^</c> terms is answered on the graph of the index the
    /// spec came from, read once per index; a spec whose dependencies are not known (a page's) is an error and fails.
    /// </summary>
    private protected bool MatchesPiped(CacheSpec spec, QueryMemo? memo)
    {
        if (!Query.HasDependencyConstraints)
        {
            return Query.Matches(spec, memo);
        }

        if (!Query.MatchesPage(spec.Package, spec.Tag))
        {
            return false;
        }

        var graphs = _graphs ??= new SpecGraphs(this);
        int errors = graphs.Errors;
        var graph = graphs.For(spec, CancellationToken);
        ReadErrors += graphs.Errors - errors;
        return graph is not null && Query.MatchesSpec(spec, graph);
    }

    /// <summary>Once the input ends: a warning for each filter value that matched nothing the sources read hold (when all could be read).</summary>
    private protected void WriteUnmatched()
    {
        if (ReadErrors == 0)
        {
            UnmatchedValues.Write(this, _query);
        }
    }
}
