using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CacheMeta.Tests.Support;

/// <summary>
/// Build-cache indexes written by the tests (invented records in the shapes Spack writes), with the spec
/// records each must read to. The v7 index is what Spack 0.21-0.23 pushes, the v8 index what Spack 1.x pushes.
/// </summary>
internal static class IndexFixtures
{
    public static string Hash(string seed) => (seed + "abcdefghijklmnopqrstuvwxyz234567").Substring(0, 32);

    public static string Sha256(byte[] content) => System.Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();

    public static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }

    public static JsonObject TargetObject(string name, string vendor = "generic") => new()
    {
        ["name"] = name, ["vendor"] = vendor, ["features"] = new JsonArray("neon", "fp"), ["generation"] = 0, ["parents"] = new JsonArray("aarch64"),
    };

    public static JsonObject Arch(string platform, string os, JsonNode target) => new()
    {
        ["platform"] = platform, ["platform_os"] = os, ["target"] = target,
    };

    public static JsonObject Flags(JsonObject parameters)
    {
        foreach (string flag in new[] { "cflags", "cppflags", "cxxflags", "fflags", "ldflags", "ldlibs" })
        {
            parameters[flag] = new JsonArray();
        }

        return parameters;
    }

    public static JsonObject Edge(string name, string hash, string[] deptypes, params string[] virtuals) => new()
    {
        ["name"] = name, ["hash"] = hash,
        ["parameters"] = new JsonObject { ["deptypes"] = Strings(deptypes), ["virtuals"] = Strings(virtuals) },
    };

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());

    public static JsonObject Record(JsonObject spec, bool? inBuildcache = true, int refCount = 1)
    {
        var record = new JsonObject { ["spec"] = spec, ["ref_count"] = refCount };
        if (inBuildcache is not null)
        {
            record["in_buildcache"] = inBuildcache.Value;
        }

        return record;
    }

    public static byte[] Database(string version, IEnumerable<(string Hash, JsonNode Record)> records, bool versionLast = false)
    {
        var installs = new JsonObject();
        foreach (var (hash, record) in records)
        {
            installs[hash] = record;
        }

        var database = new JsonObject();
        if (!versionLast)
        {
            database["version"] = version;
        }

        database["installs"] = installs;
        if (versionLast)
        {
            database["version"] = version;
        }

        return Encoding.UTF8.GetBytes(new JsonObject { ["database"] = database }.ToJsonString());
    }

    // ---- database 7 (Spack 0.23): compilers on the node ----

    public static readonly string V7Zlib = Hash("v7zlib"), V7Cmake = Hash("v7cmake"), V7Dep = Hash("v7dep"),
        V7Bad = Hash("v7bad"), V7NoFlag = Hash("v7noflag"), V7Py = Hash("v7py");

    public static byte[] V7Index() => Database("7", new (string, JsonNode)[]
    {
        (V7Zlib, Record(new JsonObject
        {
            ["name"] = "zlib", ["version"] = "1.3.1",
            ["arch"] = Arch("linux", "ubuntu22.04", TargetObject("x86_64_v3", "generic")),
            ["compiler"] = new JsonObject { ["name"] = "gcc", ["version"] = "13.2.0" },
            ["namespace"] = "builtin",
            ["parameters"] = Flags(new JsonObject { ["shared"] = false, ["build_system"] = "makefile", ["pic"] = true, ["optimize"] = true }),
            ["dependencies"] = new JsonArray(Edge("gmake", V7Dep, new[] { "build" })),
            ["hash"] = V7Zlib,
        })),
        (V7Dep, Record(new JsonObject
        {
            ["name"] = "gmake", ["version"] = "4.4.1", ["arch"] = Arch("linux", "ubuntu22.04", "x86_64_v3"),
            ["compiler"] = new JsonObject { ["name"] = "gcc", ["version"] = "13.2.0" },
            ["parameters"] = Flags(new JsonObject { ["guile"] = false, ["build_system"] = "generic" }),
        }, inBuildcache: false)),
        (V7Cmake, Record(new JsonObject
        {
            ["name"] = "cmake", ["version"] = "3.27.9",
            ["arch"] = Arch("darwin", "sequoia", TargetObject("m1", "Apple")),
            ["compiler"] = new JsonObject { ["name"] = "apple-clang", ["version"] = "16.0.0" },
            ["parameters"] = Flags(new JsonObject
            {
                ["patches"] = Strings(new[] { new string('f', 64), "0badcafe" + new string('1', 56) }),
                ["cuda_arch"] = Strings(new[] { "90", "80" }), ["doc"] = false, ["build_type"] = "Release",
            }),
            ["patches"] = Strings(new[] { new string('f', 64), "0badcafe" + new string('1', 56) }),
            ["dependencies"] = new JsonObject { ["zlib"] = new JsonObject { ["hash"] = V7Zlib, ["type"] = Strings(new[] { "link" }) } },
        })),
        (V7Bad, Record(new JsonObject { ["name"] = 42, ["version"] = "1.0" })),
        (V7NoFlag, Record(new JsonObject
        {
            ["name"] = "bzip2", ["version"] = "1.0.8", ["arch"] = Arch("linux", "rhel8", "aarch64"),
            ["compiler"] = new JsonObject { ["name"] = "gcc", ["version"] = "8.5.0" },
            ["parameters"] = Flags(new JsonObject { ["debug"] = false }),
        }, inBuildcache: null)),
        (V7Py, Record(new JsonObject
        {
            ["name"] = "py-numpy", ["version"] = "1.26.4", ["arch"] = Arch("linux", "ubuntu22.04", TargetObject("neoverse_v1", "ARM")),
            ["compiler"] = new JsonObject { ["name"] = "gcc", ["version"] = "13.2.0" },
            ["parameters"] = Flags(new JsonObject { ["build_system"] = "python_pip", ["blas"] = Strings(new[] { "openblas" }) }),
            ["dependencies"] = new JsonArray(new JsonObject { ["name"] = "zlib", ["hash"] = V7Zlib, ["type"] = Strings(new[] { "build", "link" }) }),
        })),
    });

    /// <summary>What the v7 index reads to, in file order: hash, package, version, compiler, os, platform, target, variants.</summary>
    public static readonly string[][] V7Expected =
    {
        new[] { V7Zlib, "zlib", "1.3.1", "gcc@=13.2.0", "ubuntu22.04", "linux", "x86_64_v3", "build_system=makefile|+optimize|+pic|~shared" },
        new[] { V7Cmake, "cmake", "3.27.9", "apple-clang@=16.0.0", "sequoia", "darwin", "m1", "build_type=Release|cuda_arch=80,90|~doc|patches=0badcaf,fffffff" },
        new[] { V7Py, "py-numpy", "1.26.4", "gcc@=13.2.0", "ubuntu22.04", "linux", "neoverse_v1", "blas=openblas|build_system=python_pip" },
    };

    // ---- database 8 (Spack 1.x): compilers are build dependencies ----

    public static readonly string V8Gcc = Hash("v8gcc"), V8Llvm = Hash("v8llvm"), V8Glibc = Hash("v8glibc"), V8Zlib = Hash("v8zlib"),
        V8Numpy = Hash("v8numpy"), V8Aida = Hash("v8aida"), V8Cmake = Hash("v8cmake"), V8Old = Hash("v8old"), V8Lost = Hash("v8lost"),
        V8Bad = Hash("v8bad"), V8Gfortran = Hash("v8gfort"), V8Missing = Hash("v8missing");

    private static JsonObject V8Node(string name, string version, string target, JsonObject parameters, JsonArray? dependencies = null,
        string os = "ubuntu24.04")
    {
        var node = new JsonObject
        {
            ["name"] = name, ["version"] = version, ["arch"] = Arch("linux", os, TargetObject(target)),
            ["namespace"] = "builtin", ["parameters"] = Flags(parameters),
        };
        if (dependencies is not null)
        {
            node["dependencies"] = dependencies;
        }

        node["annotations"] = new JsonObject { ["original_specfile_version"] = 5 };
        return node;
    }

    public static byte[] V8Index(bool versionLast = false) => Database("8", new (string, JsonNode)[]
    {
        // zlib-ng comes before its compiler (a forward reference).
        (V8Zlib, Record(V8Node("zlib-ng", "2.2.1", "neoverse_v1", new JsonObject { ["build_system"] = "cmake", ["compat"] = true, ["pic"] = true },
            new JsonArray(Edge("compiler-wrapper", Hash("v8wrap"), new[] { "build" }), Edge("gcc", V8Gcc, new[] { "build" }, "c", "cxx"),
                Edge("glibc", V8Glibc, new[] { "link" }, "libc"))))),
        (V8Llvm, Record(V8Node("llvm", "19.1.0", "x86_64_v3", new JsonObject { ["flang"] = true }), inBuildcache: false)),
        (V8Numpy, Record(V8Node("py-numpy", "2.1.2", "x86_64_v3", new JsonObject { ["build_system"] = "python_pip" },
            new JsonArray(Edge("gcc", V8Gfortran, new[] { "build" }, "fortran"), Edge("llvm", V8Llvm, new[] { "build" }, "c", "cxx"))))),
        (V8Aida, Record(V8Node("aida", "3.2.1", "x86_64_v3", new JsonObject { ["build_system"] = "generic" }))),
        (V8Cmake, Record(V8Node("cmake", "3.31.6", "x86_64_v3", new JsonObject
            {
                ["patches"] = Strings(new[] { "dbc3892" + new string('0', 57) }), ["amdgpu_target"] = Strings(new[] { "gfx90a" }),
                ["build_type"] = "Release", ["doc"] = false, ["cxxstd"] = "17",
            },
            new JsonArray(Edge("gcc", V8Gcc, new[] { "build" }, "c", "cxx"))))),
        (V8Old, Record(new JsonObject
        {
            ["name"] = "bzip2", ["version"] = "1.0.8", ["arch"] = Arch("linux", "ubuntu22.04", "x86_64_v3"),
            ["parameters"] = Flags(new JsonObject { ["debug"] = false }),
            ["annotations"] = new JsonObject { ["original_specfile_version"] = 4, ["compiler"] = "gcc@11.4.0" },
        })),
        (V8Lost, Record(V8Node("xz", "5.4.6", "x86_64_v3", new JsonObject { ["pic"] = true },
            new JsonArray(Edge("gcc", V8Missing, new[] { "build" }, "c"))))),
        (V8Bad, Record(With(V8Node("broken", "1.0", "x86_64_v3", new JsonObject()), "parameters", "oops"))),
        (V8Glibc, Record(new JsonObject { ["name"] = "glibc", ["version"] = "2.39", ["external"] = new JsonObject { ["path"] = "/usr" } }, inBuildcache: false)),
        (V8Gfortran, Record(V8Node("gcc", "14.2.0", "x86_64_v3", new JsonObject { ["languages"] = Strings(new[] { "fortran", "c" }) }), inBuildcache: false)),
        (V8Gcc, Record(new JsonObject
        {
            ["name"] = "gcc", ["version"] = "13.3.0", ["arch"] = Arch("linux", "ubuntu24.04", "aarch64"),
            ["external"] = new JsonObject { ["path"] = "/usr", ["module"] = null },
        }, inBuildcache: false)),
    }, versionLast);

    /// <summary>What the v8 index reads to, in output order: file order (zlib-ng's compiler, which comes later, is found ahead), but for xz, whose compiler the index lacks, last.</summary>
    public static readonly string[][] V8Expected =
    {
        new[] { V8Zlib, "zlib-ng", "2.2.1", "gcc@13.3.0", "ubuntu24.04", "linux", "neoverse_v1", "build_system=cmake|+compat|+pic" },
        new[] { V8Numpy, "py-numpy", "2.1.2", "llvm@19.1.0", "ubuntu24.04", "linux", "x86_64_v3", "build_system=python_pip" },
        new[] { V8Aida, "aida", "3.2.1", "none", "ubuntu24.04", "linux", "x86_64_v3", "build_system=generic" },
        new[] { V8Cmake, "cmake", "3.31.6", "gcc@13.3.0", "ubuntu24.04", "linux", "x86_64_v3", "amdgpu_target:=gfx90a|build_type=Release|cxxstd=17|~doc|patches:=dbc3892" },
        new[] { V8Old, "bzip2", "1.0.8", "gcc@=11.4.0", "ubuntu22.04", "linux", "x86_64_v3", "~debug" },
        new[] { V8Lost, "xz", "5.4.6", "none", "ubuntu24.04", "linux", "x86_64_v3", "+pic" },
    };

    private static JsonObject With(JsonObject node, string key, JsonNode? value)
    {
        node[key] = value;
        return node;
    }

    public static string[] Row(CacheSpec s) => new[]
    {
        s.Hash!, s.Package, s.Version!, s.Compiler!, s.OS!, s.Platform!, s.Target!, string.Join("|", s.Variants),
    };
}

