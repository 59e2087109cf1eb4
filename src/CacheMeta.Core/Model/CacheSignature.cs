using System;

namespace CacheMeta;

/// <summary>What the check of an entry's clearsigned spec manifest (v3) or spec file (v2) found.</summary>
public enum SignatureStatus
{
    /// <summary>The signature holds, by a key that was allowed (the mirror's or one given with -KeyPath).</summary>
    Valid,
    /// <summary>The signature does not hold: the text was changed, or the signature is malformed.</summary>
    Invalid,
    /// <summary>The entry is plain JSON with no signature.</summary>
    Unsigned,
    /// <summary>The signature names a key that none of the allowed keys is.</summary>
    UnknownKey,
    /// <summary>The mirror has no spec manifest or spec file for the spec.</summary>
    NotFound,
}

/// <summary>The outcome of Test-CacheSignature for one spec.</summary>
public sealed class CacheSignature
{
    /// <summary>Creates a result.</summary>
    public CacheSignature(string package, string hash, SignatureStatus status, string? keyFingerprint, string? keyUserId,
        DateTimeOffset? signedAt, string? source, string? reason = null)
    {
        Package = package ?? throw new ArgumentNullException(nameof(package));
        Hash = hash ?? throw new ArgumentNullException(nameof(hash));
        Status = status;
        KeyFingerprint = keyFingerprint;
        KeyUserId = keyUserId;
        SignedAt = signedAt;
        Source = source;
        Reason = reason;
    }

    /// <summary>The package name.</summary>
    public string Package { get; }

    /// <summary>The DAG hash.</summary>
    public string Hash { get; }

    /// <summary>Valid, Invalid, Unsigned, UnknownKey or NotFound.</summary>
    public SignatureStatus Status { get; }

    /// <summary>The fingerprint of the signing key (its primary key, 40 upper-case hex digits) when known; for UnknownKey the 16-digit key ID the signature names.</summary>
    public string? KeyFingerprint { get; }

    /// <summary>The 16-digit key ID (the end of <see cref="KeyFingerprint"/>), as <c>gpg --list-keys --keyid-format long</c> shows it.</summary>
    public string? KeyId => KeyFingerprint is null ? null : KeyFingerprint.Substring(Math.Max(0, KeyFingerprint.Length - 16));

    /// <summary>The first 7 characters of the hash.</summary>
    public string ShortHash => Hash.Length <= 7 ? Hash : Hash.Substring(0, 7);

    /// <summary>The signing key's first user ID, e.g. <c>Spack Project Official Binaries &lt;maintainers@spack.io&gt;</c>; null when the key is unknown.</summary>
    public string? KeyUserId { get; }

    /// <summary>When the signature was made, as it says.</summary>
    public DateTimeOffset? SignedAt { get; }

    /// <summary>The spec manifest or spec file checked.</summary>
    public string? Source { get; }

    /// <summary>Why the status is not Valid, in words (the signature does not match the text, the key is not known...); null when Valid.</summary>
    public string? Reason { get; }

    /// <summary><c>package /hash: Status</c>.</summary>
    public override string ToString() => Package + " /" + ShortHash + ": " + Status;
}
