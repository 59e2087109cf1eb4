using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CacheMeta.Query;

namespace CacheMeta.Sources;

/// <summary>Several sources read one after the other, in order (several catalogs on one command line).</summary>
internal sealed class SourceList : ISpecSource
{
    private readonly IReadOnlyList<ISpecSource> _sources;

    private SourceList(IReadOnlyList<ISpecSource> sources) => _sources = sources;

    /// <inheritdoc />
    public bool ReadsIndexes => _sources.Any(s => s.ReadsIndexes);

    /// <summary>True when every source of the list is made of build-cache indexes (several catalogs), which record dependencies.</summary>
    public bool IsIndexes => _sources.All(s => s is IIndexSource);

    /// <summary>The one source itself, or a list of several.</summary>
    public static ISpecSource Of(IReadOnlyList<ISpecSource> sources) => sources.Count == 1 ? sources[0] : new SourceList(sources);

    /// <inheritdoc />
    public IEnumerable<SourceResult<CacheSpec>> ReadSpecs(CompiledQuery query, ISourceObserver observer, CancellationToken cancellationToken) =>
        _sources.SelectMany(s => s.ReadSpecs(query, observer, cancellationToken));

    /// <inheritdoc />
    public IEnumerable<SourceResult<CachePackage>> ReadPackages(CompiledQuery query, ISourceObserver observer, CancellationToken cancellationToken) =>
        _sources.SelectMany(s => s.ReadPackages(query, observer, cancellationToken));
}
