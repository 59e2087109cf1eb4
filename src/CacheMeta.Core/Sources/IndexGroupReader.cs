using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Threading;
using CacheMeta.Aggregation;
using CacheMeta.Http;
using CacheMeta.Index;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Text;

namespace CacheMeta.Sources;

/// <summary>One index of a group: a stack's label (null for a lone mirror) and its address.</summary>
internal sealed class LabelledIndex
{
    public LabelledIndex(string? label, string address, IndexLocation location)
    {
        Label = label;
        Address = address;
        Location = location;
    }

    public string? Label { get; }

    public string Address { get; }

    public IndexLocation Location { get; }

    /// <summary>The entry, or the error (with <paramref name="errorId"/>) that says why the address is unusable.</summary>
    public static LabelledIndex? Create(string? label, string address, string? baseFolder, ErrorId errorId, out PageResult? error)
    {
        error = null;
        try
        {
            return new LabelledIndex(label, address, IndexLocation.Parse(address, baseFolder));
        }
        catch (ArgumentException ex)
        {
            error = PageResult.Failed(address, new CacheMetaException(errorId, CacheErrorKind.InvalidArgument, ex.Message, address, innerException: ex));
            return null;
        }
    }
}

/// <summary>
/// Reads a group of indexes that share a tag (a catalog tag's root and stack indexes, or one mirror) as
/// page results. Which indexes are read is the query's business:
/// <list type="bullet">
/// <item>Specs come from the tag's <c>root</c> index, or, when the query names stacks, from those stacks'
/// indexes only (a spec in several of them is written once).</item>
/// <item>A spec's Stacks are <c>root</c> (the tag's whole cache holds every spec) plus the stacks of the
/// indexes read that hold its hash. With <c>completeStacks</c> every stack index of the tag is read for its
/// hashes first and the specs come from <c>root</c>, so Stacks are complete, exactly as cache.spack.io
/// computes them.</item>
/// </list>
/// Specs stream as single-spec results (an index lists records by hash, not by package); with
/// <see cref="PageReadOptions.PackageOnly"/> the group's specs are gathered and each package is aggregated
/// into a whole page by <see cref="PageAggregator"/>. An index that fails is an error result; the others are still read.
/// </summary>
internal sealed class IndexGroupReader
{
    private readonly IndexFetcher _fetcher;
    private readonly ISourceObserver _observer;

    public IndexGroupReader(IndexFetcher fetcher, ISourceObserver observer)
    {
        _fetcher = fetcher;
        _observer = observer;
    }

    public IEnumerable<PageResult> Read(string? tag, IReadOnlyList<LabelledIndex> group, CompiledQuery query,
        bool packageOnly, bool completeStacks, CancellationToken cancellationToken)
    {
        var root = group.FirstOrDefault(i => i.Label == Catalog.RootLabel);
        var (sources, members) = Plan(group, root, query, completeStacks);
        var membership = new StackMembership(root is null ? Array.Empty<string>() : new[] { Catalog.RootLabel });
        var opened = new Dictionary<LabelledIndex, LocalIndex>();
        try
        {
            // Hashes first: the stacks not read for specs, and every spec index but the first (read as it streams).
            foreach (var result in ReadHashes(members.Concat(sources.Skip(1)), sources, membership, opened, cancellationToken))
            {
                yield return result;
            }

            var results = new List<PageResult>();
            var claimed = sources.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
            var packages = packageOnly ? new Dictionary<string, List<CacheSpec>>(StringComparer.Ordinal) : null;
            foreach (var index in sources)
            {
                var local = opened.TryGetValue(index, out var held) ? held : Fetch(index, results, cancellationToken);
                foreach (var result in results)
                {
                    yield return result;
                }

                results.Clear();
                if (local is null)
                {
                    continue;
                }

                var context = new IndexReadContext(tag, query, h => membership.StacksOf(h, index.Label), _observer)
                {
                    Claimed = claimed,
                    PackageOnly = packageOnly,
                    SawRecord = index.Label is null || index == root ? null : h => membership.Add(h, index.Label),
                };
                using (local)
                {
                    foreach (var result in Specs(local, context, packages, cancellationToken))
                    {
                        yield return result;
                    }
                }
            }

            if (packages is not null)
            {
                string origin = sources.Count > 0 ? sources[0].Location.Address : string.Empty;
                foreach (var package in packages.OrderBy(p => p.Key, CodePointComparer.Instance))
                {
                    yield return PageResult.Read(origin, PageAggregator.Aggregate(package.Key, tag, package.Value, origin));
                }
            }
        }
        finally
        {
            foreach (var local in opened.Values)
            {
                local.Dispose(); // a reader stopped early (Select-Object -First) leaves no file open
            }
        }
    }

