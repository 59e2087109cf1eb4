using System;
using System.Collections.Generic;

namespace CacheMeta;

/// <summary>
/// One dependency of a spec (or, walking the other way, one dependent), with what its index says about it: the
/// output of Get-CacheDependency. <see cref="Types"/> and <see cref="Virtuals"/> are those of the edge through
/// which the walk reached it, from <see cref="Parent"/> (or from <see cref="Root"/> at depth 1).
/// </summary>
public sealed class CacheDependency
{
    /// <summary>Creates a dependency record.</summary>
    public CacheDependency(CacheSpec root, CacheDependency? parent, string name, SpackVersion? version, string hash,
        DependencyTypes types, IReadOnlyList<string> virtuals, int depth, DependencyStatus status, CacheSpec? spec)
    {
        Root = root ?? throw new ArgumentNullException(nameof(root));
        Parent = parent;
        Name = name ?? throw new ArgumentNullException(nameof(name));
        ParsedVersion = version;
        Hash = hash ?? throw new ArgumentNullException(nameof(hash));
        Types = types;
        Virtuals = ValueList.From(virtuals);
        Depth = depth;
        Status = status;
        Spec = spec;
    }

    /// <summary>The spec the question is about.</summary>
    public CacheSpec Root { get; }

    /// <summary>The dependency (or dependent) through which this one was first reached; null at depth 1, reached from <see cref="Root"/>.</summary>
    public CacheDependency? Parent { get; }

    /// <summary>The package name.</summary>
    public string Name { get; }

    /// <summary>The version its record gives; null when no record has the hash (<see cref="DependencyStatus.Missing"/>).</summary>
    /// <remarks>Text, so that ConvertTo-Json and Export-Csv write <c>"1.3.1"</c>; in PowerShell a code property
    /// (CacheMeta.psm1) puts the <see cref="SpackVersion"/> in front, which sorts as Spack orders versions.</remarks>
    public string? Version => ParsedVersion?.Text;

    /// <summary>The version as a version.</summary>
    internal SpackVersion? ParsedVersion { get; }

    /// <summary>The DAG hash.</summary>
    public string Hash { get; }

    /// <summary>The first 7 characters of the hash.</summary>
    public string ShortHash => Hash.Length <= 7 ? Hash : Hash.Substring(0, 7);

    /// <summary>The types of the edge this dependency was reached through.</summary>
    public DependencyTypes Types { get; }

    /// <summary>The virtuals that edge provides (<c>mpi</c>, <c>c</c>); empty when none are recorded.</summary>
    public ValueList Virtuals { get; }

    /// <summary>1 for a direct dependency (or dependent); otherwise the shortest distance from <see cref="Root"/>.</summary>
    public int Depth { get; }

    /// <summary>InCache, NotInCache, External or Missing.</summary>
    public DependencyStatus Status { get; }

    /// <summary>The dependency's own spec record when it is in the build cache; null otherwise.</summary>
    public CacheSpec? Spec { get; }

    /// <summary><c>name@version /hash (status)</c>, e.g. <c>zlib-ng@2.2.1 /abcdefg (InCache)</c>.</summary>
    public override string ToString() =>
        Name + (Version is null ? "" : "@" + Version) + " /" + ShortHash + " (" + Status + ")";
}
