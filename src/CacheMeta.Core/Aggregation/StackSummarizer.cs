using System;
using System.Collections.Generic;
using System.Linq;
using CacheMeta.Query;
using CacheMeta.Text;

namespace CacheMeta.Aggregation;

/// <summary>
/// Summarises specs per tag and stack (optionally split by target, OS, ...), streaming: it keeps one counter and
/// a few sets of distinct values per summary, never the specs, so a whole site can be measured in little memory.
/// A spec counts once in each of its stacks, as <c>num_specs_by_stack</c> counts it. Specs in no stack (pages
/// older than G4 carry no stacks) are counted in <see cref="Unstacked"/> only.
/// </summary>
internal sealed class StackSummarizer
{
    private readonly Dictionary<(string? Tag, string Stack, string? Group), Counter> _counters = new();
    private readonly Dictionary<string, bool> _included = new(StringComparer.Ordinal);
    private readonly StackGrouping _groupBy;
    private readonly CompiledQuery _query;
    private readonly QueryMemo _memo;

    /// <summary>
    /// Creates the summariser. Specs that <paramref name="query"/> rules out are not counted, and its stack
    /// criterion also chooses which stacks get summaries, so asking about e4s does not report the root stack too.
    /// </summary>
    public StackSummarizer(StackGrouping groupBy = StackGrouping.None, CompiledQuery? query = null)
    {
        _groupBy = groupBy;
        _query = query ?? CompiledQuery.All;
        _memo = _query.NewMemo();
    }

    /// <summary>How many specs were added that belong to no stack.</summary>
    public long Unstacked { get; private set; }

    /// <summary>Counts a spec in each of its stacks, when the query matches it.</summary>
    public void Add(CacheSpec spec)
    {
        if (spec is null)
        {
            throw new ArgumentNullException(nameof(spec));
        }

        if (_query.Matches(spec, _memo))
        {
            AddMatched(spec);
        }
    }

    /// <summary>Counts a spec the query is known to match (a source's read gives only those) in each of its stacks.</summary>
    internal void AddMatched(CacheSpec spec)
    {
        if (spec.Stacks.Count == 0)
        {
            Unstacked++;
            return;
        }

        string? group = GroupOf(spec);
        for (int i = 0; i < spec.Stacks.Count; i++)
        {
            string stack = spec.Stacks[i];
            if (!Included(stack) || IndexOf(spec.Stacks, stack) < i)
            {
                continue; // a stack the caller did not ask about, or one the record lists twice
            }

            var key = (spec.Tag, stack, group);
            if (!_counters.TryGetValue(key, out var counter))
            {
                _counters.Add(key, counter = new Counter());
            }

            counter.Add(spec);
        }
    }

    /// <summary>
    /// The summaries in reading order: tags as the site lists them (develop, releases and snapshots newest
    /// first; specs without a tag first), stacks by name, groups by name (compilers by name and then version,
    /// so gcc@7.3.1 comes before gcc@10.5.0).
    /// </summary>
    public IReadOnlyList<CacheStackSummary> Summaries()
    {
        IComparer<string?> groups = _groupBy == StackGrouping.Compiler ? ReadingOrder.Compilers : CodePointComparer.Instance;
        return _counters.OrderBy(c => c.Key.Tag, ReadingOrder.Tags)
            .ThenBy(c => c.Key.Stack, CodePointComparer.Instance)
            .ThenBy(c => c.Key.Group, groups)
            .Select(c => c.Value.ToSummary(c.Key.Tag, c.Key.Stack, _groupBy, c.Key.Group))
            .ToList();
    }

    private string? GroupOf(CacheSpec spec) => _groupBy switch
    {
        StackGrouping.Target => spec.Target,
        StackGrouping.TargetFamily => spec.TargetFamily,
        StackGrouping.OS => spec.OS,
        StackGrouping.Compiler => spec.Compiler,
        StackGrouping.Platform => spec.Platform,
        _ => null,
    };

    private bool Included(string stack)
    {
        if (!_included.TryGetValue(stack, out bool included))
        {
            _included.Add(stack, included = _query.MatchesStacks(new[] { stack }));
        }

        return included;
    }

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private sealed class Counter
    {
        private readonly HashSet<string> _packages = new(StringComparer.Ordinal);
        private readonly HashSet<(string Package, string Version)> _versions = new();
        private readonly HashSet<string> _compilers = new(StringComparer.Ordinal);
        private readonly HashSet<string> _oss = new(StringComparer.Ordinal);
        private readonly HashSet<string> _platforms = new(StringComparer.Ordinal);
        private readonly HashSet<string> _targets = new(StringComparer.Ordinal);
        private readonly HashSet<string> _families = new(StringComparer.Ordinal);
        private int _specs;

        public void Add(CacheSpec spec)
        {
            _specs++;
            _packages.Add(spec.Package);
            if (spec.Version is not null)
            {
                _versions.Add((spec.Package, spec.Version));
            }

            AddValue(_compilers, spec.Compiler);
            AddValue(_oss, spec.OS);
            AddValue(_platforms, spec.Platform);
            AddValue(_targets, spec.Target);
            AddValue(_families, spec.TargetFamily);
        }

        public CacheStackSummary ToSummary(string? tag, string stack, StackGrouping groupBy, string? group) =>
            new(tag, stack, groupBy, group, _specs, _packages.Count, _versions.Count, _compilers.Count, _oss.Count,
                _platforms.Count, _targets.Count, _families.Count);

        private static void AddValue(HashSet<string> set, string? value)
        {
            if (value is not null)
            {
                set.Add(value);
            }
        }
    }
}
