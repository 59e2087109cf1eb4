using System;
using System.Text;
using System.Text.Json;
using CacheMeta.Index;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Index;

/// <summary>
/// A reader moved past an object (<see cref="JsonReaderFastForward.PastObject"/>) must be the reader that read it token
/// by token, and the filler it reads in the contents' place must be left as it was for the next container (the moved
/// reader of a dependency list is tested with the lists, in <see cref="EdgeListScannerTests"/>).
/// </summary>
public sealed class JsonReaderFastForwardTests
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    // Objects whose contents are every length a stand-in has a different shape for (none, blanks, a member of four
    // bytes, longer), nested ones, and every kind of continuation after them, up to an error and a later line break.
    public static TheoryData<string> Objects() => new()
    {
        "{\"a\":{},\"b\":1}",
        "{\"a\":{ },\"b\":1}",
        "{\"a\":{   },\"b\":1}",
        "{\"a\":{\"\":0},\"b\":1}",
        "{\"a\":{\"x\":1}}",
        "{\"a\":{\"x\":{\"y\":[1,{\"z\":null}]},\"w\":\"\\u00e9\"},\"b\":[true]}",
        "{\"a\":{\"x\":1},\"b\":}",
        "{\"a\":{\"x\":1}}}",
        "{\"a\":{\"x\":1},\n\"b\":\n[1, {\"z\": nul}]}",
        "[{\"x\":\"y\"},{\"x\":\"y\"}]",
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void TheReaderMovedPastAnObjectIsTheReaderThatReadIt(string text) =>
        ReaderStates.AssertMovedPastAsRead(text, JsonTokenType.StartObject, 1, new JsonReaderFastForward().PastObject);

    // Shorter ones before a longer one: a stand-in's quote, colon or bracket left behind would end the longer one early.
    [Theory]
    [InlineData('[', "[]", "[1]", "[\"abc\"]", "[1,2,3,4,5,6,7,8]", "[\"abc\"]")]
    [InlineData('{', "{\"abcdef\":[1,2,3]}", "{\"a\":1}", "{\"\":0}", "{ }", "{}", "{\"abc\":\"d\"}")]
    public void TheFillerIsPutBackForTheNextContainer(char open, params string[] containers)
    {
        var forward = new JsonReaderFastForward();
        foreach (string inner in containers)
        {
            byte[] json = Bytes("[" + inner + "]");
            var reader = new Utf8JsonReader(json);
            reader.Read();
            reader.Read();
            ReadOnlySpan<byte> rest = json;
            if (open == '[')
            {
                forward.PastArray(ref reader, ref rest, json.Length - 1);
            }
            else
            {
                forward.PastObject(ref reader, ref rest, json.Length - 1);
            }

            Assert.Equal(open == '[' ? JsonTokenType.EndArray : JsonTokenType.EndObject, reader.TokenType);
            Assert.Equal(1, reader.CurrentDepth);
            Assert.True(reader.Read());
            Assert.Equal(JsonTokenType.EndArray, reader.TokenType);
            Assert.Equal(0, reader.CurrentDepth);
            Assert.False(reader.Read());
        }
    }

    [Fact]
    public void AReaderNotOnAnObjectIsRefused()
    {
        byte[] json = Bytes("[[1]]");
        var reader = new Utf8JsonReader(json);
        reader.Read();
        reader.Read();
        ReadOnlySpan<byte> rest = json;
        bool refused = false;
        try
        {
            new JsonReaderFastForward().PastObject(ref reader, ref rest, 4);
        }
        catch (ArgumentException)
        {
            refused = true;
        }

        Assert.True(refused);
        Assert.Equal(json.Length, rest.Length);
    }
}
