using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CacheMeta.Http;
using CacheMeta.Index;

namespace CacheMeta.Sources;

/// <summary>One index of a group: a stack's label (null for a lone mirror) and its address.</summary>
internal sealed class LabelledIndex
{
    private LabelledIndex(string? label, string address, IndexLocation location)
    {
        Label = label;
        Address = address;
        Location = location;
    }

    public string? Label { get; }

    public string Address { get; }

    public IndexLocation Location { get; }

    /// <summary>The index as a local file (downloaded or cached when remote), or the error that stopped that.</summary>
    public SourceResult<LocalIndex> Fetch(IndexFetcher fetcher, CancellationToken cancellationToken)
    {
        try
        {
            return SourceResult<LocalIndex>.Of(fetcher.Fetch(Location, cancellationToken));
        }
        catch (CacheMetaException ex)
        {
            return SourceResult<LocalIndex>.Failed(ex);
        }
    }

    /// <summary>The entry, or the error (with <paramref name="errorId"/>) that says why the address is unusable.</summary>
    public static SourceResult<LabelledIndex> Create(string? label, string address, ErrorId errorId)
    {
        try
        {
            return SourceResult<LabelledIndex>.Of(new LabelledIndex(label, address, IndexLocation.Parse(address)));
        }
        catch (ArgumentException ex)
        {
            return SourceResult<LabelledIndex>.Failed(
                new CacheMetaException(errorId, CacheErrorKind.InvalidArgument, ex.Message, address, innerException: ex));
        }
    }
}

/// <summary>The indexes read as one: a catalog tag's root and stack indexes, or one mirror (no tag, no label).</summary>
internal sealed class IndexGroup
{
    public IndexGroup(string? tag, IReadOnlyList<LabelledIndex> indexes)
    {
        Tag = tag;
        Indexes = indexes;
        Root = indexes.FirstOrDefault(i => i.Label == Catalog.RootLabel);
    }

    /// <summary>The tag every spec of the group gets; null for a mirror.</summary>
    public string? Tag { get; }

    public IReadOnlyList<LabelledIndex> Indexes { get; }

    /// <summary>The tag's whole cache, when the catalog lists one.</summary>
    public LabelledIndex? Root { get; }
}

/// <summary>
/// Remembers which specs (by hash) one index of a tag already gave, so a spec that several stack indexes list is
/// written once, from the first index that has it.
/// </summary>
internal sealed class SpecDeduplicator
{
    private readonly HashSet<string> _given = new(StringComparer.Ordinal);

    /// <summary>True the first time a hash is claimed.</summary>
    public bool Claim(string hash) => _given.Add(hash);
}
