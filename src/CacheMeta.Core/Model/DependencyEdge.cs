using System;
using System.Collections.Generic;

namespace CacheMeta;

/// <summary>
/// One direct dependency of a spec as its index records it: the dependency's package name and DAG hash, why it is
/// needed (<see cref="Types"/>) and the virtual packages it provides to the dependent (<c>mpi</c>, <c>c</c>,
/// <c>cxx</c>), which only indexes from database 7 (Spack 0.21) record. Readers share one instance among every
/// record that has the same edge.
/// </summary>
public sealed class DependencyEdge
{
    private readonly PackedHash _packed;
    private string? _hash;

    /// <summary>Creates an edge.</summary>
    public DependencyEdge(string name, string hash, DependencyTypes types, IReadOnlyList<string>? virtuals)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        _hash = hash ?? throw new ArgumentNullException(nameof(hash));
        Types = types;
        Virtuals = ValueList.From(virtuals);
    }

    /// <summary>An edge whose hash is made into text only when it is asked for (most of a plain read's edges never are).</summary>
    internal DependencyEdge(string name, PackedHash hash, DependencyTypes types, IReadOnlyList<string>? virtuals)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        _packed = hash;
        Types = types;
        Virtuals = ValueList.From(virtuals);
    }

    /// <summary>The dependency's package name.</summary>
    public string Name { get; }

    /// <summary>The dependency's DAG hash: the key of its record in the same index, when the index has one.</summary>
    public string Hash => _hash ??= _packed.ToString(); // two threads may both make it: equal strings, either is kept

    /// <summary>The first 7 characters of the hash.</summary>
    public string ShortHash => Hash.Length <= 7 ? Hash : Hash.Substring(0, 7);

    /// <summary>Build, Link, Run, Test, or several of them.</summary>
    public DependencyTypes Types { get; }

    /// <summary>The virtuals the dependency provides through this edge; empty when none are recorded.</summary>
    public ValueList Virtuals { get; }

    /// <summary>The edge as <c>name /hash [types] virtuals</c>, e.g. <c>gcc /abcdefg [Build] c,cxx</c>.</summary>
    public override string ToString() =>
        Name + " /" + ShortHash + " [" + Types + "]" + (Virtuals.Count == 0 ? "" : " " + string.Join(",", Virtuals));
}
