using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace CacheMeta.Tests.Support.Generated;

/// <summary>
/// Writes a <see cref="GeneratedIndex"/> as Spack 1.x writes a build-cache index (database 8, spec v5 nodes): object
/// targets with their feature lists, parameters with compiler flags, multi-valued variants and patches, annotations,
/// <c>external</c> on compilers and glibc, and <c>ref_count</c> counted from the edges. Streams, so a public-scale
/// index (150,000 specs, a couple of hundred MB) never sits in memory as text.
/// </summary>
internal static class GeneratedIndexWriter
{
    private static readonly string[] BoolVariants = { "shared", "mpi", "cuda", "openmp", "pic", "fortran", "ipo", "tests", "docs", "static" };
    private static readonly string[] BuildSystems = { "cmake", "autotools", "python_pip", "makefile", "meson", "generic" };
    private static readonly string[] Flags = { "cflags", "cppflags", "cxxflags", "fflags", "ldflags", "ldlibs" };

    public static byte[] ToBytes(GeneratedIndex index)
    {
        using var buffer = new MemoryStream();
        Write(index, buffer);
        return buffer.ToArray();
    }

    public static void Write(GeneratedIndex index, Stream stream) => Write(index, stream, _ => true);

    /// <summary>Writes the records <paramref name="include"/> keeps (a stack's index holds a subset of the root's).</summary>
    public static void Write(GeneratedIndex index, Stream stream, Func<GeneratedNode, bool> include)
    {
        var refCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var edge in index.Nodes.SelectMany(n => n.Edges))
        {
            refCounts[edge.Hash] = refCounts.TryGetValue(edge.Hash, out int n) ? n + 1 : 1;
        }

        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true });
        json.WriteStartObject();
        json.WriteStartObject("database");
        json.WriteString("version", "8");
        json.WriteStartObject("installs");
        foreach (var node in index.Nodes.Where(include))
        {
            json.WriteStartObject(node.Hash);
            json.WriteStartObject("spec");
            Node(json, node);
            json.WriteEndObject();
            json.WriteNumber("ref_count", refCounts.TryGetValue(node.Hash, out int count) ? count : 0);
            json.WriteBoolean("in_buildcache", node.InBuildcache);
            json.WriteEndObject();
            if (json.BytesPending > 1 << 16)
            {
                json.Flush();
            }
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Node(Utf8JsonWriter json, GeneratedNode node)
    {
        var chain = node.Toolchain;
        json.WriteString("name", node.Name);
        json.WriteString("version", node.Version);
        json.WriteStartObject("arch");
        json.WriteString("platform", chain.OS == "sequoia" ? "darwin" : "linux");
        json.WriteString("platform_os", chain.OS);
        json.WriteStartObject("target");
        json.WriteString("name", chain.Target);
        json.WriteString("vendor", chain.Vendor);
        Strings(json, "features", chain.Features);
        json.WriteNumber("generation", 0);
        Strings(json, "parents", chain.Parents);
        json.WriteString("cpupart", chain.Vendor == "ARM" ? "0xd40" : "");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("namespace", "builtin");
        Parameters(json, node);
        json.WriteString("package_hash", node.Hash.ToUpperInvariant() + node.Hash.Substring(0, 20).ToUpperInvariant() + "====");
        if (node.Edges.Count > 0)
        {
            json.WriteStartArray("dependencies");
            foreach (var edge in node.Edges)
            {
                json.WriteStartObject();
                json.WriteString("name", edge.Name);
                json.WriteString("hash", edge.Hash);
                json.WriteStartObject("parameters");
                Strings(json, "deptypes", Types(edge.Types));
                Strings(json, "virtuals", edge.Virtuals);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (node.External)
        {
            json.WriteStartObject("external");
            json.WriteString("path", "/usr");
            json.WriteNull("module");
            json.WriteStartObject("extra_attributes");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteStartObject("annotations");
        json.WriteNumber("original_specfile_version", 5);
        json.WriteEndObject();
        json.WriteString("hash", node.Hash);
    }

    private static void Parameters(Utf8JsonWriter json, GeneratedNode node)
    {
        json.WriteStartObject("parameters");
        if (!node.External)
        {
            json.WriteString("build_system", BuildSystems[node.Variant % BuildSystems.Length]);
            for (int i = 0; i < BoolVariants.Length; i++)
            {
                if ((node.Variant >> i & 3) != 0)
                {
                    json.WriteBoolean(BoolVariants[i], (node.Variant >> i & 1) == 1);
                }
            }

            if (node.Variant % 5 == 0)
            {
                Strings(json, "cuda_arch", new[] { "80", "90" });
            }

            if (node.Variant % 7 == 0)
            {
                Strings(json, "patches", new[] { node.Hash + node.Hash, new string('f', 64) });
            }
        }

        foreach (string flag in Flags)
        {
            Strings(json, flag, Array.Empty<string>());
        }

        json.WriteEndObject();
    }

    private static IEnumerable<string> Types(DependencyTypes types) =>
        new[] { (DependencyTypes.Build, "build"), (DependencyTypes.Link, "link"), (DependencyTypes.Run, "run"), (DependencyTypes.Test, "test") }
            .Where(t => (types & t.Item1) != 0).Select(t => t.Item2);

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
