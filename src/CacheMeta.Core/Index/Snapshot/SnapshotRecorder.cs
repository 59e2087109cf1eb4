using System;
using CacheMeta.Sources;

namespace CacheMeta.Index.Snapshot;

/// <summary>
/// Takes the records of a JSON read as it goes (<see cref="JsonIndexRecords"/>) and, when the read has come to the end
/// of the document, writes them as the blob's snapshot. A key the reader passes over without its record is kept as a
/// key alone.
/// </summary>
internal sealed class SnapshotRecorder
{
    private readonly IndexSnapshot _snapshot;
    private readonly ISourceObserver _observer;
    private SnapshotWriter? _writer;
    private string? _pending;

    public SnapshotRecorder(IndexSnapshot snapshot, ISourceObserver observer)
    {
        _snapshot = snapshot;
        _observer = observer;
    }

    /// <summary>The document is open: its database version is known.</summary>
    public void Start(int databaseVersion) => _writer = new SnapshotWriter(databaseVersion);

    /// <summary>The next record's key.</summary>
    public void Key(string key)
    {
        Flush();
        _pending = key;
    }

    /// <summary>The current record, taken by the quick reading (see <see cref="SnapshotWriter.Quick"/>).</summary>
    public void Quick(string name, string version, bool quickInBuildcache, string? problem, IndexRecord whole)
    {
        Writer.Quick(Pending(), name, version, quickInBuildcache, problem, whole);
    }

    /// <summary>The current record, kept as its text.</summary>
    public void Raw(ReadOnlySpan<byte> json) => Writer.Raw(Pending(), json);

    /// <summary>The whole document has been read: the snapshot is written (or, when it cannot be, skipped).</summary>
    public void Commit()
    {
        Flush();
        _snapshot.TryWrite(Writer, _observer);
    }

    private SnapshotWriter Writer => _writer ?? throw new InvalidOperationException("The recording has not started.");

    private string Pending()
    {
        string key = _pending ?? throw new InvalidOperationException("A record came without its key.");
        _pending = null;
        return key;
    }

    private void Flush()
    {
        if (_pending is not null)
        {
            Writer.KeyOnly(_pending);
            _pending = null;
        }
    }
}
