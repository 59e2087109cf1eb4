using System.Collections.Generic;
using System.Threading;
using CacheMeta.Http;
using CacheMeta.Query;

namespace CacheMeta.Sources;

/// <summary>
/// A source made of build-cache indexes (mirrors, catalogs), which record each spec's dependencies: besides its
/// specs it gives its groups of indexes, for whole-index work: the audit (<see cref="IndexAudits"/>) and the graph a
/// spec's dependencies are walked in (<see cref="IndexGraphs"/>).
/// </summary>
internal interface IIndexSource : ISpecSource
{
    /// <summary>A fetcher for one piece of work, reporting to <paramref name="observer"/>.</summary>
    IndexFetcher Fetcher(ISourceObserver observer);

    /// <summary>
    /// The groups the query's tags choose (a catalog: one per tag, <c>develop</c> when it names none; a mirror: one per
    /// address, with no tag), with an unusable catalog or entry as an error value.
    /// </summary>
    IEnumerable<SourceResult<IndexGroup>> Groups(CompiledQuery query, IndexFetcher fetcher, ISourceObserver observer, CancellationToken cancellationToken);

    /// <summary>
    /// Names the index whose graph holds <paramref name="spec"/>'s dependencies, among this source's: the same key
    /// for every spec of one graph (a catalog tag's root index; a mirror's index the spec was read from).
    /// </summary>
    string GraphKey(CacheSpec spec);
}
