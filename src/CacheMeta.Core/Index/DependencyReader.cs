using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CacheMeta.Text;

namespace CacheMeta.Index;

/// <summary>
/// Reads a spec node's <c>dependencies</c> into <see cref="DependencyEdge"/>s, in every shape Spack has written:
/// <c>{name: {hash, type}}</c> (spec v1), <c>[{name, hash, type}]</c> (v2-v3) and
/// <c>[{name, hash, parameters: {deptypes, virtuals}}]</c> (v4+, database 7 on).
/// <para>Edges repeat: every spec built with one gcc has the same edge to it, and a few hundred link the same
/// gcc-runtime. Hashes are shared strings (<see cref="HashPool"/>), virtual lists are decoded once per distinct
/// bytes, and an edge whose name, hash, types and virtuals were all seen before is the earlier instance, so a
/// graph of a whole index holds each distinct edge once.</para>
/// Not thread-safe: one per index read.
/// </summary>
internal sealed class DependencyReader
{
    private static readonly IReadOnlyList<DependencyEdge> NoEdges = Array.Empty<DependencyEdge>();
    private static readonly IReadOnlyList<string> NoVirtuals = Array.Empty<string>();

    private readonly NodeValueReader _values;
    private readonly HashPool _hashes;
    private readonly Utf8Pool<IReadOnlyList<string>> _virtuals = new();
    private readonly Dictionary<EdgeKey, DependencyEdge> _edges = new();
    private readonly List<DependencyEdge> _read = new();
    private readonly List<string> _names = new();
    private readonly int _maxEdges;

    /// <param name="values">Decodes and shares the package names.</param>
    /// <param name="maxShared">How many distinct hashes and edges are shared before the pools start over (a plain
    /// read stays bounded on hostile input); <see cref="int.MaxValue"/> for a graph, which keeps them all anyway.</param>
    public DependencyReader(NodeValueReader values, int maxShared)
    {
        _values = values;
        _hashes = new HashPool(maxShared);
        _maxEdges = maxShared;
    }

    /// <summary>The shared instance of a hash (a record key), so that edges and records hold one string per hash.</summary>
    public string Hash(string hash) => _hashes.Intern(hash);

