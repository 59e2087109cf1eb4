using System;
using System.Collections.Generic;
using CacheMeta.Query;
using CacheMeta.Query.Spec;

namespace CacheMeta.Graph;

/// <summary>
/// Answers <c>^</c> terms on a graph. For each distinct term, once: the records with an edge into a record that
/// satisfies it are marked, then everything that reaches a marked record through reverse edges of any type; a spec
/// then has such a dependency when it is marked. One pass over the edges and one over the reached part of the
/// reverse graph per term, however many specs are asked about.
/// <para>An edge satisfies a term when the record it leads to matches the term (by its spec values where the graph
/// kept them, else by name, version and hash, which every record has) and the edge provides the term's virtuals and
/// has its types. A term that is a bare name also matches an edge that provides a virtual of that name, as
/// <c>^mpi</c> means any provider of mpi in Spack. An edge to a hash no record has matches a term that asks only
/// for a name or hash.</para>
/// </summary>
internal sealed class DependencyMatches
{
    private readonly IndexGraph _graph;
    private readonly Dictionary<SpecConstraint, bool[]> _marked = new();

    public DependencyMatches(IndexGraph graph) => _graph = graph;

    public bool HasDependency(GraphNode node, SpecConstraint term)
    {
        if (!_marked.TryGetValue(term, out var marked))
        {
            _marked[term] = marked = Mark(term);
        }

        return marked[node.Index];
    }

    private bool[] Mark(SpecConstraint term)
    {
        var nodes = _graph.Nodes;
        var marked = new bool[nodes.Count];
        var satisfies = new sbyte[nodes.Count]; // 0 not yet asked, 1 yes, -1 no
        var queue = new Queue<int>();
        foreach (var node in nodes)
        {
            for (int e = 0; e < node.Edges.Count && !marked[node.Index]; e++)
            {
                if (EdgeSatisfies(term, node.Edges[e], _graph.Target(node, e), satisfies))
                {
                    marked[node.Index] = true;
                    queue.Enqueue(node.Index);
                }
            }
        }

        while (queue.Count > 0)
        {
            var dependents = _graph.Dependents(nodes[queue.Dequeue()]);
            for (int i = 0; i < dependents.Count; i++)
            {
                int source = dependents.Source(i);
                if (!marked[source])
                {
                    marked[source] = true;
                    queue.Enqueue(source);
                }
            }
        }

        return marked;
    }

    private bool EdgeSatisfies(SpecConstraint term, DependencyEdge edge, int target, sbyte[] satisfies)
    {
        if ((edge.Types & term.DependencyTypes) != term.DependencyTypes || !Provides(edge, term.Virtuals))
        {
            return false;
        }

        bool bareName = term.Name is not null && !term.HasSpecCriteria;
        if (bareName && term.Virtuals.Count == 0 && ProvidesVirtualNamed(edge, term))
        {
            return true;
        }

        if (target == IndexGraph.Missing)
        {
            return term.Version is null && !term.NeedsValues && term.MatchesIdentity(edge.Name, null, edge.Hash);
        }

        if (satisfies[target] == 0)
        {
            var node = _graph.Nodes[target];
            bool yes = node.Values is { } values ? term.MatchesNode(values)
                : !term.NeedsValues && term.MatchesIdentity(node.Name, node.Version, node.Hash);
            satisfies[target] = yes ? (sbyte)1 : (sbyte)-1;
        }

        return satisfies[target] == 1;
    }

    private static bool Provides(DependencyEdge edge, IReadOnlyList<string> virtuals)
    {
        foreach (string wanted in virtuals)
        {
            bool found = false;
            foreach (string provided in edge.Virtuals)
            {
                found |= string.Equals(wanted, provided, StringComparison.OrdinalIgnoreCase);
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private static bool ProvidesVirtualNamed(DependencyEdge edge, SpecConstraint term)
    {
        foreach (string provided in edge.Virtuals)
        {
            if (term.MatchesName(provided))
            {
                return true;
            }
        }

        return false;
    }
}
