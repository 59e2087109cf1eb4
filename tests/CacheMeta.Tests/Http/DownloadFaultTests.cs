using System;
using System.Linq;
using System.Text;
using System.Threading;
using CacheMeta.Index;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Http;

/// <summary>Download faults against the fixture server: retries, timeouts, caps, bad checksums, and nothing half-stored.</summary>
public sealed class DownloadFaultTests : ServerTest
{
    [Fact]
    public void A500ThenA200IsRetried()
    {
        MirrorFixtures.ServeV3(Server, "r", IndexFixtures.V7Index());
        Server.Resource("r/v3/manifests/index/index.manifest.json").Statuses.Enqueue(500);
        var run = Mirror(Server.Url("r"));
        Assert.Empty(run.Errors);
        Assert.Equal(new[] { 500, 200 }, Server.Requests.Where(r => r.Path.EndsWith("manifest.json")).Select(r => r.Status));
        Assert.Contains(Observer.Verbose, v => v.Contains("the server answered 500") && v.Contains("trying again"));
    }

    [Fact]
    public void PersistentServerErrorsFailAfterTheRetries()
    {
        MirrorFixtures.ServeV3(Server, "e", IndexFixtures.V7Index());
        var manifest = Server.Resource("e/v3/manifests/index/index.manifest.json");
        for (int i = 0; i < 5; i++)
        {
            manifest.Statuses.Enqueue(503);
        }

        var run = Mirror(Server.Url("e"));
        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorIds.DownloadFailed, error.ErrorId);
        Assert.Equal(CacheErrorKind.ResourceUnavailable, error.Kind);
        Assert.Equal(Server.Url("e/v3/manifests/index/index.manifest.json"), error.Target);
        Assert.Contains("503", error.Message);
        Assert.Equal(3, Server.Requests.Count); // one try and two retries
    }

    [Theory]
    [InlineData(System.Net.Sockets.SocketError.HostNotFound)]
    [InlineData(System.Net.Sockets.SocketError.TryAgain)]
    public void AHostNameThatDoesNotResolveFailsAtOnce(System.Net.Sockets.SocketError failure)
    {
        var handler = new UnresolvableHandler(failure);
        var fetcher = new CacheMeta.Http.IndexFetcher(Options(tune: o => o.RetryDelay = TimeSpan.FromSeconds(30)), Observer, handler);
        var error = Assert.Throws<CacheMetaException>(() =>
            fetcher.FetchDocument(new Uri("https://cachemeta.invalid/cache_spack_io_index.json"), 1000, CancellationToken.None));

        Assert.Equal(1, handler.Calls);
        Assert.Equal(ErrorIds.DownloadFailed, error.ErrorId);
        Assert.Equal(CacheErrorKind.ResourceUnavailable, error.Kind);
        Assert.Contains("'cachemeta.invalid' could not be resolved", error.Message);
        Assert.DoesNotContain(Observer.Verbose, v => v.Contains("trying again"));
    }

    private sealed class UnresolvableHandler : System.Net.Http.HttpMessageHandler
    {
        private readonly System.Net.Sockets.SocketError _failure;

        public UnresolvableHandler(System.Net.Sockets.SocketError failure) => _failure = failure;

        public int Calls { get; private set; }

        protected override System.Threading.Tasks.Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request,
            CancellationToken cancellationToken)
        {
            Calls++;
            throw new System.Net.Http.HttpRequestException("Name or service not known (cachemeta.invalid:443)",
                new System.Net.Sockets.SocketException((int)_failure));
        }
    }

    [Fact]
    public void AMissingIndexIsIndexNotFoundAndAMissingFileIsDownloadFailed()
    {
        var root = Mirror(Server.Url("nothing"));
        Assert.Equal(ErrorIds.IndexNotFound, Assert.Single(root.Errors).ErrorId);
        Assert.Equal(CacheErrorKind.ObjectNotFound, root.Errors[0].Kind);

        string sum = new('d', 64);
        var blob = Mirror(Server.Url("nothing/blobs/sha256/dd/" + sum));
        var error = Assert.Single(blob.Errors);
        Assert.Equal(ErrorIds.DownloadFailed, error.ErrorId);
        Assert.Equal(CacheErrorKind.ObjectNotFound, error.Kind);
        Assert.Equal(1, Server.Count(sum)); // a 404 is not retried
    }

    [Fact]
    public void ATruncatedBodyFailsAndLeavesNothingInTheCache()
    {
        string sum = MirrorFixtures.ServeV3(Server, "t", IndexFixtures.V7Index());
        Server.Resource("t/blobs/sha256/" + sum.Substring(0, 2) + "/" + sum).TruncateAfter = 100;
        var run = Mirror(Server.Url("t"));
        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorIds.DownloadFailed, error.ErrorId);
        Assert.Empty(run.Specs);
        Assert.Empty(Blobs());
        Assert.Equal(3, Server.Count(sum));
    }

    [Fact]
    public void ABlobThatFailsItsChecksumIsDiscardedAndReported()
    {
        byte[] index = IndexFixtures.V7Index();
        string claimed = new('e', 64);
        MirrorFixtures.ServeV3(Server, "w", index, claimedSum: claimed);
        Server.Serve("w/blobs/sha256/ee/" + claimed, index); // the bytes are not what the manifest says

        var run = Mirror(Server.Url("w"));
        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorIds.IndexChecksumMismatch, error.ErrorId);
        Assert.Equal(CacheErrorKind.InvalidData, error.Kind);
        Assert.Contains(IndexFixtures.Sha256(index), error.Message);
        Assert.Empty(Blobs());

        Server.ClearLog();
        Mirror(Server.Url("w"));
        Assert.Equal(1, Server.Count(claimed)); // not cached: fetched again
    }

    [Fact]
    public void AV2IndexThatDisagreesWithItsHashFileIsDiscarded()
    {
        MirrorFixtures.ServeV2(Server, "h", IndexFixtures.V7Index());
        Server.Serve("h/build_cache/index.json.hash", Encoding.ASCII.GetBytes(new string('0', 64)));
        var run = Mirror(Server.Url("h/build_cache/index.json"));
        Assert.Equal(ErrorIds.IndexChecksumMismatch, Assert.Single(run.Errors).ErrorId);
        Assert.Empty(Blobs());
    }

    [Fact]
    public void ASlowServerTimesOut()
    {
        MirrorFixtures.ServeV3(Server, "s", IndexFixtures.V7Index());
        Server.Resource("s/v3/manifests/index/index.manifest.json").Delay = TimeSpan.FromSeconds(3);
        var options = Options(tune: o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(200);
            o.Retries = 0;
        });
        var run = Mirror(Server.Url("s"), options);
        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorIds.DownloadFailed, error.ErrorId);
        Assert.Contains("no response within 0.2 s", error.Message);
    }

    [Fact]
    public void ABodyOverTheCapIsRefused()
    {
        byte[] index = IndexFixtures.V7Index();
        MirrorFixtures.ServeV2(Server, "big", index);
        var run = Mirror(Server.Url("big/build_cache/index.json"), Options(tune: o => o.MaxDownloadBytes = 1000));
        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorIds.DownloadTooLarge, error.ErrorId);
        Assert.Equal(CacheErrorKind.LimitsExceeded, error.Kind);
        Assert.Empty(Blobs());
    }

    [Fact]
    public void CancellationStopsARetryWait()
    {
        MirrorFixtures.ServeV3(Server, "c", IndexFixtures.V7Index());
        var manifest = Server.Resource("c/v3/manifests/index/index.manifest.json");
        manifest.Statuses.Enqueue(500);
        using var cancel = new CancellationTokenSource();
        var fetcher = Fetcher(tune: o => o.RetryDelay = TimeSpan.FromSeconds(30));
        cancel.CancelAfter(300);
        Assert.ThrowsAny<OperationCanceledException>(() => fetcher.Fetch(IndexLocation.Parse(Server.Url("c")), cancel.Token));
    }

    [Fact]
    public void AnUnreachableServerWithACachedCopyPointsToOffline()
    {
        MirrorFixtures.ServeV3(Server, "down", IndexFixtures.V7Index());
        Mirror(Server.Url("down"));
        var manifest = Server.Resource("down/v3/manifests/index/index.manifest.json");
        for (int i = 0; i < 3; i++)
        {
            manifest.Statuses.Enqueue(502);
        }

        var error = Assert.Single(Mirror(Server.Url("down")).Errors);
        Assert.Equal(ErrorIds.DownloadFailed, error.ErrorId);
        Assert.EndsWith("502 Bad Gateway. The local cache holds an earlier copy.", error.Message);
        Assert.Equal(CacheRemedy.ReadOffline, error.Remedy);
        Assert.Equal(3, Mirror(Server.Url("down"), Options(offline: true)).Specs.Count);
    }
}
