using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CacheMeta.Index;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Index;

/// <summary>The streaming walk over index.json: records come whole however the stream is cut, and early.</summary>
public sealed class IndexDocumentReaderTests
{
    private static List<(string Key, string Json)> Records(byte[] index, int initialBuffer, out int version)
    {
        var records = new List<(string, string)>();
        using var reader = new IndexDocumentReader(() => new MemoryStream(index), "test", initialBufferBytes: initialBuffer);
        reader.Open();
        version = reader.Version;
        while (reader.NextRecord(out string key, out int offset, out int length))
        {
            records.Add((key, Encoding.UTF8.GetString(reader.Window, offset, length)));
        }

        return records;
    }

    [Theory]
    [InlineData(16)]
    [InlineData(37)]
    [InlineData(1 << 20)]
    public void EveryRecordComesWholeWhateverTheBufferSize(int initialBuffer)
    {
        byte[] index = IndexFixtures.V8Index();
        var expected = JsonNode.Parse(index)!["database"]!["installs"]!.AsObject();
        var records = Records(index, initialBuffer, out int version);
        Assert.Equal(8, version);
        Assert.Equal(expected.Select(p => p.Key), records.Select(r => r.Key));
        foreach (var (key, json) in records)
        {
            Assert.Equal(expected[key]!.ToJsonString(), JsonNode.Parse(json)!.ToJsonString());
        }
    }

    [Fact]
    public void ADatabaseMemberWhoseNameIsNotUtf8IsPassedOver()
    {
        // Found by the record-cut fuzzer: System.Text.Json accepts the document, and the walk decoded every name.
        var text = new List<byte>(Encoding.UTF8.GetBytes("{\"database\": {\"version\": \"8\", \"inst"));
        text.AddRange(new byte[] { 0xb4, 0x88 });
        text.AddRange(Encoding.UTF8.GetBytes("\": 1, \"installs\": {\"" + IndexFixtures.Hash("utf") + "\": {}}}}"));
        var records = Records(text.ToArray(), 16, out int version);
        Assert.Equal(8, version);
        Assert.Equal(new[] { (IndexFixtures.Hash("utf"), "{}") }, records);
    }

    [Fact]
    public void ARepeatedVersionSendsARecordToTheWholeReading()
    {
        // Found by the record-cut fuzzer: the quick reading took the last version, the whole reading met the first,
        // which is not UTF-8.
        var text = new List<byte>(Encoding.UTF8.GetBytes("{\"database\": {\"version\": \"8\", \"installs\": {\""
            + IndexFixtures.Hash("twice") + "\": {\"spec\": {\"name\": \"zlib\", \"version\": \"1"));
        text.AddRange(new byte[] { 0xe8, 0xe4 });
        text.AddRange(Encoding.UTF8.GetBytes("\", \"version\": \"1.3\"}, \"in_buildcache\": true}}}}"));
        using var reader = new IndexDocumentReader(() => new MemoryStream(text.ToArray()), "test");
        reader.Open();
        Assert.True(reader.NextRecord(out _, out int offset, out int length, out var shape));
        var json = new ReadOnlySpan<byte>(reader.Window, offset, length);
        var parser = new IndexRecordParser(8);
        Assert.False(parser.TryQuick(json, shape, out _, out _));
        Assert.Equal("A value is not valid UTF-8.", parser.Parse(json, shape, _ => false, new IndexRecord()));
    }

    [Fact]
    public void KeysAloneCanBeRead()
    {
        using var reader = new IndexDocumentReader(() => new MemoryStream(IndexFixtures.V7Index()), "test", initialBufferBytes: 16);
        reader.Open();
        var keys = new List<string>();
        while (reader.NextKeyOnly(out string key))
        {
            keys.Add(key);
        }

        Assert.Equal(new[] { IndexFixtures.V7Zlib, IndexFixtures.V7Dep, IndexFixtures.V7Cmake, IndexFixtures.V7Bad, IndexFixtures.V7NoFlag, IndexFixtures.V7Py }, keys);
    }

    [Fact]
    public void TheFirstRecordArrivesWhenLittleOfALargeIndexHasBeenRead()
    {
        var records = Enumerable.Range(0, 5000).Select(i => (IndexFixtures.Hash("r" + i.ToString("d5")),
            (JsonNode)IndexFixtures.Record(new JsonObject { ["name"] = "p" + i, ["version"] = "1.0" })));
        byte[] index = IndexFixtures.Database("7", records);
        var stream = new CountingStream(new MemoryStream(index));
        using var reader = new IndexDocumentReader(() => stream, "test", initialBufferBytes: 4096);
        reader.Open();
        Assert.True(reader.NextRecord(out string key, out _, out _));
        Assert.Equal(IndexFixtures.Hash("r00000"), key);
        Assert.True(index.Length > 400_000);
        Assert.Equal(4096, stream.BytesRead);
    }

    [Fact]
    public void ARecordLargerThanTheCapIsInvalidIndex()
    {
        var big = IndexFixtures.Record(new JsonObject { ["name"] = "big", ["version"] = new string('1', 5000) });
        byte[] index = IndexFixtures.Database("7", new[] { (IndexFixtures.Hash("big"), (JsonNode)big) });
        using var reader = new IndexDocumentReader(() => new MemoryStream(index), "idx", maxRecordBytes: 1024, initialBufferBytes: 64);
        reader.Open();
        var error = Assert.Throws<CacheMetaException>(() => reader.NextRecord(out _, out _, out _));
        Assert.Equal(ErrorIds.InvalidIndex, error.ErrorId);
        Assert.Contains("larger than 1,024 bytes", error.Message);
        Assert.Equal("idx", error.Target);
    }

    [Theory]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"database\": []}", "'database' is not an object")]
    [InlineData("{\"database\": {\"installs\": {}}}", "has no 'database.version'")]
    [InlineData("{\"database\": {\"version\": \"7\", \"installs\": {\"a\": {}} ", "not valid")]
    public void AMalformedDocumentIsInvalidIndex(string text, string message)
    {
        var error = Assert.Throws<CacheMetaException>(() =>
        {
            using var reader = new IndexDocumentReader(() => new MemoryStream(Encoding.UTF8.GetBytes(text)), "idx", initialBufferBytes: 16);
            reader.Open();
            while (reader.NextRecord(out _, out _, out _))
            {
            }
        });
        Assert.Equal(ErrorIds.InvalidIndex, error.ErrorId);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void ASyntaxErrorNamesItsLine()
    {
        string text = "{\"database\": {\"version\": \"7\",\n\"installs\": {\n\"" + IndexFixtures.Hash("a") + "\": {\"spec\": nope}}}}";
        using var reader = new IndexDocumentReader(() => new MemoryStream(Encoding.UTF8.GetBytes(text)), "idx");
        reader.Open();
        var error = Assert.Throws<CacheMetaException>(() => reader.NextRecord(out _, out _, out _));
        Assert.Equal(3, error.Line);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
    }

    private sealed class CountingStream : Stream
    {
        private readonly Stream _inner;

        public CountingStream(Stream inner) => _inner = inner;

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = _inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
