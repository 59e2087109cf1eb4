using System;

namespace CacheMeta;

/// <summary>
/// A Spack DAG hash (32 characters of base32, <c>a-z</c> and <c>2-7</c>) in 24 bytes, so an edge can hold the hash it
/// leads to without a 32-character string. A plain index read makes about ten edges per spec and reads the hash of
/// few of them: the string is made when it is first asked for (<see cref="DependencyEdge.Hash"/>).
/// </summary>
internal readonly struct PackedHash : IEquatable<PackedHash>
{
    public const int Length = 32;

    private readonly ulong _high, _middle, _low; // 12, 12 and 8 characters, 5 bits each

    private PackedHash(ulong high, ulong middle, ulong low)
    {
        _high = high;
        _middle = middle;
        _low = low;
    }

    /// <summary>Packs ASCII bytes that are a DAG hash; false for anything else (another length, another alphabet).</summary>
    public static bool TryPack(ReadOnlySpan<byte> ascii, out PackedHash hash)
    {
        hash = default;
        if (ascii.Length != Length)
        {
            return false;
        }

        // Every edge of a read packs its hash: one table load per character, and one test of the or'ed values at
        // the end (a character outside the alphabet maps to 0x80), instead of a range test and a branch each.
        var values = Values;
        uint invalid = 0;
        ulong high = 0, middle = 0, low = 0;
        for (int i = 0; i < 12; i++)
        {
            uint value = values[ascii[i]];
            invalid |= value;
            high = (high << 5) | value;
        }

        for (int i = 12; i < 24; i++)
        {
            uint value = values[ascii[i]];
            invalid |= value;
            middle = (middle << 5) | value;
        }

        for (int i = 24; i < Length; i++)
        {
            uint value = values[ascii[i]];
            invalid |= value;
            low = (low << 5) | value;
        }

        if ((invalid & 0x80) != 0)
        {
            return false;
        }

        hash = new PackedHash(high, middle, low);
        return true;
    }

    public bool Equals(PackedHash other) => _high == other._high && _middle == other._middle && _low == other._low;

    public override bool Equals(object? obj) => obj is PackedHash other && Equals(other);

    public override int GetHashCode() => unchecked((int)(_high ^ (_high >> 29) ^ _middle ^ (_middle >> 31) ^ _low));

    /// <summary>The hash as text.</summary>
    public override string ToString()
    {
        var text = new char[Length];
        ulong high = _high, middle = _middle, low = _low;
        for (int i = 11; i >= 0; i--, high >>= 5)
        {
            text[i] = Character((int)(high & 31));
        }

        for (int i = 23; i >= 12; i--, middle >>= 5)
        {
            text[i] = Character((int)(middle & 31));
        }

        for (int i = 31; i >= 24; i--, low >>= 5)
        {
            text[i] = Character((int)(low & 31));
        }

        return new string(text);
    }

    // Spack's base32 alphabet: a-z are 0-25, 2-7 are 26-31; every other byte is 0x80.
    private static ReadOnlySpan<byte> Values => new byte[]
    {
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x80, 0x80, 26, 27, 28, 29, 30, 31, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, // '2'-'7'
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x80, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, // 'a'-'o'
        15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 0x80, 0x80, 0x80, 0x80, 0x80, // 'p'-'z'
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    };

    private static char Character(int value) => value < 26 ? (char)('a' + value) : (char)('2' + value - 26);
}
