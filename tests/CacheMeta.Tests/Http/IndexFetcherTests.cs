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

/// <summary>Downloads against a real HTTP server on 127.0.0.1: layouts, freshness, faults, and the cache left behind.</summary>
public sealed class IndexFetcherTests : IDisposable
{
    private readonly FixtureServer _server = new();
    private readonly TempTree _tree = new();
    private readonly RecordingObserver _observer = new();

    public void Dispose()
    {
        _server.Dispose();
        _tree.Dispose();
    }

    private string CacheDir => Path.Combine(_tree.Root, "cache");

    private IndexFetcher Fetcher(bool offline = false, Action<FetchOptions>? tune = null)
    {
        var options = new FetchOptions
        {
            CacheDirectory = CacheDir, Offline = offline, Retries = 2, RetryDelay = TimeSpan.FromMilliseconds(10),
            RequestTimeout = TimeSpan.FromSeconds(10), ReadTimeout = TimeSpan.FromSeconds(10),
        };
        tune?.Invoke(options);
        return new IndexFetcher(options, _observer);
    }

    private SourceRun Mirror(string address, IndexFetcher? fetcher = null) =>
        new(new MirrorSource(new[] { address }, fetcher ?? Fetcher(), _observer));

    private string[] CachedFiles() => Directory.Exists(CacheDir)
        ? Directory.GetFiles(CacheDir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(CacheDir, f).Replace('\\', '/')).OrderBy(f => f).ToArray()
        : Array.Empty<string>();

