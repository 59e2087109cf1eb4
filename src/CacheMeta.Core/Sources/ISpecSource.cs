using System.Collections.Generic;
using System.Threading;
using CacheMeta.Query;

namespace CacheMeta.Sources;

/// <summary>
/// A place spec records come from: a tree of cache pages, single build caches (mirrors), a catalog of tagged build
/// caches. A source yields what it holds — specs, and one summary per package and tag — in a fixed order, with a bad
/// page or index as an error value; what it reports besides (skipped records, downloads, progress) goes to the
/// observer the caller passes with each read. A source keeps no state of a read, so the objects it wrote can reopen
/// it later, from another cmdlet (<see cref="CachePackage.Origin"/>, <see cref="CacheTag.Origin"/>).
/// Only the page tree also yields pages (<see cref="PageTreeSource.ReadPages"/>), for the page audit.
/// </summary>
internal interface ISpecSource
{
    /// <summary>
    /// True when a read reads whole build-cache indexes (a download, a scan of megabytes), whatever the query:
    /// a caller with many piped packages or tags of this source gathers them and reads it once.
    /// </summary>
    bool ReadsIndexes { get; }

    /// <summary>The specs the query matches.</summary>
    IEnumerable<SourceResult<CacheSpec>> ReadSpecs(CompiledQuery query, ISourceObserver observer, CancellationToken cancellationToken);

    /// <summary>
    /// One summary per package and tag the query matches. Without spec criteria (only names and tags) a summary
    /// describes the whole package: a page's meta, or every record of an index. With spec criteria it is computed
    /// from the matching specs alone, and a package without any is left out; so it equals what
    /// <see cref="Aggregation.PackageSummary"/> makes of <see cref="ReadSpecs"/>.
    /// </summary>
    IEnumerable<SourceResult<CachePackage>> ReadPackages(CompiledQuery query, ISourceObserver observer, CancellationToken cancellationToken);
}
