using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CacheMeta.Http;

namespace CacheMeta.Index;

/// <summary>The index blob a v3 manifest points at.</summary>
internal sealed class ManifestEntry
{
    internal ManifestEntry(string mediaType, int databaseVersion, string checksum, long? contentLength, bool gzip)
    {
        MediaType = mediaType;
        DatabaseVersion = databaseVersion;
        Checksum = checksum;
        ContentLength = contentLength;
        Gzip = gzip;
    }

    /// <summary>e.g. <c>application/vnd.spack.db.v8+json</c>.</summary>
    public string MediaType { get; }

    /// <summary>The database version the media type names.</summary>
    public int DatabaseVersion { get; }

    /// <summary>SHA-256 of the blob, lower-case hex.</summary>
    public string Checksum { get; }

    /// <summary>The blob's length in bytes, when the manifest states it.</summary>
    public long? ContentLength { get; }

    /// <summary>True when the blob is gzip-compressed.</summary>
    public bool Gzip { get; }

    /// <summary>The blob's path under the mirror root.</summary>
    public string BlobPath => "blobs/sha256/" + Checksum.Substring(0, 2) + "/" + Checksum;
}

/// <summary>
/// Reads <c>v3/manifests/index/index.manifest.json</c>: <c>{"version": 3, "data": [{mediaType, checksum,
/// checksumAlgorithm, contentLength, compression}]}</c>, possibly PGP clear-signed. From Spack 1.3 a manifest
/// may list indexes of several database versions; the newest one CacheMeta reads is chosen.
/// </summary>
internal static class IndexManifest
{
    private const string IndexMediaType = "application/vnd.spack.db";

    /// <summary>The entry to read; throws InvalidManifest or UnsupportedIndexVersion.</summary>
    public static ManifestEntry ChooseIndex(byte[] content, string target)
    {
        try
        {
            using var document = JsonDocument.Parse(StripClearSignature(content));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version)
                || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 3)
            {
                throw Invalid("it is not a version 3 manifest", target);
            }

            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                throw Invalid("it has no 'data' list", target);
            }

            ManifestEntry? best = null;
            var unsupported = new List<string>();
            foreach (var item in data.EnumerateArray())
            {
                string? mediaType = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("mediaType", out var m) ? m.GetString() : null;
                if (mediaType is null || !mediaType.StartsWith(IndexMediaType, StringComparison.Ordinal))
                {
                    continue;
                }

                int db = MediaTypeVersion(mediaType);
                if (db < Index.DatabaseVersion.Oldest || db > Index.DatabaseVersion.Newest)
                {
                    unsupported.Add(mediaType);
                    continue;
                }

                var entry = Entry(item, mediaType, db, target);
                if (best is null || entry.DatabaseVersion > best.DatabaseVersion)
                {
                    best = entry;
                }
            }

            if (best is not null)
            {
                return best;
            }

            if (unsupported.Count > 0)
            {
                throw new CacheMetaException(ErrorIds.UnsupportedIndexVersion, CacheErrorKind.NotImplemented,
                    $"The manifest lists only indexes CacheMeta does not read ({string.Join(", ", unsupported)}); it reads database versions {Index.DatabaseVersion.Oldest} to {Index.DatabaseVersion.Newest}.", target);
            }

            throw Invalid($"it lists no '{IndexMediaType}*' entry", target);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new CacheMetaException(ErrorIds.InvalidManifest, CacheErrorKind.InvalidData,
                "The index manifest is not valid JSON of the manifest shape: " + ex.Message, target, innerException: ex);
        }
    }

    private static ManifestEntry Entry(JsonElement item, string mediaType, int db, string target)
    {
        string algorithm = item.TryGetProperty("checksumAlgorithm", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "sha256";
        if (algorithm != "sha256")
        {
            throw Invalid($"the index checksum algorithm is '{algorithm}', not sha256", target);
        }

        string? checksum = item.TryGetProperty("checksum", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        if (checksum is null || !LocalCache.IsSha256(checksum))
        {
            throw Invalid("the index entry has no SHA-256 checksum", target);
        }

        long? length = item.TryGetProperty("contentLength", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt64() : null;
        bool gzip = item.TryGetProperty("compression", out var z) && z.ValueKind == JsonValueKind.String && z.GetString() == "gzip";
        return new ManifestEntry(mediaType, db, checksum, length, gzip);
    }

    // application/vnd.spack.db.v8+json -> 8; 0 when the type names no version.
    private static int MediaTypeVersion(string mediaType)
    {
        int v = mediaType.IndexOf(".v", IndexMediaType.Length, StringComparison.Ordinal);
        if (v < 0)
        {
            return 0;
        }

        int end = v + 2;
        while (end < mediaType.Length && char.IsDigit(mediaType[end]))
        {
            end++;
        }

        return int.TryParse(mediaType.Substring(v + 2, end - v - 2), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 0;
    }

    /// <summary>The signed body of a PGP clear-signed document, or the content itself when it is not signed.</summary>
    internal static byte[] StripClearSignature(byte[] content)
    {
        string text = Encoding.UTF8.GetString(content);
        const string Header = "-----BEGIN PGP SIGNED MESSAGE-----";
        if (!text.TrimStart().StartsWith(Header, StringComparison.Ordinal))
        {
            return content;
        }

        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        var body = new StringBuilder();
        int i = 1;
        while (i < lines.Length && lines[i].Length > 0)
        {
            i++; // armor headers (Hash: SHA256) up to the blank line
        }

        for (i++; i < lines.Length && !lines[i].StartsWith("-----BEGIN PGP SIGNATURE-----", StringComparison.Ordinal); i++)
        {
            string line = lines[i].StartsWith("- ", StringComparison.Ordinal) ? lines[i].Substring(2) : lines[i]; // dash-escaping
            body.Append(line).Append('\n');
        }

        return Encoding.UTF8.GetBytes(body.ToString());
    }

    private static CacheMetaException Invalid(string reason, string target) =>
        new(ErrorIds.InvalidManifest, CacheErrorKind.InvalidData, "The index manifest is not usable: " + reason + ".", target);
}
