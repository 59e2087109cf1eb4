using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using CacheMeta.Binaries;
using CacheMeta.Mirrors;

namespace CacheMeta.Tests.Support;

/// <summary>
/// A build cache's binary entries in memory (path under the root → bytes), in the v3 or v2 layout, with the mirror's
/// keys, to serve from the fixture server or write into a folder. Every value is invented for the tests; signed
/// documents are signed with <see cref="TestKey"/> keys made at run time.
/// </summary>
internal sealed class BinaryMirror
{
    public BinaryMirror(int layout) => Layout = layout;

    public int Layout { get; }

    public SortedDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>The index address the mirror's specs name as their source.</summary>
    public string IndexPath => Layout == 3 ? "v3/manifests/index/index.manifest.json" : "build_cache/index.json";

    /// <summary>A spec record as an index source of this mirror at <paramref name="root"/> would give it.</summary>
    public static CacheSpec Spec(string root, int layout, string name, string version, string hash, string? compiler = "gcc@=13.3.0") =>
        new(name, null, hash, new[] { version }, compiler, "ubuntu24.04", "linux", "x86_64_v3", null, null, null, null,
            root + (layout == 3 ? "v3/manifests/index/index.manifest.json" : "build_cache/index.json"));

    /// <summary>A small real gzip file standing for an install tarball.</summary>
    public static byte[] Tarball(string name, int size = 300)
    {
        var text = new StringBuilder();
        var random = new Random(name.GetHashCode(StringComparison.Ordinal));
        while (text.Length < size)
        {
            text.Append((char)('a' + random.Next(26)));
        }

        return IndexFixtures.Gzip(Encoding.ASCII.GetBytes(text.ToString()));
    }

    /// <summary>
    /// Adds a spec's entry: v3, its tarball and spec blobs and its manifest (signed by <paramref name="signer"/>, plain
    /// when null); v2, the tarball and the .spec.json.sig (or .spec.json when unsigned). Returns the tarball.
    /// </summary>
    public byte[] Add(CacheSpec spec, TestKey? signer, byte[]? tarball = null)
    {
        tarball ??= Tarball(spec.Hash!);
        string tarballSum = IndexFixtures.Sha256(tarball);
        if (Layout == 3)
        {
            byte[] specBlob = IndexFixtures.Gzip(Encoding.UTF8.GetBytes($"{{\"spec\":{{\"_meta\":{{\"version\":5}},\"nodes\":[{{\"name\":\"{spec.Package}\",\"hash\":\"{spec.Hash}\"}}]}},\"buildcache_layout_version\":2}}"));
            string specSum = IndexFixtures.Sha256(specBlob);
            Files[MirrorLayout.BlobPath("sha256", specSum)] = specBlob;
            Files[MirrorLayout.BlobPath("sha256", tarballSum)] = tarball;
            string manifest = "{\n\"version\":3,\n\"data\":[\n"
                + Entry(specBlob.Length, "application/vnd.spack.spec.v5+json", specSum) + ",\n"
                + Entry(tarball.Length, "application/vnd.spack.install.v2.tar+gzip", tarballSum) + "\n]\n}";
            Files[MirrorLayout.SpecManifestPath(spec.Package, spec.Version!, spec.Hash!)] = signer is null ? Encoding.UTF8.GetBytes(manifest) : signer.ClearSign(manifest);
        }
        else
        {
            Files[MirrorLayout.V2TarballPath(V2EntryName.Of(spec))] = tarball;
            string json = "{\n\"spec\":{\n\"_meta\":{\n\"version\":4\n},\n\"nodes\":[]\n},\n\"buildcache_layout_version\":2,\n\"binary_cache_checksum\":{\n\"hash_algorithm\":\"sha256\",\n\"hash\":\"" + tarballSum + "\"\n}\n}";
            Files[MirrorLayout.V2SpecFilePath(V2EntryName.Of(spec), signed: signer is not null)] = signer is null ? Encoding.UTF8.GetBytes(json) : signer.ClearSign(json);
        }

        return tarball;
    }

    /// <summary>Publishes <paramref name="key"/> as the mirror's key, as Spack does in the layout.</summary>
    public void Publish(TestKey key)
    {
        byte[] armored = key.ArmoredPublicKey();
        byte[] index = Encoding.UTF8.GetBytes("{\"keys\":{\"" + key.Fingerprint + "\":{}}}");
        if (Layout == 3)
        {
            string keySum = IndexFixtures.Sha256(armored), indexSum = IndexFixtures.Sha256(index);
            Files[MirrorLayout.BlobPath("sha256", keySum)] = armored;
            Files[MirrorLayout.BlobPath("sha256", indexSum)] = index;
            Files[MirrorLayout.KeyManifestPath(key.Fingerprint)] = Encoding.UTF8.GetBytes("{\"version\":3,\"data\":[" + Entry(armored.Length, "application/pgp-keys", keySum) + "]}");
            Files[MirrorLayout.KeyIndexManifestPath] = Encoding.UTF8.GetBytes("{\"version\":3,\"data\":[" + Entry(index.Length, "application/vnd.spack.keyindex.v1+json", indexSum) + "]}");
        }
        else
        {
            Files[MirrorLayout.V2KeyPath(key.Fingerprint)] = armored;
            Files[MirrorLayout.V2KeyIndexPath] = index;
        }
    }

    /// <summary>Serves every file under <paramref name="root"/> (a path on the server), each with the date given.</summary>
    public void Serve(FixtureServer server, string root, DateTimeOffset? lastModified = null)
    {
        foreach (var file in Files)
        {
            server.Serve(root.TrimEnd('/') + "/" + file.Key, file.Value, etag: "\"" + IndexFixtures.Sha256(file.Value).Substring(0, 16) + "\"").LastModified = lastModified;
        }
    }

    /// <summary>Writes every file under <paramref name="folder"/>.</summary>
    public void Write(string folder)
    {
        foreach (var file in Files)
        {
            string path = Path.Combine(folder, file.Key.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, file.Value);
        }
    }

    private static string Entry(long length, string mediaType, string sum) =>
        $"{{\"contentLength\":{length},\"mediaType\":\"{mediaType}\",\"compression\":\"{(mediaType.Contains("spack.spec") || mediaType.Contains("spack.install") ? "gzip" : "none")}\",\"checksumAlgorithm\":\"sha256\",\"checksum\":\"{sum}\"}}";
}
