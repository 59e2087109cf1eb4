using System;
using System.Runtime.CompilerServices;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text.Json;
using CacheMeta.Text;

namespace CacheMeta.Pages.Fast;

/// <summary>
/// Reads the JSON values of a page's <c>meta</c> and <c>spec_details</c> lines with System.Text.Json,
/// handing out one shared instance per distinct string and per distinct list (keyed by their raw bytes).
/// Every method returns false where the input leaves the regular shape; the caller then falls back to the
/// YAML reading, which is the reference and reports errors. Not thread-safe: one per worker.
/// </summary>
internal sealed class FastJsonReader
{
    private static readonly IReadOnlyList<string> Empty = Array.Empty<string>();

    private readonly Utf8Pool<string> _strings = new();
    private readonly Utf8Pool<IReadOnlyList<string>> _lists = new();

    /// <summary>True when a string token is too long for the fast path (the YAML reading then reports it).</summary>
    public static bool TooLong(ref Utf8JsonReader reader) => reader.ValueSpan.Length > Yaml.YamlTreeReader.MaxScalarLength;

    /// <summary>Printable ASCII bytes as a shared string (page titles, tags, layouts).</summary>
    [MethodImpl(Jit.Optimized)]
    public string PooledAscii(ReadOnlySpan<byte> ascii)
    {
        if (_strings.TryGet(ascii, out string value, out int hash))
        {
            return value;
        }

        var chars = new char[ascii.Length];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)ascii[i];
        }

        value = new string(chars);
        _strings.Add(ascii, hash, value);
        return value;
    }

    /// <summary>A string token as a shared string.</summary>
    [MethodImpl(Jit.Optimized)]
    public string PooledString(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return reader.GetString()!;
        }

        var raw = reader.ValueSpan;
        if (_strings.TryGet(raw, out string value, out int hash))
        {
            return value;
        }

        value = reader.GetString()!;
        _strings.Add(raw, hash, value);
        return value;
    }

    /// <summary>A string or null token (false for any other token).</summary>
    [MethodImpl(Jit.Optimized)]
    public bool TryOptionalString(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String:
                value = PooledString(ref reader);
                return !TooLong(ref reader);
            default:
                return false;
        }
    }

    /// <summary>
    /// A list of strings (null reads as empty) as a shared read-only list. <paramref name="json"/> is the
    /// span the reader reads, so the list's raw bytes can be looked up before any element is decoded.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool TryStringList(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, out IReadOnlyList<string> list)
    {
        list = Empty;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        var raw = json.Slice(start, (int)reader.TokenStartIndex + 1 - start);
        if (_lists.TryGet(raw, out list, out int hash))
        {
            return true;
        }

        var items = new List<string>();
        var inner = new Utf8JsonReader(raw);
        inner.Read();
        while (inner.Read() && inner.TokenType != JsonTokenType.EndArray)
        {
            if (inner.TokenType != JsonTokenType.String || TooLong(ref inner))
            {
                return false;
            }

            items.Add(PooledString(ref inner));
        }

        list = items.Count == 0 ? Empty : new ReadOnlyCollection<string>(items.ToArray());
        _lists.Add(raw, hash, list);
        return true;
    }

    /// <summary>
    /// True the first time an unknown key is seen in an object, false when it repeats: the YAML reading
    /// rejects every repeated key, known or not. <paramref name="seen"/> is created on first use (rare).
    /// </summary>
    public static bool FirstUnknownKey(ref Utf8JsonReader reader, ref List<string>? seen)
    {
        string name = reader.GetString()!;
        seen ??= new List<string>(2);
        if (seen.Contains(name))
        {
            return false;
        }

        seen.Add(name);
        return true;
    }

    /// <summary>Reads a property name into a small field code, -1 for an unknown name, -2 for an escaped one.</summary>
    public static int FieldCode(ref Utf8JsonReader reader, ReadOnlySpan<byte> n0, ReadOnlySpan<byte> n1, ReadOnlySpan<byte> n2,
        ReadOnlySpan<byte> n3, ReadOnlySpan<byte> n4, ReadOnlySpan<byte> n5, ReadOnlySpan<byte> n6, ReadOnlySpan<byte> n7,
        ReadOnlySpan<byte> n8, ReadOnlySpan<byte> n9)
    {
        if (reader.ValueIsEscaped)
        {
            return -2;
        }

        var name = reader.ValueSpan;
        if (name.SequenceEqual(n0)) return 0;
        if (name.SequenceEqual(n1)) return 1;
        if (name.SequenceEqual(n2)) return 2;
        if (name.SequenceEqual(n3)) return 3;
        if (name.SequenceEqual(n4)) return 4;
        if (name.SequenceEqual(n5)) return 5;
        if (name.SequenceEqual(n6)) return 6;
        if (name.SequenceEqual(n7)) return 7;
        if (name.SequenceEqual(n8)) return 8;
        if (name.SequenceEqual(n9)) return 9;
        return -1;
    }
}
