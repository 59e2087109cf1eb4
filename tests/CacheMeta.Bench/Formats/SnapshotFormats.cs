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
        var results = new List<(string Name, double Write, long Bytes, double Read, int Count)>();
        foreach (ICandidateFormat candidate in new ICandidateFormat[] { new OwnLayoutCandidate(), new MessagePackCandidate(), new SqliteCandidate() })
        {
            string path = Path.Combine(folder, candidate.GetType().Name + ".bin");
            var clock = Stopwatch.StartNew();
            candidate.Write(rows, path);
            double write = clock.Elapsed.TotalMilliseconds;
            for (int i = 0; i < warmUp; i++)
            {
                candidate.ReadPy(path);
            }

            var reads = new List<double>();
            int count = 0;
            for (int i = 0; i < repetitions; i++)
            {
                clock.Restart();
                count = candidate.ReadPy(path);
                reads.Add(clock.Elapsed.TotalMilliseconds);
            }

            reads.Sort();
            results.Add((candidate.Name, write, new FileInfo(path).Length, reads[reads.Count / 2], count));
        }

        if (results.Select(r => r.Count).Distinct().Count() != 1)
        {
            throw new InvalidOperationException("The candidates counted different py-* specs: " + string.Join(", ", results.Select(r => r.Count)));
        }

        var own = results[0];
        return string.Join(Environment.NewLine, results.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Name,-40} write {r.Write,8:0} ms ({r.Write / own.Write:0.00}x)  size {r.Bytes / 1048576.0,6:0.0} MB ({(double)r.Bytes / own.Bytes:0.00}x)  py-* {r.Read,7:0.0} ms ({r.Read / own.Read:0.00}x)  {r.Count} specs")));
    }
}
