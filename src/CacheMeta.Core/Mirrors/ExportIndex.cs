using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using CacheMeta.Index;

namespace CacheMeta.Mirrors;

/// <summary>
/// The records of an export's new index, gathered as the plan says: one pass over the source's index for the
/// records the exported specs reach, one over the destination's existing index (when there is one) for the records
/// it keeps; each with <c>in_buildcache</c> as the plan has it. <see cref="Build"/> gives the index document.
/// </summary>
internal static class ExportIndex
{
    /// <summary>The new index's records and database version (the source's).</summary>
    /// <exception cref="CacheMetaException">
    /// MirrorMismatch when the destination's index has another database version; InvalidIndex when an index no longer
    /// has a record the plan was made from (it changed between the readings).
    /// </exception>
    public static RawIndex Gather(ExportPlan plan, LocalIndex source, LocalIndex? destination, CancellationToken cancellationToken)
    {
        var fromSource = Take(source, plan.SourceRecords, cancellationToken);
        var records = fromSource.Records.Select(record => record.WithInBuildcache(plan.InCache(record.Hash))).ToList();
        if (destination is not null)
        {
            var fromDestination = Take(destination, plan.KeptRecords, cancellationToken);
            if (Number(fromDestination.Version) != Number(fromSource.Version))
            {
                throw new CacheMetaException(ErrorIds.MirrorMismatch, CacheErrorKind.InvalidArgument,
                    $"The destination's index has database version {fromDestination.Version} and the source's {fromSource.Version}; one index cannot hold records of both. Choose another destination.",
                    destination.Origin);
            }

            records.AddRange(fromDestination.Records.Select(record => record.WithInBuildcache(plan.InCache(record.Hash))));
        }

        return new RawIndex(fromSource.Version, records);
    }

    /// <summary>The index document for <see cref="Gather"/>'s records.</summary>
    public static byte[] Build(RawIndex records) => IndexWriter.ToBytes(records.Version, records.Records);

    private static RawIndex Take(LocalIndex index, IReadOnlyList<string> hashes, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(hashes, StringComparer.Ordinal);
        var raw = RawRecordExtractor.Extract(index, wanted.Contains, cancellationToken);
        if (raw.Records.Count != wanted.Count)
        {
            wanted.ExceptWith(raw.Records.Select(record => record.Hash));
            throw new CacheMetaException(ErrorIds.InvalidIndex, CacheErrorKind.InvalidData,
                $"The index no longer has {wanted.Count} of the records the export was planned from (first {wanted.OrderBy(h => h, StringComparer.Ordinal).First()}); it changed while it was read. Run the export again.",
                index.Origin);
        }

        return raw;
    }

    private static int Number(string version) => int.Parse(version, NumberStyles.None, CultureInfo.InvariantCulture);
}
