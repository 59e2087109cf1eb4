using System;
using System.Collections.Generic;
using System.Text;

namespace CacheMeta.Tests.Fuzzing;

/// <summary>
/// Mutates well-formed inputs into malformed ones the way real damage and hostile edits look: byte flips,
/// truncations, splices of two inputs, duplicated and deleted lines, swapped JSON value types, injected
/// structure and repeated chunks. Deterministic for a seed, so a failure can be replayed.
/// </summary>
internal sealed class Mutator
{
    private static readonly byte[][] Tokens =
    {
        "\""u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), ":"u8.ToArray(),
        ","u8.ToArray(), "null"u8.ToArray(), "true"u8.ToArray(), "-1"u8.ToArray(), "1e999"u8.ToArray(),
        "\\u0000"u8.ToArray(), "\\ud800"u8.ToArray(), "&a"u8.ToArray(), "*a"u8.ToArray(), "!!python/object"u8.ToArray(),
        "\n---\n"u8.ToArray(), "\r"u8.ToArray(), "\t"u8.ToArray(), new byte[] { 0 }, new byte[] { 0xFF }, new byte[] { 0xC3 },
        "\"-\""u8.ToArray(), "\"root\""u8.ToArray(), "[[[[[[[[[[[[[[[["u8.ToArray(), "# comment"u8.ToArray(),
    };

    private readonly Random _random;

    public Mutator(int seed) => _random = new Random(seed);

    public string LastOperation { get; private set; } = "";

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> others)
    {
        byte[] data = input;
        int rounds = 1 + _random.Next(3);
        var ops = new StringBuilder();
        for (int i = 0; i < rounds; i++)
        {
            int op = _random.Next(9);
            ops.Append(op).Append(' ');
            data = op switch
            {
                0 => FlipBytes(data),
                1 => Truncate(data),
                2 => Splice(data, others[_random.Next(others.Count)]),
                3 => DuplicateLine(data),
                4 => DeleteLine(data),
                5 => SwapJsonType(data),
                6 => Insert(data, Tokens[_random.Next(Tokens.Length)]),
                7 => RepeatChunk(data),
                _ => Insert(data, RandomBytes(1 + _random.Next(8))),
            };
        }

        LastOperation = ops.ToString().Trim();
        return data;
    }

    private byte[] FlipBytes(byte[] data)
    {
        if (data.Length == 0)
        {
            return data;
        }

        var copy = (byte[])data.Clone();
        int flips = 1 + _random.Next(8);
        for (int i = 0; i < flips; i++)
        {
            copy[_random.Next(copy.Length)] ^= (byte)(1 << _random.Next(8));
        }

        return copy;
    }

    private byte[] Truncate(byte[] data) => data.Length == 0 ? data : data.AsSpan(0, _random.Next(data.Length)).ToArray();

    private byte[] Splice(byte[] a, byte[] b)
    {
        int cutA = _random.Next(a.Length + 1), cutB = _random.Next(b.Length + 1);
        return Concat(a.AsSpan(0, cutA), b.AsSpan(cutB));
    }

    private byte[] DuplicateLine(byte[] data)
    {
        var lines = Lines(data);
        if (lines.Count == 0)
        {
            return data;
        }

        var (start, end) = lines[_random.Next(lines.Count)];
        return Concat(data.AsSpan(0, end), data.AsSpan(start));
    }

    private byte[] DeleteLine(byte[] data)
    {
        var lines = Lines(data);
        if (lines.Count == 0)
        {
            return data;
        }

        var (start, end) = lines[_random.Next(lines.Count)];
        return Concat(data.AsSpan(0, start), data.AsSpan(end));
    }

    // Replaces a JSON string, number or list with a value of another type: the "num_specs": "61" family of faults.
    private byte[] SwapJsonType(byte[] data)
    {
        int at = data.Length == 0 ? -1 : Array.IndexOf(data, (byte)':', _random.Next(data.Length));
        if (at < 0 || at + 2 >= data.Length)
        {
            return data;
        }

        int start = at + 2, end = start;
        byte first = data[start];
        byte close = first switch { (byte)'"' => (byte)'"', (byte)'[' => (byte)']', (byte)'{' => (byte)'}', _ => (byte)',' };
        end = Array.IndexOf(data, close, start + 1);
        if (end < 0)
        {
            return data;
        }

        if (close != (byte)',')
        {
            end++;
        }

        byte[][] replacements = { "\"61\""u8.ToArray(), "61"u8.ToArray(), "null"u8.ToArray(), "[\"x\"]"u8.ToArray(), "{\"k\": 1}"u8.ToArray(), "\"\""u8.ToArray() };
        return Concat(data.AsSpan(0, start), replacements[_random.Next(replacements.Length)], data.AsSpan(end));
    }

    private byte[] Insert(byte[] data, byte[] token)
    {
        int at = _random.Next(data.Length + 1);
        return Concat(data.AsSpan(0, at), token, data.AsSpan(at));
    }

    private byte[] RepeatChunk(byte[] data)
    {
        if (data.Length < 2)
        {
            return data;
        }

        int start = _random.Next(data.Length - 1);
        int length = 1 + _random.Next(Math.Min(64, data.Length - start));
        int times = 2 + _random.Next(200);
        var result = new List<byte>(data.Length + length * times);
        result.AddRange(data.AsSpan(0, start).ToArray());
        for (int i = 0; i < times; i++)
        {
            result.AddRange(data.AsSpan(start, length).ToArray());
        }

        result.AddRange(data.AsSpan(start).ToArray());
        return result.ToArray();
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static List<(int Start, int End)> Lines(byte[] data)
    {
        var lines = new List<(int, int)>();
        int start = 0;
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] == '\n')
            {
                lines.Add((start, i + 1));
                start = i + 1;
            }
        }

        if (start < data.Length)
        {
            lines.Add((start, data.Length));
        }

        return lines;
    }

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c = default)
    {
        var result = new byte[a.Length + b.Length + c.Length];
        a.CopyTo(result);
        b.CopyTo(result.AsSpan(a.Length));
        c.CopyTo(result.AsSpan(a.Length + b.Length));
        return result;
    }
}
