using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using CacheMeta.Text;

namespace CacheMeta.Sources;

/// <summary>
/// Which stacks of a tag hold each hash: built from the stack indexes' keys (any record, as the site
/// generator counts them), queried for every spec. A hash maps to a shared, interned set; sets are built
/// by adding one stack at a time through a memo, so a hundred thousand hashes share a few hundred lists
/// and looking one up allocates nothing.
/// </summary>
internal sealed class StackMembership
{
    private readonly Dictionary<string, StackSet> _byHash = new(StringComparer.Ordinal);
    private readonly Dictionary<(StackSet, string), StackSet> _grown = new();
    private readonly StackSet _base;

    /// <summary>Every set includes <paramref name="baseStacks"/> (<c>root</c>, for a tag that has one).</summary>
    public StackMembership(IEnumerable<string> baseStacks)
    {
        _base = StackSet.Empty;
        foreach (string stack in baseStacks)
        {
            _base = Grow(_base, stack);
        }
    }

    /// <summary>Records that <paramref name="stack"/>'s index holds <paramref name="hash"/>.</summary>
    public void Add(string hash, string stack)
    {
        var current = _byHash.TryGetValue(hash, out var set) ? set : _base;
        _byHash[hash] = Grow(current, stack);
    }

    /// <summary>The stacks holding <paramref name="hash"/>, plus <paramref name="alsoIn"/> (the index being read), sorted.</summary>
    public IReadOnlyList<string> StacksOf(string hash, string? alsoIn)
    {
        var set = _byHash.TryGetValue(hash, out var known) ? known : _base;
        return (alsoIn is null ? set : Grow(set, alsoIn)).Stacks;
    }

    private StackSet Grow(StackSet set, string stack)
    {
        if (set.Contains(stack))
        {
            return set;
        }

        if (!_grown.TryGetValue((set, stack), out var grown))
        {
            grown = set.With(stack);
            _grown.Add((set, stack), grown);
        }

        return grown;
    }

    private sealed class StackSet
    {
        public static readonly StackSet Empty = new(Array.Empty<string>());

        private StackSet(string[] sorted) => Stacks = new ReadOnlyCollection<string>(sorted);

        public IReadOnlyList<string> Stacks { get; }

        public bool Contains(string stack)
        {
            foreach (string s in Stacks)
            {
                if (s == stack)
                {
                    return true;
                }
            }

            return false;
        }

        public StackSet With(string stack)
        {
            var list = new List<string>(Stacks) { stack };
            list.Sort(CodePointComparer.Instance);
            return new StackSet(list.ToArray());
        }
    }
}
