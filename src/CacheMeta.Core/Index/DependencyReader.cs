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
/// <para>Edges repeat: every spec built with one gcc has the same edge to it, and thousands link the same
/// gcc-runtime. Virtual lists are decoded once per distinct bytes, and an edge whose hash, name, types and virtuals
/// were all seen before is the earlier instance (<see cref="EdgePool"/>, which finds it from the raw bytes), so a
/// graph of a whole index holds each distinct edge and each hash string once.</para>
/// <para>A list in the canonical v4+ shape is read from its bytes (<see cref="EdgeListScanner"/>) and the reader moved
/// past it (<see cref="JsonReaderFastForward"/>); its edges go through the same pools, with the same bytes, as a list
/// the reader tokenises, so both ways read to the same edges, shared alike.</para>
/// Not thread-safe: one per index read.
/// </summary>
internal sealed class DependencyReader
{
    private static readonly IReadOnlyList<DependencyEdge> NoEdges = Array.Empty<DependencyEdge>();
    private static readonly IReadOnlyList<string> NoVirtuals = ValueList.None; // ValueLists: edges keep them as they are

    private readonly NodeValueReader _values;
    private readonly EdgePool _edges;
    private readonly VirtualsReader _virtuals;
    private readonly List<DependencyEdge> _read = new();
    private readonly EdgeListScanner? _scanner;
    private readonly JsonReaderFastForward _fastForward;

    /// <param name="values">Decodes and shares the package names.</param>
    /// <param name="keepAll">True for a graph, which keeps every edge anyway: all are shared (see <see cref="EdgePool"/>).</param>
    /// <param name="scan">False to tokenise every list (the tests compare both readings).</param>
    /// <param name="fastForward">The read's fast-forward (its parser's), else one of its own.</param>
    public DependencyReader(NodeValueReader values, bool keepAll, bool scan = true, JsonReaderFastForward? fastForward = null)
    {
        _values = values;
        _fastForward = fastForward ?? new JsonReaderFastForward();
        _virtuals = new VirtualsReader(values);
        _edges = new EdgePool(keepAll);
        _scanner = scan ? new EdgeListScanner() : null;
    }

    /// <summary>How many lists were read from their bytes rather than tokenised.</summary>
    public int ScannedLists { get; private set; }

    /// <summary>The shared instance of a hash (a record key), so that edges and records hold one string per hash.</summary>
    public string Hash(string hash) => _edges.Intern(hash);

    /// <summary>
    /// Reads the <c>dependencies</c> value the reader is on; null, or why it is malformed. A list read from its bytes
    /// leaves a reader rebuilt past it, and <paramref name="json"/> moved on to where that reader starts.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public string? Read(ref Utf8JsonReader reader, ref ReadOnlySpan<byte> json, out IReadOnlyList<DependencyEdge> edges)
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
                problem = TryScan(ref reader, ref json) ? null : ReadList(ref reader, json);
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
            bool escaped = reader.ValueIsEscaped;
            var name = escaped ? default : reader.ValueSpan;
            string? decoded = escaped ? _values.Pooled(ref reader) : null;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return "'dependencies' holds an entry that is not an object";
            }

            string? problem = ReadEdge(ref reader, json, name, decoded, named: true);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    // A canonical list from its bytes: each edge's virtuals, then the edge, as ReadEdge takes them (no escapes, so no
    // decoded name or hash); false, with nothing read, for any other list.
    [MethodImpl(Jit.Optimized)]
    private bool TryScan(ref Utf8JsonReader reader, ref ReadOnlySpan<byte> json)
    {
        // The reader must hold the whole record; and a list whose edges would reach the depth limit is left to the
        // reader, which reports it (a canonical edge's type lists lie four containers below the list's).
        if (_scanner is null || !reader.IsFinalBlock || reader.CurrentDepth + 5 >= reader.CurrentState.Options.MaxDepth)
        {
            return false;
        }

        int end = _scanner.Scan(json, (int)reader.TokenStartIndex);
        if (end < 0)
        {
            return false;
        }

        for (int i = 0; i < _scanner.Count; i++)
        {
            ref readonly var scanned = ref _scanner[i];
            var name = json.Slice(scanned.NameStart, scanned.NameLength);
            var hash = json.Slice(scanned.HashStart, scanned.HashLength);
            var virtuals = _virtuals.Scanned(json.Slice(scanned.VirtualsStart, scanned.VirtualsLength));
            var edge = _edges.Edge(hash, name, scanned.Types, virtuals, _values);
            _read.Add(edge ?? new DependencyEdge(_values.Pooled(name), _values.Pooled(hash), scanned.Types, virtuals));
        }

        _fastForward.PastArray(ref reader, ref json, end);
        ScannedLists++;
        return true;
    }

    // Spec v2 and later: [{"name": ..., "hash": ..., "type": [...]} or {..., "parameters": {"deptypes", "virtuals"}}].
    private string? ReadList(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? problem = ReadEdge(ref reader, json, default, null, named: false);
            if (problem is not null)
            {
                return problem;
            }
        }

        return reader.TokenType == JsonTokenType.EndArray ? null : "'dependencies' holds an entry that is not an object";
    }

    // One edge object; the reader ends on its closing brace. Name and hash stay raw bytes (when unescaped) until the
    // pool has looked them up: an edge seen before is never decoded.
    [MethodImpl(Jit.Optimized)]
    private string? ReadEdge(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ReadOnlySpan<byte> name, string? decodedName, bool named)
    {
        ReadOnlySpan<byte> hash = default;
        string? decodedHash = null;
        bool sawHash = false;
        var types = DependencyTypes.None;
        var virtuals = NoVirtuals;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("hash"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return "a dependency's 'hash' is not a string";
                }

                sawHash = true;
                if (reader.ValueIsEscaped)
                {
                    decodedHash = _values.Pooled(ref reader);
                }
                else
                {
                    hash = reader.ValueSpan;
                }
            }
            else if (reader.ValueTextEquals("name"u8) && !named)
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return "a dependency's 'name' is not a string";
                }

                named = true;
                if (reader.ValueIsEscaped)
                {
                    decodedName = _values.Pooled(ref reader);
                }
                else
                {
                    name = reader.ValueSpan;
                }
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                types |= DependencyTypeReader.Read(ref reader);
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

        if (!named || !sawHash)
        {
            return !named ? "a dependency has no 'name'" : $"the dependency '{decodedName ?? _values.Pooled(name)}' has no 'hash'";
        }

        var edge = decodedName is null && decodedHash is null ? _edges.Edge(hash, name, types, virtuals, _values) : null;
        _read.Add(edge ?? new DependencyEdge(decodedName ?? _values.Pooled(name), decodedHash ?? _values.Pooled(hash), types, virtuals));
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
                types |= DependencyTypeReader.Read(ref reader);
            }
            else if (reader.ValueTextEquals("virtuals"u8))
            {
                reader.Read();
                virtuals = _virtuals.Read(ref reader, json);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }
}
