using System;
using System.IO;
using System.IO.Compression;
using CacheMeta.Index.Snapshot;

namespace CacheMeta.Index;

/// <summary>
/// A build-cache index ready to read from the local disk: a file of the cache folder (already verified)
/// or of a local mirror. The file may be gzip-compressed (v3 blobs can be); the magic bytes decide.
/// The file is opened when the entry is made, so a cache entry that another session replaces (and
/// evicts) a moment later is still read whole: an open file outlives its deletion.
/// </summary>
internal sealed class LocalIndex : IDisposable
{
    private FileStream? _held;

    private LocalIndex(string path, string origin, FileStream held)
    {
        Path = path;
        Origin = origin;
        _held = held;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Where the index came from: the URL it was downloaded from, or the file itself.</summary>
    public string Origin { get; }

    /// <summary>
    /// The snapshot of a cached blob's records (null for a file given by path: it has no cheap key that says it is
    /// unchanged).
    /// </summary>
    public IndexSnapshot? Snapshot { get; private set; }

    /// <summary>This index with the snapshot kept for it.</summary>
    internal LocalIndex WithSnapshot(IndexSnapshot? snapshot)
    {
        Snapshot = snapshot;
        return this;
    }

    /// <summary>Opens the file; null when it does not exist (a cache entry evicted meanwhile).</summary>
    public static LocalIndex? TryOpen(string path, string origin)
    {
        try
        {
            return new LocalIndex(path, origin, OpenFile(path));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Closes the file if it was never read.</summary>
    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }

    /// <summary>Opens the index text, decompressing gzip; <paramref name="file"/> shows how far the file has been read.</summary>
    internal Stream Open(out FileStream file)
    {
        file = _held ?? OpenFile(Path); // the held file goes to the first reader, which disposes it
        _held = null;
        return Decompressed(file);
    }

    /// <summary>
    /// Opens the file once more, unbuffered, for a reading of its own beside the first (a look-ahead): the caller
    /// disposes it. Throws as opening a file does when it is gone.
    /// </summary>
    internal FileStream OpenAgain() =>
        new(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.RandomAccess);

    /// <summary>The index text of a file opened once more (<see cref="OpenAgain"/>), decompressing gzip.</summary>
    internal Stream OpenTextAgain() => Decompressed(OpenAgain());

    private static Stream Decompressed(FileStream file)
    {
        file.Position = 0;
        int first = file.ReadByte(), second = file.ReadByte();
        file.Position = 0;
        return first == 0x1f && second == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    // FileShare.Delete: another session may replace or evict the cache entry while this one reads it.
    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
}
