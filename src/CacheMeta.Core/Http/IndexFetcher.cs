using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using CacheMeta.Index;
using CacheMeta.IO;
using CacheMeta.Sources;
using CacheMeta.Text;

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
internal sealed partial class IndexFetcher
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

        try
        {
            // A copy evicted by another session between finding and opening it: find it once more.
            return Remote(location, cancellationToken) ?? Remote(location, cancellationToken)
                ?? throw new CacheMetaException(ErrorIds.CacheEntryMissing, CacheErrorKind.ResourceUnavailable,
                    "The cached index was replaced while it was being opened; run the command again.", location.Address);
        }
        catch (CacheMetaException ex) when (Unreachable(ex) && HasCopy(Cache.ReadPointer(location.Slot)))
        {
            throw OfflineHint(ex);
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
    private Download? Download(Uri url, string? etag, long maxBytes, CancellationToken cancellationToken) =>
        DownloadDated(url, etag, maxBytes, cancellationToken).Download;

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

    private static bool Unreachable(CacheMetaException ex) =>
        ex.ErrorId == ErrorIds.DownloadFailed && ex.Kind == CacheErrorKind.ResourceUnavailable;

    private bool HasCopy(CachePointer? pointer) => pointer is not null && File.Exists(Cache.BlobPath(pointer.Sha256));

    // The network is down or the server failing, and an earlier copy is at hand: say how to use it.
    private static CacheMetaException OfflineHint(CacheMetaException ex) =>
        new(ex.ErrorId, ex.Kind, ex.Reason + " The local cache holds an earlier copy.", ex.Target, innerException: ex) { Remedy = CacheRemedy.ReadOffline };

    private static CacheMetaException Missing(string address) =>
        new(ErrorIds.CacheEntryMissing, CacheErrorKind.ObjectNotFound,
            "Reading offline, and the local cache holds no copy of this.", address) { Remedy = CacheRemedy.ReadOnline };

    private static CacheMetaException NotFound(IndexLocation location) =>
        new(ErrorIds.IndexNotFound, CacheErrorKind.ObjectNotFound,
            $"No build-cache index there: neither {IndexLocation.DefaultManifest} nor {IndexLocation.V2Index} exists.", location.Address);
}
