using System;
using System.IO;
using CacheMeta.IO;
using CacheMeta.Sources;

namespace CacheMeta.Index.Snapshot;

/// <summary>
/// Where the snapshot of one cached index blob lives (beside the blobs, named by the blob's SHA-256), and the two
/// things done with it: read it when it is whole and current, else write it after a whole JSON read. Neither ever
/// fails the query: a snapshot that is missing, stale or corrupt is read past (the JSON is read, and the snapshot
/// written anew), and one that cannot be written (a read-only cache folder) is skipped.
/// </summary>
internal sealed class IndexSnapshot
{
    private readonly byte[] _sha256;

    public IndexSnapshot(string path, byte[] sha256)
    {
        Path = path;
        _sha256 = sha256;
    }

    /// <summary>The snapshot file.</summary>
    public string Path { get; }

    /// <summary>The records of the snapshot, when it is the blob's and whole; else null (the reason is verbose output).</summary>
    public SnapshotRecords? TryRead(string origin, ISourceObserver observer)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(Path))
            {
                return null;
            }

            bytes = File.ReadAllBytes(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            observer.Verbose($"The index snapshot {Path} could not be read ({ex.Message}); reading the index itself.");
            return null;
        }

        var file = SnapshotFile.Check(bytes, _sha256, out string? problem);
        if (file is null)
        {
            observer.Verbose($"Ignoring the index snapshot {Path}: {problem}. Reading the index itself, and writing the snapshot anew.");
            return null;
        }

        observer.Verbose($"Reading {origin} from its snapshot {Path}.");
        return new SnapshotRecords(file, origin, bytes.Length, observer);
    }

    /// <summary>Writes the snapshot in one step (never half a file); a failure is verbose output, not an error.</summary>
    public void TryWrite(SnapshotWriter writer, ISourceObserver observer)
    {
        try
        {
            AtomicFile.WriteAllBytes(Path, writer.ToArray(_sha256), overwrite: true);
            observer.Verbose($"Wrote the index snapshot {Path} ({writer.Count:N0} records).");
        }
        catch (Exception ex) when (ex is CacheMetaException or IOException or UnauthorizedAccessException)
        {
            observer.Verbose($"The index snapshot {Path} was not written ({ex.Message}); the next query reads the index itself again.");
        }
    }
}
