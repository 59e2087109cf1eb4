using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using CacheMeta.Audit;
using CacheMeta.Graph;
using CacheMeta.Http;
using CacheMeta.Index;
using CacheMeta.Mirrors;
using CacheMeta.Query;
using CacheMeta.Tests.Support;
using Xunit;
using static CacheMeta.Tests.Mirrors.SpackShapedIndexes;

namespace CacheMeta.Tests.Mirrors;

/// <summary>
/// The engine end to end on indexes in the shape Spack writes: plan, gather the raw records, write the index, publish
/// it in a layout, and read the result back through the readers and the audit.
/// </summary>
public sealed class ExportRoundTripTests
{
    public static IEnumerable<object[]> Sources() => new[]
    {
        new object[] { "6", MirrorLayout.V2 }, new object[] { "7", MirrorLayout.V2 },
        new object[] { "8", MirrorLayout.V2 }, new object[] { "8", MirrorLayout.V3 }, // Spack's own v2 test mirror holds database 8
    };

    private static Node[] NodesOf(string version) => All().Single(s => s.Version == version).Nodes;

    private static LocalIndex Open(string path) => LocalIndex.TryOpen(path, path) ?? throw new InvalidOperationException(path);

    // Exports the selection from the index file at sourcePath into destination (a mirror there already is added to).
    private static PublishedIndex Export(string sourcePath, IEnumerable<string> selection, string destination, int layout, bool includeDependencies = true)
    {
        using var source = Open(sourcePath);
        var graph = IndexGraphReader.Read(source, new GraphReadOptions(), CancellationToken.None);
        using var existing = MirrorLayout.Detect(destination) is null ? null : LocalMirrors.Open(IndexLocation.Parse(destination));
        var existingGraph = existing is null ? null : IndexGraphReader.Read(existing, new GraphReadOptions(), CancellationToken.None);
        var plan = ExportPlanner.Plan(graph, selection, includeDependencies, existingGraph);
        var records = ExportIndex.Gather(plan, source, existing, CancellationToken.None);
        return MirrorIndexPublisher.Publish(destination, layout, records.Version, ExportIndex.Build(records));
    }

    // Every spec of the fixture index of a version, exported with its dependencies into a new mirror: (source file, mirror).
    private static (string Source, string Destination) ExportEverything(TempTree tree, string version, int layout)
    {
        var nodes = NodesOf(version);
        string source = tree.WriteBytes("source/index.json", Document(version, nodes));
        string destination = Path.Combine(tree.Root, "out");
        Export(source, nodes.Where(n => n.InBuildcache).Select(n => n.Hash), destination, layout);
        return (source, destination);
    }

    private static Dictionary<string, (string Spec, int RefCount, bool InBuildcache)> Records(byte[] index)
    {
        using var document = JsonDocument.Parse(index);
        return document.RootElement.GetProperty("database").GetProperty("installs").EnumerateObject().ToDictionary(
            p => p.Name, p => (p.Value.GetProperty("spec").GetRawText(), p.Value.GetProperty("ref_count").GetInt32(), p.Value.GetProperty("in_buildcache").GetBoolean()));
    }

