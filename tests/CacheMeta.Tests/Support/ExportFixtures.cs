using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using CacheMeta.Http;
using CacheMeta.Sources;
using static CacheMeta.Tests.Support.IndexFixtures;

namespace CacheMeta.Tests.Support;

/// <summary>
/// A signed source mirror for the exporter's tests, in either layout, with an index and the binaries of the records in
/// its cache: hdf5 (build cmake, link zlib-ng and gcc-runtime), cmake, zlib-ng, gcc-runtime, curl (link openssl, an
/// external), and gcc without a binary. Every file is in <see cref="Mirror"/> to serve or write.
/// </summary>
internal sealed class ExportSource
{
    public static readonly string Gcc = Hash("gccx"), Runtime = Hash("runtimex"), Zlib = Hash("zlibx"), Cmake = Hash("cmakex"),
        Hdf5 = Hash("hdf5x"), Openssl = Hash("opensslx"), Curl = Hash("curlx");

    public ExportSource(int layout, TestKey? signer = null)
    {
        Layout = layout;
        Mirror = new BinaryMirror(layout);
        Index = Database("8", Records().Select(r => (r.Hash, (JsonNode)Record(Node(r.Name, r.Version, r.Edges, r.External), r.InCache))));

        // The entries are named as the readers name the index's specs: read them from the index itself.
        using var tree = new TempTree();
        tree.WriteBytes("build_cache/index.json", Index);
        var specs = new SourceRun(new MirrorSource(new[] { tree.Root }, new FetchOptions { CacheDirectory = Path.Combine(tree.Root, "cache") })).Specs;
        foreach (var spec in specs.OrderBy(s => s.Package, StringComparer.Ordinal))
        {
            Tarballs[spec.Hash!] = Mirror.Add(spec, signer ?? TestKey.Mirror);
            Specs[spec.Package] = spec;
        }

        Mirror.Publish(TestKey.Mirror);
        if (layout == 3)
        {
            string sum = Sha256(Index);
            Mirror.Files["blobs/sha256/" + sum.Substring(0, 2) + "/" + sum] = Index;
            Mirror.Files["v3/manifests/index/index.manifest.json"] = MirrorFixtures.Manifest(sum, Index.Length, false, 8);
            Mirror.Files["v3/layout.json"] = System.Text.Encoding.ASCII.GetBytes("{\"signing\": \"gpg\"}");
        }
        else
        {
            Mirror.Files["build_cache/index.json"] = Index;
            Mirror.Files["build_cache/index.json.hash"] = System.Text.Encoding.ASCII.GetBytes(Sha256(Index));
        }
    }

    public int Layout { get; }

    public BinaryMirror Mirror { get; }

    public byte[] Index { get; }

    /// <summary>The tarball of each hash in the cache.</summary>
    public Dictionary<string, byte[]> Tarballs { get; } = new(StringComparer.Ordinal);

    /// <summary>The index's specs in the cache, by package name (as read from a copy of the index).</summary>
    public Dictionary<string, CacheSpec> Specs { get; } = new(StringComparer.Ordinal);

    /// <summary>The relative path of a hash's tarball in the mirror.</summary>
    public string TarballPath(string hash) => Mirror.Files.Single(f => f.Value == Tarballs[hash]).Key;

    private static IEnumerable<(string Hash, string Name, string Version, JsonArray Edges, bool InCache, bool External)> Records()
    {
        string[] compiler = { "c", "cxx" };
        yield return (Gcc, "gcc", "13.3.0", new JsonArray(), false, false);
        yield return (Runtime, "gcc-runtime", "13.3.0", new JsonArray(Edge("gcc", Gcc, new[] { "build" })), true, false);
        yield return (Zlib, "zlib-ng", "2.2.1", new JsonArray(Edge("gcc", Gcc, new[] { "build" }, compiler), Edge("gcc-runtime", Runtime, new[] { "link" })), true, false);
        yield return (Cmake, "cmake", "3.31.6", new JsonArray(Edge("gcc", Gcc, new[] { "build" }, compiler), Edge("gcc-runtime", Runtime, new[] { "link" }),
            Edge("zlib-ng", Zlib, new[] { "build", "link" })), true, false);
        yield return (Hdf5, "hdf5", "1.14.5", new JsonArray(Edge("cmake", Cmake, new[] { "build" }), Edge("gcc", Gcc, new[] { "build" }, compiler),
            Edge("gcc-runtime", Runtime, new[] { "link" }), Edge("zlib-ng", Zlib, new[] { "build", "link" })), true, false);
        yield return (Openssl, "openssl", "3.0.13", new JsonArray(), false, true);
        yield return (Curl, "curl", "8.10.1", new JsonArray(Edge("gcc", Gcc, new[] { "build" }, compiler), Edge("gcc-runtime", Runtime, new[] { "link" }),
            Edge("openssl", Openssl, new[] { "build", "link" })), true, false);
    }

    private static JsonObject Node(string name, string version, JsonArray edges, bool external)
    {
        var node = new JsonObject
        {
            ["name"] = name, ["version"] = version, ["arch"] = Arch("linux", "ubuntu24.04", TargetObject("x86_64_v3")),
            ["namespace"] = "builtin", ["parameters"] = Flags(new JsonObject { ["build_system"] = "generic" }),
        };
        if (external)
        {
            node["external"] = new JsonObject { ["path"] = "/usr", ["module"] = null };
        }

        if (edges.Count > 0)
        {
            node["dependencies"] = edges;
        }

        return node;
    }
}
