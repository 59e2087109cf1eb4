using System;
using System.Runtime.CompilerServices;
using CacheMeta.Text;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using CacheMeta.Query;
using CacheMeta.Completion;

namespace CacheMeta.Pages.Fast;

/// <summary>
/// The fast reading of a page in the shape the generator writes (G4-G7): one <c>key: value</c> line per
/// key, printable ASCII only, simple scalars for <c>title</c>/<c>layout</c>/<c>categories</c> and single-line
/// JSON (see <see cref="JsonScanner"/>) for <c>meta</c> and <c>spec_details</c>. For such lines YAML and JSON agree, so the fast reading
/// equals the YAML reading (a test proves it over every corpus page). Anything else — block lists, comments,
/// escapes, repeated keys, wrong types — returns false and the page is read as YAML, which reports errors.
/// </summary>
internal sealed class FastPageParser
{
    private readonly FastJsonReader _json = new();
    private readonly FastRecordReader _records;
    private byte[] _lastCategoriesText = Array.Empty<byte>();
    private IReadOnlyList<string>? _lastCategories;

    public FastPageParser(SpecFactory factory, QueryMemo memo) => _records = new FastRecordReader(_json, factory, memo);

    /// <summary>True when the page was read here; <paramref name="page"/> is null when the query rules it out.</summary>
    [MethodImpl(Jit.Optimized)]
    public bool TryParse(ReadOnlySpan<byte> file, FrontMatter frontMatter, string path, string? siteTag, CompiledQuery query,
        bool packageOnly, out CachePage? page)
    {
        page = null;
        if (!TryFindLines(file, frontMatter, out var lines))
        {
            return false;
        }

        string? layout = null;
        if (lines.Title.Length == 0 || lines.SpecDetails.Length == 0 || !TryScalar(Slice(file, lines.Title), out string? title)
            || (lines.Layout.Length > 0 && !TryScalar(Slice(file, lines.Layout), out layout))
            || !TryCategories(lines.Categories.Length > 0 ? Slice(file, lines.Categories) : default, out var categories))
        {
            return false;
        }

        string? tag = siteTag ?? CachePage.TagOf(categories);
        _records.Memo.Tally?.Observe(CompletionField.Tag, tag);
        if (!query.MatchesPage(title, tag))
        {
            return true;
        }

        var meta = new FastMeta();
        var specs = new List<CacheSpec>();
        if ((lines.Meta.Length > 0 && !FastMetaReader.TryRead(_json, Slice(file, lines.Meta), out meta))
            || !_records.TryRead(Slice(file, lines.SpecDetails), title!, tag, path, query, packageOnly, specs, out int entries))
        {
            return false;
        }

        var package = new CachePackage(title!, tag, meta.NumSpecs ?? entries, meta.Versions, meta.Compilers, meta.Oss,
            meta.Platforms, meta.Targets, meta.Stacks, meta.NumSpecsByStack, path);
        page = new CachePage(path, title!, layout, categories, tag, package, meta.NumSpecs, specs, entries, PageSpecLayout.SpecDetails);
        return true;
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> file, (int Start, int Length) range) => file.Slice(range.Start, range.Length);

    private struct Lines
    {
        public (int Start, int Length) Title, Layout, Categories, Meta, SpecDetails;
    }

    // One pass over the front matter lines: each must be "key: value" with a known key, seen once.
    [MethodImpl(Jit.Optimized)]
    private static bool TryFindLines(ReadOnlySpan<byte> file, FrontMatter frontMatter, out Lines lines)
    {
        lines = default;
        FrontMatter.LineEnd(file, frontMatter.YamlStart, out int position);
        while (position < frontMatter.YamlEnd)
        {
            int end = FrontMatter.LineEnd(file, position, out int next);
            var line = file.Slice(position, end - position);
            if (line.IndexOf((byte)'\t') >= 0)
            {
                return false; // YAML has rules for tabs (never as indentation) that only the YAML reading applies
            }

            if (!IsBlank(line))
            {
                int colon = line.IndexOf((byte)':');
                if (colon <= 0 || colon + 2 > line.Length || line[colon + 1] != ' ' || !IsKey(line.Slice(0, colon)))
                {
                    return false;
                }

                int valueStart = colon + 2;
                while (valueStart < line.Length && line[valueStart] == ' ')
                {
                    valueStart++;
                }

                int valueEnd = line.Length;
                while (valueEnd > valueStart && line[valueEnd - 1] == ' ')
                {
                    valueEnd--;
                }

                if (valueEnd == valueStart || !IsPrintableAscii(line.Slice(valueStart, valueEnd - valueStart)))
                {
                    return false;
                }

                var range = (position + valueStart, valueEnd - valueStart);
                var key = line.Slice(0, colon);
                if (!Assign(ref lines, key, range))
                {
                    return false;
                }
            }

            position = next;
        }

        return true;
    }

