using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using CacheMeta.Index;
using CacheMeta.IO;
using CacheMeta.Sources;

namespace CacheMeta.Http;

/// <summary>
/// Gets a build-cache index to the local disk, downloading only what changed:
/// <list type="bullet">
/// <item>v2 (<c>build_cache/index.json</c>): <c>index.json.hash</c> is fetched first; when it equals the
/// cached copy's SHA-256 nothing else is fetched. Otherwise the index is fetched (If-None-Match with the
/// cached ETag) and must hash to what <c>index.json.hash</c> says.</item>
/// <item>v3: the small manifest is fetched (If-None-Match); when it names a blob the cache holds, nothing else
/// is fetched. Otherwise the blob is fetched and must have the manifest's length and SHA-256.</item>
/// <item>A blob address (what the public catalog lists) names its SHA-256: a cached blob is used with no
/// request at all.</item>
/// </list>
/// A download that fails verification is discarded and reported (IndexChecksumMismatch); nothing half-written
/// is ever stored. Offline, only the cache is used (CacheEntryMissing when it has no copy). Local mirrors are
/// read in place: v3 blobs are still verified.
/// </summary>
public sealed class IndexFetcher
{
    private const int MaxManifestBytes = 16 * 1024 * 1024, MaxHashBytes = 1024;

    private readonly FetchOptions _options;
    private readonly ISourceObserver _observer;
    private readonly HttpFetcher _http;

    /// <summary>Creates a fetcher; <paramref name="handler"/> replaces the shared HTTP handler (tests).</summary>
    public IndexFetcher(FetchOptions options, ISourceObserver? observer = null, HttpMessageHandler? handler = null)
    {
        _options = options;
        _observer = observer ?? NullSourceObserver.Instance;
        _http = new HttpFetcher(options, _observer, handler);
        Cache = new LocalCache(options.CacheDirectory);
    }

    /// <summary>The local cache in use.</summary>
    public LocalCache Cache { get; }

    /// <summary>The options in use.</summary>
    public FetchOptions Options => _options;

    /// <summary>The index at <paramref name="location"/>, on the local disk and verified.</summary>
    public LocalIndex Fetch(IndexLocation location, CancellationToken cancellationToken)
    {
        if (!location.IsRemote)
        {
            return LocalMirrors.Open(location);
        }

        if (_options.Offline)
        {
            return Cached(location);
        }

        // A copy evicted by another session between finding and opening it: find it once more.
        return Remote(location, cancellationToken) ?? Remote(location, cancellationToken)
            ?? throw new CacheMetaException(ErrorIds.CacheEntryMissing, CacheErrorKind.ResourceUnavailable,
                "The cached index was replaced while it was being opened; run the command again.", location.Address);
    }

    /// <summary>A small document (a catalog), cached by its URL and refreshed with If-None-Match.</summary>
    public byte[] FetchDocument(Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        string slot = url.ToString();
        var pointer = Cache.ReadPointer(slot);
        if (_options.Offline)
        {
            return ReadBlob(pointer, url.ToString()) ?? throw Missing(url.ToString());
        }

        byte[]? cached = ReadBlob(pointer, slot);
        var download = Download(url, cached is null ? null : pointer!.ETag, maxBytes, cancellationToken);
        if (download is null)
        {
            return cached!;
        }

        using (download)
        {
            Store(download, slot, url.ToString());
            return File.ReadAllBytes(Cache.BlobPath(download.Sha256));
        }
    }

    private LocalIndex? Remote(IndexLocation location, CancellationToken cancellationToken)
    {
        var pointer = Cache.ReadPointer(location.Slot);
        switch (location.Layout)
        {
            case IndexLayout.Blob:
                return FromBlob(location, cancellationToken);
            case IndexLayout.V2Index:
                return FromV2(location, pointer, cancellationToken) ?? throw NotFound(location);
            case IndexLayout.V3Manifest:
                return FromV3(new Uri(location.Address), location, pointer, cancellationToken) ?? throw NotFound(location);
            default:
                // A mirror root: the layout the cache saw last time first, then v3, then v2.
                bool v2First = pointer?.Url.EndsWith(IndexLocation.V2Index, StringComparison.Ordinal) == true;
                var manifest = new Uri(location.Under(IndexLocation.DefaultManifest));
                return (v2First ? FromV2(location, pointer, cancellationToken) : FromV3(manifest, location, pointer, cancellationToken))
                    ?? (v2First ? FromV3(manifest, location, pointer, cancellationToken) : FromV2(location, pointer, cancellationToken))
                    ?? throw NotFound(location);
        }
    }

