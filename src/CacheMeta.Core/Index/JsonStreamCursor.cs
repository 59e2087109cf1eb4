using System;
using System.IO;
using System.Text.Json;

namespace CacheMeta.Index;

/// <summary>
/// Walks a JSON document read from a stream, token by token, without holding the document in memory:
/// an index runs to hundreds of megabytes, one record to a few kilobytes. A window of the stream is kept
/// in a buffer; a token or a whole value that crosses the window's end makes the window slide and grow
/// (up to a cap), and the reading resumes from the saved reader state. Values asked for whole
/// (<see cref="ReadValue"/>) are handed out as a slice of the window, valid until the next call.
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
    /// Reads the next value whole (after a property name) and returns where it lies in <see cref="Window"/>.
    /// A value larger than the cap is an error, so a hostile file cannot make the window grow without bound.
    /// </summary>
    public (int Offset, int Length) ReadValue()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _start, _end - _start), _final, _state);
            if (reader.Read())
            {
                int valueStart = (int)reader.TokenStartIndex;
                bool complete = reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || reader.TrySkip();
                if (complete)
                {
                    TokenType = reader.TokenType;
                    Depth = reader.CurrentDepth;
                    Text = null;
                    int offset = _start + valueStart;
                    int length = (int)reader.BytesConsumed - valueStart;
                    Advance(ref reader);
                    return (offset, length);
                }
            }

            if (_final)
            {
                // (A value cut off by the end of the stream already threw from the final-block reader.)
                throw new JsonException("The document ends before a value.");
            }

            Fill();
        }
    }

    /// <summary>The buffer that <see cref="ReadValue"/> offsets refer to.</summary>
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

    private void Advance(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    private static string? TextOf(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.PropertyName or JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan.ToArray()),
        _ => null,
    };

    // Slides the unread bytes to the front, grows the buffer when they fill it, and reads more.
    private void Fill()
    {
        if (_start > 0)
        {
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
