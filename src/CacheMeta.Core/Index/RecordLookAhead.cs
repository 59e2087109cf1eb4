using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace CacheMeta.Index;

/// <summary>
/// Finds a record further on in an index's JSON by its key: a spec whose compiler's record comes later in the file
/// (a random order puts most specs before their compiler) is then handed out in its place, instead of being held, edges
/// and all, until the cut gets there.
/// <para>The answer is the name and version of the first record of that key, in file order, that reads without a
/// problem: what the snapshot's reading answers too. A plain file is searched for the key's bytes (a quoted string, a
/// colon, an object: the string is a key, as JSON allows nothing else between two unescaped quotes around word
/// characters), far faster than a cut. Where that search cannot be sure it missed nothing (a compressed file, or a
/// file holding an escape that could spell a key), the document is cut from its start up to the key instead.</para>
/// <para>A key of that text in some other object than the index's records would be found first; Spack never writes
/// one. Among the records already read the reader knows where each starts, so such an object there is passed over;
/// further on, the answer is uncertain and the reader checks it against the record when it gets there
/// (<see cref="CompilerGuesses"/>).</para>
/// Not thread-safe: used by the parse thread, with its parser.
/// </summary>
internal sealed class RecordLookAhead : IDisposable
{
    private const int Window = 1 << 17;
    private const int Overlap = 1 << 12; // what a candidate needs around it: the next window starts this far back
    private const int Back = 64; // backslashes looked at before a candidate's opening quote

    private readonly LocalIndex _index;
    private readonly IndexRecordParser _parser;
    private readonly bool _plain;
    private readonly Func<long, bool> _isPassedRecord;
    private readonly IndexRecord _record = new();
    private FileStream? _file;
    private byte[]? _window;
    private bool? _mayHoldEscapedKeys;
    private bool _unsure; // a candidate was passed over without being decided: a miss of the byte search proves nothing

    /// <param name="index">The index file.</param>
    /// <param name="parser">The read's parser (the records found read exactly as the read's own).</param>
    /// <param name="plain">False for a compressed file, which only a cut can search.</param>
    /// <param name="isPassedRecord">Whether a record read so far starts at a file offset.</param>
    public RecordLookAhead(LocalIndex index, IndexRecordParser parser, bool plain, Func<long, bool> isPassedRecord)
    {
        _index = index;
        _parser = parser;
        _plain = plain;
        _isPassedRecord = isPassedRecord;
    }

    /// <summary>How many searches had to cut the document (for tests).</summary>
    internal int Cuts { get; private set; }

    /// <summary>
    /// The name and version of the first record keyed <paramref name="key"/> (a hash: word characters only) that reads
    /// well for <paramref name="wantName"/>; <paramref name="certain"/> unless it was found at or past
    /// <paramref name="passed"/> (the records before it have been read) by the byte search.
    /// </summary>
    public bool TryFind(string key, Func<string, bool> wantName, long passed, out string name, out string version, out bool certain)
    {
        name = version = string.Empty;
        certain = true;
        try
        {
            if (_plain)
            {
                if (Search(Encoding.ASCII.GetBytes(key), wantName, passed, out name, out version, out certain))
                {
                    return true;
                }

                if (!_unsure && !MayHoldEscapedKeys())
                {
                    return false;
                }
            }

            return Cut(key, wantName, out name, out version);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            return false; // the file is gone: the specs wait for the record as the read gets there
        }
    }

    public void Dispose() => _file?.Dispose();

    // The byte search over the plain file, window by window, for the key's characters (not its quotes: a vectorised
    // search tests a needle's first and last bytes, and quotes are JSON's commonest byte); a candidate is decided in the
    // window where it lies with Back bytes before it and Overlap - Back after it (else in the next window, which starts
    // Overlap back).
    private bool Search(byte[] needle, Func<string, bool> wantName, long passed, out string name, out string version, out bool certain)
    {
        name = version = string.Empty;
        certain = true;
        var file = _file ??= _index.OpenAgain();
        var window = _window ??= new byte[Window];
        long length = file.Length;
        for (long at = 0; at < length; at += Window - Overlap)
        {
            int read = ReadAt(file, at, window, 0, Window);
            bool last = at + read >= length;
            int from = at == 0 ? 0 : Back;
            int until = last ? read : read - Overlap + Back;
            var text = new ReadOnlySpan<byte>(window, 0, read);
            while (from < until)
            {
                int end = Math.Min(read, until + needle.Length - 1);
                int hit = text.Slice(from, end - from).IndexOf(needle);
                if (hit < 0)
                {
                    break;
                }

                hit += from;
                // Among the records read, only one of them counts; past them, the reader checks what was found.
                if (ValueOf(text, hit, needle.Length, at == 0, last) is int value && (at + value >= passed || _isPassedRecord(at + value))
                    && TryRecord(file, at, text, value, last, wantName))
                {
                    name = _record.Name!;
                    version = _record.Version!;
                    certain = at + value < passed;
                    return true;
                }

                from = hit + 1;
            }

            if (last)
            {
                break;
            }
        }

        return false;
    }