    private static byte[] IndexBytes(string mirror)
    {
        using var local = LocalMirrors.Open(IndexLocation.Parse(mirror));
        return File.ReadAllBytes(local.Path);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void ReExportingEveryRecordGivesSpacksRecordsFieldByField(string version, int layout)
    {
        using var tree = new TempTree();
        var nodes = NodesOf(version);
        var (_, destination) = ExportEverything(tree, version, layout);

        byte[] written = IndexBytes(destination);
        using (var document = JsonDocument.Parse(written))
        {
            Assert.Equal(version, document.RootElement.GetProperty("database").GetProperty("version").GetString());
        }

        var records = Records(written);
        Assert.Equal(nodes.Length, records.Count);
        foreach (var node in nodes)
        {
            Assert.Equal((node.Spec, node.RefCount, node.InBuildcache), records[node.Hash]); // the spec byte for byte
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void TheExportReadsBackAsTheSameSpecsAndTheAuditFindsNothing(string version, int layout)
    {
        using var tree = new TempTree();
        var nodes = NodesOf(version);
        var (source, destination) = ExportEverything(tree, version, layout);

        using var exported = LocalMirrors.Open(IndexLocation.Parse(destination));
        using var original = Open(source);
        Assert.Equal(Specs(original), Specs(exported));
        Assert.Equal(nodes.Count(n => n.InBuildcache), Specs(exported).Count);
        var graph = IndexGraphReader.Read(exported, IndexAuditor.ReadOptions(new RecordingObserver(), null), CancellationToken.None);
        Assert.Empty(IndexAuditor.Audit(graph, null, rootHashes: null));
    }

    private static List<string> Specs(LocalIndex index) =>
        new IndexSpecReader(index, new IndexReadScope(null), CompiledQuery.All, new RecordingObserver()).Read(CancellationToken.None)
            .Select(spec => spec.Hash + " " + spec).OrderBy(s => s, StringComparer.Ordinal).ToList();

    [Fact]
    public void ASubsetCarriesItsClosureAndTheBuildOnlyRecordsWithoutTheirBinaries()
    {
        using var tree = new TempTree();
        string source = tree.WriteBytes("source/index.json", Document("8", V8));
        string destination = Path.Combine(tree.Root, "out");

        Export(source, new[] { Png }, destination, MirrorLayout.V3);

        var records = Records(IndexBytes(destination));
        var expected = new Dictionary<string, (int, bool)>
        {
            [Png] = (0, true), [Zlib] = (1, true), [Runtime] = (2, true), // exported
            [Wrapper] = (2, false), [Gcc] = (3, false),                   // reached through build edges: the records, not the binaries
        };
        Assert.Equal(expected.OrderBy(p => p.Key), records.ToDictionary(p => p.Key, p => (p.Value.RefCount, p.Value.InBuildcache)).OrderBy(p => p.Key));
        using var exported = LocalMirrors.Open(IndexLocation.Parse(destination));
        var graph = IndexGraphReader.Read(exported, IndexAuditor.ReadOptions(new RecordingObserver(), null), CancellationToken.None);
        Assert.Empty(IndexAuditor.Audit(graph, null, rootHashes: null)); // a build-only record without its binary is no fault
    }

    [Fact]
    public void ASecondExportIntoTheMirrorAddsToItAndTheIndexCoversBoth()
    {
        using var tree = new TempTree();
        string source = tree.WriteBytes("source/index.json", Document("8", V8));
        string destination = Path.Combine(tree.Root, "out");
        Export(source, new[] { Png }, destination, MirrorLayout.V3);

        Export(source, new[] { Hdf5 }, destination, MirrorLayout.V3);

        var records = Records(IndexBytes(destination));
        Assert.Equal(V8.Select(n => n.Hash).OrderBy(h => h, StringComparer.Ordinal), records.Keys.OrderBy(h => h, StringComparer.Ordinal));
        Assert.All(V8, n => Assert.Equal(n.RefCount, records[n.Hash].RefCount)); // all seven records: Spack's counts
        Assert.Equal(new[] { Runtime, Zlib, Png, Hdf5 }.OrderBy(h => h, StringComparer.Ordinal),
            records.Where(p => p.Value.InBuildcache).Select(p => p.Key).OrderBy(h => h, StringComparer.Ordinal)); // cmake came as a build record only
    }

    [Fact]
    public void ADestinationOfAnotherDatabaseVersionIsRefusedBeforeAnythingIsWritten()
    {
        using var tree = new TempTree();
        string source = tree.WriteBytes("source/index.json", Document("8", V8));
        string older = tree.WriteBytes("older/index.json", Document("7", V7));
        string destination = Path.Combine(tree.Root, "out");
        Export(older, new[] { Archive }, destination, MirrorLayout.V2);
        byte[] before = IndexBytes(destination);

        var ex = Assert.Throws<CacheMetaException>(() => Export(source, new[] { Png }, destination, MirrorLayout.V2));

        Assert.Same(ErrorIds.MirrorMismatch, ex.ErrorId);
        Assert.Contains("database version 7", ex.Message);
        Assert.Equal(before, IndexBytes(destination));
    }
}