    private static bool Assign(ref Lines lines, ReadOnlySpan<byte> key, (int, int) range)
    {
        ref (int Start, int Length) slot = ref lines.Title;
        if (key.SequenceEqual("title"u8)) slot = ref lines.Title;
        else if (key.SequenceEqual("layout"u8)) slot = ref lines.Layout;
        else if (key.SequenceEqual("categories"u8)) slot = ref lines.Categories;
        else if (key.SequenceEqual("meta"u8)) slot = ref lines.Meta;
        else if (key.SequenceEqual("spec_details"u8)) slot = ref lines.SpecDetails;
        else return false; // any other key: the YAML reading handles it

        if (slot.Length != 0)
        {
            return false; // repeated key
        }

        slot = range;
        return true;
    }

    // A double-quoted scalar without escapes, or a plain scalar of name characters that is not null.
    private bool TryScalar(ReadOnlySpan<byte> value, out string? text)
    {
        text = null;
        if (value.Length > Yaml.YamlTreeReader.MaxScalarLength)
        {
            return false;
        }

        if (value[0] == '"')
        {
            var inner = value.Slice(1);
            if (inner.Length == 0 || inner[inner.Length - 1] != '"')
            {
                return false;
            }

            inner = inner.Slice(0, inner.Length - 1);
            if (inner.IndexOf((byte)'"') >= 0 || inner.IndexOf((byte)'\\') >= 0)
            {
                return false;
            }

            text = _json.PooledAscii(inner);
            return true;
        }

        if (!IsPlainName(value) || value.SequenceEqual("null"u8) || value.SequenceEqual("Null"u8) || value.SequenceEqual("NULL"u8))
        {
            return false;
        }

        text = _json.PooledAscii(value);
        return true;
    }

    // "[package, develop]": a flow list of scalars.
    private bool TryCategories(ReadOnlySpan<byte> value, out IReadOnlyList<string> categories)
    {
        categories = Array.Empty<string>();
        if (value.Length == 0)
        {
            return true;
        }

        // Consecutive pages of a tag share their categories: keep the last list.
        if (_lastCategories is not null && value.SequenceEqual(_lastCategoriesText))
        {
            categories = _lastCategories;
            return true;
        }

        if (value.Length < 2 || value[0] != '[' || value[value.Length - 1] != ']')
        {
            return false;
        }

        var items = new List<string>(2);
        var body = value.Slice(1, value.Length - 2);
        while (body.Length > 0)
        {
            int comma = body.IndexOf((byte)',');
            var item = Trim(comma < 0 ? body : body.Slice(0, comma));
            if (item.Length == 0 || !TryScalar(item, out string? text))
            {
                return false;
            }

            items.Add(text!);
            body = comma < 0 ? default : body.Slice(comma + 1);
            if (comma >= 0 && Trim(body).Length == 0)
            {
                return false; // trailing comma
            }
        }

        categories = _lastCategories = new ReadOnlyCollection<string>(items);
        _lastCategoriesText = value.ToArray();
        return true;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        while (s.Length > 0 && s[0] == ' ') s = s.Slice(1);
        while (s.Length > 0 && s[s.Length - 1] == ' ') s = s.Slice(0, s.Length - 1);
        return s;
    }

    private static bool IsKey(ReadOnlySpan<byte> key)
    {
        foreach (byte b in key)
        {
            if (!((b >= 'a' && b <= 'z') || b == '_'))
            {
                return false;
            }
        }

        return true;
    }

    // Letters and digits first, then also . _ + - : text that YAML reads as itself in block and flow context.
    private static bool IsPlainName(ReadOnlySpan<byte> value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            byte b = value[i];
            bool alnum = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
            if (!alnum && (i == 0 || (b != '.' && b != '_' && b != '-' && b != '+')))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (byte b in line)
        {
            if (b != ' ')
            {
                return false;
            }
        }

        return true;
    }

    // YAML forbids most control characters and treats some non-ASCII ones as line breaks; JSON does not.
    // Printable ASCII is where the two readings provably agree.
    [MethodImpl(Jit.Optimized)]
    private static bool IsPrintableAscii(ReadOnlySpan<byte> value)
    {
#if NET
        return value.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) < 0; // vectorized: this sees every byte of a page
#else
        foreach (byte b in value)
        {
            if (b < 0x20 || b > 0x7E)
            {
                return false;
            }
        }

        return true;
#endif
    }
}
