using System;

namespace CacheMeta.Http;

/// <summary>The outcome of a GET: the body went to the sink, or the server said it has not changed.</summary>
internal sealed class FetchResult
{
    public static readonly FetchResult NotModified = new(true, null, 0, string.Empty);

    public FetchResult(bool notModified, string? etag, long length, string sha256, DateTimeOffset? lastModified = null)
    {
        IsNotModified = notModified;
        ETag = etag;
        Length = length;
        Sha256 = sha256;
        LastModified = lastModified;
    }

    /// <summary>304: the copy named by If-None-Match is current.</summary>
    public bool IsNotModified { get; }

    public string? ETag { get; }

    /// <summary>Bytes received.</summary>
    public long Length { get; }

    /// <summary>SHA-256 of the body, lower-case hex.</summary>
    public string Sha256 { get; }

    /// <summary>The server's Last-Modified header; null when it sent none (or for 304).</summary>
    public DateTimeOffset? LastModified { get; }
}

/// <summary>
/// The outcome of a HEAD: whether the resource exists, its length and date. A 304 (the ETag sent with If-None-Match
/// still holds) is <see cref="IsNotModified"/>, with nothing else known.
/// </summary>
internal sealed class HeadResult
{
    public static readonly HeadResult Missing = new(false, false, null, null, null);
    public static readonly HeadResult NotModified = new(true, true, null, null, null);

    public HeadResult(bool exists, bool notModified, long? length, DateTimeOffset? lastModified, string? etag)
    {
        Exists = exists;
        IsNotModified = notModified;
        Length = length;
        LastModified = lastModified;
        ETag = etag;
    }

    /// <summary>False for 404 and 410.</summary>
    public bool Exists { get; }

    public bool IsNotModified { get; }

    /// <summary>Content-Length; null when the server sent none.</summary>
    public long? Length { get; }

    public DateTimeOffset? LastModified { get; }

    public string? ETag { get; }
}
