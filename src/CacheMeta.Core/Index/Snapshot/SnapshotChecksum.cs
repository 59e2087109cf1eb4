using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using CacheMeta.Text;

namespace CacheMeta.Index.Snapshot;

/// <summary>
/// XXH64 (Yann Collet's xxHash, 64-bit), written from its published specification: a non-cryptographic checksum that
/// reads tens of megabytes in a few milliseconds. Here rather than System.IO.Hashing's because a snapshot is checked
/// once per query, usually in a fresh process: that package's code starts unoptimised (a 36 MB snapshot took 40 ms
/// to check until the JIT caught up, 2 ms after), while this loop is compiled fully optimised on first use. The tests
/// hold it to System.IO.Hashing's XxHash64 on every length up to a few stripes and on large inputs.
/// </summary>
internal static class SnapshotChecksum
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL, Prime2 = 0xC2B2AE3D27D4EB4FUL, Prime3 = 0x165667B19E3779F9UL,
        Prime4 = 0x85EBCA77C2B2AE63UL, Prime5 = 0x27D4EB2F165667C5UL;

    /// <summary>The XXH64 of <paramref name="data"/> with <paramref name="seed"/>.</summary>
    [MethodImpl(Jit.Optimized)]
    public static ulong Hash(ReadOnlySpan<byte> data, ulong seed = 0)
    {
        int at = 0, length = data.Length;
        ulong hash;
        if (length >= 32)
        {
            ulong v1 = seed + Prime1 + Prime2, v2 = seed + Prime2, v3 = seed, v4 = seed - Prime1;
            for (; at <= length - 32; at += 32)
            {
                v1 = Round(v1, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(at)));
                v2 = Round(v2, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(at + 8)));
                v3 = Round(v3, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(at + 16)));
                v4 = Round(v4, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(at + 24)));
            }

            hash = RotateLeft(v1, 1) + RotateLeft(v2, 7) + RotateLeft(v3, 12) + RotateLeft(v4, 18);
            hash = Merge(Merge(Merge(Merge(hash, v1), v2), v3), v4);
        }
        else
        {
            hash = seed + Prime5;
        }

        hash += (ulong)length;
        for (; at <= length - 8; at += 8)
        {
            hash ^= Round(0, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(at)));
            hash = RotateLeft(hash, 27) * Prime1 + Prime4;
        }

        if (at <= length - 4)
        {
            hash ^= BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(at)) * Prime1;
            hash = RotateLeft(hash, 23) * Prime2 + Prime3;
            at += 4;
        }

        for (; at < length; at++)
        {
            hash ^= data[at] * Prime5;
            hash = RotateLeft(hash, 11) * Prime1;
        }

        hash ^= hash >> 33;
        hash *= Prime2;
        hash ^= hash >> 29;
        hash *= Prime3;
        hash ^= hash >> 32;
        return hash;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Round(ulong accumulator, ulong input) => RotateLeft(accumulator + input * Prime2, 31) * Prime1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Merge(ulong hash, ulong accumulator) => (hash ^ Round(0, accumulator)) * Prime1 + Prime4;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RotateLeft(ulong value, int bits) => (value << bits) | (value >> (64 - bits));
}
