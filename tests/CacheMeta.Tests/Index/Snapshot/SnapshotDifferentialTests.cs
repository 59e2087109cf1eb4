using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CacheMeta.Query;
using CacheMeta.Tests.Mirrors;
using CacheMeta.Tests.Support;
using CacheMeta.Tests.Support.Generated;
using Xunit;

namespace CacheMeta.Tests.Index.Snapshot;

/// <summary>
/// The snapshot of an index reads exactly what its JSON reads: for every index fixture and every kind of query the
/// record reader answers (none, -Name, -Spec with versions, variants, targets, compilers, hashes, and the filter
/// parameters), the same specs with all their properties in the same order, and the same warnings. The read that writes
/// the snapshot gives the JSON's answer too, whatever its own query.
/// </summary>
public sealed class SnapshotDifferentialTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    public static IEnumerable<object[]> Fixtures() => FixtureBytes().Select(f => new object[] { f.Name });

    private static IEnumerable<(string Name, byte[] Bytes)> FixtureBytes()
    {
        yield return ("v7", IndexFixtures.V7Index());
        yield return ("v8", IndexFixtures.V8Index());
        yield return ("v8 version last", IndexFixtures.V8Index(versionLast: true));
        yield return ("v7 gzip", IndexFixtures.Gzip(IndexFixtures.V7Index()));
        yield return ("e4s", CatalogFixtures.E4sIndex());
        yield return ("ml", CatalogFixtures.MlIndex());
        yield return ("v6 edges", EdgeFixtures.V6Index());
        foreach (var (version, nodes) in SpackShapedIndexes.All())
        {
            yield return ("spack-shaped v" + version, SpackShapedIndexes.Document(version, nodes));
        }

        yield return ("generated", GeneratedIndexWriter.ToBytes(GeneratedIndex.Create(
            new GeneratorOptions { Specs = 400, Seed = 7, MissingEdges = 5, NotInCache = 5, BuildOnlyTools = 3 })));
        yield return ("odd records", OddRecords);
    }

    // Records the quick reading does not take (kept as text), malformed ones, keys that are not hashes, a compiler
    // record that comes after its specs, a lone surrogate (which the JSON reading rejects).
    private static readonly byte[] OddRecords = System.Text.Encoding.UTF8.GetBytes(
        "{\"database\": {\"version\": \"8\", \"installs\": {"
        + "\"not-a-hash!\": {\"spec\": {\"name\": \"x\", \"version\": \"1\"}},"
        + "\"" + IndexFixtures.Hash("odd1") + "\": {\"spec\": {\"version\": \"1.0\", \"name\": \"zlib\", \"arch\": {\"platform\": \"linux\", \"platform_os\": \"rhel8\", \"target\": \"x86_64\"},"
        + " \"dependencies\": [{\"name\": \"gcc\", \"hash\": \"" + IndexFixtures.Hash("oddgcc") + "\", \"parameters\": {\"deptypes\": [\"build\"], \"virtuals\": [\"c\"]}}]}, \"in_buildcache\": true},"
        + "\"" + IndexFixtures.Hash("odd2") + "\": {\"spec\": {\"name\": \"z\\u006cib\", \"version\": \"2.0\"}, \"in_buildcache\": true},"
        + "\"" + IndexFixtures.Hash("odd3") + "\": {\"spec\": {\"name\": \"zstd\", \"version\": \"1.5\", \"arch\": 7}, \"in_buildcache\": true},"
        + "\"" + IndexFixtures.Hash("odd4") + "\": {\"spec\": {\"name\": \"py-a\", \"version\": \"1\", \"parameters\": {\"odd\": \"\\ud800\", \"build_system\": \"python_pip\"},"
        + " \"arch\": {\"platform\": \"linux\", \"platform_os\": \"rhel8\", \"target\": \"x86_64\"},"
        + " \"dependencies\": [{\"name\": \"gcc\", \"hash\": \"" + IndexFixtures.Hash("oddgcc") + "\", \"parameters\": {\"deptypes\": [\"build\"], \"virtuals\": [\"c\"]}}]}, \"in_buildcache\": true},"
        + "\"" + IndexFixtures.Hash("odd5") + "\": {\"spec\": {\"name\": \"py-b\", \"version\": 3}, \"in_buildcache\": \"yes\"},"
        + "\"" + IndexFixtures.Hash("odd6") + "\": [1, 2],"
        + "\"" + IndexFixtures.Hash("oddgcc") + "\": {\"spec\": {\"name\": \"gcc\", \"version\": \"13.2.0\"}, \"in_buildcache\": false}"
        + "}}}");

    public static readonly string[] QueryNames =
    {
        "all", "-Name no-such", "-Name z*", "-Name py-*", "-Name gcc", "-Spec zlib-ng@2:", "-Spec +shared", "-Spec target=aarch64",
        "-Spec %gcc", "-Spec %gcc@12", "-Spec build_system=cmake", "-Spec /" + IndexFixtures.Hash("v8zlib").Substring(0, 5),
        "-Compiler gcc*", "-OS ubuntu*", "-TargetFamily aarch64", "-Variant +shared", "-Version 1*", "-Hash abc",
    };

    internal static CompiledQuery Query(string name) => new(name switch
    {
        "all" => new SpecQuery(),
        _ when name.StartsWith("-Name ", StringComparison.Ordinal) => new SpecQuery { Name = new[] { name.Substring(6) } },
        _ when name.StartsWith("-Spec ", StringComparison.Ordinal) => new SpecQuery { Spec = new[] { name.Substring(6) } },
        _ when name.StartsWith("-Compiler ", StringComparison.Ordinal) => new SpecQuery { Compiler = new[] { name.Substring(10) } },
        _ when name.StartsWith("-OS ", StringComparison.Ordinal) => new SpecQuery { OS = new[] { name.Substring(4) } },
        _ when name.StartsWith("-TargetFamily ", StringComparison.Ordinal) => new SpecQuery { TargetFamily = new[] { name.Substring(14) } },
        _ when name.StartsWith("-Variant ", StringComparison.Ordinal) => new SpecQuery { Variant = new[] { name.Substring(9) } },
        _ when name.StartsWith("-Version ", StringComparison.Ordinal) => new SpecQuery { Version = new[] { name.Substring(9) } },
        _ => new SpecQuery { Hash = new[] { name.Substring(6) } },
    });

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EveryQueryReadsTheSameFromTheSnapshotAsFromTheJson(string fixture)
    {
        string path = _tree.WriteBytes(fixture + "/index.json", FixtureBytes().Single(f => f.Name == fixture).Bytes);
        var json = QueryNames.ToDictionary(q => q, q => SnapshotReading.Read(path, Query(q), snapshot: null));

        // Whichever query's read writes the snapshot, it answers as the JSON does, and the snapshot then answers every query alike.
        foreach (string writer in new[] { "-Name no-such", "all", "-Name z*", "-Spec %gcc" })
        {
            string snapshotPath = Path.Combine(_tree.Root, fixture, writer.Replace(' ', '_') + ".snapshot");
            var snapshot = SnapshotReading.SnapshotFor(path, snapshotPath);
            var writing = SnapshotReading.Read(path, Query(writer), snapshot);
            Assert.Equal(json[writer].Outcome, writing.Outcome);
            Assert.True(File.Exists(snapshotPath), $"{fixture}: the read with {writer} wrote no snapshot");
            foreach (string query in QueryNames)
            {
                var fromSnapshot = SnapshotReading.Read(path, Query(query), snapshot);
                Assert.Contains(fromSnapshot.Verbose, v => v.StartsWith("Reading index.json from its snapshot", StringComparison.Ordinal));
                Assert.Equal(json[query].Outcome, fromSnapshot.Outcome);
            }
        }
    }

    [Fact]
    public void TheOddRecordsReadAsTheirFixtureSays()
    {
        // Guards the differential test above against comparing two empty answers.
        string path = _tree.WriteBytes("odd/index.json", OddRecords);
        var all = SnapshotReading.Read(path, CompiledQuery.All, null);
        Assert.Null(all.Error);
        // The zlib whose compiler record (gcc@13.2.0) comes last, found ahead, then the escaped zlib: file order.
        Assert.Equal(new[] { IndexFixtures.Hash("odd1"), IndexFixtures.Hash("odd2") }, all.Specs.Select(s => s.Split(" | ").Single(p => p.StartsWith("Hash=")).Substring(5)));
        Assert.Contains("Compiler=gcc@13.2.0 ", all.Specs[0]);
        Assert.Equal(new[] { "not-a-hash!", "odd3", "odd4", "odd5", "odd6" }, all.Warnings.Select(w => w.Split('\'')[1]).Select(k => k.StartsWith("odd") ? k.Substring(0, 4) : k));
    }
}
