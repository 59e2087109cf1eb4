using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CacheMeta.Index;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Index;

/// <summary>
/// The cut notes where a spec's <c>arch</c> and <c>parameters</c> objects lie, and the parser takes those bytes as
/// they are and moves its reader past them (<see cref="JsonReaderFastForward.PastObject"/>) instead of tokenising
/// them to find their end. The reader it leaves must be the reader that read them, and the record must read as it
/// reads without the notes.
/// </summary>
public sealed class NotedObjectTests
{
    private const string Arch = "{\"platform\":\"linux\",\"platform_os\":\"ubuntu24.04\",\"target\":{\"name\":\"zen4\",\"features\":[\"avx\",\"avx2\"]}}";
    private const string Parameters = "{\"build_system\":\"cmake\",\"shared\":true,\"patches\":[\"0123456789abcdef\"],\"cflags\":[]}";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Record(string node) => "{\"spec\":{\"name\":\"zlib\",\"version\":\"1.3\"," + node + "},\"in_buildcache\":true}";

    // The record of a one-record database 8 index, as cut: its value's bytes and the shape the cut noted.
    private static (byte[] Json, RecordShape Shape) Cut(string record)
    {
        byte[] index = Bytes("{\"database\":{\"version\":\"8\",\"installs\":{\"abcdefghijklmnopqrstuvwxyz234567\":" + record + "}}}");
        using var reader = new IndexDocumentReader(() => new MemoryStream(index), "test");
        reader.Open();
        Assert.True(reader.NextRecord(out _, out int offset, out int length, out var shape));
        return (reader.Window.AsSpan(offset, length).ToArray(), shape);
    }

    private static string Slice(byte[] json, int start, int end) => end == 0 ? "" : Encoding.UTF8.GetString(json, start, end - start);

    [Fact]
    public void TheCutNotesTheSpecsArchAndParametersObjects()
    {
        var (json, shape) = Cut(Record("\"arch\":" + Arch + ",\"parameters\": " + Parameters + " ,\"hash\":\"x\""));

        Assert.Equal(Arch, Slice(json, shape.ArchStart, shape.ArchEnd));
        Assert.Equal(Parameters, Slice(json, shape.ParametersStart, shape.ParametersEnd));
    }

    [Theory]
    [InlineData("\"arch\":\"linux-ubuntu24.04-zen4\",\"parameters\":null")] // not objects
    [InlineData("\"\\u0061rch\":" + Arch + ",\"p\\u0061rameters\":" + Parameters)] // escaped keys: the reader decides what they spell
    [InlineData("\"variants\":{\"arch\":" + Arch + ",\"parameters\":" + Parameters + "}")] // not the spec's own members
    public void OnlyTheSpecsOwnObjectsUnderPlainKeysAreNoted(string node)
    {
        var (_, shape) = Cut(Record(node));

        Assert.Equal(0, shape.ArchEnd);
        Assert.Equal(0, shape.ParametersEnd);
    }

    [Fact]
    public void ARepeatedObjectIsNotedAtItsLastPlace()
    {
        string first = "{\"platform\":\"darwin\"}";
        var (json, shape) = Cut(Record("\"arch\":" + first + ",\"arch\":" + Arch));

        Assert.Equal(Arch, Slice(json, shape.ArchStart, shape.ArchEnd));
        var parser = new IndexRecordParser(8);
        var record = new IndexRecord();
        Assert.Null(parser.Parse(json, IndexRecordParser.EveryName, record, shape));
        Assert.Equal("zen4", record.Arch.Target); // the last one counts, as System.Text.Json's reading of it
        Assert.Equal("linux", record.Arch.Platform);
        Assert.Equal(1, parser.NotedObjects); // the first was read token by token: it is not where the note points
    }

    [Theory]
    [InlineData("\"arch\":" + Arch + ",\"parameters\":" + Parameters, 2)]
    [InlineData("\"arch\":{\"platform\":\n\"linux\"},\"parameters\":" + Parameters, 1)] // a line break inside: the reader counts lines
    [InlineData("\"arch\":{},\"parameters\":{ }", 2)]
    public void TheRecordReadsAsItReadsWithoutTheNotes(string node, int noted)
    {
        string text = Record(node + ",\"dependencies\":[],\"hash\":\"abcdefghijklmnopqrstuvwxyz234567\"");
        var (json, shape) = Cut(text);
        var parser = new IndexRecordParser(8);
        var withNotes = new IndexRecord();
        var without = new IndexRecord();

        Assert.Null(parser.Parse(json, IndexRecordParser.EveryName, withNotes, shape));
        Assert.Equal(noted, parser.NotedObjects);
        Assert.Null(parser.Parse(json, IndexRecordParser.EveryName, without));
        Assert.Equal(noted, parser.NotedObjects);
        Assert.Equal((without.Arch.Platform, without.Arch.OS, without.Arch.Target), (withNotes.Arch.Platform, withNotes.Arch.OS, withNotes.Arch.Target));
        Assert.Equal(without.Variants, withNotes.Variants);
        Assert.True(withNotes.Complete);
    }

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
    public void TheReaderMovedPastAnObjectIsTheReaderThatReadIt(string text)
    {
        byte[] json = Bytes(text);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        reader.Read();
        while (reader.TokenType != JsonTokenType.StartObject || reader.CurrentDepth == 0)
        {
            reader.Read();
        }

        var read = reader;
        read.Skip();
        int end = (int)read.BytesConsumed;
        var moved = reader;
        ReadOnlySpan<byte> rest = json;
        new JsonReaderFastForward().PastObject(ref moved, ref rest, end);

        Assert.Equal(json.Length - end, rest.Length);
        Assert.Equal(ReaderStates.Fields(read.CurrentState), ReaderStates.Fields(moved.CurrentState));
        while (true)
        {
            string expected = ReaderStates.Next(ref read, 0), actual = ReaderStates.Next(ref moved, end);
            Assert.Equal(expected, actual);
            if (expected.StartsWith("end", StringComparison.Ordinal) || expected.StartsWith("error", StringComparison.Ordinal))
            {
                break;
            }
        }
    }

    // Shorter ones before a longer one: a stand-in's quote, colon or brace left behind would end the longer one early.
    [Fact]
    public void TheFillerIsPutBackForTheNextObject()
    {
        var forward = new JsonReaderFastForward();
        foreach (string inner in new[] { "{\"abcdef\":[1,2,3]}", "{\"a\":1}", "{\"\":0}", "{ }", "{}", "{\"abc\":\"d\"}" })
        {
            byte[] json = Bytes("[" + inner + "]");
            var reader = new Utf8JsonReader(json);
            reader.Read();
            reader.Read();
            ReadOnlySpan<byte> rest = json;
            forward.PastObject(ref reader, ref rest, json.Length - 1);
            Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
            Assert.Equal(1, reader.CurrentDepth);
            Assert.True(reader.Read());
            Assert.Equal(JsonTokenType.EndArray, reader.TokenType);
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
