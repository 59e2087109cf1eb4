using System;
using System.Collections.Generic;
using System.Threading;
using CacheMeta.Http;
using CacheMeta.Pages;
using CacheMeta.Query;

namespace CacheMeta.Sources;

/// <summary>
/// Single build caches, as a site's own mirrors: each address is a mirror root (v3 or v2 layout, found by
/// looking), an <c>index.json</c>, an index manifest or an index blob; a URL or a local folder or file.
/// A mirror has no tag and no stacks, so its specs have neither.
/// </summary>
public sealed class MirrorSource : ICacheSource
{
    private readonly IReadOnlyList<string> _addresses;
    private readonly IndexFetcher _fetcher;
    private readonly ISourceObserver _observer;

    /// <summary>Creates the source.</summary>
    public MirrorSource(IReadOnlyList<string> addresses, IndexFetcher fetcher, ISourceObserver? observer = null)
    {
        _addresses = addresses;
        _fetcher = fetcher;
        _observer = observer ?? NullSourceObserver.Instance;
    }

    /// <inheritdoc />
    public string Description => string.Join(", ", _addresses);

    /// <inheritdoc />
    public IEnumerable<PageResult> Read(CompiledQuery query, PageReadOptions options, CancellationToken cancellationToken)
    {
        var reader = new IndexGroupReader(_fetcher, _observer);
        foreach (string address in _addresses)
        {
            var index = LabelledIndex.Create(null, address, null, ErrorIds.IndexNotFound, out var error);
            if (index is null)
            {
                yield return error!;
                continue;
            }

            foreach (var result in reader.Read(null, new[] { index }, query, options.PackageOnly, completeStacks: false, cancellationToken))
            {
                yield return result;
            }
        }
    }
}
