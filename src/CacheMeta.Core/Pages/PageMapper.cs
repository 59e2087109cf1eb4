using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using CacheMeta.Pages.Yaml;
using CacheMeta.Query;
using CacheMeta.Completion;

namespace CacheMeta.Pages;

/// <summary>
/// Turns a page's YAML front matter into a <see cref="CachePage"/>, for every format generation:
/// <c>spec_details</c> records (G4-G7), <c>spec_names</c> spec strings (G2, G3) and <c>spec_files</c>
/// maps from spec string to file (G1). What a generation lacks is null or empty. This is the reference
/// reading of a page: any value of the wrong shape is an error that says where.
/// </summary>
internal sealed class PageMapper
{
    private readonly string _path;
    private readonly CompiledQuery _query;
    private readonly SpecFactory _factory;
    private readonly bool _packageOnly;
    private readonly YamlValues _values;

    private readonly string? _siteTag;
    private readonly QueryMemo _memo;

    /// <summary>A mapper for the page at <paramref name="path"/>, whose place in a site gives it <paramref name="siteTag"/> (null elsewhere).</summary>
    public PageMapper(string path, string? siteTag, CompiledQuery query, QueryMemo memo, SpecFactory factory, bool packageOnly)
    {
        _path = path;
        _siteTag = siteTag;
        _memo = memo;
        _query = query;
        _factory = factory;
        _packageOnly = packageOnly;
        _values = new YamlValues(path);
    }

    /// <summary>Maps the front matter; null when the query rules the whole page out.</summary>
    public CachePage? Map(YamlNode? root)
    {
        if (root is null or YamlScalar { Kind: ScalarKind.Null })
        {
            throw PageErrors.Invalid(_path, "The front matter is empty.", 2, 1);
        }

        var top = root as YamlMapping ?? throw PageErrors.Invalid(_path,
            $"The front matter must be a mapping of keys (title, meta, spec_details, ...), not {root.Describe()}.", root.Line, root.Column);
        var keys = _values.Entries(top, "the front matter");

        var titleEntry = Find(keys, PageKeys.Title) ?? throw PageErrors.Invalid(_path, "The front matter has no 'title'.", top.Line, top.Column);
        string title = _values.ScalarText(titleEntry.Value, PageKeys.Title)
            ?? throw _values.WrongType(PageKeys.Title, "the package name", titleEntry.Value);
        string? layout = Find(keys, PageKeys.Layout) is { } l ? _values.ScalarText(l.Value, PageKeys.Layout) : null;
        IReadOnlyList<string> categories = Categories(keys);
        string? tag = _siteTag ?? CachePage.TagOf(categories);
        _memo.Tally?.Observe(CompletionField.Tag, tag);

        if (!_query.MatchesPage(title, tag))
        {
            return null;
        }

        var meta = Find(keys, PageKeys.Meta) is { } m ? MetaOf(m.Value) : new MetaValues();
        List<CacheSpec> specs;
        int entries;
        PageSpecLayout layoutKind;
        if (Find(keys, PageKeys.SpecDetails) is { } details)
        {
            layoutKind = PageSpecLayout.SpecDetails;
            (specs, entries) = SpecDetails(details.Value, title, tag);
        }
        else if (Find(keys, PageKeys.SpecNames) is { } names)
        {
            layoutKind = PageSpecLayout.SpecNames;
            (specs, entries) = SpecStrings(SpecNames(names.Value), title, tag);
        }
        else if (Find(keys, PageKeys.SpecFiles) is { } files)
        {
            layoutKind = PageSpecLayout.SpecFiles;
            (specs, entries) = SpecStrings(SpecFileKeys(files.Value), title, tag);
        }
        else
        {
            throw PageErrors.Invalid(_path, "The front matter has neither 'spec_details' nor 'spec_files'.", top.Line, top.Column);
        }

        var package = new CachePackage(title, tag, meta.NumSpecs ?? entries, meta.Versions, meta.Compilers, meta.Oss,
            meta.Platforms, meta.Targets, meta.Stacks, meta.NumSpecsByStack, _path);
        return new CachePage(_path, title, layout, categories, tag, package, meta.NumSpecs, specs, entries, layoutKind);
    }

