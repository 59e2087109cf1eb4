using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using CacheMeta.Tests.Support.Generated;

namespace CacheMeta.Bench;

/// <summary>
/// The index side of the benchmark: one tag of a public-scale build cache as a catalog serves it. A root index of every
/// record (database 8, Spack 1.x nodes, records in random order) and three stack indexes, each a subset of the root's
/// records with the toolchain records they build with, all in the v2 layout (<c>build_cache/index.json</c> and its
/// <c>.hash</c>) so every reading of them is over the same uncompressed bytes the floor reads.
/// </summary>
internal static class IndexCatalog
{
    /// <summary>The stacks of the catalog's one tag, and which share of the root's package specs each holds.</summary>
    public static readonly (string Label, int Modulus, int Remainder)[] Stacks = { ("e4s", 4, 0), ("hpc", 4, 1), ("ml", 5, 2) };

    public const string Tag = "develop";

    /// <summary>Writes the tree (skipped when a stamp says it is there); returns the stamp's line.</summary>
    public static string Write(string root, int specs, int seed)
    {
        string stamp = Path.Combine(root, "generated.txt");
        string expected = $"indexes=1 specs={specs} seed={seed}";
        if (File.Exists(stamp) && File.ReadAllText(stamp).StartsWith(expected, StringComparison.Ordinal))
        {
            return File.ReadAllText(stamp).Trim();
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var index = GeneratedIndex.Create(new GeneratorOptions { Specs = specs, Seed = seed, MissingEdges = specs / 1000, NotInCache = specs / 500, BuildOnlyTools = 20 });
        long bytes = Mirror(Path.Combine(root, Tag), index, _ => true);
        var toolchain = new HashSet<string>(index.Nodes.Where(n => n.Variant == 0).Select(n => n.Hash), StringComparer.Ordinal);
        var catalog = new List<string> { $"{{\"label\": \"root\", \"url\": \"{Tag}\"}}" };
        foreach (var (label, modulus, remainder) in Stacks)
        {
            // Toolchain records (compilers, runtimes, glibc, tools: variant 0) are in every stack, as in the real ones.
            Mirror(Path.Combine(root, Tag, label), index, n => toolchain.Contains(n.Hash) || Bucket(n.Hash, modulus) == remainder);
            catalog.Add($"{{\"label\": \"{label}\", \"url\": \"{Tag}/{label}\"}}");
        }

        File.WriteAllText(Path.Combine(root, "catalog.json"), $"{{\"{Tag}\": [{string.Join(", ", catalog)}]}}\n");
        string line = $"{expected} -> {index.Nodes.Count} records, {index.Nodes.Sum(n => n.Edges.Count)} edges, {bytes} bytes in the root index";
        File.WriteAllText(stamp, line + "\n");
        return line;
    }

    /// <summary>The root index file of a tree written by <see cref="Write"/>.</summary>
    public static string RootIndex(string root) => Path.Combine(root, Tag, "build_cache", "index.json");

    private static int Bucket(string hash, int modulus) => (hash[0] + hash[1] * 31) % modulus;

    private static long Mirror(string folder, GeneratedIndex index, Func<GeneratedNode, bool> include)
    {
        string file = Path.Combine(folder, "build_cache", "index.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using (var stream = File.Create(file))
        {
            GeneratedIndexWriter.Write(index, stream, include);
        }

        using (var stream = File.OpenRead(file))
        {
            File.WriteAllText(file + ".hash", Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant());
        }

        return new FileInfo(file).Length;
    }
}
