using System;
using System.IO;

namespace CacheMeta.Sources;

/// <summary>
/// Addresses of catalogs, mirrors and indexes as users and catalogs write them — http(s) URLs, the public
/// bucket's <c>s3://spack-binaries/</c> form, <c>file:</c> URLs and paths — read the same way everywhere.
/// </summary>
internal static class SourceAddress
{
    /// <summary>The public bucket, as the public catalog names it, and its HTTPS front.</summary>
    public const string PublicBucket = "s3://spack-binaries/", PublicBucketHttp = "https://binaries.spack.io/";

    /// <summary>
    /// True when the text is a URL (it names a scheme: <c>https://</c>, <c>s3://</c>, <c>file://</c>), used as
    /// given; anything else is a path, which the caller takes against its current location.
    /// </summary>
    public static bool IsUrl(string text) => text.IndexOf("://", StringComparison.Ordinal) > 0;

    /// <summary>
    /// The address trimmed, with the public bucket's <c>s3://</c> form read as its HTTPS front. Throws
    /// <see cref="ArgumentException"/> for another bucket's s3 address, which only S3 clients can read.
    /// </summary>
    public static string Normalize(string address)
    {
        string text = address.Trim();
        if (!text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        if (!text.StartsWith(PublicBucket, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{address}' is an S3 address of a bucket other than the public cache's; give its HTTPS address instead.");
        }

        return PublicBucketHttp + text.Substring(PublicBucket.Length);
    }

    /// <summary>The http(s) URL of a normalized address; null for a path or a <c>file:</c> URL.</summary>
    public static Uri? HttpUri(string normalized) =>
        Uri.TryCreate(normalized, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;

    /// <summary>The file system path of a normalized address that is not an http(s) URL (a <c>file:</c> URL or a path).</summary>
    public static string LocalPath(string normalized) =>
        normalized.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(normalized, UriKind.Absolute, out var uri) && uri.IsFile
            ? uri.LocalPath
            : normalized;

    /// <summary>
    /// An entry of the catalog at <paramref name="catalog"/>, made absolute. A relative entry is taken against the
    /// catalog's own address: its URL when it was read over HTTP, its file's folder when it is a file; never
    /// against the folder the process happens to run in.
    /// </summary>
    public static string Resolve(string entry, string catalog)
    {
        string text = Normalize(entry);
        if (IsUrl(text) || text.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || Path.IsPathRooted(text))
        {
            return text;
        }

        string home = Normalize(catalog);
        if (HttpUri(home) is { } url)
        {
            return new Uri(url, text.Replace('\\', '/')).ToString();
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(LocalPath(home))) ?? string.Empty;
        return Path.GetFullPath(Path.Combine(folder, text));
    }
}