    // Where the object value of the key whose characters are at hit starts, or null when the text there is not that key
    // (quoted) with an object.
    private int? ValueOf(ReadOnlySpan<byte> text, int hit, int length, bool fromStart, bool last)
    {
        if (hit == 0 || text[hit - 1] != (byte)'"' || hit + length >= text.Length || text[hit + length] != (byte)'"')
        {
            _unsure |= hit + length >= text.Length && !last; // the closing quote lies past what the window shows
            return null;
        }

        hit--; // the opening quote
        length += 2;
        int slashes = 0;
        for (int i = hit - 1; i >= 0 && text[i] == (byte)'\\'; i--)
        {
            slashes++;
        }

        if (slashes == hit && !fromStart)
        {
            _unsure = true; // more backslashes than the window shows
            return null;
        }

        if (slashes % 2 == 1)
        {
            return null; // an escaped quote: the text is inside a string
        }

        int at = Blanks(text, hit + length);
        if (at < text.Length && text[at] == (byte)':')
        {
            at = Blanks(text, at + 1);
            if (at < text.Length)
            {
                return text[at] == (byte)'{' ? at : null;
            }
        }
        else if (at < text.Length)
        {
            return null;
        }

        _unsure |= !last; // blanks past what the window shows
        return null;
    }

    private static int Blanks(ReadOnlySpan<byte> text, int at)
    {
        while (at < text.Length && text[at] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            at++;
        }

        return at;
    }

    // Reads the object at value (from the window, or from the file when it runs past it) as a record.
    private bool TryRecord(FileStream file, long at, ReadOnlySpan<byte> text, int value, bool last, Func<string, bool> wantName)
    {
        var json = text.Slice(value);
        bool final = last;
        byte[]? longer = null;
        while (true)
        {
            int length;
            try
            {
                length = ObjectLength(json, final);
            }
            catch (JsonException)
            {
                return false; // not JSON here: the cut will say so when it gets there
            }

            if (length > 0)
            {
                return _parser.Parse(json.Slice(0, length), wantName, _record) is null;
            }

            if (final || json.Length >= IndexDocumentReader.DefaultMaxRecordBytes)
            {
                return false;
            }

            longer = new byte[Math.Min(IndexDocumentReader.DefaultMaxRecordBytes, Math.Max(json.Length * 2, 1 << 16))];
            int read = ReadAt(file, at + value, longer, 0, longer.Length);
            final = read < longer.Length;
            json = new ReadOnlySpan<byte>(longer, 0, read);
        }
    }

    // The length of the object json starts with, or 0 when it runs past the text.
    private static int ObjectLength(ReadOnlySpan<byte> json, bool final)
    {
        var reader = new Utf8JsonReader(json, final, default);
        if (!reader.Read() || !reader.TrySkip())
        {
            return 0;
        }

        return (int)reader.BytesConsumed;
    }

    // Any \u00 escape could spell a word character of a key; without one, every key's bytes are its text.
    private bool MayHoldEscapedKeys()
    {
        if (_mayHoldEscapedKeys is { } known)
        {
            return known;
        }

        var file = _file!;
        var window = _window!;
        byte[] escape = { (byte)'\\', (byte)'u', (byte)'0', (byte)'0' };
        long length = file.Length;
        for (long at = 0; at < length; at += Window - escape.Length + 1)
        {
            int read = ReadAt(file, at, window, 0, Window);
            if (new ReadOnlySpan<byte>(window, 0, read).IndexOf(escape) >= 0)
            {
                return (_mayHoldEscapedKeys = true).Value;
            }

            if (at + read >= length)
            {
                break;
            }
        }

        return (_mayHoldEscapedKeys = false).Value;
    }

    // The exact search: cuts a second reading of the document from its start until a record of that key reads well.
    private bool Cut(string key, Func<string, bool> wantName, out string name, out string version)
    {
        name = version = string.Empty;
        Cuts++;
        using var document = new IndexDocumentReader(_index.OpenTextAgain, _index.Origin);
        try
        {
            document.Open();
            while (document.NextRecord(out string cut, out int offset, out int length))
            {
                if (string.Equals(cut, key, StringComparison.Ordinal)
                    && _parser.Parse(new ReadOnlySpan<byte>(document.Window, offset, length), wantName, _record) is null)
                {
                    name = _record.Name!;
                    version = _record.Version!;
                    return true;
                }
            }
        }
        catch (CacheMetaException)
        {
            // The document is malformed further on: the read meets that in its place.
        }

        return false;
    }

    private static int ReadAt(FileStream file, long at, byte[] buffer, int offset, int count)
    {
        file.Position = at;
        int total = 0;
        while (total < count)
        {
            int read = file.Read(buffer, offset + total, count - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