    /// <summary>Reads the <c>dependencies</c> value the reader is on; null, or why it is malformed.</summary>
    [MethodImpl(Jit.Optimized)]
    public string? Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, out IReadOnlyList<DependencyEdge> edges)
    {
        edges = NoEdges;
        _read.Clear();
        string? problem;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartObject:
                problem = ReadKeyed(ref reader, json);
                break;
            case JsonTokenType.StartArray:
                problem = ReadList(ref reader, json);
                break;
            default:
                return "'dependencies' is not a list or an object";
        }

        if (problem is null && _read.Count > 0)
        {
            edges = _read.ToArray();
        }

        return problem;
    }

    // Spec v1: {"zlib": {"hash": ..., "type": [...]}}.
    private string? ReadKeyed(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = _values.Pooled(ref reader);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return "'dependencies' holds an entry that is not an object";
            }

            string? problem = ReadEdge(ref reader, json, name);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    // Spec v2 and later: [{"name": ..., "hash": ..., "type": [...]} or {..., "parameters": {"deptypes", "virtuals"}}].
    private string? ReadList(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? problem = ReadEdge(ref reader, json, name: null);
            if (problem is not null)
            {
                return problem;
            }
        }

        return reader.TokenType == JsonTokenType.EndArray ? null : "'dependencies' holds an entry that is not an object";
    }

    // One edge object; the reader ends on its closing brace.
    [MethodImpl(Jit.Optimized)]
    private string? ReadEdge(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string? name)
    {
        string? hash = null;
        var types = DependencyTypes.None;
        var virtuals = NoVirtuals;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("hash"u8))
            {
                reader.Read();
                hash = reader.TokenType == JsonTokenType.String ? HashText(ref reader) : null;
                if (hash is null)
                {
                    return "a dependency's 'hash' is not a string";
                }
            }
            else if (reader.ValueTextEquals("name"u8) && name is null)
            {
                reader.Read();
                name = reader.TokenType == JsonTokenType.String ? _values.Pooled(ref reader) : null;
                if (name is null)
                {
                    return "a dependency's 'name' is not a string";
                }
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                types |= Types(ref reader);
            }
            else if (reader.ValueTextEquals("parameters"u8))
            {
                reader.Read();
                Parameters(ref reader, json, ref types, ref virtuals);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (name is null || hash is null)
        {
            return name is null ? "a dependency has no 'name'" : $"the dependency '{name}' has no 'hash'";
        }

        _read.Add(Shared(name, hash, types, virtuals));
        return null;
    }

    // {"deptypes": [...], "virtuals": [...], "direct": ...}: anything else in it is passed over.
    private void Parameters(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref DependencyTypes types, ref IReadOnlyList<string> virtuals)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("deptypes"u8))
            {
                reader.Read();
                types |= Types(ref reader);
            }
            else if (reader.ValueTextEquals("virtuals"u8))
            {
                reader.Read();
                virtuals = Virtuals(ref reader, json);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    // ["build", "link"] (or one string); names Spack may add later are passed over.
    private static DependencyTypes Types(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return TypeOf(ref reader);
        }

        var types = DependencyTypes.None;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return types;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                types |= TypeOf(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return types;
    }

    private static DependencyTypes TypeOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("build"u8) ? DependencyTypes.Build
        : reader.ValueTextEquals("link"u8) ? DependencyTypes.Link
        : reader.ValueTextEquals("run"u8) ? DependencyTypes.Run
        : reader.ValueTextEquals("test"u8) ? DependencyTypes.Test
        : DependencyTypes.None;

    // A list of virtual names, decoded once per distinct raw bytes; strings in it that are not names are passed over.
    private IReadOnlyList<string> Virtuals(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return NoVirtuals;
        }

        int start = (int)reader.TokenStartIndex;
        var probe = reader;
        probe.Skip();
        var raw = json.Slice(start, (int)probe.BytesConsumed - start);
        if (_virtuals.TryGet(raw, out var known, out int key))
        {
            reader = probe;
            return known;
        }

        _names.Clear();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                _names.Add(_values.Pooled(ref reader));
            }
            else
            {
                reader.Skip();
            }
        }

        IReadOnlyList<string> list = _names.Count == 0 ? NoVirtuals : Array.AsReadOnly(_names.ToArray());
        _virtuals.Add(raw, key, list);
        return list;
    }

    /// <summary>
    /// A database 8 node's compiler among its edges: the node reached by a <c>build</c> edge whose virtuals include
    /// <c>c</c>, <c>cxx</c> or <c>fortran</c>, preferred in that order when they differ (the C compiler is the one a
    /// spec is usually said to be built with), the first such edge when several tie. Null when there is none.
    /// </summary>
    public static string? CompilerHash(IReadOnlyList<DependencyEdge> edges)
    {
        string? best = null;
        int bestRank = int.MaxValue;
        foreach (var edge in edges)
        {
            if ((edge.Types & DependencyTypes.Build) == 0)
            {
                continue;
            }

            foreach (string provided in edge.Virtuals)
            {
                int rank = provided switch { "c" => 0, "cxx" => 1, "fortran" => 2, _ => int.MaxValue };
                if (rank < bestRank)
                {
                    bestRank = rank;
                    best = edge.Hash;
                }
            }
        }

        return best;
    }

    private string HashText(ref Utf8JsonReader reader) =>
        (reader.ValueIsEscaped ? null : _hashes.Get(reader.ValueSpan)) ?? _values.Pooled(ref reader);

    private DependencyEdge Shared(string name, string hash, DependencyTypes types, IReadOnlyList<string> virtuals)
    {
        var key = new EdgeKey(name, hash, types, virtuals);
        if (!_edges.TryGetValue(key, out var edge))
        {
            if (_edges.Count >= _maxEdges)
            {
                _edges.Clear();
            }

            edge = new DependencyEdge(name, hash, types, virtuals);
            _edges.Add(key, edge);
        }

        return edge;
    }

    // Names, hashes and virtual lists are shared instances, so an edge is identified by reference.
    private readonly struct EdgeKey : IEquatable<EdgeKey>
    {
        private readonly string _name;
        private readonly string _hash;
        private readonly DependencyTypes _types;
        private readonly IReadOnlyList<string> _virtuals;

        public EdgeKey(string name, string hash, DependencyTypes types, IReadOnlyList<string> virtuals)
        {
            _name = name;
            _hash = hash;
            _types = types;
            _virtuals = virtuals;
        }

        public bool Equals(EdgeKey other) =>
            ReferenceEquals(_hash, other._hash) && _types == other._types && ReferenceEquals(_virtuals, other._virtuals)
            && ReferenceEquals(_name, other._name);

        public override bool Equals(object? obj) => obj is EdgeKey other && Equals(other);

        public override int GetHashCode() =>
            (RuntimeHelpers.GetHashCode(_hash) * 31 + (int)_types) * 31 + RuntimeHelpers.GetHashCode(_virtuals);
    }
}
