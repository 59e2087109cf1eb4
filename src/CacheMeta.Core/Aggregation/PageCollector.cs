using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using CacheMeta.Text;

namespace CacheMeta.Aggregation;

/// <summary>
/// Gathers spec records that arrive in any order (several sources, an index listed by hash) into the pages
/// they belong to: one per tag and package, one record per hash. The same hash met again within a tag and
/// package is the same binary: when only its stacks differ the stacks are merged, as the generator merges a
/// binary listed by several stacks' indexes; when anything else differs the later record is refused.
/// </summary>
public sealed class PageCollector
{
    private readonly Dictionary<(string Tag, string Package), Dictionary<string, CacheSpec>> _pages = new();

    /// <summary>How many records are held (after merging).</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Adds a record. Returns null when it was taken (or merged), or why it was not: <c>SpecWithoutTag</c>,
    /// <c>SpecWithoutHash</c>, <c>ConflictingSpecRecords</c> (all InvalidData, with the record's source as target).
    /// </summary>
    public CacheMetaException? Add(CacheSpec spec)
    {
        if (spec is null)
        {
            throw new ArgumentNullException(nameof(spec));
        }

        if (spec.Tag is null)
        {
            return Refused(ErrorIds.SpecWithoutTag, spec, "has no tag, so no page folder can hold it (the oldest pages name none)");
        }

        if (spec.Hash is null)
        {
            return Refused(ErrorIds.SpecWithoutHash, spec, "has no hash, so it cannot be a record of a current-format page");
        }

        var key = (spec.Tag, spec.Package);
        if (!_pages.TryGetValue(key, out var records))
        {
            _pages.Add(key, records = new Dictionary<string, CacheSpec>(StringComparer.Ordinal));
        }

        if (!records.TryGetValue(spec.Hash, out var held))
        {
            records.Add(spec.Hash, spec);
            Count++;
            return null;
        }

        if (!SameBinary(held, spec))
        {
            return Refused(ErrorIds.ConflictingSpecRecords, spec,
                $"has the hash of an earlier record of {spec.Package} ({spec.Tag}) but differs from it in more than its stacks; the earlier record is kept");
        }

        if (spec.Stacks.Except(held.Stacks, StringComparer.Ordinal).Any())
        {
            records[spec.Hash] = held.WithStacks(new ReadOnlyCollection<string>(held.Stacks.Union(spec.Stacks, StringComparer.Ordinal).ToArray()));
        }

        return null;
    }

    /// <summary>The pages gathered so far, ordered by tag and then package (code-point order), records as added.</summary>
    public IEnumerable<(string Tag, string Package, IReadOnlyList<CacheSpec> Specs)> Pages() =>
        _pages.OrderBy(p => p.Key.Tag, CodePointComparer.Instance).ThenBy(p => p.Key.Package, CodePointComparer.Instance)
            .Select(p => (p.Key.Tag, p.Key.Package, (IReadOnlyList<CacheSpec>)p.Value.Values.ToList()));

    private static bool SameBinary(CacheSpec a, CacheSpec b) =>
        a.Versions.SequenceEqual(b.Versions, StringComparer.Ordinal)
        && a.Variants.SequenceEqual(b.Variants, StringComparer.Ordinal)
        && string.Equals(a.Compiler, b.Compiler, StringComparison.Ordinal)
        && string.Equals(a.OS, b.OS, StringComparison.Ordinal)
        && string.Equals(a.Platform, b.Platform, StringComparison.Ordinal)
        && string.Equals(a.Target, b.Target, StringComparison.Ordinal)
        && string.Equals(a.Tarball, b.Tarball, StringComparison.Ordinal)
        && a.Size == b.Size;

    private static CacheMetaException Refused(ErrorId errorId, CacheSpec spec, string reason) =>
        new(errorId, CacheErrorKind.InvalidData, $"The spec {spec} {reason}.", spec.Source);
}
