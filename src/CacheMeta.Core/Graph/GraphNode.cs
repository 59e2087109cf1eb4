using System.Collections.Generic;

namespace CacheMeta.Graph;

/// <summary>
/// One record of an index in an <see cref="IndexGraph"/>, in the build cache or not: what every record says about
/// its place in the DAG, and the full spec record where the graph was asked to keep one (<see cref="Values"/>).
/// </summary>
internal sealed class GraphNode
{
    public GraphNode(int index, string hash, string name, string version, bool inBuildcache, bool external, IReadOnlyList<DependencyEdge> edges)
    {
        Index = index;
        Hash = hash;
        Name = name;
        Version = version;
        InBuildcache = inBuildcache;
        External = external;
        Edges = DependencyList.From(edges)!; // the spec record made of this node shares it
    }

    /// <summary>The record's position among the index's readable records (file order).</summary>
    public int Index { get; }

    public string Hash { get; }

    public string Name { get; }

    public string Version { get; }

    public bool InBuildcache { get; }

    public bool External { get; }

    /// <summary>The record's direct edges in index order.</summary>
    public DependencyList Edges { get; }

    /// <summary>
    /// The record as a spec (compiler, arch, variants), whether its binary is in the cache or not; null when the
    /// graph was built without the values of this package. Dependency constraints (<c>^openmpi +cuda</c>) match on it.
    /// </summary>
    public CacheSpec? Values { get; set; }

    /// <summary>The spec record when the binary is in the build cache.</summary>
    public CacheSpec? Spec => InBuildcache ? Values : null;

    /// <summary>What installing from this cache finds: the binary, an external, or a hole. (A record in the cache wins over external.)</summary>
    public DependencyStatus Status =>
        InBuildcache ? DependencyStatus.InCache : External ? DependencyStatus.External : DependencyStatus.NotInCache;

    public override string ToString() => Name + "@" + Version + " /" + Hash;
}
