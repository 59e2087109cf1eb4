using System;
using System.Runtime.CompilerServices;

namespace CacheMeta.Text;

/// <summary>
/// One shared string per DAG hash, found from the hash's ASCII bytes without decoding or copying them. An index
/// names each hash once as a record key and again on every edge that leads to it (ten edges a record, a few hundred
/// for gcc-runtime), so sharing them keeps a graph of the index small and lets edges be interned by reference.
/// Unlike <see cref="Utf8Pool{T}"/> it keeps no copy of the key bytes: the string is the key. Not thread-safe.
/// </summary>
internal sealed class HashPool
{
    private readonly int _maxEntries;
    private string?[] _slots = new string?[1024];
    private int[] _codes = new int[1024];
    private int _count;

    /// <param name="maxEntries">Beyond this many hashes the pool starts over (a plain read stays bounded on hostile
    /// input); a graph, which keeps every hash anyway, passes <see cref="int.MaxValue"/>.</param>
    public HashPool(int maxEntries) => _maxEntries = maxEntries;

    public int Count => _count;

    /// <summary>The shared string for ASCII bytes; null when a byte is not ASCII (the caller decodes those itself).</summary>
    [MethodImpl(Jit.Optimized)]
    public string? Get(ReadOnlySpan<byte> ascii)
    {
        int code = Utf8Pool<string>.Hash(ascii);
        int mask = _slots.Length - 1;
        for (int i = code & mask; ; i = (i + 1) & mask)
        {
            string? slot = _slots[i];
            if (slot is null)
            {
                break;
            }

            if (_codes[i] == code && Equal(slot, ascii))
            {
                return slot;
            }
        }

        foreach (byte b in ascii)
        {
            if (b >= 0x80)
            {
                return null;
            }
        }

        var value = Ascii.Decode(ascii);
        Add(value, code);
        return value;
    }

    /// <summary>The shared instance of <paramref name="value"/>, which becomes the shared one when it is new.</summary>
    public string Intern(string value)
    {
        if (value.Length > 256)
        {
            return value; // not a hash; not worth a stack buffer
        }

        Span<byte> ascii = stackalloc byte[value.Length];
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] >= 0x80)
            {
                return value;
            }

            ascii[i] = (byte)value[i];
        }

        int code = Utf8Pool<string>.Hash(ascii);
        int mask = _slots.Length - 1;
        for (int i = code & mask; _slots[i] is { } slot; i = (i + 1) & mask)
        {
            if (_codes[i] == code && string.Equals(slot, value, StringComparison.Ordinal))
            {
                return slot;
            }
        }

        Add(value, code);
        return value;
    }

    private void Add(string value, int code)
    {
        if (_count >= _maxEntries)
        {
            Array.Clear(_slots, 0, _slots.Length);
            _count = 0;
        }

        if ((_count + 1) * 2 > _slots.Length)
        {
            Grow();
        }

        int mask = _slots.Length - 1;
        int i = code & mask;
        while (_slots[i] is not null)
        {
            i = (i + 1) & mask;
        }

        _slots[i] = value;
        _codes[i] = code;
        _count++;
    }

    // Open addressing at most half full: a miss (a hash seen for the first time) ends after a probe or two.
    private void Grow()
    {
        var slots = _slots;
        var codes = _codes;
        _slots = new string?[slots.Length * 2];
        _codes = new int[slots.Length * 2];
        int mask = _slots.Length - 1;
        for (int j = 0; j < slots.Length; j++)
        {
            if (slots[j] is { } value)
            {
                int i = codes[j] & mask;
                while (_slots[i] is not null)
                {
                    i = (i + 1) & mask;
                }

                _slots[i] = value;
                _codes[i] = codes[j];
            }
        }
    }

    private static bool Equal(string value, ReadOnlySpan<byte> ascii)
    {
        if (value.Length != ascii.Length)
        {
            return false;
        }

        for (int i = 0; i < ascii.Length; i++)
        {
            if (value[i] != ascii[i])
            {
                return false;
            }
        }

        return true;
    }
}
