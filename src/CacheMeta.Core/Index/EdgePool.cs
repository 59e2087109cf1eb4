using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using CacheMeta.Text;

namespace CacheMeta.Index;

/// <summary>
/// One shared string per DAG hash, and one shared <see cref="DependencyEdge"/> per distinct edge, found from the raw
/// bytes of an edge's hash and name without decoding them. An index names each hash once as a record key and again
/// on every edge that leads to it (ten edges a record, thousands for gcc-runtime), almost always with the same name,
/// types and virtuals, so an edge already seen costs one table probe and a comparison. The table is keyed by the
/// hash string itself (no copy of the key bytes) and each entry keeps the edges to its hash. Not thread-safe: one
/// per index read.
/// <para>Two sizes. A graph keeps every hash anyway, so its pool keeps them all (open addressing, at most half
/// full). A plain read hands specs out and forgets them: a pool that grew with the index would keep every edge
/// alive and make each garbage collection walk it, which costs more than the sharing saves. Its pool is a small
/// table where a hash takes the one slot its code names, replacing what was there: the edges that recur (to the
/// compilers, runtimes and libraries most specs link) stay shared, the rest are made per record, as the hashes
/// were before edges were kept.</para>
/// </summary>
internal sealed class EdgePool
{
    private const int RecentSlots = 1 << 10;

    private readonly bool _keepAll;
    private readonly string?[]? _recentNames;
    private Entry[] _entries;
    private int _count;

    /// <param name="keepAll">True for a graph: every hash and edge is kept and shared.</param>
    public EdgePool(bool keepAll)
    {
        _keepAll = keepAll;
        _entries = new Entry[keepAll ? 1024 : RecentSlots];
        _recentNames = keepAll ? null : new string?[RecentNameSlots];
    }

    // A plain read's names of new edges: looked up in a small table (the names that recur stay in the processor's
    // cache) rather than in the reader's pool of every name, whose lookups miss the cache more often than not.
    private const int RecentNameSlots = 1 << 10;

    /// <summary>The shared instance of a hash given as a string (a record key); it becomes the shared one when new.</summary>
    public string Intern(string hash)
    {
        if (hash.Length > 64)
        {
            return hash; // record keys longer than this are not hashes (the reader skips them)
        }

        Span<byte> ascii = stackalloc byte[hash.Length];
        for (int i = 0; i < hash.Length; i++)
        {
            if (hash[i] >= 0x80)
            {
                return hash;
            }

            ascii[i] = (byte)hash[i];
        }

        return Slot(ascii, hash).Hash!;
    }

