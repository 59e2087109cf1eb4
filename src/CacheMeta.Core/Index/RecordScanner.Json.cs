using System;
using System.Runtime.CompilerServices;
using CacheMeta.Text;

namespace CacheMeta.Index;

// The JSON checks the record scanner makes on the way: any value, containers, strings, numbers and literals, each
// accepted exactly as System.Text.Json's reader would (the record-level loops are in RecordScanner.cs).
internal ref partial struct RecordScanner
{
    // Any value, checked; depth counts the containers already open within the record.
    private ScanResult Value(int depth)
    {
        byte c = SkipBlanks();
        switch (c)
        {
            case 0:
                return Short();
            case (byte)'"':
                return String(out _);
            case (byte)'{':
            case (byte)'[':
                return Container(depth, c);
            case (byte)'t':
                return Literal("true"u8);
            case (byte)'f':
                return Literal("false"u8);
            case (byte)'n':
                return Literal("null"u8);
            default:
                return c == (byte)'-' || (c >= (byte)'0' && c <= (byte)'9') ? Number() : Fail("Expected a value");
        }
    }

    private ScanResult Container(int depth, byte open)
    {
        if (depth >= RecordDepth)
        {
            return Fail("The maximum depth of 64 is exceeded");
        }

        byte close = open == (byte)'{' ? (byte)'}' : (byte)']';
        _position++;
        byte c = SkipBlanks();
        if (c == close)
        {
            _position++;
            return ScanResult.Done;
        }

        while (true)
        {
            ScanResult result;
            if (open == (byte)'{')
            {
                if ((result = Key(c, out _, out _)) != ScanResult.Done)
                {
                    return result;
                }
            }

            if ((result = Value(depth + 1)) != ScanResult.Done || (result = AfterMember(close, out bool more)) != ScanResult.Done)
            {
                return result;
            }

            if (!more)
            {
                return ScanResult.Done;
            }

            c = SkipBlanks();
        }
    }

    // After a member or item: a comma (more follow) or the closing bracket (consumed).
    private ScanResult AfterMember(byte close, out bool more)
    {
        more = false;
        byte c = SkipBlanks();
        if (c == (byte)',')
        {
            _position++;
            more = true;
            return SkipBlanks() == 0 ? Short() : ScanResult.Done;
        }

        if (c == close)
        {
            _position++;
            return ScanResult.Done;
        }

        return c == 0 ? Short() : Fail(close == (byte)'}' ? "Expected ',' or '}'" : "Expected ',' or ']'");
    }

    // A property name from its opening quote (given with its quotes), and its colon.
    private ScanResult Key(byte c, out ReadOnlySpan<byte> name, out bool escaped)
    {
        name = default;
        escaped = false;
        if (c != (byte)'"')
        {
            return c == 0 ? Short() : Fail("Expected a property name");
        }

        int start = _position;
        var result = String(out escaped);
        name = _text.Slice(start, _position - start);
        return result == ScanResult.Done ? Colon() : result;
    }

    private ScanResult Colon()
    {
        byte c = SkipBlanks();
        if (c != (byte)':')
        {
            return c == 0 ? Short() : Fail("Expected ':' after a property name");
        }

        _position++;
        return SkipBlanks() == 0 ? Short() : ScanResult.Done;
    }

    // A string from its opening quote: control characters are not allowed in it, escapes must be JSON's.
    [MethodImpl(Jit.Optimized)]
    private ScanResult String(out bool escaped)
    {
        escaped = false;
        int i = _position + 1;
        while (true)
        {
            int found = StringEnd(_text.Slice(i));
            if (found < 0)
            {
                return Short();
            }

            i += found;
            byte c = _text[i];
            if (c == (byte)'"')
            {
                _position = i + 1;
                return ScanResult.Done;
            }

            if (c < 0x20)
            {
                _position = i;
                return Fail("A string holds a control character");
            }

            escaped = true;
            if (i + 1 >= _text.Length)
            {
                return Short();
            }

            byte e = _text[i + 1];
            if (e == (byte)'u')
            {
                if (i + 6 > _text.Length)
                {
                    return Short();
                }

                for (int h = i + 2; h < i + 6; h++)
                {
                    if (!IsHex(_text[h]))
                    {
                        _position = h;
                        return Fail("A \\u escape needs four hexadecimal digits");
                    }
                }

                i += 6;
            }
            else if (e is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t')
            {
                i += 2;
            }
            else
            {
                _position = i;
                return Fail("A string holds an escape JSON does not have");
            }
        }
    }

    // JSON's number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, then something that may end a value.
    private ScanResult Number()
    {
        int i = _position;
        if (_text[i] == (byte)'-')
        {
            i++;
        }

        if (i >= _text.Length)
        {
            return Short();
        }

        if (_text[i] == (byte)'0')
        {
            i++;
        }
        else if (!Digits(ref i))
        {
            return i >= _text.Length ? Short() : FailAt(i, "A number needs digits");
        }

        if (i < _text.Length && _text[i] == (byte)'.')
        {
            i++;
            if (!Digits(ref i))
            {
                return i >= _text.Length ? Short() : FailAt(i, "A number's fraction needs digits");
            }
        }

        if (i < _text.Length && (_text[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < _text.Length && _text[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (!Digits(ref i))
            {
                return i >= _text.Length ? Short() : FailAt(i, "A number's exponent needs digits");
            }
        }

        return EndOfValue(i);
    }

    private bool Digits(ref int i)
    {
        int start = i;
        while (i < _text.Length && _text[i] >= (byte)'0' && _text[i] <= (byte)'9')
        {
            i++;
        }

        return i > start;
    }

    private ScanResult Literal(ReadOnlySpan<byte> literal)
    {
        var rest = _text.Slice(_position);
        int n = Math.Min(rest.Length, literal.Length);
        if (!rest.Slice(0, n).SequenceEqual(literal.Slice(0, n)))
        {
            return Fail("Expected a value");
        }

        return n < literal.Length ? Short() : EndOfValue(_position + literal.Length);
    }

    // A number or literal ends where a blank, comma or closing bracket follows (the end of the text waits for more).
    private ScanResult EndOfValue(int i)
    {
        if (i >= _text.Length)
        {
            return Short();
        }

        byte c = _text[i];
        if (c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)',' or (byte)'}' or (byte)']')
        {
            _position = i;
            return ScanResult.Done;
        }

        return FailAt(i, "A value is followed by something that cannot follow it");
    }

    private byte SkipBlanks()
    {
        while (_position < _text.Length)
        {
            byte c = _text[_position];
            if (c is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            {
                return c;
            }

            _position++;
        }

        return 0;
    }

    // Waiting for more text; at the end of the stream the document is cut short.
    private ScanResult Short() => _final ? FailAt(_text.Length, "The document ends inside 'installs'") : ScanResult.NeedMore;

    private ScanResult Fail(string problem) => FailAt(_position, problem);

    private ScanResult FailAt(int position, string problem)
    {
        _position = position;
        Problem = problem;
        return ScanResult.Invalid;
    }

    private static bool Is(ReadOnlySpan<byte> quotedKey, ReadOnlySpan<byte> expected) => quotedKey.SequenceEqual(expected);

    private static bool IsHex(byte b) => (b >= (byte)'0' && b <= (byte)'9') || ((b | 0x20) >= (byte)'a' && (b | 0x20) <= (byte)'f');

#if NET8_0_OR_GREATER
    private static readonly System.Buffers.SearchValues<byte> StringStops = System.Buffers.SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"u8);

    // The first quote, backslash or control character.
    private static int StringEnd(ReadOnlySpan<byte> text) => text.IndexOfAny(StringStops);
#else
    private static int StringEnd(ReadOnlySpan<byte> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            byte c = text[i];
            if (c == (byte)'"' || c == (byte)'\\' || c < 0x20)
            {
                return i;
            }
        }

        return -1;
    }
#endif
}
