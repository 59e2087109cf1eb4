using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using CacheMeta.Binaries;
using CacheMeta.Binaries.Signing;
using CacheMeta.Http;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Binaries;

/// <summary>
/// What the sample mirrors under samples/binaries share (signed, the v3 layout; signed-v2, the v2 layout): the same
/// five records (hdf5, cmake, zlib-ng, gcc-runtime in the cache, gcc only as a build dependency), the same tiny real
/// tarballs, one date for every file, and the folder of their public keys (samples/binaries/keys, one
/// <c>&lt;FINGERPRINT&gt;.pub</c> per sample; the private halves were never kept).
/// </summary>
internal static class SampleMirrors
{
    public static readonly string KeyFolder = Path.Combine(TestPaths.RepoRoot, "samples", "binaries", "keys");
    public static readonly DateTime Pushed = new(2025, 7, 1, 12, 0, 0, DateTimeKind.Utc);

    public static readonly string Gcc = IndexFixtures.Hash("gccsample"), Runtime = IndexFixtures.Hash("gccruntime"), Zlib = IndexFixtures.Hash("zlibng"),
        Cmake = IndexFixtures.Hash("cmake"), Hdf5 = IndexFixtures.Hash("hdf5");

    /// <summary>The records: hash, name, version, edges, in the cache.</summary>
    public static IReadOnlyList<(string Hash, string Name, string Version, JsonArray Edges, bool InCache)> Records() => new[]
    {
        (Gcc, "gcc", "13.3.0", new JsonArray(), false),
        (Runtime, "gcc-runtime", "13.3.0", new JsonArray(IndexFixtures.Edge("gcc", Gcc, new[] { "build" })), true),
        (Zlib, "zlib-ng", "2.2.1", new JsonArray(IndexFixtures.Edge("gcc", Gcc, new[] { "build" }, "c", "cxx"), IndexFixtures.Edge("gcc-runtime", Runtime, new[] { "link" })), true),
        (Cmake, "cmake", "3.31.6", new JsonArray(IndexFixtures.Edge("gcc", Gcc, new[] { "build" }, "c", "cxx"), IndexFixtures.Edge("gcc-runtime", Runtime, new[] { "link" }), IndexFixtures.Edge("zlib-ng", Zlib, new[] { "build", "link" })), true),
        (Hdf5, "hdf5", "1.14.5", new JsonArray(IndexFixtures.Edge("cmake", Cmake, new[] { "build" }), IndexFixtures.Edge("gcc", Gcc, new[] { "build" }, "c", "cxx"),
            IndexFixtures.Edge("gcc-runtime", Runtime, new[] { "link" }), IndexFixtures.Edge("zlib-ng", Zlib, new[] { "build", "link" })), true),
    };

    /// <summary>The samples' index (database 8, as Spack's own v2 test mirror has it too).</summary>
    public static byte[] Index() =>
        IndexFixtures.Database("8", Records().Select(r => (r.Hash, (JsonNode)IndexFixtures.Record(Node(r.Name, r.Version, r.Edges), r.InCache))));

    /// <summary>Removes a sample's folder and the public key its previous writing left in <see cref="KeyFolder"/>.</summary>
    /// <summary>A sample mirror read as a user reads it: its specs, their binaries and their signatures' verdicts.</summary>
    public static (IReadOnlyList<CacheSpec> Specs, IReadOnlyList<CacheBinary> Binaries, IReadOnlyList<CacheSignature> Signatures) Read(string root, string cacheDirectory)
    {
        var options = new FetchOptions { CacheDirectory = cacheDirectory };
        var specs = new SourceRun(new MirrorSource(new[] { root }, options)).Specs;
        var resolver = new BinaryResolver(new MirrorFiles(new IndexFetcher(options)));
        var auditor = new SignatureAuditor(resolver, new KeySet(), false, NullSourceObserver.Instance);
        var binaries = specs.Select(s => resolver.Resolve(BinaryLocator.Locate(s).Value!, CancellationToken.None)).ToList();
        var signatures = specs.Select(s => auditor.Check(BinaryLocator.Locate(s).Value!, CancellationToken.None)).ToList();
        return (specs, binaries, signatures);
    }

    /// <summary>Each tarball is a real gzip-compressed tar of a small install prefix.</summary>
    public static void AssertTarballs(IEnumerable<CacheBinary> binaries)
    {
        foreach (var binary in binaries)
        {
            using var tar = new TarReader(new GZipStream(File.OpenRead(binary.TarballUrl), CompressionMode.Decompress));
            Assert.NotNull(tar.GetNextEntry());
        }
    }

    public static void Clear(string root, string keyFolderOfMirror, string keySuffix)
    {
        string keys = Path.Combine(root, keyFolderOfMirror);
        if (Directory.Exists(keys))
        {
            foreach (string file in Directory.GetFiles(keys, "*" + keySuffix))
            {
                string fingerprint = Path.GetFileName(file).Substring(0, Path.GetFileName(file).Length - keySuffix.Length);
                File.Delete(Path.Combine(KeyFolder, fingerprint + ".pub"));
            }
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Keeps the public half of a sample's key and dates every file of the sample.</summary>
    public static void Finish(string root, TestKey key)
    {
        Directory.CreateDirectory(KeyFolder);
        File.WriteAllBytes(Path.Combine(KeyFolder, key.Fingerprint + ".pub"), key.ArmoredPublicKey());
        foreach (string file in Directory.GetFiles(root, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, Pushed);
        }
    }

    /// <summary>A real .tar.gz of a tiny install prefix (a README and a .spack/spec.json), a few hundred bytes.</summary>
    public static byte[] Tarball(string name, string version)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (path, text) in new[] { ($"{name}-{version}/README", $"{name} {version}: a sample binary of CacheMeta.\n"),
                ($"{name}-{version}/.spack/spec.json", $"{{\"name\": \"{name}\", \"version\": \"{version}\"}}\n") })
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)), ModificationTime = Pushed };
                tar.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
    }

    private static JsonObject Node(string name, string version, JsonArray edges)
    {
        var node = new JsonObject
        {
            ["name"] = name, ["version"] = version, ["arch"] = IndexFixtures.Arch("linux", "ubuntu24.04", IndexFixtures.TargetObject("x86_64_v3")),
            ["namespace"] = "builtin", ["parameters"] = IndexFixtures.Flags(new JsonObject { ["build_system"] = name == "hdf5" || name == "zlib-ng" ? "cmake" : "generic" }),
        };
        if (edges.Count > 0)
        {
            node["dependencies"] = edges;
        }

        return node;
    }
}
