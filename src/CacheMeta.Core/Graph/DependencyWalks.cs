using System;
using System.Collections.Generic;

namespace CacheMeta.Graph;

/// <summary>
/// The questions Get-CacheDependency asks of a graph: a spec's direct dependencies, its closure, and its dependents.
/// Every answer is in a fixed order: breadth-first, and within a node its edges in index order (dependents: the
/// depending records in file order). Each record appears once per question, at the shortest depth, with the parent
/// through which it was first reached; a hash that no record has is listed once too, as Missing, and leads nowhere.
/// Only edges with at least one of the asked-for types are followed (Link and Run: what installing a binary needs).
/// </summary>
internal static class DependencyWalks
{
    /// <summary>What installing a binary needs: the edge types followed when a caller names none.</summary>
    public const DependencyTypes InstallTypes = DependencyTypes.Link | DependencyTypes.Run;

    /// <summary>The direct dependencies of <paramref name="root"/> (every edge of the types), or with <paramref name="recurse"/> its closure.</summary>
    /// <exception cref="ArgumentException">The graph has no record with the root's hash.</exception>
    public static IReadOnlyList<CacheDependency> Dependencies(this IndexGraph graph, CacheSpec root, DependencyTypes types, bool recurse)
    {
        var start = RootNode(graph, root);
        var found = new List<CacheDependency>();
        var seen = new HashSet<int> { start.Index };
        var missing = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(GraphNode Node, CacheDependency? Record)>();
        queue.Enqueue((start, null));
        while (queue.Count > 0)
        {
            var (node, parent) = queue.Dequeue();
            int depth = (parent?.Depth ?? 0) + 1;
            for (int e = 0; e < node.Edges.Count; e++)
            {
                var edge = node.Edges[e];
                int target = graph.Target(node, e);
                if ((edge.Types & types) == 0
                    || (recurse && !(target == IndexGraph.Missing ? missing.Add(edge.Hash) : seen.Add(target))))
                {
                    continue;
                }

                var record = target == IndexGraph.Missing
                    ? new CacheDependency(root, parent, edge.Name, null, edge.Hash, edge.Types, edge.Virtuals, depth, DependencyStatus.Missing, null)
                    : Record(root, parent, graph.Nodes[target], edge, depth);
                found.Add(record);
                if (recurse && target != IndexGraph.Missing)
                {
                    queue.Enqueue((graph.Nodes[target], record));
                }
            }

            if (!recurse)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>
    /// The records with an edge of the types to <paramref name="root"/>, or with <paramref name="recurse"/> every record
    /// that reaches it through such edges: what removing it from the cache would break. Types and Virtuals of each are
    /// those of its edge toward the root.
    /// </summary>
    /// <exception cref="ArgumentException">The graph has no record with the root's hash.</exception>
    public static IReadOnlyList<CacheDependency> Dependents(this IndexGraph graph, CacheSpec root, DependencyTypes types, bool recurse)
    {
        var start = RootNode(graph, root);
        var found = new List<CacheDependency>();
        var seen = new HashSet<int> { start.Index };
        var queue = new Queue<(GraphNode Node, CacheDependency? Record)>();
        queue.Enqueue((start, null));
        while (queue.Count > 0)
        {
            var (node, parent) = queue.Dequeue();
            int depth = (parent?.Depth ?? 0) + 1;
            var dependents = graph.Dependents(node);
            for (int i = 0; i < dependents.Count; i++)
            {
                int source = dependents.Source(i);
                var edge = graph.EdgeAt(source, dependents.Edge(i));
                if ((edge.Types & types) == 0 || !seen.Add(source))
                {
                    continue;
                }

                var record = Record(root, parent, graph.Nodes[source], edge, depth);
                found.Add(record);
                if (recurse)
                {
                    queue.Enqueue((graph.Nodes[source], record));
                }
            }

            if (!recurse)
            {
                break;
            }
        }

        return found;
    }

    private static GraphNode RootNode(IndexGraph graph, CacheSpec root)
    {
        if (root is null)
        {
            throw new ArgumentNullException(nameof(root));
        }

        return graph.Find(root.Hash) ?? throw new ArgumentException($"The spec '{root}' is not a record of {graph.Source}.", nameof(root));
    }

    private static CacheDependency Record(CacheSpec root, CacheDependency? parent, GraphNode node, DependencyEdge edge, int depth) =>
        new(root, parent, node.Name, node.Values?.ParsedVersion ?? SpackVersion.Parse(node.Version), node.Hash, edge.Types, edge.Virtuals, depth,
            node.Status, node.Spec);
}
