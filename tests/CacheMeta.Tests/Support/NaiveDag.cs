using System;
using System.Collections.Generic;
using System.Linq;
using CacheMeta.Tests.Support.Generated;

namespace CacheMeta.Tests.Support;

/// <summary>
/// Expected answers about a <see cref="GeneratedIndex"/>, computed the slow, obvious way from its model (recursive
/// walks over the node list, no reverse edges, no queues), so the engine's graph code is checked against code that
/// shares nothing with it.
/// </summary>
internal sealed class NaiveDag
{
    private readonly GeneratedIndex _index;
    private readonly Dictionary<(string, DependencyTypes), Dictionary<string, int>> _closures = new();

    public NaiveDag(GeneratedIndex index) => _index = index;

    /// <summary>Every hash reachable from <paramref name="root"/> through edges of the types, with its shortest distance.</summary>
    public Dictionary<string, int> Closure(string root, DependencyTypes types)
    {
        if (_closures.TryGetValue((root, types), out var known))
        {
            return known;
        }

        var depths = new Dictionary<string, int>(StringComparer.Ordinal);
        Visit(root, 0);
        depths.Remove(root);
        _closures[(root, types)] = depths;
        return depths;

        void Visit(string hash, int depth)
        {
            if (depths.TryGetValue(hash, out int known) && known <= depth)
            {
                return;
            }

            depths[hash] = depth;
            foreach (var edge in _index.Find(hash)?.Edges ?? new List<GeneratedEdge>())
            {
                if ((edge.Types & types) != 0)
                {
                    Visit(edge.Hash, depth + 1);
                }
            }
        }
    }

    /// <summary>Every record that reaches <paramref name="target"/> through edges of the types, with its shortest distance to it.</summary>
    public Dictionary<string, int> Dependents(string target, DependencyTypes types)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in _index.Nodes)
        {
            if (node.Hash != target && Closure(node.Hash, types).TryGetValue(target, out int depth))
            {
                result[node.Hash] = depth;
            }
        }

        return result;
    }

    /// <summary>What installing the record from this cache finds for a hash.</summary>
    public DependencyStatus Status(string hash) => _index.Find(hash) switch
    {
        null => DependencyStatus.Missing,
        { InBuildcache: true } => DependencyStatus.InCache,
        { External: true } => DependencyStatus.External,
        _ => DependencyStatus.NotInCache,
    };

    /// <summary>The records an in-cache spec needs through link and run edges that are neither in the cache nor external.</summary>
    public IEnumerable<string> Holes(string spec) =>
        Closure(spec, DependencyTypes.Link | DependencyTypes.Run).Keys.Where(h => Status(h) == DependencyStatus.NotInCache);
}
