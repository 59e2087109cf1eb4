using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace CacheMeta.Tests.Support;

/// <summary>
/// Indexes for the dependency encodings Spack has written, with the edges each record must read to. Database 6
/// (Spack 0.17-0.20) lists edges with <c>type</c> (spec v2-v3, extra hash keys beside <c>hash</c>) and may still hold
/// a node in the older keyed shape; database 7 (<c>IndexFixtures.V7Index</c>) mixes all three, as an index upgraded
/// from older Spack does; database 8 (<c>IndexFixtures.V8Index</c>) uses <c>parameters.deptypes/virtuals</c>.
/// </summary>
internal static class EdgeFixtures
{
    public static readonly string D6Libelf = IndexFixtures.Hash("d6libelf"), D6Libdwarf = IndexFixtures.Hash("d6libdwarf"),
        D6Cmake = IndexFixtures.Hash("d6cmake"), D6Perl = IndexFixtures.Hash("d6perl"), D6Gone = IndexFixtures.Hash("d6gone");

    private static JsonObject V3Node(string name, string version, JsonNode? dependencies)
    {
        var node = new JsonObject
        {
            ["name"] = name, ["version"] = version,
            ["arch"] = IndexFixtures.Arch("linux", "centos7", IndexFixtures.TargetObject("x86_64")),
            ["compiler"] = new JsonObject { ["name"] = "gcc", ["version"] = "9.3.0" },
            ["namespace"] = "builtin", ["parameters"] = IndexFixtures.Flags(new JsonObject { ["build_system"] = "generic" }),
        };
        if (dependencies is not null)
        {
            node["dependencies"] = dependencies;
        }

        return node;
    }

    private static JsonObject Typed(string name, string hash, params string[] types) => new()
    {
        ["name"] = name, ["build_hash"] = IndexFixtures.Hash(name + "build"), ["hash"] = hash, ["type"] = IndexFixtures.Strings(types),
    };

    /// <summary>A database 6 index: libdwarf before the libelf it links (records are not in dependency order).</summary>
    public static byte[] V6Index() => IndexFixtures.Database("6", new (string, JsonNode)[]
    {
        (D6Libdwarf, IndexFixtures.Record(V3Node("libdwarf", "20130729", new JsonArray(Typed("libelf", D6Libelf, "build", "link"))))),
        (D6Libelf, IndexFixtures.Record(V3Node("libelf", "0.8.13", new JsonArray()))),
        (D6Cmake, IndexFixtures.Record(V3Node("cmake", "3.20.5", new JsonObject
        {
            ["perl"] = new JsonObject { ["hash"] = D6Perl, ["type"] = IndexFixtures.Strings(new[] { "build", "run" }) },
            ["gone"] = new JsonObject { ["hash"] = D6Gone, ["type"] = "link" },
        }))),
        (D6Perl, IndexFixtures.Record(V3Node("perl", "5.34.0", null), inBuildcache: false)),
    });

    /// <summary>The edges of every record each index holds, as "name hash types virtuals" strings, by record hash.</summary>
    public static readonly Dictionary<string, string[]> Expected = new()
    {
        [D6Libdwarf] = new[] { Edge("libelf", D6Libelf, "Build, Link") },
        [D6Libelf] = new string[0],
        [D6Cmake] = new[] { Edge("perl", D6Perl, "Build, Run"), Edge("gone", D6Gone, "Link") },
        [D6Perl] = new string[0],
        [IndexFixtures.V7Zlib] = new[] { Edge("gmake", IndexFixtures.V7Dep, "Build") },
        [IndexFixtures.V7Cmake] = new[] { Edge("zlib", IndexFixtures.V7Zlib, "Link") },
        [IndexFixtures.V7Py] = new[] { Edge("zlib", IndexFixtures.V7Zlib, "Build, Link") },
        [IndexFixtures.V8Zlib] = new[]
        {
            Edge("compiler-wrapper", IndexFixtures.Hash("v8wrap"), "Build"), Edge("gcc", IndexFixtures.V8Gcc, "Build", "c", "cxx"),
            Edge("glibc", IndexFixtures.V8Glibc, "Link", "libc"),
        },
        [IndexFixtures.V8Numpy] = new[] { Edge("gcc", IndexFixtures.V8Gfortran, "Build", "fortran"), Edge("llvm", IndexFixtures.V8Llvm, "Build", "c", "cxx") },
        [IndexFixtures.V8Aida] = new string[0],
        [IndexFixtures.V8Cmake] = new[] { Edge("gcc", IndexFixtures.V8Gcc, "Build", "c", "cxx") },
        [IndexFixtures.V8Old] = new string[0],
        [IndexFixtures.V8Lost] = new[] { Edge("gcc", IndexFixtures.V8Missing, "Build", "c") },
    };

    public static string Edge(string name, string hash, string types, params string[] virtuals) =>
        $"{name} {hash} {types} {string.Join(",", virtuals)}".TrimEnd();

    public static string[] Rows(IEnumerable<DependencyEdge> edges) =>
        edges.Select(e => Edge(e.Name, e.Hash, e.Types.ToString(), e.Virtuals.ToArray())).ToArray();
}
