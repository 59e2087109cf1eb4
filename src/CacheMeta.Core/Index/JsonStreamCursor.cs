using System;
using System.IO;
using System.Text.Json;

namespace CacheMeta.Index;

/// <summary>
/// Walks a JSON document read from a stream, token by token, without holding the document in memory:
/// an index runs to hundreds of megabytes, one record to a few kilobytes. A window of the stream is kept
/// in a buffer; a token or a whole value that crosses the window's end makes the window slide and grow
/// (up to a cap), and the reading resumes from the saved reader state. The members of the one large object, the
/// records of <c>installs</c>, are cut by <see cref="CutMember"/> and handed out as slices of the window.
/// </summary>
internal sealed class JsonStreamCursor
{
    private const int InitialBuffer = 1 << 20;

    private readonly Stream _stream;
    private readonly int _maxValueBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _final;
    private long _discarded;
    private long _discardedLines;
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 64 });

    public JsonStreamCursor(Stream stream, int maxValueBytes, int initialBufferBytes = InitialBuffer)
    {
        _stream = stream;
        _maxValueBytes = maxValueBytes;
        _buffer = new byte[Math.Max(16, Math.Min(initialBufferBytes, maxValueBytes))];
    }

    /// <summary>The kind of the token the last <see cref="Read"/> stopped on.</summary>
    public JsonTokenType TokenType { get; private set; }

    /// <summary>The depth of that token (0 for the document's outer braces).</summary>
    public int Depth { get; private set; }

    /// <summary>The text of a property name, string or number token (null for other tokens or when not asked for).</summary>
    public string? Text { get; private set; }

    /// <summary>How many bytes of the stream have been consumed so far.</summary>
    public long Position => _discarded + _start;

    /// <summary>Where <see cref="Window"/> starts in the stream.</summary>
    public long WindowOffset => _discarded;

    /// <summary>Moves to the next token; false at the end of the document.</summary>
    public bool Read(bool wantText = false)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _start, _end - _start), _final, _state);
            if (reader.Read())
            {
                TokenType = reader.TokenType;
                Depth = reader.CurrentDepth;
                Text = wantText ? TextOf(ref reader) : null;
                Advance(ref reader);
                return true;
            }

            if (_final)
            {
                return false;
            }

            Fill();
        }
    }

    /// <summary>
    /// Cuts the next member of the object the reader stands in, without the reader: <see cref="RecordScanner"/> checks
    /// it is JSON as the reader would, in one pass. Returns false (leaving the closing brace to <see cref="Read"/>, whose
    /// state is still the one after the object opened) when the object ends. Offsets are into <see cref="Window"/>,
    /// valid until the next call; a member larger than the cap is an error, so a hostile file cannot make the window
    /// grow without bound.
    /// </summary>
    public bool CutMember(bool first, out MemberSlices member)
    {
        while (true)
        {
            var scanner = new RecordScanner(new ReadOnlySpan<byte>(_buffer, _start, _end - _start), _final);
            var result = scanner.Separator(first, out bool closes);
            if (result == ScanResult.Done && closes)
            {
                _start += scanner.Position;
                member = default;
                return false;
            }

            if (result == ScanResult.Done)
            {
                result = scanner.Member(out int keyStart, out int keyLength, out bool escaped, out int valueStart, out int valueLength);
                if (result == ScanResult.Done)
                {
                    member = new MemberSlices(_start + keyStart, keyLength, escaped, _start + valueStart, valueLength, scanner.Shape);
                    _start += scanner.Position;
                    return true;
                }
            }

            if (result == ScanResult.Invalid)
            {
                throw new JsonException($"{scanner.Problem} (line {LineAt(_start + scanner.Position) + 1}).", null, LineAt(_start + scanner.Position), null);
            }

            Fill();
        }
    }

    /// <summary>The buffer that <see cref="CutMember"/> offsets refer to.</summary>
    public byte[] Window => _buffer;

    /// <summary>Skips the value after a property name token by walking it, however large it is.</summary>
    public void SkipValue()
    {
        if (!Read())
        {
            throw new JsonException("The document ends before a value.");
        }

        if (TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        int depth = Depth;
        while (Read())
        {
            if (Depth == depth && TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                return;
            }
        }

        throw new JsonException("The document ends inside a value.");
    }

    // The line (from 0) a position of the window is on: only blanks between tokens hold line breaks.
    private long LineAt(int position) => _discardedLines + Lines(new ReadOnlySpan<byte>(_buffer, 0, position));

    private static long Lines(ReadOnlySpan<byte> text)
    {
#if NET8_0_OR_GREATER
        return text.Count((byte)'\n');
#else
        long lines = 0;
        for (int i = text.IndexOf((byte)'\n'); i >= 0; i = text.IndexOf((byte)'\n'))
        {
            lines++;
            text = text.Slice(i + 1);
        }

        return lines;
#endif
    }

    private void Advance(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    private static string? TextOf(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.PropertyName => NameOf(ref reader),
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan.ToArray()),
        _ => null,
    };

    // A member name whose raw bytes are not UTF-8 names none of the members the walk looks for, which System.Text.Json
    // compares without decoding: it is passed over like any other (found by fuzzing). An escaped name is decoded to be
    // compared, there as here, so one that spells no text (a lone surrogate) still fails, as a string value does.
    private static string NameOf(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException) when (!reader.ValueIsEscaped)
        {
            return "\uFFFD";
        }
    }

    // Slides the unread bytes to the front, grows the buffer when they fill it, and reads more.
    private void Fill()
    {
        if (_start > 0)
        {
            _discardedLines += Lines(new ReadOnlySpan<byte>(_buffer, 0, _start));
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _discarded += _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= _maxValueBytes)
            {
                throw new JsonException($"A value is larger than {_maxValueBytes:N0} bytes.");
            }

            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, _maxValueBytes));
        }

        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _final = true;
        }

        _end += read;
    }
}

/// <summary>Where one member cut by <see cref="JsonStreamCursor.CutMember"/> lies in the window, and its record's shape.</summary>
internal readonly struct MemberSlices
{
    public MemberSlices(int keyStart, int keyLength, bool keyEscaped, int valueStart, int valueLength, RecordShape shape)
    {
        KeyStart = keyStart;
        KeyLength = keyLength;
        KeyEscaped = keyEscaped;
        ValueStart = valueStart;
        ValueLength = valueLength;
        Shape = shape;
    }

    /// <summary>The key's text (without quotes) as written.</summary>
    public int KeyStart { get; }

    public int KeyLength { get; }

    /// <summary>True when the key holds escapes (it must be decoded as JSON).</summary>
    public bool KeyEscaped { get; }

    public int ValueStart { get; }

    public int ValueLength { get; }

    public RecordShape Shape { get; }
}
