using System;
using System.Runtime.CompilerServices;

namespace CacheMeta.Text;

/// <summary>
/// A map from UTF-8 byte sequences to shared values (strings, string lists). Cache pages repeat the same
/// few hundred values (stack names, compilers, OSes, variant lists) across thousands of records; looking
/// the raw bytes up here lets a reader decode each distinct value once and hand every record the same
/// instance, with no allocation on a hit. Not thread-safe: each parsing worker owns its pools.
/// <para>The keys are copied into shared chunks, not an array each: a pool lives as long as its read, so whatever it
/// holds is copied by the collector from one generation to the next, and an index read's pools gain tens of
/// thousands of keys (package names, whole variant objects of a few hundred bytes). Chunks grow to 128 KB, above the
/// large-object threshold, where the collector leaves them in place.</para>
/// </summary>
internal sealed class Utf8Pool<T> where T : class
{
    // Beyond this many distinct values the input is not the repetitive data the pool is for; start over
    // so that a hostile file cannot grow memory without bound.
    private const int MaxEntries = 1 << 16;
    private const int FirstChunkBytes = 1 << 10;
    private const int MaxChunkBytes = 1 << 17;

    private int[] _buckets = new int[256];
    private Entry[] _entries = new Entry[256];
    private int _count;
    private byte[] _chunk = Array.Empty<byte>();
    private int _chunkUsed;

    public int Count => _count;

    [MethodImpl(Jit.Optimized)]
    public bool TryGet(ReadOnlySpan<byte> key, out T value, out int hash)
    {
        hash = Hash(key);
        for (int i = _buckets[hash & (_buckets.Length - 1)] - 1; i >= 0; i = _entries[i].Next)
        {
            ref Entry e = ref _entries[i];
            if (e.Hash == hash && key.SequenceEqual(new ReadOnlySpan<byte>(e.Chunk, e.At, e.Length)))
            {
                value = e.Value;
                return true;
            }
        }

        value = null!;
        return false;
    }

    public void Add(ReadOnlySpan<byte> key, int hash, T value)
    {
        if (_count == MaxEntries)
        {
            Clear();
        }

        if (_count == _entries.Length)
        {
            Grow();
        }

        int slot = hash & (_buckets.Length - 1);
        var chunk = Store(key, out int at);
        _entries[_count] = new Entry { Hash = hash, Chunk = chunk, At = at, Length = key.Length, Value = value, Next = _buckets[slot] - 1 };
        _buckets[slot] = ++_count;
    }

    public void Clear()
    {
        Array.Clear(_buckets, 0, _buckets.Length);
        Array.Clear(_entries, 0, _count);
        _count = 0;
        _chunk = Array.Empty<byte>();
        _chunkUsed = 0;
    }

    // The chunk the key is copied into, and where; a key over a quarter of the largest chunk gets an array of its own.
    private byte[] Store(ReadOnlySpan<byte> key, out int at)
    {
        if (key.Length > MaxChunkBytes / 4)
        {
            at = 0;
            return key.ToArray();
        }

        if (_chunkUsed + key.Length > _chunk.Length)
        {
            int size = Math.Min(MaxChunkBytes, Math.Max(FirstChunkBytes, _chunk.Length * 2));
            _chunk = new byte[Math.Max(size, key.Length)];
            _chunkUsed = 0;
        }

        at = _chunkUsed;
        key.CopyTo(new Span<byte>(_chunk, at, key.Length));
        _chunkUsed += key.Length;
        return _chunk;
    }

    private void Grow()
    {
        int size = _entries.Length * 2;
        Array.Resize(ref _entries, size);
        _buckets = new int[size];
        for (int i = 0; i < _count; i++)
        {
            int slot = _entries[i].Hash & (size - 1);
            _entries[i].Next = _buckets[slot] - 1;
            _buckets[slot] = i + 1;
        }
    }

    // Eight bytes at a time with a multiply-xorshift mix: pooled keys include whole variant lists of a few
    // hundred bytes, hashed once per record, so a byte-at-a-time hash shows up in profiles.
    [MethodImpl(Jit.Optimized)]
    internal static int Hash(ReadOnlySpan<byte> key)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        ulong h = (ulong)key.Length * Multiplier;
        while (key.Length >= 8)
        {
            h = (h ^ System.Runtime.InteropServices.MemoryMarshal.Read<ulong>(key)) * Multiplier;
            h ^= h >> 29;
            key = key.Slice(8);
        }

        ulong tail = 0;
        for (int i = 0; i < key.Length; i++)
        {
            tail = (tail << 8) | key[i];
        }

        h = (h ^ tail) * Multiplier;
        return (int)(h ^ (h >> 32));
    }

    private struct Entry
    {
        public int Hash;
        public int Next;
        public byte[] Chunk;
        public int At;
        public int Length;
        public T Value;
    }
}
