using System;
using System.Collections.Generic;
using System.IO;

namespace CacheMeta.Binaries.Signing;

/// <summary>
/// A PGP clearsigned document (RFC 4880 §7) split into the text a reader uses and the bytes the signature covers.
/// The signed bytes are made as §7.1 says, which is where implementations go wrong: dash-escaped lines
/// (<c>- </c> before a line that starts with a dash) lose their escape, trailing spaces and tabs are removed from
/// every line, line endings become CR LF whatever the file has (LF, CR LF), and the line ending before
/// <c>-----BEGIN PGP SIGNATURE-----</c> is not part of the text. Works on bytes, so text that is not UTF-8 is
/// signed (or not) exactly as written.
/// </summary>
internal sealed class ClearSignedText
{
    private static readonly byte[] Begin = Ascii("-----BEGIN PGP SIGNED MESSAGE-----");
    private static readonly byte[] SignatureBegin = Ascii("-----BEGIN PGP SIGNATURE-----");
    private static readonly byte[] SignatureEnd = Ascii("-----END PGP SIGNATURE-----");

    private ClearSignedText(byte[] body, byte[] signedBytes, byte[] signature)
    {
        Body = body;
        SignedBytes = signedBytes;
        Signature = signature;
    }

    /// <summary>The text with dash-escaping removed and LF line endings: the JSON of a spec manifest or spec file.</summary>
    public byte[] Body { get; }

    /// <summary>What the signature is over (canonical text, CR LF line endings, no final line ending).</summary>
    public byte[] SignedBytes { get; }

    /// <summary>The ASCII-armored signature block, BEGIN and END lines included.</summary>
    public byte[] Signature { get; }

    /// <summary>True when the content starts (after blank lines) with the clearsigned header.</summary>
    public static bool IsClearSigned(byte[] content)
    {
        foreach (var line in Lines(content))
        {
            if (line.Count > 0)
            {
                return Same(line, Begin);
            }
        }

        return false;
    }

    /// <summary>The parts of a clearsigned document; null (with the reason) when it is not one or is cut short.</summary>
    public static ClearSignedText? Parse(byte[] content, out string? error)
    {
        var lines = new List<ArraySegment<byte>>(Lines(content));
        int at = 0;
        while (at < lines.Count && lines[at].Count == 0)
        {
            at++;
        }

        if (at == lines.Count || !Same(lines[at], Begin))
        {
            error = "it does not start with -----BEGIN PGP SIGNED MESSAGE-----";
            return null;
        }

        // Armor headers (Hash: SHA512) up to the first empty line (one of only whitespace counts as empty).
        for (at++; at < lines.Count && !IsBlank(lines[at]); at++)
        {
        }

        int textStart = at + 1, signatureLine = -1;
        for (int i = textStart; i < lines.Count; i++)
        {
            if (Same(lines[i], SignatureBegin))
            {
                signatureLine = i;
                break;
            }
        }

        if (at >= lines.Count || signatureLine < 0)
        {
            error = "it has no -----BEGIN PGP SIGNATURE----- block";
            return null;
        }

        using var body = new MemoryStream();
        using var signed = new MemoryStream();
        for (int i = textStart; i < signatureLine; i++)
        {
            var line = Unescape(lines[i]);
            if (i > textStart)
            {
                body.WriteByte((byte)'\n');
                signed.WriteByte((byte)'\r');
                signed.WriteByte((byte)'\n');
            }

            body.Write(line.Array!, line.Offset, line.Count);
            var trimmed = TrimEnd(line);
            signed.Write(trimmed.Array!, trimmed.Offset, trimmed.Count);
        }

        using var signature = new MemoryStream();
        for (int i = signatureLine; i < lines.Count; i++)
        {
            signature.Write(lines[i].Array!, lines[i].Offset, lines[i].Count);
            signature.WriteByte((byte)'\n');
            if (Same(lines[i], SignatureEnd))
            {
                error = null;
                return new ClearSignedText(body.ToArray(), signed.ToArray(), signature.ToArray());
            }
        }

        error = "its signature block has no -----END PGP SIGNATURE----- line";
        return null;
    }

    /// <summary>The JSON text of a document that may be clearsigned: its body when it is, else the content itself.</summary>
    public static byte[] JsonOf(byte[] content, string target)
    {
        if (!IsClearSigned(content))
        {
            return content;
        }

        return Parse(content, out string? error)?.Body
            ?? throw new CacheMetaException(ErrorIds.InvalidSpecManifest, CacheErrorKind.InvalidData, $"The clearsigned text is malformed: {error}.", target);
    }

    // Lines split at LF, each without its LF and a CR before it.
    private static IEnumerable<ArraySegment<byte>> Lines(byte[] content)
    {
        int start = 0;
        for (int i = 0; i <= content.Length; i++)
        {
            if (i == content.Length || content[i] == (byte)'\n')
            {
                if (i == content.Length && start == i)
                {
                    yield break;
                }

                int end = i > start && content[i - 1] == (byte)'\r' ? i - 1 : i;
                yield return new ArraySegment<byte>(content, start, end - start);
                start = i + 1;
            }
        }
    }

    // "- " before a line is the dash escape (RFC 4880 §7.1); it is not part of the text.
    private static ArraySegment<byte> Unescape(ArraySegment<byte> line) =>
        line.Count >= 2 && line.Array![line.Offset] == (byte)'-' && line.Array[line.Offset + 1] == (byte)' '
            ? new ArraySegment<byte>(line.Array, line.Offset + 2, line.Count - 2)
            : line;

    private static ArraySegment<byte> TrimEnd(ArraySegment<byte> line)
    {
        int count = line.Count;
        while (count > 0 && line.Array![line.Offset + count - 1] is (byte)' ' or (byte)'\t')
        {
            count--;
        }

        return new ArraySegment<byte>(line.Array!, line.Offset, count);
    }

    private static bool IsBlank(ArraySegment<byte> line) => TrimEnd(line).Count == 0;

    private static bool Same(ArraySegment<byte> line, byte[] text)
    {
        var trimmed = TrimEnd(line);
        if (trimmed.Count != text.Length)
        {
            return false;
        }

        for (int i = 0; i < text.Length; i++)
        {
            if (trimmed.Array![trimmed.Offset + i] != text[i])
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);
}
