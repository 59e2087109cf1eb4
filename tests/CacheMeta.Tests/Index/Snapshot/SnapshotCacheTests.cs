using System;
using System.IO;
using System.Linq;
using System.Text;
using CacheMeta.Http;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Index.Snapshot;

/// <summary>
/// The snapshot beside a cached index: written after the first whole read, read by the next query, and never trusted
/// when it is not the blob's, not of this format or build, cut short or damaged: the JSON is then read (the same
/// specs) and the snapshot written anew. A snapshot that cannot be written costs nothing but the speed.
/// </summary>
public sealed class SnapshotCacheTests : ServerTest
{
    private readonly byte[] _index = IndexFixtures.V8Index();

    private string SnapshotFile => Path.Combine(CacheDir, "snapshots", IndexFixtures.Sha256(_index).Substring(0, 2), IndexFixtures.Sha256(_index) + ".snapshot");

    private SourceRun Read(SpecQuery? query = null, bool offline = false)
    {
        Observer.Verbose.Clear();
        return new SourceRun(new MirrorSource(new[] { Server.Url("v2") }, Options(offline)), query, observer: Observer);
    }

    private static string[] Rows(SourceRun run) => run.Specs.Select(SnapshotReading.Render).ToArray();

    private bool FromSnapshot => Observer.Verbose.Any(v => v.Contains("from its snapshot", StringComparison.Ordinal));

    public SnapshotCacheTests() => MirrorFixtures.ServeV2(Server, "v2", _index);

    [Fact]
    public void TheFirstWholeReadWritesTheSnapshotAndTheNextQueryReadsIt()
    {
        var first = Read();
        Assert.False(FromSnapshot);
        Assert.True(File.Exists(SnapshotFile));
        Assert.Contains("snapshots/" + IndexFixtures.Sha256(_index).Substring(0, 2) + "/" + IndexFixtures.Sha256(_index) + ".snapshot", CachedFiles());

        var second = Read();
        Assert.True(FromSnapshot);
        Assert.Empty(second.Errors);
        Assert.Equal(IndexFixtures.V8Expected, second.Specs.Select(IndexFixtures.Row).ToArray());
        Assert.Equal(Rows(first), Rows(second));
        Assert.Equal(Rows(new SourceRun(new MirrorSource(new[] { Server.Url("v2") }, Options()), new SpecQuery { Name = new[] { "zlib*" } })),
            Rows(Read(new SpecQuery { Name = new[] { "zlib*" } })));
    }

    [Theory]
    [InlineData("another blob")]
    [InlineData("format version")]
    [InlineData("build")]
    [InlineData("checksum")]
    [InlineData("truncated")]
    [InlineData("empty")]
    [InlineData("not a snapshot")]
    public void ASnapshotThatIsNotTheBlobsWholeIsReadPastAndWrittenAnew(string fault)
    {
        var expected = Rows(Read());
        byte[] good = File.ReadAllBytes(SnapshotFile);
        byte[] bad = fault switch
        {
            "another blob" => WithByte(good, 16 + 5, (byte)(good[21] ^ 1)),
            "format version" => WithByte(good, 8, 99),
            "build" => WithByte(good, 72 + 3, (byte)(good[75] ^ 0x40)),
            "checksum" => WithByte(good, good.Length - 7, (byte)(good[good.Length - 7] ^ 0x10)),
            "truncated" => good.AsSpan(0, good.Length - 9).ToArray(),
            "empty" => Array.Empty<byte>(),
            _ => Encoding.UTF8.GetBytes("{\"database\": {}}"),
        };
        File.WriteAllBytes(SnapshotFile, bad);

        var run = Read();
        Assert.False(FromSnapshot);
        Assert.Contains(Observer.Verbose, v => v.StartsWith("Ignoring the index snapshot", StringComparison.Ordinal));
        Assert.Empty(run.Errors);
        Assert.Equal(expected, Rows(run));
        Assert.Equal(good, File.ReadAllBytes(SnapshotFile)); // written anew, byte for byte the snapshot of the blob

        Assert.Equal(expected, Rows(Read()));
        Assert.True(FromSnapshot);
    }

