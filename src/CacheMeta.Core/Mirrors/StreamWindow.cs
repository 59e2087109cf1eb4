using System;
using System.IO;
using System.Text.Json;

namespace CacheMeta.Mirrors;

/// <summary>
/// The part of a stream a streaming JSON reader is looking at: unread bytes <c>[Start, End)</c> of a buffer that
/// slides forward and grows (to a cap) when one value does not fit. <see cref="Utf8JsonReader"/> reads the unread
/// span and reports how much it consumed (<see cref="Consume"/>); when a value is cut off, <see cref="Fill"/> brings more.
/// </summary>
internal sealed class StreamWindow
{
    private readonly Stream _stream;
    private readonly int _maxBytes;
    private long _discarded;

    public StreamWindow(Stream stream, int initialBytes, int maxBytes)
    {
        _stream = stream;
        _maxBytes = maxBytes;
        Buffer = new byte[Math.Max(16, Math.Min(initialBytes, maxBytes))];
    }

    public byte[] Buffer { get; private set; }

    public int Start { get; private set; }

    public int End { get; private set; }

    /// <summary>True once the stream has no more bytes: what is unread is all there is.</summary>
    public bool Final { get; private set; }

    /// <summary>Bytes of the stream consumed so far.</summary>
    public long Position => _discarded + Start;

    /// <summary>The unread bytes.</summary>
    public ReadOnlySpan<byte> Unread => new(Buffer, Start, End - Start);

    public void Consume(long bytes) => Start += (int)bytes;

    /// <summary>Slides the unread bytes to the front, grows the buffer when they fill it, and reads more.</summary>
    /// <exception cref="JsonException">One value is larger than the cap.</exception>
    public void Fill()
    {
        if (Start > 0)
        {
            System.Buffer.BlockCopy(Buffer, Start, Buffer, 0, End - Start);
            _discarded += Start;
            End -= Start;
            Start = 0;
        }

        if (End == Buffer.Length)
        {
            if (Buffer.Length >= _maxBytes)
            {
                throw new JsonException($"A record is larger than {_maxBytes:N0} bytes.");
            }

            var larger = Buffer;
            Array.Resize(ref larger, (int)Math.Min((long)Buffer.Length * 2, _maxBytes));
            Buffer = larger;
        }

        int read = _stream.Read(Buffer, End, Buffer.Length - End);
        Final = read == 0;
        End += read;
    }
}
