using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Sources;

namespace CacheMeta.Bench;

/// <summary>The engine alone answering (a): the page tree read with the query, no PowerShell around it.</summary>
internal static class EngineRead
{
    public static (double Milliseconds, long Specs) Measure(string root, int threads)
    {
        var query = new CompiledQuery(new SpecQuery { Stack = new[] { "e4s" }, Target = new[] { "x86_64_v3" } });
        var options = new PageReadOptions { MaxParallelism = threads };
        var clock = Stopwatch.StartNew();
        long specs = new PageTreeSource(new[] { root }).Read(query, options, System.Threading.CancellationToken.None)
            .Sum(r => (long)(r.Page?.Specs.Count ?? 0));
        return (clock.Elapsed.TotalMilliseconds, specs);
    }
}

internal static class EngineExperiment
{
    public static void Run(string root)
    {
        var query = new CompiledQuery(new SpecQuery { Stack = new[] { "e4s" }, Target = new[] { "x86_64_v3" } });
        var files = PageFiles.Find(root, query).ToArray();
        // Allocation of one mid-size page parsed repeatedly, and of reading the file.
        var sample = files.OrderBy(f => new System.IO.FileInfo(f).Length).ElementAt(files.Length / 2);
        var bytes = System.IO.File.ReadAllBytes(sample);
        var parser = new PageParser(query, false);
        for (int k = 0; k < 3; k++)
        {
            long b0 = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++) parser.Parse(bytes, sample);
            long b1 = GC.GetAllocatedBytesForCurrentThread();
            var r = parser.Parse(bytes, sample);
            Console.WriteLine($"page {bytes.Length} bytes, {r.Page?.EntryCount} entries, {r.Page?.Specs.Count} matches: Parse {(b1 - b0) / 1000} B/page");
        }
        var names = new[] { "enumerate", "ReadFiles(1)", "ReadFiles(2)", "TreeSource(2)", "floor1", "floor2" };
        var samples = names.ToDictionary(n => n, _ => new List<double>());
        for (int round = 0; round < 14; round++)
        {
            var clock = Stopwatch.StartNew();
            PageFiles.Find(root, query).ToList();
            var times = new List<double> { clock.Elapsed.TotalMilliseconds };
            foreach (int threads in new[] { 1, 2 })
            {
                clock.Restart();
                PageReader.ReadFiles(files, query, new PageReadOptions { MaxParallelism = threads }).Sum(r => (long)(r.Page?.Specs.Count ?? 0));
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            clock.Restart();
            var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            new PageTreeSource(new[] { root }).Read(query, new PageReadOptions { MaxParallelism = 2 }, System.Threading.CancellationToken.None).Sum(r => (long)(r.Page?.Specs.Count ?? 0));
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (round >= 10) Console.Write($"cpu {(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds:0} wall {times[^1]:0}; ");
            times.Add(Floor.Measure(root, 1).Milliseconds);
            times.Add(Floor.Measure(root, 2).Milliseconds);
            if (round >= 4)
            {
                for (int i = 0; i < names.Length; i++) samples[names[i]].Add(times[i]);
            }
        }

        Console.WriteLine(string.Join("; ", names.Select(n => $"{n} {samples[n].OrderBy(x => x).ElementAt(samples[n].Count / 2):0}")));
    }
}

internal static class EngineCold
{
    public static void Run(string root)
    {
        var times = new System.Collections.Generic.List<string>();
        for (int i = 0; i < 12; i++)
        {
            times.Add(EngineRead.Measure(root, 2).Milliseconds.ToString("0"));
        }

        Console.WriteLine("engine cold runs: " + string.Join(" ", times));
    }
}
