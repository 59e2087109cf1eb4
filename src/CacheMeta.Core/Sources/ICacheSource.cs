using System.Collections.Generic;
using System.Threading;
using CacheMeta.Pages;
using CacheMeta.Query;

namespace CacheMeta.Sources;

/// <summary>
/// A place spec records come from, read as pages (one per tag and package): a tree of cache pages, a
/// mirror's build-cache index, the public cache's catalog. Every cmdlet reads through this, so a new kind
/// of source works with all of them. Results stream; a bad item is a <see cref="PageResult"/> with an error.
/// <para>With <see cref="PageReadOptions.PackageOnly"/> each result is one whole package of one tag, with its
/// summary. Otherwise a result carries the specs that matched, and a source whose records are not grouped
/// by package (a build-cache index lists them by hash) may deliver one package's specs over several
/// results: consumers of specs group by Tag and Package themselves.</para>
/// </summary>
public interface ICacheSource
{
    /// <summary>What the source is, for messages: a path or URL.</summary>
    string Description { get; }

    /// <summary>Reads the pages the query can match, in a fixed order.</summary>
    IEnumerable<PageResult> Read(CompiledQuery query, PageReadOptions options, CancellationToken cancellationToken);
}
