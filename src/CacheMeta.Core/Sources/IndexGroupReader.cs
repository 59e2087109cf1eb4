using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CacheMeta.Aggregation;
using CacheMeta.Http;
using CacheMeta.Index;
using CacheMeta.Query;
using CacheMeta.Text;
using CacheMeta.Completion;

namespace CacheMeta.Sources;

/// <summary>
/// Reads a group of indexes that share a tag (a catalog tag's root and stack indexes, or one mirror). Which indexes
/// are read is the query's business:
/// <list type="bullet">
/// <item>Specs come from the tag's <c>root</c> index, or, when the query names stacks, from those stacks'
/// indexes only (a spec in several of them is written once).</item>
/// <item>A spec's Stacks are <c>root</c> (the tag's whole cache holds every spec) plus the stacks of the
/// indexes read that hold its hash. With <c>completeStacks</c> every stack index of the tag is read for its
/// hashes first and the specs come from <c>root</c>, so Stacks are complete, exactly as cache.spack.io
/// computes them.</item>
/// </list>
/// Specs stream while an index is read; a package's summary is computed from its specs once the group is read.
/// An index that fails is an error value and the others are still read.
/// </summary>
internal sealed class IndexGroupReader
{
    private readonly IndexFetcher _fetcher;
    private readonly ISourceObserver _observer;
    private readonly ISpecSource _origin;

    /// <summary>A reader whose specs and packages name <paramref name="origin"/> as their source.</summary>
    public IndexGroupReader(IndexFetcher fetcher, ISourceObserver observer, ISpecSource origin)
    {
        _fetcher = fetcher;
        _observer = observer;
        _origin = origin;
    }

    public IEnumerable<SourceResult<CacheSpec>> ReadSpecs(IndexGroup group, CompiledQuery query, bool completeStacks,
        CancellationToken cancellationToken)
    {
        query.Census?.Observe(CompletionField.Tag, group.Tag);
        if (!query.MatchesTag(group.Tag))
        {
            yield break; // a mirror has no tag, so -Tag rules it out, as Where-Object Tag would
        }

        var (sources, members) = Plan(group, query, completeStacks);
        var membership = new StackMembership(group.Root is null ? Array.Empty<string>() : new[] { Catalog.RootLabel });
        var held = new Dictionary<LabelledIndex, LocalIndex>();
        try
        {
            // Hashes first: the stacks not read for specs, and every spec index but the first (read as it streams).
            foreach (var index in members.Concat(sources.Skip(1)))
            {
                var fetched = Fetch(index, cancellationToken);
                if (fetched.Error is not null)
                {
                    yield return SourceResult<CacheSpec>.Failed(fetched.Error);
                    continue;
                }

                var local = fetched.Value!;
                if (index.Label is not null && ScanHashes(local, index.Label, membership, cancellationToken) is { } failed)
                {
                    yield return SourceResult<CacheSpec>.Failed(failed);
                }

                if (sources.Contains(index))
                {
                    held[index] = local; // fetched once, read for its specs in its turn
                }
                else
                {
                    local.Dispose();
                }
            }

            var given = sources.Count > 1 ? new SpecDeduplicator() : null;
            foreach (var index in sources)
            {
                if (!held.TryGetValue(index, out var local))
                {
                    var fetched = Fetch(index, cancellationToken);
                    if (fetched.Error is not null)
                    {
                        yield return SourceResult<CacheSpec>.Failed(fetched.Error);
                        continue;
                    }

                    local = fetched.Value!;
                }

                held.Remove(index);
                var scope = new IndexReadScope(group.Tag, membership, index.Label, recordsMembership: index != group.Root, given, _origin);
                using (local)
                {
                    foreach (var result in SourceResults.Catching(Specs(local, scope, query, cancellationToken)))
                    {
                        yield return result;
                    }
                }
            }
        }
        finally
        {
            foreach (var local in held.Values)
            {
                local.Dispose(); // a reader stopped early (Select-Object -First) leaves no file open
            }
        }
    }

    /// <summary>One summary per package of the group's matching specs, in code-point order of the names, once the group is read.</summary>
    public IEnumerable<SourceResult<CachePackage>> ReadPackages(IndexGroup group, CompiledQuery query, bool completeStacks,
        CancellationToken cancellationToken)
    {
        var packages = new Dictionary<string, List<CacheSpec>>(StringComparer.Ordinal);
        foreach (var result in ReadSpecs(group, query, completeStacks, cancellationToken))
        {
            if (result.Error is not null)
            {
                yield return SourceResult<CachePackage>.Failed(result.Error);
                continue;
            }

            var spec = result.Value!;
            if (!packages.TryGetValue(spec.Package, out var list))
            {
                packages[spec.Package] = list = new List<CacheSpec>();
            }

            list.Add(spec);
        }

        foreach (var package in packages.OrderBy(p => p.Key, CodePointComparer.Instance))
        {
            var summary = PackageSummary.Compute(package.Key, group.Tag, package.Value, package.Value[0].Source);
            summary.Origin = _origin;
            yield return SourceResult<CachePackage>.Of(summary);
        }
    }

    // Which indexes give specs and which only say which hashes a stack holds.
    private static (List<LabelledIndex> Sources, List<LabelledIndex> Members) Plan(IndexGroup group, CompiledQuery query, bool completeStacks)
    {
        List<LabelledIndex> sources;
        if (!completeStacks && query.StackValues is not null)
        {
            sources = group.Indexes.Where(i => i.Label is not null && query.MatchesStacks(new[] { i.Label })).ToList();
        }
        else
        {
            sources = group.Root is not null ? new List<LabelledIndex> { group.Root } : group.Indexes.ToList();
        }

        var members = completeStacks ? group.Indexes.Where(i => !sources.Contains(i)).ToList() : new List<LabelledIndex>();
        return (sources, members);
    }

    // Notes which hashes a stack's index holds; the error that stopped it, if any.
    private CacheMetaException? ScanHashes(LocalIndex local, string label, StackMembership membership, CancellationToken cancellationToken)
    {
        var progress = new FileProgress(_observer, "Reading stack hashes", local.Origin);
        try
        {
            using var document = new IndexDocumentReader(() =>
            {
                var stream = local.Open(out var file);
                progress.Track(file);
                return stream;
            }, local.Origin);
            document.Open();
            while (document.NextKeyOnly(out string hash))
            {
                cancellationToken.ThrowIfCancellationRequested();
                membership.Add(hash, label);
                progress.Tick();
            }

            progress.Complete();
            return null;
        }
        catch (CacheMetaException ex)
        {
            return ex;
        }
    }

    // A query with ^ terms needs the index's graph; any other streams through the spec reader, which reads no more than it needs.
    private IEnumerable<CacheSpec> Specs(LocalIndex local, IndexReadScope scope, CompiledQuery query, CancellationToken cancellationToken) =>
        query.HasDependencyConstraints
            ? GraphSpecReader.Read(local, scope, query, _observer, cancellationToken)
            : new IndexSpecReader(local, scope, query, _observer).Read(cancellationToken);

    private SourceResult<LocalIndex> Fetch(LabelledIndex index, CancellationToken cancellationToken) => index.Fetch(_fetcher, cancellationToken);
}
