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
/// quick reading of the record needs, and where the spec's arch and parameters objects lie (<see cref="RecordShape"/>).
/// Strings are crossed with one vectorised search for their end, a backslash or a control character; the rest is a
/// byte switch.
/// </summary>
internal ref partial struct RecordScanner
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
        Shape.Rebase(valueStart); // offsets into the record's value from here on
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

    // The spec node: where its name and version are, when the name comes first as Spack writes it, and its arch and
    // parameters objects.
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
                // A repeated version: the reference reading decodes each one (found by fuzzing: one was not UTF-8).
                Shape.Unusual |= Shape.VersionEnd > 0 || _text[value] is (byte)'{' or (byte)'[' or (byte)'t' or (byte)'f' or (byte)'n';
                Shape.VersionStart = value;
                Shape.VersionEnd = _position;
            }
            else if (!escaped && _text[value] == (byte)'{')
            {
                if (Is(name, "\"arch\""u8))
                {
                    Shape.ArchStart = value;
                    Shape.ArchEnd = _position;
                }
                else if (Is(name, "\"parameters\""u8))
                {
                    Shape.ParametersStart = value;
                    Shape.ParametersEnd = _position;
                }
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
}
