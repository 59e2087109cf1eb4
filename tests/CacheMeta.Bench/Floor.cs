using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace CacheMeta.Bench;

/// <summary>
/// The floor: list the page files, read them and run System.Text.Json's reader over their meta and
/// spec_details values, building nothing. No page reader that parses the JSON can beat this on the same threads.
/// </summary>
internal static class Floor
{
    public static (double Milliseconds, long Tokens) Measure(string root, int threads)
    {
        // Finding the files is part of reading them: the runtime's own recursive listing, then the parse.
        var clock = Stopwatch.StartNew();
        string[] files = Directory.GetFiles(root, "specs.md", SearchOption.AllDirectories);
        long tokens = 0;
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => 0L,
            (file, _, count) => count + CountTokens(File.ReadAllBytes(file)),
            count => System.Threading.Interlocked.Add(ref tokens, count));
        return (clock.Elapsed.TotalMilliseconds, tokens);
    }

    private static long CountTokens(byte[] page)
    {
        long count = 0;
        ReadOnlySpan<byte> rest = page;
        while (rest.Length > 0)
        {
            int end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest.Slice(0, end);
            rest = end < 0 ? default : rest.Slice(end + 1);
            int start = line.StartsWith("meta: "u8) ? 6 : line.StartsWith("spec_details: "u8) ? 14 : -1;
            if (start > 0)
            {
                var reader = new Utf8JsonReader(line.Slice(start));
                while (reader.Read())
                {
                    count++;
                }
            }
        }

        return count;
    }
}
