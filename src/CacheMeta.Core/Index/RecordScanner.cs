using System;
using System.Runtime.CompilerServices;
using CacheMeta.Text;

namespace CacheMeta.Index;

/// <summary>How a scan of part of an index ended.</summary>
internal enum ScanResult
{
    /// <summary>The part is whole and valid JSON.</summary>
    Done,

    /// <summary>The text ends first: more of the stream is needed (or, at its end, the document is cut short).</summary>
    NeedMore,

    /// <summary>The text is not JSON; <see cref="RecordScanner.Problem"/> says why.</summary>
    Invalid,
}

/// <summary>
/// Cuts the records of <c>database.installs</c> out of a window of the index in one pass, checking on the way that
/// they are JSON exactly as System.Text.Json's reader (the reference reading, with the document's depth limit)
/// accepts it, so a record need never be tokenised a second time to be cut. While it scans it notes the few places a
/// quick reading of the record needs (<see cref="RecordShape"/>). Strings are crossed with one vectorised search
/// for their end, a backslash or a control character; the rest is a byte switch.
/// </summary>
internal ref struct RecordScanner
{
    /// <summary>The containers a record may open: the document allows 64, and the root, database and installs hold three.</summary>
    public const int RecordDepth = 61;

    private readonly ReadOnlySpan<byte> _text;
    private readonly bool _final;
    private int _position;

    /// <param name="text">The window from where the scan starts.</param>
    /// <param name="final">True when the stream ends with the window: running out is then an error, not a wait.</param>
    public RecordScanner(ReadOnlySpan<byte> text, bool final)
    {
        _text = text;
        _final = final;
        _position = 0;
        Problem = null;
        Shape = default;
    }

    /// <summary>Where the scan is, as an offset into the text.</summary>
    public int Position => _position;

    /// <summary>Why the text is not JSON, after <see cref="ScanResult.Invalid"/>.</summary>
    public string? Problem { get; private set; }

    /// <summary>What the last <see cref="Member"/> noted of its record.</summary>
    public RecordShape Shape;

    /// <summary>
    /// Before the next member of <c>installs</c>: true when the object closes here (the brace is left unread), false
    /// when a member follows (after its comma, unless it is the first).
    /// </summary>
    public ScanResult Separator(bool first, out bool closes)
    {
        closes = false;
        byte c = SkipBlanks();
        if (c == 0)
        {
            return Short();
        }

        if (c == (byte)'}')
        {
            closes = true;
            return ScanResult.Done;
        }

        if (!first)
        {
            if (c != (byte)',')
            {
                return Fail("Expected ',' or '}' after a record");
            }

            _position++;
            c = SkipBlanks();
            if (c == 0)
            {
                return Short();
            }
        }

        return c == (byte)'"' ? ScanResult.Done : Fail("Expected a record's key");
    }

    /// <summary>One member of <c>installs</c>: its key (offsets into the text) and its value, noted in <see cref="Shape"/>.</summary>
    [MethodImpl(Jit.Optimized)]
    public ScanResult Member(out int keyStart, out int keyLength, out bool keyEscaped, out int valueStart, out int valueLength)
    {
        keyStart = _position + 1;
        keyLength = valueStart = valueLength = 0;
        Shape = default;
        var result = String(out keyEscaped);
        if (result != ScanResult.Done)
        {
            return result;
        }

        keyLength = _position - 1 - keyStart;
        if ((result = Colon()) != ScanResult.Done)
        {
            return result;
        }

        valueStart = _position;
        result = _text[_position] == (byte)'{' ? Record() : Value(0);
        valueLength = _position - valueStart;
        Shape.NameStart -= Shape.NameEnd > 0 ? valueStart : 0; // offsets into the record's value from here on
        Shape.NameEnd -= Shape.NameEnd > 0 ? valueStart : 0;
        Shape.VersionStart -= Shape.VersionEnd > 0 ? valueStart : 0;
        Shape.VersionEnd -= Shape.VersionEnd > 0 ? valueStart : 0;
        return result;
    }

    // A record object: its members are noted for the quick reading (spec, in_buildcache).
    private ScanResult Record()
    {
        _position++;
        byte c = SkipBlanks();
        if (c == (byte)'}')
        {
            _position++;
            return ScanResult.Done;
        }

        while (true)
        {
            var result = Key(c, out var name, out bool escaped);
            if (result != ScanResult.Done)
            {
                return result;
            }

            int value = _position;
            if (escaped)
            {
                Shape.Unusual = true; // a key with escapes may spell a known one: the reference reading decides
                result = Value(1);
            }
            else if (Is(name, "\"spec\""u8))
            {
                Shape.Specs++;
                result = _text[_position] == (byte)'{' ? Spec() : Value(1);
                Shape.Unusual |= _text[value] != (byte)'{';
            }
            else
            {
                result = Value(1);
                if (Is(name, "\"in_buildcache\""u8))
                {
                    byte first = _text[value];
                    Shape.InBuildcache = first == (byte)'t';
                    Shape.Unusual |= first is not ((byte)'t' or (byte)'f' or (byte)'n');
                }
            }

            if (result != ScanResult.Done || (result = AfterMember((byte)'}', out bool more)) != ScanResult.Done)
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

    // The spec node: where its name and version are, when the name comes first as Spack writes it.
    private ScanResult Spec()
    {
        _position++;
        byte c = SkipBlanks();
        if (c == (byte)'}')
        {
            _position++;
            return ScanResult.Done;
        }

        bool first = true;
        while (true)
        {
            var result = Key(c, out var name, out bool escaped);
            if (result != ScanResult.Done)
            {
                return result;
            }

            int value = _position;
            if ((result = Value(2)) != ScanResult.Done)
            {
                return result;
            }

            bool isName = !escaped && Is(name, "\"name\""u8), isVersion = !escaped && Is(name, "\"version\""u8);
            Shape.Unusual |= escaped || (isName && !first) || (first && !isName);
            if (isName)
            {
                Shape.Unusual |= _text[value] != (byte)'"';
                Shape.NameStart = value;
                Shape.NameEnd = _position;
            }
            else if (isVersion)
            {
                Shape.Unusual |= _text[value] is (byte)'{' or (byte)'[' or (byte)'t' or (byte)'f' or (byte)'n';
                Shape.VersionStart = value;
                Shape.VersionEnd = _position;
            }

            first = false;
            if ((result = AfterMember((byte)'}', out bool more)) != ScanResult.Done)
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

/// <summary>
/// What <see cref="RecordScanner"/> noted of one record, for reading a record the query rules out by its name and
/// version alone. Offsets are into the record's value (0 when absent); <see cref="Unusual"/> sends the record to the reference reading.
/// </summary>
internal struct RecordShape
{
    /// <summary>How many <c>spec</c> members the record has.</summary>
    public int Specs;

    /// <summary>The name's string token (quotes included), when it is the spec's first member.</summary>
    public int NameStart, NameEnd;

    /// <summary>The version's token (a string with quotes, or a number).</summary>
    public int VersionStart, VersionEnd;

    /// <summary><c>in_buildcache</c> is <c>true</c> (its last value).</summary>
    public bool InBuildcache;

    /// <summary>Anything a quick reading does not decide: the reference reading of the record does.</summary>
    public bool Unusual;
}
