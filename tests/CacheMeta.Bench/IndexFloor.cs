using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;

namespace CacheMeta.Bench;

/// <summary>
/// The floor of an index reading: one thread streams the file through System.Text.Json's reader, token by token,
/// building nothing. Any reader that parses the index as JSON on one thread does at least this much work.
/// </summary>
internal static class IndexFloor
{
    public static (double Milliseconds, long Tokens) Measure(string file)
    {
        var clock = Stopwatch.StartNew();
        long tokens = Pass(file);
        return (clock.Elapsed.TotalMilliseconds, tokens);
    }

    private static long Pass(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        var state = new JsonReaderState();
        long tokens = 0;
        int kept = 0;
        while (true)
        {
            int read = stream.Read(buffer, kept, buffer.Length - kept);
            int length = kept + read;
            var reader = new Utf8JsonReader(buffer.AsSpan(0, length), isFinalBlock: read == 0, state);
            while (reader.Read())
            {
                tokens++;
            }

            if (read == 0)
            {
                return tokens;
            }

            int consumed = (int)reader.BytesConsumed;
            kept = length - consumed;
            Buffer.BlockCopy(buffer, consumed, buffer, 0, kept);
            state = reader.CurrentState;
        }
    }
}
