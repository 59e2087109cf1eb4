using System;
using System.Linq;
using System.Threading;
using CacheMeta.Audit;
using CacheMeta.Graph;
using CacheMeta.Index;
using CacheMeta.Query;
using CacheMeta.Sources;

namespace CacheMeta.Bench;

/// <summary>
/// Index questions whose cmdlets are not on this branch yet, asked of the engine the cmdlets call: a <c>^</c> query
/// (Get-CacheSpec -Spec through the index's graph) and the audit of Test-CacheIndex.
/// </summary>
internal static class IndexEngine
{
    /// <summary>How many specs of the index match <paramref name="spec"/>, answered on its graph.</summary>
    public static int Query(string file, string spec)
    {
        var query = new CompiledQuery(new SpecQuery { Spec = new[] { spec } });
        using var index = LocalIndex.TryOpen(file, file) ?? throw new InvalidOperationException($"{file} does not exist.");
        var graph = IndexGraphReader.Read(index, new GraphReadOptions { ValuesFor = query.NeedsRecordValues }, CancellationToken.None);
        return graph.Specs.Count(s => query.MatchesName(s.Package) && query.MatchesSpec(s, graph));
    }

    /// <summary>How many findings the audit of the index has.</summary>
    public static int Audit(string file)
    {
        using var index = LocalIndex.TryOpen(file, file) ?? throw new InvalidOperationException($"{file} does not exist.");
        var graph = IndexGraphReader.Read(index, IndexAuditor.ReadOptions(NullSourceObserver.Instance, null), CancellationToken.None);
        return IndexAuditor.Audit(graph, null, null).Count;
    }
}
