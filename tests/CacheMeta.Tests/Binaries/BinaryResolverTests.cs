using System;
using System.IO;
using System.Linq;
using System.Threading;
using CacheMeta.Binaries;
using CacheMeta.Mirrors;
using CacheMeta.Http;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Binaries;

public class BinaryResolverTests : ServerTest
{
    private static readonly DateTimeOffset Pushed = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private BinaryResolver Resolver() => new(new MirrorFiles(Fetcher()));

    private static BinaryEntry Locate(CacheSpec spec)
    {
        var located = BinaryLocator.Locate(spec);
        Assert.Null(located.Error);
        return located.Value!;
    }

    [Fact]
    public void A_v3_entry_gives_the_tarball_blob_of_its_manifest()
    {
        var mirror = new BinaryMirror(3);
        var spec = BinaryMirror.Spec(Server.Url("m/"), 3, "zlib-ng", "2.2.1", IndexFixtures.Hash("zlibng"));
        byte[] tarball = mirror.Add(spec, TestKey.Mirror);
        mirror.Serve(Server, "m", Pushed);

        var binary = Resolver().Resolve(Locate(spec), CancellationToken.None);

        Assert.Equal(3, binary.Layout);
        Assert.Equal(tarball.Length, binary.Size);
        Assert.Equal(IndexFixtures.Sha256(tarball), binary.Checksum);
        Assert.Equal("application/vnd.spack.install.v2.tar+gzip", binary.MediaType);
        Assert.Equal(Server.Url("m/blobs/sha256/" + binary.Checksum.Substring(0, 2) + "/" + binary.Checksum), binary.TarballUrl);
        Assert.Equal(Server.Url("m/v3/manifests/spec/zlib-ng/zlib-ng-2.2.1-" + spec.Hash + ".spec.manifest.json"), binary.SpecUrl);
        Assert.True(binary.Signed);
        Assert.Equal(Pushed, binary.LastModified);
        Assert.Equal(spec.Source, binary.Source);
    }

    [Fact]
    public void A_v2_entry_gives_the_spec_file_checksum_and_the_tarball_size_from_a_head_request()
    {
        var mirror = new BinaryMirror(2);
        var spec = BinaryMirror.Spec(Server.Url("old/"), 2, "zlib", "1.3.1", IndexFixtures.Hash("zlib"), "gcc@=11.4.0");
        byte[] tarball = mirror.Add(spec, TestKey.Mirror);
        mirror.Serve(Server, "old", Pushed);

        var binary = Resolver().Resolve(Locate(spec), CancellationToken.None);

        string stem = "linux-ubuntu24.04-x86_64_v3-gcc-11.4.0-zlib-1.3.1-" + spec.Hash;
        Assert.Equal(2, binary.Layout);
        Assert.Equal(Server.Url("old/build_cache/linux-ubuntu24.04-x86_64_v3/gcc-11.4.0/zlib-1.3.1/" + stem + ".spack"), binary.TarballUrl);
        Assert.Equal(Server.Url("old/build_cache/" + stem + ".spec.json.sig"), binary.SpecUrl);
        Assert.Equal(tarball.Length, binary.Size);
        Assert.Equal(IndexFixtures.Sha256(tarball), binary.Checksum);
        Assert.Null(binary.MediaType);
        Assert.Equal(Pushed, binary.LastModified);
        Assert.Equal(1, Server.Count("HEAD /old/build_cache/linux-ubuntu24.04-x86_64_v3/gcc-11.4.0/zlib-1.3.1/" + stem + ".spack"));
    }

    [Fact]
    public void A_v2_spec_without_a_compiler_is_named_none_none_and_an_unsigned_spec_file_is_found_second()
    {
        var mirror = new BinaryMirror(2);
        var spec = BinaryMirror.Spec(Server.Url("old/"), 2, "compiler-wrapper", "1.0", IndexFixtures.Hash("cw"), compiler: null);
        mirror.Add(spec, signer: null);
        mirror.Serve(Server, "old");

        var binary = Resolver().Resolve(Locate(spec), CancellationToken.None);

        Assert.EndsWith("/build_cache/linux-ubuntu24.04-x86_64_v3-none-none-compiler-wrapper-1.0-" + spec.Hash + ".spec.json", binary.SpecUrl);
        Assert.Contains("/none-none/compiler-wrapper-1.0/", binary.TarballUrl);
        Assert.False(binary.Signed);
        Assert.Equal(1, Server.Count(".spec.json.sig")); // tried first: the 404 is an answer, not an error
    }

    [Fact]
    public void Asking_again_sends_only_a_conditional_get_and_no_head()
    {
        var mirror = new BinaryMirror(2);
        var spec = BinaryMirror.Spec(Server.Url("old/"), 2, "zlib", "1.3.1", IndexFixtures.Hash("zlib"));
        mirror.Add(spec, TestKey.Mirror);
        mirror.Serve(Server, "old", Pushed);
        Resolver().Resolve(Locate(spec), CancellationToken.None);
        Server.ClearLog();

        var again = Resolver().Resolve(Locate(spec), CancellationToken.None);

        Assert.Equal(Pushed, again.LastModified);
        Assert.Equal(new[] { 304 }, Server.Requests.Select(r => r.Status).ToArray()); // the spec file, unchanged; the tarball's answer is kept
    }

