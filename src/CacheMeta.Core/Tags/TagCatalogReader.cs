using System.Collections.Generic;
using System.Text.Json;

namespace CacheMeta.Tags;

/// <summary>
/// Reads a catalog in the shape of the public cache's <c>cache_spack_io_index.json</c>: an object mapping each
/// tag to a list of <c>{label, url}</c> entries, one per stack (label <c>root</c> for the union cache). The
/// labels are the tag's stacks. A malformed catalog is an InvalidCatalog error.
/// </summary>
public static class TagCatalogReader
{
    /// <summary>Reads a catalog file into <paramref name="tags"/>.</summary>
    public static void ReadFile(string path, TagCollector tags) => Read(TagFile.ReadText(path, ErrorIds.InvalidCatalog), path, tags);

    /// <summary>Reads catalog text; <paramref name="path"/> names it in errors and becomes each tag's Source.</summary>
    public static void Read(string json, string path, TagCollector tags)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new CacheMetaException(ErrorIds.InvalidCatalog, CacheErrorKind.InvalidData, "The catalog is not valid JSON: " + ex.Message,
                path, (int)(ex.LineNumber ?? -1) + 1, (int)(ex.BytePositionInLine ?? -1) + 1, ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, $"A catalog is an object mapping each tag to its stacks, not {Describe(root)}.");
            }

            foreach (var tag in root.EnumerateObject())
            {
                if (tag.Value.ValueKind != JsonValueKind.Array)
                {
                    throw Invalid(path, $"The catalog's entry for '{tag.Name}' must be a list of {{label, url}} objects, not {Describe(tag.Value)}.");
                }

                var stacks = new List<string>();
                foreach (var item in tag.Value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("label", out var label)
                        || label.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(label.GetString()))
                    {
                        throw Invalid(path, $"Each stack of '{tag.Name}' in the catalog must be an object with a 'label' text.");
                    }

                    stacks.Add(label.GetString()!);
                }

                tags.Add(tag.Name, stacks, path);
            }
        }
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static CacheMetaException Invalid(string path, string reason) =>
        new(ErrorIds.InvalidCatalog, CacheErrorKind.InvalidData, reason, path);
}
