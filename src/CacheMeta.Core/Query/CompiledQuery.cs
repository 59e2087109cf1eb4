using System;
using System.Collections.Generic;
using CacheMeta.Hosts;
using CacheMeta.Query.Spec;
using CacheMeta.Completion;

namespace CacheMeta.Query;

/// <summary>
/// A <see cref="SpecQuery"/> ready to run. Readers ask it twice: about a page (name and tag, before the
/// specs are parsed, so unrelated pages cost almost nothing) and about each spec record, before the
/// record becomes an object. Record checks go through a <see cref="QueryMemo"/>: values repeat across
/// thousands of records, so each distinct value is matched once per worker. -Spec constraints are OR-ed
/// with each other and AND-ed with the rest; their names take part in the page check.
/// </summary>
internal sealed class CompiledQuery
{
    /// <summary>A query that matches everything.</summary>
    public static readonly CompiledQuery All = new(new SpecQuery());

    private readonly PatternMatcher? _name, _tag, _stack, _target, _family, _os, _platform;
    private readonly CompilerMatcher? _compiler;
    private readonly VersionMatcher? _version;
    private readonly VariantMatcher? _variant;
    private readonly string[]? _hashPrefixes;
    private readonly SpecConstraint[]? _specs;
    private readonly HostCompatibility? _host;
    private readonly Func<object?, bool>?[] _recordTests; // the parameters' tests in memo-slot order, made once

    // Memo slots 0-7 are the parameters' record tests, 8-10 the host's (platform, os, target); spec i uses
    // SpecSlots + i * SpecConstraint.MemoSlots onwards.
    private const int SpecSlots = 11;

    /// <summary>
    /// Compiles a query. A malformed value is a <see cref="CacheMetaException"/>, the one type this throws:
    /// InvalidQuery for a filter value (a version range such as <c>1:2:3</c>), InvalidSpecSyntax for a -Spec
    /// (whose <see cref="CacheMetaException.Subject"/> is the failing spec).
    /// </summary>
    public CompiledQuery(SpecQuery query)
        : this(query, null, ownCensus: true)
    {
    }

    /// <summary>A query whose readers report to <paramref name="census"/>, which several queries may share.</summary>
    internal CompiledQuery(SpecQuery query, ValueCensus? census)
        : this(query, census, ownCensus: false)
    {
    }

