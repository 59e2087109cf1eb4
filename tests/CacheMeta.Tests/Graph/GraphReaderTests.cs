using System;
using System.Linq;
using System.Text;
using System.Threading;
using CacheMeta.Graph;
using CacheMeta.Index;
using CacheMeta.Query;
using CacheMeta.Tests.Support;
using CacheMeta.Tests.Support.Generated;
using Xunit;

namespace CacheMeta.Tests.Graph;

/// <summary>A graph holds every readable record, and its spec records are exactly what the streaming reader gives.</summary>
public sealed class GraphReaderTests
{
    private static CacheSpec[] Streamed(byte[] content)
    {
        using var tree = new TempTree();
        string path = tree.WriteBytes("index.json", content);
        using var index = LocalIndex.TryOpen(path, "index.json")!;
        return new IndexSpecReader(index, new IndexReadScope(null), CompiledQuery.All, new RecordingObserver()).Read(CancellationToken.None).ToArray();
    }

    public static TheoryData<string> Indexes() => new() { "6", "7", "8", "generated" };

    private static byte[] Index(string name) => name switch
    {
        "6" => EdgeFixtures.V6Index(),
        "7" => IndexFixtures.V7Index(),
        "8" => IndexFixtures.V8Index(),
        _ => GeneratedIndexWriter.ToBytes(GeneratedIndex.Create(new GeneratorOptions { Specs = 300, Seed = 3, MissingEdges = 4, NotInCache = 4 })),
    };

    [Theory]
    [MemberData(nameof(Indexes))]
    public void ItsSpecRecordsAreTheStreamingReadersRecords(string name)
    {
        byte[] content = Index(name);
        var graph = GraphFixtures.Read(content);
        var streamed = Streamed(content);

        Assert.Equal(streamed.Select(Row).OrderBy(r => r, StringComparer.Ordinal), graph.Specs.Select(Row).OrderBy(r => r, StringComparer.Ordinal));
        Assert.All(graph.Specs, s => Assert.Same(graph.Find(s.Hash)!.Edges, s.Dependencies));
    }

    private static string Row(CacheSpec s) =>
        string.Join(" ", IndexFixtures.Row(s)) + " " + s.Source + " " + string.Join(",", EdgeFixtures.Rows(s.Dependencies!));

    [Fact]
    public void RecordsOutsideTheCacheAreNodesWithValuesButNoSpec()
    {
        var graph = GraphFixtures.Read(IndexFixtures.V8Index());
        var gcc = graph.Find(IndexFixtures.V8Gcc)!;

        Assert.Equal(("gcc", "13.3.0", DependencyStatus.External), (gcc.Name, gcc.Version, gcc.Status));
        Assert.NotNull(gcc.Values);
        Assert.Null(gcc.Spec);
        Assert.Equal(DependencyStatus.NotInCache, graph.StatusOf(IndexFixtures.V8Llvm));
        Assert.Equal(DependencyStatus.Missing, graph.StatusOf(IndexFixtures.V8Missing));
        Assert.Equal(10, graph.Count); // eleven records, one malformed
    }

    [Fact]
    public void ValuesAreMadeOnlyForThePackagesAskedFor()
    {
        var some = GraphFixtures.Read(IndexFixtures.V8Index(), new GraphReadOptions { ValuesFor = n => n == "cmake" || n == "gcc" });
        Assert.Equal(new[] { "cmake" }, some.Specs.Select(s => s.Package));
        Assert.Equal("gcc@13.3.0", some.Specs.Single().Compiler);

        var none = GraphFixtures.Read(IndexFixtures.V8Index(), new GraphReadOptions { ValuesFor = GraphReadOptions.NoValues });
        Assert.Empty(none.Specs);
        Assert.Equal(11, none.Count); // the record malformed only in its parameters is not read far enough to tell
        Assert.Equal(EdgeFixtures.Expected[IndexFixtures.V8Zlib], EdgeFixtures.Rows(none.Find(IndexFixtures.V8Zlib)!.Edges));

        var checkedOnly = GraphFixtures.Read(IndexFixtures.V8Index(), new GraphReadOptions { KeepValues = false });
        Assert.Empty(checkedOnly.Specs);
        Assert.All(checkedOnly.Nodes, n => Assert.Null(n.Values));
        Assert.Equal(IndexFixtures.V8Bad, Assert.Single(checkedOnly.Skipped).Key);
    }

    [Fact]
    public void SkippedRecordsAreListedAndWarnedAboutUnlessTheCallerReportsThem()
    {
        string twice = IndexFixtures.Hash("twice");
        string record = "{\"spec\": {\"name\": \"zlib\", \"version\": \"1\"}, \"in_buildcache\": true}";
        byte[] content = Encoding.UTF8.GetBytes("{\"database\": {\"version\": \"8\", \"installs\": {"
            + $"\"{twice}\": {record}, \"not a hash\": {record}, \"{twice}\": {record}, \"{IndexFixtures.V8Bad}\": " + "{\"spec\": {\"name\": 42}}}}}");
        var observer = new RecordingObserver();

        var graph = GraphFixtures.Read(content, new GraphReadOptions { Observer = observer });

        Assert.Equal(1, graph.Count);
        Assert.Equal(new[] { ("not a hash", IndexRecordKey.NotAHash), (twice, "an earlier record has the same key"), (IndexFixtures.V8Bad, "'name' is not a string") },
            graph.Skipped.Select(s => (s.Key, s.Reason)));
        Assert.Equal("zlib", graph.Skipped[1].Name);
        Assert.Equal(graph.Skipped.Select(s => s.Message), observer.Warnings);
        Assert.True(observer.Progress.Last().Completed);

        var quiet = new RecordingObserver();
        GraphFixtures.Read(content, new GraphReadOptions { Observer = quiet, WarnSkipped = false });
        Assert.Empty(quiet.Warnings);
    }
}
