using System;
using System.Collections.Generic;
using System.Threading;
using CacheMeta.Http;
using CacheMeta.Mirrors;

namespace CacheMeta.Binaries;

/// <summary>One public key as a mirror publishes it: v3 a key manifest and the blob it names, v2 a <c>.pub</c> file.</summary>
internal sealed class PublishedKey
{
    public PublishedKey(CachedDocument document, ManifestBlob? blob, byte[]? key, string keyUrl)
    {
        Document = document;
        Blob = blob;
        Key = key;
        KeyUrl = keyUrl;
    }

    /// <summary>The key manifest (v3) or the key file itself (v2).</summary>
    public CachedDocument Document { get; }

    /// <summary>The key blob the manifest names; null for v2.</summary>
    public ManifestBlob? Blob { get; }

    /// <summary>The key's bytes; null when the manifest's blob is not there.</summary>
    public byte[]? Key { get; }

    /// <summary>Where the key's bytes are: the blob (v3) or the file (v2).</summary>
    public string KeyUrl { get; }
}

/// <summary>
/// Reads a mirror's published keys, for the signature check (<see cref="SignatureAuditor"/>) and for the export that
/// copies them (<see cref="MirrorKeyCopier"/>): the fingerprints its key index lists, and each key by fingerprint.
/// </summary>
internal static class MirrorKeys
{
    /// <summary>The fingerprints the mirror's key index lists; null when the mirror has no key index.</summary>
    /// <exception cref="CacheMetaException">InvalidKeyFile when the key index cannot be read (not JSON, its blob missing).</exception>
    public static IReadOnlyList<string>? Published(MirrorFiles files, MirrorRoot mirror, CancellationToken cancellationToken)
    {
        if (mirror.Layout == MirrorLayout.V2)
        {
            var index = files.Document(mirror, MirrorLayout.V2KeyIndexPath, cancellationToken);
            return index is null ? null : EntryDocuments.KeyFingerprints(index.Content, index.Url);
        }

        var manifest = files.Document(mirror, MirrorLayout.KeyIndexManifestPath, cancellationToken);
        if (manifest is null)
        {
            return null;
        }

        var blob = EntryDocuments.Find(EntryDocuments.Blobs(manifest.Content, manifest.Url), EntryDocuments.KeyIndexType, manifest.Url);
        byte[] content = files.Blob(mirror, blob, cancellationToken) ?? Array.Empty<byte>(); // checked against the manifest's checksum
        return EntryDocuments.KeyFingerprints(content, mirror.Under(blob.Path));
    }

    /// <summary>The key published under <paramref name="fingerprint"/>; null when its manifest or file is not there.</summary>
    public static PublishedKey? Fetch(MirrorFiles files, MirrorRoot mirror, string fingerprint, CancellationToken cancellationToken)
    {
        bool v3 = mirror.Layout != MirrorLayout.V2;
        var document = files.Document(mirror, v3 ? MirrorLayout.KeyManifestPath(fingerprint) : MirrorLayout.V2KeyPath(fingerprint), cancellationToken);
        if (document is null)
        {
            return null;
        }

        if (!v3)
        {
            return new PublishedKey(document, null, document.Content, document.Url);
        }

        var blob = EntryDocuments.Find(EntryDocuments.Blobs(document.Content, document.Url), EntryDocuments.KeyType, document.Url);
        return new PublishedKey(document, blob, files.Blob(mirror, blob, cancellationToken), mirror.Under(blob.Path));
    }
}
