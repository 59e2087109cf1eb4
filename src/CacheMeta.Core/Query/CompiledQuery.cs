using System;
using System.Collections.Generic;
using CacheMeta.Hosts;
using CacheMeta.Query.Spec;

namespace CacheMeta.Query;

/// <summary>
/// A <see cref="SpecQuery"/> ready to run. Readers ask it twice: about a page (name and tag, before the
/// specs are parsed, so unrelated pages cost almost nothing) and about each spec record, before the
/// record becomes an object. Record checks go through a <see cref="QueryMemo"/>: values repeat across
/// thousands of records, so each distinct value is matched once per worker. -Spec constraints are OR-ed
/// with each other and AND-ed with the rest; their names take part in the page check.
/// </summary>
public sealed class CompiledQuery
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

    /// <summary>Compiles a query; throws <see cref="FormatException"/> for a malformed version constraint and
    /// <see cref="CacheMetaException"/> (InvalidSpecSyntax) for a malformed spec.</summary>
    public CompiledQuery(SpecQuery query)
    {
        _name = Patterns(query.Name);
        _tag = Patterns(query.Tag);
        _stack = Patterns(query.Stack);
        _target = Patterns(query.Target);
        _family = Patterns(query.TargetFamily);
        _os = Patterns(query.OS);
        _platform = Patterns(query.Platform);
        _compiler = SpecQuery.IsEmpty(query.Compiler) ? null : new CompilerMatcher(query.Compiler!);
        _version = SpecQuery.IsEmpty(query.Version) ? null : new VersionMatcher(query.Version!);
        _variant = SpecQuery.IsEmpty(query.Variant) ? null : new VariantMatcher(query.Variant!);
        _hashPrefixes = SpecQuery.IsEmpty(query.Hash) ? null : Array.ConvertAll(ToArray(query.Hash!), HashPrefix.Normalize);
        _host = query.CompatibleWith is null ? null : new HostCompatibility(query.CompatibleWith, query.OSCompatibility);
        var specs = new List<SpecConstraint>();
        foreach (string text in query.Spec ?? Array.Empty<string>())
        {
            specs.AddRange(SpecConstraint.Parse(text));
        }

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
    }

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

    /// <summary>Evaluates every spec-level criterion on a built object (no memo).</summary>
    /// <exception cref="CacheMetaException">InvalidSpecSyntax: the query has <c>^</c> terms, which need the graph.</exception>
    public bool MatchesSpec(CacheSpec spec) => MatchesSpec(spec, null);

    /// <summary>Every spec-level criterion on a record of an index, <c>^</c> terms answered by the index's graph.</summary>
    internal bool MatchesSpec(CacheSpec spec, IDependencyGraph? graph) =>
        MatchesHash(spec.Hash)
        && (_compiler is null || _compiler.Matches(spec.Compiler))
        && (_os is null || _os.Matches(spec.OS))
        && (_platform is null || _platform.Matches(spec.Platform))
        && (_target is null || _target.Matches(spec.Target))
        && (_family is null || _family.Matches(spec.TargetFamily))
        && (_version is null || _version.MatchesAny(spec.Versions))
        && (_variant is null || _variant.Matches(spec.Variants))
        && (_stack is null || _stack.MatchesAny(spec.Stacks))
        && (_host is null || _host.Runs(spec))
        && (_specs is null || Array.Exists(_specs, c => graph is null ? c.Matches(spec) : c.Matches(spec, graph)));

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

    /// <summary>
    /// Evaluates the spec-level criteria except the -Hash prefixes on shared values, remembering each answer in
    /// <paramref name="memo"/> keyed by the value's identity (readers hand out one instance per distinct value).
    /// <paramref name="package"/> and <paramref name="hash"/> are for -Spec, whose specs name packages and hashes.
    /// </summary>
    /// <summary>As the byte overload, for readers that hold the hash as a string (build-cache indexes).</summary>
    internal bool MatchesRecord(QueryMemo memo, string package, string hash, string? compiler, string? os,
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

    internal bool MatchesRecord(QueryMemo memo, string package, ReadOnlySpan<byte> hash, string? compiler, string? os,
        string? platform, string? target, string? family, IReadOnlyList<string> versions, IReadOnlyList<string> variants,
        IReadOnlyList<string> stacks)
    {
        bool parameters = QueryMemo.Check(memo, 0, compiler, _recordTests[0])
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
