using System;
using System.IO;
using System.Linq;
using System.Threading;
using CacheMeta.Audit;
using CacheMeta.Graph;
using CacheMeta.Http;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using CacheMeta.Tests.Support.Generated;
using Xunit;

namespace CacheMeta.Tests.Sources;

/// <summary>
/// The graph at the source level: <c>^</c> read through a mirror and a catalog gives what the graph alone gives, a
/// plain query is not changed by it, a spec's graph is its tag's root index (a mirror's: its own), and an audit of a
/// catalog checks each stack against its root.
/// </summary>
public sealed class IndexGraphSourceTests : IDisposable
{
    private static readonly GeneratedIndex Model =
        GeneratedIndex.Create(new GeneratorOptions { Specs = 300, Seed = 31, MissingEdges = 6, NotInCache = 8, BuildOnlyTools = 3 });

    private static readonly byte[] RootBytes = GeneratedIndexWriter.ToBytes(Model);

    private static readonly IndexGraph Graph = GraphFixtures.Read(RootBytes);

    private readonly TempTree _tree = new();
    private readonly string _rootIndex, _catalog;
    private readonly string _strayHash = IndexFixtures.Hash("stray");

    public IndexGraphSourceTests()
    {
        _rootIndex = _tree.WriteBytes("develop/build_cache/index.json", RootBytes);
        // A stack's index: two of the root's specs, and one that the root lacks.
        var kept = Model.Nodes.Where(n => n.InBuildcache).Take(2).Select(n => n.Hash).ToArray();
        var stack = IndexFixtures.Database("8", kept.Select(h => (h, StackRecord(h))).Append((_strayHash, StackRecord(null))));
        _tree.WriteBytes("develop/e4s/build_cache/index.json", stack);
        _catalog = _tree.Write("catalog.json",
            "{\"develop\": [{\"label\": \"root\", \"url\": \"develop/build_cache/index.json\"}, {\"label\": \"e4s\", \"url\": \"develop/e4s/build_cache/index.json\"}]}");
    }

    public void Dispose() => _tree.Dispose();

    private System.Text.Json.Nodes.JsonNode StackRecord(string? hash)
    {
        var node = hash is null ? null : Graph.Find(hash)!;
        var spec = new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = node?.Name ?? "stray", ["version"] = node?.Version ?? "1.0",
            ["arch"] = IndexFixtures.Arch("linux", "ubuntu22.04", IndexFixtures.TargetObject("x86_64_v3")),
            ["namespace"] = "builtin", ["parameters"] = IndexFixtures.Flags(new System.Text.Json.Nodes.JsonObject { ["build_system"] = "generic" }),
        };
        return IndexFixtures.Record(spec);
    }

    private FetchOptions Options => new() { CacheDirectory = Path.Combine(_tree.Root, "cache"), Offline = true };

    private static string[] Hashes(System.Collections.Generic.IEnumerable<CacheSpec> specs) =>
        specs.Select(s => s.Hash!).OrderBy(h => h, StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData("^glibc")]
    [InlineData("^mpi")]
    [InlineData("^[deptypes=build] tool-*")]
    public void AMirrorAnswersCaretsOnItsGraphAsTheGraphItselfDoes(string text)
    {
        var query = new CompiledQuery(new SpecQuery { Spec = new[] { text } });
        var expected = Hashes(Graph.Specs.Where(s => query.MatchesSpec(s, Graph)));
        var run = new SourceRun(new MirrorSource(new[] { _rootIndex }, Options), query);

        Assert.Empty(run.Errors);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Hashes(run.Specs));
        Assert.All(run.Specs, s => Assert.NotNull(s.Dependencies));
    }

    [Fact]
    public void APlainQueryGivesTheSameSpecsWithAndWithoutTheGraph()
    {
        var plain = new SourceRun(new MirrorSource(new[] { _rootIndex }, Options), new SpecQuery { Name = new[] { "gcc-runtime" } });
        var viaGraph = new SourceRun(new MirrorSource(new[] { _rootIndex }, Options), new SpecQuery { Spec = new[] { "gcc-runtime ^*" } });
        var everyInCache = Graph.Specs.Where(s => s.Package == "gcc-runtime").ToList();

        Assert.Equal(Hashes(everyInCache), Hashes(plain.Specs));
        // "^*" needs some dependency: the gcc-runtime records with any edge.
        Assert.Equal(Hashes(everyInCache.Where(s => s.Dependencies!.Count > 0)), Hashes(viaGraph.Specs));
        var byHash = plain.Specs.ToDictionary(s => s.Hash!);
        Assert.All(viaGraph.Specs, s => Assert.Equal(IndexFixtures.Row(byHash[s.Hash!]), IndexFixtures.Row(s)));
    }

    [Fact]
    public void ACatalogSpecsGraphIsItsTagsRootIndexWhicheverIndexGaveIt()
    {
        var source = new CatalogSource(_catalog, Options);
        var fromStack = new SourceRun(source, new SpecQuery { Stack = new[] { "e4s" } }).Specs;
        Assert.Equal(3, fromStack.Count);

        var graphs = new IndexGraphs();
        var first = graphs.For(source, fromStack[0], NullSourceObserver.Instance, CancellationToken.None, out bool read);
        var second = graphs.For(source, fromStack[1], NullSourceObserver.Instance, CancellationToken.None, out bool readAgain);

        Assert.True(read);
        Assert.False(readAgain);
        Assert.Same(first.Value, second.Value);
        Assert.Equal((Graph.Count, Path.GetFullPath(_rootIndex)), (first.Value!.Count, Path.GetFullPath(first.Value.Source)));
        Assert.Null(first.Value.Find(_strayHash));
        var node = first.Value.Find(fromStack[0].Hash)!;
        Assert.Same(source, node.Spec!.Origin);
        Assert.Equal(new[] { Catalog.RootLabel }, node.Spec.Stacks);
    }

    [Fact]
    public void ACatalogAuditChecksTheRootThenEachStackAgainstIt()
    {
        var audits = IndexAudits.Audit(new CatalogSource(_catalog, Options), CompiledQuery.All, NullSourceObserver.Instance, CancellationToken.None)
            .ToList();

        Assert.All(audits, a => Assert.Null(a.Error));
        Assert.Equal(2, audits.Count);
        var root = IndexAuditor.Audit(GraphFixtures.Read(RootBytes, IndexAuditor.ReadOptions(NullSourceObserver.Instance, "develop")), "develop", null);
        Assert.Equal(root.Select(f => f.Rule + f.Hash), audits[0].Value!.Findings.Select(f => f.Rule + f.Hash));
        Assert.Equal(Model.Nodes.Count, audits[0].Value!.Records);
        var stray = Assert.Single(audits[1].Value!.Findings);
        Assert.Equal((IndexRules.StackSpecNotInRoot, _strayHash, "develop"), (stray.Rule, stray.Hash, stray.Tag));
    }

    [Fact]
    public void AnIndexThatCannotBeReadIsAnErrorAndTheOthersAreStillAudited()
    {
        File.WriteAllText(Path.Combine(_tree.Root, "develop/build_cache/index.json"), "{\"database\": ");
        var audits = IndexAudits.Audit(new CatalogSource(_catalog, Options), CompiledQuery.All, NullSourceObserver.Instance, CancellationToken.None)
            .ToList();

        Assert.Equal(ErrorIds.InvalidIndex, audits[0].Error!.ErrorId);
        Assert.Empty(audits[1].Value!.Findings); // without the root's hashes no stack spec can be judged
    }
}
