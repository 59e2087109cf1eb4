using System;
using System.Collections.Generic;
using System.Text.Json;
using CacheMeta.Text;

namespace CacheMeta.Index;

/// <summary>
/// An edge's <c>virtuals</c> (<c>["c", "cxx"]</c>), decoded once per distinct raw bytes and shared afterwards: the same
/// few lists recur on every edge to a compiler or an MPI, so edges that are otherwise equal stay equal by
/// reference (<see cref="EdgePool"/> compares virtuals by reference). A tokenised list and a scanned one with the same
/// bytes are the same instance. Not thread-safe: one per index read.
/// </summary>
internal sealed class VirtualsReader
{
    private static readonly IReadOnlyList<string> NoVirtuals = ValueList.None; // ValueLists: edges keep them as they are

    private readonly NodeValueReader _values;
    private readonly Utf8Pool<IReadOnlyList<string>> _lists = new();
    private readonly List<string> _names = new();

    public VirtualsReader(NodeValueReader values) => _values = values;

    /// <summary>The list the reader is on, which it ends on; strings in it that are not names are passed over.</summary>
    public IReadOnlyList<string> Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
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
        if (_lists.TryGet(raw, out var known, out int key))
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

        return Remember(raw, key);
    }

    /// <summary>A list <see cref="EdgeListScanner"/> accepted, <c>["c","cxx"]</c>: strings only, none escaped.</summary>
    public IReadOnlyList<string> Scanned(ReadOnlySpan<byte> raw)
    {
        if (_lists.TryGet(raw, out var known, out int key))
        {
            return known;
        }

        _names.Clear();
        for (int i = 1; i < raw.Length - 1;)
        {
            int length = raw.Slice(i + 1).IndexOf((byte)'"');
            _names.Add(_values.Pooled(raw.Slice(i + 1, length)));
            i += length + 3; // the quotes and the ',' or ']' after
        }

        return Remember(raw, key);
    }

    private IReadOnlyList<string> Remember(ReadOnlySpan<byte> raw, int key)
    {
        IReadOnlyList<string> list = _names.Count == 0 ? NoVirtuals : new ValueList(_names.ToArray());
        _lists.Add(raw, key, list);
        return list;
    }
}
