using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Threading;
using CacheMeta.Index;
using CacheMeta.Index.Snapshot;
using CacheMeta.Query;
using CacheMeta.Tests.Support;

namespace CacheMeta.Tests.Index.Snapshot;

/// <summary>What one read of an index gave, as values: every spec with all its properties, the warnings, the error.</summary>
internal sealed record Reading(IReadOnlyList<string> Specs, IReadOnlyList<string> Warnings, string? Error, IReadOnlyList<string> Verbose)
{
    /// <summary>The read without its verbose lines (which say where the records came from).</summary>
    public string Outcome => string.Join("\n", Specs) + "\n--\n" + string.Join("\n", Warnings) + "\n--\n" + Error;
}

/// <summary>Reads an index file with a query, from its JSON or through a snapshot kept in a test folder.</summary>
internal static class SnapshotReading
{
    /// <summary>The snapshot place for an index file's bytes, keyed by their SHA-256.</summary>
    public static IndexSnapshot SnapshotFor(string indexPath, string snapshotPath) =>
        new(snapshotPath, SHA256.HashData(File.ReadAllBytes(indexPath)));

    public static Reading Read(string path, CompiledQuery query, IndexSnapshot? snapshot)
    {
        using var index = LocalIndex.TryOpen(path, "index.json")!.WithSnapshot(snapshot);
        var observer = new RecordingObserver();
        var specs = new List<string>();
        string? error = null;
        try
        {
            foreach (var spec in new IndexSpecReader(index, new IndexReadScope(null), query, observer).Read(CancellationToken.None))
            {
                specs.Add(Render(spec));
            }
        }
        catch (CacheMetaException ex)
        {
            error = ex.ErrorId + ": " + ex.Message;
        }

        return new Reading(specs, observer.Warnings.ToList(), error, observer.Verbose.ToList());
    }

    /// <summary>Every public property of a spec (edges with their whole hash, types and virtuals).</summary>
    public static string Render(CacheSpec spec) => string.Join(" | ", typeof(CacheSpec)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0)
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .Select(p => p.Name + "=" + Value(p.GetValue(spec))));

    private static string Value(object? value) => value switch
    {
        null => "null",
        string text => text,
        DependencyEdge edge => edge.Name + "/" + edge.Hash + "[" + edge.Types + "]" + string.Join(",", edge.Virtuals),
        IEnumerable list => "[" + string.Join(";", list.Cast<object?>().Select(Value)) + "]",
        _ => value.ToString() ?? "",
    };
}
