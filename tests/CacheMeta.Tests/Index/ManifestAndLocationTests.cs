using System;
using System.IO;
using System.Text;
using CacheMeta.Index;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Index;

/// <summary>v3 index manifests, and how index addresses are read.</summary>
public sealed class ManifestAndLocationTests
{
    private static readonly string SumA = new('a', 64), SumB = new('b', 64), SumC = new('c', 64);

    internal static string Manifest(params (string MediaType, string Sum, long Length, string Compression)[] entries)
    {
        var data = new StringBuilder();
        foreach (var (type, sum, length, compression) in entries)
        {
            data.Append(data.Length == 0 ? "" : ",\n").Append("{\"contentLength\": ").Append(length).Append(", \"mediaType\": \"").Append(type)
                .Append("\", \"compression\": \"").Append(compression).Append("\", \"checksumAlgorithm\": \"sha256\", \"checksum\": \"").Append(sum).Append("\"}");
        }

        return "{\"version\": 3,\n\"data\": [\n" + data + "]}";
    }

    [Fact]
    public void TheNewestReadableIndexIsChosen()
    {
        string text = Manifest(("application/vnd.spack.db.v7+json", SumA, 10, "none"), ("application/vnd.spack.db.v9+json", SumB, 20, "gzip"),
            ("application/vnd.spack.db.v12+json", SumC, 30, "none"), ("application/vnd.spack.spec.v5+json", SumC, 5, "gzip"));
        var entry = IndexManifest.ChooseIndex(Encoding.UTF8.GetBytes(text), "m");
        Assert.Equal(9, entry.DatabaseVersion);
        Assert.Equal(SumB, entry.Checksum);
        Assert.Equal(20, entry.ContentLength);
        Assert.True(entry.Gzip);
        Assert.Equal("blobs/sha256/bb/" + SumB, entry.BlobPath);
    }

    [Fact]
    public void AClearSignedManifestIsReadFromItsBody()
    {
        string body = Manifest(("application/vnd.spack.db.v8+json", SumA, 10, "none"));
        string signed = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n" + body.Replace("\n", "\n") + "\n-----BEGIN PGP SIGNATURE-----\nxyz\n-----END PGP SIGNATURE-----\n";
        Assert.Equal(SumA, IndexManifest.ChooseIndex(Encoding.UTF8.GetBytes(signed), "m").Checksum);
    }

    [Theory]
    [InlineData("{\"version\": 2, \"data\": []}", "InvalidManifest", "not a version 3 manifest")]
    [InlineData("{\"version\": 3, \"data\": []}", "InvalidManifest", "no 'application/vnd.spack.db*' entry")]
    [InlineData("{\"version\": 3, \"data\": [{\"mediaType\": \"application/vnd.spack.db.v10+json\", \"checksum\": \"x\"}]}", "UnsupportedIndexVersion", "application/vnd.spack.db.v10+json")]
    [InlineData("{\"version\": 3, \"data\": [{\"mediaType\": \"application/vnd.spack.db.v8+json\", \"checksum\": \"abc\"}]}", "InvalidManifest", "no SHA-256 checksum")]
    [InlineData("not json", "InvalidManifest", "not valid JSON")]
    public void AnUnusableManifestIsAnErrorSayingWhy(string text, string errorId, string message)
    {
        var error = Assert.Throws<CacheMetaException>(() => IndexManifest.ChooseIndex(Encoding.UTF8.GetBytes(text), "m"));
        Assert.Equal(errorId, error.ErrorId.Name);
        Assert.Contains(message, error.Message);
        Assert.Equal("m", error.Target);
    }

    [Theory]
    [InlineData("https://example.org/mirror", IndexLayout.MirrorRoot, "https://example.org/mirror/", "https://example.org/mirror/#index")]
    [InlineData("https://example.org/mirror/build_cache/index.json", IndexLayout.V2Index, "https://example.org/mirror/", "https://example.org/mirror/#index")]
    [InlineData("https://example.org/m/v3/manifests/index/index.manifest.json", IndexLayout.V3Manifest, "https://example.org/m/", "https://example.org/m/#index")]
    [InlineData("https://example.org/m/v3/manifests/index/e4s/index.manifest.json", IndexLayout.V3Manifest, "https://example.org/m/",
        "https://example.org/m/v3/manifests/index/e4s/index.manifest.json")]
    [InlineData("s3://spack-binaries/develop/e4s/blobs/sha256/aa/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", IndexLayout.Blob,
        "https://binaries.spack.io/develop/e4s/", "https://binaries.spack.io/develop/e4s/#index")]
    public void RemoteAddressesAreClassified(string address, IndexLayout layout, string root, string slot)
    {
        var location = IndexLocation.Parse(address);
        Assert.True(location.IsRemote);
        Assert.Equal(layout, location.Layout);
        Assert.Equal(root, location.Root);
        Assert.Equal(slot, location.Slot);
    }

    [Fact]
    public void ABlobAddressNamesItsChecksum()
    {
        var location = IndexLocation.Parse("https://h/x/blobs/sha256/aa/" + SumA);
        Assert.Equal(SumA, location.Checksum);
    }

    [Fact]
    public void OtherBucketsAndSchemesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => IndexLocation.Parse("s3://someone-else/develop"));
        Assert.Throws<ArgumentException>(() => IndexLocation.Parse("ftp://example.org/mirror"));
    }

    [Fact]
    public void LocalPathsAreTakenAgainstTheCatalogThatNamesThem()
    {
        using var tree = new TempTree();
        tree.Write("site/m/build_cache/index.json", "{}");
        var folder = IndexLocation.Parse(SourceAddress.Resolve("m", Path.Combine(tree.Root, "site", "catalog.json")));
        Assert.False(folder.IsRemote);
        Assert.Equal(IndexLayout.MirrorRoot, folder.Layout);
        Assert.Equal(Path.Combine(tree.Root, "site", "m"), folder.Root);
        Assert.Equal(Path.Combine(tree.Root, "site", "m", "build_cache", "index.json"), folder.Under("build_cache/index.json"));

        var file = IndexLocation.Parse(new Uri(Path.Combine(tree.Root, "site/m/build_cache/index.json")).AbsoluteUri);
        Assert.Equal(IndexLayout.V2Index, file.Layout);
        Assert.Equal(Path.Combine(tree.Root, "site", "m") + Path.DirectorySeparatorChar, file.Root);
    }

    [Theory]
    [InlineData("develop", "http://127.0.0.1:8765/catalog.json", "http://127.0.0.1:8765/develop")]
    [InlineData("develop/e4s/build_cache/index.json", "http://h/caches/catalog.json", "http://h/caches/develop/e4s/build_cache/index.json")]
    [InlineData("../v0.23.1", "https://h/caches/catalog.json", "https://h/v0.23.1")]
    [InlineData("s3://spack-binaries/develop/", "http://h/catalog.json", "https://binaries.spack.io/develop/")]
    [InlineData("https://other/x", "http://h/catalog.json", "https://other/x")]
    public void CatalogEntriesOfAUrlCatalogAreTakenAgainstItsUrl(string entry, string catalog, string expected)
    {
        Assert.Equal(expected, SourceAddress.Resolve(entry, catalog));
    }
}
