using System;

namespace CacheMeta.Index;

/// <summary>
/// The records of one index, one at a time, as <see cref="IndexSpecReader"/> takes them: a key, then (when the key
/// is a hash) the record read for a query's names. Two readings give them: the JSON text itself
/// (<see cref="JsonIndexRecords"/>) and the binary snapshot of a cached index (<see cref="Snapshot.SnapshotRecords"/>),
/// which must give exactly what the JSON gives.
/// </summary>
internal interface IIndexRecords : IDisposable
{
    /// <summary>The database version, known after <see cref="Open"/>.</summary>
    int Version { get; }

    /// <summary>Reads up to the first record.</summary>
    void Open();

    /// <summary>
    /// Moves to the next record; false at the end of the index (which is then checked whole). Given
    /// <paramref name="passOver"/> (the names a query rules out), a reading may pass over records it knows give nothing
    /// under that query: not in the build cache for it, no warning, and no other record's compiler (the snapshot knows).
    /// </summary>
    bool Next(Func<string, bool>? passOver, out string key);

    /// <summary>
    /// Fills <paramref name="record"/> with the current record as the JSON reading fills it for a query wanting the
    /// names <paramref name="wantName"/> accepts; null on success, else why the record is malformed.
    /// </summary>
    string? Parse(Func<string, bool> wantName, IndexRecord record);

    /// <summary>
    /// The name and version of the first record keyed <paramref name="key"/>, in file order, that reads without a problem
    /// for <paramref name="wantName"/>, wherever it lies: a spec's compiler (which may come later in the file). False
    /// when the index has none. <paramref name="certain"/> is false when what was found lies ahead of the current record
    /// and may be an object of that key outside the records (a search by the key's bytes): the caller checks it when it
    /// gets there.
    /// </summary>
    bool TryLookAhead(string key, Func<string, bool> wantName, out string name, out string version, out bool certain);

    /// <summary>Reports how far the read is, now and then.</summary>
    void Tick();

    /// <summary>After the last record: the read is whole (a snapshot of it may now be kept).</summary>
    void Complete();
}
