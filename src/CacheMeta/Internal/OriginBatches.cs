using System.Collections.Generic;
using System.Linq;
using CacheMeta.Query;
using CacheMeta.Sources;

namespace CacheMeta.Commands.Internal;

/// <summary>
/// Piped packages and tags, gathered by the source they came from, so that each source is read once for all of
/// them: reading an index once per piped package would read it as many times as it has packages.
/// </summary>
internal sealed class OriginBatches
{
    private readonly List<OriginBatch> _batches = new();

    /// <summary>The batches, in the order their sources were first met.</summary>
    public IReadOnlyList<OriginBatch> Batches => _batches;

    /// <summary>The batch of <paramref name="origin"/> (sources are told apart by reference).</summary>
    public OriginBatch For(ISpecSource origin)
    {
        var batch = _batches.Find(b => ReferenceEquals(b.Origin, origin));
        if (batch is null)
        {
            _batches.Add(batch = new OriginBatch(origin));
        }

        return batch;
    }
}

/// <summary>What to read from one source: the names and tags to ask for, and what to keep of what it gives.</summary>
internal sealed class OriginBatch
{
    private readonly HashSet<(string? Tag, string? Package)> _wanted = new();

    public OriginBatch(ISpecSource origin) => Origin = origin;

    public ISpecSource Origin { get; }

    /// <summary>Asks for one package of one tag (no tag: a mirror's package).</summary>
    public void AddPackage(string? tag, string package) => _wanted.Add((tag, package));

    /// <summary>Asks for every package of a tag.</summary>
    public void AddTag(string tag) => _wanted.Add((tag, null));

    /// <summary>True for a spec of what was asked for (a name pattern can match more, and tags and names cross).</summary>
    public bool Wants(CacheSpec spec) =>
        _wanted.Contains((spec.Tag, spec.Package)) || (spec.Tag is not null && _wanted.Contains((spec.Tag, null)));

    /// <summary>
    /// The user's filters narrowed to what was asked for, where the user named no package or tag: a page tree then
    /// skips other folders and a catalog reads only the tags asked for.
    /// </summary>
    public SpecQuery Narrow(SpecQuery query)
    {
        if (SpecQuery.IsEmpty(query.Name) && _wanted.All(w => w.Package is not null))
        {
            query.Name = _wanted.Select(w => Wildcard.Escape(w.Package!)).Distinct().ToArray();
        }

        if (SpecQuery.IsEmpty(query.Tag) && _wanted.All(w => w.Tag is not null))
        {
            query.Tag = _wanted.Select(w => Wildcard.Escape(w.Tag!)).Distinct().ToArray();
        }

        return query;
    }
}
