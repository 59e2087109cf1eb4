using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace CacheMeta.Tests.Support;

/// <summary>
/// OpenPGP keys made at test time (no private key is ever committed) and clearsigned documents in the shape
/// GnuPG writes them (and Spack's spec files have: Hash: SHA512, dash-escaped lines, the signature block). The
/// signed text is made here from the lines given, independently of the reader under test.
/// </summary>
internal sealed class TestKey
{
    private static readonly Lazy<TestKey> SharedMirrorKey = new(() => Generate("Test Mirror <mirror@example.invalid>"));
    private static readonly Lazy<TestKey> SharedOtherKey = new(() => Generate("Someone Else <other@example.invalid>"));

    private readonly PgpSecretKey _secret;

    private TestKey(PgpSecretKey secret, string userId)
    {
        _secret = secret;
        UserId = userId;
    }

    /// <summary>The key the fixture mirrors publish.</summary>
    public static TestKey Mirror => SharedMirrorKey.Value;

    /// <summary>A key no fixture mirror publishes.</summary>
    public static TestKey Other => SharedOtherKey.Value;

    public string UserId { get; }

    public string Fingerprint => BitConverter.ToString(_secret.PublicKey.GetFingerprint()).Replace("-", string.Empty);

    public long KeyId => _secret.PublicKey.KeyId;

    /// <summary>A new RSA 2048 key (2048 bits: what GnuPG would refuse less than; generated once per run and shared).</summary>
    public static TestKey Generate(string userId)
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(0x10001), new SecureRandom(), 2048, 12));
        var pair = new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, generator.GenerateKeyPair(), new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        var secret = new PgpSecretKey(PgpSignature.PositiveCertification, pair, userId, SymmetricKeyAlgorithmTag.Aes256,
            Array.Empty<char>(), true, null, null, new SecureRandom());
        return new TestKey(secret, userId);
    }

    /// <summary>The armored public key, as a mirror publishes it.</summary>
    public byte[] ArmoredPublicKey()
    {
        using var buffer = new MemoryStream();
        using (var armor = new ArmoredOutputStream(buffer))
        {
            _secret.PublicKey.Encode(armor);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// <paramref name="text"/> clearsigned: lines starting with '-' are dash-escaped, the signature is over the
    /// lines with trailing spaces and tabs removed, joined by CR LF; the file's own line ending is <paramref name="newLine"/>.
    /// </summary>
    public byte[] ClearSign(string text, string newLine = "\n", DateTime? signedAt = null)
    {
        var lines = new List<string>(text.Replace("\r\n", "\n").Split('\n'));
        var canonical = new StringBuilder();
        for (int i = 0; i < lines.Count; i++)
        {
            canonical.Append(lines[i].TrimEnd(' ', '\t'));
            if (i < lines.Count - 1)
            {
                canonical.Append("\r\n");
            }
        }

        var generator = new PgpSignatureGenerator(_secret.PublicKey.Algorithm, HashAlgorithmTag.Sha512);
        generator.InitSign(PgpSignature.CanonicalTextDocument, _secret.ExtractPrivateKey(Array.Empty<char>()));
        var subpackets = new PgpSignatureSubpacketGenerator();
        subpackets.SetSignatureCreationTime(false, signedAt ?? new DateTime(2025, 6, 7, 8, 9, 10, DateTimeKind.Utc));
        subpackets.SetIssuerFingerprint(false, _secret.PublicKey);
        generator.SetHashedSubpackets(subpackets.Generate());
        byte[] signed = Encoding.UTF8.GetBytes(canonical.ToString());
        generator.Update(signed, 0, signed.Length);

        using var signature = new MemoryStream();
        using (var armor = new ArmoredOutputStream(signature))
        {
            generator.Generate().Encode(armor);
        }

        var document = new StringBuilder();
        document.Append("-----BEGIN PGP SIGNED MESSAGE-----").Append(newLine).Append("Hash: SHA512").Append(newLine).Append(newLine);
        foreach (string line in lines)
        {
            document.Append(line.StartsWith("-", StringComparison.Ordinal) ? "- " + line : line).Append(newLine);
        }

        string armored = Encoding.ASCII.GetString(signature.ToArray()).Replace("\r\n", "\n");
        document.Append(newLine == "\n" ? armored : armored.Replace("\n", newLine));
        return Encoding.UTF8.GetBytes(document.ToString());
    }
}
