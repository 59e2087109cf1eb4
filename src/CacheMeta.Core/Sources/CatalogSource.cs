using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CacheMeta.Completion;
using CacheMeta.Http;
using CacheMeta.Query;
using CacheMeta.Text;

namespace CacheMeta.Sources;

/// <summary>
/// Build caches listed by a catalog in the shape of the public <c>cache_spack_io_index.json</c>: per tag a
/// <c>root</c> index and one index per stack. The query's tags choose the tags (the <c>develop</c> tag when it
/// names none) and its stacks choose which indexes are read (see <see cref="IndexGroupReader"/>).
/// The catalog is a URL (cached and refreshed with If-None-Match) or a local file; relative entries are taken
/// against the catalog's own address.
/// </summary>
internal sealed class CatalogSource : IIndexSource
{
    private readonly FetchOptions _fetch;
    private readonly bool _completeStacks;

    /// <summary>
    /// Creates the source for the catalog at <paramref name="address"/> (a URL or an absolute path). With
    /// <paramref name="completeStacks"/> every stack index of a tag is read so that each spec's Stacks are complete;
    /// otherwise only the indexes that can hold matching specs are read.
    /// </summary>
    public CatalogSource(string address, FetchOptions fetch, bool completeStacks = false)
    {
        Address = address;
        _fetch = fetch;
        _completeStacks = completeStacks;
    }

    /// <summary>The catalog's address.</summary>
    public string Address { get; }

    /// <inheritdoc />
    public bool ReadsIndexes => true;

    /// <inheritdoc />
    public IEnumerable<SourceResult<CacheSpec>> ReadSpecs(CompiledQuery query, ISourceObserver observer, CancellationToken cancellationToken) =>
        Read(query, observer, cancellationToken, (reader, group) => reader.ReadSpecs(group, query, _completeStacks, cancellationToken));

    /// <inheritdoc />
    public IEnumerable<SourceResult<CachePackage>> ReadPackages(CompiledQuery query, ISourceObserver observer, CancellationToken cancellationToken) =>
        Read(query, observer, cancellationToken, (reader, group) => reader.ReadPackages(group, query, _completeStacks, cancellationToken));

    /// <summary>The catalog itself (its tags and their stacks), or the error that stopped its reading.</summary>
    public SourceResult<Catalog> Load(ISourceObserver observer, CancellationToken cancellationToken) =>
        Load(new IndexFetcher(_fetch, observer), cancellationToken);

    private SourceResult<Catalog> Load(IndexFetcher fetcher, CancellationToken cancellationToken)
    {
        try
        {
            return SourceResult<Catalog>.Of(Catalog.Load(Address, fetcher, cancellationToken));
        }
        catch (CacheMetaException ex)
        {
            return SourceResult<Catalog>.Failed(ex);
        }
    }

    /// <inheritdoc />
    public IndexFetcher Fetcher(ISourceObserver observer) => new(_fetch, observer);

    /// <inheritdoc />
    public IEnumerable<SourceResult<IndexGroup>> Groups(CompiledQuery query, IndexFetcher fetcher, ISourceObserver observer, CancellationToken cancellationToken)
    {
        var loaded = Load(fetcher, cancellationToken);
        if (loaded.Error is not null)
        {
            yield return SourceResult<IndexGroup>.Failed(loaded.Error);
            yield break;
        }

        var catalog = loaded.Value!;
        foreach (string tag in Tags(catalog, query))
        {
            var indexes = new List<LabelledIndex>();
            foreach (var entry in catalog.EntriesOf(tag))
            {
                var index = LabelledIndex.Create(entry.Label, entry.Address, ErrorIds.InvalidCatalog);
                if (index.Error is not null)
                {
                    yield return SourceResult<IndexGroup>.Failed(index.Error);
                }
                else
                {
                    indexes.Add(index.Value!);
                }
            }

            observer.Verbose($"Tag '{tag}': {Plural.Count(indexes.Count, "index", "indexes")} listed.");
            yield return SourceResult<IndexGroup>.Of(new IndexGroup(tag, indexes));
        }
    }

    /// <inheritdoc />
    /// <remarks>A catalog's graph of a tag is its root index, the tag's whole cache, whichever index gave the spec.</remarks>
    public string GraphKey(CacheSpec spec) => spec.Tag ?? string.Empty;

    private IEnumerable<SourceResult<T>> Read<T>(CompiledQuery query, ISourceObserver observer, CancellationToken cancellationToken,
        Func<IndexGroupReader, IndexGroup, IEnumerable<SourceResult<T>>> readGroup)
        where T : class
    {
        var fetcher = Fetcher(observer);
        var reader = new IndexGroupReader(fetcher, observer, this);
        foreach (var group in Groups(query, fetcher, observer, cancellationToken))
        {
            if (group.Error is not null)
            {
                yield return SourceResult<T>.Failed(group.Error);
                continue;
            }

            foreach (var result in readGroup(reader, group.Value!))
            {
                yield return result;
            }
        }
    }

    // The tags the query names (develop when it names none). The census sees every tag, and the stacks of the
    // chosen ones, so a tag or stack named with a typing error is reported with the names the catalog has.
    private static List<string> Tags(Catalog catalog, CompiledQuery query)
    {
        var tags = query.TagValues is null
            ? catalog.Tags.Where(t => t == Catalog.DefaultTag).ToList()
            : catalog.Tags.Where(query.MatchesTag).ToList();
        if (query.Census is { } census)
        {
            foreach (string tag in catalog.Tags)
            {
                census.Observe(CompletionField.Tag, tag);
            }

            foreach (var entry in tags.SelectMany(catalog.EntriesOf))
            {
                census.Observe(CompletionField.Stack, entry.Label);
            }
        }

        return tags;
    }
}
