using System;
using System.Collections.Generic;
using System.Linq;

namespace CacheMeta.Comparison;

/// <summary>What a comparison looks at.</summary>
internal sealed class SpecDiffOptions
{
    /// <summary>Also report specs that are the same on both sides (<see cref="CacheSpecChange.Equal"/>).</summary>
    public bool IncludeEqual { get; set; }

    /// <summary>Only these properties count as changes (names from <see cref="SpecDiff.ComparedProperties"/>); null for all.</summary>
    public IReadOnlyList<string>? Properties { get; set; }
}

/// <summary>The outcome of <see cref="SpecDiff.Compare"/>.</summary>
internal sealed class SpecDiffResult
{
    internal SpecDiffResult(IReadOnlyList<CacheSpecDifference> differences, int referenceRepeats, int differenceRepeats)
    {
        Differences = differences;
        ReferenceRepeats = referenceRepeats;
        DifferenceRepeats = differenceRepeats;
    }

    /// <summary>The differences, ordered by package, version and hash.</summary>
    public IReadOnlyList<CacheSpecDifference> Differences { get; }

    /// <summary>Reference specs skipped because an earlier one had the same key (a hash listed under two tags).</summary>
    public int ReferenceRepeats { get; }

    /// <summary>Difference specs skipped because an earlier one had the same key.</summary>
    public int DifferenceRepeats { get; }
}

/// <summary>
/// Compares two collections of specs from any source. Specs match by DAG hash, which names one binary
/// wherever it is listed; a spec without a hash (the oldest pages) matches by its spec string instead. A spec
/// only in the difference collection is Added, only in the reference Removed, in both with other values Changed.
/// </summary>
internal static class SpecDiff
{
    /// <summary>The CacheSpec properties that are compared (Tag, Source and Tarball name the place, not the binary).</summary>
    public static IReadOnlyList<string> ComparedProperties => SpecProperties.Names;

    /// <summary>Compares <paramref name="reference"/> with <paramref name="difference"/>.</summary>
    public static SpecDiffResult Compare(IEnumerable<CacheSpec> reference, IEnumerable<CacheSpec> difference, SpecDiffOptions? options = null)
    {
        options ??= new SpecDiffOptions();
        ICollection<string>? only = options.Properties is null ? null : new HashSet<string>(options.Properties, StringComparer.OrdinalIgnoreCase);
        var before = Index(reference, out int referenceRepeats);
        var after = Index(difference, out int differenceRepeats);

        var differences = new List<CacheSpecDifference>();
        foreach (var pair in before)
        {
            if (!after.TryGetValue(pair.Key, out var now))
            {
                differences.Add(new CacheSpecDifference(CacheSpecChange.Removed, pair.Value, null));
                continue;
            }

            var (names, details) = SpecProperties.Differences(pair.Value, now, only);
            if (names.Count > 0)
            {
                differences.Add(new CacheSpecDifference(CacheSpecChange.Changed, pair.Value, now, names, details));
            }
            else if (options.IncludeEqual)
            {
                differences.Add(new CacheSpecDifference(CacheSpecChange.Equal, pair.Value, now));
            }
        }

        foreach (var pair in after)
        {
            if (!before.ContainsKey(pair.Key))
            {
                differences.Add(new CacheSpecDifference(CacheSpecChange.Added, null, pair.Value));
            }
        }

        differences.Sort(Order);
        return new SpecDiffResult(differences, referenceRepeats, differenceRepeats);
    }

    /// <summary>One row per package with its counts, ordered by package.</summary>
    public static IReadOnlyList<CacheSpecDifferenceSummary> Summarize(IEnumerable<CacheSpecDifference> differences) =>
        differences
            .GroupBy(d => d.Package, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CacheSpecDifferenceSummary(g.Key,
                g.Count(d => d.Change == CacheSpecChange.Added), g.Count(d => d.Change == CacheSpecChange.Removed),
                g.Count(d => d.Change == CacheSpecChange.Changed), g.Count(d => d.Change == CacheSpecChange.Equal)))
            .ToList();

    // Keyed by hash (or spec string), in first-seen order; later repeats of a key are counted, not kept.
    private static Dictionary<string, CacheSpec> Index(IEnumerable<CacheSpec> specs, out int repeats)
    {
        var index = new Dictionary<string, CacheSpec>(StringComparer.OrdinalIgnoreCase);
        repeats = 0;
        foreach (var spec in specs)
        {
            if (spec is null)
            {
                continue;
            }

            string key = spec.Hash is { Length: > 0 } hash ? hash : "spec:" + spec + " " + string.Join(" ", spec.Variants);
            if (index.ContainsKey(key))
            {
                repeats++;
            }
            else
            {
                index.Add(key, spec);
            }
        }

        return index;
    }

    private static int Order(CacheSpecDifference a, CacheSpecDifference b)
    {
        int c = StringComparer.OrdinalIgnoreCase.Compare(a.Package, b.Package);
        if (c == 0)
        {
            c = SpackVersion.Compare(a.ParsedVersion, b.ParsedVersion);
        }

        return c != 0 ? c : string.CompareOrdinal(a.Hash, b.Hash);
    }
}
