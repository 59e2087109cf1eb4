using System;
using System.IO;
using System.Threading;
using CacheMeta.IO;
using CacheMeta.Text;

namespace CacheMeta.Http;

/// <summary>A small document as the cache holds it: its bytes, where they came from, and the date the server gave.</summary>
internal sealed class CachedDocument
{
    public CachedDocument(byte[] content, string url, DateTimeOffset? lastModified)
    {
        Content = content;
        Url = url;
        LastModified = lastModified;
    }

    public byte[] Content { get; }

    public string Url { get; }

    /// <summary>The server's Last-Modified for this copy; null when it sent none.</summary>
    public DateTimeOffset? LastModified { get; }
}

/// <summary>Small documents (a catalog, a spec manifest, a spec file), each cached by its URL and refreshed with If-None-Match.</summary>
internal sealed partial class IndexFetcher
{
    /// <summary>A small document (a catalog), cached by its URL and refreshed with If-None-Match.</summary>
    public byte[] FetchDocument(Uri url, long maxBytes, CancellationToken cancellationToken) =>
        FetchCachedDocument(url, maxBytes, cancellationToken)?.Content
            ?? throw new CacheMetaException(ErrorIds.DownloadFailed, CacheErrorKind.ObjectNotFound,
                $"GET {url} failed: the server answered 404 Not Found.", url.ToString());

    /// <summary>
    /// A small document cached by its URL, as <see cref="FetchDocument"/> gets it, with its Last-Modified date; null
    /// when the server has none (404 or 410), so a caller can try another name. Offline, only the cache answers
    /// (CacheEntryMissing when it holds no copy). Safe to call from several threads at once (with a thread-safe observer).
    /// </summary>
    internal CachedDocument? FetchCachedDocument(Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        string slot = url.ToString();
        var pointer = Cache.ReadPointer(slot);
        byte[]? cached = ReadBlob(pointer, slot);
        if (_options.Offline)
        {
            return cached is null ? throw Missing(slot) : new CachedDocument(cached, slot, pointer!.LastModified);
        }

        Download? download;
        DateTimeOffset? modified;
        try
        {
            (download, modified) = DownloadDated(url, cached is null ? null : pointer!.ETag, maxBytes, cancellationToken);
        }
        catch (CacheMetaException ex) when (ex.ErrorId == ErrorIds.DownloadFailed && ex.Kind == CacheErrorKind.ObjectNotFound)
        {
            return null;
        }
        catch (CacheMetaException ex) when (Unreachable(ex) && cached is not null)
        {
            throw OfflineHint(ex);
        }

        if (download is null)
        {
            return new CachedDocument(cached!, slot, pointer!.LastModified);
        }

        using (download)
        {
            Cache.CommitBlob(download.TempPath, download.Sha256);
            Cache.WritePointer(new CachePointer(slot, slot, download.Sha256, download.ETag, DateTime.UtcNow, modified));
            return new CachedDocument(File.ReadAllBytes(Cache.BlobPath(download.Sha256)), slot, modified);
        }
    }

    /// <summary>HEAD requests go through the same HTTP client, retries and observer.</summary>
    internal HeadResult Head(Uri url, string? etag, CancellationToken cancellationToken) => _http.Head(url, etag, cancellationToken);

    /// <summary>The HTTP client with this fetcher's options and observer, for downloads that do not go to the cache (tarballs).</summary>
    internal HttpFetcher Http => _http;

    // As Download, with the server's Last-Modified; (null, null) for 304.
    private (Download? Download, DateTimeOffset? Modified) DownloadDated(Uri url, string? etag, long maxBytes, CancellationToken cancellationToken)
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
                return (null, null);
            }

            _observer.Verbose($"Downloaded {Plural.Count(result.Length, "byte")} from {url}.");
            return (new Download(temp, result), result.LastModified);
        }
        catch
        {
            AtomicFile.TryDelete(temp);
            throw;
        }
    }
}
