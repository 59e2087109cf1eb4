using System;
using System.Collections.Generic;
using System.Linq;
using CacheMeta.Sources;
using CacheMeta.Query;
using CacheMeta.Text;
using CacheMeta.Completion;

namespace CacheMeta.Tags;

/// <summary>
/// Gathers tags and their stacks from wherever they are found (a tag list, a catalog, the pages of a tree),
/// merging a tag met twice, and hands them back in the site's order. <see cref="Wanted"/> filters by name.
/// </summary>
internal sealed class TagCollector
{
    private readonly Dictionary<string, (SortedSet<string> Stacks, string? Source, ISpecSource? Origin)> _tags = new(StringComparer.Ordinal);
    private readonly Wildcard[]? _names;
    private readonly ValueCensus? _census;

    /// <summary>
    /// Creates a collector that keeps the tags matching any of <paramref name="names"/> (wildcards; null keeps all).
    /// Every tag offered, kept or not, is shown to <paramref name="census"/>, so a name that matches none can be reported.
    /// </summary>
    public TagCollector(IReadOnlyList<string>? names = null, ValueCensus? census = null)
    {
        _names = names is null || names.Count == 0 ? null : names.Select(n => new Wildcard(n)).ToArray();
        _census = census;
    }

    /// <summary>True when a tag of this name is kept.</summary>
    public bool Wanted(string? name) => name is not null && (_names is null || Array.Exists(_names, w => w.IsMatch(name)));

    /// <summary>
    /// Adds a tag (or more stacks of a tag already added); the first source is kept, and with it
    /// <paramref name="origin"/>, where the tag's specs are read.
    /// </summary>
    public void Add(string name, IEnumerable<string>? stacks, string? source, ISpecSource? origin = null)
    {
        _census?.Observe(CompletionField.Tag, name);
        if (!Wanted(name))
        {
            return;
        }

        if (!_tags.TryGetValue(name, out var entry))
        {
            entry = (new SortedSet<string>(CodePointComparer.Instance), source, origin);
            _tags.Add(name, entry);
        }

        foreach (string stack in stacks ?? Enumerable.Empty<string>())
        {
            entry.Stacks.Add(stack);
        }
    }

    /// <summary>Adds the tag of a package summary with the stacks it lists; pages of the oldest layout have no tag.</summary>
    public void Add(CachePackage package, string? source, ISpecSource? origin = null)
    {
        if (package?.Tag is { } tag)
        {
            Add(tag, package.Stacks, source, origin);
        }
    }

    /// <summary>Adds the tags of a catalog, each with its stacks (the labels of its indexes, <c>root</c> included).</summary>
    public void Add(Catalog catalog, ISpecSource? origin = null)
    {
        foreach (string tag in catalog.Tags)
        {
            Add(tag, catalog.EntriesOf(tag).Select(e => e.Label), catalog.Address, origin);
        }
    }

    /// <summary>The tags in the site's order.</summary>
    public IReadOnlyList<CacheTag> Tags()
    {
        var tags = _tags.Select(t => new CacheTag(t.Key, t.Value.Stacks.ToArray(), t.Value.Source) { Origin = t.Value.Origin }).ToList();
        tags.Sort();
        return tags;
    }
}