    // Learns which hashes each stack index holds; spec indexes among them are kept (fetched once) for their turn.
    private IEnumerable<PageResult> ReadHashes(IEnumerable<LabelledIndex> indexes, List<LabelledIndex> sources,
        StackMembership membership, Dictionary<LabelledIndex, LocalIndex> opened, CancellationToken cancellationToken)
    {
        var results = new List<PageResult>();
        foreach (var index in indexes)
        {
            var local = Fetch(index, results, cancellationToken);
            if (local is not null && index.Label is not null)
            {
                ScanHashes(local, index.Label, membership, results, cancellationToken);
            }

            if (local is not null && sources.Contains(index))
            {
                opened[index] = local;
            }
            else
            {
                local?.Dispose();
            }

            foreach (var result in results)
            {
                yield return result;
            }

            results.Clear();
        }
    }

    // Which indexes give specs and which only say which hashes a stack holds.
    private static (List<LabelledIndex> Sources, List<LabelledIndex> Members) Plan(IReadOnlyList<LabelledIndex> group,
        LabelledIndex? root, CompiledQuery query, bool completeStacks)
    {
        List<LabelledIndex> sources;
        if (!completeStacks && query.StackValues is not null)
        {
            sources = group.Where(i => i.Label is not null && query.MatchesStacks(new[] { i.Label })).ToList();
        }
        else
        {
            sources = root is not null ? new List<LabelledIndex> { root } : group.ToList();
        }

        var members = completeStacks ? group.Where(i => !sources.Contains(i)).ToList() : new List<LabelledIndex>();
        return (sources, members);
    }

    private IEnumerable<PageResult> Specs(LocalIndex local, IndexReadContext context, Dictionary<string, List<CacheSpec>>? packages,
        CancellationToken cancellationToken)
    {
        using var specs = new IndexSpecReader(local, context).Read(cancellationToken).GetEnumerator();
        while (true)
        {
            CacheMetaException? error = null;
            try
            {
                if (!specs.MoveNext())
                {
                    break;
                }
            }
            catch (CacheMetaException ex)
            {
                error = ex;
            }

            if (error is not null)
            {
                yield return PageResult.Failed(error.Target ?? local.Origin, error);
                yield break;
            }

            var spec = specs.Current;
            if (packages is null)
            {
                yield return PageResult.Read(local.Origin, SinglePage(spec, local.Origin));
            }
            else
            {
                if (!packages.TryGetValue(spec.Package, out var list))
                {
                    packages[spec.Package] = list = new List<CacheSpec>();
                }

                list.Add(spec);
            }
        }
    }

    private void ScanHashes(LocalIndex local, string label, StackMembership membership, List<PageResult> results,
        CancellationToken cancellationToken)
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
        }
        catch (CacheMetaException ex)
        {
            results.Add(PageResult.Failed(ex.Target ?? local.Origin, ex));
        }
    }

    private LocalIndex? Fetch(LabelledIndex index, List<PageResult> results, CancellationToken cancellationToken)
    {
        try
        {
            return _fetcher.Fetch(index.Location, cancellationToken);
        }
        catch (CacheMetaException ex)
        {
            results.Add(PageResult.Failed(ex.Target ?? index.Address, ex));
            return null;
        }
    }

    // One spec as a page: sources that list records by hash hand specs out one at a time (see ICacheSource);
    // consumers of specs read Specs, so the summary carries only the name and count.
    private static CachePage SinglePage(CacheSpec spec, string origin)
    {
        var specs = new ReadOnlyCollection<CacheSpec>(new[] { spec });
        var summary = new CachePackage(spec.Package, spec.Tag, 1, null, null, null, null, null, null, null, origin);
        var categories = new ReadOnlyCollection<string>(spec.Tag is null ? new[] { PageKeys.PackageCategory } : new[] { PageKeys.PackageCategory, spec.Tag });
        return new CachePage(origin, spec.Package, "cache", categories, spec.Tag, summary, null, specs, 1, PageSpecLayout.SpecDetails);
    }
}
