using System;
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
/// samples/binaries/signed: the small signed v3 mirror the help and README examples run on. Its key was made by
/// <see cref="Write"/> and only its public half was kept. Set CACHEMETA_WRITE_SAMPLES=1 to write the mirror afresh
/// (a new key, new signatures); the test then checks what it wrote.
/// </summary>
public class SampleMirrorTests : IDisposable
{
    private static readonly string Root = Path.Combine(TestPaths.RepoRoot, "samples", "binaries", "signed");
    private static readonly string KeyFolder = Path.Combine(TestPaths.RepoRoot, "samples", "binaries", "keys");
    private static readonly DateTime Pushed = new(2025, 7, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Every_entry_of_the_sample_mirror_is_there_and_validly_signed()
    {
        if (Environment.GetEnvironmentVariable("CACHEMETA_WRITE_SAMPLES") == "1")
        {
            Write();
        }

        var options = new FetchOptions { CacheDirectory = Path.Combine(_tree.Root, "cache") };
        var specs = new SourceRun(new MirrorSource(new[] { Root }, options)).Specs;
        var resolver = new BinaryResolver(new MirrorFiles(new IndexFetcher(options)));
        var auditor = new SignatureAuditor(resolver, new KeySet(), false, NullSourceObserver.Instance);

        var binaries = specs.Select(s => resolver.Resolve(BinaryLocator.Locate(s).Value!, CancellationToken.None)).ToList();
        var signatures = specs.Select(s => auditor.Check(BinaryLocator.Locate(s).Value!, CancellationToken.None)).ToList();

        Assert.Equal(new[] { "cmake", "gcc-runtime", "hdf5", "zlib-ng" }, specs.Select(s => s.Package).OrderBy(p => p).ToArray());
        Assert.All(binaries, b => Assert.True(b.Signed && b.Size > 0 && b.Size < 4096));
        Assert.All(signatures, s => Assert.Equal(SignatureStatus.Valid, s.Status));
        Assert.Single(signatures.Select(s => s.KeyFingerprint).Distinct());
        Assert.Equal(signatures[0].KeyFingerprint + ".pub", Path.GetFileName(Directory.GetFiles(KeyFolder).Single()));
        foreach (var binary in binaries)
        {
            // Each tarball is a real gzip-compressed tar of a small install prefix.
            using var tar = new TarReader(new GZipStream(File.OpenRead(binary.TarballUrl), CompressionMode.Decompress));
            Assert.NotNull(tar.GetNextEntry());
        }
    }

    private static void Write()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        if (Directory.Exists(KeyFolder))
        {
            Directory.Delete(KeyFolder, recursive: true);
        }

        var key = TestKey.Generate("CacheMeta Sample Mirror <samples@cachemeta.invalid>");
        var mirror = new BinaryMirror(3);
        string gcc = IndexFixtures.Hash("gccsample"), runtime = IndexFixtures.Hash("gccruntime"), zlib = IndexFixtures.Hash("zlibng"),
            cmake = IndexFixtures.Hash("cmake"), hdf5 = IndexFixtures.Hash("hdf5");
        var records = new (string Hash, string Name, string Version, JsonArray Edges, bool InCache)[]
        {
            (gcc, "gcc", "13.3.0", new JsonArray(), false),
            (runtime, "gcc-runtime", "13.3.0", new JsonArray(IndexFixtures.Edge("gcc", gcc, new[] { "build" })), true),
            (zlib, "zlib-ng", "2.2.1", new JsonArray(IndexFixtures.Edge("gcc", gcc, new[] { "build" }, "c", "cxx"), IndexFixtures.Edge("gcc-runtime", runtime, new[] { "link" })), true),
            (cmake, "cmake", "3.31.6", new JsonArray(IndexFixtures.Edge("gcc", gcc, new[] { "build" }, "c", "cxx"), IndexFixtures.Edge("gcc-runtime", runtime, new[] { "link" }), IndexFixtures.Edge("zlib-ng", zlib, new[] { "build", "link" })), true),
            (hdf5, "hdf5", "1.14.5", new JsonArray(IndexFixtures.Edge("cmake", cmake, new[] { "build" }), IndexFixtures.Edge("gcc", gcc, new[] { "build" }, "c", "cxx"),
                IndexFixtures.Edge("gcc-runtime", runtime, new[] { "link" }), IndexFixtures.Edge("zlib-ng", zlib, new[] { "build", "link" })), true),
        };
        byte[] index = IndexFixtures.Database("8", records.Select(r => (r.Hash, (JsonNode)IndexFixtures.Record(Node(r.Name, r.Version, r.Edges), r.InCache))));
        foreach (var record in records.Where(r => r.InCache))
        {
            var spec = BinaryMirror.Spec(Root + Path.DirectorySeparatorChar, 3, record.Name, record.Version, record.Hash);
            mirror.Add(spec, key, Tarball(record.Name, record.Version));
        }

        mirror.Publish(key);
        mirror.Write(Root);
        string sum = IndexFixtures.Sha256(index);
        Directory.CreateDirectory(Path.Combine(Root, "blobs", "sha256", sum.Substring(0, 2)));
        File.WriteAllBytes(Path.Combine(Root, "blobs", "sha256", sum.Substring(0, 2), sum), index);
        Directory.CreateDirectory(Path.Combine(Root, "v3", "manifests", "index"));
        File.WriteAllBytes(Path.Combine(Root, "v3", "manifests", "index", "index.manifest.json"), MirrorFixtures.Manifest(sum, index.Length, false, 8));
        File.WriteAllText(Path.Combine(Root, "v3", "layout.json"), "{\"signing\": \"gpg\"}\n");
        Directory.CreateDirectory(KeyFolder);
        File.WriteAllBytes(Path.Combine(KeyFolder, key.Fingerprint + ".pub"), key.ArmoredPublicKey());
        foreach (string file in Directory.GetFiles(Root, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, Pushed);
        }
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

    // A real .tar.gz of a tiny install prefix (a README and a .spack/spec.json), a few hundred bytes.
    private static byte[] Tarball(string name, string version)
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
}