    [Fact]
    public void ASnapshotOfAnotherIndexNeverAnswersForThisOne()
    {
        // Another index's snapshot, whole and valid, put in this blob's place: its SHA-256 in the header gives it away.
        MirrorFixtures.ServeV2(Server, "other", IndexFixtures.V7Index());
        new SourceRun(new MirrorSource(new[] { Server.Url("other") }, Options()), new SpecQuery());
        string other = Path.Combine(CacheDir, "snapshots", IndexFixtures.Sha256(IndexFixtures.V7Index()).Substring(0, 2),
            IndexFixtures.Sha256(IndexFixtures.V7Index()) + ".snapshot");
        var expected = Rows(Read());
        File.Copy(other, SnapshotFile, overwrite: true);

        Assert.Equal(expected, Rows(Read()));
        Assert.Contains(Observer.Verbose, v => v.Contains("the snapshot of another copy of the index", StringComparison.Ordinal));
    }

    [Fact]
    public void ACacheFolderThatTakesNoSnapshotStillAnswers()
    {
        Directory.CreateDirectory(CacheDir);
        File.WriteAllText(Path.Combine(CacheDir, "snapshots"), "a file where the folder would go"); // as a read-only folder: nothing can be written there
        var first = Read();
        var second = Read();

        Assert.True(first.Errors.Count == 0, string.Join("; ", first.Errors.Select(e => e.Message)));
        Assert.All(Observer.Warnings, w => Assert.Contains("'parameters' is not an object", w)); // the fixture's bad record, read twice: no warning of the snapshot's
        Assert.Equal(2, Observer.Warnings.Count);
        Assert.Equal(IndexFixtures.V8Expected, second.Specs.Select(IndexFixtures.Row).ToArray());
        Assert.Contains(Observer.Verbose, v => v.StartsWith("The index snapshot", StringComparison.Ordinal) && v.Contains("was not written"));
        Assert.Equal(Rows(first), Rows(second));
    }

    [Fact]
    public void AReadThatStopsEarlyWritesNoSnapshot()
    {
        // More specs than the reader's queue holds: taking the first stops the reader before the end of the index.
        byte[] large = Support.Generated.GeneratedIndexWriter.ToBytes(Support.Generated.GeneratedIndex.Create(
            new Support.Generated.GeneratorOptions { Specs = 3000, Seed = 5 }));
        MirrorFixtures.ServeV2(Server, "large", large);
        var source = new MirrorSource(new[] { Server.Url("large") }, Options());
        Assert.NotNull(source.ReadSpecs(CompiledQuery.All, Observer, default).First().Value);

        Assert.DoesNotContain(CachedFiles(), f => f.StartsWith("snapshots/", StringComparison.Ordinal));
        Assert.Single(CachedFiles(), f => f.StartsWith("blobs/", StringComparison.Ordinal)); // the index itself is cached

        Assert.Equal(3006, new SourceRun(source, new SpecQuery()).Specs.Count); // 3000 and the generator's toolchain
        Assert.Single(CachedFiles(), f => f.StartsWith("snapshots/", StringComparison.Ordinal)); // a whole read then writes it
    }

    [Fact]
    public void OfflineQueriesReadTheSnapshotToo()
    {
        var online = Rows(Read());
        Server.ClearLog();

        var offline = Read(offline: true);
        Assert.True(FromSnapshot);
        Assert.Empty(Server.Requests);
        Assert.Equal(online, Rows(offline));
    }

    [Fact]
    public void AChangedIndexTakesItsOldSnapshotAlongWhenItsBlobIsEvicted()
    {
        Read();
        Assert.True(File.Exists(SnapshotFile));
        MirrorFixtures.ServeV2(Server, "v2", IndexFixtures.V7Index());

        var run = Read();
        Assert.Equal(IndexFixtures.V7Expected, run.Specs.Select(IndexFixtures.Row).ToArray());
        Assert.False(File.Exists(SnapshotFile));
        Assert.Equal(new[] { "snapshots/" + IndexFixtures.Sha256(IndexFixtures.V7Index()).Substring(0, 2) + "/" + IndexFixtures.Sha256(IndexFixtures.V7Index()) + ".snapshot" },
            CachedFiles().Where(f => f.StartsWith("snapshots/", StringComparison.Ordinal)).ToArray());
    }

    [Fact]
    public void AMirrorGivenByPathHasNoSnapshot()
    {
        string folder = Path.Combine(Tree.Root, "local");
        Tree.WriteBytes("local/build_cache/index.json", _index);
        new SourceRun(new MirrorSource(new[] { folder }, Options()), new SpecQuery());
        new SourceRun(new MirrorSource(new[] { folder }, Options()), new SpecQuery());

        Assert.DoesNotContain(CachedFiles(), f => f.StartsWith("snapshots/", StringComparison.Ordinal));
    }

    private static byte[] WithByte(byte[] bytes, int at, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] = value;
        return copy;
    }
}
