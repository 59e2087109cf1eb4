using System;
using System.Collections.Generic;
using System.Linq;
using CacheMeta.Graph;
using CacheMeta.Tests.Support;
using CacheMeta.Tests.Support.Generated;
using Xunit;

namespace CacheMeta.Tests.Graph;

/// <summary>
/// Closures, depths, parents and dependents of a generated Spack 1.x index, checked against a naive recursive walk
/// of the generator's model (<see cref="NaiveDag"/>). Breadth-first order is checked by what defines it: depths never
/// decrease, each record's parent is the first record one level up that has an edge to it, and records of one level
/// come in the order of their parents, then of the parent's edges.
/// </summary>
public sealed class GraphWalkTests
{
    private const DependencyTypes Install = DependencyTypes.Link | DependencyTypes.Run;
    private const DependencyTypes Every = DependencyTypes.Build | DependencyTypes.Link | DependencyTypes.Run | DependencyTypes.Test;

    private static readonly GeneratedIndex Model =
        GeneratedIndex.Create(new GeneratorOptions { Specs = 500, Seed = 13, MissingEdges = 12, NotInCache = 15, BuildOnlyTools = 3 });

    private static readonly IndexGraph Graph = GraphFixtures.Read(GeneratedIndexWriter.ToBytes(Model));

    private static readonly NaiveDag Naive = new(Model);

    public static TheoryData<DependencyTypes> TypeSets() => new() { Install, Every, DependencyTypes.Build, DependencyTypes.Run };

    [Fact]
    public void TheGraphHoldsEveryRecordWithItsStatus()
    {
        Assert.Equal(Model.Nodes.Count, Graph.Count);
        Assert.Equal(Model.Nodes.Sum(n => n.Edges.Count), Graph.EdgeCount);
        Assert.Equal(Model.Nodes.Select(n => n.Hash), Graph.Nodes.Select(n => n.Hash));
        Assert.All(Model.Nodes, n => Assert.Equal(Naive.Status(n.Hash), Graph.StatusOf(n.Hash)));
        Assert.All(Model.MissingHashes, h => Assert.Equal(DependencyStatus.Missing, Graph.StatusOf(h)));
        Assert.Contains(Graph.Nodes, n => n.Status == DependencyStatus.External);
        Assert.Contains(Graph.Nodes, n => n.Status == DependencyStatus.NotInCache);
    }

    [Fact]
    public void EdgesAndRecordsShareOneStringPerHash()
    {
        foreach (var node in Graph.Nodes)
        {
            for (int e = 0; e < node.Edges.Count; e++)
            {
                if (Graph.Target(node, e) is var target && target != IndexGraph.Missing)
                {
                    Assert.Same(Graph.Nodes[target].Hash, node.Edges[e].Hash);
                }
            }
        }
    }

    [Fact]
    public void DirectDependenciesAreTheEdgesOfTheTypesInIndexOrderWithTheirStatus()
    {
        foreach (var spec in Graph.Specs)
        {
            var expected = Model.Find(spec.Hash!)!.Edges.Where(e => (e.Types & Install) != 0).ToList();
            var direct = Graph.Dependencies(spec, Install, recurse: false);

            Assert.Equal(expected.Select(e => (e.Name, e.Hash, e.Types, Naive.Status(e.Hash))), direct.Select(d => (d.Name, d.Hash, d.Types, d.Status)));
            Assert.All(direct, d => Assert.Equal(1, d.Depth));
            Assert.All(direct, d => Assert.Null(d.Parent));
            Assert.All(direct, d => Assert.Same(spec, d.Root));
            Assert.All(direct, d => Assert.Equal(d.Status == DependencyStatus.InCache, d.Spec is not null));
            Assert.All(direct.Where(d => d.Spec is not null), d => Assert.Equal(d.Hash, d.Spec!.Hash));
        }
    }

    [Theory]
    [MemberData(nameof(TypeSets))]
    public void TheClosureIsEveryReachableRecordOnceAtItsShortestDepth(DependencyTypes types)
    {
        int missingSeen = 0;
        foreach (var spec in Graph.Specs)
        {
            var closure = Graph.Dependencies(spec, types, recurse: true);
            var expected = Naive.Closure(spec.Hash!, types);

            Assert.Equal(Rows(expected.Select(p => (p.Key, p.Value, Naive.Status(p.Key)))), Rows(closure.Select(d => (d.Hash, d.Depth, d.Status))));
            AssertBreadthFirst(closure, hash => EdgesOf(hash, types), rootEdges: EdgesOf(spec.Hash!, types)!);
            missingSeen += closure.Count(d => d.Status == DependencyStatus.Missing);
        }

        if (types != DependencyTypes.Run)
        {
            Assert.True(missingSeen > 0, "the planted missing dependencies were never reached");
        }
    }

