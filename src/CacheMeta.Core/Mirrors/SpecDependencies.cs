using System;
using System.Collections.Generic;
using System.Text.Json;

namespace CacheMeta.Mirrors;

/// <summary>
/// The dependency hashes a spec node's JSON lists, in written order, one per entry: <c>dependencies</c> as a list of
/// <c>{name, hash, ...}</c> (spec files v2 and later, database 6 on) or, in the oldest shape, an object of
/// <c>name: {hash, type}</c>. Only what counting references needs; the Index readers interpret the edges.
/// </summary>
internal static class SpecDependencies
{
    /// <summary>The hashes; <paramref name="owner"/> names the record when the bytes are not a JSON object.</summary>
    public static List<string> Hashes(byte[] spec, string owner)
    {
        var hashes = new List<string>();
        try
        {
            var reader = new Utf8JsonReader(spec, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("The spec is not an object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool dependencies = reader.ValueTextEquals("dependencies");
                reader.Read();
                if (!dependencies || reader.TokenType is not (JsonTokenType.StartArray or JsonTokenType.StartObject))
                {
                    reader.Skip();
                    continue;
                }

                bool keyed = reader.TokenType == JsonTokenType.StartObject; // the oldest shape: name -> {hash, type}
                while (reader.Read() && reader.TokenType is not (JsonTokenType.EndArray or JsonTokenType.EndObject))
                {
                    if (keyed)
                    {
                        reader.Read(); // past the dependency's name to its object
                    }

                    if (HashOf(ref reader) is { } hash)
                    {
                        hashes.Add(hash);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new CacheMetaException(ErrorIds.InvalidIndex, CacheErrorKind.InvalidData,
                $"The spec of record {owner} cannot be read for its dependencies: {ex.Message}", owner, innerException: ex);
        }

        return hashes;
    }

    // The "hash" of one dependency entry, leaving the reader on the entry's last token.
    private static string? HashOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? hash = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isHash = reader.ValueTextEquals("hash");
            reader.Read();
            if (isHash && reader.TokenType == JsonTokenType.String)
            {
                hash = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return hash;
    }
}
