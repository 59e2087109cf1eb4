using System;
using System.Collections.Generic;
using System.Linq;
using CacheMeta.Graph;
using CacheMeta.Tests.Support;
using CacheMeta.Tests.Support.Generated;
using Xunit;

namespace CacheMeta.Tests.Graph;

/// <summary>The order Get-CacheDependency writes a walk in, and how a spec's edges read in CSV.</summary>
public sealed class DependencyTreeTests
{
    private static readonly GeneratedIndex Model =
        GeneratedIndex.Create(new GeneratorOptions { Specs = 300, Seed = 17, MissingEdges = 5, NotInCache = 6, BuildOnlyTools = 2 });

    private static readonly IndexGraph Graph = GraphFixtures.Read(GeneratedIndexWriter.ToBytes(Model));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ATreeOrderKeepsEveryRecordOnceEachRightUnderItsParentsSubtree(bool dependents)
    {
        var types = DependencyTypes.Build | DependencyTypes.Link | DependencyTypes.Run;
        int deep = 0;
        foreach (var spec in Graph.Specs.Take(60))
        {
            var walk = dependents ? Graph.Dependents(spec, types, recurse: true) : Graph.Dependencies(spec, types, recurse: true);
            var tree = DependencyTree.InTreeOrder(walk);

            Assert.Equal(walk.Count, tree.Count);
            Assert.Equal(walk.ToHashSet(), tree.ToHashSet());
            var position = new Dictionary<CacheDependency, int>();
            for (int i = 0; i < tree.Count; i++)
            {
                var record = tree[i];
                position[record] = i;
                if (record.Parent is null)
                {
                    Assert.Equal(1, record.Depth);
                    continue;
                }

                // Pre-order: the parent came earlier, and everything between them is deeper than the parent (its subtree).
                Assert.Equal(record.Parent.Depth + 1, record.Depth);
                int parentAt = position[record.Parent];
                Assert.All(tree.Skip(parentAt + 1).Take(i - parentAt - 1), r => Assert.True(r.Depth > record.Parent.Depth));
                deep += record.Depth > 2 ? 1 : 0;
            }
        }

        Assert.True(deep > 0, "the walks reach depth 3 somewhere");
    }

    [Fact]
    public void DirectDependenciesKeepTheIndexOrder()
    {
        var spec = Graph.Specs.First(s => s.Dependencies!.Count > 2);
        var walk = Graph.Dependencies(spec, DependencyTypes.Build | DependencyTypes.Link | DependencyTypes.Run | DependencyTypes.Test, recurse: false);
        Assert.Equal(spec.Dependencies!.Select(e => e.Hash), DependencyTree.InTreeOrder(walk).Select(d => d.Hash));
    }

    [Fact]
    public void ASpecsEdgesReadAsNamesAndShortHashes()
    {
        var edges = new[]
        {
            new DependencyEdge("gcc", IndexFixtures.Hash("gcc"), DependencyTypes.Build, new[] { "c", "cxx" }),
            new DependencyEdge("zlib-ng", IndexFixtures.Hash("zlib"), DependencyTypes.Build | DependencyTypes.Link, null),
        };
        var spec = new CacheSpec("cmake", "develop", IndexFixtures.Hash("cmake"), new[] { "3.30.5" }, null, null, null, null, null, null, null,
            null, null, edges);

        Assert.Equal("gcc/gccabcd, zlib-ng/zlibabc", spec.Dependencies!.ToString());
        Assert.Equal(edges, spec.Dependencies);
        Assert.Equal("", new CacheSpec("a", null, null, null, null, null, null, null, null, null, null, null, null, Array.Empty<DependencyEdge>()).Dependencies!.ToString());
        Assert.Null(new CacheSpec("a", null, null, null, null, null, null, null, null, null, null, null, null).Dependencies);
    }
}
