using System.Management.Automation;
using System.Threading;
using CacheMeta.Graph;
using CacheMeta.Sources;

namespace CacheMeta.Commands.Internal;

/// <summary>
/// The graph of a piped spec's index, for a cmdlet that walks or matches dependencies: read once per index for the
/// cmdlet's lifetime (one pipeline), with progress while it is read. What cannot be answered is a non-terminating
/// error and the next spec goes on: a page spec (DependenciesNotRecorded: pages record none), a spec made by hand
/// (SourceUnknown), an index that cannot be read (its own error, written once for all its specs), a spec the
/// index has no record of (SpecNotInIndex).
/// </summary>
internal sealed class SpecGraphs
{
    private readonly PSCmdlet _cmdlet;
    private readonly IndexGraphs _graphs = new();
    private readonly int _activityId;

    public SpecGraphs(PSCmdlet cmdlet)
    {
        _cmdlet = cmdlet;
        _activityId = (cmdlet.GetType().Name.GetHashCode() & 0x7FFF) + 2;
    }

    /// <summary>Errors written so far.</summary>
    public int Errors { get; private set; }

    /// <summary>The graph holding <paramref name="spec"/>'s record; null, with the error written, when there is none.</summary>
    public IndexGraph? For(CacheSpec spec, CancellationToken cancellationToken)
    {
        if (spec.Dependencies is null)
        {
            return Fail(ErrorIds.DependenciesNotRecorded, ErrorCategory.InvalidArgument, spec,
                $"'{spec}' was read from a cache page ({spec.Source}), and pages do not record dependencies: read the spec from an index source "
                + "(Get-CacheSpec -Mirror or -Catalog, or with no source, the public cache).");
        }

        if (spec.Origin is not IIndexSource source)
        {
            return Fail(ErrorIds.SourceUnknown, ErrorCategory.InvalidArgument, spec,
                $"'{spec}' does not say which index it came from (it was made by hand): read it with Get-CacheSpec -Mirror or -Catalog.");
        }

        var observer = new SourceObserver(_cmdlet, _activityId);
        SourceResult<IndexGraph> graph;
        bool first;
        try
        {
            graph = _graphs.For(source, spec, observer, cancellationToken, out first);
        }
        finally
        {
            observer.Complete();
        }

        if (graph.Error is not null)
        {
            if (first)
            {
                Errors++;
                _cmdlet.WriteError(ErrorRecords.From(graph.Error));
            }

            return null;
        }

        if (graph.Value!.Find(spec.Hash) is null)
        {
            return Fail(ErrorIds.SpecNotInIndex, ErrorCategory.ObjectNotFound, spec,
                $"'{spec}' is not a record of {graph.Value.Source}, the index its dependencies are read from"
                + (spec.Tag is null ? "." : $" (the root index of tag '{spec.Tag}')."));
        }

        return graph.Value;
    }

    private IndexGraph? Fail(ErrorId id, ErrorCategory category, CacheSpec spec, string message)
    {
        Errors++;
        _cmdlet.WriteError(ErrorRecords.Create(id, category, message, spec));
        return null;
    }
}
