using System;
using System.IO;
using System.Linq;
using System.Text;
using CacheMeta.Index;
using CacheMeta.Binaries;
using CacheMeta.Mirrors;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Mirrors;

public sealed class MirrorLayoutTests
{
    private static readonly string Sum = new string('a', 2) + new string('0', 62);

    [Fact]
    public void AManifestIsWrittenAsPythonsJsonDumpWithIndentZeroWritesIt()
    {
        byte[] manifest = MirrorLayout.Manifest(new[]
        {
            new ManifestBlob("application/vnd.spack.install.v2.tar+gzip", "sha256", Sum, 1234, "gzip"),
            new ManifestBlob("application/vnd.spack.spec.v5+json", "sha256", new string('b', 64), 56, "gzip"),
        });

        Assert.Equal(
            "{\n\"version\":3,\n\"data\":[\n{\n\"contentLength\":1234,\n\"mediaType\":\"application/vnd.spack.install.v2.tar+gzip\",\n"
            + "\"compression\":\"gzip\",\n\"checksumAlgorithm\":\"sha256\",\n\"checksum\":\"" + Sum + "\"\n},\n{\n\"contentLength\":56,\n"
            + "\"mediaType\":\"application/vnd.spack.spec.v5+json\",\n\"compression\":\"gzip\",\n\"checksumAlgorithm\":\"sha256\",\n"
            + "\"checksum\":\"" + new string('b', 64) + "\"\n}\n]\n}",
            Encoding.ASCII.GetString(manifest));
        Assert.Equal("{\n\"version\":3,\n\"data\":[]\n}", Encoding.ASCII.GetString(MirrorLayout.Manifest(Array.Empty<ManifestBlob>())));
    }

    [Fact]
    public void AnIndexManifestReadsBackThroughTheManifestReader()
    {
        var entry = IndexManifest.ChooseIndex(MirrorLayout.Manifest(new[] { new ManifestBlob(MirrorLayout.IndexMediaType("8"), "sha256", Sum, 99, "none") }), "m");

        Assert.Equal((8, Sum, 99L, false), (entry.DatabaseVersion, entry.Checksum, entry.ContentLength!.Value, entry.Gzip));
        Assert.Equal(MirrorLayout.BlobPath(Sum), entry.BlobPath);
    }

    [Fact]
    public void TheFixedDocumentsAreSpacksBytes()
    {
        Assert.Equal("{\"signing\": \"gpg\"}", Encoding.ASCII.GetString(MirrorLayout.LayoutJson()));
        Assert.Equal("{\"keys\":{\"0A1B\":{},\"FFEE\":{}}}", Encoding.ASCII.GetString(MirrorLayout.KeyIndex(new[] { "FFEE", "0A1B", "FFEE" })));
        Assert.Equal("{\"keys\":{}}", Encoding.ASCII.GetString(MirrorLayout.KeyIndex(Array.Empty<string>())));
    }

    [Fact]
    public void PathsFollowSpacksComponentPaths()
    {
        Assert.Equal("blobs/sha256/aa/" + Sum, MirrorLayout.BlobPath(Sum));
        Assert.Throws<ArgumentException>(() => MirrorLayout.BlobPath("AA" + new string('0', 62)));
        Assert.Equal("v3/manifests/spec/zlib-ng/zlib-ng-2.2.1-abc.spec.manifest.json", MirrorLayout.SpecManifestPath("zlib-ng", "2.2.1", "abc"));
        Assert.Equal("v3/manifests/spec/pkg/pkg-git.a_b_1.0-abc.spec.manifest.json", MirrorLayout.SpecManifestPath("pkg", "git.a/b=1.0", "abc"));
        Assert.Equal("v3/manifests/key/FP01.key.manifest.json", MirrorLayout.KeyManifestPath("FP01"));
        Assert.Equal("build_cache/_pgp/FP01.pub", MirrorLayout.V2KeyPath("FP01"));
    }

    [Fact]
    public void V2NamesAreSpacksTarballNames()
    {
        var libelf = new V2EntryName("test", "debian6", "core2", "gcc", "10.2.1", "libelf", "0.8.13", "rqh2vuf6fqwkmipzgi2wjx352mq7y7ez");
        var wrapper = new V2EntryName("test", "debian6", "m1", null, null, "compiler-wrapper", "1.0", "qeehcxyvluwnihsc2qxstmpomtxo3lrc");

        Assert.Equal("build_cache/test-debian6-core2-gcc-10.2.1-libelf-0.8.13-rqh2vuf6fqwkmipzgi2wjx352mq7y7ez.spec.json.sig",
            MirrorLayout.V2SpecFilePath(libelf, signed: true));
        Assert.Equal("build_cache/test-debian6-core2/gcc-10.2.1/libelf-0.8.13/test-debian6-core2-gcc-10.2.1-libelf-0.8.13-rqh2vuf6fqwkmipzgi2wjx352mq7y7ez.spack",
            MirrorLayout.V2TarballPath(libelf));
        Assert.Equal("build_cache/test-debian6-m1/none-none/compiler-wrapper-1.0/test-debian6-m1-none-none-compiler-wrapper-1.0-qeehcxyvluwnihsc2qxstmpomtxo3lrc.spack",
            MirrorLayout.V2TarballPath(wrapper));
        Assert.Equal("build_cache/test-debian6-m1-none-none-compiler-wrapper-1.0-qeehcxyvluwnihsc2qxstmpomtxo3lrc.spec.json",
            MirrorLayout.V2SpecFilePath(wrapper, signed: false));
    }

    [Fact]
    public void TheLocatorFindsAnEntryUnderTheNameTheLayoutWrites()
    {
        // One place makes the names: a version with characters Spack's polite_filename replaces gives the same name both ways.
        var spec = new CacheSpec("pkg", null, "qeehcxyvluwnihsc2qxstmpomtxo3lrc", new[] { "git.a/b=1.0" }, "gcc@=13.3.0", "ubuntu24.04", "linux", "x86_64_v3",
            null, null, null, null, "/mirror/build_cache/index.json");

        var entry = CacheMeta.Binaries.BinaryLocator.Locate(spec).Value!;

        Assert.Equal("build_cache/linux-ubuntu24.04-x86_64_v3-gcc-13.3.0-pkg-git.a_b_1.0-qeehcxyvluwnihsc2qxstmpomtxo3lrc.spec.json.sig", entry.SpecPath);
        Assert.Equal(MirrorLayout.V2SpecFilePath(V2EntryName.Of(spec), signed: true), entry.SpecPath);
        Assert.Equal(MirrorLayout.V2TarballPath(V2EntryName.Of(spec)), entry.TarballPath);
    }

    [Fact]
    public void DetectsTheLayoutOfAFolder()
    {
        using var tree = new TempTree();
        Assert.Null(MirrorLayout.Detect(tree.Root));
        Assert.Null(MirrorLayout.Detect(Path.Combine(tree.Root, "absent")));
        tree.Write("v2/build_cache/index.json", "{}");
        tree.Write("v3/v3/layout.json", "{}");
        tree.Write("v3m/v3/manifests/index/index.manifest.json", "{}");

        Assert.Equal(new int?[] { 2, 3, 3 }, new[] { "v2", "v3", "v3m" }.Select(d => MirrorLayout.Detect(Path.Combine(tree.Root, d))));
    }
}
