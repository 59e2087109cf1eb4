using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CacheMeta.IO;

namespace CacheMeta.Http;

/// <summary>What a HEAD request said about a URL (a tarball): its length, date and ETag, and the checksum it was checked for.</summary>
internal sealed class HeadRecord
{
    public HeadRecord(string url, long length, DateTimeOffset? lastModified, string? etag, string? checksum)
    {
        Url = url;
        Length = length;
        LastModified = lastModified;
        ETag = etag;
        Checksum = checksum;
    }

    public string Url { get; }

    public long Length { get; }

    public DateTimeOffset? LastModified { get; }

    public string? ETag { get; }

    /// <summary>
    /// The SHA-256 the entry's manifest or spec file gave for the resource when it was asked about; while the entry
    /// still names the same checksum the answer stands (the content is the same), so no request is needed.
    /// </summary>
    public string? Checksum { get; }
}

/// <summary>
/// HEAD answers kept in the cache folder (<c>heads/&lt;hash of the URL&gt;.json</c>), each replaced atomically: a tarball's
/// size and date are asked for once per content, and again only with If-None-Match.
/// </summary>
internal sealed class HeadCache
{
    private readonly string _folder;

    public HeadCache(LocalCache cache) => _folder = Path.Combine(cache.Root, "heads");

    /// <summary>The answer kept for <paramref name="url"/>; null when there is none or it cannot be read.</summary>
    public HeadRecord? Read(string url)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(PathOf(url)));
            var root = document.RootElement;
            if (root.GetProperty("url").GetString() != url)
            {
                return null;
            }

            DateTimeOffset? modified = root.TryGetProperty("lastModified", out var m) && m.TryGetDateTimeOffset(out var d) ? d : null;
            return new HeadRecord(url, root.GetProperty("length").GetInt64(), modified, Text(root, "etag"), Text(root, "checksum"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException
            or System.Collections.Generic.KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Keeps an answer; a failure to write only costs a request next time.</summary>
    public void Write(HeadRecord record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("url", record.Url);
            writer.WriteNumber("length", record.Length);
            if (record.LastModified is { } modified)
            {
                writer.WriteString("lastModified", modified);
            }

            if (record.ETag is not null)
            {
                writer.WriteString("etag", record.ETag);
            }

            if (record.Checksum is not null)
            {
                writer.WriteString("checksum", record.Checksum);
            }

            writer.WriteEndObject();
        }

        try
        {
            AtomicFile.WriteAllBytes(PathOf(record.Url), buffer.ToArray(), overwrite: true);
        }
        catch (CacheMetaException)
        {
            // a read-only cache folder: the answer is simply not kept
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private string PathOf(string url)
    {
        using var sha = SHA256.Create();
        return Path.Combine(_folder, HttpFetcher.Hex(sha.ComputeHash(Encoding.UTF8.GetBytes(url))).Substring(0, 32) + ".json");
    }
}
