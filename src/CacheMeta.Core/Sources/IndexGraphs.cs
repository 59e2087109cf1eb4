using System;
using System.Collections.Generic;
using System.Threading;
using CacheMeta.Graph;
using CacheMeta.Query;

namespace CacheMeta.Sources;

/// <summary>
/// The graphs that specs' dependencies are walked in, each read once: a spec of a catalog tag is answered by the tag's
/// root index (the tag's whole cache, whichever stack index gave the spec), a mirror's spec by the index it came from.
/// One instance serves one pipeline (a cmdlet keeps it for its lifetime); a graph that could not be read is remembered
/// as its error, so the same failure is not met again for every spec of that source.
/// </summary>
internal sealed class IndexGraphs
{
    private static readonly IReadOnlyList<string> RootStacks = new ValueList(new[] { Catalog.RootLabel });

    private readonly Dictionary<(IIndexSource Source, string Key), SourceResult<IndexGraph>> _graphs = new();

    /// <summary>How many graphs were read (or failed) so far.</summary>
    public int Count => _graphs.Count;

    /// <summary>
    /// The graph that holds <paramref name="spec"/>'s record, read now when it is the first spec of its index;
    /// <paramref name="first"/> is true then (a failure is the caller's to report once).
    /// </summary>
    public SourceResult<IndexGraph> For(IIndexSource source, CacheSpec spec, ISourceObserver observer, CancellationToken cancellationToken,
        out bool first)
    {
        var key = (source, source.GraphKey(spec));
        first = !_graphs.TryGetValue(key, out var graph);
        if (first)
        {
            graph = Read(source, spec, observer, cancellationToken);
            _graphs.Add(key, graph);
        }

        return graph!;
    }

    /// <summary>
    /// Reads the graph of the index that holds <paramref name="spec"/>, every record's values kept (a dependency in
    /// the cache is written with its spec record): a catalog tag's root index, else the group's one index, else the
    /// one the spec names as its <see cref="CacheSpec.Source"/>.
    /// </summary>
    public static SourceResult<IndexGraph> Read(IIndexSource source, CacheSpec spec, ISourceObserver observer, CancellationToken cancellationToken)
    {
        var fetcher = source.Fetcher(observer);
        var tags = new CompiledQuery(new SpecQuery { Tag = spec.Tag is null ? null : new[] { Wildcard.Escape(spec.Tag) } });
        CacheMetaException? failed = null;
        var candidates = new List<(LabelledIndex Index, bool Root)>();
        foreach (var group in source.Groups(tags, fetcher, observer, cancellationToken))
        {
            if (group.Error is not null)
            {
                failed ??= group.Error; // a bad stack entry does not keep the root from being read
                continue;
            }

            if (group.Value!.Tag == spec.Tag)
            {
                if (group.Value.Root is { } root)
                {
                    candidates.Add((root, true));
                }
                else
                {
                    foreach (var index in group.Value.Indexes)
                    {
                        candidates.Add((index, false));
                    }
                }
            }
        }

        foreach (var (index, root) in candidates)
        {
            var fetched = index.Fetch(fetcher, cancellationToken);
            if (fetched.Error is not null)
            {
                if (candidates.Count == 1)
                {
                    return SourceResult<IndexGraph>.Failed(fetched.Error);
                }

                failed ??= fetched.Error;
                continue;
            }

            using var local = fetched.Value!;
            if (candidates.Count > 1 && !string.Equals(local.Origin, spec.Source, StringComparison.Ordinal))
            {
                continue;
            }

            var options = new GraphReadOptions { Tag = spec.Tag, Origin = source, Observer = observer, StacksOf = root ? _ => RootStacks : null };
            try
            {
                return SourceResult<IndexGraph>.Of(IndexGraphReader.Read(local, options, cancellationToken));
            }
            catch (CacheMetaException ex)
            {
                return SourceResult<IndexGraph>.Failed(ex);
            }
        }

        return SourceResult<IndexGraph>.Failed(failed ?? new CacheMetaException(ErrorIds.SpecNotInIndex, CacheErrorKind.ObjectNotFound,
            $"No index of the source that read '{spec}' is the one it came from ({spec.Source}).", spec.Source ?? spec.ToString()));
    }
}
