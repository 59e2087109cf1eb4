using System;
using System.IO;
using System.Linq;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace CacheMeta.Binaries.Signing;

/// <summary>What checking one document's signature found.</summary>
internal sealed class SignatureVerdict
{
    public SignatureVerdict(SignatureStatus status, string? fingerprint = null, string? userId = null, DateTimeOffset? signedAt = null,
        string? reason = null)
    {
        Status = status;
        Fingerprint = fingerprint;
        UserId = userId;
        SignedAt = signedAt;
        Reason = reason;
    }

    public SignatureStatus Status { get; }

    public string? Fingerprint { get; }

    public string? UserId { get; }

    public DateTimeOffset? SignedAt { get; }

    public string? Reason { get; }
}

/// <summary>
/// Checks the signature of a spec manifest or spec file with BouncyCastle. Whatever the document holds — plain JSON, a
/// changed text, a signature by another key, a block that is not a signature at all — the answer is a status, never
/// an exception.
/// </summary>
internal static class SignatureCheck
{
    public static SignatureVerdict Verify(byte[] content, KeySet keys)
    {
        if (!ClearSignedText.IsClearSigned(content))
        {
            return new SignatureVerdict(SignatureStatus.Unsigned, reason: "the document is not clearsigned");
        }

        var text = ClearSignedText.Parse(content, out string? error);
        if (text is null)
        {
            return new SignatureVerdict(SignatureStatus.Invalid, reason: "the clearsigned text is malformed: " + error);
        }

        PgpSignature? signature;
        try
        {
            signature = ReadSignature(text.Signature);
        }
        catch (Exception ex) when (ex is IOException or PgpException or ArgumentException or InvalidOperationException or InvalidCastException)
        {
            return new SignatureVerdict(SignatureStatus.Invalid, reason: "the signature block is malformed: " + ex.Message);
        }

        if (signature is null)
        {
            return new SignatureVerdict(SignatureStatus.Invalid, reason: "the signature block holds no signature");
        }

        DateTimeOffset signedAt = new(DateTime.SpecifyKind(signature.CreationTime, DateTimeKind.Utc));
        if (keys.Find(signature.KeyId) is not { } found)
        {
            return new SignatureVerdict(SignatureStatus.UnknownKey, signature.KeyId.ToString("X16"), null, signedAt,
                $"the signature is by key {signature.KeyId:X16}, which is not among the {keys.Count} key(s) allowed");
        }

        var primary = found.Ring.GetPublicKey();
        string fingerprint = KeySet.Fingerprint(primary);
        string? userId = primary.GetUserIds().FirstOrDefault();
        try
        {
            signature.InitVerify(found.Key);
            // For a text signature (type 0x01) BouncyCastle also turns lone CR or LF into CR LF; the bytes are CR LF already.
            signature.Update(text.SignedBytes);
            return signature.Verify()
                ? new SignatureVerdict(SignatureStatus.Valid, fingerprint, userId, signedAt)
                : new SignatureVerdict(SignatureStatus.Invalid, fingerprint, userId, signedAt, "the signature does not match the text: it was changed after signing");
        }
        catch (Exception ex) when (ex is PgpException or ArgumentException or InvalidOperationException)
        {
            return new SignatureVerdict(SignatureStatus.Invalid, fingerprint, userId, signedAt, "the signature could not be checked: " + ex.Message);
        }
    }

    private static PgpSignature? ReadSignature(byte[] armored)
    {
        using var decoded = PgpUtilities.GetDecoderStream(new MemoryStream(armored, writable: false));
        var factory = new PgpObjectFactory(decoded);
        for (var item = factory.NextPgpObject(); item is not null; item = factory.NextPgpObject())
        {
            if (item is PgpSignatureList list && list.Count > 0)
            {
                return list[0];
            }
        }

        return null;
    }
}
