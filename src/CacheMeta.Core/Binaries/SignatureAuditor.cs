using System;
using System.Collections.Concurrent;
using System.Threading;
using CacheMeta.Binaries.Signing;
using CacheMeta.Mirrors;
using CacheMeta.Sources;

namespace CacheMeta.Binaries;

/// <summary>
/// Checks the signatures of entries against the keys allowed: the keys each mirror publishes (v3
/// <c>v3/manifests/key/keys.manifest.json</c> and the key manifests and blobs it leads to; v2
/// <c>build_cache/_pgp/index.json</c> and <c>&lt;fingerprint&gt;.pub</c>), read once per mirror, plus the keys the
/// user trusts (-KeyPath); with trusted-only, those alone. A mirror key that cannot be read is a warning, and the
/// others still count.
/// </summary>
internal sealed class SignatureAuditor
{
    private readonly BinaryResolver _resolver;
    private readonly KeySet _trusted;
    private readonly bool _trustedOnly;
    private readonly ISourceObserver _observer;
    private readonly ConcurrentDictionary<MirrorRoot, Lazy<KeySet>> _mirrorKeys = new();

    public SignatureAuditor(BinaryResolver resolver, KeySet trusted, bool trustedOnly, ISourceObserver observer)
    {
        _resolver = resolver;
        _trusted = trusted;
        _trustedOnly = trustedOnly;
        _observer = observer;
    }

    /// <summary>The status of one entry's signature; errors other than a missing entry (a download that fails) propagate.</summary>
    public CacheSignature Check(BinaryEntry entry, CancellationToken cancellationToken)
    {
        Http.CachedDocument document;
        string path;
        try
        {
            (document, path) = _resolver.SpecDocument(entry, cancellationToken);
        }
        catch (CacheMetaException ex) when (ex.ErrorId == ErrorIds.BinaryNotFound)
        {
            return new CacheSignature(entry.Package, entry.Hash, SignatureStatus.NotFound, null, null, null, ex.Target, ex.Reason);
        }

        var verdict = Verify(entry.Mirror, document.Content, cancellationToken);
        return new CacheSignature(entry.Package, entry.Hash, verdict.Status, verdict.Fingerprint, verdict.UserId, verdict.SignedAt,
            entry.Mirror.Under(path), verdict.Reason);
    }

    /// <summary>The verdict on a document of <paramref name="mirror"/> (Save-CacheBinary checks what it is about to write).</summary>
    public SignatureVerdict Verify(MirrorRoot mirror, byte[] content, CancellationToken cancellationToken)
    {
        if (!ClearSignedText.IsClearSigned(content))
        {
            return SignatureCheck.Verify(content, _trusted); // Unsigned: no key needed to say so
        }

        return SignatureCheck.Verify(content, _trustedOnly ? _trusted : KeysOf(mirror, cancellationToken));
    }

    private KeySet KeysOf(MirrorRoot mirror, CancellationToken cancellationToken) =>
        _mirrorKeys.GetOrAdd(mirror, m => new Lazy<KeySet>(() => Load(m, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private KeySet Load(MirrorRoot mirror, CancellationToken cancellationToken)
    {
        var keys = new KeySet();
        keys.Add(_trusted);
        var files = _resolver.Files;
        try
        {
            var published = MirrorKeys.Published(files, mirror, cancellationToken);
            if (published is null && mirror.Layout == MirrorLayout.V3)
            {
                _observer.Verbose($"{mirror.Under(MirrorLayout.KeyIndexManifestPath)} does not exist: the mirror publishes no keys.");
                return keys;
            }

            foreach (string fingerprint in published ?? Array.Empty<string>())
            {
                AddKey(keys, mirror, fingerprint, cancellationToken);
            }
        }
        catch (CacheMetaException ex) when (ex.ErrorId != ErrorIds.DownloadFailed || ex.Kind == CacheErrorKind.ObjectNotFound)
        {
            _observer.Warning($"The keys of {mirror} could not be read: {ex.Message}");
        }

        _observer.Verbose($"{mirror}: {keys.Count} key(s) allowed.");
        return keys;
    }

    private void AddKey(KeySet keys, MirrorRoot mirror, string fingerprint, CancellationToken cancellationToken)
    {
        try
        {
            var published = MirrorKeys.Fetch(_resolver.Files, mirror, fingerprint, cancellationToken);
            if (published is null)
            {
                string relative = mirror.Layout == MirrorLayout.V2 ? MirrorLayout.V2KeyPath(fingerprint) : MirrorLayout.KeyManifestPath(fingerprint);
                _observer.Warning($"The key {mirror.Under(relative)} that the mirror's key index lists does not exist.");
                return;
            }

            if (published.Key is not null)
            {
                keys.Add(published.Key, published.Document.Url);
            }
        }
        catch (CacheMetaException ex) when (ex.ErrorId == ErrorIds.InvalidKeyFile || ex.ErrorId == ErrorIds.InvalidSpecManifest
            || ex.ErrorId == ErrorIds.BinaryChecksumMismatch)
        {
            _observer.Warning($"A key of {mirror} is ignored: {ex.Message}");
        }
    }
}
