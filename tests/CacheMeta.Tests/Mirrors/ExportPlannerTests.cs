using System.Linq;
using System.Text;
using CacheMeta.Graph;
using CacheMeta.Mirrors;
using CacheMeta.Tests.Support;
using Xunit;
using static CacheMeta.Tests.Mirrors.SpackShapedIndexes;

namespace CacheMeta.Tests.Mirrors;

public sealed class ExportPlannerTests
{
    private static IndexGraph V8Graph() => GraphFixtures.Read(Document("8", V8));

    // app links lib, an external, a record without a binary and a hash no record has; it runs runner and builds with
    // tool. lib builds with a hash no record has. tool links toollib (in the cache, but reached only through a build edge).
    private static readonly string App = IndexFixtures.Hash("app"), Lib = IndexFixtures.Hash("lib"), Ext = IndexFixtures.Hash("ext"),
        NoBinary = IndexFixtures.Hash("nobin"), Hole = IndexFixtures.Hash("hole"), Runner = IndexFixtures.Hash("runner"),
        Tool = IndexFixtures.Hash("tool"), ToolLib = IndexFixtures.Hash("toollib"), BuildHole = IndexFixtures.Hash("bhole");

    private static string Spec(string name, string hash, string dependencies = "", string extra = "") =>
        "{\"name\":\"" + name + "\",\"version\":\"1.0\",\"arch\":{\"platform\":\"linux\",\"platform_os\":\"rhel9\",\"target\":\"x86_64_v3\"},"
        + "\"parameters\":{}" + extra + (dependencies.Length > 0 ? ",\"dependencies\":[" + dependencies + "]" : "") + ",\"hash\":\"" + hash + "\"}";

    private static IndexGraph Planted() => GraphFixtures.Read(Document("8", new Node[]
    {
        new(App, "app", 0, true, Spec("app", App, string.Join(",",
            Edge8("lib", Lib, "\"build\",\"link\""), Edge8("ext", Ext, "\"link\""), Edge8("nobin", NoBinary, "\"run\""),
            Edge8("hole", Hole, "\"link\""), Edge8("runner", Runner, "\"run\""), Edge8("tool", Tool, "\"build\"")))),
        new(Lib, "lib", 1, true, Spec("lib", Lib, Edge8("bhole", BuildHole, "\"build\""))),
        new(Ext, "ext", 1, false, Spec("ext", Ext, extra: ",\"external\":{\"path\":\"/usr\",\"module\":null}")),
        new(NoBinary, "nobin", 1, false, Spec("nobin", NoBinary)),
        new(Runner, "runner", 1, true, Spec("runner", Runner)),
        new(Tool, "tool", 1, true, Spec("tool", Tool, Edge8("toollib", ToolLib, "\"link\""))),
        new(ToolLib, "toollib", 1, true, Spec("toollib", ToolLib)),
    }));

    [Fact]
    public void ExportsTheLinkAndRunClosureAndKeepsWhatTheCacheCannotSupplyApart()
    {
        var plan = ExportPlanner.Plan(Planted(), new[] { App }, includeDependencies: true, destination: null);

        Assert.Equal(new[] { "app", "lib", "runner" }, plan.Specs.Select(s => s.Name)); // not tool or toollib: build edges are not followed
        Assert.Equal(new[] { true, false, false }, plan.Specs.Select(s => s.Selected));
        Assert.Equal(new[] { ("ext", DependencyStatus.External), ("hole", DependencyStatus.Missing), ("nobin", DependencyStatus.NotInCache) },
            plan.Unexportable.Select(d => (d.Name, d.Status)));
        Assert.All(plan.Unexportable, d => Assert.Equal(App, Assert.Single(d.NeededBy).Hash));
        Assert.Equal(new[] { Ext, NoBinary, Runner, Tool, ToolLib, App, Lib }.OrderBy(h => h, System.StringComparer.Ordinal), plan.SourceRecords);
        Assert.Equal(new[] { BuildHole, Hole }.OrderBy(h => h, System.StringComparer.Ordinal), plan.AbsentRecords);
        Assert.True(plan.InCache(App) && plan.InCache(Lib) && plan.InCache(Runner));
        Assert.False(plan.InCache(Tool)); // its record is kept for the DAG, its binary is not exported
        Assert.False(plan.InCache(Ext));
        Assert.Empty(plan.KeptRecords);
        Assert.Empty(plan.NotInSource);
    }

    [Fact]
    public void WithoutDependenciesExportsExactlyTheSelectionAndStillWarnsOfWhatNoCacheHas()
    {
        var plan = ExportPlanner.Plan(Planted(), new[] { App }, includeDependencies: false, destination: null);

        Assert.Equal(App, Assert.Single(plan.Specs).Hash);
        Assert.Equal(3, plan.Unexportable.Count);
        Assert.Equal(7, plan.SourceRecords.Count); // lib and runner are records without their binary
        Assert.False(plan.InCache(Lib));
    }

    [Fact]
    public void TheOrderIsByNameVersionAndHashWhateverTheSelectionOrder()
    {
        var graph = V8Graph();
        var forward = ExportPlanner.Plan(graph, new[] { Hdf5, Png }, true, null);
        var backward = ExportPlanner.Plan(graph, new[] { Png, Hdf5, Png }, true, null);

        var expected = new[] { "gcc-runtime", "hdf5", "libpng", "zlib-ng" };
        Assert.Equal(expected, forward.Specs.Select(s => s.Name));
        Assert.Equal(expected, backward.Specs.Select(s => s.Name));
        Assert.Equal(forward.SourceRecords, backward.SourceRecords);
        Assert.Equal(7, forward.SourceRecords.Count); // cmake and compiler-wrapper through build edges, the external gcc
    }

    [Fact]
    public void ASelectedHashTheSourceCacheLacksIsListed()
    {
        var plan = ExportPlanner.Plan(V8Graph(), new[] { Gcc, "nosuchhash" }, true, null);

        Assert.Empty(plan.Specs);
        Assert.Equal(new[] { Gcc, "nosuchhash" }.OrderBy(h => h, System.StringComparer.Ordinal), plan.NotInSource);
    }

    [Fact]
    public void AnExistingDestinationSaysWhatIsThereAndItsRecordsStay()
    {
        var destination = GraphFixtures.Read(Document("8", V8.Where(n => n.Hash is var h && (h == Gcc || h == Wrapper || h == Runtime || h == Cmake))));
        var plan = ExportPlanner.Plan(V8Graph(), new[] { Png }, true, destination);

        Assert.Equal(new[] { ("gcc-runtime", true), ("libpng", false), ("zlib-ng", false) }, plan.Specs.Select(s => (s.Name, s.AlreadyThere)));
        Assert.Equal(new[] { Cmake }, plan.KeptRecords);                      // the others are source records too
        Assert.True(plan.InCache(Cmake) && plan.InCache(Wrapper));           // in the destination's cache before
        Assert.Equal(6, plan.RecordCount);
    }

    [Fact]
    public void ADependencyTheDestinationHasIsNoWarning()
    {
        var graph = Planted();
        var destination = GraphFixtures.Read(Encoding.UTF8.GetBytes(
            "{\"database\":{\"version\":\"8\",\"installs\":{\"" + NoBinary + "\":{\"spec\":" + Spec("nobin", NoBinary) + ",\"in_buildcache\":true}}}}"));

        var plan = ExportPlanner.Plan(graph, new[] { App }, true, destination);

        Assert.Equal(new[] { "ext", "hole" }, plan.Unexportable.Select(d => d.Name));
        Assert.True(plan.InCache(NoBinary));
    }
}
