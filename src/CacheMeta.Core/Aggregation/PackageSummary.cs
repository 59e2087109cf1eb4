using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using CacheMeta.Text;

namespace CacheMeta.Aggregation;

/// <summary>
/// Computes a package's summary from its spec records exactly as the site generator computes a page's
/// <c>meta</c>: every list is the sorted set of the records' values (Python string order, so versions sort
/// lexically: <c>4.12.2</c> before <c>4.8.0</c>), <c>versions</c> takes each record's first version, and
/// <c>num_specs_by_stack</c> counts records per stack (<c>root</c> included). Index sources summarise their
/// packages this way, Get-CachePackage summarises piped specs this way, and <see cref="PageAggregator"/> builds a
/// page's meta this way.
/// </summary>
internal static class PackageSummary
{
    /// <summary>The summary of <paramref name="specs"/>, all of package <paramref name="package"/> and tag <paramref name="tag"/>.</summary>
    public static CachePackage Compute(string package, string? tag, IReadOnlyCollection<CacheSpec> specs, string? source)
    {
        if (package is null)
        {
            throw new ArgumentNullException(nameof(package));
        }

        var byStack = new SortedDictionary<string, int>(CodePointComparer.Instance);
        foreach (var spec in specs)
        {
            foreach (string stack in spec.Stacks)
            {
                byStack[stack] = byStack.TryGetValue(stack, out int n) ? n + 1 : 1;
            }
        }

        return new CachePackage(package, tag, specs.Count,
            SortedSet(specs.Where(s => s.Versions.Count > 0).Select(s => s.Versions[0])),
            SortedSet(specs.Select(s => s.Compiler)),
            SortedSet(specs.Select(s => s.OS)),
            SortedSet(specs.Select(s => s.Platform)),
            SortedSet(specs.Select(s => s.Target)),
            SortedSet(byStack.Keys),
            new StackCounts(byStack),
            source);
    }

    // The generator's order (code points); CachePackage puts versions and compilers in reading order itself.
    private static ValueList SortedSet(IEnumerable<string?> values) => ReadingOrder.Sorted(values, CodePointComparer.Instance);
}