/// <summary>
/// A public-cache-like catalog on the fixture server: tag <c>develop</c> with a <c>root</c> index (v3 manifest),
/// an <c>e4s</c> stack listed by blob address (as the current indexer writes it) and an <c>ml</c> stack in the v2
/// layout; tag <c>v0.23.1</c> with a v2 <c>root</c> only.
/// </summary>
internal static class CatalogFixtures
{
    public static byte[] E4sIndex() => IndexFixtures.Database("8", new (string, System.Text.Json.Nodes.JsonNode)[]
    {
        (IndexFixtures.V8Zlib, Node(IndexFixtures.V8Index(), IndexFixtures.V8Zlib)),
        (IndexFixtures.V8Aida, With(Node(IndexFixtures.V8Index(), IndexFixtures.V8Aida), false)),
        (IndexFixtures.V8Cmake, Node(IndexFixtures.V8Index(), IndexFixtures.V8Cmake)),
        (IndexFixtures.V8Gcc, Node(IndexFixtures.V8Index(), IndexFixtures.V8Gcc)),
    });

    public static byte[] MlIndex() => IndexFixtures.Database("8", new (string, System.Text.Json.Nodes.JsonNode)[]
    {
        (IndexFixtures.V8Llvm, Node(IndexFixtures.V8Index(), IndexFixtures.V8Llvm)),
        (IndexFixtures.V8Numpy, Node(IndexFixtures.V8Index(), IndexFixtures.V8Numpy)),
        (IndexFixtures.V8Zlib, Node(IndexFixtures.V8Index(), IndexFixtures.V8Zlib)),
        (IndexFixtures.V8Gcc, Node(IndexFixtures.V8Index(), IndexFixtures.V8Gcc)),
    });

