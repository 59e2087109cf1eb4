using System;
using System.Runtime.CompilerServices;
using CacheMeta.Text;

namespace CacheMeta.Index;

/// <summary>
/// Finds, straight from the bytes, the edges of a dependency list in the one shape Spack (database 7 and 8, spec v4
/// and v5) and the bench's generator write:
/// <c>[{"name":"…","hash":"…","parameters":{"deptypes":["build",…],"virtuals":["c",…]}},…]</c>, compact, keys in that
/// order and no others, strings of printable ASCII without backslashes, types among build, link, run and test.
/// <para>The list is most of a record's bytes (ten edges a record), and tokenising each edge with
/// <see cref="System.Text.Json.Utf8JsonReader"/> was most of a record's parse. Anything that is not that exact shape
/// (a blank, an escape, another key or key order, <c>direct</c>, a number, non-ASCII text, truncated text) answers
/// "not canonical" and the caller reads the list as before, from its start: the scan only notes where the values are
/// and decodes nothing, so giving up leaves nothing behind. An accepted list is JSON the reader would accept with no
/// line break in it, which is what lets the reader be moved past it (<see cref="JsonReaderFastForward"/>).</para>
/// Not thread-safe: one per index read.
/// </summary>
internal sealed class EdgeListScanner
{
    /// <summary>Where one edge's values lie in the scanned bytes; the virtuals run from their '[' to their ']'.</summary>
    public struct Edge
    {
        public int NameStart, NameLength, HashStart, HashLength, VirtualsStart, VirtualsLength;
        public DependencyTypes Types;
    }

    private Edge[] _edges = new Edge[16];

    /// <summary>The edges of the last accepted list, in list order.</summary>
    public int Count { get; private set; }

    public ref readonly Edge this[int index] => ref _edges[index];

    /// <summary>
    /// Scans the list whose '[' is at <paramref name="start"/>; returns the index just past its ']', or -1 when the
    /// list is empty or not in the canonical shape (then <see cref="Count"/> means nothing).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public int Scan(ReadOnlySpan<byte> json, int start)
    {
        Count = 0;
        int i = start + 1; // past '['
        while (true)
        {
            var edge = new Edge();
            if (!Literal(json, ref i, "{\"name\":\""u8) || !Text(json, ref i, out edge.NameStart, out edge.NameLength)
                || !Literal(json, ref i, ",\"hash\":\""u8) || !Text(json, ref i, out edge.HashStart, out edge.HashLength)
                || !Literal(json, ref i, ",\"parameters\":{\"deptypes\":["u8) || !Types(json, ref i, out edge.Types)
                || !Literal(json, ref i, ",\"virtuals\":"u8))
            {
                return -1;
            }

            edge.VirtualsStart = i;
            if (!Virtuals(json, ref i))
            {
                return -1;
            }

            edge.VirtualsLength = i - edge.VirtualsStart;
            if (!Literal(json, ref i, "}}"u8))
            {
                return -1;
            }

            Add(edge);
            if (i >= json.Length)
            {
                return -1;
            }

            byte next = json[i++];
            if (next == (byte)']')
            {
                return i;
            }

            if (next != (byte)',')
            {
                return -1;
            }
        }
    }

    private void Add(in Edge edge)
    {
        if (Count == _edges.Length)
        {
            Array.Resize(ref _edges, _edges.Length * 2);
        }

        _edges[Count++] = edge;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Literal(ReadOnlySpan<byte> json, ref int i, ReadOnlySpan<byte> literal)
    {
        if (!json.Slice(i).StartsWith(literal))
        {
            return false;
        }

        i += literal.Length;
        return true;
    }

    // A string's content from i (past its opening quote) to its closing quote, which i ends past. Printable ASCII
    // only: no escape to decode, no control byte the reader would reject, no text whose decoding could fail.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Text(ReadOnlySpan<byte> json, ref int i, out int start, out int length)
    {
        start = i;
        length = 0;
        for (; i < json.Length; i++)
        {
            byte b = json[i];
            if (b == (byte)'"')
            {
                length = i - start;
                i++;
                return true;
            }

            if (b < 0x20 || b > 0x7E || b == (byte)'\\')
            {
                return false;
            }
        }

        return false;
    }

    // The deptypes' strings and closing ']', i past the opening '['.
    private static bool Types(ReadOnlySpan<byte> json, ref int i, out DependencyTypes types)
    {
        types = DependencyTypes.None;
        if (i < json.Length && json[i] == (byte)']')
        {
            i++;
            return true;
        }

        while (true)
        {
            var rest = json.Slice(i);
            if (rest.StartsWith("\"build\""u8))
            {
                types |= DependencyTypes.Build;
                i += 7;
            }
            else if (rest.StartsWith("\"link\""u8))
            {
                types |= DependencyTypes.Link;
                i += 6;
            }
            else if (rest.StartsWith("\"run\""u8))
            {
                types |= DependencyTypes.Run;
                i += 5;
            }
            else if (rest.StartsWith("\"test\""u8))
            {
                types |= DependencyTypes.Test;
                i += 6;
            }
            else
            {
                return false;
            }

            if (i >= json.Length)
            {
                return false;
            }

            byte next = json[i++];
            if (next == (byte)']')
            {
                return true;
            }

            if (next != (byte)',')
            {
                return false;
            }
        }
    }

    // A list of strings, '[' to ']', which i ends past.
    private static bool Virtuals(ReadOnlySpan<byte> json, ref int i)
    {
        if (!Literal(json, ref i, "["u8))
        {
            return false;
        }

        if (i < json.Length && json[i] == (byte)']')
        {
            i++;
            return true;
        }

        while (true)
        {
            if (!Literal(json, ref i, "\""u8) || !Text(json, ref i, out _, out _) || i >= json.Length)
            {
                return false;
            }

            byte next = json[i++];
            if (next == (byte)']')
            {
                return true;
            }

            if (next != (byte)',')
            {
                return false;
            }
        }
    }
}
