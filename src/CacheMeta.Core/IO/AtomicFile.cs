using System;
using System.IO;

namespace CacheMeta.IO;

/// <summary>
/// Writes files so that no reader ever sees half of one: the content goes to a temporary file in the same
/// folder (same volume, so the final step is a rename), is flushed to disk, and is then moved over the
/// destination in one step. When anything fails the temporary file is removed and the destination is untouched.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>, creating its folder when needed.</summary>
    /// <exception cref="CacheMetaException">
    /// <c>FileExists</c> (ResourceExists) when the file exists and <paramref name="overwrite"/> is false;
    /// <c>FileWriteFailed</c> (WriteError) for any I/O failure.
    /// </exception>
    public static void WriteAllBytes(string path, byte[] content, bool overwrite)
    {
        if (content is null)
        {
            throw new ArgumentNullException(nameof(content));
        }

        Write(path, stream => stream.Write(content, 0, content.Length), overwrite);
    }

    /// <summary>
    /// Writes what <paramref name="writeContent"/> writes to the stream it is given (a download, a rendered page)
    /// to <paramref name="path"/>. An exception from <paramref name="writeContent"/> leaves the destination untouched
    /// and propagates unchanged.
    /// </summary>
    /// <exception cref="CacheMetaException">As for <see cref="WriteAllBytes"/>.</exception>
    public static void Write(string path, Action<Stream> writeContent, bool overwrite)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        if (writeContent is null)
        {
            throw new ArgumentNullException(nameof(writeContent));
        }

        string target = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(target) ?? throw new ArgumentException("The path names no file.", nameof(path));
        // A dot file with a random part: never taken for a page, never clashing with another writer.
        string temporary = Path.Combine(folder, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
        if (!overwrite && File.Exists(target))
        {
            throw Exists(target);
        }

        bool moved = false;
        try
        {
            Directory.CreateDirectory(folder);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }

            MoveIntoPlace(temporary, target, overwrite);
            moved = true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (!overwrite && File.Exists(target))
            {
                throw Exists(target); // another writer got there first: still not ours to replace
            }

            throw new CacheMetaException(ErrorIds.FileWriteFailed, CacheErrorKind.WriteError,
                "The file could not be written: " + ex.Message, target, innerException: ex);
        }
        finally
        {
            if (!moved)
            {
                TryDelete(temporary);
            }
        }
    }

    private const string TempSuffix = ".tmp";

    /// <summary>A fresh, empty temporary file in <paramref name="folder"/>, for content written in steps and checked before it is kept (downloads).</summary>
    public static string CreateTemp(string folder, string prefix)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, prefix + "." + Guid.NewGuid().ToString("N") + TempSuffix);
        using (new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
        }

        return path;
    }

    /// <summary>True for a temporary file this class made (left behind by a killed session).</summary>
    public static bool IsTemp(string path) => path.EndsWith(TempSuffix, StringComparison.Ordinal);

    /// <summary>Moves a finished temporary file into place, replacing the target in one step.</summary>
    public static void Replace(string temporary, string path) => MoveIntoPlace(temporary, path, overwrite: true);

    /// <summary>
    /// Moves a finished temporary file to a content-addressed path. When the path exists already (another
    /// session stored the same content), the temporary file is dropped: both hold the same bytes.
    /// </summary>
    public static void MoveIfAbsent(string temporary, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            TryDelete(temporary);
            return;
        }

        try
        {
            File.Move(temporary, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            TryDelete(temporary);
        }
    }

    private static void MoveIntoPlace(string temporary, string target, bool overwrite)
    {
#if NET
        // A rename on Unix (rename(2) replaces atomically; without overwrite, link(2) refuses an existing file)
        // and MoveFileEx on Windows.
        File.Move(temporary, target, overwrite);
#else
        if (overwrite && File.Exists(target))
        {
            File.Replace(temporary, target, destinationBackupFileName: null);
            return;
        }

        try
        {
            File.Move(temporary, target);
        }
        catch (IOException) when (overwrite && File.Exists(target))
        {
            File.Replace(temporary, target, destinationBackupFileName: null); // another session got there first
        }
#endif
    }

    private static CacheMetaException Exists(string target) =>
        new(ErrorIds.FileExists, CacheErrorKind.ResourceExists, "The file exists and was not replaced.", target);

    /// <summary>Deletes a file, ignoring failure (it may be gone already or held open elsewhere).</summary>
    public static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the name is a dot file or a .tmp file that no reader takes for data.
            return false;
        }
    }
}
