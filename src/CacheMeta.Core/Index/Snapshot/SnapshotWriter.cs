using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;

namespace CacheMeta.Index.Snapshot;

/// <summary>
/// Collects an index's records, as the JSON reading read them, into the tables of a snapshot
/// (<see cref="SnapshotFormat"/>): each distinct string once, each shared list and edge once (the parser shares them),
/// one fixed-size entry per record.
/// </summary>
internal sealed class SnapshotWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);
    private readonly List<string> _stringValues = new();
    private readonly Dictionary<object, int> _lists = new(SameInstance.Comparer);
    private readonly List<IReadOnlyList<string>> _listValues = new();
    private readonly Dictionary<object, int> _edges = new(SameInstance.Comparer);
    private readonly List<DependencyEdge> _edgeValues = new();
    private readonly List<int> _edgeListOffsets = new() { 0 };
    private readonly List<int> _edgeListIds = new();
    private readonly MemoryStream _raw = new();
    private readonly List<int> _rawOffsets = new() { 0 };
    private readonly List<int> _entries = new();

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
        _raw.Write(json.ToArray(), 0, json.Length);
        _rawOffsets.Add(checked((int)_raw.Length));
        Add(key, SnapshotFormat.KindRaw, null, null, null, null, _rawOffsets.Count - 2);
    }

    /// <summary>The whole file: header and payload.</summary>
    public byte[] ToArray(byte[] sha256)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            WriteStrings(writer);
            WriteLists(writer);
            writer.Write(_edgeValues.Count);
            foreach (var edge in _edgeValues)
            {
                writer.Write(String(edge.Name));
                writer.Write(String(edge.Hash));
                writer.Write((int)edge.Types);
                writer.Write(List(edge.Virtuals));
            }

            WriteTable(writer, _edgeListOffsets, _edgeListIds);
            writer.Write(_rawOffsets.Count - 1);
            Write(writer, _rawOffsets);
            writer.Write(_raw.GetBuffer(), 0, (int)_raw.Length);
            Write(writer, _entries);
        }

        // The tables above only ever add strings and lists written before them (edges add names, hashes and virtuals
        // to tables already written): checked here rather than trusted.
        if (_stringValues.Count != _writtenStrings || _listValues.Count != _writtenLists)
        {
            throw new InvalidOperationException("The snapshot's tables grew while they were written.");
        }

        var body = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        var file = new byte[SnapshotFormat.HeaderBytes + body.Length];
        body.CopyTo(file.AsSpan(SnapshotFormat.HeaderBytes));
        SnapshotFormat.WriteHeader(file, DatabaseVersion, sha256, Count, body);
        return file;
    }

    private int _writtenStrings = -1, _writtenLists = -1;

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
        _entries.Add(String(whole?.CompilerHash));
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
            id = _stringValues.Count;
            _strings.Add(value, id);
            _stringValues.Add(value);
        }

        return id;
    }

    private int List(IReadOnlyList<string> list)
    {
        if (!_lists.TryGetValue(list, out int id))
        {
            id = _listValues.Count;
            _lists.Add(list, id);
            _listValues.Add(list);
            foreach (string value in list)
            {
                String(value);
            }
        }

        return id;
    }

    private int Edges(IReadOnlyList<DependencyEdge> edges)
    {
        foreach (var edge in edges)
        {
            if (!_edges.TryGetValue(edge, out int id))
            {
                id = _edgeValues.Count;
                _edges.Add(edge, id);
                _edgeValues.Add(edge);
                String(edge.Name);
                String(edge.Hash);
                List(edge.Virtuals);
            }

            _edgeListIds.Add(id);
        }

        _edgeListOffsets.Add(_edgeListIds.Count);
        return _edgeListOffsets.Count - 2;
    }

    private void WriteStrings(BinaryWriter writer)
    {
        _writtenStrings = _stringValues.Count;
        var bytes = new MemoryStream();
        var offsets = new List<int>(_stringValues.Count + 1) { 0 };
        foreach (string value in _stringValues)
        {
            byte[] text;
            try
            {
                text = StrictUtf8.GetBytes(value);
                bytes.WriteByte(0);
            }
            catch (EncoderFallbackException)
            {
                text = Encoding.Unicode.GetBytes(value); // a lone surrogate (from a \ud800 escape) has no UTF-8 form
                bytes.WriteByte(1);
            }

            bytes.Write(text, 0, text.Length);
            offsets.Add(checked((int)bytes.Length));
        }

        writer.Write(_stringValues.Count);
        Write(writer, offsets);
        writer.Write(bytes.GetBuffer(), 0, (int)bytes.Length);
    }

    private void WriteLists(BinaryWriter writer)
    {
        _writtenLists = _listValues.Count;
        var offsets = new List<int>(_listValues.Count + 1) { 0 };
        var ids = new List<int>();
        foreach (var list in _listValues)
        {
            foreach (string value in list)
            {
                ids.Add(_strings[value]);
            }

            offsets.Add(ids.Count);
        }

        WriteTable(writer, offsets, ids);
    }

    private static void WriteTable(BinaryWriter writer, List<int> offsets, List<int> ids)
    {
        writer.Write(offsets.Count - 1);
        Write(writer, offsets);
        Write(writer, ids);
    }

    private static void Write(BinaryWriter writer, List<int> values)
    {
        foreach (int value in values)
        {
            writer.Write(value);
        }
    }

    // Lists and edges are shared instances: the same instance is the same value (and cheaper to look up than content).
    private sealed class SameInstance : IEqualityComparer<object>
    {
        public static readonly SameInstance Comparer = new();

        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

        public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
