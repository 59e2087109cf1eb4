using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using CacheMeta.Binaries;
using CacheMeta.Binaries.Signing;
using CacheMeta.IO;
using CacheMeta.Sources;

namespace CacheMeta.Mirrors;

/// <summary>
/// Copies a source mirror's published public keys into an export, verified: v3, the key manifest byte for byte and
/// the key blob it names (checked against the manifest's checksum); v2, <c>build_cache/_pgp/&lt;FP&gt;.pub</c>. Each
/// key must be an OpenPGP public key with the fingerprint it is published under, so a destination never offers a key
/// for a fingerprint it does not have. The key index is not written here: it is published over every key the
/// destination then holds (<see cref="Held"/>).
/// </summary>
internal static class MirrorKeyCopier
{
    private const string V3KeySuffix = ".key.manifest.json", V2KeySuffix = ".pub";

    /// <summary>
    /// Copies the keys of <paramref name="mirror"/> that <paramref name="wanted"/> names (every published key when null)
    /// into <paramref name="destination"/>; the fingerprints copied. A wanted key the mirror does not publish, or one that
    /// fails its check, is a warning; a write that fails is FileWriteFailed.
    /// </summary>
    public static IReadOnlyList<string> Copy(MirrorFiles files, MirrorRoot mirror, string destination, ICollection<string>? wanted,
        ISourceObserver observer, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> published;
        try
        {
            published = MirrorKeys.Published(files, mirror, cancellationToken) ?? Array.Empty<string>();
        }
        catch (CacheMetaException ex) when (ex.ErrorId == ErrorIds.InvalidKeyFile)
        {
            observer.Warning($"The key index of {mirror} could not be read, so no key was copied: {ex.Message}");
            published = Array.Empty<string>();
        }
        var copied = new List<string>();
        foreach (string fingerprint in published.Where(fp => wanted is null || wanted.Contains(fp, StringComparer.OrdinalIgnoreCase)))
        {
            try
            {
                if (CopyOne(files, mirror, destination, fingerprint, cancellationToken))
                {
                    copied.Add(fingerprint);
                }
                else
                {
                    observer.Warning($"The key {fingerprint} that {mirror} lists in its key index is not there; it was not copied.");
                }
            }
            catch (CacheMetaException ex) when (ex.ErrorId != ErrorIds.FileWriteFailed && ex.ErrorId != ErrorIds.DownloadFailed)
            {
                observer.Warning($"The key {fingerprint} of {mirror} was not copied: {ex.Message}");
            }
        }

        foreach (string missing in (wanted ?? Array.Empty<string>()).Where(fp => !published.Contains(fp, StringComparer.OrdinalIgnoreCase)))
        {
            observer.Warning($"Exported entries are signed by the key {missing}, which {mirror} does not publish; the destination does not offer it.");
        }

        return copied;
    }

    /// <summary>The fingerprints of the keys a mirror folder holds (from their file names), sorted.</summary>
    public static IReadOnlyList<string> Held(string destination, int layout)
    {
        string folder = MirrorLayout.Under(destination, layout == MirrorLayout.V3 ? "v3/manifests/key" : "build_cache/_pgp");
        string suffix = layout == MirrorLayout.V3 ? V3KeySuffix : V2KeySuffix;
        if (!Directory.Exists(folder))
        {
            return Array.Empty<string>();
        }

        return Directory.GetFiles(folder, "*" + suffix).Select(Path.GetFileName)
            .Select(name => name!.Substring(0, name.Length - suffix.Length))
            .Where(fp => fp.Length > 0 && fp.All(Uri.IsHexDigit))
            .OrderBy(fp => fp, StringComparer.Ordinal).ToList();
    }

    // One key: false when the mirror does not have it.
    private static bool CopyOne(MirrorFiles files, MirrorRoot mirror, string destination, string fingerprint, CancellationToken cancellationToken)
    {
        if (MirrorKeys.Fetch(files, mirror, fingerprint, cancellationToken) is not { Key: { } key } published)
        {
            return false;
        }

        Check(key, fingerprint, published.KeyUrl);
        if (published.Blob is { } blob)
        {
            AtomicFile.WriteAllBytes(MirrorLayout.Under(destination, blob.Path), key, overwrite: true);
            AtomicFile.WriteAllBytes(MirrorLayout.Under(destination, MirrorLayout.KeyManifestPath(fingerprint)), published.Document.Content, overwrite: true); // after its blob
        }
        else
        {
            AtomicFile.WriteAllBytes(MirrorLayout.Under(destination, MirrorLayout.V2KeyPath(fingerprint)), key, overwrite: true);
        }

        return true;
    }

    private static void Check(byte[] key, string fingerprint, string target)
    {
        var keys = new KeySet();
        keys.Add(key, target);
        if (!keys.Fingerprints.Contains(fingerprint, StringComparer.OrdinalIgnoreCase))
        {
            throw new CacheMetaException(ErrorIds.InvalidKeyFile, CacheErrorKind.InvalidData,
                $"The key file is published as {fingerprint} but holds {string.Join(", ", keys.Fingerprints)}.", target);
        }
    }
}
