using System;
using System.Collections.Generic;
using System.Linq;

namespace CacheMeta.Aggregation;

/// <summary>
/// Gathers spec records that arrive in any order into the pages they belong to: one per tag and package, one record
/// per hash, merged as <see cref="SpecGroups"/> merges them. A page needs a tag folder and hashed records, so a
/// record without either is refused.
/// </summary>
internal sealed class PageCollector
{
    private readonly SpecGroups _groups = new();

    /// <summary>How many records are held (after merging).</summary>
    public int Count => _groups.Count;

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

        return _groups.Add(spec);
    }

    /// <summary>The pages gathered so far, ordered by tag and then package (code-point order), records as added.</summary>
    public IEnumerable<(string Tag, string Package, IReadOnlyList<CacheSpec> Specs)> Pages() =>
        _groups.Groups().Select(g => (g.Tag!, g.Package, g.Specs));

    private static CacheMetaException Refused(ErrorId errorId, CacheSpec spec, string reason) =>
        new(errorId, CacheErrorKind.InvalidData, $"The spec {spec} {reason}.", spec.Source);
}
