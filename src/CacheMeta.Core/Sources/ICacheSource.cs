using System.Collections.Generic;
using System.Threading;
using CacheMeta.Pages;
using CacheMeta.Query;

namespace CacheMeta.Sources;

/// <summary>
/// A place spec records come from, read as pages (one per tag and package): a tree of cache pages, a
/// mirror's build-cache index, the public cache's catalog. Every cmdlet reads through this, so a new kind
/// of source works with all of them. Results stream; a bad item is a <see cref="PageResult"/> with an error.
/// </summary>
public interface ICacheSource
{
    /// <summary>What the source is, for messages: a path or URL.</summary>
    string Description { get; }

    /// <summary>Reads the pages the query can match, in a fixed order.</summary>
    IEnumerable<PageResult> Read(CompiledQuery query, PageReadOptions options, CancellationToken cancellationToken);
}
