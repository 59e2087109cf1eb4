using System;
using System.Collections;
using System.Collections.Generic;

namespace CacheMeta;

/// <summary>
/// Spec counts per stack in the order the page lists them, indexable by stack name
/// (<c>$package.NumSpecsByStack['e4s']</c>, case-insensitive). Read-only: it is a fact about a page.
/// It implements <see cref="IDictionary"/> so PowerShell shows and indexes it like a hashtable.
/// </summary>
public sealed class StackCounts : IReadOnlyDictionary<string, int>, IDictionary
{
    /// <summary>An empty instance.</summary>
    public static readonly StackCounts Empty = new(Array.Empty<KeyValuePair<string, int>>());

    private readonly KeyValuePair<string, int>[] _entries;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates the counts from entries in display order; a repeated stack name is rejected.</summary>
    public StackCounts(IEnumerable<KeyValuePair<string, int>> entries)
    {
        var list = new List<KeyValuePair<string, int>>(entries);
        _entries = list.ToArray();
        _index = new Dictionary<string, int>(_entries.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in _entries)
        {
            if (entry.Key is null)
            {
                throw new ArgumentException("A stack name is null.", nameof(entries));
            }

            if (_index.ContainsKey(entry.Key))
            {
                throw new ArgumentException($"The stack '{entry.Key}' is listed twice.", nameof(entries));
            }

            _index.Add(entry.Key, entry.Value);
        }
    }

    /// <summary>The count for a stack (case-insensitive); 0 for a stack the page does not list.</summary>
    public int this[string stack] => stack is not null && _index.TryGetValue(stack, out int n) ? n : 0;

    /// <summary>Number of stacks listed.</summary>
    public int Count => _entries.Length;

    /// <summary>Stack names in page order.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var e in _entries)
            {
                yield return e.Key;
            }
        }
    }

    /// <summary>Counts in page order.</summary>
    public IEnumerable<int> Values
    {
        get
        {
            foreach (var e in _entries)
            {
                yield return e.Value;
            }
        }
    }

    /// <summary>True when the stack is listed.</summary>
    public bool ContainsKey(string key) => key is not null && _index.ContainsKey(key);

    /// <summary>Looks up a stack's count.</summary>
    public bool TryGetValue(string key, out int value)
    {
        value = 0;
        return key is not null && _index.TryGetValue(key, out value);
    }

    /// <summary>Entries in page order.</summary>
    public IEnumerator<KeyValuePair<string, int>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, int>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary><c>e4s=13, root=61</c>.</summary>
    public override string ToString()
    {
        var parts = new string[_entries.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = _entries[i].Key + "=" + _entries[i].Value;
        }

        return string.Join(", ", parts);
    }

    // Non-generic IDictionary, read-only: lets PowerShell index ($x['e4s'], $x.e4s) and format it.
    object? IDictionary.this[object key]
    {
        get => key is string s && _index.TryGetValue(s, out int n) ? n : null;
        set => throw ReadOnly();
    }

    ICollection IDictionary.Keys => Array.ConvertAll(_entries, e => e.Key);

    ICollection IDictionary.Values => Array.ConvertAll(_entries, e => e.Value);

    bool IDictionary.IsReadOnly => true;

    bool IDictionary.IsFixedSize => true;

    bool ICollection.IsSynchronized => false;

    object ICollection.SyncRoot => _entries;

    bool IDictionary.Contains(object key) => key is string s && ContainsKey(s);

    IDictionaryEnumerator IDictionary.GetEnumerator() => new Enumerator(_entries);

    void IDictionary.Add(object key, object? value) => throw ReadOnly();

    void IDictionary.Clear() => throw ReadOnly();

    void IDictionary.Remove(object key) => throw ReadOnly();

    void ICollection.CopyTo(Array array, int index)
    {
        for (int i = 0; i < _entries.Length; i++)
        {
            array.SetValue(new DictionaryEntry(_entries[i].Key, _entries[i].Value), index + i);
        }
    }

    private static NotSupportedException ReadOnly() => new("Stack counts are read-only.");

    private sealed class Enumerator : IDictionaryEnumerator
    {
        private readonly KeyValuePair<string, int>[] _entries;
        private int _position = -1;

        public Enumerator(KeyValuePair<string, int>[] entries) => _entries = entries;

        public DictionaryEntry Entry => new(_entries[_position].Key, _entries[_position].Value);

        public object Key => _entries[_position].Key;

        public object? Value => _entries[_position].Value;

        public object Current => Entry;

        public bool MoveNext() => ++_position < _entries.Length;

        public void Reset() => _position = -1;
    }
}
