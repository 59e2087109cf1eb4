using System;
using System.Text.Json;

namespace CacheMeta.Index;

/// <summary>
/// Moves a <see cref="Utf8JsonReader"/> past an array or object whose bytes were read another way (a dependency list
/// by <see cref="EdgeListScanner"/>, an <c>arch</c> or <c>parameters</c> object whose extent the cut noted), leaving it
/// as it would be had it read them token by token: same token (the closing bracket), same depth and containers, same
/// line and byte position, so what it reads next, and every error it reports next, is the same.
/// <para>A reader cannot be moved forward, but it can be rebuilt from a <see cref="JsonReaderState"/> over the text
/// that follows, as a streaming reader continues over its next buffer. The state it needs is the one after the closing
/// bracket; the state after the opening one is at hand, and what lies between counts for the state only by its length,
/// so the reader is given a filler as long as the contents (a string, or an object's one member with a string name)
/// and then the closing bracket: one vectorised search for a quote, where the contents would have cost a tokenisation.
/// Skip() would be that tokenisation again, and a reader over the rest with a fresh state would have lost the depth,
/// the containers above and the position errors report.</para>
/// <para>The rebuilt reader counts its offsets (<see cref="Utf8JsonReader.TokenStartIndex"/>,
/// <see cref="Utf8JsonReader.BytesConsumed"/>) from the container's end, so the caller's text is moved on with it:
/// slices taken with those offsets stay right.</para>
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
    public void PastArray(ref Utf8JsonReader reader, ref ReadOnlySpan<byte> json, int end) =>
        Past(ref reader, ref json, end, JsonTokenType.StartArray, (byte)'[', (byte)']');

    /// <summary>As <see cref="PastArray"/>, for an object: the reader is on its '{' and moves past its '}'.</summary>
    public void PastObject(ref Utf8JsonReader reader, ref ReadOnlySpan<byte> json, int end) =>
        Past(ref reader, ref json, end, JsonTokenType.StartObject, (byte)'{', (byte)'}');

    private void Past(ref Utf8JsonReader reader, ref ReadOnlySpan<byte> json, int end, JsonTokenType opening, byte open, byte close)
    {
        int start = (int)reader.TokenStartIndex;
        int contents = end - start - 2; // between the brackets
        if (reader.TokenType != opening || json[start] != open || json[end - 1] != close || contents < 0)
        {
            throw new ArgumentException("The reader is not on the container's opening bracket.", nameof(end));
        }

        if (_filler.Length < contents + 1)
        {
            _filler = new byte[Math.Max(contents + 1, _filler.Length * 2)];
            _filler.AsSpan().Fill(Filler);
        }

        var stand = _filler.AsSpan(0, contents + 1);
        Mark(stand, contents, close, on: true);
        try
        {
            var past = new Utf8JsonReader(stand, isFinalBlock: false, reader.CurrentState);
            while (past.Read() && past.BytesConsumed < stand.Length)
            {
            }

            if (past.TokenType != (close == (byte)']' ? JsonTokenType.EndArray : JsonTokenType.EndObject) || past.BytesConsumed != stand.Length)
            {
                throw new InvalidOperationException("The stand-in for a container's contents did not read as its contents.");
            }

            reader = new Utf8JsonReader(json.Slice(end), isFinalBlock: true, past.CurrentState);
            json = json.Slice(end);
        }
        finally
        {
            Mark(stand, contents, close, on: false);
        }
    }

    // The stand-in for contents of this length, then the closing bracket. In an array: a string "xx…x" (two bytes or
    // more), a number 0 (one), or nothing. In an object: a member "x…x":0 (four bytes or more), else blanks (an
    // object's contents shorter than a member can only be blanks). Off puts the filler back.
    private static void Mark(Span<byte> stand, int contents, byte close, bool on)
    {
        if (close == (byte)'}')
        {
            if (contents >= 4)
            {
                stand[0] = stand[contents - 3] = on ? (byte)'"' : Filler;
                stand[contents - 2] = on ? (byte)':' : Filler;
                stand[contents - 1] = on ? (byte)'0' : Filler;
            }
            else
            {
                stand.Slice(0, contents).Fill(on ? (byte)' ' : Filler);
            }
        }
        else if (contents >= 2)
        {
            stand[0] = stand[contents - 1] = on ? (byte)'"' : Filler;
        }
        else if (contents == 1)
        {
            stand[0] = on ? (byte)'0' : Filler;
        }

        stand[contents] = on ? close : Filler;
    }
}
