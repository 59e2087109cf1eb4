using System.Collections.Generic;
using System.Threading;
using CacheMeta.Audit;
using CacheMeta.Graph;
using CacheMeta.Index;
using CacheMeta.Query;

namespace CacheMeta.Sources;

/// <summary>
/// Audits every index of an index source (Test-CacheIndex): per group (a catalog tag, a mirror) the tag's root index
/// first, then each stack's index against the root's build cache (<see cref="IndexRules.StackSpecNotInRoot"/>). Each
/// index is read once, streaming, into a graph without spec records (<see cref="IndexAuditor.ReadOptions"/>), and
/// dropped once its findings are made; only the root's in-cache hashes are kept while its stacks are audited.
/// </summary>
internal static class IndexAudits
{
    /// <summary>The findings of every index the query's tags choose, index by index; an index that cannot be read is an error value.</summary>
    public static IEnumerable<SourceResult<CacheIndexFinding>> Audit(IIndexSource source, CompiledQuery query, ISourceObserver observer,
        CancellationToken cancellationToken)
    {
        var fetcher = source.Fetcher(observer);
        foreach (var group in source.Groups(query, fetcher, observer, cancellationToken))
        {
            if (group.Error is not null)
            {
                yield return SourceResult<CacheIndexFinding>.Failed(group.Error);
                continue;
            }

            var tag = group.Value!.Tag;
            var root = group.Value.Root;
            HashSet<string>? rootHashes = null;
            if (root is not null)
            {
                var audited = Audit(root, tag, null, fetcher, observer, cancellationToken, out var rootGraph);
                foreach (var result in audited)
                {
                    yield return result;
                }

                rootHashes = rootGraph is null ? null : IndexAuditor.InCacheHashes(rootGraph);
            }

            foreach (var index in group.Value.Indexes)
            {
                if (index != root)
                {
                    foreach (var result in Audit(index, tag, rootHashes, fetcher, observer, cancellationToken, out _))
                    {
                        yield return result;
                    }
                }
            }
        }
    }

    // One index: its findings, or the error that kept it from being read (the graph is null then).
    private static List<SourceResult<CacheIndexFinding>> Audit(LabelledIndex index, string? tag, HashSet<string>? rootHashes, Http.IndexFetcher fetcher,
        ISourceObserver observer, CancellationToken cancellationToken, out IndexGraph? graph)
    {
        graph = null;
        var fetched = index.Fetch(fetcher, cancellationToken);
        if (fetched.Error is not null)
        {
            return new List<SourceResult<CacheIndexFinding>> { SourceResult<CacheIndexFinding>.Failed(fetched.Error) };
        }

        using LocalIndex local = fetched.Value!;
        try
        {
            graph = IndexGraphReader.Read(local, IndexAuditor.ReadOptions(observer, tag), cancellationToken);
        }
        catch (CacheMetaException ex)
        {
            return new List<SourceResult<CacheIndexFinding>> { SourceResult<CacheIndexFinding>.Failed(ex) };
        }

        var findings = new List<SourceResult<CacheIndexFinding>>();
        foreach (var finding in IndexAuditor.Audit(graph, tag, rootHashes))
        {
            findings.Add(SourceResult<CacheIndexFinding>.Of(finding));
        }

        observer.Verbose($"{local.Origin}: {graph.Count:N0} records, {graph.EdgeCount:N0} edges, {findings.Count} findings.");
        return findings;
    }
}
