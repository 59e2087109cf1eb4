using System;
using System.Collections.Generic;
using System.Linq;

namespace CacheMeta.Tests.Support.Generated;

/// <summary>What a generated index should hold, and what is planted in it.</summary>
internal sealed class GeneratorOptions
{
    /// <summary>Package specs (besides the toolchain records: compilers, glibc, gcc-runtime, compiler-wrapper).</summary>
    public int Specs { get; init; } = 300;

    public int Seed { get; init; } = 1;

    /// <summary>Edges planted to hashes that no record has.</summary>
    public int MissingEdges { get; init; }

    /// <summary>Package specs whose record says <c>in_buildcache: false</c>, so their link/run dependents cannot install.</summary>
    public int NotInCache { get; init; }

    /// <summary>Not-in-cache build tools that specs reach only through build edges (not faults).</summary>
    public int BuildOnlyTools { get; init; }
}

/// <summary>One edge of a generated node, as the index writes it.</summary>
internal sealed record GeneratedEdge(string Name, string Hash, DependencyTypes Types, string[] Virtuals);

/// <summary>One record of a generated index.</summary>
internal sealed class GeneratedNode
{
    public required string Hash { get; init; }
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required Toolchain Toolchain { get; init; }
    public bool InBuildcache { get; set; } = true;
    public bool External { get; init; }
    public List<GeneratedEdge> Edges { get; } = new();
    public string[] Provides { get; init; } = Array.Empty<string>();
    public int Variant { get; init; }
}

/// <summary>A platform, OS, target and compiler a part of the cache is built with.</summary>
internal sealed record Toolchain(string OS, string Target, string Vendor, string[] Parents, string[] Features, string Compiler, string CompilerVersion);

/// <summary>
/// A Spack 1.x build-cache index (database 8, spec v5 nodes) generated from a seed: specs with object targets,
/// compilers as build edges to external compiler records, gcc-runtime and compiler-wrapper nodes, glibc as an
/// external <c>libc</c>, link/run dependencies between packages (some through virtuals such as <c>mpi</c>), records
/// in random order so dependencies often come after their dependents, and planted missing and not-in-cache
/// dependencies. <see cref="Nodes"/> is the model the tests compute expected answers from; <see cref="GeneratedIndexWriter"/>
/// writes the JSON.
/// </summary>
internal sealed class GeneratedIndex
{
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    private static readonly Toolchain[] Toolchains =
    {
        new("ubuntu24.04", "x86_64_v3", "generic", new[] { "x86_64_v2" },
            new[] { "mmx", "sse", "sse2", "ssse3", "sse4_1", "sse4_2", "popcnt", "cx16", "lahf_lm", "avx", "fma", "avx2", "bmi1", "bmi2", "f16c", "movbe", "abm", "xsave" },
            "gcc", "13.3.0"),
        new("ubuntu22.04", "neoverse_v1", "ARM", new[] { "neoverse_n1", "armv8.4a" },
            new[] { "fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32", "atomics", "fphp", "asimdhp", "cpuid", "asimdrdm", "jscvt", "fcma", "lrcpc", "dcpop", "sha3", "sm3", "sm4", "asimddp", "sha512", "sve", "asimdfhm", "dit", "uscat", "ilrcpc", "flagm", "ssbs", "paca", "pacg", "dcpodp", "svei8mm", "svebf16", "i8mm", "bf16", "dgh", "rng" },
            "gcc", "11.4.0"),
        new("sequoia", "m1", "Apple", new[] { "armv8.4a" }, new[] { "fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32", "atomics", "fphp", "asimdhp" },
            "llvm", "19.1.7"),
    };

    private static readonly string[] Words = { "alpha", "bolt", "cairo", "delta", "ember", "flux", "gamma", "helix", "ion", "jet", "kite",
        "lumen", "mesa", "nova", "orbit", "pulse", "quark", "ray", "sigma", "tensor", "umbra", "vortex", "wave", "xeno", "yarn", "zephyr" };
    private static readonly string[] Prefixes = { "py-", "r-", "lib", "", "", "" };
    private static readonly string[] Virtuals = { "mpi", "blas", "lapack", "zlib-api", "jpeg" };

    private readonly Random _random;

    private GeneratedIndex(GeneratorOptions options)
    {
        Options = options;
        _random = new Random(options.Seed);
    }

    public GeneratorOptions Options { get; }

    /// <summary>Every record in the order the index writes them (shuffled).</summary>
    public IReadOnlyList<GeneratedNode> Nodes { get; private set; } = Array.Empty<GeneratedNode>();

    /// <summary>The planted hashes that no record has.</summary>
    public IReadOnlyList<string> MissingHashes { get; private set; } = Array.Empty<string>();

    private Dictionary<string, GeneratedNode>? _byHash;

    /// <summary>The record with this hash; null when none has it.</summary>
    public GeneratedNode? Find(string hash) =>
        (_byHash ??= Nodes.ToDictionary(n => n.Hash, StringComparer.Ordinal)).TryGetValue(hash, out var node) ? node : null;

    public static GeneratedIndex Create(GeneratorOptions options)
    {
        var index = new GeneratedIndex(options);
        index.Build();
        return index;
    }

