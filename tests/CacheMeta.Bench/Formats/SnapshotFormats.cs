using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace CacheMeta.Bench.Formats;

/// <summary>
/// snapshot-formats: the candidate stored formats for the index snapshot, in one run and so on the same machine load:
/// write time, size, and the median time of a repeated -Name 'py-*' (read, check, decode every value of the matches),
/// each also as a ratio to the layout the engine keeps. Every candidate must count the same specs.
/// </summary>
internal static class SnapshotFormats
{
    public static string Run(string file, string folder, int repetitions, int warmUp)
    {
        Directory.CreateDirectory(folder);
        var rows = FormatRows.Read(file);
        var candidates = new ICandidateFormat[] { new OwnLayoutCandidate(), new MessagePackCandidate(), new SqliteCandidate() };
        var paths = candidates.Select(c => Path.Combine(folder, c.GetType().Name + ".bin")).ToArray();
        var writes = new double[candidates.Length];
        var clock = Stopwatch.StartNew();
        for (int c = 0; c < candidates.Length; c++)
        {
            clock.Restart();
            candidates[c].Write(rows, paths[c]);
            writes[c] = clock.Elapsed.TotalMilliseconds;
        }

        // The reads take turns, so a change of the machine's load falls on every candidate alike.
        var reads = candidates.Select(_ => new List<double>()).ToArray();
        var counts = new int[candidates.Length];
        for (int round = 0; round < warmUp + repetitions; round++)
        {
            for (int c = 0; c < candidates.Length; c++)
            {
                clock.Restart();
                counts[c] = candidates[c].ReadPy(paths[c]);
                if (round >= warmUp)
                {
                    reads[c].Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        var results = candidates.Select((c, i) => (c.Name, Write: writes[i], Bytes: new FileInfo(paths[i]).Length,
            Read: reads[i].OrderBy(t => t).ElementAt(reads[i].Count / 2), Count: counts[i])).ToList();
        if (results.Select(r => r.Count).Distinct().Count() != 1)
        {
            throw new InvalidOperationException("The candidates counted different py-* specs: " + string.Join(", ", results.Select(r => r.Count)));
        }

        var own = results[0];
        return string.Join(Environment.NewLine, results.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Name,-40} write {r.Write,8:0} ms ({r.Write / own.Write:0.00}x)  size {r.Bytes / 1048576.0,6:0.0} MB ({(double)r.Bytes / own.Bytes:0.00}x)  py-* {r.Read,7:0.0} ms ({r.Read / own.Read:0.00}x)  {r.Count} specs")));
    }
}
