using System;
using System.IO;
using System.Linq;
using System.Text;
using CacheMeta.Http;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Sources;

/// <summary>A catalog of tags and stacks, as the public cache_spack_io_index.json lists them, served over HTTP.</summary>
public sealed class CatalogSourceTests : ServerTest
{
    private readonly string _catalogUrl;

    public CatalogSourceTests()
    {
        Server.Serve("cache_spack_io_index.json", Encoding.UTF8.GetBytes(CatalogFixtures.Serve(Server)), "\"cat-1\"");
        _catalogUrl = Server.Url("cache_spack_io_index.json");
    }

    private SourceRun Run(SpecQuery? query = null, bool complete = false, bool packageOnly = false, bool offline = false, string? catalog = null)
    {
        var source = new CatalogSource(catalog ?? _catalogUrl, Options(offline, o => o.Retries = 0), complete);
        return new SourceRun(source, query, packageOnly, Observer);
    }

    private static string Stacks(SourceRun run) => string.Join("; ", run.Specs.Select(s => s.Package + "=" + string.Join(",", s.Stacks)));

    [Fact]
    public void WithoutATagTheDevelopRootIndexIsRead()
    {
        var run = Run();
        Assert.Empty(run.Errors);
        Assert.Equal(IndexFixtures.V8Expected, run.Specs.Select(IndexFixtures.Row).ToArray());
        Assert.All(run.Specs, s => Assert.Equal("develop", s.Tag));
        Assert.Equal("zlib-ng=root; py-numpy=root; aida=root; cmake=root; bzip2=root; xz=root", Stacks(run));
        Assert.Equal(0, Server.Count("/e4s/") + Server.Count("/ml/") + Server.Count("v0.23.1"));
    }

    [Fact]
    public void CompleteStacksReadEveryStackIndexForItsHashes()
    {
        var run = Run(complete: true);
        Assert.Empty(run.Errors);
        Assert.Equal("zlib-ng=e4s,ml,root; py-numpy=ml,root; aida=e4s,root; cmake=e4s,root; bzip2=root; xz=root", Stacks(run));
    }

    [Fact]
    public void AStackQueryReadsOnlyThatStacksIndex()
    {
        var run = Run(new SpecQuery { Stack = new[] { "e4s" } });
        Assert.Empty(run.Errors);
        Assert.Equal("zlib-ng=e4s,root; cmake=e4s,root", Stacks(run));
        Assert.Equal(new[] { "gcc@13.3.0", "gcc@13.3.0" }, run.Specs.Select(s => s.Compiler));
        Assert.Equal(0, Server.Count("develop/v3/manifests/index/index.manifest.json") + Server.Count("/ml/build_cache/index.json"));
    }

    [Fact]
    public void SeveralStacksGiveEachSpecOnceWithTheStacksRead()
    {
        var run = Run(new SpecQuery { Stack = new[] { "E4S", "m?" } });
        Assert.Empty(run.Errors);
        Assert.Equal("zlib-ng=e4s,ml,root; cmake=e4s,root; py-numpy=ml,root", Stacks(run));
    }

    [Fact]
    public void CompleteStacksWithAStackQueryFilterTheRootSpecs()
    {
        var run = Run(new SpecQuery { Stack = new[] { "ml" } }, complete: true);
        Assert.Equal("zlib-ng=e4s,ml,root; py-numpy=ml,root", Stacks(run));
    }

    [Fact]
    public void TagsAreChosenWithWildcards()
    {
        var run = Run(new SpecQuery { Tag = new[] { "v0.23.*" } });
        Assert.Empty(run.Errors);
        Assert.Equal(IndexFixtures.V7Expected, run.Specs.Select(IndexFixtures.Row).ToArray());
        Assert.All(run.Specs, s => Assert.Equal("v0.23.1", s.Tag));
        Assert.All(run.Specs, s => Assert.Equal(new[] { "root" }, s.Stacks));
    }

    [Fact]
    public void PackagesAggregatePerTagAsTheGeneratorDoes()
    {
        var run = Run(new SpecQuery { Tag = new[] { "*" } }, complete: true, packageOnly: true);
        Assert.Empty(run.Errors);
        Assert.Equal(new[] { "develop/aida", "develop/bzip2", "develop/cmake", "develop/py-numpy", "develop/xz", "develop/zlib-ng",
            "v0.23.1/cmake", "v0.23.1/py-numpy", "v0.23.1/zlib" }, run.Packages.Select(p => p.Tag + "/" + p.Name));
        var zlib = run.Packages.Single(p => p.Name == "zlib-ng");
        Assert.Equal("e4s=1, ml=1, root=1", zlib.NumSpecsByStack.ToString());
        Assert.Equal(new[] { "e4s", "ml", "root" }, zlib.Stacks);
        Assert.Equal(new[] { "neoverse_v1" }, zlib.Targets);
        Assert.Equal(new[] { "gcc@=13.2.0" }, run.Packages.Single(p => p.Tag == "v0.23.1" && p.Name == "zlib").Compilers);
    }

