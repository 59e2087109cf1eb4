using System;
using System.Collections.Generic;
using System.Text.Json;
using CacheMeta.Binaries.Signing;

namespace CacheMeta.Binaries;

/// <summary>One blob a v3 manifest lists.</summary>
internal sealed class ManifestBlob
{
    public ManifestBlob(string mediaType, string checksumAlgorithm, string checksum, long contentLength, string compression)
    {
        MediaType = mediaType;
        ChecksumAlgorithm = checksumAlgorithm;
        Checksum = checksum;
        ContentLength = contentLength;
        Compression = compression;
    }

    public string MediaType { get; }

    public string ChecksumAlgorithm { get; }

    public string Checksum { get; }

    public long ContentLength { get; }

    public string Compression { get; }

    /// <summary>The blob's path under the mirror root.</summary>
    public string Path => Mirrors.MirrorLayout.BlobPath(ChecksumAlgorithm, Checksum);
}

/// <summary>
/// Reads the documents of a binary's entry: a v3 manifest (<c>{"version": 3, "data": [{mediaType, checksum, ...}]}</c>,
/// clearsigned or plain; schema: spack lib/spack/spack/schema/url_buildcache_manifest.py) and a v2 spec file, whose
/// <c>binary_cache_checksum.hash</c> is the tarball's SHA-256. Malformed ones throw InvalidSpecManifest.
/// </summary>
internal static class EntryDocuments
{
    /// <summary>Media type prefixes of the blobs a spec manifest lists.</summary>
    public const string TarballType = "application/vnd.spack.install", SpecType = "application/vnd.spack.spec",
        KeyIndexType = "application/vnd.spack.keyindex", KeyType = "application/pgp-keys";

    /// <summary>The blobs of a v3 manifest, in its order.</summary>
    public static IReadOnlyList<ManifestBlob> Blobs(byte[] content, string target)
    {
        try
        {
            using var document = JsonDocument.Parse(ClearSignedText.JsonOf(content, target));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version)
                || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 3
                || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                throw Invalid("it is not a version 3 manifest with a 'data' list", target);
            }

            var blobs = new List<ManifestBlob>();
            foreach (var item in data.EnumerateArray())
            {
                string? mediaType = Text(item, "mediaType"), algorithm = Text(item, "checksumAlgorithm") ?? "sha256", checksum = Text(item, "checksum");
                if (mediaType is null || checksum is null || !item.TryGetProperty("contentLength", out var length) || !length.TryGetInt64(out long bytes)
                    || bytes < 0 || algorithm != "sha256" || !Http.LocalCache.IsSha256(checksum))
                {
                    throw Invalid("an entry of its 'data' lacks a mediaType, a sha256 checksum or a contentLength", target);
                }

                blobs.Add(new ManifestBlob(mediaType, algorithm, checksum, bytes, Text(item, "compression") ?? "none"));
            }

            return blobs;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw Invalid("it is not valid JSON: " + ex.Message, target);
        }
    }

    /// <summary>The first blob whose media type starts with <paramref name="prefix"/>; InvalidSpecManifest when there is none.</summary>
    public static ManifestBlob Find(IReadOnlyList<ManifestBlob> blobs, string prefix, string target)
    {
        foreach (var blob in blobs)
        {
            if (blob.MediaType.StartsWith(prefix, StringComparison.Ordinal))
            {
                return blob;
            }
        }

        throw Invalid($"it lists no blob of type {prefix}*", target);
    }

    /// <summary>The tarball's SHA-256 from a v2 spec file (<c>binary_cache_checksum</c>).</summary>
    public static string TarballChecksum(byte[] content, string target)
    {
        try
        {
            using var document = JsonDocument.Parse(ClearSignedText.JsonOf(content, target));
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("binary_cache_checksum", out var checksum) && checksum.ValueKind == JsonValueKind.Object
                && Text(checksum, "hash") is { } hash && LocalCacheSha(hash) && (Text(checksum, "hash_algorithm") ?? "sha256") == "sha256")
            {
                return hash;
            }

            throw Invalid("it has no binary_cache_checksum with a sha256 hash", target);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw Invalid("it is not valid JSON: " + ex.Message, target);
        }
    }

    /// <summary>The fingerprints of a key index (<c>{"keys": {"&lt;fingerprint&gt;": {}}}</c>, both layouts).</summary>
    public static IReadOnlyList<string> KeyFingerprints(byte[] content, string target)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            var fingerprints = new List<string>();
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("keys", out var keys)
                && keys.ValueKind == JsonValueKind.Object)
            {
                foreach (var key in keys.EnumerateObject())
                {
                    if (key.Name.Length > 0 && key.Name.IndexOfAny(new[] { '/', '\\', '.' }) < 0)
                    {
                        fingerprints.Add(key.Name); // a name that cannot leave the key folder
                    }
                }
            }

            return fingerprints;
        }
        catch (JsonException ex)
        {
            throw new CacheMetaException(ErrorIds.InvalidKeyFile, CacheErrorKind.InvalidData, "The key index is not valid JSON: " + ex.Message, target, innerException: ex);
        }
    }

    private static bool LocalCacheSha(string hash) => Http.LocalCache.IsSha256(hash);

    private static string? Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static CacheMetaException Invalid(string why, string target) =>
        new(ErrorIds.InvalidSpecManifest, CacheErrorKind.InvalidData, $"The entry cannot be read: {why}.", target);
}
