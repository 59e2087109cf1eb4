using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CacheMeta.Index;
using CacheMeta.Index.Snapshot;
using CacheMeta.IO;

namespace CacheMeta.Http;

/// <summary>What the cache knows about one remote document: which stored blob holds its current copy.</summary>
internal sealed class CachePointer
{
    /// <summary>Creates a pointer.</summary>
    public CachePointer(string slot, string url, string sha256, string? etag, DateTime checkedUtc, DateTimeOffset? lastModified = null)
    {
        Slot = slot;
        Url = url;
        Sha256 = sha256;
        ETag = etag;
        CheckedUtc = checkedUtc;
        LastModified = lastModified;
    }

    /// <summary>What is cached: a catalog URL, or a mirror's index (the mirror root, whatever the layout).</summary>
    public string Slot { get; }

    /// <summary>The URL the current copy came from.</summary>
    public string Url { get; }

    /// <summary>SHA-256 of the copy; its blob is stored under this name.</summary>
    public string Sha256 { get; }

    /// <summary>The ETag the server gave for what <see cref="Url"/> answered (the index or the v3 manifest).</summary>
    public string? ETag { get; }

    /// <summary>When the copy was last confirmed current.</summary>
    public DateTime CheckedUtc { get; }

    /// <summary>The Last-Modified date the server gave for the copy; null when it gave none.</summary>
    public DateTimeOffset? LastModified { get; }
}

/// <summary>
/// The local cache folder. Downloads are stored as immutable, content-addressed blobs
/// (<c>blobs/sha256/&lt;2&gt;/&lt;sum&gt;</c>, Spack's own v3 naming), written through a temporary file and
/// moved into place only once verified; small pointer files (<c>indexes/*.json</c>) say which blob is the
/// current copy of each catalog or mirror index and are replaced atomically. A reader thus always sees a
/// whole blob and a whole pointer, also with two sessions at once. A blob no pointer names any more is
/// deleted when its pointer moves on, so the folder holds one copy per index.
/// </summary>
internal sealed class LocalCache
{
    /// <summary>The environment variable that overrides the cache folder.</summary>
    public const string DirectoryVariable = "CACHEMETA_CACHE_DIR";

    private const string BlobFolder = "blobs", PointerFolder = "indexes", SnapshotFolder = "snapshots";

    /// <summary>Uses (and creates on first write) the folder <paramref name="root"/>.</summary>
    public LocalCache(string root) => Root = Path.GetFullPath(root);

    /// <summary>The folder.</summary>
    public string Root { get; }

