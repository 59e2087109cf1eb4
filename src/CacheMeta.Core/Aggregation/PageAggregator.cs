using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using CacheMeta.Pages;
using CacheMeta.Text;

namespace CacheMeta.Aggregation;

/// <summary>
/// Computes a page from spec records of one tag and package exactly as the site generator does: the meta is
/// <see cref="PackageSummary"/>'s, records are ordered by hash and each record's stacks are sorted. The summary
/// lists versions and compilers as people read them (<see cref="CachePackage"/>); <see cref="PageWriter"/> writes
/// every list in the generator's string order.
/// </summary>
internal static class PageAggregator
{
    /// <summary>Builds the canonical page for the records; <paramref name="source"/> becomes its Path.</summary>
    public static CachePage Aggregate(string package, string? tag, IEnumerable<CacheSpec> specs, string source)
    {
        if (package is null)
        {
            throw new ArgumentNullException(nameof(package));
        }

        var records = specs.Select(Canonical).OrderBy(s => s.Hash, CodePointComparer.Instance).ToList();
        var summary = PackageSummary.Compute(package, tag, records, source);
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

        return spec.WithStacks(ReadingOrder.InOrder(spec.Stacks, CodePointComparer.Instance));
    }

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
