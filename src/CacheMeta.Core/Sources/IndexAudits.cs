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
    /// <summary>The audit of every index the query's tags choose, one by one; an index that cannot be read is an error value.</summary>
    public static IEnumerable<SourceResult<IndexAudit>> Audit(IIndexSource source, CompiledQuery query, ISourceObserver observer,
        CancellationToken cancellationToken)
    {
        var fetcher = source.Fetcher(observer);
        foreach (var group in source.Groups(query, fetcher, observer, cancellationToken))
        {
            if (group.Error is not null)
            {
                yield return SourceResult<IndexAudit>.Failed(group.Error);
                continue;
            }

            var tag = group.Value!.Tag;
            var root = group.Value.Root;
            HashSet<string>? rootHashes = null;
            if (root is not null)
            {
                yield return Audit(root, tag, null, fetcher, observer, cancellationToken, out var rootGraph);
                rootHashes = rootGraph is null ? null : IndexAuditor.InCacheHashes(rootGraph);
                rootGraph = null; // only its hashes are kept while the stacks are audited
            }

            foreach (var index in group.Value.Indexes)
            {
                if (index != root)
                {
                    yield return Audit(index, tag, rootHashes, fetcher, observer, cancellationToken, out _);
                }
            }
        }
    }

    // One index: its audit, or the error that kept it from being read (the graph is null then).
    private static SourceResult<IndexAudit> Audit(LabelledIndex index, string? tag, HashSet<string>? rootHashes, Http.IndexFetcher fetcher,
        ISourceObserver observer, CancellationToken cancellationToken, out IndexGraph? graph)
    {
        graph = null;
        var fetched = index.Fetch(fetcher, cancellationToken);
        if (fetched.Error is not null)
        {
            return SourceResult<IndexAudit>.Failed(fetched.Error);
        }

        using LocalIndex local = fetched.Value!;
        try
        {
            graph = IndexGraphReader.Read(local, IndexAuditor.ReadOptions(observer, tag), cancellationToken);
        }
        catch (CacheMetaException ex)
        {
            return SourceResult<IndexAudit>.Failed(ex);
        }

        return SourceResult<IndexAudit>.Of(new IndexAudit(local.Origin, graph.Count, IndexAuditor.Audit(graph, tag, rootHashes)));
    }
}

/// <summary>What the audit of one index found.</summary>
internal sealed class IndexAudit
{
    public IndexAudit(string source, int records, IReadOnlyList<CacheIndexFinding> findings)
    {
        Source = source;
        Records = records;
        Findings = findings;
    }

    /// <summary>The index file or URL.</summary>
    public string Source { get; }

    /// <summary>How many records it has that could be read.</summary>
    public int Records { get; }

    /// <summary>The findings, rule by rule.</summary>
    public IReadOnlyList<CacheIndexFinding> Findings { get; }
}
