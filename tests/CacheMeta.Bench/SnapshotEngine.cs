using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using CacheMeta.Index;
using CacheMeta.Index.Snapshot;
using CacheMeta.Query;
using CacheMeta.Sources;

namespace CacheMeta.Bench;

/// <summary>The spec reader on an index and on its snapshot, without PowerShell: where the time of row (ix) goes.</summary>
internal static class SnapshotEngine
{
    /// <summary>Writes the snapshot of <paramref name="file"/> to <paramref name="snapshotPath"/> (one whole read); its milliseconds.</summary>
    public static double Write(string file, string snapshotPath)
    {
        File.Delete(snapshotPath);
        var clock = Stopwatch.StartNew();
        Count(file, snapshotPath, "no-such-package");
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>How many specs match -Name <paramref name="name"/>, read from the snapshot when <paramref name="snapshotPath"/> is given.</summary>
    public static long Count(string file, string? snapshotPath, string name)
    {
        var query = new CompiledQuery(new SpecQuery { Name = new[] { name } });
        var snapshot = snapshotPath is null ? null : new IndexSnapshot(snapshotPath, Sha256(file)); // the cache knows it: not timed
        using var index = (LocalIndex.TryOpen(file, file) ?? throw new InvalidOperationException($"{file} does not exist.")).WithSnapshot(snapshot);
        return new IndexSpecReader(index, new IndexReadScope(null), query, NullSourceObserver.Instance).Read(CancellationToken.None).LongCount();
    }

    private static readonly System.Collections.Generic.Dictionary<string, byte[]> Sums = new();

    private static byte[] Sha256(string file)
    {
        if (!Sums.TryGetValue(file, out var sum))
        {
            using var stream = File.OpenRead(file);
            Sums[file] = sum = SHA256.HashData(stream);
        }

        return sum;
    }
}