    private CompiledQuery(SpecQuery query, ValueCensus? census, bool ownCensus)
    {
        if (query is null)
        {
            throw new ArgumentNullException(nameof(query));
        }

        try
        {
            _compiler = SpecQuery.IsEmpty(query.Compiler) ? null : new CompilerMatcher(query.Compiler!);
            _version = SpecQuery.IsEmpty(query.Version) ? null : new VersionMatcher(query.Version!);
        }
        catch (FormatException ex)
        {
            throw new CacheMetaException(ErrorIds.InvalidQuery, CacheErrorKind.InvalidArgument, ex.Message, innerException: ex);
        }

        _name = Patterns(query.Name);
        _tag = Patterns(query.Tag);
        _stack = Patterns(query.Stack);
        _target = Patterns(query.Target);
        _family = Patterns(query.TargetFamily);
        _os = Patterns(query.OS);
        _platform = Patterns(query.Platform);
        _variant = SpecQuery.IsEmpty(query.Variant) ? null : new VariantMatcher(query.Variant!);
        _hashPrefixes = SpecQuery.IsEmpty(query.Hash) ? null : Array.ConvertAll(ToArray(query.Hash!), HashPrefix.Normalize);
        _host = query.CompatibleWith is null ? null : new HostCompatibility(query.CompatibleWith, query.OSCompatibility);
        var specs = new List<SpecConstraint>();
        var warnings = new List<string>();
        foreach (string text in query.Spec ?? Array.Empty<string>())
        {
            foreach (var spec in SpecConstraint.Parse(text))
            {
                specs.Add(spec);
                foreach (string target in spec.UnknownRangeTargets)
                {
                    warnings.Add($"The target '{target}' in the spec '{text}' is not a microarchitecture CacheMeta knows, so its range "
                        + $"'{spec.Target}' has no other targets to match than '{target}' itself.");
                }
            }
        }

        Warnings = warnings;

        _recordTests = new Func<object?, bool>?[]
        {
            _compiler is null ? null : v => _compiler.Matches((string?)v),
            _os is null ? null : v => _os.Matches((string?)v),
            _platform is null ? null : v => _platform.Matches((string?)v),
            _target is null ? null : v => _target.Matches((string?)v),
            _family is null ? null : v => _family.Matches((string?)v),
            _version is null ? null : v => _version.MatchesAny((IReadOnlyList<string>)v!),
            _variant is null ? null : v => _variant.Matches((IReadOnlyList<string>)v!),
            _stack is null ? null : v => _stack.MatchesAny((IReadOnlyList<string>)v!),
            _host is null ? null : v => _host.PlatformRuns((string?)v),
            _host is null ? null : v => _host.OSRuns((string?)v),
            _host is null ? null : v => _host.TargetRuns((string?)v),
        };
        _specs = specs.Count == 0 ? null : specs.ToArray();
        RecordFieldsRead = _specs is not null
            ? 0x3F // -Spec constraints read every part but the stacks
            : (_recordTests[0] is null ? 0 : 1) | (_recordTests[1] is null ? 0 : 2) | (_recordTests[2] is null ? 0 : 4)
                | (_recordTests[3] is null && _recordTests[4] is null ? 0 : 8) | (_recordTests[5] is null ? 0 : 16)
                | (_recordTests[6] is null ? 0 : 32);
        RecordFieldsRead |= (_recordTests[7] is null ? 0 : 64) | (_host is null ? 0 : 2 | 4 | 8);
        Specs = specs;
        HasDependencyConstraints = specs.Exists(s => s.HasDependencies);
        HasSpecCriteria = Array.Exists(_recordTests, t => t is not null) || _hashPrefixes is not null
            || specs.Exists(s => s.HasSpecCriteria);
        TagValues = SpecQuery.IsEmpty(query.Tag) ? null : query.Tag;
        StackValues = SpecQuery.IsEmpty(query.Stack) ? null : query.Stack;
        Census = ownCensus ? ValueCensus.For(query) : census; // once the values are known to be valid
    }

    /// <summary>What the readers report the values they meet to, so unmatched filter values can be named; null when no value is literal.</summary>
    internal ValueCensus? Census { get; }

    /// <summary>What the query itself should tell the user: a -Spec target range around a target no table knows.</summary>
    internal IReadOnlyList<string> Warnings { get; }

    /// <summary>A memo for one reader, with its tally of the census.</summary>
    internal QueryMemo NewMemo() => new(Census?.NewTally());

    /// <summary>The tags asked for as given, null when none: a catalog reads its default tag then.</summary>
    internal IReadOnlyList<string>? TagValues { get; }

    /// <summary>The stacks asked for as given, null when none: a catalog reads only these stacks' indexes.</summary>
    internal IReadOnlyList<string>? StackValues { get; }

    /// <summary>
    /// The record fields the record tests read, as bits in the order compiler, os, platform, target, versions,
    /// variants, stacks (a target family is read from the target). Readers decode the other fields of a record
    /// only when it matches: most records of a selective query never need them.
    /// </summary>
    internal int RecordFieldsRead { get; }

    /// <summary>True when single specs are filtered (not only whole pages).</summary>
    public bool HasSpecCriteria { get; }

    /// <summary>
    /// True when a -Spec has <c>^</c> terms: only a source that records dependencies can answer it, with the graph of
    /// its index (<see cref="MatchesSpec(CacheSpec, IDependencyGraph)"/>); the record checks refuse such a query.
    /// </summary>
    public bool HasDependencyConstraints { get; }

    /// <summary>Throws InvalidSpecSyntax, pointing at the first <c>^</c>, when the query has dependency constraints:
    /// for sources that record no dependencies (pages).</summary>
    internal void RejectDependencyConstraints()
    {
        foreach (var spec in Specs)
        {
            if (spec.HasDependencies)
            {
                throw spec.DependenciesNotRecorded();
            }
        }
    }

