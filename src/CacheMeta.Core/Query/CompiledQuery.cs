using System;
using System.Collections.Generic;

namespace CacheMeta.Query;

/// <summary>
/// A <see cref="SpecQuery"/> ready to run. Readers ask it twice: about a page (name and tag, before the
/// specs are parsed, so unrelated pages cost almost nothing) and about each spec record, before the
/// record becomes an object. Record checks go through a <see cref="QueryMemo"/>: values repeat across
/// thousands of records, so each distinct value is matched once per worker.
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

    /// <summary>Compiles a query; throws <see cref="FormatException"/> for a malformed version constraint.</summary>
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
        _hashPrefixes = SpecQuery.IsEmpty(query.Hash)
            ? null
            : Array.ConvertAll(ToArray(query.Hash!), h => h.Trim().TrimStart('/'));
        HasSpecCriteria = !query.HasNoSpecCriteria;
        TagValues = SpecQuery.IsEmpty(query.Tag) ? null : query.Tag;
        StackValues = SpecQuery.IsEmpty(query.Stack) ? null : query.Stack;
    }

    /// <summary>The tags asked for as given, null when none: a catalog reads its default tag then.</summary>
    internal IReadOnlyList<string>? TagValues { get; }

    /// <summary>The stacks asked for as given, null when none: a catalog reads only these stacks' indexes.</summary>
    internal IReadOnlyList<string>? StackValues { get; }

    /// <summary>True when single specs are filtered (not only whole pages).</summary>
    public bool HasSpecCriteria { get; }

    /// <summary>True when a page with this title and tag can hold matching specs.</summary>
    public bool MatchesPage(string? title, string? tag) => MatchesName(title) && MatchesTag(tag);

    /// <summary>True when the package name is wanted (or no name is asked for).</summary>
    public bool MatchesName(string? name) => _name is null || _name.Matches(name);

    /// <summary>True when the tag is wanted (or no tag is asked for).</summary>
    public bool MatchesTag(string? tag) => _tag is null || _tag.Matches(tag);

    /// <summary>True when a package summary's stacks include a wanted stack (or no stack is asked for).</summary>
    public bool MatchesStacks(IReadOnlyList<string> stacks) => _stack is null || _stack.MatchesAny(stacks);

    /// <summary>Evaluates every spec-level criterion on a built object (no memo).</summary>
    public bool MatchesSpec(CacheSpec spec) =>
        MatchesHash(spec.Hash)
        && (_compiler is null || _compiler.Matches(spec.Compiler))
        && (_os is null || _os.Matches(spec.OS))
        && (_platform is null || _platform.Matches(spec.Platform))
        && (_target is null || _target.Matches(spec.Target))
        && (_family is null || _family.Matches(spec.TargetFamily))
        && (_version is null || _version.MatchesAny(spec.Versions))
        && (_variant is null || _variant.Matches(spec.Variants))
        && (_stack is null || _stack.MatchesAny(spec.Stacks));

    /// <summary>True when the hash starts with a wanted prefix (or no hash is asked for).</summary>
    public bool MatchesHash(string? hash)
    {
        if (_hashPrefixes is null)
        {
            return true;
        }

        if (hash is null)
        {
            return false;
        }

        foreach (string prefix in _hashPrefixes)
        {
            if (hash.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the hash, given as ASCII bytes, starts with a wanted prefix.</summary>
    internal bool MatchesHash(ReadOnlySpan<byte> hash)
    {
        if (_hashPrefixes is null)
        {
            return true;
        }

        foreach (string prefix in _hashPrefixes)
        {
            if (prefix.Length <= hash.Length && AsciiStartsWith(hash, prefix))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Evaluates the spec-level criteria except the hash on shared values, remembering each answer in
    /// <paramref name="memo"/> keyed by the value's identity (readers hand out one instance per distinct value).
    /// </summary>
    internal bool MatchesRecord(QueryMemo memo, string? compiler, string? os, string? platform, string? target,
        string? family, IReadOnlyList<string> versions, IReadOnlyList<string> variants, IReadOnlyList<string> stacks)
    {
        return Check(memo, 0, compiler, _compiler is null ? null : v => _compiler.Matches((string?)v))
            && Check(memo, 1, os, _os is null ? null : v => _os.Matches((string?)v))
            && Check(memo, 2, platform, _platform is null ? null : v => _platform.Matches((string?)v))
            && Check(memo, 3, target, _target is null ? null : v => _target.Matches((string?)v))
            && Check(memo, 4, family, _family is null ? null : v => _family.Matches((string?)v))
            && Check(memo, 5, versions, _version is null ? null : v => _version.MatchesAny((IReadOnlyList<string>)v!))
            && Check(memo, 6, variants, _variant is null ? null : v => _variant.Matches((IReadOnlyList<string>)v!))
            && Check(memo, 7, stacks, _stack is null ? null : v => _stack.MatchesAny((IReadOnlyList<string>)v!));
    }

    private static bool Check(QueryMemo memo, int criterion, object? value, Func<object?, bool>? test)
    {
        if (test is null)
        {
            return true;
        }

        if (value is null)
        {
            return test(null);
        }

        var answers = memo.For(criterion);
        if (!answers.TryGetValue(value, out bool answer))
        {
            answer = test(value);
            answers.Add(value, answer);
        }

        return answer;
    }

    private static bool AsciiStartsWith(ReadOnlySpan<byte> text, string prefix)
    {
        for (int i = 0; i < prefix.Length; i++)
        {
            int a = text[i], b = prefix[i];
            if (a != b && !(IsLetter(a) && (a | 0x20) == (b | 0x20)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLetter(int c) => (c | 0x20) >= 'a' && (c | 0x20) <= 'z';

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

/// <summary>Per-worker answers of a <see cref="CompiledQuery"/>, keyed by value identity.</summary>
internal sealed class QueryMemo
{
    private const int MaxAnswers = 1 << 16;
    private readonly Dictionary<object, bool>[] _answers = new Dictionary<object, bool>[8];

    public Dictionary<object, bool> For(int criterion)
    {
        var answers = _answers[criterion] ??= new Dictionary<object, bool>(ReferenceComparer.Instance);
        if (answers.Count >= MaxAnswers)
        {
            answers.Clear(); // hostile input with endless distinct values: stay bounded
        }

        return answers;
    }
}

/// <summary>Compares by reference; netstandard2.0 has no ReferenceEqualityComparer.</summary>
internal sealed class ReferenceComparer : IEqualityComparer<object>
{
    public static readonly ReferenceComparer Instance = new();

    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

    public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
}
