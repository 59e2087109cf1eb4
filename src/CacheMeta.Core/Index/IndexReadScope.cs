using System;
using System.Collections.Generic;
using CacheMeta.Sources;

namespace CacheMeta.Index;

/// <summary>
/// Where the specs of one index belong besides the file: their tag, the stacks that hold each hash, which specs
/// another index of the same tag already gave, and the source that reads them. Plain values, no callbacks:
/// a lone mirror is <c>new IndexReadScope(null)</c>.
/// </summary>
internal sealed class IndexReadScope
{
    private static readonly StackMembership NoStacks = new(Array.Empty<string>());

    private readonly StackMembership _membership;
    private readonly string? _label;
    private readonly bool _recordsMembership;
    private readonly SpecDeduplicator? _given;

    /// <summary>
    /// A scope for an index labelled <paramref name="label"/> (null for a tag's root index or a lone mirror). With
    /// <paramref name="recordsMembership"/> every record's hash is noted as held by that stack.
    /// </summary>
    public IndexReadScope(string? tag, StackMembership? membership = null, string? label = null, bool recordsMembership = false,
        SpecDeduplicator? given = null, ISpecSource? origin = null)
    {
        Tag = tag;
        _membership = membership ?? NoStacks;
        _label = label;
        _recordsMembership = recordsMembership && label is not null;
        _given = given;
        Origin = origin;
    }

    /// <summary>The tag the records belong to (null for a single mirror).</summary>
    public string? Tag { get; }

    /// <summary>The source the specs name as having read them.</summary>
    public ISpecSource? Origin { get; }

    /// <summary>The stacks a hash is in, as a shared list.</summary>
    public IReadOnlyList<string> StacksOf(string hash) => _membership.StacksOf(hash, _label);

    /// <summary>True when every record's hash is noted (<see cref="Saw"/>), so no record may be passed over unseen.</summary>
    public bool RecordsMembership => _recordsMembership;

    /// <summary>Notes a record of this index, in the build cache or not (which stacks hold it).</summary>
    public void Saw(string hash)
    {
        if (_recordsMembership)
        {
            _membership.Add(hash, _label!);
        }
    }

    /// <summary>True when no other index of the tag gave this spec yet; it is then this index's to give.</summary>
    public bool Claim(string hash) => _given?.Claim(hash) ?? true;
}