    [Fact]
    public void A_missing_manifest_is_BinaryNotFound_naming_its_url()
    {
        var spec = BinaryMirror.Spec(Server.Url("m/"), 3, "zlib-ng", "2.2.1", IndexFixtures.Hash("zlibng"));

        var error = Assert.Throws<CacheMetaException>(() => Resolver().Resolve(Locate(spec), CancellationToken.None));

        Assert.Equal(ErrorIds.BinaryNotFound, error.ErrorId);
        Assert.Equal(Server.Url("m/v3/manifests/spec/zlib-ng/zlib-ng-2.2.1-" + spec.Hash + ".spec.manifest.json"), error.Target);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void A_tarball_that_answers_404_is_BinaryNotFound_naming_its_url(int layout)
    {
        var mirror = new BinaryMirror(layout);
        var spec = BinaryMirror.Spec(Server.Url("m/"), layout, "zlib", "1.3.1", IndexFixtures.Hash("zlib"));
        byte[] tarball = mirror.Add(spec, TestKey.Mirror);
        string tarballPath = layout == 3 ? MirrorLayout.BlobPath("sha256", IndexFixtures.Sha256(tarball)) : MirrorLayout.V2TarballPath(V2EntryName.Of(spec));
        mirror.Files.Remove(tarballPath);
        mirror.Serve(Server, "m");

        var error = Assert.Throws<CacheMetaException>(() => Resolver().Resolve(Locate(spec), CancellationToken.None));

        Assert.Equal(ErrorIds.BinaryNotFound, error.ErrorId);
        Assert.Equal(Server.Url("m/" + tarballPath), error.Target);
    }

    [Fact]
    public void A_mirror_on_disk_is_read_in_place_with_file_sizes_and_times()
    {
        var mirror = new BinaryMirror(3);
        string root = Path.Combine(Tree.Root, "disk") + Path.DirectorySeparatorChar;
        var spec = BinaryMirror.Spec(root, 3, "zlib-ng", "2.2.1", IndexFixtures.Hash("zlibng"));
        byte[] tarball = mirror.Add(spec, signer: null);
        mirror.Write(root);
        string tarballFile = Path.Combine(root, "blobs", "sha256", IndexFixtures.Sha256(tarball).Substring(0, 2), IndexFixtures.Sha256(tarball));
        File.SetLastWriteTimeUtc(tarballFile, Pushed.UtcDateTime);

        var binary = Resolver().Resolve(Locate(spec), CancellationToken.None);

        Assert.Equal(tarball.Length, binary.Size);
        Assert.Equal(tarballFile, binary.TarballUrl);
        Assert.Equal(Pushed, binary.LastModified);
        Assert.False(binary.Signed);
        Assert.Empty(CachedFiles()); // nothing cached for a mirror on disk
    }

    [Fact]
    public void Page_specs_are_located_only_by_a_v2_tarball_url()
    {
        string url = "https://binaries.spack.io/v0.22.5/build_cache/linux-ubuntu22.04-neoverse_v1/gcc-11.4.0/blt-0.5.3/linux-ubuntu22.04-neoverse_v1-gcc-11.4.0-blt-0.5.3-4ewv2lythg2tutu4pk7ltvaqdex2qdru.spack";
        var withTarball = new CacheSpec("blt", "v0.22.5", "4ewv2lythg2tutu4pk7ltvaqdex2qdru", new[] { "0.5.3" }, "gcc@=11.4.0", "ubuntu22.04", "linux",
            "neoverse_v1", null, null, null, url, "/site/_cache/v0.22.5/blt/specs.md");
        var without = new CacheSpec("blt", "develop", "4ewv2lythg2tutu4pk7ltvaqdex2qdru", new[] { "0.5.3" }, "gcc@=11.4.0", "ubuntu22.04", "linux",
            "neoverse_v1", null, null, null, null, "/site/_cache/develop/blt/specs.md");

        var entry = Locate(withTarball);
        var error = BinaryLocator.Locate(without).Error;

        Assert.Equal("https://binaries.spack.io/v0.22.5/", entry.Mirror.Root);
        Assert.Equal(2, entry.Mirror.Layout);
        Assert.Equal("https://binaries.spack.io/v0.22.5/build_cache/linux-ubuntu22.04-neoverse_v1-gcc-11.4.0-blt-0.5.3-4ewv2lythg2tutu4pk7ltvaqdex2qdru.spec.json.sig", entry.SpecUrl);
        Assert.Equal(ErrorIds.BinaryLocationUnknown, error!.ErrorId);
        Assert.Contains("cache page", error.Message);
    }

    [Theory]
    [InlineData("https://binaries.spack.io/develop/blobs/sha256/1c/1ca652d5ec0b7a157961c0d9890c5806eb3a8c5bed222696998f5799ec351ce6", "https://binaries.spack.io/develop/", 3)]
    [InlineData("https://binaries.spack.io/develop/e4s/v3/manifests/index/index.manifest.json", "https://binaries.spack.io/develop/e4s/", 3)]
    [InlineData("https://binaries.spack.io/v0.23.1/build_cache/index.json", "https://binaries.spack.io/v0.23.1/", 2)]
    public void The_mirror_root_comes_from_the_index_the_spec_was_read_from(string source, string root, int layout)
    {
        // The public catalog lists index blobs (<root>blobs/sha256/..): the mirror is the prefix before blobs/.
        var spec = new CacheSpec("zlib", "develop", IndexFixtures.Hash("z"), new[] { "1.3" }, null, "ubuntu22.04", "linux", "x86_64_v3",
            null, null, null, null, source);

        var entry = Locate(spec);

        Assert.Equal(root, entry.Mirror.Root);
        Assert.Equal(layout, entry.Mirror.Layout);
    }
}