    /// <summary>
    /// True when a graph must keep the values (compiler, arch, variants) of this package's records: it may be a spec
    /// the query returns, or a dependency a <c>^</c> term asks more of than a name, version or hash.
    /// </summary>
    internal bool NeedsRecordValues(string name)
    {
        if (MatchesName(name))
        {
            return true;
        }

        foreach (var spec in Specs)
        {
            foreach (var dependency in spec.Dependencies)
            {
                if (dependency.NeedsValues && dependency.MatchesName(name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The parsed -Spec constraints (empty when none are given); a spec matches when any of them does.</summary>
    public IReadOnlyList<SpecConstraint> Specs { get; }

    /// <summary>True when a page with this title and tag can hold matching specs.</summary>
    public bool MatchesPage(string? title, string? tag) => MatchesName(title) && MatchesTag(tag);

    /// <summary>True when the package name is wanted (or no name is asked for), by -Name and by some -Spec.</summary>
    public bool MatchesName(string? name) => (_name is null || _name.Matches(name)) && (_specs is null || AnySpecNamed(name));

    /// <summary>True when the tag is wanted (or no tag is asked for).</summary>
    public bool MatchesTag(string? tag) => _tag is null || _tag.Matches(tag);

    /// <summary>True when a package summary's stacks include a wanted stack (or no stack is asked for).</summary>
    public bool MatchesStacks(IReadOnlyList<string> stacks) => _stack is null || _stack.MatchesAny(stacks);

    /// <summary>True when a built spec passes every criterion: its name and tag as <see cref="MatchesPage"/> asks, and the rest as <see cref="MatchesSpec(CacheSpec)"/>.</summary>
    public bool Matches(CacheSpec spec) => Matches(spec, null);

    /// <summary>As <see cref="Matches(CacheSpec)"/>, with a memo (and its census tally) for a stream of built specs.</summary>
    internal bool Matches(CacheSpec spec, QueryMemo? memo)
    {
        if (spec is null)
        {
            throw new ArgumentNullException(nameof(spec));
        }

        memo?.Tally?.Observe(CompletionField.Tag, spec.Tag);
        return MatchesPage(spec.Package, spec.Tag) && MatchesSpec(spec, memo);
    }

    /// <summary>
    /// Evaluates every spec-level criterion (all but name and tag) on a built object: the same record check the
    /// readers make on shared values, without a memo, so there is one evaluation whatever holds the values.
    /// </summary>
    /// <exception cref="CacheMetaException">InvalidSpecSyntax: the query has <c>^</c> terms, which need the graph
    /// (<see cref="MatchesSpec(CacheSpec, IDependencyGraph)"/>).</exception>
    public bool MatchesSpec(CacheSpec spec) => MatchesSpec(spec, (QueryMemo?)null);

    internal bool MatchesSpec(CacheSpec spec, QueryMemo? memo)
    {
        if (spec is null)
        {
            throw new ArgumentNullException(nameof(spec));
        }

        RejectDependencyConstraints();

        // A spec without a hash (the oldest pages) matches no hash prefix, and an empty one matches none either.
        return MatchesHash(spec.Hash) && MatchesRecord(memo, spec.Package, spec.Hash ?? string.Empty, spec.Compiler, spec.OS,
            spec.Platform, spec.Target, spec.TargetFamily, spec.Versions, spec.Variants, spec.Stacks);
    }

    /// <summary>
    /// Every spec-level criterion on a record of an index, <c>^</c> terms answered by the index's graph: the filter
    /// parameters through the record check, then the -Spec constraints, dependencies and all, on the graph.
    /// </summary>
    internal bool MatchesSpec(CacheSpec spec, IDependencyGraph graph)
    {
        if (!HasDependencyConstraints)
        {
            return MatchesSpec(spec, (QueryMemo?)null);
        }

        return MatchesHash(spec.Hash)
            && MatchesParameters(null, spec.Compiler, spec.OS, spec.Platform, spec.Target, spec.TargetFamily, spec.Versions,
                spec.Variants, spec.Stacks)
            && Array.Exists(_specs!, c => c.Matches(spec, graph));
    }

    /// <summary>True when the hash starts with a wanted prefix (or no hash is asked for).</summary>
    public bool MatchesHash(string? hash) => _hashPrefixes is null || Array.Exists(_hashPrefixes, p => HashPrefix.Matches(hash, p));

    /// <summary>True when the hash, given as ASCII bytes, starts with a wanted prefix.</summary>
    internal bool MatchesHash(ReadOnlySpan<byte> hash)
    {
        if (_hashPrefixes is null)
        {
            return true;
        }

        foreach (string prefix in _hashPrefixes)
        {
            if (HashPrefix.Matches(hash, prefix))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>As the byte overload, for readers that hold the hash as a string (build-cache indexes, built objects).</summary>
    internal bool MatchesRecord(QueryMemo? memo, string package, string hash, string? compiler, string? os,
        string? platform, string? target, string? family, IReadOnlyList<string> versions, IReadOnlyList<string> variants,
        IReadOnlyList<string> stacks)
    {
        // Hashes are 32 ASCII characters; a longer one only needs its first 64 for any prefix a spec can hold.
        Span<byte> bytes = stackalloc byte[Math.Min(hash.Length, 64)];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = hash[i] < 128 ? (byte)hash[i] : (byte)'?';
        }

        return MatchesRecord(memo, package, bytes, compiler, os, platform, target, family, versions, variants, stacks);
    }

    /// <summary>
    /// Evaluates the spec-level criteria except the -Hash prefixes on shared values, remembering each answer in
    /// <paramref name="memo"/> keyed by the value's identity (readers hand out one instance per distinct value;
    /// without a memo every answer is computed). <paramref name="package"/> and <paramref name="hash"/> are for
    /// -Spec, whose specs name packages and hashes.
    /// </summary>
    internal bool MatchesRecord(QueryMemo? memo, string package, ReadOnlySpan<byte> hash, string? compiler, string? os,
        string? platform, string? target, string? family, IReadOnlyList<string> versions, IReadOnlyList<string> variants,
        IReadOnlyList<string> stacks)
    {
        if (memo?.Tally is { Open: true } tally)
        {
            tally.ObserveRecord(compiler, os, platform, target, family, stacks); // every value, before AND-ing stops at the first miss
        }

        bool parameters = MatchesParameters(memo, compiler, os, platform, target, family, versions, variants, stacks);
        if (!parameters || _specs is null)
        {
            return parameters;
        }

        if (HasDependencyConstraints)
        {
            throw new InvalidOperationException("A query with dependency constraints ('^') is answered on an index's graph, not record by record.");
        }

        for (int i = 0; i < _specs.Length; i++)
        {
            var spec = _specs[i];
            if (spec.MatchesName(package) && (spec.Hash is null || HashPrefix.Matches(hash, spec.Hash))
                && spec.MatchesValues(memo, SpecSlots + i * SpecConstraint.MemoSlots, compiler, os, platform, target, versions, variants))
            {
                return true;
            }
        }

        return false;
    }

    // The filter parameters' tests (all but -Hash and -Spec), each answer remembered per distinct value.
    private bool MatchesParameters(QueryMemo? memo, string? compiler, string? os, string? platform, string? target, string? family,
        IReadOnlyList<string> versions, IReadOnlyList<string> variants, IReadOnlyList<string> stacks) =>
        QueryMemo.Check(memo, 0, compiler, _recordTests[0])
            && QueryMemo.Check(memo, 1, os, _recordTests[1])
            && QueryMemo.Check(memo, 2, platform, _recordTests[2])
            && QueryMemo.Check(memo, 3, target, _recordTests[3])
            && QueryMemo.Check(memo, 4, family, _recordTests[4])
            && QueryMemo.Check(memo, 5, versions, _recordTests[5])
            && QueryMemo.Check(memo, 6, variants, _recordTests[6])
            && QueryMemo.Check(memo, 7, stacks, _recordTests[7])
            && QueryMemo.Check(memo, 8, platform, _recordTests[8])
            && QueryMemo.Check(memo, 9, os, _recordTests[9])
            && QueryMemo.Check(memo, 10, target, _recordTests[10]);

    private bool AnySpecNamed(string? name)
    {
        foreach (var spec in _specs!)
        {
            if (spec.MatchesName(name))
            {
                return true;
            }
        }

        return false;
    }

    private static PatternMatcher? Patterns(IReadOnlyList<string>? values) =>
        SpecQuery.IsEmpty(values) ? null : new PatternMatcher(values!);

    private static string[] ToArray(IReadOnlyList<string> values)
    {
        var array = new string[values.Count];
        for (int i = 0; i < array.Length; i++)
        {
            array[i] = values[i];
        }

        return array;
    }
}
