using System;
using System.Collections;
using System.Collections.Generic;

namespace CacheMeta.Index.Snapshot;

/// <summary>
/// A record's dependencies from a snapshot, decoded when first used rather than when the spec is made: most specs of a
/// query's answer are counted, filtered or formatted without anyone looking at their edges, and decoding every edge of
/// every answer was most of what a repeated query cost. The count is known at once. Once decoded the list lets go of
/// the snapshot; until then it keeps it (the whole file, which is smaller than the edges it would decode to).
/// Read-only, and safe to read from any thread (the spec reader runs on a thread of its own).
/// </summary>
internal sealed class SnapshotEdges : IList<DependencyEdge>, IReadOnlyList<DependencyEdge>
{
    private readonly object _gate = new();
    private SnapshotFile? _file;
    private readonly int _id;
    private DependencyEdge[]? _edges;

    public SnapshotEdges(SnapshotFile file, int id, int count)
    {
        _file = file;
        _id = id;
        Count = count;
    }

    public int Count { get; }

    public bool IsReadOnly => true;

    public DependencyEdge this[int index]
    {
        get => Edges[index];
        set => throw ReadOnly();
    }

    public IEnumerator<DependencyEdge> GetEnumerator() => ((IEnumerable<DependencyEdge>)Edges).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public int IndexOf(DependencyEdge item) => Array.IndexOf(Edges, item);

    public bool Contains(DependencyEdge item) => IndexOf(item) >= 0;

    public void CopyTo(DependencyEdge[] array, int arrayIndex) => Edges.CopyTo(array, arrayIndex);

    public void Add(DependencyEdge item) => throw ReadOnly();

    public void Clear() => throw ReadOnly();

    public void Insert(int index, DependencyEdge item) => throw ReadOnly();

    public bool Remove(DependencyEdge item) => throw ReadOnly();

    public void RemoveAt(int index) => throw ReadOnly();

    private DependencyEdge[] Edges
    {
        get
        {
            if (_edges is { } edges)
            {
                return edges;
            }

            lock (_gate)
            {
                if (_edges is null)
                {
                    _edges = _file!.DecodeEdges(_id);
                    _file = null;
                }

                return _edges;
            }
        }
    }

    private static NotSupportedException ReadOnly() => new("The dependencies of a spec cannot be changed.");
}