    /// <summary>Serves both tags and returns the catalog text.</summary>
    public static string Serve(FixtureServer server)
    {
        MirrorFixtures.ServeV3(server, "develop", IndexFixtures.V8Index(), manifestEtag: "\"root-1\"");
        string e4s = MirrorFixtures.ServeV3(server, "develop/e4s", E4sIndex());
        MirrorFixtures.ServeV2(server, "develop/ml", MlIndex());
        MirrorFixtures.ServeV2(server, "releases/v0.23.1", IndexFixtures.V7Index());
        return "{\"develop\": [{\"label\": \"root\", \"url\": \"" + server.Url("develop/v3/manifests/index/index.manifest.json") + "\"}, "
            + "{\"label\": \"e4s\", \"url\": \"" + server.Url("develop/e4s/blobs/sha256/" + e4s.Substring(0, 2) + "/" + e4s) + "\"}, "
            + "{\"label\": \"ml\", \"url\": \"" + server.Url("develop/ml/build_cache/index.json") + "\"}], "
            + "\"v0.23.1\": [{\"label\": \"root\", \"url\": \"" + server.Url("releases/v0.23.1/build_cache/index.json") + "\"}]}";
    }

    private static System.Text.Json.Nodes.JsonNode Node(byte[] index, string hash) =>
        System.Text.Json.Nodes.JsonNode.Parse(index)!["database"]!["installs"]![hash]!.DeepClone();

    private static System.Text.Json.Nodes.JsonNode With(System.Text.Json.Nodes.JsonNode record, bool inBuildcache)
    {
        record["in_buildcache"] = inBuildcache;
        return record;
    }
}
