using System;
using System.Runtime.CompilerServices;
using CacheMeta.Text;

namespace CacheMeta.Pages;

/// <summary>
/// Finds a page's YAML front matter: after an optional UTF-8 byte order mark, a first line <c>---</c>,
/// then everything up to the next line that is <c>---</c> or <c>...</c> (trailing blanks allowed; LF, CRLF
/// or CR line ends), as Jekyll reads it. The rest of the file is the page body, which CacheMeta ignores.
/// </summary>
internal readonly struct FrontMatter
{
    private FrontMatter(int yamlStart, int yamlEnd, int closingLine)
    {
        YamlStart = yamlStart;
        YamlEnd = yamlEnd;
        ClosingLine = closingLine;
    }

    /// <summary>Offset of the opening <c>---</c> line (just after a BOM, if any).</summary>
    public int YamlStart { get; }

    /// <summary>Offset of the closing line: the YAML is <c>[YamlStart, YamlEnd)</c>.</summary>
    public int YamlEnd { get; }

    /// <summary>1-based line number of the closing <c>---</c>.</summary>
    public int ClosingLine { get; }

    [MethodImpl(Jit.Optimized)]
    public static FrontMatter Locate(ReadOnlySpan<byte> file, string path)
    {
        int start = file.Length >= 3 && file[0] == 0xEF && file[1] == 0xBB && file[2] == 0xBF ? 3 : 0;
        if (file.Length == start)
        {
            throw PageErrors.Invalid(path, "The file is empty; a cache page starts with a '---' front matter line.", 1, 1);
        }

        int lineEnd = LineEnd(file, start, out int next);
        if (!IsMarker(file.Slice(start, lineEnd - start), (byte)'-'))
        {
            throw PageErrors.Invalid(path, "The file does not start with a '---' front matter line.", 1, 1);
        }

        int line = 1;
        int position = next;
        while (position < file.Length)
        {
            line++;
            int end = LineEnd(file, position, out next);
            var text = file.Slice(position, end - position);
            if (IsMarker(text, (byte)'-') || IsMarker(text, (byte)'.'))
            {
                return new FrontMatter(start, position, line);
            }

            position = next;
        }

        throw PageErrors.Invalid(path, "The front matter is not closed: no '---' line follows the opening one.",
            line + (file.Length > 0 && (file[file.Length - 1] == '\n' || file[file.Length - 1] == '\r') ? 1 : 0), 1);
    }

    /// <summary>End of the line starting at <paramref name="start"/> (before its line break) and the start of the next.</summary>
    [MethodImpl(Jit.Optimized)]
    public static int LineEnd(ReadOnlySpan<byte> text, int start, out int next)
    {
        int rel = text.Slice(start).IndexOfAny((byte)'\n', (byte)'\r');
        if (rel < 0)
        {
            next = text.Length;
            return text.Length;
        }

        int end = start + rel;
        next = text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? end + 2 : end + 1;
        return end;
    }

    // "---" or "..." followed only by spaces or tabs.
    private static bool IsMarker(ReadOnlySpan<byte> line, byte c)
    {
        if (line.Length < 3 || line[0] != c || line[1] != c || line[2] != c)
        {
            return false;
        }

        for (int i = 3; i < line.Length; i++)
        {
            if (line[i] != ' ' && line[i] != '\t')
            {
                return false;
            }
        }

        return true;
    }
}
