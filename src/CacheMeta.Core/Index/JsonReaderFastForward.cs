using System;
using System.Text.Json;

namespace CacheMeta.Index;

/// <summary>
/// Moves a <see cref="Utf8JsonReader"/> past an array whose bytes were read another way (<see cref="EdgeListScanner"/>),
/// leaving it as it would be had it read them token by token: same token (the ']'), same depth and containers, same
/// line and byte position, so what it reads next, and every error it reports next, is the same.
/// <para>A reader cannot be moved forward, but it can be rebuilt from a <see cref="JsonReaderState"/> over the text
/// that follows, as a streaming reader continues over its next buffer. The state it needs is the one after the ']';
/// the state after '[' is at hand, and what lies between counts for the state only by its length, so the reader is
/// given, after '[', a filler string as long as the array's contents and then ']': one vectorised search for the closing
/// quote, where the contents would have cost a tokenisation. Skip() would be that tokenisation again, and a reader over
/// the rest with a fresh state would have lost the depth, the containers above and the position errors report.</para>
/// <para>The rebuilt reader counts its offsets (<see cref="Utf8JsonReader.TokenStartIndex"/>,
/// <see cref="Utf8JsonReader.BytesConsumed"/>) from the array's end, so the caller's text is moved on with it: slices
/// taken with those offsets stay right.</para>
/// Not thread-safe: one per index read (the filler is reused).
/// </summary>
internal sealed class JsonReaderFastForward
{
    private const byte Filler = (byte)'x';

    private byte[] _filler = Array.Empty<byte>();

    /// <summary>
    /// Moves <paramref name="reader"/>, on the '[' at its <see cref="Utf8JsonReader.TokenStartIndex"/> in
    /// <paramref name="json"/>, past the array's ']' that ends before <paramref name="end"/>; <paramref name="json"/>
    /// then starts at <paramref name="end"/>, where the reader reads on. The array must be JSON the reader accepts
    /// within its depth limit, with no line break in it, on a reader over one span with all the text (final block).
    /// </summary>
    public void PastArray(ref Utf8JsonReader reader, ref ReadOnlySpan<byte> json, int end)
    {
        int start = (int)reader.TokenStartIndex;
        int contents = end - start - 2; // between '[' and ']'
        if (reader.TokenType != JsonTokenType.StartArray || json[start] != (byte)'[' || json[end - 1] != (byte)']' || contents < 0)
        {
            throw new ArgumentException("The reader is not on the array's '['.", nameof(end));
        }

        if (_filler.Length < contents + 1)
        {
            _filler = new byte[Math.Max(contents + 1, _filler.Length * 2)];
            _filler.AsSpan().Fill(Filler);
        }

        var stand = _filler.AsSpan(0, contents + 1);
        Mark(stand, contents, on: true);
        try
        {
            var past = new Utf8JsonReader(stand, isFinalBlock: false, reader.CurrentState);
            while (past.Read() && past.BytesConsumed < stand.Length)
            {
            }

            if (past.TokenType != JsonTokenType.EndArray || past.BytesConsumed != stand.Length)
            {
                throw new InvalidOperationException("The stand-in for an array's contents did not read as one value.");
            }

            reader = new Utf8JsonReader(json.Slice(end), isFinalBlock: true, past.CurrentState);
            json = json.Slice(end);
        }
        finally
        {
            Mark(stand, contents, on: false);
        }
    }

    // The stand-in for contents of this length, then ']': a string "xx…x" (two bytes or more), a number 0 (one), or
    // nothing. Off puts the filler back.
    private static void Mark(Span<byte> stand, int contents, bool on)
    {
        if (contents >= 2)
        {
            stand[0] = stand[contents - 1] = on ? (byte)'"' : Filler;
        }
        else if (contents == 1)
        {
            stand[0] = on ? (byte)'0' : Filler;
        }

        stand[contents] = on ? (byte)']' : Filler;
    }
}