    [Theory]
    [MemberData(nameof(TypeSets))]
    public void DependentsAreEveryRecordThatReachesTheSpecAtItsShortestDistance(DependencyTypes types)
    {
        var targets = Graph.Nodes.Where(n => n.Name.EndsWith("-runtime", StringComparison.Ordinal) || n.Name == "glibc")
            .Concat(Graph.Nodes.Where(n => n.Spec is not null).Take(40)).ToList();
        foreach (var target in targets)
        {
            var root = target.Values ?? new CacheSpec(target.Name, null, target.Hash, new[] { target.Version }, null, null, null, null, null, null, null, null, null);
            var dependents = Graph.Dependents(root, types, recurse: true);
            var expected = Naive.Dependents(target.Hash, types);

            Assert.Equal(Rows(expected.Select(p => (p.Key, p.Value, Naive.Status(p.Key)))), Rows(dependents.Select(d => (d.Hash, d.Depth, d.Status))));
            Assert.DoesNotContain(dependents, d => d.Status == DependencyStatus.Missing);
            var direct = Graph.Dependents(root, types, recurse: false);
            Assert.Equal(expected.Where(p => p.Value == 1).Select(p => p.Key).OrderBy(h => h, StringComparer.Ordinal), direct.Select(d => d.Hash).OrderBy(h => h, StringComparer.Ordinal));
            Assert.Equal(direct.Select(d => Graph.Find(d.Hash)!.Index).OrderBy(i => i), direct.Select(d => Graph.Find(d.Hash)!.Index)); // file order
            foreach (var d in dependents)
            {
                string toward = d.Parent?.Hash ?? target.Hash;
                var edge = Model.Find(d.Hash)!.Edges.First(e => e.Hash == toward && (e.Types & types) != 0);
                Assert.Equal(edge.Types, d.Types);
            }
        }

        Assert.True(Graph.Dependents(Graph.Specs.First(s => s.Package.EndsWith("-runtime", StringComparison.Ordinal)), Install, recurse: true).Count > 100);
    }

    [Fact]
    public void ASpecTheGraphDoesNotHoldIsAnArgumentError()
    {
        var stranger = new CacheSpec("zlib", null, new string('z', 32), null, null, null, null, null, null, null, null, null, null);
        Assert.Throws<ArgumentException>(() => Graph.Dependencies(stranger, Install, recurse: true));
        Assert.Throws<ArgumentException>(() => Graph.Dependents(stranger, Install, recurse: false));
    }

    private static readonly Dictionary<(string, DependencyTypes), List<string>?> Edges = new();

    // One comparable text per set of (hash, depth, status), so that a failure shows the difference at once.
    private static string Rows(IEnumerable<(string Hash, int Depth, DependencyStatus Status)> rows) =>
        string.Join("\n", rows.Select(r => $"{r.Hash} {r.Depth} {r.Status}").OrderBy(r => r, StringComparer.Ordinal));

    private static List<string>? EdgesOf(string hash, DependencyTypes types)
    {
        if (!Edges.TryGetValue((hash, types), out var list))
        {
            Edges[(hash, types)] = list = Model.Find(hash)?.Edges.Where(e => (e.Types & types) != 0).Select(e => e.Hash).ToList();
        }

        return list;
    }

    // Depths never decrease; each record's parent is the first record one level up with an edge to it; one level's
    // records come in the order of their parents and then of the parents' edges. (Plain checks gathered into one
    // assertion: tens of thousands of records go through here.)
    private static void AssertBreadthFirst(IReadOnlyList<CacheDependency> found, Func<string, List<string>?> edgesOf, List<string> rootEdges)
    {
        var wrong = new List<string>();
        var position = new Dictionary<CacheDependency, int>(ReferenceEqualityComparer.Instance);
        var levels = new Dictionary<int, List<CacheDependency>>();
        for (int i = 0; i < found.Count; i++)
        {
            var d = found[i];
            position[d] = i;
            if (!levels.TryGetValue(d.Depth, out var level))
            {
                levels[d.Depth] = level = new List<CacheDependency>();
            }

            level.Add(d);
            if (i > 0 && found[i - 1].Depth > d.Depth)
            {
                wrong.Add($"{d.Hash}: depth {d.Depth} after depth {found[i - 1].Depth}");
            }

            if (d.Depth == 1 ? d.Parent is not null || !rootEdges.Contains(d.Hash) : d.Parent is null || d.Parent.Depth != d.Depth - 1)
            {
                wrong.Add($"{d.Hash}: parent {d.Parent?.Hash ?? "none"} at depth {d.Depth}");
            }
            else if (d.Depth > 1 && !ReferenceEquals(levels[d.Depth - 1].First(p => edgesOf(p.Hash)?.Contains(d.Hash) ?? false), d.Parent))
            {
                wrong.Add($"{d.Hash}: {d.Parent!.Hash} is not the first parent");
            }
        }

        foreach (var level in levels.Values)
        {
            var keys = level.Select(d => d.Parent is null ? (-1, rootEdges.IndexOf(d.Hash)) : (position[d.Parent], edgesOf(d.Parent.Hash)!.IndexOf(d.Hash))).ToList();
            if (!keys.SequenceEqual(keys.OrderBy(k => k.Item1).ThenBy(k => k.Item2)))
            {
                wrong.Add($"depth {level[0].Depth} is not in the order of parents and edges");
            }
        }

        Assert.Empty(wrong);
    }
}
