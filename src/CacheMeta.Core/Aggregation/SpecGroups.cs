using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using CacheMeta.Text;

namespace CacheMeta.Aggregation;

/// <summary>
/// Gathers spec records that arrive in any order (several sources, an index listed by hash, the pipeline) into
/// groups of one tag and package, one record per hash. The same hash met again within a group is the same binary:
/// when only its stacks differ the stacks are merged, as the generator merges a binary listed by several stacks'
/// indexes; when anything else differs the later record is refused. A record without a hash (the oldest pages)
/// cannot be matched with another and is kept as it is.
/// </summary>
internal sealed class SpecGroups
{
    private readonly Dictionary<(string? Tag, string Package), Group> _groups = new();

    /// <summary>How many records are held (after merging).</summary>
    public int Count { get; private set; }

    /// <summary>Adds a record: null when it was taken or merged, ConflictingSpecRecords when it contradicts an earlier one.</summary>
    public CacheMetaException? Add(CacheSpec spec)
    {
        var key = (spec.Tag, spec.Package);
        if (!_groups.TryGetValue(key, out var group))
        {
            _groups.Add(key, group = new Group());
        }

        if (spec.Hash is null)
        {
            group.Records.Add(spec);
            Count++;
            return null;
        }

        if (!group.ByHash.TryGetValue(spec.Hash, out int at))
        {
            group.ByHash.Add(spec.Hash, group.Records.Count);
            group.Records.Add(spec);
            Count++;
            return null;
        }

        var held = group.Records[at];
        if (!SameBinary(held, spec))
        {
            string tag = spec.Tag is null ? "no tag" : spec.Tag;
            return new CacheMetaException(ErrorIds.ConflictingSpecRecords, CacheErrorKind.InvalidData,
                $"The spec {spec} has the hash of an earlier record of {spec.Package} ({tag}) but differs from it in more than its stacks; "
                + "the earlier record is kept.", spec.Source);
        }

        if (spec.Stacks.Except(held.Stacks, StringComparer.Ordinal).Any())
        {
            group.Records[at] = held.WithStacks(new ReadOnlyCollection<string>(held.Stacks.Union(spec.Stacks, StringComparer.Ordinal).ToArray()));
        }

        return null;
    }

    /// <summary>The groups, ordered by tag (none first) and then package, in code-point order; records as added.</summary>
    public IEnumerable<(string? Tag, string Package, IReadOnlyList<CacheSpec> Specs)> Groups() =>
        _groups.OrderBy(g => g.Key.Tag, CodePointComparer.Instance).ThenBy(g => g.Key.Package, CodePointComparer.Instance)
            .Select(g => (g.Key.Tag, g.Key.Package, (IReadOnlyList<CacheSpec>)g.Value.Records.ToList()));

    private static bool SameBinary(CacheSpec a, CacheSpec b) =>
        a.Versions.SequenceEqual(b.Versions, StringComparer.Ordinal)
        && a.Variants.SequenceEqual(b.Variants, StringComparer.Ordinal)
        && string.Equals(a.Compiler, b.Compiler, StringComparison.Ordinal)
        && string.Equals(a.OS, b.OS, StringComparison.Ordinal)
        && string.Equals(a.Platform, b.Platform, StringComparison.Ordinal)
        && string.Equals(a.Target, b.Target, StringComparison.Ordinal)
        && string.Equals(a.Tarball, b.Tarball, StringComparison.Ordinal)
        && a.Size == b.Size;

    private sealed class Group
    {
        public Dictionary<string, int> ByHash { get; } = new(StringComparer.Ordinal);

        public List<CacheSpec> Records { get; } = new();
    }
}
