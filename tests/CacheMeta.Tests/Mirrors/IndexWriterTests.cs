using System;
using System.Linq;
using System.Text;
using CacheMeta.Mirrors;
using Xunit;

namespace CacheMeta.Tests.Mirrors;

public sealed class IndexWriterTests
{
    private static RawIndexRecord Record(string hash, string spec, bool inBuildcache = true) => new(hash, Encoding.UTF8.GetBytes(spec), inBuildcache);

    [Fact]
    public void WritesTheDatabaseDocumentCompactWithRecordsByHashAndSpecsAsGiven()
    {
        var records = new[]
        {
            Record("bbb", "{\"name\":\"app\", \"dependencies\":[{\"name\":\"lib\",\"hash\":\"aaa\",\"type\":[\"link\"]},{\"name\":\"gone\",\"hash\":\"zzz\"}],\"hash\":\"bbb\"}"),
            Record("aaa", "{\"name\":\"lib\",\"x\":\"\\u00e9\"}", inBuildcache: false),
        };

        string text = Encoding.UTF8.GetString(IndexWriter.ToBytes("8", records));

        Assert.Equal(
            "{\"database\":{\"version\":\"8\",\"installs\":{"
            + "\"aaa\":{\"spec\":{\"name\":\"lib\",\"x\":\"\\u00e9\"},\"ref_count\":1,\"in_buildcache\":false},"
            + "\"bbb\":{\"spec\":{\"name\":\"app\", \"dependencies\":[{\"name\":\"lib\",\"hash\":\"aaa\",\"type\":[\"link\"]},{\"name\":\"gone\",\"hash\":\"zzz\"}],\"hash\":\"bbb\"},"
            + "\"ref_count\":0,\"in_buildcache\":true}}}}",
            text);
    }

    [Fact]
    public void CountsOneReferencePerDependencyEntryOfAnyTypeAsSpackDoes()
    {
        // The counts Spack wrote into the fixture (its rule: Database._add, one per edge of each record) come out again.
        var records = SpackShapedIndexes.V8.Select(n => Record(n.Hash, n.Spec, n.InBuildcache)).ToList();

        var counts = IndexWriter.RefCounts(records);

        Assert.Equal(SpackShapedIndexes.V8.ToDictionary(n => n.Hash, n => n.RefCount), counts);
        Assert.Equal(5, counts[SpackShapedIndexes.Gcc]); // the external compiler: build edges count too
    }

    [Fact]
    public void CountsTheOldestDependencyShapeKeyedByName()
    {
        var records = new[]
        {
            Record("lib", "{\"name\":\"lib\"}"),
            Record("app", "{\"name\":\"app\",\"dependencies\":{\"lib\":{\"hash\":\"lib\",\"type\":[\"build\",\"link\"]}}}"),
        };

        Assert.Equal(1, IndexWriter.RefCounts(records)["lib"]);
    }

    [Fact]
    public void RefusesTwoRecordsWithOneHash()
    {
        var ex = Assert.Throws<ArgumentException>(() => IndexWriter.ToBytes("8", new[] { Record("a", "{}"), Record("a", "{}") }));
        Assert.Contains("hash a", ex.Message);
    }

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("[1,2]")]
    public void ASpecThatIsNotOneJsonObjectIsAnInvalidIndexNamingTheRecord(string spec)
    {
        var ex = Assert.Throws<CacheMetaException>(() => IndexWriter.ToBytes("8", new[] { Record("abc", spec) }));
        Assert.Same(ErrorIds.InvalidIndex, ex.ErrorId);
        Assert.Equal("abc", ex.Target);
    }
}
