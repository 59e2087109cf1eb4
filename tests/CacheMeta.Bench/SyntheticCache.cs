using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CacheMeta.Pages;

namespace CacheMeta.Bench;

/// <summary>
/// Writes a deterministic synthetic page tree at public-cache scale: per tag, a few thousand packages whose
/// spec counts follow a heavy tail (most packages have a handful of specs, a few have hundreds), with stacks,
/// targets, operating systems, compilers and variants distributed as on the real pages. Pages are rendered
/// by the engine's own generator-exact writer, so the tree reads exactly like a site checkout.
/// </summary>
internal static class SyntheticCache
{
    private static readonly (string Stack, string Platform, string OS, string Target, string Compiler, int Weight)[] Stacks =
    {
        ("e4s", "linux", "ubuntu22.04", "x86_64_v3", "gcc@11.4.0", 22),
        ("e4s-neoverse_v1", "linux", "ubuntu22.04", "neoverse_v1", "gcc@11.4.0", 10),
        ("e4s-neoverse-v2", "linux", "ubuntu22.04", "neoverse_v2", "gcc@11.4.0", 8),
        ("e4s-oneapi", "linux", "ubuntu22.04", "x86_64_v3", "intel-oneapi-compilers@2024.2.1", 6),
        ("e4s-rocm-external", "linux", "ubuntu22.04", "x86_64_v3", "gcc@11.4.0", 4),
        ("e4s-cray-rhel", "linux", "rhel8", "zen4", "cce@18.0.0", 3),
        ("e4s-power", "linux", "ubuntu20.04", "ppc64le", "gcc@9.4.0", 3),
        ("aws-pcluster-neoverse_v1", "linux", "amzn2", "neoverse_v1", "gcc@7.3.1", 4),
        ("aws-pcluster-x86_64_v4", "linux", "amzn2", "x86_64_v4", "gcc@7.3.1", 4),
        ("ml-linux-x86_64-cpu", "linux", "ubuntu24.04", "x86_64_v3", "gcc@13.2.0", 7),
        ("ml-linux-x86_64-cuda", "linux", "ubuntu24.04", "x86_64_v3", "gcc@13.2.0", 7),
        ("ml-linux-x86_64-rocm", "linux", "ubuntu24.04", "x86_64_v3", "gcc@13.2.0", 3),
        ("ml-linux-aarch64-cpu", "linux", "ubuntu24.04", "aarch64", "gcc@13.2.0", 5),
        ("ml-linux-aarch64-cuda", "linux", "ubuntu24.04", "aarch64", "gcc@13.2.0", 5),
        ("ml-darwin-aarch64-mps", "darwin", "sequoia", "aarch64", "apple-clang@16.0.0", 5),
        ("radiuss", "linux", "ubuntu22.04", "x86_64_v3", "gcc@12.3.0", 4),
        ("data-vis-sdk", "linux", "ubuntu22.04", "x86_64_v3", "gcc@11.4.0", 3),
        ("developer-tools", "linux", "ubuntu22.04", "x86_64_v3", "gcc@11.4.0", 3),
        ("build_systems", "linux", "ubuntu22.04", "x86_64_v3", "gcc@11.4.0", 2),
        ("hep", "linux", "ubuntu22.04", "x86_64_v3", "gcc@13.2.0", 2),
        ("windows-vis", "windows", "windows10.0.20348", "x86_64", "msvc@19.40.33811", 1),
    };

    private static readonly string[] Prefixes = { "py-", "r-", "perl-", "lib", "", "", "", "", "", "" };
    private static readonly string[] Words = { "alpha", "bolt", "cairo", "delta", "ember", "flux", "gamma", "helix", "ion", "jet",
        "kite", "lumen", "mesa", "nova", "orbit", "pulse", "quark", "ray", "sigma", "tensor", "umbra", "vortex", "wave", "xeno", "yarn", "zephyr" };
    private static readonly string[] BoolVariants = { "shared", "mpi", "cuda", "rocm", "openmp", "python", "fortran", "ipo", "pic", "static",
        "docs", "examples", "tests", "threads", "zlib", "hdf5", "netcdf", "blas", "lapack", "ssl" };
    private static readonly string[] BuildSystems = { "cmake", "autotools", "python_pip", "makefile", "meson", "generic" };

