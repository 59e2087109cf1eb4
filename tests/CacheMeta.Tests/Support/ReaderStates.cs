using System;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Xunit;

namespace CacheMeta.Tests.Support;

/// <summary>A Utf8JsonReader's tokens and state as text, for tests that compare a reader moved past a value with one that read it.</summary>
internal static class ReaderStates
{
    // A token as the test compares it: its type, depth, offsets (counted from the whole text) and value; or the end, or
    // the error the reader reports.
    public static string Next(ref Utf8JsonReader reader, int offset)
    {
        try
        {
            if (!reader.Read())
            {
                return "end " + (reader.BytesConsumed + offset);
            }

            return $"{reader.TokenType} depth {reader.CurrentDepth} at {reader.TokenStartIndex + offset} to {reader.BytesConsumed + offset} "
                + $"'{Encoding.UTF8.GetString(reader.ValueSpan)}' escaped {reader.ValueIsEscaped}";
        }
        catch (JsonException ex)
        {
            return "error " + ex.Message;
        }
    }

    // Every field of a reader's state (line, position, containers, token types, options), read as the runtime has them.
    public static string Fields(JsonReaderState state)
    {
        var fields = typeof(JsonReaderState).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        Assert.True(fields.Length >= 8, "the state's fields are no longer where this test looks");
        return string.Join("; ", fields.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => f.Name + "=" + Describe(f.GetValue(state))));
    }

    private static string Describe(object? value)
    {
        if (value is null || value.GetType().IsPrimitive || value is Enum)
        {
            return value?.ToString() ?? "null";
        }

        var fields = value.GetType().GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        return "{" + string.Join(", ", fields.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => f.Name + "=" + Describe(f.GetValue(value)))) + "}";
    }
}
