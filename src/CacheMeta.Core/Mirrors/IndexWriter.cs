using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace CacheMeta.Mirrors;

/// <summary>
/// Writes a build-cache index: the Database document Spack reads (<c>{"database": {"version": "8", "installs":
/// {hash: {"spec": ..., "ref_count": n, "in_buildcache": b}}}}</c>), compact as Spack writes it (no spaces, version
/// before installs), records ordered by hash so the same records always give the same bytes.
/// <list type="bullet">
/// <item><c>spec</c>: the source's bytes, written through unchanged (<see cref="Utf8JsonWriter.WriteRawValue(ReadOnlySpan{byte}, bool)"/>
/// checks they are one JSON value, so a damaged record cannot make the whole index unreadable).</item>
/// <item><c>ref_count</c>: how many of the written records list this one among their dependencies, as Spack counts
/// it. Spack builds an index by adding each spec file to an empty database (binary_distribution.py,
/// <c>_read_specs_and_push_index</c>: <c>db.add(spec)</c> then <c>db.mark(spec, "in_buildcache", True)</c>);
/// <c>Database._add</c> (database.py) adds every dependency reached through the DAG hash's edge types first and
/// then, for each edge of a new record, does <c>record.ref_count += 1</c> on the dependency's record;
/// <c>_check_ref_counts</c> asserts exactly that count. The edges written in a record's spec are those edges, so
/// the count is taken from them; an edge to a hash the index lacks counts for nothing. Deprecation, which also
/// adds to a count, does not exist in a build cache.</item>
/// <item><c>in_buildcache</c>: as the caller says (the plan knows which binaries the mirror holds).</item>
/// </list>
/// The local-database fields (<c>path</c>, <c>installed</c>, <c>explicit</c>, <c>installation_time</c>) are not
/// written: Spack's BuildCacheDatabase writes only these three.
/// </summary>
internal static class IndexWriter
{
    /// <summary>Writes the document for <paramref name="records"/> (one per hash) to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">Two records share a hash.</exception>
    /// <exception cref="CacheMetaException">InvalidIndex: a record's spec bytes are not one JSON object.</exception>
    public static void Write(Stream output, string version, IEnumerable<RawIndexRecord> records)
    {
        var sorted = records.OrderBy(record => record.Hash, StringComparer.Ordinal).ToList();
        for (int i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Hash == sorted[i - 1].Hash)
            {
                throw new ArgumentException($"Two records have the hash {sorted[i].Hash}.", nameof(records));
            }
        }

        var counts = RefCounts(sorted);
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, SkipValidation = false });
        writer.WriteStartObject();
        writer.WriteStartObject("database");
        writer.WriteString("version", version);
        writer.WriteStartObject("installs");
        foreach (var record in sorted)
        {
            writer.WriteStartObject(record.Hash);
            writer.WritePropertyName("spec");
            try
            {
                writer.WriteRawValue(record.Spec, skipInputValidation: false);
            }
            catch (JsonException ex)
            {
                throw new CacheMetaException(ErrorIds.InvalidIndex, CacheErrorKind.InvalidData,
                    $"The spec of record {record.Hash} is not valid JSON: {ex.Message}", record.Hash, innerException: ex);
            }

            writer.WriteNumber("ref_count", counts[record.Hash]);
            writer.WriteBoolean("in_buildcache", record.InBuildcache);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>The document as bytes.</summary>
    public static byte[] ToBytes(string version, IEnumerable<RawIndexRecord> records)
    {
        using var buffer = new MemoryStream();
        Write(buffer, version, records);
        return buffer.ToArray();
    }

    /// <summary>
    /// Each record's <c>ref_count</c>: the number of dependency entries, among the specs of <paramref name="records"/>,
    /// that name its hash (see the class remarks for Spack's rule).
    /// </summary>
    public static Dictionary<string, int> RefCounts(IReadOnlyCollection<RawIndexRecord> records)
    {
        var counts = new Dictionary<string, int>(records.Count, StringComparer.Ordinal);
        foreach (var record in records)
        {
            counts[record.Hash] = 0;
        }

        foreach (var record in records)
        {
            foreach (string dependency in SpecDependencies.Hashes(record.Spec, record.Hash))
            {
                if (counts.TryGetValue(dependency, out int n))
                {
                    counts[dependency] = n + 1;
                }
            }
        }

        return counts;
    }
}
