using System;
using System.Collections.Generic;
using CacheMeta.Graph;
using CacheMeta.Sources;

namespace CacheMeta.Audit;

/// <summary>
/// Checks one build-cache index against itself and, for a stack's index, against its tag's root index (rules in
/// <see cref="IndexRules"/>). The index is read once, into a graph without spec records
/// (<see cref="ReadOptions"/>); the rules are walks of that graph. Findings come in a fixed order: skipped records
/// first, in file order, then per record in file order its missing dependencies (in edge order), the holes it needs
/// (breadth-first) and whether the root lacks it.
/// </summary>
internal static class IndexAuditor
{
    private const DependencyTypes Install = DependencyTypes.Link | DependencyTypes.Run;

    /// <summary>How to read an index for an audit: every record whole (so malformed ones are found), no spec records
    /// kept, skipped records left to the audit rather than warned about.</summary>
    public static GraphReadOptions ReadOptions(ISourceObserver observer, string? tag) =>
        new() { Observer = observer, Tag = tag, KeepValues = false, WarnSkipped = false };

    /// <summary>The hashes of a graph's records that are in the build cache: what a root index offers its stacks.</summary>
    public static HashSet<string> InCacheHashes(IndexGraph graph)
    {
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            if (node.InBuildcache)
            {
                hashes.Add(node.Hash);
            }
        }

        return hashes;
    }

    /// <param name="graph">The index, read with <see cref="ReadOptions"/>.</param>
    /// <param name="tag">The tag, for the findings; null for a lone mirror.</param>
    /// <param name="rootHashes">For a stack's index: <see cref="InCacheHashes"/> of the tag's root index; else null.</param>
    public static IReadOnlyList<CacheIndexFinding> Audit(IndexGraph graph, string? tag, ICollection<string>? rootHashes)
    {
        var findings = new List<CacheIndexFinding>();
        foreach (var skipped in graph.Skipped)
        {
            findings.Add(new CacheIndexFinding(FindingSeverity.Warning, IndexRules.MalformedRecord, skipped.Name, skipped.Key,
                $"The record is skipped: {skipped.Reason}.", graph.Source, tag));
        }

        var needsHole = ReachesHole(graph);
        foreach (var node in graph.Nodes)
        {
            for (int e = 0; e < node.Edges.Count; e++)
            {
                if (graph.Target(node, e) == IndexGraph.Missing)
                {
                    var edge = node.Edges[e];
                    findings.Add(Finding(IndexRules.MissingDependency, node, edge.Name, edge.Hash, graph, tag,
                        $"{Describe(node)} depends on {edge.Name} /{edge.ShortHash} ({edge.Types}), which no record of the index has."));
                }
            }

            if (node.InBuildcache && needsHole[node.Index])
            {
                foreach (var hole in Holes(graph, node, needsHole))
                {
                    findings.Add(Finding(IndexRules.DependencyNotInCache, node, hole.Name, hole.Hash, graph, tag,
                        $"{Describe(node)} needs {Describe(hole)} through link or run edges, which is neither in the build cache nor external: installing it from this cache fails."));
                }
            }

            if (rootHashes is not null && node.InBuildcache && !rootHashes.Contains(node.Hash))
            {
                findings.Add(Finding(IndexRules.StackSpecNotInRoot, node, null, null, graph, tag,
                    $"{Describe(node)} is in this stack's build cache but not in the tag's root index."));
            }
        }

        return findings;
    }

    // Which records reach a hole (a record neither in the cache nor external) through link or run edges: a
    // multi-source walk of the reverse edges from every hole, so the per-spec walks below only enter this part.
    private static bool[] ReachesHole(IndexGraph graph)
    {
        var reaches = new bool[graph.Count];
        var queue = new Queue<GraphNode>();
        foreach (var node in graph.Nodes)
        {
            if (node.Status == DependencyStatus.NotInCache)
            {
                queue.Enqueue(node);
            }
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            var dependents = graph.Dependents(node);
            for (int i = 0; i < dependents.Count; i++)
            {
                int source = dependents.Source(i);
                if (!reaches[source] && (graph.EdgeAt(source, dependents.Edge(i)).Types & Install) != 0)
                {
                    reaches[source] = true;
                    queue.Enqueue(graph.Nodes[source]);
                }
            }
        }

        return reaches;
    }

    // The holes a spec needs, breadth-first over link and run edges, each once; only records that reach a hole are entered.
    private static List<GraphNode> Holes(IndexGraph graph, GraphNode spec, bool[] reachesHole)
    {
        var holes = new List<GraphNode>();
        var seen = new HashSet<int> { spec.Index };
        var queue = new Queue<GraphNode>();
        queue.Enqueue(spec);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            for (int e = 0; e < node.Edges.Count; e++)
            {
                int target = graph.Target(node, e);
                if (target == IndexGraph.Missing || (node.Edges[e].Types & Install) == 0 || !seen.Add(target))
                {
                    continue;
                }

                var next = graph.Nodes[target];
                if (next.Status == DependencyStatus.NotInCache)
                {
                    holes.Add(next);
                }

                if (reachesHole[target])
                {
                    queue.Enqueue(next);
                }
            }
        }

        return holes;
    }

    private static CacheIndexFinding Finding(string rule, GraphNode node, string? dependency, string? dependencyHash, IndexGraph graph,
        string? tag, string message) =>
        new(FindingSeverity.Error, rule, node.Name, node.Hash, message, graph.Source, tag, dependency, dependencyHash);

    private static string Describe(GraphNode node) => node.Name + "@" + node.Version + " /" + node.Hash.Substring(0, Math.Min(7, node.Hash.Length));
}
