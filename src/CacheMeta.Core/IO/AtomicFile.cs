using System;
using System.IO;

namespace CacheMeta.IO;

/// <summary>
/// Files that readers see either whole or not at all, also with two sessions writing at once: content is
/// written to a uniquely named temporary file beside the target (same folder, so the same file system),
/// flushed, checked by the caller, and only then renamed into place, which replaces atomically.
/// </summary>
internal static class AtomicFile
{
    private const string TempSuffix = ".tmp";

    /// <summary>A fresh temporary file name in <paramref name="folder"/>, created empty.</summary>
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

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>, replacing what is there, atomically.</summary>
    public static void WriteAllBytes(string path, byte[] content)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string temp = CreateTemp(folder, Path.GetFileName(path));
        try
        {
            using (var stream = new FileStream(temp, FileMode.Truncate, FileAccess.Write))
            {
                stream.Write(content, 0, content.Length);
                stream.Flush(flushToDisk: true);
            }

            Replace(temp, path);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Moves a finished temporary file into place, replacing the target.</summary>
    public static void Replace(string temp, string path)
    {
#if NETSTANDARD2_0
        if (File.Exists(path))
        {
            File.Replace(temp, path, destinationBackupFileName: null);
            return;
        }

        try
        {
            File.Move(temp, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Replace(temp, path, destinationBackupFileName: null); // another session got there first
        }
#else
        File.Move(temp, path, overwrite: true);
#endif
    }

    /// <summary>
    /// Moves a finished temporary file to a content-addressed path. When the path exists already (another
    /// session stored the same content), the temporary file is dropped: both hold the same bytes.
    /// </summary>
    public static void MoveIfAbsent(string temp, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            TryDelete(temp);
            return;
        }

        try
        {
            File.Move(temp, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            TryDelete(temp);
        }
    }

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
            return false;
        }
    }
}