    /// <summary>
    /// The shared edge with these values; <paramref name="name"/> and <paramref name="hash"/> are unescaped UTF-8 bytes.
    /// Null when the hash or name is not ASCII (the caller then decodes and builds the edge itself).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public DependencyEdge? Edge(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> name, DependencyTypes types, IReadOnlyList<string> virtuals,
        NodeValueReader names)
    {
        if (!Ascii.IsAscii(hash) || !Ascii.IsAscii(name))
        {
            return null;
        }

        ref Entry entry = ref Slot(hash, null);
        switch (entry.Edges)
        {
            case DependencyEdge one when Same(one, name, types, virtuals):
                return one;
            case List<DependencyEdge> several:
                foreach (var edge in several)
                {
                    if (Same(edge, name, types, virtuals))
                    {
                        return edge;
                    }
                }

                break;
        }

        string edgeName = _recentNames is null ? names.Pooled(name) : RecentName(name);
        var added = entry.Hash is { } text ? new DependencyEdge(edgeName, text, types, virtuals) : new DependencyEdge(edgeName, entry.Packed, types, virtuals);
        switch (entry.Edges)
        {
            case null:
                entry.Edges = added;
                break;
            case DependencyEdge one:
                entry.Edges = new List<DependencyEdge> { one, added };
                break;
            case List<DependencyEdge> several when several.Count < MaxEdgesPerHash:
                several.Add(added);
                break;
        }

        return added;
    }

    private string RecentName(ReadOnlySpan<byte> name)
    {
        ref string? slot = ref _recentNames![Utf8Pool<string>.Hash(name) & (RecentNameSlots - 1)];
        if (slot is null || !Equal(slot, name))
        {
            slot = Ascii.Decode(name);
        }

        return slot;
    }

    // Real indexes reach a hash through a handful of distinct edges (link, build, link+run); a hostile one could make
    // thousands, each a probe longer for the next: beyond this many the edge is made but not shared.
    private const int MaxEdgesPerHash = 8;

    private static bool Same(DependencyEdge edge, ReadOnlySpan<byte> name, DependencyTypes types, IReadOnlyList<string> virtuals) =>
        edge.Types == types && ReferenceEquals(edge.Virtuals, virtuals) && Equal(edge.Name, name);

    // The entry for these ASCII bytes, added (with the given string, or one decoded from the bytes) when new.
    [MethodImpl(Jit.Optimized)]
    private ref Entry Slot(ReadOnlySpan<byte> ascii, string? text)
    {
        int code = Utf8Pool<string>.Hash(ascii);
        int mask = _entries.Length - 1;
        int i = code & mask;
        if (!_keepAll)
        {
            ref Entry slot = ref _entries[i];
            if (text is null && PackedHash.TryPack(ascii, out var packed))
            {
                // An edge's hash: kept packed, so a plain read makes no string for the edges nobody asks about.
                if (!(slot.Code == code && slot.Hash is null && slot.Packed.Equals(packed)))
                {
                    slot = new Entry { Code = code, Packed = packed };
                }

                return ref slot;
            }

            if (!(slot.Code == code && slot.Hash is { } seen && Equal(seen, ascii)))
            {
                slot = new Entry { Code = code, Hash = text ?? Ascii.Decode(ascii) };
            }

            return ref slot;
        }

        for (; _entries[i].Hash is { } known; i = (i + 1) & mask)
        {
            if (_entries[i].Code == code && Equal(known, ascii))
            {
                return ref _entries[i];
            }
        }

        if ((_count + 1) * 2 > _entries.Length)
        {
            Grow();
        }
        else
        {
            return ref Fill(i, code, text ?? Ascii.Decode(ascii));
        }

        mask = _entries.Length - 1;
        for (i = code & mask; _entries[i].Hash is not null; i = (i + 1) & mask)
        {
        }

        return ref Fill(i, code, text ?? Ascii.Decode(ascii));
    }

    private ref Entry Fill(int i, int code, string hash)
    {
        _entries[i] = new Entry { Code = code, Hash = hash };
        _count++;
        return ref _entries[i];
    }

    private void Grow()
    {
        var old = _entries;
        _entries = new Entry[old.Length * 2];
        int mask = _entries.Length - 1;
        foreach (var entry in old)
        {
            if (entry.Hash is not null)
            {
                int i = entry.Code & mask;
                while (_entries[i].Hash is not null)
                {
                    i = (i + 1) & mask;
                }

                _entries[i] = entry;
            }
        }
    }

    [MethodImpl(Jit.Optimized)]
    private static bool Equal(string value, ReadOnlySpan<byte> ascii)
    {
        if (value.Length != ascii.Length)
        {
            return false;
        }

#if NET8_0_OR_GREATER
        return System.Text.Ascii.Equals(ascii, value.AsSpan());
#else
        for (int i = 0; i < ascii.Length; i++)
        {
            if (value[i] != ascii[i])
            {
                return false;
            }
        }

        return true;
#endif
    }

    private struct Entry
    {
        public int Code;
        public string? Hash; // null for a plain read's packed entry
        public PackedHash Packed;
        public object? Edges; // the DependencyEdge to this hash, or a List of them when several differ in name, types or virtuals
    }
}