    public string NewHash()
    {
        Span<char> chars = stackalloc char[32];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = Base32[_random.Next(32)];
        }

        return new string(chars);
    }

    private void Build()
    {
        var nodes = new List<GeneratedNode>();
        var chains = new Dictionary<Toolchain, (GeneratedNode Compiler, GeneratedNode Libc, GeneratedNode Runtime, GeneratedNode Wrapper)>();
        foreach (var chain in Toolchains)
        {
            var compiler = Node(chain.Compiler, chain.CompilerVersion, chain, inCache: false, external: true);
            var libc = Node("glibc", chain.OS.StartsWith("ubuntu24", StringComparison.Ordinal) ? "2.39" : "2.35", chain, inCache: false, external: true);
            var runtime = Node(chain.Compiler + "-runtime", chain.CompilerVersion, chain);
            runtime.Edges.Add(Edge(libc, DependencyTypes.Link, "libc"));
            var wrapper = Node("compiler-wrapper", "1.0", chain);
            chains[chain] = (compiler, libc, runtime, wrapper);
            nodes.AddRange(new[] { compiler, libc, runtime, wrapper });
        }

        var tools = Enumerable.Range(0, Options.BuildOnlyTools)
            .Select(i => Node("tool-" + Words[i % Words.Length], "3." + i, Toolchains[i % Toolchains.Length], inCache: false)).ToList();
        nodes.AddRange(tools);

        string[] names = Enumerable.Range(0, Math.Max(1, Options.Specs / 3))
            .Select(i => Prefixes[_random.Next(Prefixes.Length)] + Words[i % Words.Length] + (i < Words.Length ? "" : "-" + (i / Words.Length))).ToArray();
        var specs = new List<GeneratedNode>();
        var byChain = Toolchains.ToDictionary(c => c, _ => new List<GeneratedNode>());
        for (int i = 0; i < Options.Specs; i++)
        {
            var chain = Toolchains[_random.Next(Toolchains.Length)];
            var (compiler, libc, runtime, wrapper) = chains[chain];
            string[] provides = _random.Next(8) == 0 ? new[] { Virtuals[_random.Next(Virtuals.Length)] } : Array.Empty<string>();
            var spec = Node(names[_random.Next(names.Length)], $"{_random.Next(1, 6)}.{_random.Next(20)}.{_random.Next(5)}", chain,
                provides: provides, variant: _random.Next(1 << 10));
            spec.Edges.Add(Edge(wrapper, DependencyTypes.Build));
            spec.Edges.Add(Edge(compiler, DependencyTypes.Build, _random.Next(4) == 0 ? new[] { "c", "cxx", "fortran" } : new[] { "c", "cxx" }));
            spec.Edges.Add(Edge(runtime, DependencyTypes.Link));
            spec.Edges.Add(Edge(libc, DependencyTypes.Link, "libc"));
            var earlier = byChain[chain];
            int wanted = Math.Min(earlier.Count, _random.Next(3, 9));
            var chosen = new HashSet<int>();
            while (chosen.Count < wanted)
            {
                chosen.Add(_random.Next(earlier.Count));
            }

            foreach (var dependency in chosen.OrderBy(j => j).Select(j => earlier[j]))
            {
                var types = _random.Next(10) switch { < 6 => DependencyTypes.Link, < 8 => DependencyTypes.Run, 8 => DependencyTypes.Link | DependencyTypes.Run, _ => DependencyTypes.Build };
                spec.Edges.Add(Edge(dependency, types, dependency.Provides));
            }

            if (tools.Count > 0 && _random.Next(3) == 0)
            {
                spec.Edges.Add(Edge(tools[_random.Next(tools.Count)], DependencyTypes.Build));
            }

            specs.Add(spec);
            earlier.Add(spec);
        }

        foreach (var hole in specs.OrderBy(_ => _random.Next()).Take(Options.NotInCache))
        {
            hole.InBuildcache = false;
        }

        var missing = new List<string>();
        foreach (var spec in specs.OrderBy(_ => _random.Next()).Take(Options.MissingEdges))
        {
            string hash = NewHash();
            missing.Add(hash);
            spec.Edges.Insert(_random.Next(spec.Edges.Count + 1),
                new GeneratedEdge("lost-" + Words[missing.Count % Words.Length], hash, _random.Next(2) == 0 ? DependencyTypes.Link : DependencyTypes.Build, Array.Empty<string>()));
        }

        nodes.AddRange(specs);
        Nodes = nodes.OrderBy(_ => _random.Next()).ToList();
        MissingHashes = missing;
    }

    private GeneratedNode Node(string name, string version, Toolchain chain, bool inCache = true, bool external = false,
        string[]? provides = null, int variant = 0) =>
        new() { Hash = NewHash(), Name = name, Version = version, Toolchain = chain, InBuildcache = inCache, External = external,
            Provides = provides ?? Array.Empty<string>(), Variant = variant };

    private static GeneratedEdge Edge(GeneratedNode to, DependencyTypes types, params string[] virtuals) => new(to.Name, to.Hash, types, virtuals);
}
