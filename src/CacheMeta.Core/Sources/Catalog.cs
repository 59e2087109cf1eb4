using System;
using System.Collections.Generic;
using System.Text.Json;

namespace CacheMeta.Sources;

/// <summary>One index of a tag in a catalog: a stack's label (<c>root</c> for the tag's whole cache) and its address.</summary>
public sealed class CatalogEntry
{
    /// <summary>Creates an entry.</summary>
    public CatalogEntry(string tag, string label, string url)
    {
        Tag = tag;
        Label = label;
        Url = url;
    }

    /// <summary>The tag (ref): <c>develop</c>, <c>v0.23.1</c>.</summary>
    public string Tag { get; }

    /// <summary>The stack, or <c>root</c>.</summary>
    public string Label { get; }

    /// <summary>The address as the catalog writes it (<c>s3://spack-binaries/...</c> is allowed).</summary>
    public string Url { get; }
}

/// <summary>
/// A catalog of build caches in the shape of the public <c>cache_spack_io_index.json</c>:
/// <c>{"&lt;tag&gt;": [{"label": "root", "url": "..."}, {"label": "e4s", "url": "..."}]}</c>.
/// Tags keep the document's order; within a tag a repeated label keeps its first entry.
/// </summary>
public sealed class Catalog
{
    /// <summary>The public cache's catalog.</summary>
    public const string PublicUrl = "https://binaries.spack.io/cache_spack_io_index.json";

    /// <summary>The environment variable that replaces <see cref="PublicUrl"/> as the default catalog (a URL or a file).</summary>
    public const string UrlVariable = "CACHEMETA_CATALOG";

    /// <summary>The tag read when the query names none.</summary>
    public const string DefaultTag = "develop";

    /// <summary>The label of a tag's whole cache.</summary>
    public const string RootLabel = "root";

    private readonly Dictionary<string, List<CatalogEntry>> _entries = new(StringComparer.Ordinal);
    private readonly List<string> _tags = new();

    private Catalog()
    {
    }

    /// <summary>The tags, in document order.</summary>
    public IReadOnlyList<string> Tags => _tags;

    /// <summary>The default catalog: <c>$env:CACHEMETA_CATALOG</c>, else <see cref="PublicUrl"/>.</summary>
    public static string DefaultAddress()
    {
        string? configured = Environment.GetEnvironmentVariable(UrlVariable);
        return string.IsNullOrEmpty(configured) ? PublicUrl : configured!;
    }

    /// <summary>The indexes of a tag, in document order.</summary>
    public IReadOnlyList<CatalogEntry> EntriesOf(string tag) =>
        _entries.TryGetValue(tag, out var list) ? list : (IReadOnlyList<CatalogEntry>)Array.Empty<CatalogEntry>();

    /// <summary>Reads a catalog; throws InvalidCatalog naming what is wrong.</summary>
    public static Catalog Parse(byte[] json, string target)
    {
        var catalog = new Catalog();
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("it is not a JSON object of tags", target);
            }

            foreach (var tag in document.RootElement.EnumerateObject())
            {
                if (tag.Value.ValueKind != JsonValueKind.Array)
                {
                    throw Invalid($"tag '{tag.Name}' is not a list of {{label, url}} entries", target);
                }

                var list = new List<CatalogEntry>();
                foreach (var item in tag.Value.EnumerateArray())
                {
                    string? label = Text(item, "label"), url = Text(item, "url");
                    if (label is null || url is null)
                    {
                        throw Invalid($"an entry of tag '{tag.Name}' lacks a 'label' or 'url' string", target);
                    }

                    if (!list.Exists(e => e.Label == label))
                    {
                        list.Add(new CatalogEntry(tag.Name, label, url));
                    }
                }

                if (!catalog._entries.ContainsKey(tag.Name))
                {
                    catalog._tags.Add(tag.Name);
                    catalog._entries.Add(tag.Name, list);
                }
            }
        }
        catch (JsonException ex)
        {
            throw new CacheMetaException(ErrorIds.InvalidCatalog, CacheErrorKind.InvalidData, "The catalog is not valid JSON: " + ex.Message,
                target, ex.LineNumber is long n ? (int)n + 1 : 0, innerException: ex);
        }
        catch (InvalidOperationException ex)
        {
            // A string that is not valid UTF-8: System.Text.Json checks only when decoding (found by fuzzing).
            throw new CacheMetaException(ErrorIds.InvalidCatalog, CacheErrorKind.InvalidData, "The catalog is not valid JSON: " + ex.Message,
                target, innerException: ex);
        }

        return catalog;
    }

    private static string? Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static CacheMetaException Invalid(string reason, string target) =>
        new(ErrorIds.InvalidCatalog, CacheErrorKind.InvalidData, "The catalog is not usable: " + reason + ".", target);
}
