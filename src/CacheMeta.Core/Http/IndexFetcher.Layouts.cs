using System;
using System.IO;
using System.Threading;
using CacheMeta.Index;
using CacheMeta.Text;

namespace CacheMeta.Http;

/// <summary>How each index layout is brought up to date: v2 by its hash file, v3 by its manifest, a blob by its name.</summary>
internal sealed partial class IndexFetcher
{
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

    private static void Verify(Download download, string sha256, long? length, string url)
    {
        if ((length is long expected && download.Length != expected) || download.Sha256 != sha256)
        {
            string what = length is long n && download.Length != n
                ? $"{Plural.Count(download.Length, "byte")} where {n:N0} {(n == 1 ? "was" : "were")} expected"
                : $"SHA-256 {download.Sha256} where {sha256} was expected";
            throw new CacheMetaException(ErrorIds.IndexChecksumMismatch, CacheErrorKind.InvalidData,
                $"The download was discarded: it has {what}.", url);
        }
    }
}
