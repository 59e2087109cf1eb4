using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CacheMeta.Index;
using CacheMeta.Index.Snapshot;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tests.Index.Snapshot;
using CacheMeta.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace CacheMeta.Tests.Fuzzing;

/// <summary>
/// The index snapshot under the mutation fuzzer. For fuzzed indexes, the read that writes the snapshot and every read
/// from it give what the JSON gives (and an index the JSON reading rejects leaves no snapshot). Fuzzed snapshot files
/// are never trusted: only the very bytes written pass the check; and files whose checksum is made to match again
/// after the mutation (as a crafted file would) are either refused by the structural check or read without failing.
/// </summary>
[Trait("Category", "Fuzz")]
[Collection(FuzzCollection.Name)]
public sealed class SnapshotFuzzTests : IDisposable
{
    private const int Seed = 20251202;
    private const int MinimumInputs = 51;
    private static readonly byte[] Sha = new byte[32];
    private readonly ITestOutputHelper _output;
    private readonly TempTree _tree = new();

    public SnapshotFuzzTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _tree.Dispose();

    private static readonly string[] Queries = { "all", "-Name z*", "-Spec %gcc" };

    private void Run(FuzzTarget target)
    {
        var report = FuzzRunner.Run(target, Seed, FuzzRunner.Budget(1.5), TimeSpan.FromSeconds(5), MinimumInputs);
        _output.WriteLine($"fuzz {report.Target}: {report.Inputs:N0} inputs in {report.Elapsed.TotalSeconds:0.0} s, {report.Rejected:N0} rejected");
        Assert.True(report.Failure is null, report.Failure);
        Assert.True(report.Inputs >= MinimumInputs, $"only {report.Inputs} inputs ran in {report.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void TheSnapshotOfAFuzzedIndexReadsWhatItsJsonReads()
    {
        string path = Path.Combine(_tree.Root, "index.json"), snapshotPath = Path.Combine(_tree.Root, "index.snapshot");
        var seeds = RecordCutFuzzTests.Seeds().Append(IndexFixtures.Gzip(IndexFixtures.V8Index())).ToList();
        Run(new FuzzTarget("index snapshot", seeds, bytes =>
        {
            File.WriteAllBytes(path, bytes);
            var json = Queries.ToDictionary(q => q, q => SnapshotReading.Read(path, SnapshotDifferentialTests.Query(q), null));
            foreach (string writer in Queries)
            {
                File.Delete(snapshotPath);
                var snapshot = new IndexSnapshot(snapshotPath, Sha);
                Same(json[writer], SnapshotReading.Read(path, SnapshotDifferentialTests.Query(writer), snapshot), "writing with " + writer);
                if (json[writer].Error is not null)
                {
                    if (File.Exists(snapshotPath))
                    {
                        throw new InvalidOperationException("An index the JSON reading rejects left a snapshot.");
                    }

                    continue;
                }

                foreach (string query in Queries)
                {
                    var read = SnapshotReading.Read(path, SnapshotDifferentialTests.Query(query), snapshot);
                    if (!read.Verbose.Any(v => v.StartsWith("Reading index.json from its snapshot", StringComparison.Ordinal)))
                    {
                        throw new InvalidOperationException("A whole read left no snapshot to read: " + string.Join("; ", read.Verbose));
                    }

                    Same(json[query], read, query + " from the snapshot written with " + writer);
                }
            }
        }));
    }

    [Fact]
    public void AFuzzedSnapshotFileIsNeverTrusted()
    {
        var seeds = SnapshotSeeds();
        Run(new FuzzTarget("snapshot file", seeds, bytes =>
        {
            if (SnapshotFile.Check(bytes, Sha, out _) is { } file)
            {
                if (!seeds.Any(s => s.AsSpan().SequenceEqual(bytes)))
                {
                    throw new InvalidOperationException("A changed snapshot file passed the check.");
                }

                ReadAll(file);
            }

            // The same bytes with the checksum made to match again: the structure alone must hold them off, or read.
            if (bytes.Length >= SnapshotFormat.HeaderBytes)
            {
                var sealedAgain = (byte[])bytes.Clone();
                BinaryPrimitives.WriteUInt64LittleEndian(sealedAgain.AsSpan(SnapshotFormat.ChecksumAt), SnapshotFormat.Checksum(sealedAgain));
                if (SnapshotFile.Check(sealedAgain, Sha, out _) is { } crafted)
                {
                    ReadAll(crafted);
                }
            }
        }));
    }

    [Fact]
    public void EveryFlippedBitAndEveryCutOfASnapshotIsDetected()
    {
        foreach (byte[] good in SnapshotSeeds())
        {
            Assert.NotNull(SnapshotFile.Check(good, Sha, out _));
            for (int at = 0; at < good.Length; at++)
            {
                var flipped = (byte[])good.Clone();
                flipped[at] ^= (byte)(1 << (at % 8));
                Assert.Null(SnapshotFile.Check(flipped, Sha, out string? why));
                Assert.NotNull(why);
                Assert.Null(SnapshotFile.Check(good.AsSpan(0, at).ToArray(), Sha, out _));
            }
        }
    }

    // Snapshots of the fixtures, all for the same (invented) blob checksum.
    private List<byte[]> SnapshotSeeds()
    {
        var seeds = new List<byte[]>();
        int n = 0;
        foreach (byte[] index in RecordCutFuzzTests.Seeds().Append(EdgeFixtures.V6Index()))
        {
            string path = _tree.WriteBytes($"seed{n}/index.json", index), snapshotPath = Path.Combine(_tree.Root, $"seed{n++}/index.snapshot");
            SnapshotReading.Read(path, CompiledQuery.All, new IndexSnapshot(snapshotPath, Sha));
            if (File.Exists(snapshotPath))
            {
                seeds.Add(File.ReadAllBytes(snapshotPath));
            }
        }

        Assert.True(seeds.Count >= 5, $"only {seeds.Count} snapshots");
        return seeds;
    }

    // Every record, as a query that wants every name and one that wants none would read it; the edges decoded.
    private static void ReadAll(SnapshotFile file)
    {
        foreach (Func<string, bool> want in new Func<string, bool>[] { _ => true, _ => false })
        {
            var records = new SnapshotRecords(file, "fuzz", 0, NullSourceObserver.Instance);
            var record = new IndexRecord();
            while (records.Next(null, out _))
            {
                if (records.Parse(want, record) is null)
                {
                    _ = record.Dependencies.Count > 0 ? record.Dependencies[0].Virtuals.Count : 0;
                }
            }
        }
    }

    private static void Same(Reading expected, Reading actual, string what)
    {
        if (expected.Outcome != actual.Outcome)
        {
            throw new InvalidOperationException($"The snapshot reads differently ({what}):\n{expected.Outcome}\n---- vs ----\n{actual.Outcome}");
        }
    }
}
