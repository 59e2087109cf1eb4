using System;
using System.Text;
using CacheMeta.Pages.Fast;
using CacheMeta.Pages.Yaml;
using CacheMeta.Query;
using CacheMeta.Text;

namespace CacheMeta.Pages;

/// <summary>
/// Reads page bytes into a <see cref="PageResult"/>: the fast reading when the page has the generator's
/// regular shape, otherwise the YAML reading. One parser per worker thread (it owns shared-value pools
/// and the query's memo), bound to one query.
/// </summary>
internal sealed class PageParser
{
    private readonly CompiledQuery _query;
    private readonly bool _packageOnly;
    private readonly SpecFactory _factory;
    private readonly QueryMemo _memo;
    private readonly FastPageParser _fast;

    public PageParser(CompiledQuery query, bool packageOnly, Sources.ISpecSource? origin = null)
    {
        _query = query;
        _packageOnly = packageOnly;
        _factory = new SpecFactory(origin);
        _memo = query.NewMemo();
        _fast = new FastPageParser(_factory, _memo);
    }

    private byte[] _buffer = new byte[16 * 1024];

    /// <summary>
    /// The parser's read buffer, at least <paramref name="size"/> bytes, keeping its first <paramref name="keep"/>
    /// bytes when it grows. Pages are parsed into values that never point into it, so it is reused.
    /// </summary>
    public byte[] Buffer(int size, int keep = 0)
    {
        if (_buffer.Length < size)
        {
            var larger = new byte[Math.Max(size, _buffer.Length * 2)];
            System.Buffer.BlockCopy(_buffer, 0, larger, 0, keep);
            _buffer = larger;
        }

        return _buffer;
    }

    /// <summary>Disables the fast reading, so tests can compare both readings of the same bytes.</summary>
    internal bool YamlOnly { get; set; }

    // The last page's site tag: the pages of one tag folder share the string.
    private string? _siteTag;

    public PageResult Parse(ReadOnlySpan<byte> file, string path)
    {
        try
        {
            var frontMatter = FrontMatter.Locate(file, path);
            string? siteTag = PageLocation.SiteTagOf(path, _siteTag);
            _siteTag = siteTag ?? _siteTag;
            if (!YamlOnly && _fast.TryParse(file, frontMatter, path, siteTag, _query, _packageOnly, out var fastPage))
            {
                return PageResult.Read(path, fastPage);
            }

            string yaml = Decode(file.Slice(frontMatter.YamlStart, frontMatter.YamlEnd - frontMatter.YamlStart), path);
            var root = YamlTreeReader.Read(yaml, path);
            return PageResult.Read(path, new PageMapper(path, siteTag, _query, _memo, _factory, _packageOnly).Map(root));
        }
        catch (CacheMetaException ex)
        {
            return PageResult.Failed(path, ex);
        }
    }

    // Strict UTF-8, and no control characters YAML forbids: both reported with their position.
    private static string Decode(ReadOnlySpan<byte> bytes, string path)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            int bad = FirstInvalidUtf8(bytes);
            string before = StrictUtf8.GetString(bytes.Slice(0, bad));
            var (line, column) = Position(before, before.Length);
            throw PageErrors.Invalid(path, $"The front matter is not valid UTF-8 (byte 0x{bytes[bad]:X2}).", line, column);
        }

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
            {
                var (line, column) = Position(text, i);
                throw PageErrors.Invalid(path, $"The front matter contains the control character U+{(int)c:X4}, which YAML does not allow.", line, column);
            }
        }

        return text;
    }

    // 1-based line and column of text[index] (or of the end of text when index is past it).
    private static (int Line, int Column) Position(string text, int index)
    {
        int line = 1, lineStart = 0;
        int end = Math.Min(index, text.Length);
        for (int i = 0; i < end; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, end - lineStart + 1);
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            byte b = bytes[i];
            int extra = b < 0x80 ? 0 : (b & 0xE0) == 0xC0 && b >= 0xC2 ? 1 : (b & 0xF0) == 0xE0 ? 2 : (b & 0xF8) == 0xF0 && b <= 0xF4 ? 3 : -1;
            if (extra < 0 || i + extra >= bytes.Length)
            {
                return i;
            }

            for (int k = 1; k <= extra; k++)
            {
                if ((bytes[i + k] & 0xC0) != 0x80)
                {
                    return i;
                }
            }

            if (extra > 0)
            {
                // Reject overlong 3-byte forms and UTF-16 surrogates, as the decoder does.
                int cp = extra switch
                {
                    1 => ((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F),
                    2 => ((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F),
                    _ => ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3F) << 12) | ((bytes[i + 2] & 0x3F) << 6) | (bytes[i + 3] & 0x3F),
                };
                if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
                {
                    return i;
                }
            }

            i += extra + 1;
        }

        return bytes.Length;
    }
}
