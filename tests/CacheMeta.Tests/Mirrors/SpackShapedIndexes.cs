using System.Collections.Generic;
using System.Linq;
using System.Text;
using CacheMeta.Tests.Support;

namespace CacheMeta.Tests.Mirrors;

/// <summary>
/// Indexes written for these tests in the shape of Spack's own test mirrors (spack/spack
/// lib/spack/spack/test/data/mirrors/v2_layout/*/build_cache/index.json, database 7 and 8): compact JSON, records in
/// insertion order (dependencies first, as <c>Database._add</c> adds them), <c>ref_count</c> as Spack counts it (one per
/// dependency entry of any type among the records), an external compiler with <c>in_buildcache: false</c>. The
/// packages, versions and hashes are invented.
/// </summary>
internal static class SpackShapedIndexes
{
    public sealed record Node(string Hash, string Name, int RefCount, bool InBuildcache, string Spec);

    private const string Flags = "\"cflags\":[],\"cppflags\":[],\"cxxflags\":[],\"fflags\":[],\"ldflags\":[],\"ldlibs\":[]";

    private static string Target(string name) =>
        "{\"name\":\"" + name + "\",\"vendor\":\"ARM\",\"features\":[\"asimd\",\"fp\"],\"generation\":0,\"parents\":[\"armv8.4a\"],\"cpupart\":\"0xd4f\"}";

    private static string Arch(string target) => "{\"platform\":\"linux\",\"platform_os\":\"ubuntu22.04\",\"target\":" + target + "}";

    public static string Edge8(string name, string hash, string deptypes, string virtuals = "") =>
        "{\"name\":\"" + name + "\",\"hash\":\"" + hash + "\",\"parameters\":{\"deptypes\":[" + deptypes + "],\"virtuals\":[" + virtuals + "]}}";

    // ---- database 8 (Spack 1.x) ----

    public static readonly string Gcc = IndexFixtures.Hash("gcc8"), Wrapper = IndexFixtures.Hash("wrap8"), Runtime = IndexFixtures.Hash("grt8"),
        Zlib = IndexFixtures.Hash("zng8"), Png = IndexFixtures.Hash("png8"), Cmake = IndexFixtures.Hash("cmk8"), Hdf5 = IndexFixtures.Hash("hdf8");

    private static string Node8(string name, string version, string hash, string parameters, string dependencies, string target = "neoverse_v2") =>
        "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"arch\":" + Arch(Target(target)) + ",\"namespace\":\"builtin\","
        + "\"parameters\":{" + parameters + (parameters.Length > 0 ? "," : "") + Flags + "},\"package_hash\":\"" + new string('q', 52) + "====\""
        + (dependencies.Length > 0 ? ",\"dependencies\":[" + dependencies + "]" : "")
        + ",\"annotations\":{\"original_specfile_version\":5},\"hash\":\"" + hash + "\"}";

    private static string Toolchain(string virtuals) =>
        Edge8("compiler-wrapper", Wrapper, "\"build\"") + "," + Edge8("gcc", Gcc, "\"build\"", virtuals) + "," + Edge8("gcc-runtime", Runtime, "\"link\"");

    /// <summary>
    /// hdf5 (links zlib-ng, built with cmake), libpng (links zlib-ng), their toolchain; gcc is an external. Counts:
    /// gcc 5 (gcc-runtime and the four packages), compiler-wrapper 4, gcc-runtime 4, zlib-ng 2, cmake 1.
    /// </summary>
    public static readonly Node[] V8 =
    {
        new(Gcc, "gcc", 5, false,
            "{\"name\":\"gcc\",\"version\":\"12.3.0\",\"arch\":" + Arch("\"aarch64\"") + ",\"namespace\":\"builtin\",\"parameters\":{\"build_system\":\"generic\","
            + "\"languages\":[\"c\",\"c++\",\"fortran\"]," + Flags + "},\"external\":{\"path\":\"/usr\",\"module\":null,\"extra_attributes\":{\"compilers\":"
            + "{\"c\":\"/usr/bin/gcc-12\",\"cxx\":\"/usr/bin/g++-12\"}}},\"package_hash\":\"" + new string('g', 52) + "====\","
            + "\"annotations\":{\"original_specfile_version\":5},\"hash\":\"" + Gcc + "\"}"),
        new(Wrapper, "compiler-wrapper", 4, true, Node8("compiler-wrapper", "1.0", Wrapper, "\"build_system\":\"generic\"", "")),
        new(Runtime, "gcc-runtime", 4, true, Node8("gcc-runtime", "12.3.0", Runtime, "\"build_system\":\"generic\"", Edge8("gcc", Gcc, "\"build\""))),
        new(Zlib, "zlib-ng", 2, true, Node8("zlib-ng", "2.2.1", Zlib, "\"build_system\":\"autotools\",\"compat\":true,\"opt\":true", Toolchain("\"c\""))),
        new(Png, "libpng", 0, true, Node8("libpng", "1.6.43", Png, "\"build_system\":\"cmake\",\"libs\":[\"shared\",\"static\"]",
            Toolchain("\"c\"") + "," + Edge8("zlib-ng", Zlib, "\"build\",\"link\"", "\"zlib-api\""))),
        new(Cmake, "cmake", 1, true, Node8("cmake", "3.30.5", Cmake, "\"build_system\":\"generic\",\"doc\":false", Toolchain("\"c\",\"cxx\""))),
        new(Hdf5, "hdf5", 0, true, Node8("hdf5", "1.14.5", Hdf5, "\"api\":\"default\",\"build_system\":\"cmake\",\"mpi\":false,\"shared\":true",
            Edge8("cmake", Cmake, "\"build\"") + "," + Toolchain("\"c\",\"cxx\"") + "," + Edge8("zlib-ng", Zlib, "\"link\"", "\"zlib-api\""))),
    };

