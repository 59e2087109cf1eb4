using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using CacheMeta.Binaries;
using CacheMeta.Http;
using CacheMeta.IO;

namespace CacheMeta.Mirrors;

/// <summary>Where a published index went: paths relative to the mirror root.</summary>
internal sealed class PublishedIndex
{
    public PublishedIndex(int layout, string indexPath, string? manifestPath, string sha256, long length)
    {
        Layout = layout;
        IndexPath = indexPath;
        ManifestPath = manifestPath;
        Sha256 = sha256;
        Length = length;
    }

    /// <summary>2 or 3.</summary>
    public int Layout { get; }

    /// <summary>The index document: <c>blobs/sha256/..</c> (v3) or <c>build_cache/index.json</c> (v2).</summary>
    public string IndexPath { get; }

    /// <summary><c>v3/manifests/index/index.manifest.json</c>; null for v2.</summary>
    public string? ManifestPath { get; }

    /// <summary>SHA-256 of the index bytes (what the manifest or <c>index.json.hash</c> states).</summary>
    public string Sha256 { get; }

    public long Length { get; }
}

/// <summary>
/// Writes a mirror's index files, each through <see cref="AtomicFile"/> (a reader sees the old file or the new one,
/// never half of one; a failure leaves no temporary file), in the order that keeps the mirror readable at every step:
/// <list type="bullet">
/// <item>v3: the index blob (content-addressed, uncompressed as Spack pushes it: <c>compression: none</c>), then the
/// manifest naming it, then <c>v3/layout.json</c> if the mirror has none. The previous index blob stays: a reader
/// holding the previous manifest can still fetch what it names.</item>
/// <item>v2: <c>build_cache/index.json</c>, then <c>index.json.hash</c>: the 64 hex characters of its SHA-256 and nothing
/// else, as Spack's <c>_read_specs_and_push_index</c> writes it.</item>
/// </list>
/// A failure (a full disk, a read-only folder) is a CacheMetaException FileWriteFailed naming the file.
/// </summary>
internal static class MirrorIndexPublisher
{
    /// <summary>Publishes <paramref name="index"/> (a Database document of <paramref name="databaseVersion"/>) as the mirror's index.</summary>
    /// <exception cref="CacheMetaException">MirrorMismatch when the mirror at <paramref name="root"/> has the other layout; FileWriteFailed.</exception>
    public static PublishedIndex Publish(string root, int layout, string databaseVersion, byte[] index)
    {
        CheckLayout(root, layout);
        string sum = Sha256(index);
        if (layout == MirrorLayout.V2)
        {
            AtomicFile.WriteAllBytes(MirrorLayout.Under(root, MirrorLayout.V2IndexPath), index, overwrite: true);
            AtomicFile.WriteAllBytes(MirrorLayout.Under(root, MirrorLayout.V2IndexHashPath), System.Text.Encoding.ASCII.GetBytes(sum), overwrite: true);
            return new PublishedIndex(layout, MirrorLayout.V2IndexPath, null, sum, index.Length);
        }

        string blob = WriteBlob(root, index);
        var manifest = MirrorLayout.Manifest(new[] { new ManifestBlob(MirrorLayout.IndexMediaType(databaseVersion), "sha256", sum, index.Length, "none") });
        AtomicFile.WriteAllBytes(MirrorLayout.Under(root, MirrorLayout.IndexManifestPath), manifest, overwrite: true);
        EnsureLayoutJson(root);
        return new PublishedIndex(layout, blob, MirrorLayout.IndexManifestPath, sum, index.Length);
    }

    /// <summary>
    /// Publishes the key index for <paramref name="fingerprints"/> (every key the mirror holds): v2
    /// <c>build_cache/_pgp/index.json</c>; v3 a blob and <c>v3/manifests/key/keys.manifest.json</c> naming it.
    /// </summary>
    public static void PublishKeyIndex(string root, int layout, IEnumerable<string> fingerprints)
    {
        CheckLayout(root, layout);
        byte[] keys = MirrorLayout.KeyIndex(fingerprints);
        if (layout == MirrorLayout.V2)
        {
            AtomicFile.WriteAllBytes(MirrorLayout.Under(root, MirrorLayout.V2KeyIndexPath), keys, overwrite: true);
            return;
        }

        WriteBlob(root, keys);
        var manifest = MirrorLayout.Manifest(new[] { new ManifestBlob(MirrorLayout.KeyIndexMediaType, "sha256", Sha256(keys), keys.Length, "none") });
        AtomicFile.WriteAllBytes(MirrorLayout.Under(root, MirrorLayout.KeyIndexManifestPath), manifest, overwrite: true);
        EnsureLayoutJson(root);
    }

    /// <summary>
    /// Stores <paramref name="content"/> at its content address and returns that relative path. A file already there
    /// with the same SHA-256 is kept; one with other content (damaged) is replaced.
    /// </summary>
    public static string WriteBlob(string root, byte[] content)
    {
        string sum = Sha256(content);
        string relative = MirrorLayout.BlobPath(sum);
        string path = MirrorLayout.Under(root, relative);
        if (!HasSum(path, sum))
        {
            AtomicFile.WriteAllBytes(path, content, overwrite: true);
        }

        return relative;
    }

    /// <summary>Writes <c>v3/layout.json</c> unless the mirror has one (Spack's <c>maybe_push_layout_json</c>).</summary>
    public static void EnsureLayoutJson(string root)
    {
        string path = MirrorLayout.Under(root, MirrorLayout.LayoutJsonPath);
        if (File.Exists(path))
        {
            return;
        }

        try
        {
            AtomicFile.WriteAllBytes(path, MirrorLayout.LayoutJson(), overwrite: false);
        }
        catch (CacheMetaException ex) when (ex.ErrorId == ErrorIds.FileExists)
        {
            // Another writer made it meanwhile: the content is fixed, so theirs is as good.
        }
    }

    /// <summary>Lower-case hex SHA-256.</summary>
    public static string Sha256(byte[] content)
    {
        using var sha = SHA256.Create();
        return HttpFetcher.Hex(sha.ComputeHash(content));
    }

    private static void CheckLayout(string root, int layout)
    {
        if (layout is not (MirrorLayout.V2 or MirrorLayout.V3))
        {
            throw new ArgumentOutOfRangeException(nameof(layout), layout, "The layout is 2 or 3.");
        }

        if (MirrorLayout.Detect(root) is int existing && existing != layout)
        {
            throw new CacheMetaException(ErrorIds.MirrorMismatch, CacheErrorKind.InvalidArgument,
                $"The destination is a layout {existing} mirror; an export from a layout {layout} source cannot be added to it. Choose another destination.", root);
        }
    }

    private static bool HasSum(string path, string sum)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var sha = SHA256.Create();
            return HttpFetcher.Hex(sha.ComputeHash(stream)) == sum;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // absent or unreadable: written anew, and a folder that cannot take it says so then
        }
    }
}
