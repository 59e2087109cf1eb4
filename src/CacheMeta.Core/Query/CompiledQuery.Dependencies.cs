using System;
using CacheMeta.Query.Spec;

namespace CacheMeta.Query;

// Dependency matching: -Spec constraints with ^ terms, answered on an index's graph, and what a graph must keep for them.
internal sealed partial class CompiledQuery
{
    /// <summary>Throws InvalidSpecSyntax, pointing at the first <c>^</c>, when the query has dependency constraints:
    /// for sources that record no dependencies (pages).</summary>
    internal void RejectDependencyConstraints()
    {
        foreach (var spec in Specs)
        {
            if (spec.HasDependencies)
            {
                throw spec.DependenciesNotRecorded();
            }
        }
    }

    /// <summary>
    /// True when a graph must keep the values (compiler, arch, variants) of this package's records: it may be a spec
    /// the query returns, or a dependency a <c>^</c> term asks more of than a name, version or hash.
    /// </summary>
    internal bool NeedsRecordValues(string name)
    {
        if (MatchesName(name))
        {
            return true;
        }

        foreach (var spec in Specs)
        {
            foreach (var dependency in spec.Dependencies)
            {
                if (dependency.NeedsValues && dependency.MatchesName(name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Every spec-level criterion on a record of an index, <c>^</c> terms answered by the index's graph: the filter
    /// parameters through the record check, then the -Spec constraints, dependencies and all, on the graph.
    /// </summary>
    internal bool MatchesSpec(CacheSpec spec, IDependencyGraph graph)
    {
        if (!HasDependencyConstraints)
        {
            return MatchesSpec(spec, (QueryMemo?)null);
        }

        return MatchesHash(spec.Hash)
            && MatchesParameters(null, spec.Compiler, spec.OS, spec.Platform, spec.Target, spec.TargetFamily, spec.Versions,
                spec.Variants, spec.Stacks)
            && Array.Exists(_specs!, c => c.Matches(spec, graph));
    }
}