    /// <summary>
    /// <c>$env:CACHEMETA_CACHE_DIR</c>, else the platform's user cache folder: <c>%LOCALAPPDATA%\CacheMeta</c>,
    /// <c>~/Library/Caches/CacheMeta</c>, or <c>$XDG_CACHE_HOME/CacheMeta</c> (default <c>~/.cache/CacheMeta</c>).
    /// </summary>
    public static string DefaultDirectory()
    {
        string? configured = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return configured!;
        }

        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "CacheMeta");
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            return Path.Combine(home, "Library", "Caches", "CacheMeta");
        }

        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".cache") : xdg!, "CacheMeta");
    }

    /// <summary>Where the blob with this SHA-256 is stored.</summary>
    public string BlobPath(string sha256) => Path.Combine(Root, BlobFolder, "sha256", sha256.Substring(0, 2), sha256);

    /// <summary>
    /// Where the snapshot of the blob with this SHA-256 is kept (<c>snapshots/&lt;2&gt;/&lt;sum&gt;.snapshot</c>): the
    /// blob's records in a binary form that a repeated query reads instead of the JSON.
    /// </summary>
    public string SnapshotPath(string sha256) => Path.Combine(Root, SnapshotFolder, sha256.Substring(0, 2), sha256 + ".snapshot");

    /// <summary>Opens a stored blob as an index, with its snapshot; null when it is not there.</summary>
    public LocalIndex? OpenBlob(string sha256, string origin)
    {
        // Snapshots are laid out little-endian and read as such: a big-endian machine reads the JSON every time.
        var snapshot = BitConverter.IsLittleEndian && SnapshotFormat.Sha256Bytes(sha256) is { } key ? new IndexSnapshot(SnapshotPath(sha256), key) : null;
        return LocalIndex.TryOpen(BlobPath(sha256), origin)?.WithSnapshot(snapshot);
    }

    /// <summary>A new temporary file for a download, beside the blobs it will join.</summary>
    internal string NewTempFile() => AtomicFile.CreateTemp(Path.Combine(Root, BlobFolder), "download");

    /// <summary>Moves a verified download into place as the blob with this SHA-256.</summary>
    internal void CommitBlob(string temp, string sha256) => AtomicFile.MoveIfAbsent(temp, BlobPath(sha256));

    /// <summary>The pointer for a slot; null when there is none (or it is unreadable, which counts as none).</summary>
    public CachePointer? ReadPointer(string slot)
    {
        string path = PointerPath(slot);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            string? storedSlot = root.GetProperty("slot").GetString();
            string? url = root.GetProperty("url").GetString();
            string? sha = root.GetProperty("sha256").GetString();
            if (storedSlot != slot || url is null || sha is null || !IsSha256(sha))
            {
                return null;
            }

            string? etag = root.TryGetProperty("etag", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            var checkedUtc = root.TryGetProperty("checked", out var c) && c.TryGetDateTime(out var t) ? t.ToUniversalTime() : DateTime.MinValue;
            DateTimeOffset? modified = root.TryGetProperty("lastModified", out var m) && m.TryGetDateTimeOffset(out var d) ? d : null;
            return new CachePointer(slot, url, sha, etag, checkedUtc, modified);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Replaces a slot's pointer atomically, then deletes the blob it named before if nothing else names it.</summary>
    public void WritePointer(CachePointer pointer)
    {
        var previous = ReadPointer(pointer.Slot);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("slot", pointer.Slot);
            writer.WriteString("url", pointer.Url);
            writer.WriteString("sha256", pointer.Sha256);
            if (pointer.ETag is not null)
            {
                writer.WriteString("etag", pointer.ETag);
            }

            writer.WriteString("checked", pointer.CheckedUtc.ToUniversalTime());
            if (pointer.LastModified is { } modified)
            {
                writer.WriteString("lastModified", modified);
            }

            writer.WriteEndObject();
        }

        string path = PointerPath(pointer.Slot);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllBytes(path, buffer.ToArray(), overwrite: true);
        if (previous is not null && previous.Sha256 != pointer.Sha256 && !IsReferenced(previous.Sha256))
        {
            AtomicFile.TryDelete(BlobPath(previous.Sha256)); // an open reader keeps its copy until it is done
            AtomicFile.TryDelete(SnapshotPath(previous.Sha256));
        }
    }

    /// <summary>True for 64 lower-case hex characters.</summary>
    public static bool IsSha256(string text)
    {
        if (text.Length != 64)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!(c is >= '0' and <= '9' or >= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    private bool IsReferenced(string sha256)
    {
        string folder = Path.Combine(Root, PointerFolder);
        if (!Directory.Exists(folder))
        {
            return false;
        }

        foreach (string file in Directory.EnumerateFiles(folder, "*.json"))
        {
            try
            {
                if (File.ReadAllText(file).Contains(sha256))
                {
                    return true;
                }
            }
            catch (IOException)
            {
                return true; // unsure: keep the blob
            }
        }

        return false;
    }

    private string PointerPath(string slot)
    {
        using var sha = SHA256.Create();
        string name = HttpFetcher.Hex(sha.ComputeHash(Encoding.UTF8.GetBytes(slot))).Substring(0, 32);
        return Path.Combine(Root, PointerFolder, name + ".json");
    }
}