    /// <summary>Writes <paramref name="tags"/> tags of <paramref name="specsPerTag"/> specs over <paramref name="pagesPerTag"/> pages.</summary>
    public static (int Pages, long Specs, long Bytes) Write(string root, int tags, int pagesPerTag, int specsPerTag, int seed)
    {
        var random = new Random(seed);
        int[] sizes = HeavyTail(pagesPerTag, specsPerTag);
        string[] names = Enumerable.Range(0, pagesPerTag).Select(i => PackageName(i, random)).ToArray();
        int pages = 0;
        long specs = 0, bytes = 0;
        for (int t = 0; t < tags; t++)
        {
            string tag = t == 0 ? "develop" : $"develop-2025-{(t - 1) / 4 + 1:d2}-{(t - 1) % 4 * 7 + 2:d2}";
            var tagRandom = new Random(seed * 31 + t);
            for (int p = 0; p < pagesPerTag; p++)
            {
                var records = Package(names[p], tag, sizes[p], p, tagRandom);
                byte[] page = Encoding.UTF8.GetBytes(PageWriter.Render(names[p], tag, records));
                string folder = Path.Combine(root, "_cache", tag, names[p]);
                Directory.CreateDirectory(folder);
                File.WriteAllBytes(Path.Combine(folder, "specs.md"), page);
                pages++;
                specs += records.Count;
                bytes += page.Length;
            }
        }

        return (pages, specs, bytes);
    }

    // Spec counts per package: a power law scaled so they sum to the total exactly.
    private static int[] HeavyTail(int packages, int total)
    {
        double[] weights = Enumerable.Range(0, packages).Select(i => 1.0 / Math.Pow(i + 8, 0.85)).ToArray();
        double scale = (total - packages) / weights.Sum();
        int[] sizes = weights.Select(w => 1 + (int)(w * scale)).ToArray();
        for (int i = 0, missing = total - sizes.Sum(); missing > 0; i = (i + 1) % packages, missing--)
        {
            sizes[i]++;
        }

        return sizes;
    }

    private static string PackageName(int i, Random random) =>
        Prefixes[random.Next(Prefixes.Length)] + Words[i % Words.Length] + "-" + Words[(i / Words.Length) % Words.Length] + (i / (Words.Length * Words.Length) == 0 ? "" : (i / (Words.Length * Words.Length)).ToString());

    private static List<CacheSpec> Package(string name, string tag, int count, int index, Random random)
    {
        // A package has one or two versions and a variant set of its own; its specs differ in stack and a few variants.
        string[] versions = { $"{1 + index % 9}.{index % 13}.{index % 5}", $"{1 + index % 9}.{index % 13 + 1}.0" };
        string buildSystem = "build_system=" + BuildSystems[index % BuildSystems.Length];
        string[] own = BoolVariants.OrderBy(_ => random.Next()).Take(3 + index % 14).OrderBy(v => v, StringComparer.Ordinal).ToArray();
        // Real pages hold one to a few variant configurations per package (the corpus: 1-3), not one per spec.
        var configurations = Enumerable.Range(0, 1 + Math.Min(count / 40, 4))
            .Select(_ => own.Select(v => (random.Next(3) == 0 ? "~" : "+") + v).Append(buildSystem).ToArray())
            .ToArray();
        var specs = new List<CacheSpec>(count);
        int totalWeight = Stacks.Sum(s => s.Weight);
        for (int i = 0; i < count; i++)
        {
            var stack = Pick(random.Next(totalWeight));
            var stacks = new List<string> { "root", stack.Stack };
            if (random.Next(5) == 0)
            {
                var second = Pick(random.Next(totalWeight));
                if (second.Stack != stack.Stack && second.Target == stack.Target)
                {
                    stacks.Add(second.Stack);
                }
            }

            var variants = configurations[random.Next(configurations.Length)];
            specs.Add(new CacheSpec(name, tag, Hash(random), new[] { versions[random.Next(4) == 0 ? 1 : 0] }, stack.Compiler,
                stack.OS, stack.Platform, stack.Target, variants, stacks, null, null, null));
        }

        return specs;
    }

    private static (string Stack, string Platform, string OS, string Target, string Compiler, int Weight) Pick(int ticket)
    {
        foreach (var stack in Stacks)
        {
            if ((ticket -= stack.Weight) < 0)
            {
                return stack;
            }
        }

        return Stacks[0];
    }

    private static string Hash(Random random)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var chars = new char[32];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }
}
