using System;
using System.Collections.Generic;
using CacheMeta.Query;
using CacheMeta.Query.Spec;

namespace CacheMeta.Graph;

/// <summary>A record the reader could not take into the graph, and why (what the spec reader warns about).</summary>
internal sealed class SkippedRecord
{
    public SkippedRecord(string key, string? name, string reason, string message)
    {
        Key = key;
        Name = name;
        Reason = reason;
        Message = message;
    }

    /// <summary>The record's key as written (normally its hash).</summary>
    public string Key { get; }

    /// <summary>The package name, when the record got that far.</summary>
    public string? Name { get; }

    public string Reason { get; }

    /// <summary>The warning the spec reader writes for it.</summary>
    public string Message { get; }
}

/// <summary>
/// Every readable record of one build-cache index, in the cache or not, as a DAG: hash to node, each node's edges
/// resolved to node positions once (a dependency that no record has is <see cref="DependencyStatus.Missing"/>), the
/// reverse edges made on first need. Built by <see cref="IndexGraphReader"/> in one pass over the index (records
/// come in any order); immutable afterwards but for a walker's scratch space, so one graph serves one thread.
/// <para>Memory: a node per record and an int per edge beyond the edges the records share anyway
/// (<see cref="DependencyEdge"/> instances are interned by the reader).</para>
/// </summary>
internal sealed class IndexGraph : IDependencyGraph
{
    /// <summary>An edge's target when no record has the hash.</summary>
    public const int Missing = -1;

    private readonly GraphNode[] _nodes;
    private readonly Dictionary<string, int> _byHash;
    private readonly int[] _edgeStart;   // node i's edges are _targets[_edgeStart[i] .. _edgeStart[i + 1])
    private readonly int[] _targets;
    private int[]? _reverseStart, _reverseSource, _reverseEdge; // by target: the sources and their global edge numbers
    private DependencyMatches? _matches;

    public IndexGraph(IReadOnlyList<GraphNode> nodes, string source, IReadOnlyList<SkippedRecord> skipped)
    {
        Source = source;
        Skipped = skipped;
        _nodes = new GraphNode[nodes.Count];
        _byHash = new Dictionary<string, int>(nodes.Count, StringComparer.Ordinal);
        int edges = 0;
        for (int i = 0; i < _nodes.Length; i++)
        {
            _nodes[i] = nodes[i].Index == i ? nodes[i] : throw new ArgumentException("Nodes must be numbered in order.", nameof(nodes));
            _byHash.Add(nodes[i].Hash, i);
            edges += nodes[i].Edges.Count;
        }

        _edgeStart = new int[_nodes.Length + 1];
        _targets = new int[edges];
        int at = 0;
        for (int i = 0; i < _nodes.Length; i++)
        {
            _edgeStart[i] = at;
            foreach (var edge in _nodes[i].Edges)
            {
                _targets[at++] = _byHash.TryGetValue(edge.Hash, out int target) ? target : Missing;
            }
        }

        _edgeStart[_nodes.Length] = at;
    }

    /// <summary>The index file or URL.</summary>
    public string Source { get; }

    /// <summary>Records left out (malformed, a key that is not a hash, a second record with one key), in file order.</summary>
    public IReadOnlyList<SkippedRecord> Skipped { get; }

    /// <summary>How many records the graph holds.</summary>
    public int Count => _nodes.Length;

    /// <summary>How many edges its records have.</summary>
    public int EdgeCount => _targets.Length;

    /// <summary>The records in file order.</summary>
    public IReadOnlyList<GraphNode> Nodes => _nodes;

    /// <summary>The spec records in the build cache that the graph keeps values for, in file order.</summary>
    public IEnumerable<CacheSpec> Specs
    {
        get
        {
            foreach (var node in _nodes)
            {
                if (node.Spec is { } spec)
                {
                    yield return spec;
                }
            }
        }
    }

    /// <summary>The node with this hash; null when no record has it.</summary>
    public GraphNode? Find(string? hash) => hash is not null && _byHash.TryGetValue(hash, out int i) ? _nodes[i] : null;

    /// <summary>The status of the record with this hash, Missing when there is none.</summary>
    public DependencyStatus StatusOf(string hash) => Find(hash)?.Status ?? DependencyStatus.Missing;

    /// <summary>The node an edge of <paramref name="node"/> leads to, or <see cref="Missing"/>.</summary>
    public int Target(GraphNode node, int edge) => _targets[_edgeStart[node.Index] + edge];

    /// <summary>The first of <paramref name="node"/>'s edges in the global numbering the reverse lists use.</summary>
    public int FirstEdge(GraphNode node) => _edgeStart[node.Index];

    /// <summary>The nodes with an edge to <paramref name="node"/>, each with the edge's global number, sources in file order.</summary>
    public ReverseEdges Dependents(GraphNode node)
    {
        BuildReverse();
        int start = _reverseStart![node.Index], end = _reverseStart[node.Index + 1];
        return new ReverseEdges(this, start, end);
    }

    /// <summary>The edge with a global number.</summary>
    public DependencyEdge EdgeAt(int source, int globalEdge) => _nodes[source].Edges[globalEdge - _edgeStart[source]];

    /// <inheritdoc />
    public bool HasDependency(string hash, SpecConstraint dependency) =>
        Find(hash) is { } node && (_matches ??= new DependencyMatches(this)).HasDependency(node, dependency);

    // Reverse adjacency in compressed rows: counted, then filled in source order so that dependents come in file order.
    private void BuildReverse()
    {
        if (_reverseStart is not null)
        {
            return;
        }

        var start = new int[_nodes.Length + 1];
        foreach (int target in _targets)
        {
            if (target != Missing)
            {
                start[target + 1]++;
            }
        }

        for (int i = 0; i < _nodes.Length; i++)
        {
            start[i + 1] += start[i];
        }

        var next = (int[])start.Clone();
        var sources = new int[start[_nodes.Length]];
        var edges = new int[sources.Length];
        for (int source = 0; source < _nodes.Length; source++)
        {
            for (int e = _edgeStart[source]; e < _edgeStart[source + 1]; e++)
            {
                if (_targets[e] is var target && target != Missing)
                {
                    sources[next[target]] = source;
                    edges[next[target]++] = e;
                }
            }
        }

        _reverseStart = start;
        _reverseSource = sources;
        _reverseEdge = edges;
    }

    /// <summary>The reverse edges of one node: (source, global edge number) pairs.</summary>
    public readonly struct ReverseEdges
    {
        private readonly IndexGraph _graph;
        private readonly int _start;

        public ReverseEdges(IndexGraph graph, int start, int end)
        {
            _graph = graph;
            _start = start;
            Count = end - start;
        }

        public int Count { get; }

        public int Source(int i) => _graph._reverseSource![_start + i];

        public int Edge(int i) => _graph._reverseEdge![_start + i];
    }
}
