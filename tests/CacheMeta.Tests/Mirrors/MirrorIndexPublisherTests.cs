using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CacheMeta.Http;
using CacheMeta.Index;
using CacheMeta.Mirrors;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Mirrors;

public sealed class MirrorIndexPublisherTests
{
    private static readonly byte[] Index = SpackShapedIndexes.Document("8", SpackShapedIndexes.V8);

    private static string[] Files(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).OrderBy(f => f).ToArray();

    [Fact]
    public void V3TheManifestNamesTheBlobByItsSha256AndLength()
    {
        using var tree = new TempTree();

        var published = MirrorIndexPublisher.Publish(tree.Root, MirrorLayout.V3, "8", Index);

        string sum = IndexFixtures.Sha256(Index);
        Assert.Equal((sum, (long)Index.Length, "blobs/sha256/" + sum.Substring(0, 2) + "/" + sum), (published.Sha256, published.Length, published.IndexPath));
        Assert.Equal(new[] { published.IndexPath, "v3/layout.json", "v3/manifests/index/index.manifest.json" }, Files(tree.Root));
        Assert.Equal(Index, File.ReadAllBytes(MirrorLayout.Under(tree.Root, published.IndexPath)));
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(MirrorLayout.Under(tree.Root, MirrorLayout.IndexManifestPath)));
        var blob = manifest.RootElement.GetProperty("data")[0];
        Assert.Equal(3, manifest.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(IndexFixtures.Sha256(File.ReadAllBytes(MirrorLayout.Under(tree.Root, published.IndexPath))), blob.GetProperty("checksum").GetString());
        Assert.Equal(Index.Length, blob.GetProperty("contentLength").GetInt64());
        Assert.Equal(("application/vnd.spack.db.v8+json", "none", "sha256"),
            (blob.GetProperty("mediaType").GetString(), blob.GetProperty("compression").GetString(), blob.GetProperty("checksumAlgorithm").GetString()));

        using var local = LocalMirrors.Open(IndexLocation.Parse(tree.Root)); // verifies the blob against the manifest
        Assert.Equal(MirrorLayout.Under(tree.Root, published.IndexPath), local.Path);
    }

    [Fact]
    public void V2TheHashFileIsTheSha256HexOfTheIndexAlone()
    {
        using var tree = new TempTree();

        var published = MirrorIndexPublisher.Publish(tree.Root, MirrorLayout.V2, "7", Index);

        Assert.Equal(new[] { "build_cache/index.json", "build_cache/index.json.hash" }, Files(tree.Root));
        Assert.Equal(Index, File.ReadAllBytes(Path.Combine(tree.Root, "build_cache", "index.json")));
        Assert.Equal(IndexFixtures.Sha256(Index), File.ReadAllText(Path.Combine(tree.Root, "build_cache", "index.json.hash")));
        Assert.Null(published.ManifestPath);
        using var local = LocalMirrors.Open(IndexLocation.Parse(tree.Root));
        Assert.EndsWith("index.json", local.Path);
    }

    [Fact]
    public void ANewIndexReplacesTheManifestAndLeavesThePreviousBlobForReadersStillOnIt()
    {
        using var tree = new TempTree();
        var first = MirrorIndexPublisher.Publish(tree.Root, MirrorLayout.V3, "8", Index);
        byte[] layout = File.ReadAllBytes(MirrorLayout.Under(tree.Root, MirrorLayout.LayoutJsonPath));

        byte[] smaller = SpackShapedIndexes.Document("8", SpackShapedIndexes.V8.Take(2));
        var second = MirrorIndexPublisher.Publish(tree.Root, MirrorLayout.V3, "8", smaller);

        Assert.NotEqual(first.IndexPath, second.IndexPath);
        Assert.True(File.Exists(MirrorLayout.Under(tree.Root, first.IndexPath)));
        Assert.Equal(layout, File.ReadAllBytes(MirrorLayout.Under(tree.Root, MirrorLayout.LayoutJsonPath)));
        using var local = LocalMirrors.Open(IndexLocation.Parse(tree.Root));
        Assert.Equal(smaller, File.ReadAllBytes(local.Path));
    }

    [Fact]
    public void AMirrorOfTheOtherLayoutIsRefusedAndLeftAsItWas()
    {
        using var tree = new TempTree();
        MirrorIndexPublisher.Publish(tree.Root, MirrorLayout.V3, "8", Index);
        var before = Files(tree.Root);

        var ex = Assert.Throws<CacheMetaException>(() => MirrorIndexPublisher.Publish(tree.Root, MirrorLayout.V2, "7", Index));

        Assert.Same(ErrorIds.MirrorMismatch, ex.ErrorId);
        Assert.Contains("layout 3 mirror", ex.Message);
        Assert.Equal(before, Files(tree.Root));
    }

    [Fact]
    public void AFolderThatCannotBeWrittenGivesFileWriteFailedAndLeavesNoFileBehind()
    {
        using var tree = new TempTree();
        tree.Write("blobs", "a file where the blob folder must go"); // fails as a full disk or a read-only folder does, even for root

        var ex = Assert.Throws<CacheMetaException>(() => MirrorIndexPublisher.Publish(tree.Root, MirrorLayout.V3, "8", Index));

        Assert.Same(ErrorIds.FileWriteFailed, ex.ErrorId);
        Assert.Equal(CacheErrorKind.WriteError, ex.Kind);
        Assert.Equal(new[] { "blobs" }, Files(tree.Root)); // no manifest naming a blob that is not there, no temporary file
    }

    [Fact]
    public void ABlobAlreadyThereIsKeptWhenItVerifiesAndReplacedWhenItDoesNot()
    {
        using var tree = new TempTree();
        string relative = MirrorIndexPublisher.WriteBlob(tree.Root, Index);
        string path = MirrorLayout.Under(tree.Root, relative);
        var written = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, written.AddDays(-1));

        MirrorIndexPublisher.WriteBlob(tree.Root, Index);
        Assert.Equal(written.AddDays(-1), File.GetLastWriteTimeUtc(path)); // not rewritten

        File.WriteAllText(path, "damaged");
        MirrorIndexPublisher.WriteBlob(tree.Root, Index);
        Assert.Equal(Index, File.ReadAllBytes(path));
    }

    [Fact]
    public void TheKeyIndexGoesWhereEachLayoutKeepsIt()
    {
        using var v2 = new TempTree();
        using var v3 = new TempTree();

        MirrorIndexPublisher.PublishKeyIndex(v2.Root, MirrorLayout.V2, new[] { "FP02", "FP01" });
        MirrorIndexPublisher.PublishKeyIndex(v3.Root, MirrorLayout.V3, new[] { "FP01" });

        Assert.Equal("{\"keys\":{\"FP01\":{},\"FP02\":{}}}", File.ReadAllText(Path.Combine(v2.Root, "build_cache", "_pgp", "index.json")));
        byte[] keys = Encoding.ASCII.GetBytes("{\"keys\":{\"FP01\":{}}}");
        string sum = IndexFixtures.Sha256(keys);
        Assert.Equal(new[] { MirrorLayout.BlobPath(sum), "v3/layout.json", "v3/manifests/key/keys.manifest.json" }, Files(v3.Root));
        Assert.Contains("\"mediaType\":\"application/vnd.spack.keyindex.v1+json\",\n\"compression\":\"none\",\n\"checksumAlgorithm\":\"sha256\",\n\"checksum\":\"" + sum + "\"",
            File.ReadAllText(MirrorLayout.Under(v3.Root, MirrorLayout.KeyIndexManifestPath)));
    }
}
