using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace CacheMeta.Binaries.Signing;

/// <summary>
/// OpenPGP public keys, read with BouncyCastle from armored or binary key files (a mirror's published keys, or
/// -KeyPath files). Kept in memory only: nothing is ever imported into a GnuPG keyring.
/// </summary>
internal sealed class KeySet
{
    private readonly List<PgpPublicKeyRing> _rings = new();

    /// <summary>How many keys (primary keys) the set holds.</summary>
    public int Count => _rings.Count;

    /// <summary>Adds every key of an armored or binary key file; throws InvalidKeyFile when it holds none or is not one.</summary>
    public void Add(byte[] keyFile, string target)
    {
        int before = _rings.Count;
        try
        {
            using var decoded = PgpUtilities.GetDecoderStream(new MemoryStream(keyFile, writable: false));
            var bundle = new PgpPublicKeyRingBundle(decoded);
            _rings.AddRange(bundle.GetKeyRings());
        }
        catch (Exception ex) when (ex is IOException or PgpException or ArgumentException or InvalidOperationException)
        {
            throw new CacheMetaException(ErrorIds.InvalidKeyFile, CacheErrorKind.InvalidData,
                "The file is not an OpenPGP public key: " + ex.Message, target, innerException: ex);
        }

        if (_rings.Count == before)
        {
            throw new CacheMetaException(ErrorIds.InvalidKeyFile, CacheErrorKind.InvalidData, "The file holds no OpenPGP public key.", target);
        }
    }

    /// <summary>Adds the keys of another set.</summary>
    public void Add(KeySet other) => _rings.AddRange(other._rings);

    /// <summary>The fingerprints of the primary keys, 40 upper-case hex digits.</summary>
    public IEnumerable<string> Fingerprints => _rings.Select(r => Fingerprint(r.GetPublicKey()));

    /// <summary>The key (primary or subkey) with this key ID, and its ring; null when the set has none.</summary>
    internal (PgpPublicKey Key, PgpPublicKeyRing Ring)? Find(long keyId)
    {
        foreach (var ring in _rings)
        {
            if (ring.GetPublicKey(keyId) is { } key)
            {
                return (key, ring);
            }
        }

        return null;
    }

    internal static string Fingerprint(PgpPublicKey key) => BitConverter.ToString(key.GetFingerprint()).Replace("-", string.Empty);
}
