using System;
using System.Collections.Generic;
using CacheMeta.Graph;
using CacheMeta.Sources;

namespace CacheMeta.Audit;

/// <summary>
/// Checks one build-cache index against itself and, for a stack's index, against its tag's root index (rules in
/// <see cref="IndexRules"/>). The index is read once, into a graph without spec records
/// (<see cref="ReadOptions"/>); each rule is then one linear walk of that graph, so an audit costs about one read.
/// Findings come rule by rule (skipped records, missing hashes, holes, stack specs the root lacks), each rule's in file order.
/// </summary>
internal static class IndexAuditor
{
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

        Missing(graph, tag, findings);
        Holes(graph, tag, findings);
        if (rootHashes is not null)
        {
            foreach (var node in graph.Nodes)
            {
                if (node.InBuildcache && !rootHashes.Contains(node.Hash))
                {
                    findings.Add(new CacheIndexFinding(FindingSeverity.Error, IndexRules.StackSpecNotInRoot, node.Name, node.Hash,
                        $"{Describe(node)} is in this stack's build cache but not in the tag's root index.", graph.Source, tag));
                }
            }
        }

        return findings;
    }

    // Each hash that no record has, in the order of its first edge, with how many edges lead to it and the first record.
    private static void Missing(IndexGraph graph, string? tag, List<CacheIndexFinding> findings)
    {
        var order = new List<(DependencyEdge Edge, GraphNode First)>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            for (int e = 0; e < node.Edges.Count; e++)
            {
                if (graph.Target(node, e) == IndexGraph.Missing)
                {
                    var edge = node.Edges[e];
                    counts.TryGetValue(edge.Hash, out int count);
                    if (count == 0)
                    {
                        order.Add((edge, node));
                    }

                    counts[edge.Hash] = count + 1;
                }
            }
        }

        foreach (var (edge, first) in order)
        {
            int others = counts[edge.Hash] - 1;
            findings.Add(new CacheIndexFinding(FindingSeverity.Error, IndexRules.MissingDependency, edge.Name, edge.Hash,
                $"No record of the index has {edge.Name} /{edge.ShortHash}, which {Describe(first)} depends on ({edge.Types})"
                + (others == 0 ? "." : $", as do {others} more records."), graph.Source, tag, first.Name, first.Hash));
        }
    }

    // The holes (records neither in the cache nor external) that specs in the cache need: one breadth-first walk over
    // link and run edges from every in-cache spec at once, each record entered once, so each hole is found with the
    // nearest in-cache spec that needs it (the first in file order when several are as near).
    private static void Holes(IndexGraph graph, string? tag, List<CacheIndexFinding> findings)
    {
        var neededBy = new GraphNode?[graph.Count];
        var queue = new Queue<GraphNode>();
        foreach (var node in graph.Nodes)
        {
            if (node.InBuildcache)
            {
                neededBy[node.Index] = node;
                queue.Enqueue(node);
            }
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            for (int e = 0; e < node.Edges.Count; e++)
            {
                int target = graph.Target(node, e);
                if (target != IndexGraph.Missing && neededBy[target] is null && (node.Edges[e].Types & DependencyWalks.InstallTypes) != 0)
                {
                    neededBy[target] = neededBy[node.Index];
                    queue.Enqueue(graph.Nodes[target]);
                }
            }
        }

        foreach (var node in graph.Nodes)
        {
            if (node.Status == DependencyStatus.NotInCache && neededBy[node.Index] is { } spec)
            {
                findings.Add(new CacheIndexFinding(FindingSeverity.Error, IndexRules.DependencyNotInCache, node.Name, node.Hash,
                    $"{Describe(node)} is neither in the build cache nor external, and {Describe(spec)} needs it through link or run "
                    + "edges: installing that spec from this cache fails.", graph.Source, tag, spec.Name, spec.Hash));
            }
        }
    }

    private static string Describe(GraphNode node) => node.Name + "@" + node.Version + " /" + node.Hash.Substring(0, Math.Min(7, node.Hash.Length));
}
