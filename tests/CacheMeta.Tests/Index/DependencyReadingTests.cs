using System;
using System.Linq;
using System.Text;
using CacheMeta.Http;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using CacheMeta.Tests.Support.Generated;
using Xunit;

namespace CacheMeta.Tests.Index;

/// <summary>Index specs carry their direct edges, read from every dependency encoding; page specs carry none.</summary>
public sealed class DependencyReadingTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly RecordingObserver _observer = new();

    public void Dispose() => _tree.Dispose();

    private SourceRun Read(byte[] index)
    {
        string path = _tree.WriteBytes("mirror-" + Guid.NewGuid().ToString("N") + "/build_cache/index.json", index);
        var options = new FetchOptions { CacheDirectory = _tree.Root + "/cache", Offline = true };
        return new SourceRun(new MirrorSource(new[] { path }, options), observer: _observer);
    }

    [Theory]
    [InlineData("6")]
    [InlineData("7")]
    [InlineData("8")]
    public void EveryInCacheSpecHasItsEdgesInIndexOrder(string database)
    {
        byte[] index = database switch { "6" => EdgeFixtures.V6Index(), "7" => IndexFixtures.V7Index(), _ => IndexFixtures.V8Index() };
        var run = Read(index);

        Assert.Empty(run.Errors);
        Assert.NotEmpty(run.Specs);
        foreach (var spec in run.Specs)
        {
            Assert.NotNull(spec.Dependencies);
            Assert.Equal(EdgeFixtures.Expected[spec.Hash!], EdgeFixtures.Rows(spec.Dependencies!));
        }
    }

    [Fact]
    public void AGeneratedSpack1IndexReadsToItsModel()
    {
        var model = GeneratedIndex.Create(new GeneratorOptions { Specs = 400, Seed = 7, MissingEdges = 5, NotInCache = 6, BuildOnlyTools = 2 });
        var run = Read(GeneratedIndexWriter.ToBytes(model));

        Assert.Empty(run.Errors);
        Assert.Empty(_observer.Warnings);
        var inCache = model.Nodes.Where(n => n.InBuildcache).ToList();
        Assert.Equal(inCache.Select(n => n.Hash).OrderBy(h => h, StringComparer.Ordinal), run.Specs.Select(s => s.Hash!).OrderBy(h => h, StringComparer.Ordinal));
        foreach (var spec in run.Specs)
        {
            var node = model.Find(spec.Hash!)!;
            Assert.Equal(node.Name, spec.Package);
            Assert.Equal(node.Edges.Select(e => EdgeFixtures.Edge(e.Name, e.Hash, e.Types.ToString(), e.Virtuals)), EdgeFixtures.Rows(spec.Dependencies!));
            var compiler = node.Edges.FirstOrDefault(e => e.Virtuals.Contains("c")) is { } edge ? model.Find(edge.Hash) : null;
            Assert.Equal(compiler is null ? "none" : compiler.Name + "@" + compiler.Version, spec.Compiler);
        }
    }

    [Fact]
    public void Database6ReadsTheListAndTheKeyedShapes()
    {
        var specs = Read(EdgeFixtures.V6Index()).Specs;
        Assert.Equal(new[] { "libdwarf", "libelf", "cmake" }, specs.Select(s => s.Package));
        Assert.Empty(specs.Single(s => s.Package == "libelf").Dependencies!); // known to have none: not null
    }

    [Fact]
    public void RecordsThatShareAnEdgeShareOneInstance()
    {
        var specs = Read(IndexFixtures.V8Index()).Specs;
        var zlib = specs.Single(s => s.Package == "zlib-ng").Dependencies![1];
        var cmake = specs.Single(s => s.Package == "cmake").Dependencies![0];
        Assert.Same(zlib, cmake);
        Assert.Same(zlib.Virtuals, cmake.Virtuals);
    }

    [Fact]
    public void PageSpecsRecordNoDependencies()
    {
        var spec = new SourceRun(new PageTreeSource(new[] { System.IO.Path.Combine(TestPaths.RepoRoot, "samples") })).Specs.First();
        Assert.Null(spec.Dependencies);
    }

    [Theory]
    [InlineData("[{\"name\": \"zlib\"}]", "the dependency 'zlib' has no 'hash'")]
    [InlineData("[{\"hash\": \"HASH\"}]", "a dependency has no 'name'")]
    [InlineData("[{\"name\": \"zlib\", \"hash\": 7}]", "a dependency's 'hash' is not a string")]
    [InlineData("[\"zlib\"]", "'dependencies' holds an entry that is not an object")]
    [InlineData("{\"zlib\": \"HASH\"}", "'dependencies' holds an entry that is not an object")]
    [InlineData("\"zlib\"", "'dependencies' is not a list or an object")]
    public void AMalformedEdgeSkipsItsRecordWithAWarning(string dependencies, string reason)
    {
        string good = IndexFixtures.Hash("good"), bad = IndexFixtures.Hash("bad");
        string text = "{\"database\": {\"version\": \"8\", \"installs\": {"
            + $"\"{bad}\": {{\"spec\": {{\"name\": \"broken\", \"version\": \"1\", \"dependencies\": {dependencies.Replace("HASH", good)}}}, \"in_buildcache\": true}}, "
            + $"\"{good}\": {{\"spec\": {{\"name\": \"fine\", \"version\": \"2\"}}, \"in_buildcache\": true}}}}}}}}";
        var run = Read(Encoding.UTF8.GetBytes(text));

        Assert.Equal(new[] { "fine" }, run.Specs.Select(s => s.Package));
        string warning = Assert.Single(_observer.Warnings);
        Assert.Contains(bad, warning, StringComparison.Ordinal);
        Assert.Contains(reason, warning, StringComparison.Ordinal);
    }
}
