using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CacheMeta.Text;

/// <summary>
/// Writes JSON byte for byte as Python's <c>json.dumps(value, sort_keys=True)</c> does with its defaults, which
/// is how the site generator writes a page's <c>meta</c> and <c>spec_details</c>: separators <c>", "</c> and
/// <c>": "</c>, object keys in code-point order, and <c>ensure_ascii</c> escaping (every character outside
/// printable ASCII as a lower-case <c>\uXXXX</c>, characters above U+FFFF as a surrogate pair, <c>/</c> left alone).
/// Values: null, strings, booleans, integers, dictionaries with string keys (<see cref="IDictionary"/>) and
/// lists (any other <see cref="IEnumerable"/>).
/// </summary>
internal static class PythonJson
{
    private const string HexDigits = "0123456789abcdef";

    /// <summary>The JSON text of <paramref name="value"/>.</summary>
    public static string Serialize(object? value)
    {
        var output = new StringBuilder();
        Write(output, value);
        return output.ToString();
    }

    /// <summary>Appends the JSON text of <paramref name="value"/> to <paramref name="output"/>.</summary>
    public static void Write(StringBuilder output, object? value)
    {
        if (output is null)
        {
            throw new ArgumentNullException(nameof(output));
        }

        switch (value)
        {
            case null:
                output.Append("null");
                break;
            case string text:
                WriteString(output, text);
                break;
            case bool flag:
                output.Append(flag ? "true" : "false");
                break;
            case int or long or short or sbyte or byte or ushort or uint or ulong:
                output.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case IDictionary map:
                WriteObject(output, map);
                break;
            case IEnumerable list:
                WriteArray(output, list);
                break;
            default:
                // Python would raise TypeError too: floats and other types never occur in a page.
                throw new ArgumentException($"PythonJson cannot write a value of type {value.GetType()}.", nameof(value));
        }
    }

    /// <summary>Appends a JSON string literal, escaped as Python's <c>ensure_ascii</c> escapes it.</summary>
    public static void WriteString(StringBuilder output, string text)
    {
        if (output is null)
        {
            throw new ArgumentNullException(nameof(output));
        }

        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        output.Append('"');
        int plainStart = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c >= ' ' && c <= '~' && c != '"' && c != '\\')
            {
                continue;
            }

            output.Append(text, plainStart, i - plainStart);
            plainStart = i + 1;
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                default:
                    // UTF-16 already holds an astral character as its surrogate pair: one escape per unit is
                    // exactly Python's output, and a lone surrogate is escaped the same way Python escapes it.
                    output.Append("\\u")
                        .Append(HexDigits[(c >> 12) & 0xF]).Append(HexDigits[(c >> 8) & 0xF])
                        .Append(HexDigits[(c >> 4) & 0xF]).Append(HexDigits[c & 0xF]);
                    break;
            }
        }

        output.Append(text, plainStart, text.Length - plainStart).Append('"');
    }

    private static void WriteObject(StringBuilder output, IDictionary map)
    {
        var keys = new List<string>(map.Count);
        foreach (object key in map.Keys)
        {
            keys.Add(key as string ?? throw new ArgumentException("PythonJson writes dictionaries with string keys only.", nameof(map)));
        }

        keys.Sort(CodePointComparer.Instance);
        output.Append('{');
        for (int i = 0; i < keys.Count; i++)
        {
            if (i > 0)
            {
                output.Append(", ");
            }

            WriteString(output, keys[i]);
            output.Append(": ");
            Write(output, map[keys[i]]);
        }

        output.Append('}');
    }

    private static void WriteArray(StringBuilder output, IEnumerable list)
    {
        output.Append('[');
        bool first = true;
        foreach (object? item in list)
        {
            if (!first)
            {
                output.Append(", ");
            }

            first = false;
            Write(output, item);
        }

        output.Append(']');
    }
}