    // ---- database 7 (Spack 0.21-0.23): the compiler is a node attribute ----

    public static readonly string Pkgconf = IndexFixtures.Hash("pkc7"), Zstd = IndexFixtures.Hash("zst7"), Archive = IndexFixtures.Hash("arc7");

    private static string Node7(string name, string version, string hash, string dependencies) =>
        "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"arch\":" + Arch(Target("neoverse_v1")) + ",\"compiler\":{\"name\":\"gcc\",\"version\":\"11.4.0\"},"
        + "\"namespace\":\"builtin\",\"parameters\":{\"build_system\":\"generic\"," + Flags + "},\"package_hash\":\"" + new string('z', 52) + "====\""
        + (dependencies.Length > 0 ? ",\"dependencies\":[" + dependencies + "]" : "") + ",\"hash\":\"" + hash + "\"}";

    /// <summary>libarchive links zstd; both build with pkgconf, whose binary is not in the cache.</summary>
    public static readonly Node[] V7 =
    {
        new(Pkgconf, "pkgconf", 2, false, Node7("pkgconf", "2.2.0", Pkgconf, "")),
        new(Zstd, "zstd", 1, true, Node7("zstd", "1.5.6", Zstd, Edge8("pkgconf", Pkgconf, "\"build\""))),
        new(Archive, "libarchive", 0, true, Node7("libarchive", "3.7.4", Archive,
            Edge8("pkgconf", Pkgconf, "\"build\"") + "," + Edge8("zstd", Zstd, "\"build\",\"link\""))),
    };

    // ---- database 6 (Spack 0.17-0.20): edges carry "type" ----

    public static readonly string Ncurses = IndexFixtures.Hash("ncu6"), Readline = IndexFixtures.Hash("rdl6");

    /// <summary>readline links ncurses (edges in the database 6 shape).</summary>
    public static readonly Node[] V6 =
    {
        new(Ncurses, "ncurses", 1, true, "{\"name\":\"ncurses\",\"version\":\"6.2\",\"arch\":" + Arch("\"x86_64\"") + ",\"compiler\":{\"name\":\"gcc\",\"version\":\"9.4.0\"},"
            + "\"namespace\":\"builtin\",\"parameters\":{\"symlinks\":false," + Flags + "},\"hash\":\"" + Ncurses + "\"}"),
        new(Readline, "readline", 0, true, "{\"name\":\"readline\",\"version\":\"8.1\",\"arch\":" + Arch("\"x86_64\"") + ",\"compiler\":{\"name\":\"gcc\",\"version\":\"9.4.0\"},"
            + "\"namespace\":\"builtin\",\"parameters\":{" + Flags + "},\"dependencies\":[{\"name\":\"ncurses\",\"hash\":\"" + Ncurses + "\",\"type\":[\"build\",\"link\"]}],"
            + "\"hash\":\"" + Readline + "\"}"),
    };

    /// <summary>The index document as Spack writes it: compact, version first, records in the order given.</summary>
    public static byte[] Document(string version, IEnumerable<Node> nodes) => Encoding.UTF8.GetBytes(
        "{\"database\":{\"version\":\"" + version + "\",\"installs\":{"
        + string.Join(",", nodes.Select(n => "\"" + n.Hash + "\":{\"spec\":" + n.Spec + ",\"ref_count\":" + n.RefCount + ",\"in_buildcache\":"
            + (n.InBuildcache ? "true" : "false") + "}"))
        + "}}}");

    public static IEnumerable<(string Version, Node[] Nodes)> All()
    {
        yield return ("6", V6);
        yield return ("7", V7);
        yield return ("8", V8);
    }
}
