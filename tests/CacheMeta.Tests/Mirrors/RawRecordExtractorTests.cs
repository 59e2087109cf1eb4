using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using CacheMeta.Index;
using CacheMeta.Mirrors;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Mirrors;

public sealed class RawRecordExtractorTests
{
    private static RawIndex Extract(byte[] document, Func<string, bool> wanted, int buffer = 1 << 20) =>
        RawRecordExtractor.Extract(new MemoryStream(document), "index.json", wanted, CancellationToken.None, buffer);

    private static RawIndex Extract(string document, Func<string, bool> wanted, int buffer = 1 << 20) =>
        Extract(Encoding.UTF8.GetBytes(document), wanted, buffer);

    [Theory]
    [InlineData(16)]      // every record crosses the window's end many times
    [InlineData(1 << 20)] // the whole document in one window
    public void KeepsTheSpecBytesOfTheAskedRecordsExactlyAndSkipsTheRest(int buffer)
    {
        var document = SpackShapedIndexes.Document("8", SpackShapedIndexes.V8);
        var wanted = new[] { SpackShapedIndexes.Hdf5, SpackShapedIndexes.Gcc, SpackShapedIndexes.Zlib };

        var raw = Extract(document, wanted.Contains, buffer);

        Assert.Equal("8", raw.Version);
        Assert.Equal(new[] { SpackShapedIndexes.Gcc, SpackShapedIndexes.Zlib, SpackShapedIndexes.Hdf5 }, raw.Records.Select(r => r.Hash)); // file order
        foreach (var record in raw.Records)
        {
            var node = SpackShapedIndexes.V8.Single(n => n.Hash == record.Hash);
            Assert.Equal(node.Spec, Encoding.UTF8.GetString(record.Spec));
            Assert.Equal(node.InBuildcache, record.InBuildcache);
        }
    }

    [Fact]
    public void KeepsWhitespaceAndKeyOrderInsideASpecAndReadsAVersionWrittenAfterTheRecords()
    {
        string spec = "{ \"name\" : \"zlib\",\n  \"version\": \"1.3\", \"hash\": \"x\", \"a\\u00e9\": [1, 2.50] }";
        string document = "{\"database\": {\"installs\": {\"abc\": {\"in_buildcache\": true, \"ref_count\": 9, \"spec\": " + spec + "}}, \"version\": 7}}";

        var raw = Extract(document, _ => true, buffer: 16);

        Assert.Equal("7", raw.Version);
        Assert.Equal(spec, Encoding.UTF8.GetString(Assert.Single(raw.Records).Spec));
        Assert.True(raw.Records[0].InBuildcache);
    }

    [Fact]
    public void TakesAKeyWrittenTwiceOnceAndPassesOverRecordsOfAnotherShape()
    {
        string document = "{\"database\":{\"version\":\"8\",\"installs\":{"
            + "\"bad1\":[1,2],\"bad2\":{\"spec\":\"text\",\"in_buildcache\":{\"x\":[true]}},\"nospec\":{\"in_buildcache\":true},"
            + "\"dup\":{\"spec\":{\"n\":1},\"in_buildcache\":false},\"dup\":{\"spec\":{\"n\":2},\"in_buildcache\":true},"
            + "\"tail\":{\"spec\":{\"n\":3}}}}}";

        var raw = Extract(document, _ => true, buffer: 16);

        Assert.Equal(new[] { "dup", "tail" }, raw.Records.Select(r => r.Hash));
        Assert.Equal("{\"n\":1}", Encoding.UTF8.GetString(raw.Records[0].Spec));
        Assert.False(raw.Records[0].InBuildcache);
        Assert.False(raw.Records[1].InBuildcache); // absent: Spack's default
    }

    [Theory]
    [InlineData("{\"database\":{\"version\":\"8\",\"installs\":{\"a\":{\"spec\":{}}", "not valid")] // the reader's own words
    [InlineData("{\"database\":{\"version\":\"8\",\"installs\":{}}} {}", "not valid")]
    [InlineData("{\"database\":{\"version\":\"8\"}}", "no 'database.installs'")]
    [InlineData("[1]", "not a JSON object")]
    public void ADocumentCutShortRunOnOrOfAnotherShapeIsAnInvalidIndex(string document, string reason)
    {
        var ex = Assert.Throws<CacheMetaException>(() => Extract(document, _ => true, buffer: 16));
        Assert.Same(ErrorIds.InvalidIndex, ex.ErrorId);
        Assert.Contains(reason, ex.Message);
        Assert.Equal("index.json", ex.Target);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("10")]
    public void AnUnreadDatabaseVersionIsRefusedWithItsNumber(string version)
    {
        var ex = Assert.Throws<CacheMetaException>(() => Extract(SpackShapedIndexes.Document(version, SpackShapedIndexes.V7), _ => true));
        Assert.Same(ErrorIds.UnsupportedIndexVersion, ex.ErrorId);
        Assert.Contains("version " + version, ex.Message);
    }

    [Fact]
    public void ReadsAGzipBlobThroughItsLocalIndex()
    {
        using var tree = new TempTree();
        var document = SpackShapedIndexes.Document("7", SpackShapedIndexes.V7);
        string path = tree.WriteBytes("blob", IndexFixtures.Gzip(document));
        using var local = LocalIndex.TryOpen(path, "blob")!;

        var raw = RawRecordExtractor.Extract(local, _ => true, CancellationToken.None);

        Assert.Equal(SpackShapedIndexes.V7.Select(n => n.Spec), raw.Records.Select(r => Encoding.UTF8.GetString(r.Spec)));
    }

    [Fact]
    public void StopsWhenCancelled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => RawRecordExtractor.Extract(
            new MemoryStream(SpackShapedIndexes.Document("8", SpackShapedIndexes.V8)), "i", _ => true, cancel.Token));
    }
}