    private string[] Blobs() => CachedFiles().Where(f => f.StartsWith("blobs/", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void AV2MirrorIsDownloadedOnceAndThenCheckedByItsHashFile()
    {
        byte[] index = IndexFixtures.V7Index();
        MirrorFixtures.ServeV2(_server, "v2", index);

        var first = Mirror(_server.Url("v2"));
        Assert.Empty(first.Errors);
        Assert.Equal(IndexFixtures.V7Expected, first.Specs.Select(IndexFixtures.Row).ToArray());
        Assert.Equal(new[] { ("/v2/v3/manifests/index/index.manifest.json", 404), ("/v2/build_cache/index.json.hash", 200), ("/v2/build_cache/index.json", 200) },
            _server.Requests.ToArray());
        Assert.Equal(_server.Url("v2/build_cache/index.json"), first.Specs[0].Source);

        _server.ClearLog();
        var second = Mirror(_server.Url("v2"));
        Assert.Equal(IndexFixtures.V7Expected, second.Specs.Select(IndexFixtures.Row).ToArray());
        Assert.Equal(new[] { ("/v2/build_cache/index.json.hash", 200) }, _server.Requests.ToArray());
        Assert.Equal(new[] { "blobs/sha256/" + IndexFixtures.Sha256(index).Substring(0, 2) + "/" + IndexFixtures.Sha256(index) }, Blobs());
    }

    [Fact]
    public void AChangedV2IndexIsDownloadedAgainAndTheOldCopyEvicted()
    {
        MirrorFixtures.ServeV2(_server, "v2", IndexFixtures.V7Index());
        Mirror(_server.Url("v2/build_cache/index.json"));
        byte[] changed = IndexFixtures.V8Index();
        MirrorFixtures.ServeV2(_server, "v2", changed);
        _server.ClearLog();

        var run = Mirror(_server.Url("v2/build_cache/index.json"));
        Assert.Equal(IndexFixtures.V8Expected, run.Specs.Select(IndexFixtures.Row).ToArray());
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(new[] { "blobs/sha256/" + IndexFixtures.Sha256(changed).Substring(0, 2) + "/" + IndexFixtures.Sha256(changed) }, Blobs());
    }

    [Fact]
    public void AV2IndexWithoutHashFileIsRevalidatedWithItsETag()
    {
        MirrorFixtures.ServeV2(_server, "v2", IndexFixtures.V7Index(), withHash: false, etag: "\"v7-1\"");
        Mirror(_server.Url("v2/build_cache/index.json"));
        _server.ClearLog();

        var run = Mirror(_server.Url("v2/build_cache/index.json"));
        Assert.Equal(3, run.Specs.Count);
        Assert.Equal(new[] { ("/v2/build_cache/index.json.hash", 404), ("/v2/build_cache/index.json", 304) }, _server.Requests.ToArray());
        Assert.Equal(0, _server.BytesSent);
    }

    [Fact]
    public void AV3MirrorDownloadsTheManifestAndBlobOnceThenOnlyTheManifest()
    {
        string sum = MirrorFixtures.ServeV3(_server, "v3", IndexFixtures.V8Index(), manifestEtag: "\"m1\"");
        var first = Mirror(_server.Url("v3"));
        Assert.Equal(IndexFixtures.V8Expected, first.Specs.Select(IndexFixtures.Row).ToArray());
        Assert.Equal(new[] { ("/v3/v3/manifests/index/index.manifest.json", 200), ("/v3/blobs/sha256/" + sum.Substring(0, 2) + "/" + sum, 200) },
            _server.Requests.ToArray());
        Assert.Equal(_server.Url("v3/blobs/sha256/" + sum.Substring(0, 2) + "/" + sum), first.Specs[0].Source);

        _server.ClearLog();
        var second = Mirror(_server.Url("v3"));
        Assert.Equal(6, second.Specs.Count);
        Assert.Equal(new[] { ("/v3/v3/manifests/index/index.manifest.json", 304) }, _server.Requests.ToArray());
        Assert.Equal(0, _server.BytesSent);
    }

    [Fact]
    public void AGzipBlobIsVerifiedCompressedAndReadDecompressed()
    {
        MirrorFixtures.ServeV3(_server, "gz", IndexFixtures.V7Index(), gzip: true);
        var run = Mirror(_server.Url("gz/v3/manifests/index/index.manifest.json"));
        Assert.Empty(run.Errors);
        Assert.Equal(IndexFixtures.V7Expected, run.Specs.Select(IndexFixtures.Row).ToArray());
    }

    [Fact]
    public void ABlobAddressThatIsCachedNeedsNoRequestAtAll()
    {
        string sum = MirrorFixtures.ServeV3(_server, "b", IndexFixtures.V7Index());
        string blob = _server.Url("b/blobs/sha256/" + sum.Substring(0, 2) + "/" + sum);
        Mirror(blob);
        Assert.Single(_server.Requests);
        _server.ClearLog();

        var again = Mirror(blob);
        Assert.Equal(3, again.Specs.Count);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void A500ThenA200IsRetried()
    {
        MirrorFixtures.ServeV3(_server, "r", IndexFixtures.V7Index());
        _server.Resource("r/v3/manifests/index/index.manifest.json").Statuses.Enqueue(500);
        var run = Mirror(_server.Url("r"));
        Assert.Empty(run.Errors);
        Assert.Equal(new[] { 500, 200 }, _server.Requests.Where(r => r.Path.EndsWith("manifest.json")).Select(r => r.Status));
        Assert.Contains(_observer.Verbose, v => v.Contains("the server answered 500") && v.Contains("trying again"));
    }

    [Fact]
    public void PersistentServerErrorsFailAfterTheRetries()
    {
        MirrorFixtures.ServeV3(_server, "e", IndexFixtures.V7Index());
        var manifest = _server.Resource("e/v3/manifests/index/index.manifest.json");
        for (int i = 0; i < 5; i++)
        {
            manifest.Statuses.Enqueue(503);
        }

        var run = Mirror(_server.Url("e"));
        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorIds.DownloadFailed, error.ErrorId);
        Assert.Equal(CacheErrorKind.ResourceUnavailable, error.Kind);
        Assert.Equal(_server.Url("e/v3/manifests/index/index.manifest.json"), error.Target);
        Assert.Contains("503", error.Message);
        Assert.Equal(3, _server.Requests.Count); // one try and two retries
    }

    [Fact]
    public void AMissingIndexIsIndexNotFoundAndAMissingFileIsDownloadFailed()
    {
        var root = Mirror(_server.Url("nothing"));
        Assert.Equal(ErrorIds.IndexNotFound, Assert.Single(root.Errors).ErrorId);
        Assert.Equal(CacheErrorKind.ObjectNotFound, root.Errors[0].Kind);

        string sum = new('d', 64);
        var blob = Mirror(_server.Url("nothing/blobs/sha256/dd/" + sum));
        var error = Assert.Single(blob.Errors);
        Assert.Equal(ErrorIds.DownloadFailed, error.ErrorId);
        Assert.Equal(CacheErrorKind.ObjectNotFound, error.Kind);
        Assert.Equal(1, _server.Count(sum)); // a 404 is not retried
    }

    [Fact]
    public void ATruncatedBodyFailsAndLeavesNothingInTheCache()
    {
        string sum = MirrorFixtures.ServeV3(_server, "t", IndexFixtures.V7Index());
        _server.Resource("t/blobs/sha256/" + sum.Substring(0, 2) + "/" + sum).TruncateAfter = 100;
        var run = Mirror(_server.Url("t"));
        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorIds.DownloadFailed, error.ErrorId);
        Assert.Empty(run.Specs);
        Assert.Empty(Blobs());
        Assert.Equal(3, _server.Count(sum));
    }

    [Fact]
    public void ABlobThatFailsItsChecksumIsDiscardedAndReported()
    {
        byte[] index = IndexFixtures.V7Index();
        string claimed = new('e', 64);
        MirrorFixtures.ServeV3(_server, "w", index, claimedSum: claimed);
        _server.Serve("w/blobs/sha256/ee/" + claimed, index); // the bytes are not what the manifest says

        var run = Mirror(_server.Url("w"));
        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorIds.IndexChecksumMismatch, error.ErrorId);
        Assert.Equal(CacheErrorKind.InvalidData, error.Kind);
        Assert.Contains(IndexFixtures.Sha256(index), error.Message);
        Assert.Empty(Blobs());

        _server.ClearLog();
        Mirror(_server.Url("w"));
        Assert.Equal(1, _server.Count(claimed)); // not cached: fetched again
    }

