using System;
using System.IO;
using System.Text;
using CacheMeta.Index;
using Xunit;

namespace CacheMeta.Tests.Index;

/// <summary>
/// The cut notes where a spec's <c>arch</c> and <c>parameters</c> objects lie, and the parser takes those bytes as
/// they are and moves its reader past them (<see cref="JsonReaderFastForward.PastObject"/>) instead of tokenising
/// them to find their end. The record must read as it reads without the notes (the reader moved past them is
/// tested in <see cref="JsonReaderFastForwardTests"/>).
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
        Assert.Null(parser.ParseWhole(json, IndexRecordParser.EveryName, record, shape));
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

        Assert.Null(parser.ParseWhole(json, IndexRecordParser.EveryName, withNotes, shape));
        Assert.Equal(noted, parser.NotedObjects);
        Assert.Null(parser.Parse(json, IndexRecordParser.EveryName, without));
        Assert.Equal(noted, parser.NotedObjects);
        Assert.Equal((without.Arch.Platform, without.Arch.OS, without.Arch.Target), (withNotes.Arch.Platform, withNotes.Arch.OS, withNotes.Arch.Target));
        Assert.Equal(without.Variants, withNotes.Variants);
        Assert.True(withNotes.Complete);
    }
}
