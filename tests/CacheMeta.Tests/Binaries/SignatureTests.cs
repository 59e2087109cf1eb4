using System;
using System.Text;
using CacheMeta.Binaries.Signing;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Binaries;

public class SignatureTests
{
    // The shape of Spack's spec files: one JSON token per line, plus the lines that test the canonical text.
    private const string Json = "{\n\"spec\":{\n\"name\":\"zlib\"\n},\n\"binary_cache_checksum\":{\n\"hash\":\"00ff\"\n}\n}";

    private static KeySet MirrorKeys()
    {
        var keys = new KeySet();
        keys.Add(TestKey.Mirror.ArmoredPublicKey(), "mirror.pub");
        return keys;
    }

    [Fact]
    public void A_signed_document_is_valid_and_names_its_key_and_date()
    {
        var verdict = SignatureCheck.Verify(TestKey.Mirror.ClearSign(Json), MirrorKeys());

        Assert.Equal(SignatureStatus.Valid, verdict.Status);
        Assert.Equal(TestKey.Mirror.Fingerprint, verdict.Fingerprint);
        Assert.Equal(40, verdict.Fingerprint!.Length);
        Assert.Equal("Test Mirror <mirror@example.invalid>", verdict.UserId);
        Assert.Equal(new DateTimeOffset(2025, 6, 7, 8, 9, 10, TimeSpan.Zero), verdict.SignedAt);
        Assert.Null(verdict.Reason);
    }

    [Fact]
    public void The_body_is_the_json_with_dash_escapes_removed()
    {
        byte[] document = TestKey.Mirror.ClearSign("{\n-1\n- x\n}");
        Assert.Contains("\n- -1\n", Encoding.UTF8.GetString(document));

        var text = ClearSignedText.Parse(document, out string? error);

        Assert.Null(error);
        Assert.Equal("{\n-1\n- x\n}", Encoding.UTF8.GetString(text!.Body));
        Assert.Equal("{\r\n-1\r\n- x\r\n}", Encoding.UTF8.GetString(text.SignedBytes));
    }

    [Theory]
    [InlineData("\r\n")] // a file whose lines end in CR LF (copied through Windows)
    [InlineData("\n")]
    public void Line_endings_of_the_file_do_not_matter(string newLine)
    {
        Assert.Equal(SignatureStatus.Valid, SignatureCheck.Verify(TestKey.Mirror.ClearSign(Json, newLine), MirrorKeys()).Status);
    }

    [Fact]
    public void Trailing_spaces_and_tabs_are_not_signed_text()
    {
        // Signed with trailing blanks, which the signer drops from the signed text; a reader that kept them would fail.
        byte[] document = TestKey.Mirror.ClearSign("{ \t\n\"a\": 1  \n}");
        Assert.Equal(SignatureStatus.Valid, SignatureCheck.Verify(document, MirrorKeys()).Status);

        // And blanks added after signing do not break it either (RFC 4880 7.1).
        string text = Encoding.UTF8.GetString(document).Replace("\"a\": 1  \n", "\"a\": 1 \t  \n");
        Assert.Equal(SignatureStatus.Valid, SignatureCheck.Verify(Encoding.UTF8.GetBytes(text), MirrorKeys()).Status);
    }

    [Fact]
    public void Dash_escaped_lines_verify_and_an_unescaped_copy_does_not_match_the_header()
    {
        byte[] document = TestKey.Mirror.ClearSign("-----BEGIN not a header\n- item\n{}");
        Assert.Equal(SignatureStatus.Valid, SignatureCheck.Verify(document, MirrorKeys()).Status);
        Assert.Equal("-----BEGIN not a header\n- item\n{}", Encoding.UTF8.GetString(ClearSignedText.Parse(document, out _)!.Body));
    }

    [Fact]
    public void A_changed_body_is_invalid()
    {
        string text = Encoding.UTF8.GetString(TestKey.Mirror.ClearSign(Json)).Replace("00ff", "00fe");

        var verdict = SignatureCheck.Verify(Encoding.UTF8.GetBytes(text), MirrorKeys());

        Assert.Equal(SignatureStatus.Invalid, verdict.Status);
        Assert.Equal(TestKey.Mirror.Fingerprint, verdict.Fingerprint);
        Assert.Contains("changed after signing", verdict.Reason);
    }

    [Fact]
    public void A_signature_by_a_key_not_allowed_is_unknown_key_with_its_key_id()
    {
        var verdict = SignatureCheck.Verify(TestKey.Other.ClearSign(Json), MirrorKeys());

        Assert.Equal(SignatureStatus.UnknownKey, verdict.Status);
        Assert.Equal(TestKey.Other.KeyId.ToString("X16"), verdict.Fingerprint);
        Assert.Null(verdict.UserId);
    }

    [Fact]
    public void Plain_json_is_unsigned()
    {
        Assert.Equal(SignatureStatus.Unsigned, SignatureCheck.Verify(Encoding.UTF8.GetBytes(Json), MirrorKeys()).Status);
    }

    [Theory]
    [InlineData("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n{}\n")] // cut before the signature
    [InlineData("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n{}\n-----BEGIN PGP SIGNATURE-----\n\nnot base64 at all!\n-----END PGP SIGNATURE-----\n")]
    [InlineData("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n{}\n-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n")]
    [InlineData("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n{}\n-----BEGIN PGP SIGNATURE-----\n\n")]
    public void A_malformed_signature_is_invalid_never_an_exception(string document)
    {
        var verdict = SignatureCheck.Verify(Encoding.ASCII.GetBytes(document), MirrorKeys());

        Assert.Equal(SignatureStatus.Invalid, verdict.Status);
        Assert.NotNull(verdict.Reason);
    }

    [Fact]
    public void A_file_that_is_not_a_key_is_refused_with_InvalidKeyFile()
    {
        var error = Assert.Throws<CacheMetaException>(() => new KeySet().Add(Encoding.ASCII.GetBytes("hello"), "bad.pub"));

        Assert.Equal(ErrorIds.InvalidKeyFile, error.ErrorId);
        Assert.Equal("bad.pub", error.Target);
    }

    [Fact]
    public void A_key_file_adds_its_fingerprint()
    {
        Assert.Equal(new[] { TestKey.Mirror.Fingerprint }, MirrorKeys().Fingerprints);
    }
}
