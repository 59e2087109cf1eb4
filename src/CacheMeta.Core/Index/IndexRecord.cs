using System.Collections.Generic;

namespace CacheMeta.Index;

/// <summary>The parts of <c>arch</c> a page shows, shared between the records that have the same arch.</summary>
internal sealed class ArchParts
{
    public static readonly ArchParts None = new(null, null, null);

    public ArchParts(string? platform, string? os, string? target)
    {
        Platform = platform;
        OS = os;
        Target = target;
    }

    public string? Platform { get; }

    public string? OS { get; }

    public string? Target { get; }
}

/// <summary>
/// One index record as far as CacheMeta needs it, refilled for every record (no allocation per record).
/// Strings and lists are shared instances from the parser's pools.
/// </summary>
internal sealed class IndexRecord
{
    /// <summary>The package name.</summary>
    public string? Name { get; set; }

    /// <summary>The version as written.</summary>
    public string? Version { get; set; }

    /// <summary>True when the binary is in this cache (records added only to complete the DAG are false).</summary>
    public bool InBuildcache { get; set; }

    /// <summary>Platform, OS and target.</summary>
    public ArchParts Arch { get; set; } = ArchParts.None;

    /// <summary>The node's own <c>compiler</c> (database 7 and older), as <c>name@=version</c>.</summary>
    public string? NodeCompiler { get; set; }

    /// <summary><c>annotations.compiler</c> of a node upgraded from an older format, as <c>name@=version</c>.</summary>
    public string? AnnotatedCompiler { get; set; }

    /// <summary>The hash a build edge for c, cxx or fortran leads to (database 8 and newer).</summary>
    public string? CompilerHash { get; set; }

    /// <summary>The node's direct dependencies in index order (shared edge instances); empty when it has none.</summary>
    public IReadOnlyList<DependencyEdge> Dependencies { get; set; } = System.Array.Empty<DependencyEdge>();

    /// <summary>True when the node is an external (it has an <c>external</c> value): found on the system, never built.</summary>
    public bool External { get; set; }

    /// <summary>The variants as the pages print them.</summary>
    public IReadOnlyList<string> Variants { get; set; } = System.Array.Empty<string>();

    /// <summary>
    /// False when only the name and version were read (the query rules the package out), with the dependencies and
    /// <c>external</c> when the parser reads every record's edges.
    /// </summary>
    public bool Complete { get; set; }

    /// <summary>Takes every value of <paramref name="other"/> (a record another thread's parser filled).</summary>
    public void CopyFrom(IndexRecord other)
    {
        Name = other.Name;
        Version = other.Version;
        InBuildcache = other.InBuildcache;
        Arch = other.Arch;
        NodeCompiler = other.NodeCompiler;
        AnnotatedCompiler = other.AnnotatedCompiler;
        CompilerHash = other.CompilerHash;
        Dependencies = other.Dependencies;
        External = other.External;
        Variants = other.Variants;
        Complete = other.Complete;
    }

    public void Reset()
    {
        Name = null;
        Version = null;
        InBuildcache = false;
        Arch = ArchParts.None;
        NodeCompiler = null;
        AnnotatedCompiler = null;
        CompilerHash = null;
        Dependencies = System.Array.Empty<DependencyEdge>();
        External = false;
        Variants = System.Array.Empty<string>();
        Complete = false;
    }
}
