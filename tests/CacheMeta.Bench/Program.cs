using System;
using System.Globalization;
using System.IO;
using System.Linq;
using CacheMeta.Bench;

// build.ps1 -Task Bench drives this tool:
//   generate <root> <tags> <pagesPerTag> <specsPerTag> <seed>   writes the synthetic tree (skipped when a stamp says it is there)
//   floor <folder> <threads> <repetitions> [warmUp]               prints the median floor time in ms
switch (args.FirstOrDefault())
{
    case "generate":
    {
        string root = args[1];
        int tags = int.Parse(args[2], CultureInfo.InvariantCulture), pages = int.Parse(args[3], CultureInfo.InvariantCulture);
        int specs = int.Parse(args[4], CultureInfo.InvariantCulture), seed = int.Parse(args[5], CultureInfo.InvariantCulture);
        string stamp = Path.Combine(root, "generated.txt");
        // The generator's own version is part of the stamp: a changed generator writes the tree anew.
        string expected = $"generator=2 tags={tags} pages={pages} specs={specs} seed={seed}";
        if (File.Exists(stamp) && File.ReadAllText(stamp).StartsWith(expected, StringComparison.Ordinal))
        {
            Console.WriteLine(File.ReadAllText(stamp).Trim());
            return 0;
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var (written, total, bytes) = SyntheticCache.Write(root, tags, pages, specs, seed);
        File.WriteAllText(stamp, $"{expected} -> {written} pages, {total} specs, {bytes} bytes\n");
        Console.WriteLine(File.ReadAllText(stamp).Trim());
        return 0;
    }

    case "floor":
    {
        string folder = args[1];
        int threads = int.Parse(args[2], CultureInfo.InvariantCulture), repetitions = int.Parse(args[3], CultureInfo.InvariantCulture);
        int warmUp = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1;
        for (int i = 0; i < warmUp; i++)
        {
            Floor.Measure(folder, threads); // file cache, and the JIT's instrumented tiers (see Invoke-Benchmark.ps1)
        }

        var runs = Enumerable.Range(0, repetitions).Select(_ => Floor.Measure(folder, threads)).ToList();
        var times = runs.Select(r => r.Milliseconds).OrderBy(t => t).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{times[times.Count / 2]:0.0} {runs[0].Tokens}"));
        return 0;
    }

    default:
        Console.Error.WriteLine("usage: generate <root> <tags> <pagesPerTag> <specsPerTag> <seed> | floor <folder> <threads> <repetitions>");
        return 2;
}
