using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using CacheMeta.Text;

namespace CacheMeta.Index.Snapshot;

/// <summary>
/// A snapshot file held in memory, checked whole before it is used: header, checksum, and every table offset and id in
/// range. Values are decoded when first asked for and then shared: one string per distinct value, one list per list.
/// </summary>
internal sealed class SnapshotFile
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

    /// <summary>
    /// The file if it is whole and is the snapshot of the blob <paramref name="sha256"/>; else null, with why in
    /// <paramref name="problem"/>.
    /// </summary>
    public static SnapshotFile? Check(byte[] bytes, byte[] sha256, out string? problem)
    {
        problem = Header(bytes, sha256, out int databaseVersion, out int count);
        if (problem is not null)
        {
            return null;
        }

        int at = SnapshotFormat.HeaderBytes;
        if (!Table.Read(bytes, ref at, byteItems: true, out var strings) || !Table.Read(bytes, ref at, byteItems: false, out var lists)
            || !Int(bytes, ref at, out int edgeCount) || edgeCount < 0 || (long)edgeCount * 16 > bytes.Length - at)
        {
            return Corrupt(out problem);
        }

        int edges = at;
        at += edgeCount * 16;
        if (!Table.Read(bytes, ref at, byteItems: false, out var edgeLists) || !Table.Read(bytes, ref at, byteItems: true, out var raw)
            || (long)count * SnapshotFormat.EntryFields * 4 != bytes.Length - at)
        {
            return Corrupt(out problem);
        }

        var file = new SnapshotFile(bytes, databaseVersion, count, strings, lists, edges, edgeCount, edgeLists, raw, at);
        return file.IdsInRange() ? file : Corrupt(out problem);
    }

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

    private static string? Header(byte[] bytes, byte[] sha256, out int databaseVersion, out int count)
    {
        databaseVersion = count = 0;
        if (bytes.Length < SnapshotFormat.HeaderBytes || !bytes.AsSpan(0, 8).SequenceEqual(SnapshotFormat.Magic))
        {
            return "it is not an index snapshot";
        }

        var header = new ReadOnlySpan<byte>(bytes, 0, SnapshotFormat.HeaderBytes);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(8)) != SnapshotFormat.FormatVersion)
        {
            return "it has another format version";
        }

        if (!header.Slice(72, 16).SequenceEqual(SnapshotFormat.Build))
        {
            return "another build of CacheMeta wrote it";
        }

        if (!header.Slice(16, 32).SequenceEqual(sha256))
        {
            return "it is the snapshot of another copy of the index";
        }

        databaseVersion = BinaryPrimitives.ReadInt32LittleEndian(header.Slice(12));
        count = BinaryPrimitives.ReadInt32LittleEndian(header.Slice(48));
        if (BinaryPrimitives.ReadInt64LittleEndian(header.Slice(56)) != bytes.Length - SnapshotFormat.HeaderBytes || count < 0
            || BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(52)) != 0)
        {
            return "it is cut short or too long";
        }

        return BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(SnapshotFormat.ChecksumAt)) == SnapshotFormat.Checksum(bytes)
            ? null : "its checksum does not match";
    }

    // Every id an entry, list or edge holds points into its table: a file that passes is safe to read anywhere.
    [MethodImpl(Jit.Optimized)]
    private bool IdsInRange()
    {
        int strings = _strings.Count;
        for (int id = 0; id < strings; id++)
        {
            // A tag byte, 0 (UTF-8) or 1 (UTF-16, an even number of bytes), then the text.
            var (start, end) = _strings.Range(this, id);
            byte tag = end > start ? _bytes[_strings.Data + start] : (byte)2;
            if (tag > 1 || (tag == 1 && (end - start - 1) % 2 != 0))
            {
                return false;
            }
        }

        for (int i = 0; i < _lists.ItemCount; i++)
        {
            if ((uint)_lists.Item(this, i) >= (uint)strings)
            {
                return false;
            }
        }

        for (int edge = 0; edge < _edgeCache.Length; edge++)
        {
            if ((uint)EdgeField(edge, 0) >= (uint)strings || (uint)EdgeField(edge, 1) >= (uint)strings
                || (uint)EdgeField(edge, 3) >= (uint)_lists.Count)
            {
                return false;
            }
        }

        for (int i = 0; i < _edgeLists.ItemCount; i++)
        {
            if ((uint)_edgeLists.Item(this, i) >= (uint)_edgeCache.Length)
            {
                return false;
            }
        }

        for (int entry = 0; entry < Count; entry++)
        {
            int kind = Field(entry, SnapshotFormat.Flags) & SnapshotFormat.KindMask;
            if (kind > SnapshotFormat.KindRaw || (uint)Field(entry, SnapshotFormat.Key) >= (uint)strings)
            {
                return false;
            }

            for (int field = SnapshotFormat.Name; field <= SnapshotFormat.CompilerHash; field++)
            {
                if (Field(entry, field) < -1 || Field(entry, field) >= strings)
                {
                    return false;
                }
            }

            if (!Optional(Field(entry, SnapshotFormat.Variants), _lists.Count) || !Optional(Field(entry, SnapshotFormat.Dependencies), _edgeLists.Count)
                || !Optional(Field(entry, SnapshotFormat.RawRecord), _raw.Count) || !Needed(entry, kind))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Optional(int id, int count) => id >= -1 && id < count;

    // What each kind of entry reads must be there.
    private bool Needed(int entry, int kind)
    {
        int flags = Field(entry, SnapshotFormat.Flags);
        return kind switch
        {
            SnapshotFormat.KindRaw => Field(entry, SnapshotFormat.RawRecord) >= 0,
            SnapshotFormat.KindQuick => Field(entry, SnapshotFormat.Name) >= 0 && Field(entry, SnapshotFormat.Version) >= 0
                && ((flags & SnapshotFormat.WholeFailed) != 0
                    ? Field(entry, SnapshotFormat.Problem) >= 0
                    : Field(entry, SnapshotFormat.Variants) >= 0 && Field(entry, SnapshotFormat.Dependencies) >= 0),
            _ => true,
        };
    }

    private static bool Int(byte[] bytes, ref int at, out int value)
    {
        value = 0;
        if (bytes.Length - at < 4)
        {
            return false;
        }

        value = BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(bytes, at, 4));
        at += 4;
        return true;
    }

    private static SnapshotFile? Corrupt(out string? problem)
    {
        problem = "its tables are not whole";
        return null;
    }

    // A table: count, offsets[count + 1] (rising, from 0), then the items (bytes, or int32 ids).
    private readonly struct Table
    {
        private readonly int _offsets;

        private Table(int count, int offsets, int data, int itemCount)
        {
            Count = count;
            _offsets = offsets;
            Data = data;
            ItemCount = itemCount;
        }

        public int Count { get; }

        public int Data { get; }

        public int ItemCount { get; }

        public static bool Read(byte[] bytes, ref int at, bool byteItems, out Table table)
        {
            table = default;
            if (!Int(bytes, ref at, out int count) || count < 0 || (long)(count + 1) * 4 > bytes.Length - at)
            {
                return false;
            }

            int offsets = at, previous = 0;
            for (int i = 0; i <= count; i++)
            {
                int offset = BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(bytes, offsets + i * 4, 4));
                if ((i == 0 && offset != 0) || offset < previous)
                {
                    return false;
                }

                previous = offset;
            }

            at += (count + 1) * 4;
            long size = byteItems ? previous : (long)previous * 4;
            if (size > bytes.Length - at)
            {
                return false;
            }

            table = new Table(count, offsets, at, previous);
            at += (int)size;
            return true;
        }

        public (int Start, int End) Range(SnapshotFile file, int id) => (file.At(_offsets + id * 4), file.At(_offsets + (id + 1) * 4));

        public int Item(SnapshotFile file, int index) => file.At(Data + index * 4);
    }
}
