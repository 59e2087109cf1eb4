using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using CacheMeta.Text;

namespace CacheMeta.Index.Snapshot;

/// <summary>
/// Collects an index's records, as the JSON reading read them, into the tables of a snapshot
/// (<see cref="SnapshotFormat"/>): each distinct string, list and edge once,
/// one fixed-size entry per record. Every table is laid out as it grows, so writing the file is a few copies.
/// </summary>
internal sealed class SnapshotWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);
    private readonly MemoryStream _stringBytes = new();
    private readonly IntBuffer _stringOffsets = new(0);
    private readonly Dictionary<object, int> _lists = new(SameInstance.Comparer);
    private readonly IntBuffer _listOffsets = new(0), _listIds = new();
    // Edges by value, not by instance: keeping every edge instance alive until the end made the first read's peak
    // working set three times that of any other read.
    private readonly Dictionary<(int Name, int Hash, int Types, int Virtuals), int> _edgeValues = new();
    private readonly IntBuffer _edgeFields = new();
    private readonly IntBuffer _edgeListOffsets = new(0), _edgeListIds = new();
    private readonly MemoryStream _raw = new();
    private readonly IntBuffer _rawOffsets = new(0);
    private readonly IntBuffer _entries = new();
    private readonly HashSet<int> _compilers = new();

    public SnapshotWriter(int databaseVersion) => DatabaseVersion = databaseVersion;

    public int DatabaseVersion { get; }

    /// <summary>How many entries there are.</summary>
    public int Count => _entries.Count / SnapshotFormat.EntryFields;

    /// <summary>A key read past without its record (not a hash).</summary>
    public void KeyOnly(string key) => Add(key, SnapshotFormat.KindKeyOnly, null, null, null, null, -1);

    /// <summary>
    /// A record the quick reading takes: the name and version it reads, and what the whole reading gave
    /// (<paramref name="problem"/> null and <paramref name="whole"/> filled, or why the record is malformed).
    /// </summary>
    public void Quick(string key, string name, string version, bool quickInBuildcache, string? problem, IndexRecord whole)
    {
        int flags = SnapshotFormat.KindQuick | (quickInBuildcache ? SnapshotFormat.QuickInBuildcache : 0);
        if (problem is not null)
        {
            Add(key, flags | SnapshotFormat.WholeFailed, name, version, problem, null, -1);
            return;
        }

        flags |= (whole.InBuildcache ? SnapshotFormat.WholeInBuildcache : 0) | (whole.External ? SnapshotFormat.WholeExternal : 0)
            | (whole.Complete ? SnapshotFormat.WholeComplete : 0);
        Add(key, flags, name, version, null, whole, -1);
    }

    /// <summary>A record kept as its JSON text.</summary>
    public void Raw(string key, ReadOnlySpan<byte> json)
    {
        byte[] text = json.ToArray();
        _raw.Write(text, 0, text.Length);
        _rawOffsets.Add(checked((int)_raw.Length));
        Add(key, SnapshotFormat.KindRaw, null, null, null, null, _rawOffsets.Count - 2);
    }

    /// <summary>The whole file: header and payload.</summary>
    public byte[] ToArray(byte[] sha256)
    {
        MarkPassable();
        long length = SnapshotFormat.HeaderBytes + Table(_stringOffsets, _stringBytes.Length) + Table(_listOffsets, _listIds.Count * 4L)
            + 4 + _edgeFields.Count * 4L + Table(_edgeListOffsets, _edgeListIds.Count * 4L) + Table(_rawOffsets, _raw.Length) + _entries.Count * 4L;
        var file = new byte[checked((int)length)];
        int at = SnapshotFormat.HeaderBytes;
        WriteTable(file, ref at, _stringOffsets, _stringBytes);
        WriteTable(file, ref at, _listOffsets, _listIds);
        Write(file, ref at, _edgeFields.Count / 4);
        _edgeFields.CopyTo(file, ref at);
        WriteTable(file, ref at, _edgeListOffsets, _edgeListIds);
        WriteTable(file, ref at, _rawOffsets, _raw);
        _entries.CopyTo(file, ref at);
        SnapshotFormat.WriteHeader(file, DatabaseVersion, sha256, Count);
        return file;
    }

    // A table's size: its count, its offsets, its items.
    private static long Table(IntBuffer offsets, long items) => 4 + offsets.Count * 4L + items;

    private static void WriteTable(byte[] file, ref int at, IntBuffer offsets, IntBuffer ids)
    {
        Write(file, ref at, offsets.Count - 1);
        offsets.CopyTo(file, ref at);
        ids.CopyTo(file, ref at);
    }

    private static void WriteTable(byte[] file, ref int at, IntBuffer offsets, MemoryStream bytes)
    {
        Write(file, ref at, offsets.Count - 1);
        offsets.CopyTo(file, ref at);
        Buffer.BlockCopy(bytes.GetBuffer(), 0, file, at, (int)bytes.Length);
        at += (int)bytes.Length;
    }

    private static void Write(byte[] file, ref int at, int value)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(at), value);
        at += 4;
    }

    // Which quick records no record names as its compiler; none when a record kept as text might.
    private void MarkPassable()
    {
        if (_rawOffsets.Count > 1)
        {
            return;
        }

        for (int at = 0; at < _entries.Count; at += SnapshotFormat.EntryFields)
        {
            int flags = _entries[at + SnapshotFormat.Flags];
            if ((flags & SnapshotFormat.KindMask) == SnapshotFormat.KindQuick && !_compilers.Contains(_entries[at + SnapshotFormat.Key]))
            {
                _entries[at + SnapshotFormat.Flags] = flags | SnapshotFormat.NobodysCompiler;
            }
        }
    }

    [MethodImpl(Jit.Optimized)]
    private void Add(string key, int flags, string? name, string? version, string? problem, IndexRecord? whole, int raw)
    {
        _entries.Add(String(key));
        _entries.Add(flags);
        _entries.Add(String(name));
        _entries.Add(String(version));
        _entries.Add(String(problem));
        _entries.Add(String(whole?.Arch.Platform));
        _entries.Add(String(whole?.Arch.OS));
        _entries.Add(String(whole?.Arch.Target));
        _entries.Add(String(whole?.NodeCompiler));
        _entries.Add(String(whole?.AnnotatedCompiler));
        int compiler = String(whole?.CompilerHash);
        _entries.Add(compiler);
        if (compiler >= 0)
        {
            _compilers.Add(compiler);
        }

        _entries.Add(whole is null ? -1 : List(whole.Variants));
        _entries.Add(whole is null ? -1 : Edges(whole.Dependencies));
        _entries.Add(raw);
    }

    private int String(string? value)
    {
        if (value is null)
        {
            return -1;
        }

        if (!_strings.TryGetValue(value, out int id))
        {
            id = _strings.Count;
            _strings.Add(value, id);
            byte[] text;
            try
            {
                text = StrictUtf8.GetBytes(value);
                _stringBytes.WriteByte(0);
            }
            catch (EncoderFallbackException)
            {
                text = Encoding.Unicode.GetBytes(value); // a lone surrogate has no UTF-8 form
                _stringBytes.WriteByte(1);
            }

            _stringBytes.Write(text, 0, text.Length);
            _stringOffsets.Add(checked((int)_stringBytes.Length));
        }

        return id;
    }

    private int List(IReadOnlyList<string> list)
    {
        if (!_lists.TryGetValue(list, out int id))
        {
            id = _lists.Count;
            _lists.Add(list, id);
            foreach (string value in list)
            {
                _listIds.Add(String(value));
            }

            _listOffsets.Add(_listIds.Count);
        }

        return id;
    }

    private int Edges(IReadOnlyList<DependencyEdge> edges)
    {
        foreach (var edge in edges)
        {
            var value = (String(edge.Name), String(edge.Hash), (int)edge.Types, List(edge.Virtuals));
            if (!_edgeValues.TryGetValue(value, out int id))
            {
                id = _edgeValues.Count;
                _edgeValues.Add(value, id);
                _edgeFields.Add(value.Item1);
                _edgeFields.Add(value.Item2);
                _edgeFields.Add(value.Item3);
                _edgeFields.Add(value.Item4);
            }

            _edgeListIds.Add(id);
        }

        _edgeListOffsets.Add(_edgeListIds.Count);
        return _edgeListOffsets.Count - 2;
    }

    // Lists and edges are shared instances: the same instance is the same value (and cheaper to look up than content).
    private sealed class SameInstance : IEqualityComparer<object>
    {
        public static readonly SameInstance Comparer = new();

        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

        public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
    }

    // A growing int array, copied out little-endian in one block (snapshots are read and written on little-endian machines only).
    private sealed class IntBuffer
    {
        private int[] _items = new int[1024];

        public IntBuffer(params int[] first)
        {
            foreach (int value in first)
            {
                Add(value);
            }
        }

        public int Count { get; private set; }

        public int this[int index]
        {
            get => _items[index];
            set => _items[index] = value;
        }

        public void Add(int value)
        {
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }

            _items[Count++] = value;
        }

        public void CopyTo(byte[] file, ref int at)
        {
            Buffer.BlockCopy(_items, 0, file, at, Count * 4);
            at += Count * 4;
        }
    }
}
