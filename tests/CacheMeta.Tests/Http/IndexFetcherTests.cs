using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CacheMeta.Http;
using CacheMeta.Index;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Http;

/// <summary>Downloads against a real HTTP server on 127.0.0.1: each layout, freshness checks, offline use, and the cache left behind.</summary>
public sealed class IndexFetcherTests : ServerTest
{
    [Fact]
    public void AV2MirrorIsDownloadedOnceAndThenCheckedByItsHashFile()
    {
        byte[] index = IndexFixtures.V7Index();
        MirrorFixtures.ServeV2(Server, "v2", index);

        var first = Mirror(Server.Url("v2"));
        Assert.Empty(first.Errors);
        Assert.Equal(IndexFixtures.V7Expected, first.Specs.Select(IndexFixtures.Row).ToArray());
        Assert.Equal(new[] { ("/v2/v3/manifests/index/index.manifest.json", 404), ("/v2/build_cache/index.json.hash", 200), ("/v2/build_cache/index.json", 200) },
            Server.Requests.ToArray());
        Assert.Equal(Server.Url("v2/build_cache/index.json"), first.Specs[0].Source);

        Server.ClearLog();
        var second = Mirror(Server.Url("v2"));
        Assert.Equal(IndexFixtures.V7Expected, second.Specs.Select(IndexFixtures.Row).ToArray());
        Assert.Equal(new[] { ("/v2/build_cache/index.json.hash", 200) }, Server.Requests.ToArray());
        Assert.Equal(new[] { "blobs/sha256/" + IndexFixtures.Sha256(index).Substring(0, 2) + "/" + IndexFixtures.Sha256(index) }, Blobs());
    }

    [Fact]
    public void AChangedV2IndexIsDownloadedAgainAndTheOldCopyEvicted()
    {
        MirrorFixtures.ServeV2(Server, "v2", IndexFixtures.V7Index());
        Mirror(Server.Url("v2/build_cache/index.json"));
        byte[] changed = IndexFixtures.V8Index();
        MirrorFixtures.ServeV2(Server, "v2", changed);
        Server.ClearLog();

        var run = Mirror(Server.Url("v2/build_cache/index.json"));
        Assert.Equal(IndexFixtures.V8Expected, run.Specs.Select(IndexFixtures.Row).ToArray());
        Assert.Equal(2, Server.Requests.Count);
        Assert.Equal(new[] { "blobs/sha256/" + IndexFixtures.Sha256(changed).Substring(0, 2) + "/" + IndexFixtures.Sha256(changed) }, Blobs());
    }

    [Fact]
    public void AV2IndexWithoutHashFileIsRevalidatedWithItsETag()
    {
        MirrorFixtures.ServeV2(Server, "v2", IndexFixtures.V7Index(), withHash: false, etag: "\"v7-1\"");
        Mirror(Server.Url("v2/build_cache/index.json"));
        Server.ClearLog();

        var run = Mirror(Server.Url("v2/build_cache/index.json"));
        Assert.Equal(3, run.Specs.Count);
        Assert.Equal(new[] { ("/v2/build_cache/index.json.hash", 404), ("/v2/build_cache/index.json", 304) }, Server.Requests.ToArray());
        Assert.Equal(0, Server.BytesSent);
    }

    [Fact]
    public void AV3MirrorDownloadsTheManifestAndBlobOnceThenOnlyTheManifest()
    {
        string sum = MirrorFixtures.ServeV3(Server, "v3", IndexFixtures.V8Index(), manifestEtag: "\"m1\"");
        var first = Mirror(Server.Url("v3"));
        Assert.Equal(IndexFixtures.V8Expected, first.Specs.Select(IndexFixtures.Row).ToArray());
        Assert.Equal(new[] { ("/v3/v3/manifests/index/index.manifest.json", 200), ("/v3/blobs/sha256/" + sum.Substring(0, 2) + "/" + sum, 200) },
            Server.Requests.ToArray());
        Assert.Equal(Server.Url("v3/blobs/sha256/" + sum.Substring(0, 2) + "/" + sum), first.Specs[0].Source);

        Server.ClearLog();
        var second = Mirror(Server.Url("v3"));
        Assert.Equal(6, second.Specs.Count);
        Assert.Equal(new[] { ("/v3/v3/manifests/index/index.manifest.json", 304) }, Server.Requests.ToArray());
        Assert.Equal(0, Server.BytesSent);
    }