    private LocalIndex? FromBlob(IndexLocation location, CancellationToken cancellationToken)
    {
        string sum = location.Checksum!;
        if (Cache.OpenBlob(sum, location.Address) is { } cached)
        {
            _observer.Verbose($"Using the cached index {sum.Substring(0, 12)} for {location.Address} (no request: the address names its checksum).");
            NotePointer(location, location.Address, sum, null);
            return cached;
        }

        using var download = Download(new Uri(location.Address), null, _options.MaxDownloadBytes, cancellationToken)!;
        Verify(download, sum, null, location.Address);
        Store(download, location.Slot, location.Address);
        return Cache.OpenBlob(sum, location.Address);
    }

    private LocalIndex? FromV3(Uri manifestUrl, IndexLocation location, CachePointer? pointer, CancellationToken cancellationToken)
    {
        bool current = pointer is not null && pointer.Url == manifestUrl.ToString() && File.Exists(Cache.BlobPath(pointer.Sha256));
        using var buffer = new MemoryStream();
        FetchResult result;
        try
        {
            result = _http.Download(manifestUrl, current ? pointer!.ETag : null, buffer, MaxManifestBytes, cancellationToken);
        }
        catch (CacheMetaException ex) when (ex.Kind == CacheErrorKind.ObjectNotFound)
        {
            return null;
        }

        if (result.IsNotModified)
        {
            _observer.Verbose($"The index manifest {manifestUrl} has not changed (304); using the cached index.");
            return Cache.OpenBlob(pointer!.Sha256, pointer.Url);
        }

        var entry = IndexManifest.ChooseIndex(buffer.ToArray(), manifestUrl.ToString());
        string blobUrl = location.Under(entry.BlobPath);
        if (Cache.OpenBlob(entry.Checksum, blobUrl) is { } cached)
        {
            _observer.Verbose($"The manifest {manifestUrl} names index {entry.Checksum.Substring(0, 12)}, which is cached.");
            NotePointer(location, manifestUrl.ToString(), entry.Checksum, result.ETag);
            return cached;
        }

        if (entry.ContentLength > _options.MaxDownloadBytes)
        {
            throw new CacheMetaException(ErrorIds.DownloadTooLarge, CacheErrorKind.LimitsExceeded,
                $"The index is {entry.ContentLength:N0} bytes, more than the cap of {_options.MaxDownloadBytes:N0}.", blobUrl);
        }

        using var download = Download(new Uri(blobUrl), null, _options.MaxDownloadBytes, cancellationToken)!;
        Verify(download, entry.Checksum, entry.ContentLength, blobUrl);
        Cache.CommitBlob(download.TempPath, download.Sha256);
        Cache.WritePointer(new CachePointer(location.Slot, manifestUrl.ToString(), download.Sha256, result.ETag, DateTime.UtcNow));
        return Cache.OpenBlob(entry.Checksum, blobUrl);
    }

    private LocalIndex? FromV2(IndexLocation location, CachePointer? pointer, CancellationToken cancellationToken)
    {
        var indexUrl = new Uri(location.Layout == IndexLayout.V2Index ? location.Address : location.Under(IndexLocation.V2Index));
        string? remoteHash = _http.GetText(new Uri(indexUrl + ".hash"), MaxHashBytes, cancellationToken);
        if (remoteHash is not null && !LocalCache.IsSha256(remoteHash))
        {
            _observer.Verbose($"{indexUrl}.hash does not hold a SHA-256; the index is checked by ETag instead.");
            remoteHash = null;
        }

        bool cached = pointer is not null && pointer.Url == indexUrl.ToString() && File.Exists(Cache.BlobPath(pointer.Sha256));
        if (cached && remoteHash == pointer!.Sha256)
        {
            _observer.Verbose($"{indexUrl}.hash matches the cached index; nothing to download.");
            return Cache.OpenBlob(pointer.Sha256, indexUrl.ToString());
        }

        Download? download;
        try
        {
            download = Download(indexUrl, cached ? pointer!.ETag : null, _options.MaxDownloadBytes, cancellationToken);
        }
        catch (CacheMetaException ex) when (ex.Kind == CacheErrorKind.ObjectNotFound && remoteHash is null)
        {
            return null;
        }

        if (download is null)
        {
            _observer.Verbose($"{indexUrl} has not changed (304); using the cached index.");
            return Cache.OpenBlob(pointer!.Sha256, indexUrl.ToString());
        }

        using (download)
        {
            if (remoteHash is not null)
            {
                Verify(download, remoteHash, null, indexUrl.ToString());
            }

            Store(download, location.Slot, indexUrl.ToString());
            return Cache.OpenBlob(download.Sha256, indexUrl.ToString());
        }
    }

