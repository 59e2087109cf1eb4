using System;
using System.Collections.Generic;
using CacheMeta.Text;

namespace CacheMeta;

/// <summary>
/// The order values are listed in for people: versions as Spack orders them (<c>1.9</c> before <c>1.10</c>,
/// <c>develop</c> last), compilers by name and then by version (<c>gcc@7.3.1</c> before <c>gcc@10.5.0</c>),
/// tags as cache.spack.io lists them, names in code-point order. Values that order as equal (<c>1.0</c>,
/// <c>1.00</c>) fall back to code-point order, so a list always comes out the same. Pages write their lists
/// in another order, Python's string order; <see cref="Pages.PageWriter"/> keeps to that.
/// </summary>
internal static class ReadingOrder
{
    /// <summary>Versions, by <see cref="SpackVersion"/> order.</summary>
    public static IComparer<string?> Versions { get; } = new Comparer((a, b) => SpackVersion.Compare(SpackVersion.Parse(a), SpackVersion.Parse(b)));

    /// <summary>Compilers as written (<c>gcc@=13.2.0</c>, <c>none</c>): by name, then by version.</summary>
    public static IComparer<string?> Compilers { get; } = new Comparer(CompareCompilers);

    /// <summary>Tags: develop, releases newest first, snapshots newest first, then other names.</summary>
    public static IComparer<string?> Tags { get; } = new Comparer((a, b) => new CacheTag(a, null, null).CompareTo(new CacheTag(b, null, null)));

    /// <summary>The values sorted and without repeats, as a list for a model property.</summary>
    public static ValueList Sorted(IEnumerable<string?> values, IComparer<string?> order)
    {
        var set = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? value in values)
        {
            if (value is not null && seen.Add(value))
            {
                set.Add(value);
            }
        }

        set.Sort(order);
        return set.Count == 0 ? ValueList.None : new ValueList(set.ToArray());
    }

    /// <summary>The list in <paramref name="order"/>: the same list when it already is (most pages), else a sorted copy.</summary>
    public static ValueList InOrder(ValueList values, IComparer<string?> order)
    {
        for (int i = 1; i < values.Count; i++)
        {
            if (order.Compare(values[i - 1], values[i]) > 0)
            {
                var sorted = new string[values.Count];
                values.CopyTo(sorted, 0);
                Array.Sort(sorted, order);
                return new ValueList(sorted);
            }
        }

        return values;
    }

    private static int CompareCompilers(string a, string b)
    {
        var (nameA, versionA) = CompilerId.Split(a);
        var (nameB, versionB) = CompilerId.Split(b);
        int byName = CodePointComparer.Instance.Compare(nameA, nameB);
        if (byName != 0)
        {
            return byName;
        }

        return versionA is null || versionB is null
            ? (versionA is null ? 0 : 1) - (versionB is null ? 0 : 1)
            : SpackVersion.Compare(SpackVersion.Parse(versionA), SpackVersion.Parse(versionB));
    }

    // Code-point order breaks ties, so values that compare equal by meaning still have one order.
    private sealed class Comparer : IComparer<string?>
    {
        private readonly Func<string, string, int> _compare;

        public Comparer(Func<string, string, int> compare) => _compare = compare;

        public int Compare(string? x, string? y)
        {
            if (x is null || y is null)
            {
                return (x is null ? 0 : 1) - (y is null ? 0 : 1);
            }

            int c = _compare(x, y);
            return c != 0 ? c : CodePointComparer.Instance.Compare(x, y);
        }
    }
}