    private IReadOnlyList<string> Categories(Dictionary<string, KeyValuePair<YamlScalar, YamlNode>> keys)
    {
        if (Find(keys, PageKeys.Categories) is { } categories)
        {
            if (categories.Value is YamlScalar { Kind: ScalarKind.Null })
            {
                return Array.Empty<string>();
            }

            if (categories.Value is YamlScalar scalar)
            {
                // Jekyll also takes categories as one space-separated string.
                return new ReadOnlyCollection<string>(scalar.Value.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries));
            }

            var list = _values.Sequence(categories.Value, PageKeys.Categories);
            var items = new List<string>(list.Items.Count);
            foreach (var item in list.Items)
            {
                items.Add(_values.ScalarText(item, PageKeys.Categories + " item") ?? throw _values.WrongType(PageKeys.Categories + " item", "a name", item));
            }

            return new ReadOnlyCollection<string>(items);
        }

        if (Find(keys, PageKeys.Category) is { } category && _values.ScalarText(category.Value, PageKeys.Category) is { } single)
        {
            return new ReadOnlyCollection<string>(new[] { single });
        }

        return Array.Empty<string>();
    }

    private MetaValues MetaOf(YamlNode node)
    {
        var meta = new MetaValues();
        if (node is YamlScalar { Kind: ScalarKind.Null })
        {
            return meta;
        }

        var keys = _values.Entries(_values.Mapping(node, PageKeys.Meta), "'meta'");
        meta.Compilers = _values.StringList(Find(keys, PageKeys.Compilers)?.Value, "meta.compilers");
        meta.Oss = _values.StringList(Find(keys, PageKeys.Oss)?.Value, "meta.oss");
        meta.Platforms = _values.StringList(Find(keys, PageKeys.Platforms)?.Value, "meta.platforms");
        meta.Targets = _values.StringList(Find(keys, PageKeys.Targets)?.Value, "meta.targets");
        meta.Versions = _values.StringList(Find(keys, PageKeys.Versions)?.Value, "meta.versions");
        meta.Stacks = _values.StringList(Find(keys, PageKeys.Stacks)?.Value, "meta.stacks");
        if (Find(keys, PageKeys.NumSpecs) is { } n && n.Value is not YamlScalar { Kind: ScalarKind.Null })
        {
            meta.NumSpecs = _values.Int32(n.Value, "meta.num_specs");
        }

        if (Find(keys, PageKeys.NumSpecsByStack) is { } byStack && byStack.Value is not YamlScalar { Kind: ScalarKind.Null })
        {
            var map = _values.Mapping(byStack.Value, "meta.num_specs_by_stack");
            _values.Entries(map, "'num_specs_by_stack'"); // rejects a stack listed twice
            var counts = new List<KeyValuePair<string, int>>(map.Entries.Count);
            foreach (var entry in map.Entries)
            {
                counts.Add(new KeyValuePair<string, int>(entry.Key.Value, _values.Int32(entry.Value, "num_specs_by_stack." + entry.Key.Value)));
            }

            try
            {
                meta.NumSpecsByStack = new StackCounts(counts);
            }
            catch (ArgumentException)
            {
                // Distinct YAML keys that differ only in case: one stack to anyone indexing by name.
                throw _values.Error("'num_specs_by_stack' lists a stack twice (names differ only in case).", byStack.Value);
            }
        }

        return meta;
    }

    private (List<CacheSpec> Specs, int Entries) SpecDetails(YamlNode node, string package, string? tag)
    {
        var list = _values.Sequence(node, PageKeys.SpecDetails);
        var specs = new List<CacheSpec>(_packageOnly ? 0 : list.Items.Count);
        foreach (var item in list.Items)
        {
            var record = SpecRecord(item, package, tag);
            if (!_packageOnly && _query.MatchesSpec(record, _memo))
            {
                specs.Add(record);
            }
        }

        return (specs, list.Items.Count);
    }

    private CacheSpec SpecRecord(YamlNode node, string package, string? tag)
    {
        var keys = _values.Entries(_values.Mapping(node, "spec_details item"), "a spec_details record");
        var hashEntry = Find(keys, PageKeys.Hash) ?? throw _values.Error("A spec_details record has no 'hash'.", node);
        string hash = _values.RequiredString(hashEntry.Value, PageKeys.Hash);
        return _factory.Create(package, tag, hash,
            _values.StringList(Find(keys, PageKeys.Versions)?.Value, PageKeys.Versions),
            Text(keys, PageKeys.Compiler), Text(keys, PageKeys.Os), Text(keys, PageKeys.Platform), Text(keys, PageKeys.Target),
            _values.StringList(Find(keys, PageKeys.Variants)?.Value, PageKeys.Variants),
            _values.StringList(Find(keys, PageKeys.Stacks)?.Value, PageKeys.Stacks),
            Size(Find(keys, PageKeys.Size)?.Value), Text(keys, PageKeys.Tarball), _path);
    }

    private string? Text(Dictionary<string, KeyValuePair<YamlScalar, YamlNode>> keys, string key) =>
        Find(keys, key) is { } entry ? _values.OptionalString(entry.Value, key) : null;

    // "-" means unknown; otherwise a whole number of bytes.
    private long? Size(YamlNode? node)
    {
        if (node is null || node is YamlScalar { Kind: ScalarKind.Null })
        {
            return null;
        }

        if (node is YamlScalar { Kind: ScalarKind.String, Value: PageKeys.UnknownSize })
        {
            return null;
        }

        long size = _values.Int64(node, PageKeys.Size);
        return size >= 0 ? size : throw _values.Error("The value of 'size' must not be negative.", node);
    }

    private List<(string Text, YamlNode At)> SpecNames(YamlNode node)
    {
        var list = _values.Sequence(node, PageKeys.SpecNames);
        var names = new List<(string, YamlNode)>(list.Items.Count);
        foreach (var item in list.Items)
        {
            names.Add((_values.RequiredString(item, "spec_names item"), item));
        }

        return names;
    }

    // G1: each item is a one-key map "<spec string>": spec-N.json.
    private List<(string Text, YamlNode At)> SpecFileKeys(YamlNode node)
    {
        var list = _values.Sequence(node, PageKeys.SpecFiles);
        var names = new List<(string, YamlNode)>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (item is not YamlMapping { Entries.Count: 1 } map)
            {
                throw _values.Error("A spec_files item must map one spec string to its file, and the page has no spec_names.", item);
            }

            names.Add((map.Entries[0].Key.Value, map.Entries[0].Key));
        }

        return names;
    }

    private (List<CacheSpec> Specs, int Entries) SpecStrings(List<(string Text, YamlNode At)> names, string package, string? tag)
    {
        var specs = new List<CacheSpec>(names.Count);
        foreach (var (text, at) in names)
        {
            var parsed = LegacySpecString.Parse(text) ?? throw _values.Error($"'{text}' is not a spec string.", at);
            var record = _factory.Create(package, tag, null, Single(parsed.Version), parsed.Compiler, parsed.OS,
                parsed.Platform, parsed.Target, parsed.Variants, Array.Empty<string>(), null, null, _path);
            if (!_packageOnly && _query.MatchesSpec(record, _memo))
            {
                specs.Add(record);
            }
        }

        return (specs, names.Count);
    }

    private static IReadOnlyList<string> Single(string? value) =>
        value is null ? ValueList.None : new ValueList(new[] { value });

    private static KeyValuePair<YamlScalar, YamlNode>? Find(Dictionary<string, KeyValuePair<YamlScalar, YamlNode>> keys, string key) =>
        keys.TryGetValue(key, out var entry) ? entry : null;

    private sealed class MetaValues
    {
        public IReadOnlyList<string> Compilers { get; set; } = Array.Empty<string>();
        public IReadOnlyList<string> Oss { get; set; } = Array.Empty<string>();
        public IReadOnlyList<string> Platforms { get; set; } = Array.Empty<string>();
        public IReadOnlyList<string> Targets { get; set; } = Array.Empty<string>();
        public IReadOnlyList<string> Versions { get; set; } = Array.Empty<string>();
        public IReadOnlyList<string> Stacks { get; set; } = Array.Empty<string>();
        public int? NumSpecs { get; set; }
        public StackCounts NumSpecsByStack { get; set; } = StackCounts.Empty;
    }
}