    [Fact]
    public void AnUnchangedCatalogAndIndexAreNotDownloadedAgain()
    {
        Run(new SpecQuery { Tag = new[] { "develop" } }, complete: true);
        Server.ClearLog();
        var again = Run(new SpecQuery { Tag = new[] { "develop" } }, complete: true);
        Assert.Equal(6, again.Specs.Count);
        Assert.Equal(new[] { ("/cache_spack_io_index.json", 304), ("/develop/ml/build_cache/index.json.hash", 200),
            ("/develop/v3/manifests/index/index.manifest.json", 304) }, Server.Requests.OrderBy(r => r.Path).ToArray());
        Assert.Equal(Server.Resource("develop/ml/build_cache/index.json.hash").Body.Length, Server.BytesSent);
    }

    [Fact]
    public void RelativeEntriesOfACatalogReadOverHttpAreTakenAgainstItsUrl()
    {
        string e4s = MirrorFixtures.ServeV3(Server, "caches/develop/e4s", CatalogFixtures.E4sIndex());
        MirrorFixtures.ServeV2(Server, "caches/develop/root", IndexFixtures.V8Index());
        Server.Serve("caches/catalog.json", Encoding.UTF8.GetBytes("{\"develop\": [{\"label\": \"root\", \"url\": \"develop/root\"}, "
            + "{\"label\": \"e4s\", \"url\": \"develop/e4s/blobs/sha256/" + e4s.Substring(0, 2) + "/" + e4s + "\"}]}"));

        var run = Run(complete: true, catalog: Server.Url("caches/catalog.json"));

        Assert.Empty(run.Errors);
        Assert.Equal("zlib-ng=e4s,root; py-numpy=root; aida=e4s,root; cmake=e4s,root; bzip2=root; xz=root", Stacks(run));
        Assert.All(run.Specs, s => Assert.StartsWith(Server.Url("caches/develop/root/"), s.Source));
        Assert.Equal(1, Server.Count("/caches/develop/e4s/blobs/sha256/" + e4s.Substring(0, 2) + "/" + e4s));
    }

    [Fact]
    public void PackagesReopenAsTheirCatalog()
    {
        var source = new CatalogSource(_catalogUrl, Options(), completeStacks: true);
        var packages = new SourceRun(source, new SpecQuery { Name = new[] { "zlib-ng" } }, packages: true, Observer).Packages;
        var zlib = Assert.Single(packages);
        Assert.Same(source, zlib.Origin);
        Assert.All(new SourceRun(source).Specs, s => Assert.Same(source, s.Origin));
    }

    [Fact]
    public void AFailingStackIndexIsAnErrorAndTheOthersAreStillRead()
    {
        Server.Remove("develop/ml/build_cache/index.json");
        Server.Remove("develop/ml/build_cache/index.json.hash");
        var run = Run(complete: true);
        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorIds.IndexNotFound, error.ErrorId);
        Assert.Equal(Server.Url("develop/ml/build_cache/index.json"), error.Target);
        Assert.Equal("zlib-ng=e4s,root; py-numpy=root; aida=e4s,root; cmake=e4s,root; bzip2=root; xz=root", Stacks(run));
    }

    [Theory]
    [InlineData("[1]", "is an object mapping each tag to its stacks, not a list")]
    [InlineData("{\"develop\": {}}", "for 'develop' must be a list of {label, url} objects")]
    [InlineData("{\"develop\": [{\"label\": \"root\"}]}", "with a 'label' and a 'url' text")]
    [InlineData("{\"develop\": [", "not valid JSON")]
    public void AMalformedCatalogIsInvalidCatalog(string text, string message)
    {
        string path = Tree.Write("catalog.json", text);
        var run = Run(catalog: path);
        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorIds.InvalidCatalog, error.ErrorId);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void ALocalCatalogNamesLocalMirrorsRelativeToItself()
    {
        string v3 = MirrorFixtures.WriteV3(Tree, "site/develop", IndexFixtures.V8Index());
        Tree.WriteBytes("site/develop/e4s/build_cache/index.json", CatalogFixtures.E4sIndex());
        string catalog = Tree.Write("site/catalog.json",
            "{\"develop\": [{\"label\": \"root\", \"url\": \"develop\"}, {\"label\": \"e4s\", \"url\": \"develop/e4s\"}]}");
        var run = Run(complete: true, catalog: catalog);
        Assert.Empty(run.Errors);
        Assert.Equal("zlib-ng=e4s,root; py-numpy=root; aida=e4s,root; cmake=e4s,root; bzip2=root; xz=root", Stacks(run));
        Assert.StartsWith(Path.Combine(v3, "blobs"), run.Specs[0].Source);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public void PublicBucketAddressesAreRewrittenToItsHttpsFront()
    {
        string catalog = Tree.Write("public.json", "{\"develop\": [{\"label\": \"root\", \"url\": \"s3://spack-binaries/develop/v3/manifests/index/index.manifest.json\"}]}");
        var run = Run(catalog: catalog, offline: true);
        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorIds.CacheEntryMissing, error.ErrorId);
        Assert.Equal("https://binaries.spack.io/develop/v3/manifests/index/index.manifest.json", error.Target);
    }

    [Fact]
    public void OfflineTheCachedCatalogAndIndexesAreUsed()
    {
        Run(complete: true);
        Server.ClearLog();
        var offline = Run(complete: true, offline: true);
        Assert.Empty(offline.Errors);
        Assert.Equal(6, offline.Specs.Count);
        Assert.Empty(Server.Requests);
    }
}