    [Fact]
    public void AGzipBlobIsVerifiedCompressedAndReadDecompressed()
    {
        MirrorFixtures.ServeV3(Server, "gz", IndexFixtures.V7Index(), gzip: true);
        var run = Mirror(Server.Url("gz/v3/manifests/index/index.manifest.json"));
        Assert.Empty(run.Errors);
        Assert.Equal(IndexFixtures.V7Expected, run.Specs.Select(IndexFixtures.Row).ToArray());
    }

    [Fact]
    public void ABlobAddressThatIsCachedNeedsNoRequestAtAll()
    {
        string sum = MirrorFixtures.ServeV3(Server, "b", IndexFixtures.V7Index());
        string blob = Server.Url("b/blobs/sha256/" + sum.Substring(0, 2) + "/" + sum);
        Mirror(blob);
        Assert.Single(Server.Requests);
        Server.ClearLog();

        var again = Mirror(blob);
        Assert.Equal(3, again.Specs.Count);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public void OfflineReadsOnlyTheCache()
    {
        MirrorFixtures.ServeV3(Server, "o", IndexFixtures.V8Index());
        var missing = Mirror(Server.Url("o"), Options(offline: true));
        var error = Assert.Single(missing.Errors);
        Assert.Equal(ErrorIds.CacheEntryMissing, error.ErrorId);
        Assert.Empty(Server.Requests);

        Mirror(Server.Url("o"));
        Server.ClearLog();
        var offline = Mirror(Server.Url("o"), Options(offline: true));
        Assert.Equal(IndexFixtures.V8Expected, offline.Specs.Select(IndexFixtures.Row).ToArray());
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task TwoSessionsFetchingAtOnceLeaveOneWholeCopy()
    {
        byte[] index = IndexFixtures.V8Index();
        string sum = MirrorFixtures.ServeV3(Server, "p", index);
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Mirror(Server.Url("p"), Options()))));
        Assert.All(runs, r => Assert.Equal(6, r.Specs.Count));
        Assert.Equal(new[] { "blobs/sha256/" + sum.Substring(0, 2) + "/" + sum }, Blobs());
        Assert.Equal(index, File.ReadAllBytes(Path.Combine(CacheDir, "blobs/sha256", sum.Substring(0, 2), sum)));
        Assert.DoesNotContain(CachedFiles(), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void ProgressIsReportedInBytesAndCompleted()
    {
        byte[] index = IndexFixtures.V7Index();
        MirrorFixtures.ServeV2(Server, "pg", index);
        Mirror(Server.Url("pg/build_cache/index.json"));
        var download = Observer.Progress.Last(p => p.Activity == "Downloading" && p.Target.EndsWith("index.json"));
        Assert.True(download.Completed);
        Assert.Equal(index.Length, download.Bytes);
        Assert.Equal(index.Length, download.TotalBytes);
        Assert.Contains(Observer.Progress, p => p.Activity == "Reading index" && p.Completed && p.Bytes == index.Length);
    }

    [Fact]
    public void ALocalV3MirrorIsVerifiedInPlace()
    {
        string good = MirrorFixtures.WriteV3(Tree, "local/good", IndexFixtures.V8Index(), gzip: true);
        var run = Mirror(good);
        Assert.Equal(IndexFixtures.V8Expected, run.Specs.Select(IndexFixtures.Row).ToArray());

        string bad = MirrorFixtures.WriteV3(Tree, "local/bad", IndexFixtures.V8Index(), claimedSum: new string('a', 64));
        string sum = IndexFixtures.Sha256(IndexFixtures.V8Index());
        File.Copy(Path.Combine(bad, "blobs/sha256", sum.Substring(0, 2), sum), Path.Combine(Directory.CreateDirectory(Path.Combine(bad, "blobs/sha256/aa")).FullName, new string('a', 64)));
        var failed = Mirror(bad);
        Assert.Equal(ErrorIds.IndexChecksumMismatch, Assert.Single(failed.Errors).ErrorId);
        Assert.Empty(CachedFiles()); // local mirrors are read in place
    }
}
