using System.Collections.Generic;

namespace CacheMeta.Index;

/// <summary>
/// Compilers as the pages write them. Spack 0.20 to 0.23 (database 7 and older) print a node's compiler
/// with an exact version, <c>gcc@=11.4.0</c>; Spack 1.x (database 8 and newer) shows the compiler node as
/// <c>gcc@11.4.0</c>; a spec built without one is <c>none</c>.
/// </summary>
internal static class CompilerText
{
    /// <summary>What a spec without a compiler shows.</summary>
    public const string None = "none";

    /// <summary><c>name@=version</c>, or the name alone when the version is unknown.</summary>
    public static string Exact(string name, string? version) => version is null ? name : name + "@=" + version;

    /// <summary><c>name@version</c>, or the name alone when the version is unknown.</summary>
    public static string Plain(string name, string? version) => version is null ? name : name + "@" + version;

    /// <summary>
    /// A compiler kept in <c>annotations.compiler</c> when Spack 1.x upgraded an older node: it was an old-style
    /// node compiler, so it shows as one (<c>gcc@=11.4.0</c>) whichever way the annotation wrote it.
    /// </summary>
    public static string ExactFromSpec(string spec)
    {
        var (name, version) = CompilerId.Split(spec);
        return name is null || version is null ? spec : Exact(name, version);
    }

    /// <summary>
    /// A database 8 node's compiler among its edges: the node reached by a <c>build</c> edge whose virtuals include
    /// <c>c</c>, <c>cxx</c> or <c>fortran</c>, preferred in that order when they differ (the C compiler is the one a
    /// spec is usually said to be built with), the first such edge when several tie. Null when there is none.
    /// </summary>
    public static string? CompilerHash(IReadOnlyList<DependencyEdge> edges)
    {
        string? best = null;
        int bestRank = int.MaxValue;
        for (int e = 0; e < edges.Count; e++) // indexed: foreach over the interface makes an enumerator per record
        {
            var edge = edges[e];
            if ((edge.Types & DependencyTypes.Build) == 0)
            {
                continue;
            }

            var virtuals = edge.Virtuals;
            for (int v = 0; v < virtuals.Count; v++)
            {
                string provided = virtuals[v];
                int rank = provided switch { "c" => 0, "cxx" => 1, "fortran" => 2, _ => int.MaxValue };
                if (rank < bestRank)
                {
                    bestRank = rank;
                    best = edge.Hash;
                }
            }
        }

        return best;
    }
}