    private LocalIndex Cached(IndexLocation location)
    {
        if (location.Layout == IndexLayout.Blob)
        {
            return Cache.OpenBlob(location.Checksum!, location.Address) ?? throw Missing(location.Address);
        }

        var pointer = Cache.ReadPointer(location.Slot);
        _observer.Verbose(pointer is null ? $"No cached copy of {location.Address}." : $"Offline: using the copy of {pointer.Url} checked {pointer.CheckedUtc:u}.");
        return (pointer is null ? null : Cache.OpenBlob(pointer.Sha256, pointer.Url)) ?? throw Missing(location.Address);
    }

    // GETs into a temporary file of the cache; null for 304.
    private Download? Download(Uri url, string? etag, long maxBytes, CancellationToken cancellationToken)
    {
        string temp = Cache.NewTempFile();
        try
        {
            FetchResult result;
            using (var sink = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                result = _http.Download(url, etag, sink, maxBytes, cancellationToken);
                sink.Flush(flushToDisk: true);
            }

            if (result.IsNotModified)
            {
                AtomicFile.TryDelete(temp);
                return null;
            }

            _observer.Verbose($"Downloaded {result.Length:N0} bytes from {url}.");
            return new Download(temp, result);
        }
        catch
        {
            AtomicFile.TryDelete(temp);
            throw;
        }
    }

    private static void Verify(Download download, string sha256, long? length, string url)
    {
        if ((length is long expected && download.Length != expected) || download.Sha256 != sha256)
        {
            string what = length is long n && download.Length != n
                ? $"{download.Length:N0} bytes where {n:N0} were expected"
                : $"SHA-256 {download.Sha256} where {sha256} was expected";
            throw new CacheMetaException(ErrorIds.IndexChecksumMismatch, CacheErrorKind.InvalidData,
                $"The download was discarded: it has {what}.", url);
        }
    }

    private void Store(Download download, string slot, string url)
    {
        Cache.CommitBlob(download.TempPath, download.Sha256);
        Cache.WritePointer(new CachePointer(slot, url, download.Sha256, download.ETag, DateTime.UtcNow));
    }

    // Keeps the slot's pointer on the blob in use, so the blob it replaced can be evicted.
    private void NotePointer(IndexLocation location, string url, string sha256, string? etag)
    {
        var pointer = Cache.ReadPointer(location.Slot);
        if (pointer is null || pointer.Sha256 != sha256 || pointer.Url != url || (etag is not null && pointer.ETag != etag))
        {
            Cache.WritePointer(new CachePointer(location.Slot, url, sha256, etag ?? pointer?.ETag, DateTime.UtcNow));
        }
    }

    private byte[]? ReadBlob(CachePointer? pointer, string slot)
    {
        if (pointer is null)
        {
            return null;
        }

        try
        {
            return File.ReadAllBytes(Cache.BlobPath(pointer.Sha256));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            _observer.Verbose($"The cached copy of {slot} is gone.");
            return null;
        }
    }

    private static CacheMetaException Missing(string address) =>
        new(ErrorIds.CacheEntryMissing, CacheErrorKind.ObjectNotFound,
            "-Offline was given and the local cache holds no copy of this; run the command once without -Offline.", address);

    private static CacheMetaException NotFound(IndexLocation location) =>
        new(ErrorIds.IndexNotFound, CacheErrorKind.ObjectNotFound,
            $"No build-cache index there: neither {IndexLocation.DefaultManifest} nor {IndexLocation.V2Index} exists.", location.Address);
}

/// <summary>A finished download in a temporary file of the cache, deleted on dispose unless committed.</summary>
internal sealed class Download : IDisposable
{
    public Download(string tempPath, FetchResult result)
    {
        TempPath = tempPath;
        Sha256 = result.Sha256;
        Length = result.Length;
        ETag = result.ETag;
    }

    public string TempPath { get; }

    public string Sha256 { get; }

    public long Length { get; }

    public string? ETag { get; }

    public void Dispose() => AtomicFile.TryDelete(TempPath); // gone already once committed
}
