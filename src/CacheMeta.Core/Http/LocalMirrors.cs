using System;
using System.IO;
using System.Security.Cryptography;
using CacheMeta.Index;
using CacheMeta.Text;

namespace CacheMeta.Http;

/// <summary>
/// Indexes of mirrors on the local disk (a site's own mirror, a copy on shared storage), read in place with
/// no caching. A v3 blob is verified against its manifest (or its own name) before use, as a download is.
/// </summary>
internal static class LocalMirrors
{
    public static LocalIndex Open(IndexLocation location)
    {
        switch (location.Layout)
        {
            case IndexLayout.File:
            case IndexLayout.V2Index:
                return OpenFile(location.Address, location.Address);
            case IndexLayout.Blob:
                return Verified(location.Address, location.Checksum!, null);
            case IndexLayout.V3Manifest:
                return FromManifest(location.Address, location);
            default:
                string manifest = location.Under(IndexLocation.DefaultManifest), v2 = location.Under(IndexLocation.V2Index);
                if (File.Exists(manifest))
                {
                    return FromManifest(manifest, location);
                }

                if (File.Exists(v2))
                {
                    return OpenFile(v2, v2);
                }

                throw new CacheMetaException(ErrorIds.IndexNotFound, CacheErrorKind.ObjectNotFound,
                    $"No build-cache index there: neither {IndexLocation.DefaultManifest} nor {IndexLocation.V2Index} exists.", location.Address);
        }
    }

    private static LocalIndex FromManifest(string manifest, IndexLocation location)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(manifest);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(manifest, ex);
        }

        var entry = IndexManifest.ChooseIndex(content, manifest);
        return Verified(location.Under(entry.BlobPath), entry.Checksum, entry.ContentLength);
    }

    private static LocalIndex Verified(string path, string sha256, long? length)
    {
        var index = OpenFile(path, path);
        try
        {
            string actual;
            long size;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan))
            using (var sha = SHA256.Create())
            {
                size = stream.Length;
                actual = HttpFetcher.Hex(sha.ComputeHash(stream));
            }

            if (actual != sha256 || (length is long n && n != size))
            {
                throw new CacheMetaException(ErrorIds.IndexChecksumMismatch, CacheErrorKind.InvalidData,
                    $"The index blob does not match its manifest: {Plural.Count(size, "byte")} with SHA-256 {actual}, expected {(length is null ? "" : Plural.Count(length.Value, "byte") + " with ")}SHA-256 {sha256}.", path);
            }

            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    private static LocalIndex OpenFile(string path, string origin)
    {
        try
        {
            return LocalIndex.TryOpen(path, origin) ?? throw new CacheMetaException(ErrorIds.PathNotFound, CacheErrorKind.ObjectNotFound,
                "The index file does not exist.", path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, ex);
        }
    }

    private static CacheMetaException Unreadable(string path, Exception ex) =>
        new(ErrorIds.FileReadFailed, CacheErrorKind.ResourceUnavailable, "The file could not be read: " + ex.Message, path, innerException: ex);
}
