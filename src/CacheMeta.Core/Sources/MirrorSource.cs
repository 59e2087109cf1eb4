using System;
using System.Collections.Generic;
using System.Threading;
using CacheMeta.Http;
using CacheMeta.Query;

namespace CacheMeta.Sources;

/// <summary>
/// Single build caches, as a site's own mirrors: each address is a mirror root (v3 or v2 layout, found by
/// looking), an <c>index.json</c>, an index manifest or an index blob; a URL or an absolute path of a folder or file.
/// A mirror has no tag and no stacks, so its specs have neither.
/// </summary>
internal sealed class MirrorSource : IIndexSource
{
    private readonly FetchOptions _fetch;

    /// <summary>Creates the source.</summary>
    public MirrorSource(IReadOnlyList<string> addresses, FetchOptions fetch)
    {
        Addresses = addresses;
        _fetch = fetch;
    }

    /// <summary>The mirrors' addresses.</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <inheritdoc />
    public bool ReadsIndexes => true;

    /// <inheritdoc />
    public IEnumerable<SourceResult<CacheSpec>> ReadSpecs(CompiledQuery query, ISourceObserver observer, CancellationToken cancellationToken) =>
        Read(observer, (reader, group) => reader.ReadSpecs(group, query, completeStacks: false, cancellationToken));

    /// <inheritdoc />
    public IEnumerable<SourceResult<CachePackage>> ReadPackages(CompiledQuery query, ISourceObserver observer, CancellationToken cancellationToken) =>
        Read(observer, (reader, group) => reader.ReadPackages(group, query, completeStacks: false, cancellationToken));

    /// <inheritdoc />
    public IndexFetcher Fetcher(ISourceObserver observer) => new(_fetch, observer);

    /// <inheritdoc />
    public IEnumerable<SourceResult<IndexGroup>> Groups(CompiledQuery query, IndexFetcher fetcher, ISourceObserver observer, CancellationToken cancellationToken)
    {
        foreach (string address in Addresses)
        {
            var index = LabelledIndex.Create(null, address, ErrorIds.IndexNotFound);
            yield return index.Error is not null
                ? SourceResult<IndexGroup>.Failed(index.Error)
                : SourceResult<IndexGroup>.Of(new IndexGroup(null, new[] { index.Value! }));
        }
    }

    /// <inheritdoc />
    /// <remarks>A mirror's specs name the index they were read from; each of its addresses is a graph of its own.</remarks>
    public string GraphKey(CacheSpec spec) => spec.Source ?? string.Empty;

    private IEnumerable<SourceResult<T>> Read<T>(ISourceObserver observer, Func<IndexGroupReader, IndexGroup, IEnumerable<SourceResult<T>>> readGroup)
        where T : class
    {
        var fetcher = Fetcher(observer);
        var reader = new IndexGroupReader(fetcher, observer, this);
        foreach (var group in Groups(CompiledQuery.All, fetcher, observer, CancellationToken.None))
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
}
