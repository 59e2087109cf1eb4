using System;
using System.IO;
using System.Threading;
using CacheMeta.Http;
using CacheMeta.Text;

namespace CacheMeta.Binaries;

/// <summary>What is known of a file in a mirror without reading it: its length and date.</summary>
internal sealed class FileFacts
{
    public FileFacts(long? length, DateTimeOffset? lastModified)
    {
        Length = length;
        LastModified = lastModified;
    }

    public long? Length { get; }

    public DateTimeOffset? LastModified { get; }
}

/// <summary>
/// The files of mirrors, remote or on disk, as the binary commands read them. Remote documents (spec manifests, spec
/// files, key indexes) go through the download cache, kept and refreshed with If-None-Match; small blobs (keys, spec
/// metadata) are content-addressed and come from the cache with no request once held; a tarball's length and date
/// come from a HEAD answer kept in the cache for as long as the entry names the same checksum. A mirror on disk is
/// read in place. Safe to use from several threads (with a thread-safe observer).
/// </summary>
internal sealed class MirrorFiles
{
    /// <summary>The cap on a manifest, spec file or key: far above any real one.</summary>
    public const int MaxDocumentBytes = 16 * 1024 * 1024;

    private readonly IndexFetcher _fetcher;
    private readonly HeadCache _heads;

    public MirrorFiles(IndexFetcher fetcher)
    {
        _fetcher = fetcher;
        _heads = new HeadCache(fetcher.Cache);
    }

    public IndexFetcher Fetcher => _fetcher;

    /// <summary>A document of the mirror; null when it has none.</summary>
    public CachedDocument? Document(MirrorRoot mirror, string relative, CancellationToken cancellationToken)
    {
        string address = mirror.Under(relative);
        if (mirror.IsRemote)
        {
            return _fetcher.FetchCachedDocument(new Uri(address), MaxDocumentBytes, cancellationToken);
        }

        var file = new FileInfo(address);
        if (!file.Exists)
        {
            return null;
        }

        if (file.Length > MaxDocumentBytes)
        {
            throw new CacheMetaException(ErrorIds.DownloadTooLarge, CacheErrorKind.LimitsExceeded,
                $"The file is larger than the cap of {MaxDocumentBytes:N0} bytes.", address);
        }

        return new CachedDocument(Read(address), address, file.LastWriteTimeUtc);
    }

    /// <summary>A small blob, verified against its manifest entry; null when the mirror has none. InvalidSpecManifest-free: a mismatch is BinaryChecksumMismatch.</summary>
    public byte[]? Blob(MirrorRoot mirror, ManifestBlob blob, CancellationToken cancellationToken)
    {
        string address = mirror.Under(blob.Path);
        string cached = _fetcher.Cache.BlobPath(blob.Checksum);
        if (mirror.IsRemote && File.Exists(cached))
        {
            return Read(cached); // content-addressed: verified when it was stored
        }

        byte[] content;
        if (mirror.IsRemote)
        {
            using var buffer = new MemoryStream();
            try
            {
                _fetcher.Http.Download(new Uri(address), null, buffer, Math.Min(blob.ContentLength, MaxDocumentBytes) + 1, cancellationToken);
            }
            catch (CacheMetaException ex) when (ex.ErrorId == ErrorIds.DownloadFailed && ex.Kind == CacheErrorKind.ObjectNotFound)
            {
                return null;
            }

            content = buffer.ToArray();
        }
        else
        {
            if (!File.Exists(address))
            {
                return null;
            }

            content = Read(address);
        }

        string sum;
        using (var sha = System.Security.Cryptography.SHA256.Create())
        {
            sum = HttpFetcher.Hex(sha.ComputeHash(content));
        }

        if (sum != blob.Checksum || content.Length != blob.ContentLength)
        {
            throw Mismatch(address, content.Length, sum, blob.ContentLength, blob.Checksum);
        }

        if (mirror.IsRemote)
        {
            IO.AtomicFile.WriteAllBytes(cached, content, overwrite: true);
        }

        return content;
    }

    /// <summary>
    /// The length and date of a file (a tarball) whose content has <paramref name="checksum"/>; null when the mirror
    /// does not have it. A remote answer is kept and reused while the checksum is the same.
    /// </summary>
    public FileFacts? Facts(MirrorRoot mirror, string relative, string checksum, CancellationToken cancellationToken)
    {
        string address = mirror.Under(relative);
        if (!mirror.IsRemote)
        {
            var file = new FileInfo(address);
            return file.Exists ? new FileFacts(file.Length, file.LastWriteTimeUtc) : null;
        }

        var kept = _heads.Read(address);
        if (kept is not null && kept.Checksum == checksum)
        {
            return new FileFacts(kept.Length, kept.LastModified);
        }

        if (_fetcher.Options.Offline)
        {
            throw new CacheMetaException(ErrorIds.CacheEntryMissing, CacheErrorKind.ObjectNotFound,
                "Reading offline, and the local cache holds no answer for this tarball.", address) { Remedy = CacheRemedy.ReadOnline };
        }

        var answer = _fetcher.Head(new Uri(address), kept?.ETag, cancellationToken);
        if (answer.IsNotModified && kept is not null)
        {
            _heads.Write(new HeadRecord(address, kept.Length, kept.LastModified, kept.ETag, checksum));
            return new FileFacts(kept.Length, kept.LastModified);
        }

        if (!answer.Exists)
        {
            return null;
        }

        if (answer.Length is long length)
        {
            _heads.Write(new HeadRecord(address, length, answer.LastModified, answer.ETag, checksum));
        }

        return new FileFacts(answer.Length, answer.LastModified);
    }

    internal static CacheMetaException Mismatch(string address, long length, string sum, long expectedLength, string expectedSum) =>
        new(ErrorIds.BinaryChecksumMismatch, CacheErrorKind.InvalidData, length != expectedLength
            ? $"It has {Plural.Count(length, "byte")} where {expectedLength:N0} were expected; nothing was kept."
            : $"Its SHA-256 is {sum} where {expectedSum} was expected; nothing was kept.", address);

    private static byte[] Read(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CacheMetaException(ErrorIds.FileReadFailed, CacheErrorKind.ResourceUnavailable, "The file could not be read: " + ex.Message, path, innerException: ex);
        }
    }
}
