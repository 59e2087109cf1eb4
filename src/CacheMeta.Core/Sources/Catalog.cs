using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using CacheMeta.Http;
using CacheMeta.IO;

namespace CacheMeta.Sources;

/// <summary>One index of a tag in a catalog: a stack's label (<c>root</c> for the tag's whole cache) and its address.</summary>
internal sealed class CatalogEntry
{
    /// <summary>Creates an entry.</summary>
    public CatalogEntry(string tag, string label, string url, string address)
    {
        Tag = tag;
        Label = label;
        Url = url;
        Address = address;
    }

    /// <summary>The tag (ref): <c>develop</c>, <c>v0.23.1</c>.</summary>
    public string Tag { get; }

    /// <summary>The stack, or <c>root</c>.</summary>
    public string Label { get; }

    /// <summary>The address as the catalog writes it (<c>s3://spack-binaries/...</c> and relative entries are allowed).</summary>
    public string Url { get; }

    /// <summary>The address made absolute against the catalog's own address (see <see cref="SourceAddress.Resolve"/>).</summary>
    public string Address { get; }
}

/// <summary>
/// A catalog of build caches in the shape of the public <c>cache_spack_io_index.json</c>:
/// <c>{"&lt;tag&gt;": [{"label": "root", "url": "..."}, {"label": "e4s", "url": "..."}]}</c>. The one reader of
/// catalogs: the specs of a catalog, its tags (Get-CacheTag) and tab completion all read it here. Rules: the
/// document is an object of tags; each tag is a list of objects with a non-empty <c>label</c> string and a
/// non-empty <c>url</c> string (other keys are ignored); nesting is at most 16 deep. Tags keep the document's
/// order; a repeated tag or, within a tag, a repeated label keeps its first entry.
/// </summary>
internal sealed class Catalog
{
    /// <summary>The public cache's catalog.</summary>
    public const string PublicUrl = "https://binaries.spack.io/cache_spack_io_index.json";

    /// <summary>The environment variable that replaces <see cref="PublicUrl"/> as the default catalog (a URL or a file).</summary>
    public const string UrlVariable = "CACHEMETA_CATALOG";

    /// <summary>The tag read when the query names none.</summary>
    public const string DefaultTag = "develop";

    /// <summary>The label of a tag's whole cache.</summary>
    public const string RootLabel = "root";

    /// <summary>The public catalog is a few hundred kilobytes; anything past this is not a catalog.</summary>
    internal const long MaxBytes = 64L * 1024 * 1024;

    private readonly Dictionary<string, List<CatalogEntry>> _entries = new(StringComparer.Ordinal);
    private readonly List<string> _tags = new();

    private Catalog(string address) => Address = address;

    /// <summary>Where the catalog was read from, as given.</summary>
    public string Address { get; }

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

    /// <summary>
    /// Reads the catalog at <paramref name="address"/> (an absolute path or a URL): over HTTP through the local cache,
    /// refreshed with If-None-Match (offline, the cached copy), or from the file. Throws a <see cref="CacheMetaException"/>.
    /// </summary>
    public static Catalog Load(string address, IndexFetcher fetcher, CancellationToken cancellationToken)
    {
        string normalized;
        try
        {
            normalized = SourceAddress.Normalize(address);
        }
        catch (ArgumentException ex)
        {
            throw new CacheMetaException(ErrorIds.InvalidCatalog, CacheErrorKind.InvalidArgument, ex.Message, address, innerException: ex);
        }

        byte[] content = SourceAddress.HttpUri(normalized) is { } url
            ? fetcher.FetchDocument(url, MaxBytes, cancellationToken)
            : SmallFile.ReadBytes(SourceAddress.LocalPath(normalized), MaxBytes, ErrorIds.InvalidCatalog, "a catalog");
        return Parse(content, address);
    }

    /// <summary>Reads catalog JSON; <paramref name="address"/> names it in errors and is what relative entries are taken against.</summary>
    public static Catalog Parse(byte[] json, string address)
    {
        var catalog = new Catalog(address);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"A catalog is an object mapping each tag to its stacks, not {Describe(root)}.", address);
            }

            foreach (var tag in root.EnumerateObject())
            {
                if (tag.Value.ValueKind != JsonValueKind.Array)
                {
                    throw Invalid($"The catalog's entry for '{tag.Name}' must be a list of {{label, url}} objects, not {Describe(tag.Value)}.", address);
                }

                var list = new List<CatalogEntry>();
                foreach (var item in tag.Value.EnumerateArray())
                {
                    string? label = Text(item, "label"), url = Text(item, "url");
                    if (label is null || url is null)
                    {
                        throw Invalid($"Each stack of '{tag.Name}' in the catalog must be an object with a 'label' and a 'url' text.", address);
                    }

                    if (!list.Exists(e => e.Label == label))
                    {
                        list.Add(new CatalogEntry(tag.Name, label, url, Resolve(url, address)));
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
                address, (int)(ex.LineNumber ?? -1) + 1, (int)(ex.BytePositionInLine ?? -1) + 1, ex);
        }
        catch (InvalidOperationException ex)
        {
            // A string that is not valid UTF-8: System.Text.Json checks only when decoding (found by fuzzing).
            throw new CacheMetaException(ErrorIds.InvalidCatalog, CacheErrorKind.InvalidData, "The catalog is not valid JSON: " + ex.Message,
                address, innerException: ex);
        }

        return catalog;
    }

    // An entry that cannot be made absolute (another bucket's s3 address, characters no path or URL can hold)
    // stays as written: reading it reports why, and the catalog's other entries are still usable.
    private static string Resolve(string url, string address)
    {
        try
        {
            return SourceAddress.Resolve(url, address);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or UriFormatException or System.IO.PathTooLongException)
        {
            return url;
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static CacheMetaException Invalid(string reason, string address) =>
        new(ErrorIds.InvalidCatalog, CacheErrorKind.InvalidData, reason, address);
}
