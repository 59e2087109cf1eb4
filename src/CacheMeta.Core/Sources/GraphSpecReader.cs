using System.Collections.Generic;
using System.Threading;
using CacheMeta.Graph;
using CacheMeta.Index;
using CacheMeta.Query;

namespace CacheMeta.Sources;

/// <summary>
/// The specs of one index for a query with <c>^</c> terms, which only the index's graph can answer: the index is read
/// whole into a graph (every record's edges; the values only of the packages the query can return or asks more of
/// than a name, version or hash), then each spec in the build cache is checked, its dependencies through the graph.
/// Specs come in file order once the index is read. A query without <c>^</c> never comes here: it streams through
/// <see cref="IndexSpecReader"/>, which reads no more than it needs.
/// </summary>
internal static class GraphSpecReader
{
    public static IEnumerable<CacheSpec> Read(LocalIndex index, IndexReadScope scope, CompiledQuery query, ISourceObserver observer,
        CancellationToken cancellationToken)
    {
        var options = new GraphReadOptions
        {
            Tag = scope.Tag,
            Origin = scope.Origin,
            Observer = observer,
            ValuesFor = query.NeedsRecordValues,
            StacksOf = hash =>
            {
                scope.Saw(hash); // before its own stacks are asked for, as the streaming reader notes each record first
                return scope.StacksOf(hash);
            },
        };
        var graph = IndexGraphReader.Read(index, options, cancellationToken);
        foreach (var node in graph.Nodes)
        {
            scope.Saw(node.Hash); // the records read without values, for the stacks of the indexes still to come
        }

        var tally = query.NewMemo().Tally;
        foreach (var spec in graph.Specs)
        {
            if (!query.MatchesName(spec.Package) || !query.MatchesHash(spec.Hash) || !scope.Claim(spec.Hash!))
            {
                continue;
            }

            if (tally is { Open: true })
            {
                tally.ObserveRecord(spec.Compiler, spec.OS, spec.Platform, spec.Target, spec.TargetFamily, spec.Stacks);
            }

            if (query.MatchesSpec(spec, graph))
            {
                yield return spec;
            }
        }
    }
}
