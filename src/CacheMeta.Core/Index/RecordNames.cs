using System;
using System.Collections.Generic;

namespace CacheMeta.Index;

/// <summary>
/// The name and version of every record a read has passed, by hash: from database 8 any record may be a later spec's
/// compiler. A read of a public index passes 150,000 records, so this is one open-addressed table of packed hashes
/// (24 bytes inline, no key string kept alive), sized for the file up front, whose slots hold the index of the values
/// in a list appended in order: the table holds no references, so a collection never scans it, and the list is
/// written only at its end. A dictionary of strings cost the parse thread a tenth of an every-spec read (its cache
/// misses, and the key strings it kept promoting through every collection). A key that does not pack (not 32 base32
/// characters) goes to a dictionary beside it.
/// Not thread-safe: one per index read.
/// </summary>
internal sealed class RecordNames
{
    private static readonly ulong Seed = (ulong)Environment.TickCount * 0x9E3779B97F4A7C15 | 1; // a crafted file cannot aim its collisions

    private readonly Dictionary<string, (string, string)> _others = new(StringComparer.Ordinal);
    private readonly List<(string Name, string Version)> _values;
    private Slot[] _slots;
    private int _count;

    /// <param name="expected">About how many records the index holds (the table grows past it if need be).</param>
    public RecordNames(int expected)
    {
        int size = 1 << 10;
        while (size < expected + expected / 3 && size < 1 << 30)
        {
            size <<= 1;
        }

        _slots = new Slot[size];
        _values = new List<(string, string)>(Math.Min(expected, 1 << 20));
    }

    /// <summary>Notes a record (the latest of a repeated key wins, as it did).</summary>
    public void Set(string key, string name, string version)
    {
        if (!Pack(key, out var packed))
        {
            _others[key] = (name, version);
            return;
        }

        if (_count * 4 >= _slots.Length * 3)
        {
            Grow();
        }

        ref Slot slot = ref Find(_slots, packed);
        if (slot.Value == 0)
        {
            _count++;
            slot.Key = packed;
            _values.Add((name, version));
            slot.Value = _values.Count;
        }
        else
        {
            _values[slot.Value - 1] = (name, version);
        }
    }

    /// <summary>The record of a hash, when the read has passed it.</summary>
    public bool TryGet(string key, out string name, out string version)
    {
        name = version = string.Empty;
        if (!Pack(key, out var packed))
        {
            if (!_others.TryGetValue(key, out var other))
            {
                return false;
            }

            (name, version) = other;
            return true;
        }

        int value = Find(_slots, packed).Value;
        if (value == 0)
        {
            return false;
        }

        (name, version) = _values[value - 1];
        return true;
    }

    private static bool Pack(string key, out PackedHash packed)
    {
        packed = default;
        if (key.Length != PackedHash.Length)
        {
            return false;
        }

        Span<byte> ascii = stackalloc byte[PackedHash.Length];
        for (int i = 0; i < ascii.Length; i++)
        {
            if (key[i] >= 0x80)
            {
                return false;
            }

            ascii[i] = (byte)key[i];
        }

        return PackedHash.TryPack(ascii, out packed);
    }

    // Linear probing from the slot the seeded hash names; the table is never more than three quarters full.
    private static ref Slot Find(Slot[] slots, in PackedHash key)
    {
        int mask = slots.Length - 1;
        for (int i = key.Mix(Seed) & mask; ; i = (i + 1) & mask)
        {
            ref Slot slot = ref slots[i];
            if (slot.Value == 0 || slot.Key.Equals(key))
            {
                return ref slot;
            }
        }
    }

    private void Grow()
    {
        var larger = new Slot[_slots.Length * 2];
        foreach (var slot in _slots)
        {
            if (slot.Value != 0)
            {
                Find(larger, slot.Key) = slot;
            }
        }

        _slots = larger;
    }

    private struct Slot
    {
        public PackedHash Key;
        public int Value; // 1 + the index of the values; 0 for a free slot
    }
}
