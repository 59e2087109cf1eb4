using System;
using System.Globalization;
using System.IO;
using System.Linq;
using CacheMeta.Bench;
using CacheMeta.Tests.Support.Generated;

// build.ps1 -Task Bench drives this tool:
//   generate <root> <tags> <pagesPerTag> <specsPerTag> <seed>   writes the synthetic tree (skipped when a stamp says it is there)
//   floor <folder> <threads> <repetitions> [warmUp]               prints the median floor time in ms
//   index <mirror> <specs> <seed>                                 writes <mirror>/build_cache/index.json, a Spack 1.x index
//   indexes <root> <specs> <seed>                                 writes a tag's root and stack indexes and catalog.json (reused when a stamp says so)
//   index-floor <file> <repetitions> <warmUp>                     prints the median time of one Utf8JsonReader pass in ms
//   snapshot-engine <file> <snapshot> <repetitions> <warmUp>      -Name 'py-*' through the spec reader from the JSON and from its snapshot
//   snapshot-formats <file> <folder> <repetitions> <warmUp>       the index snapshot's candidate formats: write time, size, repeated py-* read
//   serve <root>                                                  serves the files under root on 127.0.0.1 until stdin closes
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

    case "index":
    {
        string file = Path.Combine(args[1], "build_cache", "index.json");
        int specs = int.Parse(args[2], CultureInfo.InvariantCulture), seed = int.Parse(args[3], CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var index = GeneratedIndex.Create(new GeneratorOptions { Specs = specs, Seed = seed, MissingEdges = specs / 1000, NotInCache = specs / 500, BuildOnlyTools = 20 });
        using (var stream = File.Create(file))
        {
            GeneratedIndexWriter.Write(index, stream);
        }

        Console.WriteLine($"{file}: {index.Nodes.Count} records, {index.Nodes.Sum(n => n.Edges.Count)} edges, {new FileInfo(file).Length} bytes");
        return 0;
    }

    case "indexes":
        Console.WriteLine(IndexCatalog.Write(args[1], Number(args[2]), Number(args[3])));
        return 0;

    case "index-floor":
    {
        var (ms, tokens) = Median(() => IndexFloor.Measure(args[1]), Number(args[2]), Number(args[3]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ms:0.0} {tokens}"));
        return 0;
    }

    case "snapshot-engine":
    {
        // snapshot-engine <file> <snapshot> <repetitions> <warmUp>: -Name 'py-*' through the spec reader, from the JSON and from the snapshot.
        string file = args[1], snapshot = args[2];
        double write = SnapshotEngine.Write(file, snapshot);
        var json = Median(() => Timed(() => SnapshotEngine.Count(file, null, "py-*")), Number(args[3]), Number(args[4]));
        var fromSnapshot = Median(() => Timed(() => SnapshotEngine.Count(file, snapshot, "py-*")), Number(args[3]), Number(args[4]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"write {write:0.0} ms, {new FileInfo(snapshot).Length} bytes; py-* json {json.Milliseconds:0.0} ms, snapshot {fromSnapshot.Milliseconds:0.0} ms, {fromSnapshot.Count} specs"));
        return 0;
    }

    case "snapshot-formats":
        // snapshot-formats <file> <folder> <repetitions> <warmUp>: own layout vs MessagePack vs SQLite for the index snapshot.
        Console.WriteLine(CacheMeta.Bench.Formats.SnapshotFormats.Run(args[1], args[2], Number(args[3]), Number(args[4])));
        return 0;

    case "serve":
    {
        // The files in memory (an index is read whole by every client anyway), with ETags, so a client's cache revalidates.
        using var server = new CacheMeta.Tests.Support.FixtureServer();
        string root = Path.GetFullPath(args[1]);
        foreach (string file in Directory.GetFiles(root, "*", SearchOption.AllDirectories))
        {
            byte[] body = File.ReadAllBytes(file);
            string etag = "\"" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body), 0, 8) + "\"";
            server.Serve(Path.GetRelativePath(root, file).Replace('\\', '/'), body, etag);
        }

        Console.WriteLine(server.BaseUrl);
        Console.In.ReadToEnd();
        return 0;
    }

    default:
        Console.Error.WriteLine("usage: generate <root> <tags> <pagesPerTag> <specsPerTag> <seed> | floor <folder> <threads> <repetitions> | index <mirror> <specs> <seed> | indexes <root> <specs> <seed> | index-floor <file> <repetitions> <warmUp> | snapshot-engine <file> <snapshot> <repetitions> <warmUp> | snapshot-formats <file> <folder> <repetitions> <warmUp> | serve <root>");
        return 2;
}

static (double Milliseconds, long Count) Timed(Func<long> run)
{
    var clock = System.Diagnostics.Stopwatch.StartNew();
    long count = run();
    return (clock.Elapsed.TotalMilliseconds, count);
}

static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);

// Warm-up runs (file cache, the JIT's instrumented tiers), then the median of the timed ones and the last count.
static (double Milliseconds, long Count) Median(Func<(double Milliseconds, long Count)> run, int repetitions, int warmUp)
{
    for (int i = 0; i < warmUp; i++)
    {
        run();
    }

    var runs = Enumerable.Range(0, repetitions).Select(_ => run()).ToList();
    var times = runs.Select(r => r.Milliseconds).OrderBy(t => t).ToList();
    return (times[times.Count / 2], runs[^1].Count);
}
