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
    /// <summary>How a reader is moved past the container it is on, which ends before <c>end</c> in <c>json</c>.</summary>
    public delegate void MovePast(ref Utf8JsonReader reader, ref ReadOnlySpan<byte> json, int end);

    /// <summary>
    /// Reads <paramref name="text"/> to its first <paramref name="container"/> token at depth
    /// <paramref name="depth"/> or deeper, moves a copy of the reader past that container with <paramref name="move"/>,
    /// and asserts it is the reader that read the container token by token: the same state, field by field, and the same
    /// tokens and errors after it, to the end of the text or the first error.
    /// </summary>
    public static void AssertMovedPastAsRead(string text, JsonTokenType container, int depth, MovePast move)
    {
        byte[] json = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        do
        {
            reader.Read();
        }
        while (reader.TokenType != container || reader.CurrentDepth < depth);

        var read = reader;
        read.Skip();
        int end = (int)read.BytesConsumed;
        var moved = reader;
        ReadOnlySpan<byte> rest = json;
        move(ref moved, ref rest, end);

        Assert.Equal(json.Length - end, rest.Length);
        string state = Fields(read.CurrentState);
        Assert.Contains("_bytePositionInLine=" + (end - (Array.LastIndexOf(json, (byte)'\n', end - 1) + 1)), state, StringComparison.Ordinal);
        Assert.Equal(state, Fields(moved.CurrentState));
        while (true)
        {
            string expected = Next(ref read, 0), actual = Next(ref moved, end);
            Assert.Equal(expected, actual);
            if (expected.StartsWith("end", StringComparison.Ordinal) || expected.StartsWith("error", StringComparison.Ordinal))
            {
                break;
            }
        }
    }

    // A token as the test compares it: its type, depth, offsets (counted from the whole text) and value; or the end, or
    // the error the reader reports.
    private static string Next(ref Utf8JsonReader reader, int offset)
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
    private static string Fields(JsonReaderState state)
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
