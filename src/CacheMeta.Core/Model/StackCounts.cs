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

    // Pages list a few dozen stacks at most: a linear scan beats building a dictionary for every page read,
    // and most pages' counts are never looked up at all. Longer lists (hostile input) get an index.
    private const int IndexAbove = 32;

    private readonly KeyValuePair<string, int>[] _entries;
    private readonly Dictionary<string, int>? _index;

    /// <summary>Creates the counts from entries in display order; a repeated stack name is rejected.</summary>
    public StackCounts(IEnumerable<KeyValuePair<string, int>> entries)
    {
        _entries = new List<KeyValuePair<string, int>>(entries).ToArray();
        if (_entries.Length > IndexAbove)
        {
            _index = new Dictionary<string, int>(_entries.Length, StringComparer.OrdinalIgnoreCase);
        }

        for (int i = 0; i < _entries.Length; i++)
        {
            string key = _entries[i].Key ?? throw new ArgumentException("A stack name is null.", nameof(entries));
            bool repeated = _index is null ? Find(key, i) >= 0 : _index.ContainsKey(key);
            if (repeated)
            {
                throw new ArgumentException($"The stack '{key}' is listed twice.", nameof(entries));
            }

            _index?.Add(key, _entries[i].Value);
        }
    }

    /// <summary>The count for a stack (case-insensitive); 0 for a stack the page does not list.</summary>
    public int this[string stack] => TryGetValue(stack, out int n) ? n : 0;

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
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <summary>Looks up a stack's count.</summary>
    public bool TryGetValue(string key, out int value)
    {
        value = 0;
        if (key is null)
        {
            return false;
        }

        if (_index is not null)
        {
            return _index.TryGetValue(key, out value);
        }

        int at = Find(key, _entries.Length);
        if (at >= 0)
        {
            value = _entries[at].Value;
        }

        return at >= 0;
    }

    // Index of the entry named key among the first 'count', ignoring case; -1 when none.
    private int Find(string key, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
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
        get => key is string s && TryGetValue(s, out int n) ? n : null;
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
