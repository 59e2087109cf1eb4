using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;
using CacheMeta.Text;

namespace CacheMeta.Pages.Fast;

/// <summary>
/// Reads the values of a page's <c>meta</c> and <c>spec_details</c> lines with a <see cref="JsonScanner"/>,
/// handing out one shared instance per distinct string and per distinct list (keyed by their raw bytes).
/// Every method returns false where the input leaves the regular shape; the caller then falls back to the
/// YAML reading, which is the reference and reports errors. Not thread-safe: one per worker.
/// </summary>
internal sealed class FastJsonReader
{
    private static readonly IReadOnlyList<string> Empty = ValueList.None;

    private readonly Utf8Pool<string> _strings = new();
    private readonly Utf8Pool<IReadOnlyList<string>> _lists = new();
    private readonly List<string> _items = new();

    /// <summary>True when a value is too long for the fast path (the YAML reading then reports it).</summary>
    public static bool TooLong(ReadOnlySpan<byte> value) => value.Length > Yaml.YamlTreeReader.MaxScalarLength;

    /// <summary>Printable ASCII bytes (the fast path reads nothing else) as a shared string.</summary>
    [MethodImpl(Jit.Optimized)]
    public string PooledAscii(ReadOnlySpan<byte> ascii)
    {
        if (_strings.TryGet(ascii, out string value, out int hash))
        {
            return value;
        }

        value = Ascii.Decode(ascii);
        _strings.Add(ascii, hash, value);
        return value;
    }

    /// <summary>A string or null (false for any other value).</summary>
    [MethodImpl(Jit.Optimized)]
    public bool TryOptionalString(ref JsonScanner scanner, out string? value)
    {
        value = null;
        if (scanner.TryNull())
        {
            return true;
        }

        if (!scanner.TryString(out var text, out _) || TooLong(text))
        {
            return false;
        }

        value = PooledAscii(text);
        return true;
    }

    /// <summary>
    /// A list of strings (null reads as empty) as a shared read-only list. The list's raw bytes are looked up
    /// before anything is decoded: records repeat the same few lists (stacks, variants, versions) thousands of times.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool TryStringList(ref JsonScanner scanner, out IReadOnlyList<string> list)
    {
        list = Empty;
        if (scanner.TryNull())
        {
            return true;
        }

        int start = scanner.Position;
        if (!scanner.Take((byte)'['))
        {
            return false;
        }

        start = scanner.Position - 1;
        _items.Clear();
        if (!scanner.Take((byte)']'))
        {
            while (true)
            {
                if (!scanner.TryString(out var item, out _) || TooLong(item))
                {
                    return false;
                }

                _items.Add(null!); // a placeholder: decoded only when the list is new
                if (!scanner.NextItem((byte)']', out bool ok))
                {
                    if (!ok || !scanner.Take((byte)']'))
                    {
                        return false;
                    }

                    break;
                }
            }
        }

        var raw = scanner.Text.Slice(start, scanner.Position - start);
        if (_lists.TryGet(raw, out list, out int hash))
        {
            return true;
        }

        list = _items.Count == 0 ? Empty : new ValueList(Decode(raw, _items.Count));
        _lists.Add(raw, hash, list);
        return true;
    }

    // The strings of a list already known to be well formed.
    private string[] Decode(ReadOnlySpan<byte> raw, int count)
    {
        var scanner = new JsonScanner(raw);
        scanner.Take((byte)'[');
        var items = new string[count];
        for (int i = 0; i < count; i++)
        {
            scanner.TryString(out var item, out _);
            items[i] = PooledAscii(item);
            scanner.NextItem((byte)']', out _);
        }

        return items;
    }

    /// <summary>
    /// True the first time an unknown key is seen in an object, false when it repeats: the YAML reading
    /// rejects every repeated key, known or not. <paramref name="seen"/> is created on first use (rare).
    /// </summary>
    public bool FirstUnknownKey(ReadOnlySpan<byte> key, ref List<string>? seen)
    {
        string name = PooledAscii(key);
        seen ??= new List<string>(2);
        if (seen.Contains(name))
        {
            return false;
        }

        seen.Add(name);
        return true;
    }
}
