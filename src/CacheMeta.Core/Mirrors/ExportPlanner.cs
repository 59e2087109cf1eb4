using System;
using System.Collections.Generic;
using System.Linq;
using CacheMeta.Graph;

namespace CacheMeta.Mirrors;

/// <summary>
/// Decides what exporting a selection of one source's specs writes (<see cref="ExportPlan"/>), from the source's
/// graph and, when the destination is a mirror already, the destination's graph. Reads nothing itself.
/// <list type="bullet">
/// <item>Binaries: the selection and, with <c>includeDependencies</c>, everything in the source's build cache it
/// reaches through link or run edges: what installing a binary needs (Spack installs from a cache without build
/// dependencies). Build-only edges are not followed.</item>
/// <item>A link or run dependency the source cannot supply (external, no binary, or a hash its index lacks) becomes
/// an <see cref="UnexportableDependency"/> naming the exported specs that need it.</item>
/// <item>Index records: the exported specs and every record they reach through any edge, as Spack's index has
/// every node of a pushed spec's DAG; plus the destination's records, so the new index covers old and new.</item>
/// </list>
/// </summary>
internal static class ExportPlanner
{
    public static ExportPlan Plan(IndexGraph source, IEnumerable<string> selected, bool includeDependencies, IndexGraph? destination)
    {
        if (source is null)
        {
            throw new ArgumentNullException(nameof(source));
        }

        var chosen = new Dictionary<int, bool>(); // node -> asked for (rather than brought along)
        var queue = new Queue<GraphNode>();
        var notInSource = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string hash in selected ?? throw new ArgumentNullException(nameof(selected)))
        {
            if (source.Find(hash) is not { InBuildcache: true } node)
            {
                notInSource.Add(hash);
            }
            else if (!chosen.ContainsKey(node.Index))
            {
                chosen.Add(node.Index, true); // the whole selection is taken before any dependency
                queue.Enqueue(node);
            }
        }

        var unsupplied = new Dictionary<string, (string Name, DependencyStatus Status, List<GraphNode> NeededBy)>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            for (int e = 0; e < node.Edges.Count; e++)
            {
                var edge = node.Edges[e];
                if ((edge.Types & DependencyWalks.InstallTypes) == 0)
                {
                    continue;
                }

                int target = source.Target(node, e);
                var dependency = target == IndexGraph.Missing ? null : source.Nodes[target];
                if (dependency is { InBuildcache: true })
                {
                    if (includeDependencies && !chosen.ContainsKey(dependency.Index))
                    {
                        chosen.Add(dependency.Index, false);
                        queue.Enqueue(dependency);
                    }

                    continue;
                }

                string hash = dependency?.Hash ?? edge.Hash;
                if (destination?.Find(hash) is { InBuildcache: true })
                {
                    continue; // the destination has the binary already
                }

                if (!unsupplied.TryGetValue(hash, out var entry))
                {
                    entry = (dependency?.Name ?? edge.Name, dependency?.Status ?? DependencyStatus.Missing, new List<GraphNode>());
                    unsupplied.Add(hash, entry);
                }

                if (!entry.NeededBy.Contains(node))
                {
                    entry.NeededBy.Add(node);
                }
            }
        }

        var specs = chosen.Select(pair => new PlannedSpec(source.Nodes[pair.Key], pair.Value,
                destination?.Find(source.Nodes[pair.Key].Hash) is { InBuildcache: true }))
            .OrderBy(spec => spec.Node, NodeOrder.Instance).ToList();
        var byNode = specs.ToDictionary(spec => spec.Node.Index);
        var unexportable = unsupplied
            .Select(pair => new UnexportableDependency(pair.Value.Name, pair.Key, pair.Value.Status,
                pair.Value.NeededBy.OrderBy(n => n, NodeOrder.Instance).Select(n => byNode[n.Index]).ToList()))
            .OrderBy(d => d.Name, StringComparer.Ordinal).ThenBy(d => d.Hash, StringComparer.Ordinal).ToList();

        var (records, absent) = Reach(source, chosen.Keys);
        var inCache = new HashSet<string>(specs.Select(spec => spec.Hash), StringComparer.Ordinal);
        var kept = new List<string>();
        if (destination is not null)
        {
            foreach (var node in destination.Nodes)
            {
                if (node.InBuildcache)
                {
                    inCache.Add(node.Hash);
                }

                if (!records.Contains(node.Hash))
                {
                    kept.Add(node.Hash);
                }
            }

            absent.RemoveWhere(hash => destination.Find(hash) is not null);
        }

        kept.Sort(StringComparer.Ordinal);
        return new ExportPlan(specs, unexportable, notInSource.ToList(), records.ToList(), kept, absent.ToList(), inCache);
    }

    // Every record the nodes reach through edges of any type, themselves included; and the hashes no record has.
    private static (SortedSet<string> Records, SortedSet<string> Absent) Reach(IndexGraph graph, IEnumerable<int> starts)
    {
        var records = new SortedSet<string>(StringComparer.Ordinal);
        var absent = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        foreach (int start in starts)
        {
            if (seen.Add(start))
            {
                stack.Push(start);
            }
        }

        while (stack.Count > 0)
        {
            var node = graph.Nodes[stack.Pop()];
            records.Add(node.Hash);
            for (int e = 0; e < node.Edges.Count; e++)
            {
                int target = graph.Target(node, e);
                if (target == IndexGraph.Missing)
                {
                    absent.Add(node.Edges[e].Hash);
                }
                else if (seen.Add(target))
                {
                    stack.Push(target);
                }
            }
        }

        return (records, absent);
    }

    // Package name, then version (Spack's order), then hash: the order a plan is shown in.
    private sealed class NodeOrder : IComparer<GraphNode>
    {
        public static readonly NodeOrder Instance = new();

        public int Compare(GraphNode? x, GraphNode? y)
        {
            int byName = string.CompareOrdinal(x!.Name, y!.Name);
            if (byName != 0)
            {
                return byName;
            }

            int byVersion = SpackVersion.Parse(x.Version).CompareTo(SpackVersion.Parse(y.Version));
            return byVersion != 0 ? byVersion : string.CompareOrdinal(x.Hash, y.Hash);
        }
    }
}
