using System;
using System.Runtime.CompilerServices;
using CacheMeta.Text;

namespace CacheMeta.Pages.Fast;

/// <summary>
/// A scanner for the JSON the site generator writes on one line: objects, arrays, strings without escapes,
/// whole numbers, null, separated by spaces. Within that subset JSON and YAML flow collections read the same,
/// which is what lets the fast path stand in for the YAML reading; every other input (an escape, a fraction,
/// a tab, a key YAML would not take) makes a method return false, and the page goes to the YAML reading.
/// It is specialised rather than System.Text.Json's reader because it runs over every byte of every page:
/// strings are found with vectorised searches, and being the project's own code it is compiled fully
/// optimised on first use instead of running instrumented for the JIT's profile first.
/// </summary>
internal ref struct JsonScanner
{
    /// <summary>YAML takes implicit mapping keys of at most 1024 characters; longer ones are not the same document.</summary>
    public const int MaxKeyLength = 1024;

    private const int MaxDepth = 16;

    private readonly ReadOnlySpan<byte> _text;
    private int _position;

    public JsonScanner(ReadOnlySpan<byte> text)
    {
        _text = text;
        _position = 0;
    }

    /// <summary>Where the scanner is, as an offset into the text.</summary>
    public int Position => _position;

    /// <summary>The text the scanner reads.</summary>
    public ReadOnlySpan<byte> Text => _text;

    /// <summary>The next character after blanks, or 0 at the end.</summary>
    [MethodImpl(Jit.Optimized)]
    public byte Peek()
    {
        while (_position < _text.Length && _text[_position] == (byte)' ')
        {
            _position++;
        }

        return _position < _text.Length ? _text[_position] : (byte)0;
    }

    /// <summary>Consumes <paramref name="c"/> (after blanks) when it comes next.</summary>
    [MethodImpl(Jit.Optimized)]
    public bool Take(byte c)
    {
        if (Peek() != c)
        {
            return false;
        }

        _position++;
        return true;
    }

    /// <summary>True when only blanks are left.</summary>
    public bool AtEnd() => Peek() == 0;

    /// <summary>
    /// After a member or item: true and consumed when a comma follows, false when <paramref name="close"/> does
    /// (not consumed); <paramref name="ok"/> is false for anything else.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool NextItem(byte close, out bool ok)
    {
        byte c = Peek();
        ok = c == (byte)',' || c == close;
        if (c == (byte)',')
        {
            _position++;
            return true;
        }

        return false;
    }

    /// <summary>A string without escapes; <paramref name="value"/> is its content, <paramref name="start"/> its offset.</summary>
    [MethodImpl(Jit.Optimized)]
    public bool TryString(out ReadOnlySpan<byte> value, out int start)
    {
        value = default;
        start = 0;
        if (Peek() != (byte)'"')
        {
            return false;
        }

        start = _position + 1;
        int length = _text.Slice(start).IndexOfAny((byte)'"', (byte)'\\');
        if (length < 0 || _text[start + length] != (byte)'"')
        {
            return false; // unterminated, or an escape: the YAML reading decodes those
        }

        value = _text.Slice(start, length);
        _position = start + length + 1;
        return true;
    }

    /// <summary>An object key and its colon.</summary>
    [MethodImpl(Jit.Optimized)]
    public bool TryKey(out ReadOnlySpan<byte> key) =>
        TryString(out key, out _) && key.Length <= MaxKeyLength && Take((byte)':');

    /// <summary>A whole number as JSON writes it (no fraction, no exponent, no leading zeros).</summary>
    [MethodImpl(Jit.Optimized)]
    public bool TryInteger(out long value)
    {
        value = 0;
        Peek();
        int i = _position;
        bool negative = i < _text.Length && _text[i] == (byte)'-';
        if (negative)
        {
            i++;
        }

        int digits = 0;
        while (i < _text.Length && _text[i] >= (byte)'0' && _text[i] <= (byte)'9')
        {
            if (digits == 18)
            {
                return false; // beyond what any count or size can be
            }

            value = (value * 10) + (_text[i] - '0');
            digits++;
            i++;
        }

        bool leadingZero = digits > 1 && _text[negative ? _position + 1 : _position] == (byte)'0';
        if (digits == 0 || leadingZero || (i < _text.Length && IsNumberPart(_text[i])))
        {
            return false;
        }

        value = negative ? -value : value;
        _position = i;
        return true;
    }

    /// <summary>The literal null.</summary>
    [MethodImpl(Jit.Optimized)]
    public bool TryNull()
    {
        if (Peek() == (byte)'n' && _text.Slice(_position).StartsWith("null"u8)
            && (_position + 4 == _text.Length || !IsLetter(_text[_position + 4])))
        {
            _position += 4;
            return true;
        }

        return false;
    }

    /// <summary>Skips any value of the subset (the value of a key the reader does not know).</summary>
    public bool TrySkipValue(int depth = 0)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        switch (Peek())
        {
            case (byte)'"':
                return TryString(out _, out _);
            case (byte)'[':
                _position++;
                if (Take((byte)']'))
                {
                    return true;
                }

                while (true)
                {
                    if (!TrySkipValue(depth + 1))
                    {
                        return false;
                    }

                    if (!NextItem((byte)']', out bool ok))
                    {
                        return ok && Take((byte)']');
                    }
                }

            case (byte)'{':
                _position++;
                if (Take((byte)'}'))
                {
                    return true;
                }

                while (true)
                {
                    if (!TryKey(out _) || !TrySkipValue(depth + 1))
                    {
                        return false;
                    }

                    if (!NextItem((byte)'}', out bool ok))
                    {
                        return ok && Take((byte)'}');
                    }
                }

            case (byte)'n':
                return TryNull();
            case (byte)'t':
                return TryLiteral("true"u8);
            case (byte)'f':
                return TryLiteral("false"u8);
            default:
                return TryInteger(out _);
        }
    }

    private bool TryLiteral(ReadOnlySpan<byte> literal)
    {
        if (_text.Slice(_position).StartsWith(literal)
            && (_position + literal.Length == _text.Length || !IsLetter(_text[_position + literal.Length])))
        {
            _position += literal.Length;
            return true;
        }

        return false;
    }

    private static bool IsNumberPart(byte b) => (b >= (byte)'0' && b <= (byte)'9') || b == (byte)'.' || b == (byte)'e' || b == (byte)'E'
        || b == (byte)'+' || b == (byte)'-';

    private static bool IsLetter(byte b) => (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
}
