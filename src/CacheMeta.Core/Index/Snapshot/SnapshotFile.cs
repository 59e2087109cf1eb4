using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using CacheMeta.Text;

namespace CacheMeta.Index.Snapshot;

/// <summary>
/// A snapshot file held in memory, checked whole before it is used (<c>SnapshotFile.Checks.cs</c>: header, checksum,
/// and every table offset and id in range). Values are decoded when first asked for and then shared: one string per
/// distinct value, one list per list.
/// </summary>
internal sealed partial class SnapshotFile
{
    private readonly byte[] _bytes;
    private readonly Table _strings, _lists, _edgeLists, _raw;
    private readonly int _edges;
    private readonly int[] _entries;
    private readonly string?[] _stringCache;
    private readonly ValueList?[] _listCache;
    private readonly DependencyEdge?[] _edgeCache;

    private SnapshotFile(byte[] bytes, int databaseVersion, int count, Table strings, Table lists, int edges, int edgeCount,
        Table edgeLists, Table raw, int entries)
    {
        _bytes = bytes;
        DatabaseVersion = databaseVersion;
        Count = count;
        _strings = strings;
        _lists = lists;
        _edges = edges;
        _edgeLists = edgeLists;
        _raw = raw;
        // The entry column is read for every record: as an int array, once, rather than decoded field by field.
        _entries = MemoryMarshal.Cast<byte, int>(new ReadOnlySpan<byte>(bytes, entries, count * SnapshotFormat.EntryFields * 4)).ToArray();
        _stringCache = new string?[strings.Count];
        _listCache = new ValueList?[lists.Count];
        _edgeCache = new DependencyEdge?[edgeCount];
    }

    public int DatabaseVersion { get; }

    /// <summary>How many entries (records and keys) the index has.</summary>
    public int Count { get; }

    /// <summary>How many distinct strings the file holds (ids are 0 to this, exclusive).</summary>
    public int StringCount => _strings.Count;

    /// <summary>An entry's field.</summary>
    public int Field(int entry, int field) => _entries[entry * SnapshotFormat.EntryFields + field];

    /// <summary>The shared string of an id; null for -1.</summary>
    [MethodImpl(Jit.Optimized)]
    public string? String(int id)
    {
        if (id < 0)
        {
            return null;
        }

        return _stringCache[id] ??= Decode(id);
    }

    /// <summary>The shared list of an id.</summary>
    [MethodImpl(Jit.Optimized)]
    public ValueList List(int id)
    {
        if (_listCache[id] is { } cached)
        {
            return cached;
        }

        var (start, end) = _lists.Range(this, id);
        var values = new string[end - start];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = String(_lists.Item(this, start + i))!;
        }

        return _listCache[id] = values.Length == 0 ? ValueList.None : new ValueList(values);
    }

    /// <summary>A record's dependencies, decoded when first used (<see cref="SnapshotEdges"/>).</summary>
    [MethodImpl(Jit.Optimized)]
    public IReadOnlyList<DependencyEdge> Edges(int id)
    {
        var (start, end) = _edgeLists.Range(this, id);
        return start == end ? Array.Empty<DependencyEdge>() : new SnapshotEdges(this, id, end - start);
    }

    /// <summary>
    /// A list of edges as a new array (as the JSON reading makes one per record) of shared edges. Called from any thread:
    /// the caches only ever go from null to a value, and two threads that decode the same value store equal ones.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public DependencyEdge[] DecodeEdges(int id)
    {
        var (start, end) = _edgeLists.Range(this, id);
        var edges = new DependencyEdge[end - start];
        for (int i = 0; i < edges.Length; i++)
        {
            int edge = _edgeLists.Item(this, start + i);
            edges[i] = _edgeCache[edge] ??= new DependencyEdge(String(EdgeField(edge, 0))!, String(EdgeField(edge, 1))!,
                (DependencyTypes)EdgeField(edge, 2), List(EdgeField(edge, 3)));
        }

        return edges;
    }

    /// <summary>A raw record's JSON text.</summary>
    public ReadOnlySpan<byte> Raw(int id)
    {
        var (start, end) = _raw.Range(this, id);
        return new ReadOnlySpan<byte>(_bytes, _raw.Data + start, end - start);
    }

    private int EdgeField(int edge, int field) => At(_edges + (edge * 4 + field) * 4);

    private int At(int offset) => BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(_bytes, offset, 4));

    [MethodImpl(Jit.Optimized)]
    private string Decode(int id)
    {
        var (start, end) = _strings.Range(this, id);
        int at = _strings.Data + start;
        var text = new ReadOnlySpan<byte>(_bytes, at + 1, end - start - 1);
        if (_bytes[at] != 0)
        {
            return Encoding.Unicode.GetString(_bytes, at + 1, end - start - 1);
        }

        return CacheMeta.Text.Ascii.IsAscii(text) ? CacheMeta.Text.Ascii.Decode(text) : Encoding.UTF8.GetString(_bytes, at + 1, end - start - 1);
    }
}