    [Fact]
    public void AV2IndexThatDisagreesWithItsHashFileIsDiscarded()
    {
        MirrorFixtures.ServeV2(_server, "h", IndexFixtures.V7Index());
        _server.Serve("h/build_cache/index.json.hash", Encoding.ASCII.GetBytes(new string('0', 64)));
        var run = Mirror(_server.Url("h/build_cache/index.json"));
        Assert.Equal(ErrorIds.IndexChecksumMismatch, Assert.Single(run.Errors).ErrorId);
        Assert.Empty(Blobs());
    }

    [Fact]
    public void ASlowServerTimesOut()
    {
        MirrorFixtures.ServeV3(_server, "s", IndexFixtures.V7Index());
        _server.Resource("s/v3/manifests/index/index.manifest.json").Delay = TimeSpan.FromSeconds(3);
        var fetcher = Fetcher(tune: o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(200);
            o.Retries = 0;
        });
        var run = Mirror(_server.Url("s"), fetcher);
        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorIds.DownloadFailed, error.ErrorId);
        Assert.Contains("no response within 0.2 s", error.Message);
    }

    [Fact]
    public void ABodyOverTheCapIsRefused()
    {
        byte[] index = IndexFixtures.V7Index();
        MirrorFixtures.ServeV2(_server, "big", index);
        var run = Mirror(_server.Url("big/build_cache/index.json"), Fetcher(tune: o => o.MaxDownloadBytes = 1000));
        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorIds.DownloadTooLarge, error.ErrorId);
        Assert.Equal(CacheErrorKind.LimitsExceeded, error.Kind);
        Assert.Empty(Blobs());
    }

    [Fact]
    public void OfflineReadsOnlyTheCache()
    {
        MirrorFixtures.ServeV3(_server, "o", IndexFixtures.V8Index());
        var missing = Mirror(_server.Url("o"), Fetcher(offline: true));
        var error = Assert.Single(missing.Errors);
        Assert.Equal(ErrorIds.CacheEntryMissing, error.ErrorId);
        Assert.Empty(_server.Requests);

        Mirror(_server.Url("o"));
        _server.ClearLog();
        var offline = Mirror(_server.Url("o"), Fetcher(offline: true));
        Assert.Equal(IndexFixtures.V8Expected, offline.Specs.Select(IndexFixtures.Row).ToArray());
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task TwoSessionsFetchingAtOnceLeaveOneWholeCopy()
    {
        byte[] index = IndexFixtures.V8Index();
        string sum = MirrorFixtures.ServeV3(_server, "p", index);
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Mirror(_server.Url("p"), Fetcher()))));
        Assert.All(runs, r => Assert.Equal(6, r.Specs.Count));
        Assert.Equal(new[] { "blobs/sha256/" + sum.Substring(0, 2) + "/" + sum }, Blobs());
        Assert.Equal(index, File.ReadAllBytes(Path.Combine(CacheDir, "blobs/sha256", sum.Substring(0, 2), sum)));
        Assert.DoesNotContain(CachedFiles(), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void ProgressIsReportedInBytesAndCompleted()
    {
        byte[] index = IndexFixtures.V7Index();
        MirrorFixtures.ServeV2(_server, "pg", index);
        Mirror(_server.Url("pg/build_cache/index.json"));
        var download = _observer.Progress.Last(p => p.Activity == "Downloading" && p.Target.EndsWith("index.json"));
        Assert.True(download.Completed);
        Assert.Equal(index.Length, download.Bytes);
        Assert.Equal(index.Length, download.TotalBytes);
        Assert.Contains(_observer.Progress, p => p.Activity == "Reading index" && p.Completed && p.Bytes == index.Length);
    }

    [Fact]
    public void CancellationStopsARetryWait()
    {
        MirrorFixtures.ServeV3(_server, "c", IndexFixtures.V7Index());
        var manifest = _server.Resource("c/v3/manifests/index/index.manifest.json");
        manifest.Statuses.Enqueue(500);
        using var cancel = new CancellationTokenSource();
        var fetcher = Fetcher(tune: o => o.RetryDelay = TimeSpan.FromSeconds(30));
        cancel.CancelAfter(300);
        Assert.ThrowsAny<OperationCanceledException>(() => fetcher.Fetch(IndexLocation.Parse(_server.Url("c")), cancel.Token));
    }

    [Fact]
    public void ALocalV3MirrorIsVerifiedInPlace()
    {
        string good = MirrorFixtures.WriteV3(_tree, "local/good", IndexFixtures.V8Index(), gzip: true);
        var run = Mirror(good);
        Assert.Equal(IndexFixtures.V8Expected, run.Specs.Select(IndexFixtures.Row).ToArray());

        string bad = MirrorFixtures.WriteV3(_tree, "local/bad", IndexFixtures.V8Index(), claimedSum: new string('a', 64));
        string sum = IndexFixtures.Sha256(IndexFixtures.V8Index());
        File.Copy(Path.Combine(bad, "blobs/sha256", sum.Substring(0, 2), sum), Path.Combine(Directory.CreateDirectory(Path.Combine(bad, "blobs/sha256/aa")).FullName, new string('a', 64)));
        var failed = Mirror(bad);
        Assert.Equal(ErrorIds.IndexChecksumMismatch, Assert.Single(failed.Errors).ErrorId);
        Assert.Empty(CachedFiles()); // local mirrors are read in place
    }
}
