using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using CacheMeta.Pages;
using CacheMeta.Text;

namespace CacheMeta.Aggregation;

/// <summary>
/// Computes a page from spec records of one tag and package exactly as the site generator does: every
/// <c>meta</c> list is the sorted set of the records' values (Python string order, so versions sort
/// lexically: <c>4.12.2</c> before <c>4.8.0</c>), <c>versions</c> takes each record's first version,
/// <c>num_specs_by_stack</c> counts records per stack (<c>root</c> included), records are ordered by hash
/// and each record's stacks are sorted.
/// </summary>
public static class PageAggregator
{
    /// <summary>Builds the canonical page for the records; <paramref name="source"/> becomes its Path.</summary>
    public static CachePage Aggregate(string package, string? tag, IEnumerable<CacheSpec> specs, string source)
    {
        if (package is null)
        {
            throw new ArgumentNullException(nameof(package));
        }

        var records = specs.Select(Canonical).OrderBy(s => s.Hash, CodePointComparer.Instance).ToList();
        var byStack = new SortedDictionary<string, int>(CodePointComparer.Instance);
        foreach (var spec in records)
        {
            foreach (string stack in spec.Stacks)
            {
                byStack[stack] = byStack.TryGetValue(stack, out int n) ? n + 1 : 1;
            }
        }

        var summary = new CachePackage(package, tag, records.Count,
            SortedSet(records.Where(s => s.Versions.Count > 0).Select(s => s.Versions[0])),
            SortedSet(records.Select(s => s.Compiler)),
            SortedSet(records.Select(s => s.OS)),
            SortedSet(records.Select(s => s.Platform)),
            SortedSet(records.Select(s => s.Target)),
            SortedSet(byStack.Keys),
            new StackCounts(byStack),
            source);
        var categories = new ReadOnlyCollection<string>(tag is null ? new[] { PageKeys.PackageCategory } : new[] { PageKeys.PackageCategory, tag });
        return new CachePage(source, package, "cache", categories, tag, summary, records.Count, records, records.Count, PageSpecLayout.SpecDetails);
    }

    /// <summary>The record with its stacks sorted, as the generator writes them (the same object when already sorted).</summary>
    public static CacheSpec Canonical(CacheSpec spec)
    {
        if (IsSorted(spec.Stacks))
        {
            return spec;
        }

        return spec.WithStacks(new ReadOnlyCollection<string>(spec.Stacks.OrderBy(s => s, CodePointComparer.Instance).ToArray()));
    }

    private static IReadOnlyList<string> SortedSet(IEnumerable<string?> values) =>
        new ReadOnlyCollection<string>(values.Where(v => v is not null).Select(v => v!)
            .Distinct(StringComparer.Ordinal).OrderBy(v => v, CodePointComparer.Instance).ToArray());

    private static bool IsSorted(IReadOnlyList<string> values)
    {
        for (int i = 1; i < values.Count; i++)
        {
            if (CodePointComparer.Instance.Compare(values[i - 1], values[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }
}
