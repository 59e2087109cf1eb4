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
internal sealed partial class CompiledQuery
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
    private readonly Func<object?, bool>?[] _parameterTests = new Func<object?, bool>?[CriterionBlock.Size]; // by Criterion, made once
    private readonly Func<object?, bool>?[] _hostTests = new Func<object?, bool>?[CriterionBlock.Size];

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

        Test(_parameterTests, Criterion.Compiler, _compiler is null ? null : v => _compiler.Matches((string?)v));
        Test(_parameterTests, Criterion.OS, Matcher(_os));
        Test(_parameterTests, Criterion.Platform, Matcher(_platform));
        Test(_parameterTests, Criterion.Target, Matcher(_target));
        Test(_parameterTests, Criterion.TargetFamily, Matcher(_family));
        Test(_parameterTests, Criterion.Versions, _version is null ? null : v => _version.MatchesAny((IReadOnlyList<string>)v!));
        Test(_parameterTests, Criterion.Variants, _variant is null ? null : v => _variant.Matches((IReadOnlyList<string>)v!));
        Test(_parameterTests, Criterion.Stacks, _stack is null ? null : v => _stack.MatchesAny((IReadOnlyList<string>)v!));
        if (_host is not null)
        {
            Test(_hostTests, Criterion.Platform, v => _host.PlatformRuns((string?)v));
            Test(_hostTests, Criterion.OS, v => _host.OSRuns((string?)v));
            Test(_hostTests, Criterion.Target, v => _host.TargetRuns((string?)v));
        }

        _specs = specs.Count == 0 ? null : specs.ToArray();
        Specs = specs;
        HasDependencyConstraints = specs.Exists(s => s.HasDependencies);
        HasSpecCriteria = Array.Exists(_parameterTests, t => t is not null) || _host is not null || _hashPrefixes is not null
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

    /// <summary>True when single specs are filtered (not only whole pages).</summary>
    public bool HasSpecCriteria { get; }

    /// <summary>
    /// True when a -Spec has <c>^</c> terms: only a source that records dependencies can answer it, with the graph of
    /// its index (<see cref="MatchesSpec(CacheSpec, IDependencyGraph)"/>); the record checks refuse such a query.
    /// </summary>
    public bool HasDependencyConstraints { get; }

    /// <summary>The parsed -Spec constraints (empty when none are given); a spec matches when any of them does.</summary>
    public IReadOnlyList<SpecConstraint> Specs { get; }

    /// <summary>True when a page with this title and tag can hold matching specs.</summary>
    public bool MatchesPage(string? title, string? tag) => MatchesName(title) && MatchesTag(tag);

    /// <summary>True when the package name is wanted (or no name is asked for), by -Name and by some -Spec.</summary>
    public bool MatchesName(string? name) => (_name is null || _name.Matches(name)) && (_specs is null || AnySpecNamed(name));

    /// <summary>True when the query asks for no name (<see cref="MatchesName"/> accepts every one).</summary>
    internal bool WantsEveryName => _name is null && _specs is null;

    /// <summary>True when the tag is wanted (or no tag is asked for).</summary>
    public bool MatchesTag(string? tag) => _tag is null || _tag.Matches(tag);

    /// <summary>True when a package summary's stacks include a wanted stack (or no stack is asked for).</summary>
    public bool MatchesStacks(IReadOnlyList<string> stacks) => _stack is null || _stack.MatchesAny(stacks);

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

    private static void Test(Func<object?, bool>?[] tests, Criterion criterion, Func<object?, bool>? test) => tests[(int)criterion] = test;

    private static Func<object?, bool>? Matcher(PatternMatcher? patterns) => patterns is null ? null : v => patterns.Matches((string?)v);

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
